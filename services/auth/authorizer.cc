// Copyright 2026 The Switchboard Authors.

#include "auth/authorizer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace switchboard::auth {

absl::StatusOr<const Credential*> Authenticate(const Credentials& credentials,
                                               const CallIdentity& identity,
                                               absl::Time now) {
  const Credential* found = nullptr;
  if (identity.authorization.has_value()) {
    absl::string_view value = *identity.authorization;
    constexpr absl::string_view kScheme = "bearer ";
    if (value.size() < kScheme.size() ||
        !absl::EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) {
      return absl::UnauthenticatedError(
          "malformed credential: the authorization metadata must be "
          "\"Bearer <token>\"");
    }
    absl::string_view token =
        absl::StripAsciiWhitespace(value.substr(kScheme.size()));
    if (absl::Status s = CheckTokenShape(token); !s.ok()) {
      return absl::UnauthenticatedError(
          absl::StrCat("malformed credential: ", s.message()));
    }
    found = credentials.FindToken(token);
    if (found == nullptr) {
      return absl::UnauthenticatedError(
          "unknown token: it is not in the server's tokens file (revoked, or "
          "never issued)");
    }
  } else {
    for (const std::string& name : identity.certificate_names) {
      found = credentials.FindCertificate(name);
      if (found != nullptr) break;
    }
    if (found == nullptr) {
      if (!identity.certificate_names.empty()) {
        return absl::UnauthenticatedError(absl::StrCat(
            "unknown certificate: no cert-cn=",
            identity.certificate_names.front(),
            " line in the server's tokens file, and no bearer token"));
      }
      return absl::UnauthenticatedError(
          "no credential: send the metadata \"authorization: Bearer "
          "<token>\" (switchboard token new makes one), or a client "
          "certificate named in the tokens file");
    }
  }
  if (found->expires && now >= *found->expires) {
    return absl::UnauthenticatedError(
        absl::StrCat("credential ", found->name, " expired at ",
                     absl::FormatTime(absl::RFC3339_sec, *found->expires,
                                      absl::UTCTimeZone())));
  }
  return found;
}

bool CoversTenant(const Credential& credential, absl::string_view tenant) {
  return credential.tenant == kAnyTenant || credential.tenant == tenant;
}

absl::Status Authorize(const Credential& credential, Method method,
                       absl::string_view tenant) {
  if (!RoleAllows(credential.role, method)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "credential ", credential.name, " has role ", RoleName(credential.role),
        ", which may not call ", MethodName(method)));
  }
  if (method == Method::kEcho || tenant.empty() ||
      CoversTenant(credential, tenant)) {
    return absl::OkStatus();
  }
  if (tenant == kAnyTenant) {
    return absl::PermissionDeniedError(
        absl::StrCat("credential ", credential.name, " is for tenant ",
                     credential.tenant, " alone; ", MethodName(method),
                     " here reaches every tenant and needs tenant=*"));
  }
  return absl::PermissionDeniedError(
      absl::StrCat("credential ", credential.name, " is for tenant ",
                   credential.tenant, ", not ", tenant));
}

absl::Status AuthorizeAgent(const Credential& credential,
                            absl::string_view agent_id) {
  if (credential.role != Role::kAgent || credential.agent == agent_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("credential ", credential.name, " acts for agent ",
                   credential.agent, ", not ", agent_id));
}

}  // namespace switchboard::auth
