// Copyright 2026 The Switchboard Authors.
//
// token.h: bearer tokens and what the tokens file keeps of them. A token
// is "sbt_" and 43 base64url characters: 32 bytes from libsodium's
// randombytes_buf (the kernel's random source). The file keeps only its
// BLAKE2b-256 digest (crypto_generichash), written "blake2b:<64 hex>": a
// stolen tokens file lets no one in, and 256 random bits need no slow
// password hash (there is nothing to guess).
//
//   std::string token = NewToken();
//   TokenDigest d = HashToken(token);
//   std::string line_part = FormatDigest(d);     // "blake2b:9f2c..."

#ifndef SWITCHBOARD_SERVICES_AUTH_TOKEN_H_
#define SWITCHBOARD_SERVICES_AUTH_TOKEN_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace switchboard::auth {

inline constexpr absl::string_view kTokenPrefix = "sbt_";
inline constexpr size_t kTokenRandomBytes = 32;
// "sbt_" + base64url of 32 bytes without padding.
inline constexpr size_t kTokenLength = 4 + 43;

using TokenDigest = std::array<uint8_t, 32>;

// A new random token. Aborts if libsodium cannot initialise (no random
// source: nothing secure can be done then).
std::string NewToken();

// OK when `token` has the shape of a token (prefix, length, base64url
// characters); INVALID_ARGUMENT saying what is wrong otherwise (without
// repeating the token).
absl::Status CheckTokenShape(absl::string_view token);

// BLAKE2b-256 of the token's bytes.
TokenDigest HashToken(absl::string_view token);

// "blake2b:" and 64 lowercase hex digits, and back (INVALID_ARGUMENT
// naming what is wrong).
std::string FormatDigest(const TokenDigest& digest);
absl::StatusOr<TokenDigest> ParseDigest(absl::string_view text);

// Constant-time equality (sodium_memcmp).
bool DigestsEqual(const TokenDigest& a, const TokenDigest& b);

}  // namespace switchboard::auth

#endif  // SWITCHBOARD_SERVICES_AUTH_TOKEN_H_
