// Copyright 2026 The Switchboard Authors.

#include "switchboard/util/siphash.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"

namespace switchboard {
namespace {

uint64_t Load64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void Store64(uint64_t v, unsigned char* p) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

// libsodium's functions are safe to call only after sodium_init(); it may
// be called any number of times, from any thread once the first returned.
void InitSodium() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

}  // namespace

absl::StatusOr<SipHashKey> SipHashKeyFromBytes(absl::string_view bytes) {
  if (bytes.size() != 16) {
    return absl::InvalidArgumentError(
        absl::StrCat("a SipHash key is 16 bytes, not ", bytes.size()));
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  return SipHashKey{Load64(p), Load64(p + 8)};
}

SipHashKey RandomSipHashKey() {
  InitSodium();
  unsigned char buf[16];
  randombytes_buf(buf, sizeof(buf));
  return SipHashKey{Load64(buf), Load64(buf + 8)};
}

uint64_t SipHash24(const SipHashKey& key, absl::string_view data) {
  static_assert(crypto_shorthash_siphash24_KEYBYTES == 16);
  static_assert(crypto_shorthash_siphash24_BYTES == 8);
  InitSodium();
  unsigned char k[16];
  Store64(key.k0, k);
  Store64(key.k1, k + 8);
  unsigned char out[8];
  crypto_shorthash_siphash24(
      out, reinterpret_cast<const unsigned char*>(data.data()), data.size(), k);
  return Load64(out);
}

}  // namespace switchboard
