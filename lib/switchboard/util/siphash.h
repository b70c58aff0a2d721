// Copyright 2026 The Switchboard Authors.
//
// siphash.h: SipHash-2-4 (Aumasson and Bernstein, 2012), a keyed 64-bit
// pseudo-random function, computed by libsodium (crypto_shorthash_siphash24). Switchboard uses it to pseudonymise customer
// references: the engine and the journal keep SipHash(key, reference),
// never the reference. Without the key, a stored value cannot be tested
// against a guessed reference (as an unkeyed hash of a customer number
// could, by trying them all); with it, the same reference always gives the
// same value, so repeat contacts are found again after a restart.
//
//   SipHashKey key = SipHashKeyFromBytes(secret);  // 16 bytes
//   uint64_t pseudonym = SipHash24(key, "K-1001");

#ifndef SWITCHBOARD_UTIL_SIPHASH_H_
#define SWITCHBOARD_UTIL_SIPHASH_H_

#include <array>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace switchboard {

// The 128-bit key as two little-endian 64-bit words (k0 = bytes 0..7).
struct SipHashKey {
  uint64_t k0 = 0;
  uint64_t k1 = 0;
  bool operator==(const SipHashKey& o) const {
    return k0 == o.k0 && k1 == o.k1;
  }
};

// The key from exactly 16 bytes; INVALID_ARGUMENT naming the length
// otherwise.
absl::StatusOr<SipHashKey> SipHashKeyFromBytes(absl::string_view bytes);

// A key from libsodium's random source (randombytes_buf: getrandom(2)).
SipHashKey RandomSipHashKey();

uint64_t SipHash24(const SipHashKey& key, absl::string_view data);

}  // namespace switchboard

#endif  // SWITCHBOARD_UTIL_SIPHASH_H_
