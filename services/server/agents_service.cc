// Copyright 2026 The Switchboard Authors.

#include "server/agents_service.h"

#include <deque>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "convert/agent_convert.h"
#include "convert/decision_convert.h"
#include "server/grpc_status.h"
#include "server/raw_message.h"
#include "server/tenant_call.h"
#include "server/tenant_metadata.h"
#include "server/unary_call.h"

namespace switchboard::server {
namespace {

// INVALID_ARGUMENT naming `field` when `value` is empty.
absl::Status Required(absl::string_view field, const std::string& value) {
  if (!value.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, ": is empty"));
}

// One agent's StreamOffers call: the hub queues updates, this writes them
// one at a time. Finish is called exactly once, never with a write in
// flight.
class OfferStream final : public grpc::ServerWriteReactor<grpc::ByteBuffer>,
                          public OfferSink {
 public:
  // `request` is the raw v1::StreamOffersRequest; `admitted` the call's
  // caller, tenant and stream slot (or why there are none: the stream ends
  // with that at once).
  OfferStream(absl::StatusOr<AdmittedStream> admitted,
              const grpc::ByteBuffer& request) {
    if (!admitted.ok()) {
      Close(admitted.status());
      return;
    }
    tenant_ = std::move(admitted->tenant);
    slot_ = std::move(admitted->slot);
    hub_ = &tenant_->hub();
    v1::StreamOffersRequest parsed;
    absl::Status status = ParseRawMessage(request, &parsed);
    if (status.ok()) status = Required("agent_id", parsed.agent_id());
    if (status.ok()) {
      status = CallGate::AuthorizeAgent(admitted->caller, parsed.agent_id());
    }
    if (status.ok()) status = hub_->Subscribe(parsed.agent_id(), this);
    if (!status.ok()) Close(status);
  }

  void Send(const v1::AgentUpdate& update) override {
    grpc::ByteBuffer bytes = SerializeRawMessage(update);  // Outside mu_.
    absl::MutexLock lock(&mu_);
    if (closing_) return;
    queue_.push_back(std::move(bytes));
    if (!writing_) WriteNext();
  }

  void Close(const absl::Status& status) override {
    absl::MutexLock lock(&mu_);
    if (closing_) return;
    closing_ = true;
    status_ = ToGrpcStatus(status);
    queue_.clear();
    MaybeFinish();
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok && !closing_) {
      closing_ = true;
      status_ = grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
      queue_.clear();
    }
    if (!queue_.empty()) {
      WriteNext();
    } else {
      MaybeFinish();
    }
  }

  void OnCancel() override { Close(absl::CancelledError("stream cancelled")); }

  void OnDone() override {
    if (hub_ != nullptr) hub_->Unsubscribe(this);
    delete this;
  }

 private:
  void WriteNext() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    writing_ = true;
    current_ = std::move(queue_.front());
    queue_.pop_front();
    StartWrite(&current_);
  }

  void MaybeFinish() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!closing_ || writing_ || finished_) return;
    finished_ = true;
    slot_ = StreamSlot();  // Free before the client sees the end.
    Finish(status_);
  }

  // Held for the stream's life, so that its hub outlives it.
  std::shared_ptr<ServedTenant> tenant_;
  StreamSlot slot_;  // Under the stream limits until Finish.
  OfferHub* hub_ = nullptr;
  absl::Mutex mu_;
  std::deque<grpc::ByteBuffer> queue_ ABSL_GUARDED_BY(mu_);
  grpc::ByteBuffer current_ ABSL_GUARDED_BY(mu_);  // The write in flight.
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status status_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

