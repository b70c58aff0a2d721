// Copyright 2026 The Switchboard Authors.
//
// credentials.h: the tokens file (`serve --tokens FILE`): who may call the
// server. One credential per line; '#' starts a comment; blank lines are
// skipped:
//
//   # name        scope          role             identity
//   crm-prod      tenant=acme    role=router      hash=blake2b:9f2c...
//   desk-ann      tenant=acme    role=agent agent=ann  hash=blake2b:...
//   wallboard     tenant=acme    role=supervisor  expires=2027-06-30T00:00:00Z
//   hash=... ops           tenant=*       role=admin cert-cn=ops.example.org
//
// The name is the credential's principal: what the audit trail records.
// `tenant=*` reaches every tenant; any other tenant is that tenant alone.
// `agent=` is required for, and only allowed with, role=agent. `expires=`
// (RFC 3339) is optional. Exactly one identity: `hash=` (a bearer token's
// digest, token.h) or `cert-cn=` (the common name of a client certificate
// that the server's --tls-client-ca verified). Values have no spaces.
// Every error names the file, the line and what is wrong; a file with an
// error is refused whole (SIGHUP then keeps the credentials it had).

#ifndef SWITCHBOARD_SERVICES_AUTH_CREDENTIALS_H_
#define SWITCHBOARD_SERVICES_AUTH_CREDENTIALS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "auth/role.h"
#include "auth/token.h"

namespace switchboard::auth {

inline constexpr absl::string_view kAnyTenant = "*";

struct Credential {
  std::string name;
  std::string tenant;  // A tenant name, or kAnyTenant.
  Role role = Role::kRouter;
  std::string agent;  // role == kAgent: the only agent it acts for.
  std::optional<absl::Time> expires;
  // One of the two identities.
  std::optional<TokenDigest> digest;
  std::string cert_cn;

  // One line of the file (the inverse of Parse, comments aside).
  std::string ToLine() const;
};

// OK for a credential name (1 to 128 of A-Z a-z 0-9 - _ . @);
// INVALID_ARGUMENT saying what is wrong.
absl::Status CheckCredentialName(absl::string_view name);

class Credentials {
 public:
  // Parses a whole file's text; `origin` (the path) prefixes every error.
  static absl::StatusOr<Credentials> Parse(absl::string_view text,
                                           absl::string_view origin);
  // Reads and parses `path`; INVALID_ARGUMENT naming it when unreadable.
  static absl::StatusOr<std::shared_ptr<const Credentials>> Load(
      const std::string& path);

  // The credential of a bearer token (shape already checked), or null.
  // The token is hashed and the digest looked up; the digest the table
  // holds is then compared in constant time. The lookup's timing depends
  // on the digest of what the caller sent, which a caller cannot steer
  // towards a stored digest, so it tells nothing about stored tokens.
  const Credential* FindToken(absl::string_view token) const;
  // The credential of a verified client certificate's common name, or
  // null.
  const Credential* FindCertificate(absl::string_view common_name) const;

  const std::vector<Credential>& all() const { return all_; }

 private:
  std::vector<Credential> all_;
  absl::flat_hash_map<std::string, size_t> by_digest_;  // Raw 32 bytes.
  absl::flat_hash_map<std::string, size_t> by_cert_;
};

}  // namespace switchboard::auth

#endif  // SWITCHBOARD_SERVICES_AUTH_CREDENTIALS_H_
