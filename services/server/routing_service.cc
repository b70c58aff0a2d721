// Copyright 2026 The Switchboard Authors.

#include "server/routing_service.h"

#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "convert/contact_convert.h"
#include "convert/contact_status_convert.h"
#include "convert/decision_convert.h"
#include "convert/stats_convert.h"
#include "server/grpc_status.h"
#include "server/raw_message.h"
#include "server/tenant_call.h"
#include "server/tenant_metadata.h"
#include "server/unary_call.h"
#include "switchboard/events/acting.h"
#include "switchboard/text/utf8.h"

namespace switchboard::server {
namespace {

// The contact of a Route or Classify request. The wire's defaults (no
// contact, an empty id, CHANNEL_UNSPECIFIED) are refused here, naming the
// field; the engine checks the rest (sizes, text).
absl::StatusOr<Contact> RequestContact(bool has_contact,
                                       const v1::Contact& contact) {
  if (!has_contact) return absl::InvalidArgumentError("contact: not set");
  if (contact.id().empty()) {
    return absl::InvalidArgumentError("contact.id: is empty");
  }
  if (contact.channel() == v1::CHANNEL_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat(
        "contact.channel: not set (CHANNEL_UNSPECIFIED) on contact ",
        contact.id()));
  }
  return FromProto(contact);
}

// Routes through the tenant: its limits (calls per second, open
// contacts), then its engine.
absl::StatusOr<Decision> RouteRequestOn(Tenant& tenant,
                                        const grpc::ByteBuffer& bytes,
                                        v1::RouteRequest* request) {
  if (absl::Status s = ParseRawMessage(bytes, request); !s.ok()) return s;
  absl::StatusOr<Contact> contact =
      RequestContact(request->has_contact(), request->contact());
  if (!contact.ok()) return contact.status();
  return tenant.Submit(*contact);
}

// Answers waiting to be written beyond which a RouteStream stops reading
// until the client reads (flow control); reading resumes below the low
// mark.
constexpr size_t kMaxQueuedAnswers = 256;
constexpr size_t kResumeReadingBelow = 64;

}  // namespace

// One RouteStream answer, written once it is durable (ready).
struct StreamAnswer {
  grpc::ByteBuffer bytes;
  bool ready = false;
};