grpc::ServerUnaryReactor* AgentsService::RegisterAgent(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::RegisterAgentRequest, v1::RegisterAgentResponse>(
      *host_, *gate_, auth::Method::kRegisterAgent, context, *request, response,
      TenantCall::kChanges,
      [&](ServedTenant& tenant, const v1::RegisterAgentRequest& r,
          v1::RegisterAgentResponse* out) -> absl::Status {
        Engine& engine = tenant.engine();
        if (absl::Status s =
                CheckCallAlive(context, "the agent was not registered");
            !s.ok()) {
          return s;
        }
        if (!r.has_agent()) return absl::InvalidArgumentError("agent: not set");
        if (absl::Status s = Required("agent.id", r.agent().id()); !s.ok()) {
          return s;
        }
        absl::StatusOr<AgentConfig> agent = AgentFromProto(r.agent(), "agent");
        if (!agent.ok()) return agent.status();
        absl::StatusOr<bool> created = engine.RegisterAgent(*agent);
        if (!created.ok()) return created.status();
        out->set_created(*created);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AgentsService::SetPresence(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::SetPresenceRequest, v1::SetPresenceResponse>(
      *host_, *gate_, auth::Method::kSetPresence, context, *request, response,
      TenantCall::kChanges,
      [&](ServedTenant& tenant, const v1::SetPresenceRequest& r,
          v1::SetPresenceResponse*) -> absl::Status {
        Engine& engine = tenant.engine();
        if (absl::Status s =
                CheckCallAlive(context, "the presence was not changed");
            !s.ok()) {
          return s;
        }
        if (absl::Status s = Required("agent_id", r.agent_id()); !s.ok()) {
          return s;
        }
        absl::StatusOr<Presence> presence =
            PresenceFromProto(r.presence(), "presence");
        if (!presence.ok()) return presence.status();
        return engine.SetPresence(r.agent_id(), *presence);
      });
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* AgentsService::StreamOffers(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request) {
  return new OfferStream(
      AdmitStream(*host_, *gate_, auth::Method::kStreamOffers, context,
                  /*take_call=*/true),
      *request);
}

grpc::ServerUnaryReactor* AgentsService::Accept(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::AcceptRequest, v1::AcceptResponse>(
      *host_, *gate_, auth::Method::kAccept, context, *request, response,
      TenantCall::kChanges,
      [&](ServedTenant& tenant, const v1::AcceptRequest& r,
          v1::AcceptResponse*) {
        Engine& engine = tenant.engine();
        absl::Status s = CheckCallAlive(context, "the offer was not accepted");
        if (s.ok()) s = Required("agent_id", r.agent_id());
        if (s.ok()) s = Required("contact_id", r.contact_id());
        if (s.ok()) s = engine.Accept(r.contact_id(), r.agent_id());
        return s;
      });
}

grpc::ServerUnaryReactor* AgentsService::Reject(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::RejectRequest, v1::RejectResponse>(
      *host_, *gate_, auth::Method::kReject, context, *request, response,
      TenantCall::kChanges,
      [&](ServedTenant& tenant, const v1::RejectRequest& r,
          v1::RejectResponse*) {
        Engine& engine = tenant.engine();
        absl::Status s = CheckCallAlive(context, "the offer was not rejected");
        if (s.ok()) s = Required("agent_id", r.agent_id());
        if (s.ok()) s = Required("contact_id", r.contact_id());
        if (s.ok()) s = engine.Reject(r.contact_id(), r.agent_id());
        return s;
      });
}

grpc::ServerUnaryReactor* AgentsService::Complete(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::CompleteRequest, v1::CompleteResponse>(
      *host_, *gate_, auth::Method::kComplete, context, *request, response,
      TenantCall::kChanges,
      [&](ServedTenant& tenant, const v1::CompleteRequest& r,
          v1::CompleteResponse*) {
        Engine& engine = tenant.engine();
        return CompleteOn(context, engine, r);
      });
}

absl::Status AgentsService::CompleteOn(grpc::CallbackServerContext* context,
                                       Engine& engine,
                                       const v1::CompleteRequest& request) {
  if (absl::Status s = CheckCallAlive(context, "the contact was not resolved");
      !s.ok()) {
    return s;
  }
  const std::string& agent_id = request.agent_id();
  const std::string& contact_id = request.contact_id();
  absl::Status s = Required("agent_id", agent_id);
  if (s.ok()) s = Required("contact_id", contact_id);
  if (!s.ok()) return s;
  absl::StatusOr<Outcome> outcome =
      OutcomeFromProto(request.outcome(), "outcome");
  if (!outcome.ok()) return outcome.status();
  absl::StatusOr<ContactView> contact = engine.GetContact(contact_id);
  if (!contact.ok()) return contact.status();
  if (contact->state != ContactState::kAccepted ||
      contact->agent_id != agent_id) {
    // An unknown agent is NOT_FOUND, as on the other calls.
    if (absl::StatusOr<std::vector<ContactView>> known =
            engine.OffersFor(agent_id);
        !known.ok()) {
      return known.status();
    }
    return absl::FailedPreconditionError(
        absl::StrCat("contact ", contact_id, " is not in the hands of agent ",
                     agent_id, " (it is ", ContactStateName(contact->state),
                     contact->agent_id.empty()
                         ? ""
                         : absl::StrCat(", with agent ", contact->agent_id),
                     ")"));
  }
  // Between the check and Resolve another call may move the contact; the
  // engine then refuses with its own FAILED_PRECONDITION.
  return engine.Resolve(contact_id, *outcome);
}

}  // namespace switchboard::server
