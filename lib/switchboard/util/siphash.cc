// Copyright 2026 The Switchboard Authors.

#include "switchboard/util/siphash.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "absl/strings/str_cat.h"

namespace switchboard {
namespace {

uint64_t Load64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct State {
  uint64_t v0, v1, v2, v3;
  void Round() {
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
  }
};

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
  unsigned char buf[16];
  size_t got = 0;
  while (got < sizeof(buf)) {
    const ssize_t n = getrandom(buf + got, sizeof(buf) - got, 0);
    if (n > 0) {
      got += static_cast<size_t>(n);
    } else if (n < 0 && errno != EINTR) {
      break;
    }
  }
  if (got < sizeof(buf)) {  // No getrandom: the C++ library's source.
    std::random_device rd;
    for (size_t i = got; i < sizeof(buf); ++i) {
      buf[i] = static_cast<unsigned char>(rd());
    }
  }
  return SipHashKey{Load64(buf), Load64(buf + 8)};
}

uint64_t SipHash24(const SipHashKey& key, absl::string_view data) {
  State s{0x736f6d6570736575ull ^ key.k0, 0x646f72616e646f6dull ^ key.k1,
          0x6c7967656e657261ull ^ key.k0, 0x7465646279746573ull ^ key.k1};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const size_t n = data.size();
  const size_t whole = n - n % 8;
  for (size_t i = 0; i < whole; i += 8) {
    const uint64_t m = Load64(p + i);
    s.v3 ^= m;
    s.Round();
    s.Round();
    s.v0 ^= m;
  }
  uint64_t last = static_cast<uint64_t>(n & 0xff) << 56;
  for (size_t i = whole; i < n; ++i) {
    last |= static_cast<uint64_t>(p[i]) << (8 * (i - whole));
  }
  s.v3 ^= last;
  s.Round();
  s.Round();
  s.v0 ^= last;
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.Round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

}  // namespace switchboard
