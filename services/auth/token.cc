// Copyright 2026 The Switchboard Authors.

#include "auth/token.h"

#include <sodium.h>

#include <cstdlib>
#include <iostream>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace switchboard::auth {
namespace {

constexpr absl::string_view kDigestPrefix = "blake2b:";

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::cerr << "libsodium failed to initialise\n";
      std::abort();
    }
  });
}

bool IsBase64Url(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '_';
}

}  // namespace

std::string NewToken() {
  InitSodium();
  unsigned char bytes[kTokenRandomBytes];
  randombytes_buf(bytes, sizeof bytes);
  char encoded[sodium_base64_ENCODED_LEN(
      kTokenRandomBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  return absl::StrCat(kTokenPrefix, encoded);
}

absl::Status CheckTokenShape(absl::string_view token) {
  if (!absl::StartsWith(token, kTokenPrefix)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the token does not start with ", kTokenPrefix));
  }
  if (token.size() != kTokenLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the token has ", token.size(), " characters, not ", kTokenLength));
  }
  for (char c : token.substr(kTokenPrefix.size())) {
    if (!IsBase64Url(c)) {
      return absl::InvalidArgumentError(
          "the token has a character outside base64url (A-Z a-z 0-9 - _)");
    }
  }
  return absl::OkStatus();
}

TokenDigest HashToken(absl::string_view token) {
  InitSodium();
  TokenDigest digest;
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return digest;
}

std::string FormatDigest(const TokenDigest& digest) {
  char hex[2 * 32 + 1];
  sodium_bin2hex(hex, sizeof hex, digest.data(), digest.size());
  return absl::StrCat(kDigestPrefix, hex);
}

absl::StatusOr<TokenDigest> ParseDigest(absl::string_view text) {
  if (!absl::StartsWith(text, kDigestPrefix)) {
    return absl::InvalidArgumentError(
        absl::StrCat("hash must start with ", kDigestPrefix));
  }
  absl::string_view hex = text.substr(kDigestPrefix.size());
  if (hex.size() != 64) {
    return absl::InvalidArgumentError(absl::StrCat("hash has ", hex.size(),
                                                   " hex digits after ",
                                                   kDigestPrefix, ", not 64"));
  }
  TokenDigest digest;
  for (size_t i = 0; i < digest.size(); ++i) {
    int value = 0;
    for (char c : hex.substr(2 * i, 2)) {
      int nibble;
      if (c >= '0' && c <= '9') {
        nibble = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        nibble = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        nibble = c - 'A' + 10;
      } else {
        return absl::InvalidArgumentError(
            "hash has a character that is not a hex digit");
      }
      value = value * 16 + nibble;
    }
    digest[i] = static_cast<uint8_t>(value);
  }
  return digest;
}

bool DigestsEqual(const TokenDigest& a, const TokenDigest& b) {
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace switchboard::auth