// One RouteStream call. Reactions run on gRPC's threads; state is guarded
// by mu_. Finish is called exactly once, never with a write in flight
// (a read may be outstanding: it then completes with ok = false).
class RouteStreamReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  // `admitted`: the stream's caller, tenant and slot, or why there are
  // none (the stream then ends at once with that error).
  RouteStreamReactor(RoutingService* service,
                     absl::StatusOr<AdmittedStream> admitted)
      : service_(service) {
    if (!admitted.ok()) {
      absl::MutexLock lock(&mu_);
      refused_ = admitted.status();
      stopping_ = true;
      MaybeFinish();
      return;
    }
    tenant_ = std::move(admitted->tenant);
    slot_ = std::move(admitted->slot);
    principal_ = admitted->caller.principal();
    if (!service_->AddStream(this)) {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
      MaybeFinish();
      return;
    }
    absl::MutexLock lock(&mu_);
    StartReading();
  }

  // Called by RoutingService::Shutdown: answer what was read, then end
  // with UNAVAILABLE.
  void Stop() {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    MaybeFinish();
  }

  void OnReadDone(bool ok) override {
    uint64_t sequence;
    {
      absl::MutexLock lock(&mu_);
      reading_ = false;
      if (!ok) {
        client_done_ = true;  // Half-close, or the call is cancelled.
        MaybeFinish();
        return;
      }
      // A request read after we stopped (or finished) is not routed: the
      // client gets no answer for it and knows it was not taken.
      if (stopping_ || cancelled_ || finished_) {
        MaybeFinish();
        return;
      }
      routing_ = true;
      sequence = next_sequence_++;
    }
    // Route outside the lock: the engine call is the slow part.
    auto answer = std::make_shared<StreamAnswer>();
    {
      ActingAs acting(principal_);  // The audit trail's who.
      answer->bytes = SerializeRawMessage(
          RoutingService::RouteOne(*tenant_, in_, sequence));
    }
    in_.Clear();
    bool confirm = false;
    {
      absl::MutexLock lock(&mu_);
      routing_ = false;
      // The contact is routed; its answer goes out, once durable, unless
      // the client is gone.
      if (!write_failed_ && !cancelled_) {
        out_.push_back(answer);
        ++unconfirmed_;
        confirm = true;
      }
      if (out_.size() < kMaxQueuedAnswers) StartReading();
      MaybeFinish();
    }
    // Every answer waits for what was journaled before it (error answers
    // too), so that answers stay in request order.
    if (confirm) {
      tenant_->durability().After(
          [this, answer](absl::Status durable) { OnDurable(answer, durable); });
    }
  }

  // The journal has the routed contact (or failed: then the stream ends
  // with the journal's error, and this answer and those after it are not
  // sent: the client does not know them taken, and resubmits them).
  void OnDurable(const std::shared_ptr<StreamAnswer>& answer, absl::Status durable) {
    bool start_write;
    {
      absl::MutexLock lock(&mu_);
      --unconfirmed_;
      answer->ready = true;
      if (!durable.ok() && journal_error_.ok()) journal_error_ = durable;
      start_write = TakeNextWrite();
      MaybeFinish();
    }
    if (start_write) StartWrite(&current_);
  }

  void OnWriteDone(bool ok) override {
    bool start_write;
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
      if (!ok) {
        // The client is gone: nothing more can be written.
        write_failed_ = true;
        out_.clear();
      }
      start_write = TakeNextWrite();
      if (out_.size() < kResumeReadingBelow) StartReading();
      MaybeFinish();
    }
    if (start_write) StartWrite(&current_);
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
    MaybeFinish();
  }

  void OnDone() override {
    service_->RemoveStream(this);
    delete this;
  }

 private:
  void StartReading() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    // Not while routing: in_ still holds the request being routed.
    if (reading_ || routing_ || client_done_ || stopping_ || cancelled_ ||
        finished_ || write_failed_) {
      return;
    }
    reading_ = true;
    StartRead(&in_);
  }

  // Moves the next answer to current_ and marks it in flight when one can
  // be written now; the caller then calls StartWrite(&current_) after
  // releasing mu_. StartWrite sends at once (a system call): holding mu_
  // through it would stall the read side of the stream on the other
  // thread. writing_ keeps Finish away until OnWriteDone.
  bool TakeNextWrite() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || out_.empty() || !out_.front()->ready || write_failed_ ||
        cancelled_ || !journal_error_.ok()) {
      return false;
    }
    writing_ = true;
    current_ = std::move(out_.front()->bytes);
    out_.pop_front();
    return true;
  }

  void MaybeFinish() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    // Pending journal callbacks hold a pointer to this reactor.
    if (finished_ || writing_ || routing_ || unconfirmed_ > 0) return;
    grpc::Status status;
    if (!refused_.ok()) {
      status = ToGrpcStatus(refused_);
    } else if (!journal_error_.ok()) {
      status = ToGrpcStatus(journal_error_);
    } else if (cancelled_ || write_failed_) {
      status = grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled");
    } else if (!out_.empty()) {
      return;  // Answers still to write.
    } else if (client_done_) {
      status = grpc::Status::OK;
    } else if (stopping_) {
      status =
          grpc::Status(grpc::StatusCode::UNAVAILABLE, "server shutting down");
    } else {
      return;
    }
    finished_ = true;
    // The slot is free before the client can see the end of the stream,
    // so that a client opening the next one finds it free.
    slot_ = StreamSlot();
    Finish(std::move(status));
  }

  RoutingService* const service_;
  // The stream's tenant (null when refused); held for the stream's life.
  std::shared_ptr<ServedTenant> tenant_;
  StreamSlot slot_;      // Under the stream limits until Finish.
  std::string principal_;  // The caller's, for the audit trail.
  grpc::ByteBuffer in_;  // The request being read or routed.

  absl::Mutex mu_;
  // Not yet written, in request order.
  std::deque<std::shared_ptr<StreamAnswer>> out_ ABSL_GUARDED_BY(mu_);
  int unconfirmed_ ABSL_GUARDED_BY(mu_) = 0;  // Waiting for the journal.
  absl::Status journal_error_ ABSL_GUARDED_BY(mu_);
  // Not let in (credentials, no such tenant, a limit).
  absl::Status refused_ ABSL_GUARDED_BY(mu_);
  // The write in flight: set under mu_ by TakeNextWrite, then owned by
  // that write until OnWriteDone.
  grpc::ByteBuffer current_;
  uint64_t next_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool routing_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool client_done_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool write_failed_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

