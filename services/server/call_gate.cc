// Copyright 2026 The Switchboard Authors.

#include "server/call_gate.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace switchboard::server {
namespace {

auth::CallIdentity IdentityOf(const grpc::ServerContextBase* context) {
  auth::CallIdentity identity;
  const auto& metadata = context->client_metadata();
  if (auto it = metadata.find("authorization"); it != metadata.end()) {
    identity.authorization = std::string(it->second.data(), it->second.size());
  }
  // Present only when TLS verified a client certificate.
  std::shared_ptr<const grpc::AuthContext> auth = context->auth_context();
  if (auth != nullptr && auth->IsPeerAuthenticated()) {
    for (const grpc::string_ref& name :
         auth->FindPropertyValues("x509_common_name")) {
      identity.certificate_names.emplace_back(name.data(), name.size());
    }
  }
  return identity;
}

}  // namespace

StreamSlot& StreamSlot::operator=(StreamSlot&& other) noexcept {
  if (this != &other) {
    if (gate_ != nullptr) gate_->CloseStream(connection_, tenant_);
    gate_ = std::exchange(other.gate_, nullptr);
    connection_ = std::move(other.connection_);
    tenant_ = std::move(other.tenant_);
  }
  return *this;
}

StreamSlot::~StreamSlot() {
  if (gate_ != nullptr) gate_->CloseStream(connection_, tenant_);
}

absl::StatusOr<std::unique_ptr<CallGate>> CallGate::Create(
    const CallGateOptions& options) {
  CallGateOptions with_clock = options;
  if (with_clock.clock == nullptr) with_clock.clock = SystemClock();
  std::unique_ptr<CallGate> gate(new CallGate(with_clock));
  if (absl::Status s = gate->Reload(); !s.ok()) return s;
  return gate;
}

absl::Status CallGate::Reload() {
  if (options_.tokens_file.empty()) return absl::OkStatus();
  absl::StatusOr<std::shared_ptr<const auth::Credentials>> loaded =
      auth::Credentials::Load(options_.tokens_file);
  if (!loaded.ok()) return loaded.status();
  absl::MutexLock lock(&mu_);
  credentials_ = *std::move(loaded);
  return absl::OkStatus();
}

absl::StatusOr<Caller> CallGate::Authenticate(
    const grpc::ServerContextBase* context) const {
  auth::CallIdentity identity = IdentityOf(context);
  Caller caller;
  if (!authenticates()) {
    if (!identity.certificate_names.empty()) {
      caller.principal_ = identity.certificate_names.front();
    }
    return caller;
  }
  {
    absl::MutexLock lock(&mu_);
    caller.credentials_ = credentials_;
  }
  absl::StatusOr<const auth::Credential*> found =
      auth::Authenticate(*caller.credentials_, identity, options_.clock->Now());
  if (!found.ok()) return found.status();
  caller.credential_ = *found;
  caller.principal_ = (*found)->name;
  return caller;
}

absl::Status CallGate::Authorize(const Caller& caller, auth::Method method,
                                 absl::string_view tenant) {
  if (caller.credential_ == nullptr) return absl::OkStatus();
  if (absl::Status s = auth::Authorize(*caller.credential_, method, tenant);
      !s.ok()) {
    return s;
  }
  if (options_.calls_per_credential <= 0) return absl::OkStatus();
  TokenBucket* bucket;
  {
    absl::MutexLock lock(&mu_);
    std::unique_ptr<TokenBucket>& b = rates_[caller.credential_->name];
    if (b == nullptr) {
      b = std::make_unique<TokenBucket>(options_.calls_per_credential,
                                        options_.credential_burst,
                                        options_.clock);
    }
    bucket = b.get();  // Buckets live as long as the gate.
  }
  if (bucket->TryTake()) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      absl::StrCat("credential ", caller.credential_->name,
                   " is over its limit of ", options_.calls_per_credential,
                   " calls per second (--calls-per-credential)"));
}

absl::StatusOr<Caller> CallGate::Admit(const grpc::ServerContextBase* context,
                                       auth::Method method,
                                       absl::string_view tenant) {
  absl::StatusOr<Caller> caller = Authenticate(context);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = Authorize(*caller, method, tenant); !s.ok()) return s;
  return caller;
}

absl::Status CallGate::AuthorizeAgent(const Caller& caller,
                                      absl::string_view agent_id) {
  if (caller.credential_ == nullptr) return absl::OkStatus();
  return auth::AuthorizeAgent(*caller.credential_, agent_id);
}

bool CallGate::Covers(const Caller& caller, absl::string_view tenant) {
  return caller.credential_ == nullptr ||
         auth::CoversTenant(*caller.credential_, tenant);
}

absl::StatusOr<StreamSlot> CallGate::OpenStream(
    const grpc::ServerContextBase* context, absl::string_view tenant) {
  std::string connection = context->peer();
  absl::MutexLock lock(&mu_);
  auto count = [](const absl::flat_hash_map<std::string, int>& m,
                  absl::string_view key) {
    auto it = m.find(key);
    return it == m.end() ? 0 : it->second;
  };
  if (options_.max_streams_per_connection > 0 &&
      count(streams_by_connection_, connection) >=
          options_.max_streams_per_connection) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "this connection has ", options_.max_streams_per_connection,
        " streams open, the limit (--max-streams-per-connection)"));
  }
  if (options_.max_streams_per_tenant > 0 &&
      count(streams_by_tenant_, tenant) >= options_.max_streams_per_tenant) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "tenant ", tenant, " has ", options_.max_streams_per_tenant,
        " streams open, the limit (--max-streams-per-tenant)"));
  }
  ++streams_by_connection_[connection];
  ++streams_by_tenant_[tenant];
  StreamSlot slot;
  slot.gate_ = this;
  slot.connection_ = std::move(connection);
  slot.tenant_ = std::string(tenant);
  return slot;
}

void CallGate::CloseStream(const std::string& connection,
                           const std::string& tenant) {
  absl::MutexLock lock(&mu_);
  if (auto it = streams_by_connection_.find(connection);
      it != streams_by_connection_.end() && --it->second <= 0) {
    streams_by_connection_.erase(it);
  }
  if (auto it = streams_by_tenant_.find(tenant);
      it != streams_by_tenant_.end() && --it->second <= 0) {
    streams_by_tenant_.erase(it);
  }
}

}  // namespace switchboard::server
