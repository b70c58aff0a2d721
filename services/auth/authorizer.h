// Copyright 2026 The Switchboard Authors.
//
// authorizer.h: the decision for one call, free of gRPC so that it is
// tested as a table. First who the caller is (Authenticate), then whether
// that credential may make this call (Authorize, AuthorizeAgent):
//
//   no credential, a malformed one, an unknown token or certificate, an
//   expired credential              -> UNAUTHENTICATED, saying which
//   a known credential of another tenant, a role without the method, an
//   agent credential for another agent   -> PERMISSION_DENIED, saying which
//
// Messages never repeat a token.

#ifndef SWITCHBOARD_SERVICES_AUTH_AUTHORIZER_H_
#define SWITCHBOARD_SERVICES_AUTH_AUTHORIZER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "auth/credentials.h"
#include "auth/role.h"

namespace switchboard::auth {

// What a call presents.
struct CallIdentity {
  // The `authorization` metadata value, when there is one.
  std::optional<std::string> authorization;
  // Common names of the client certificate that TLS verified (none
  // without mutual TLS).
  std::vector<std::string> certificate_names;
};

// The caller's credential: a bearer token when the call has one (it wins
// over a certificate), else the first certificate name with a cert-cn=
// line.
absl::StatusOr<const Credential*> Authenticate(const Credentials& credentials,
                                               const CallIdentity& identity,
                                               absl::Time now);

// The role table (role.h) and the tenant scope: a credential reaches its
// own tenant, or every tenant with tenant=*. `tenant` is kAnyTenant for a
// call that reaches every tenant at once (Reload of a tenants directory),
// and empty for a call about no tenant in particular (ListTenants, which
// then shows only the tenants the credential covers; Echo).
absl::Status Authorize(const Credential& credential, Method method,
                       absl::string_view tenant);

// An agent credential acts only for its own agent id; others pass.
absl::Status AuthorizeAgent(const Credential& credential,
                            absl::string_view agent_id);

// Whether the credential reaches `tenant` (ListTenants shows only those).
bool CoversTenant(const Credential& credential, absl::string_view tenant);

}  // namespace switchboard::auth

#endif  // SWITCHBOARD_SERVICES_AUTH_AUTHORIZER_H_
