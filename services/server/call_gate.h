// Copyright 2026 The Switchboard Authors.
//
// call_gate.h: who may make a call, and how many. Every handler of the
// services asks the gate first (before its tenant is admitted or its
// request parsed), so an unauthenticated caller learns nothing and costs
// nothing:
//
//   absl::StatusOr<Caller> caller = gate.Admit(context, Method::kRoute,
//                                              TenantOf(context));
//   if (!caller.ok()) return FinishUnary(context, caller.status());
//
// With a tokens file (serve --tokens, auth/credentials.h) every call needs
// a credential: the "authorization: Bearer <token>" metadata, or a client
// certificate (mutual TLS) whose common name has a cert-cn= line. Errors
// as auth/authorizer.h. Without a tokens file the gate lets every call
// through (the server then listens on loopback only, or behind mutual TLS:
// tls::CheckListenAddress), and a call's principal is its certificate's
// common name, if any.
//
// Abuse limits, each RESOURCE_EXHAUSTED naming the limit:
//   calls_per_credential   token bucket per credential (a stream counts
//                          once, when it opens)
//   max_streams_per_connection, max_streams_per_tenant
//                          RouteStream and StreamOffers calls open at once
//                          on one client connection, and on one tenant
// Reload (SIGHUP) re-reads the tokens file; a file with an error is
// refused and the credentials in use stay.

#ifndef SWITCHBOARD_SERVICES_SERVER_CALL_GATE_H_
#define SWITCHBOARD_SERVICES_SERVER_CALL_GATE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "auth/authorizer.h"
#include "auth/credentials.h"
#include "switchboard/clock.h"
#include "switchboard/tenant/token_bucket.h"

namespace switchboard::server {

struct CallGateOptions {
  // The tokens file; empty: no authentication.
  std::string tokens_file;
  // Calls per second per credential (and its burst: 0 is one second's
  // worth); 0: no limit.
  double calls_per_credential = 0;
  double credential_burst = 0;
  // Open streams; 0: no limit.
  int max_streams_per_connection = 0;
  int max_streams_per_tenant = 0;
  Clock* clock = nullptr;  // Null: the system clock.
};

// Who is calling: the credential (null without a tokens file) and the
// principal the audit trail records.
class Caller {
 public:
  const auth::Credential* credential() const { return credential_; }
  const std::string& principal() const { return principal_; }

 private:
  friend class CallGate;
  std::shared_ptr<const auth::Credentials> credentials_;  // Keeps *credential_.
  const auth::Credential* credential_ = nullptr;
  std::string principal_;
};

class CallGate;

// An open stream's place under the stream limits, given back when the
// slot is destroyed.
class StreamSlot {
 public:
  StreamSlot() = default;
  StreamSlot(StreamSlot&& other) noexcept { *this = std::move(other); }
  StreamSlot& operator=(StreamSlot&& other) noexcept;
  ~StreamSlot();

 private:
  friend class CallGate;
  CallGate* gate_ = nullptr;
  std::string connection_;
  std::string tenant_;
};

class CallGate {
 public:
  // INVALID_ARGUMENT naming the tokens file's line when it is wrong.
  static absl::StatusOr<std::unique_ptr<CallGate>> Create(
      const CallGateOptions& options);

  // Re-reads the tokens file (nothing without one).
  absl::Status Reload();

  bool authenticates() const { return !options_.tokens_file.empty(); }

  // Authenticate, then Authorize.
  absl::StatusOr<Caller> Admit(const grpc::ServerContextBase* context,
                               auth::Method method, absl::string_view tenant);
  absl::StatusOr<Caller> Authenticate(
      const grpc::ServerContextBase* context) const;
  // The role and tenant scope (auth::Authorize), then the per-credential
  // rate.
  absl::Status Authorize(const Caller& caller, auth::Method method,
                         absl::string_view tenant);
  // auth::AuthorizeAgent (OK without a credential).
  static absl::Status AuthorizeAgent(const Caller& caller,
                                     absl::string_view agent_id);
  // Whether the caller reaches `tenant` (true without a credential).
  static bool Covers(const Caller& caller, absl::string_view tenant);

  // A place for a stream of `tenant` on the call's connection.
  absl::StatusOr<StreamSlot> OpenStream(const grpc::ServerContextBase* context,
                                        absl::string_view tenant);

 private:
  friend class StreamSlot;
  explicit CallGate(const CallGateOptions& options) : options_(options) {}
  void CloseStream(const std::string& connection, const std::string& tenant);

  const CallGateOptions options_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const auth::Credentials> credentials_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::unique_ptr<TokenBucket>> rates_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, int> streams_by_connection_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, int> streams_by_tenant_ ABSL_GUARDED_BY(mu_);
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_CALL_GATE_H_