grpc::ServerUnaryReactor* RoutingService::Route(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  absl::StatusOr<Caller> caller =
      gate_->Admit(context, auth::Method::kRoute, TenantOf(context));
  if (!caller.ok()) return FinishUnary(context, caller.status());
  if (absl::Status s = CheckCallAlive(context, "the contact was not routed");
      !s.ok()) {
    return FinishUnary(context, s);
  }
  absl::StatusOr<std::shared_ptr<ServedTenant>> tenant =
      FindTenant(*host_, context);
  if (!tenant.ok()) return FinishUnary(context, tenant.status());
  v1::RouteRequest parsed;
  ActingAs acting(caller->principal());  // The audit trail's who.
  absl::StatusOr<Decision> decision =
      RouteRequestOn((*tenant)->tenant(), *request, &parsed);
  if (!decision.ok()) return FinishUnary(context, decision.status());
  v1::RouteResponse answer;
  *answer.mutable_decision() = DecisionToProto(*decision);
  *response = SerializeRawMessage(answer);
  return FinishDurable(context, absl::OkStatus(), (*tenant)->durability());
}

v1::RouteStreamResponse RoutingService::RouteOne(ServedTenant& tenant,
                                                 const grpc::ByteBuffer& bytes,
                                                 uint64_t sequence) {
  v1::RouteRequest request;
  absl::StatusOr<Decision> decision =
      RouteRequestOn(tenant.tenant(), bytes, &request);
  v1::RouteStreamResponse answer;
  answer.set_sequence(sequence);
  // The id is echoed only when it is valid UTF-8: a client cannot parse an
  // answer with a bad string in it, and would lose the whole stream. (The
  // sequence number says which request the answer is for anyway.)
  if (FindInvalidUtf8(request.contact().id()) == absl::string_view::npos) {
    answer.set_contact_id(request.contact().id());
  }
  if (decision.ok()) {
    *answer.mutable_decision() = DecisionToProto(*decision);
  } else {
    answer.mutable_error()->set_code(
        static_cast<int32_t>(decision.status().code()));
    answer.mutable_error()->set_message(
        std::string(decision.status().message()));
  }
  return answer;
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>*
RoutingService::RouteStream(grpc::CallbackServerContext* context) {
  return new RouteStreamReactor(
      this, AdmitStream(*host_, *gate_, auth::Method::kRouteStream, context,
                        /*take_call=*/false));
}

grpc::ServerUnaryReactor* RoutingService::Classify(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  absl::StatusOr<Caller> caller =
      gate_->Admit(context, auth::Method::kClassify, TenantOf(context));
  if (!caller.ok()) return FinishUnary(context, caller.status());
  v1::ClassifyRequest parsed;
  if (absl::Status s = ParseRawMessage(*request, &parsed); !s.ok()) {
    return FinishUnary(context, s);
  }
  absl::StatusOr<Contact> contact =
      RequestContact(parsed.has_contact(), parsed.contact());
  if (!contact.ok()) return FinishUnary(context, contact.status());
  absl::StatusOr<std::shared_ptr<ServedTenant>> tenant =
      AdmitTenant(*host_, context);
  if (!tenant.ok()) return FinishUnary(context, tenant.status());
  absl::StatusOr<Decision> decision = (*tenant)->engine().Preview(*contact);
  if (!decision.ok()) return FinishUnary(context, decision.status());
  v1::ClassifyResponse answer;
  answer.set_label(decision->label);
  answer.set_confidence(decision->confidence);
  *answer.mutable_decision() = DecisionToProto(*decision);
  *answer.mutable_alternatives() = answer.decision().alternatives();
  *response = SerializeRawMessage(answer);
  return FinishUnary(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* RoutingService::ReportEvent(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::ReportEventRequest, v1::ReportEventResponse>(
      *host_, *gate_, auth::Method::kReportEvent, context, *request, response,
      TenantCall::kChanges,
      [&](ServedTenant& tenant, const v1::ReportEventRequest& r,
          v1::ReportEventResponse*) {
        return ReportEventOn(context, tenant, r);
      });
}

absl::Status RoutingService::ReportEventOn(
    grpc::CallbackServerContext* context, ServedTenant& tenant,
    const v1::ReportEventRequest& request) {
  Engine* const engine = &tenant.engine();
  if (absl::Status s = CheckCallAlive(context, "the event was not recorded");
      !s.ok()) {
    return s;
  }
  const std::string& id = request.contact_id();
  if (id.empty()) return absl::InvalidArgumentError("contact_id: is empty");
  switch (request.event_case()) {
    case v1::ReportEventRequest::kFirstResponse:
      return engine->FirstResponse(id);
    case v1::ReportEventRequest::kTransfer:
      return engine->Transfer(id, request.transfer().to_department(),
                               request.transfer().reason());
    case v1::ReportEventRequest::kResolve: {
      absl::StatusOr<Outcome> outcome =
          OutcomeFromProto(request.resolve().outcome(), "resolve.outcome");
      return outcome.ok() ? engine->Resolve(id, *outcome) : outcome.status();
    }
    case v1::ReportEventRequest::kAbandon:
      return engine->Abandon(id);
    case v1::ReportEventRequest::kSatisfaction:
      return engine->RecordSatisfaction(id, request.satisfaction().score());
    case v1::ReportEventRequest::kAskForPerson:
      return engine->AskForPerson(id);
    case v1::ReportEventRequest::EVENT_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(
      "event is not set (one of first_response, transfer, resolve, abandon, "
      "satisfaction, ask_for_person)");
}

grpc::ServerUnaryReactor* RoutingService::GetStats(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::GetStatsRequest, v1::Stats>(
      *host_, *gate_, auth::Method::kGetStats, context, *request, response,
      TenantCall::kReads,
      [&](ServedTenant& tenant, const v1::GetStatsRequest& r, v1::Stats* out) {
        absl::StatusOr<StatsFilter> filter = StatsFilterFromProto(r);
        if (!filter.ok()) return filter.status();
        *out = StatsToProto(tenant.engine().Stats(*filter));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RoutingService::GetContact(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishTenantUnary<v1::GetContactRequest, v1::ContactStatus>(
      *host_, *gate_, auth::Method::kGetContact, context, *request, response,
      TenantCall::kReads,
      [&](ServedTenant& tenant, const v1::GetContactRequest& r,
          v1::ContactStatus* out) {
        if (r.contact_id().empty()) {
          return absl::InvalidArgumentError("contact_id: is empty");
        }
        absl::StatusOr<ContactView> contact =
            tenant.engine().GetContact(r.contact_id());
        if (!contact.ok()) return contact.status();
        *out = ContactStatusToProto(*contact);
        return absl::OkStatus();
      });
}

void RoutingService::Shutdown() {
  absl::MutexLock lock(&streams_mu_);
  shutting_down_ = true;
  for (RouteStreamReactor* stream : streams_) stream->Stop();
}

bool RoutingService::AddStream(RouteStreamReactor* stream) {
  absl::MutexLock lock(&streams_mu_);
  if (shutting_down_) return false;
  streams_.insert(stream);
  return true;
}

void RoutingService::RemoveStream(RouteStreamReactor* stream) {
  absl::MutexLock lock(&streams_mu_);
  streams_.erase(stream);
}

}  // namespace switchboard::server
