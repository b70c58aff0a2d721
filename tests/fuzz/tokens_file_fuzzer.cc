// Copyright 2026 The Switchboard Authors.
//
// tokens_file_fuzzer.cc: libFuzzer target for the tokens file
// (services/auth/credentials.h) and the authorization header
// (services/auth/authorizer.h).
//
// Input: the whole input is a tokens file; its first line is also tried as
// an authorization header value and as a certificate name against what
// the file gives.
//
// Checks besides "no crash": an error is INVALID_ARGUMENT naming the file
// and a line; what parses keeps the file's rules (a tenant or *, agent=
// with role=agent alone, exactly one identity, unique names) and writes
// back (ToLine) to a line that parses to the same; a header is accepted
// only as a token whose digest is in the file, a certificate name only
// when a cert-cn= line has it, and every refusal is UNAUTHENTICATED and
// never repeats a token.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "auth/authorizer.h"
#include "auth/credentials.h"
#include "fuzz_check.h"
#include "switchboard/tenant/tenant_name.h"

namespace switchboard::auth {
namespace {

void CheckCredential(const Credential& c) {
  FUZZ_CHECK(!c.name.empty());
  FUZZ_CHECK(c.tenant == kAnyTenant || ValidateTenantName(c.tenant).ok());
  FUZZ_CHECK((c.role == Role::kAgent) == !c.agent.empty());
  FUZZ_CHECK(c.digest.has_value() == c.cert_cn.empty());
  absl::StatusOr<Credentials> again = Credentials::Parse(c.ToLine(), "again");
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->all().size() == 1);
  FUZZ_CHECK(again->all()[0].ToLine() == c.ToLine());
}

}  // namespace
}  // namespace switchboard::auth

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace switchboard::auth;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<Credentials> parsed = Credentials::Parse(text, "fuzz.tokens");
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(absl::StartsWith(parsed.status().message(), "fuzz.tokens:"));
    return 0;
  }
  std::set<std::string> names;
  for (const Credential& c : parsed->all()) {
    CheckCredential(c);
    FUZZ_CHECK(names.insert(c.name).second);
    if (!c.cert_cn.empty()) {
      FUZZ_CHECK(parsed->FindCertificate(c.cert_cn) == &c);
    }
  }
  const absl::string_view first = text.substr(0, text.find('\n'));
  const absl::Time now = absl::FromUnixSeconds(1796000000);
  for (const CallIdentity& identity :
       {CallIdentity{std::string(first), {}},
        CallIdentity{std::nullopt, {std::string(first)}}}) {
    absl::StatusOr<const Credential*> who =
        Authenticate(*parsed, identity, now);
    if (who.ok()) {
      FUZZ_CHECK(*who != nullptr);
      if (identity.authorization) {
        FUZZ_CHECK((*who)->digest.has_value());
      } else {
        FUZZ_CHECK((*who)->cert_cn == first);
      }
      continue;
    }
    FUZZ_CHECK(who.status().code() == absl::StatusCode::kUnauthenticated);
    // A refused token of the right shape is never repeated.
    if (identity.authorization && first.size() > 7) {
      const absl::string_view token =
          absl::StripAsciiWhitespace(first.substr(7));
      if (CheckTokenShape(token).ok()) {
        FUZZ_CHECK(!absl::StrContains(who.status().message(), token));
      }
    }
  }
  return 0;
}
