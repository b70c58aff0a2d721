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
class OfferStream final : public grpc::ServerWriteReactor<v1::AgentUpdate>,
                          public OfferSink {
 public:
  OfferStream(OfferHub* hub, const std::string& agent_id) : hub_(hub) {
    absl::Status status = agent_id.empty()
                              ? absl::InvalidArgumentError("agent_id: is empty")
                              : hub_->Subscribe(agent_id, this);
    if (!status.ok()) Close(status);
  }

  void Send(const v1::AgentUpdate& update) override {
    absl::MutexLock lock(&mu_);
    if (closing_) return;
    queue_.push_back(update);
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
    hub_->Unsubscribe(this);
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
    Finish(status_);
  }

  OfferHub* const hub_;
  absl::Mutex mu_;
  std::deque<v1::AgentUpdate> queue_ ABSL_GUARDED_BY(mu_);
  v1::AgentUpdate current_ ABSL_GUARDED_BY(mu_);  // The write in flight.
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status status_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

grpc::ServerUnaryReactor* AgentsService::RegisterAgent(
    grpc::CallbackServerContext* context,
    const v1::RegisterAgentRequest* request,
    v1::RegisterAgentResponse* response) {
  if (absl::Status s = CheckCallAlive(context, "the agent was not registered");
      !s.ok()) {
    return FinishUnary(context, s);
  }
  if (!request->has_agent()) {
    return FinishUnary(context, absl::InvalidArgumentError("agent: not set"));
  }
  if (absl::Status s = Required("agent.id", request->agent().id()); !s.ok()) {
    return FinishUnary(context, s);
  }
  absl::StatusOr<AgentConfig> agent = AgentFromProto(request->agent(), "agent");
  if (!agent.ok()) return FinishUnary(context, agent.status());
  absl::StatusOr<bool> created = engine_->RegisterAgent(*agent);
  if (!created.ok()) return FinishUnary(context, created.status());
  response->set_created(*created);
  return FinishDurable(context, absl::OkStatus(), *durability_);
}

grpc::ServerUnaryReactor* AgentsService::SetPresence(
    grpc::CallbackServerContext* context, const v1::SetPresenceRequest* request,
    v1::SetPresenceResponse* /*response*/) {
  if (absl::Status s = CheckCallAlive(context, "the presence was not changed");
      !s.ok()) {
    return FinishUnary(context, s);
  }
  if (absl::Status s = Required("agent_id", request->agent_id()); !s.ok()) {
    return FinishUnary(context, s);
  }
  absl::StatusOr<Presence> presence =
      PresenceFromProto(request->presence(), "presence");
  if (!presence.ok()) return FinishUnary(context, presence.status());
  return FinishDurable(context,
                       engine_->SetPresence(request->agent_id(), *presence),
                       *durability_);
}

grpc::ServerWriteReactor<v1::AgentUpdate>* AgentsService::StreamOffers(
    grpc::CallbackServerContext* /*context*/,
    const v1::StreamOffersRequest* request) {
  return new OfferStream(hub_, request->agent_id());
}

grpc::ServerUnaryReactor* AgentsService::Accept(
    grpc::CallbackServerContext* context, const v1::AcceptRequest* request,
    v1::AcceptResponse* /*response*/) {
  if (absl::Status s = CheckCallAlive(context, "the offer was not accepted");
      !s.ok()) {
    return FinishUnary(context, s);
  }
  absl::Status s = Required("agent_id", request->agent_id());
  if (s.ok()) s = Required("contact_id", request->contact_id());
  if (s.ok()) s = engine_->Accept(request->contact_id(), request->agent_id());
  return FinishDurable(context, s, *durability_);
}

grpc::ServerUnaryReactor* AgentsService::Reject(
    grpc::CallbackServerContext* context, const v1::RejectRequest* request,
    v1::RejectResponse* /*response*/) {
  if (absl::Status s = CheckCallAlive(context, "the offer was not rejected");
      !s.ok()) {
    return FinishUnary(context, s);
  }
  absl::Status s = Required("agent_id", request->agent_id());
  if (s.ok()) s = Required("contact_id", request->contact_id());
  if (s.ok()) s = engine_->Reject(request->contact_id(), request->agent_id());
  return FinishDurable(context, s, *durability_);
}

grpc::ServerUnaryReactor* AgentsService::Complete(
    grpc::CallbackServerContext* context, const v1::CompleteRequest* request,
    v1::CompleteResponse* /*response*/) {
  if (absl::Status s = CheckCallAlive(context, "the contact was not resolved");
      !s.ok()) {
    return FinishUnary(context, s);
  }
  const std::string& agent_id = request->agent_id();
  const std::string& contact_id = request->contact_id();
  absl::Status s = Required("agent_id", agent_id);
  if (s.ok()) s = Required("contact_id", contact_id);
  if (!s.ok()) return FinishUnary(context, s);
  absl::StatusOr<Outcome> outcome =
      OutcomeFromProto(request->outcome(), "outcome");
  if (!outcome.ok()) return FinishUnary(context, outcome.status());
  absl::StatusOr<ContactView> contact = engine_->GetContact(contact_id);
  if (!contact.ok()) return FinishUnary(context, contact.status());
  if (contact->state != ContactState::kAccepted ||
      contact->agent_id != agent_id) {
    // An unknown agent is NOT_FOUND, as on the other calls.
    if (absl::StatusOr<std::vector<ContactView>> known =
            engine_->OffersFor(agent_id);
        !known.ok()) {
      return FinishUnary(context, known.status());
    }
    return FinishUnary(
        context, absl::FailedPreconditionError(absl::StrCat(
                     "contact ", contact_id, " is not in the hands of agent ",
                     agent_id, " (it is ", ContactStateName(contact->state),
                     contact->agent_id.empty()
                         ? ""
                         : absl::StrCat(", with agent ", contact->agent_id),
                     ")")));
  }
  // Between the check and Resolve another call may move the contact; the
  // engine then refuses with its own FAILED_PRECONDITION.
  return FinishDurable(context, engine_->Resolve(contact_id, *outcome),
                       *durability_);
}

}  // namespace switchboard::server
