// Copyright 2026 The Switchboard Authors.

#include "loadgen/unary_load.h"

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace switchboard::loadgen {
namespace {

// One call in flight; its address is the completion queue tag.
struct Call {
  grpc::ClientContext context;
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  Clock::time_point due;   // latency counts from here
  bool counted = false;    // started after the warmup
  uint64_t n = 0;          // the request's number on its sender
  bool follow_up = false;  // the second call of a pair
};

// One client thread: a completion queue and the calls it keeps in flight.
class UnarySender : public SenderBase {
 public:
  UnarySender(std::shared_ptr<grpc::Channel> channel,
              const UnaryLoadOptions& options, const Phases& phases, int index,
              int concurrency, double rate, uint64_t count,
              const RequestFn& make_request, const ResponseCheck& check,
              const RequestFn& make_follow_up)
      : SenderBase(std::move(channel), phases, count),
        options_(options),
        index_(index),
        concurrency_(static_cast<size_t>(concurrency)),
        rate_(rate),
        make_request_(make_request),
        check_(check),
        make_follow_up_(make_follow_up),
        follows_up_(!options.follow_up_method.empty() && make_follow_up) {}

  ~UnarySender() { DrainQueue(); }

  // Until the measurement ends and every call has ended.
  void Run();

 private:
  void StartCall(Clock::time_point due);
  // Sends the follow-up of `first`, which succeeded, in its place.
  void StartFollowUp(const Call& first);
  // Starts `call`'s RPC and puts it in flight.
  void Send(Call* call, const std::string& method, grpc::ByteBuffer request);
  // The call's status, or the check's verdict on its response.
  absl::Status Verdict(const Call& call) const;
  void OnDone(Call* call);

  const UnaryLoadOptions& options_;
  const int index_;
  const size_t concurrency_;
  const double rate_;
  const RequestFn& make_request_;
  const ResponseCheck& check_;
  const RequestFn& make_follow_up_;
  const bool follows_up_;

  absl::flat_hash_set<Call*> in_flight_;
  uint64_t made_ = 0;       // requests made, warmup included (the ids)
  bool cancelled_ = false;  // past give_up: no follow-up starts
};

void UnarySender::StartCall(Clock::time_point due) {
  auto* call = new Call;
  call->due = due;
  call->counted = due >= phases_.warmup_end;
  if (call->counted) ++counted_;
  call->n = made_++;
  Send(call, options_.method, make_request_(index_, call->n));
}

void UnarySender::StartFollowUp(const Call& first) {
  auto* call = new Call;
  call->due = first.due;
  call->counted = first.counted;
  call->n = first.n;
  call->follow_up = true;
  Send(call, options_.follow_up_method, make_follow_up_(index_, first.n));
}

void UnarySender::Send(Call* call, const std::string& method,
                       grpc::ByteBuffer request) {
  call->context.set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          absl::ToChronoNanoseconds(options_.limits.deadline)));
  options_.tenants.Apply(call->n, &call->context);
  call->reader =
      stub_.PrepareUnaryCall(&call->context, method, std::move(request), &cq_);
  call->reader->StartCall();
  call->reader->Finish(&call->response, &call->status, call);
  in_flight_.insert(call);
}

absl::Status UnarySender::Verdict(const Call& call) const {
  if (!call.status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(call.status.error_code()),
                        call.follow_up
                            ? absl::StrCat(options_.follow_up_method, ": ",
                                           call.status.error_message())
                            : call.status.error_message());
  }
  if (call.follow_up || !check_) return absl::OkStatus();
  return check_(call.response);
}

void UnarySender::OnDone(Call* call) {
  const Clock::time_point done = Clock::now();
  in_flight_.erase(call);
  absl::Status status = Verdict(*call);
  if (status.ok() && !call->follow_up && follows_up_ &&
      (!options_.follow_up_if || options_.follow_up_if(call->response))) {
    if (!cancelled_) {
      StartFollowUp(*call);
      delete call;
      return;
    }
    status = absl::CancelledError(
        "the run's time was up before the follow-up call could start");
  }
  Tally& tally = call->counted ? tally_ : warmup_;
  if (!status.ok()) {
    tally.Error(static_cast<grpc::StatusCode>(status.code()), status.message());
  } else {
    tally.Ok(ToDuration(done - call->due));
  }
  if (call->counted) last_counted_answer_ = done;
  delete call;
}

void UnarySender::Run() {
  const bool paced = rate_ > 0;
  const Clock::duration interval =
      paced ? std::chrono::duration_cast<Clock::duration>(
                  std::chrono::duration<double>(1.0 / rate_))
            : Clock::duration::zero();
  constexpr Clock::duration kPoll = std::chrono::milliseconds(100);
  Clock::time_point next_due = phases_.start;
  bool stopped = false;
  for (;;) {
    const Clock::time_point now = Clock::now();
    stopped = stopped || Stopping(now);
    while (!stopped && in_flight_.size() < concurrency_ &&
           (!paced || next_due <= now)) {
      const Clock::time_point due = paced ? next_due : now;
      if (due >= phases_.measure_end) {
        stopped = true;
        break;
      }
      StartCall(due);
      next_due += interval;
      stopped = Stopping(now);
    }
    if (stopped && in_flight_.empty()) return;
    if (!cancelled_ && now >= phases_.give_up) {
      // Past every deadline: gRPC ends these calls at once (CANCELLED).
      for (Call* call : in_flight_) call->context.TryCancel();
      cancelled_ = true;
    }
    Clock::time_point wake = now + kPoll;
    if (!stopped) {
      wake = std::min(wake, phases_.measure_end);
      if (paced && in_flight_.size() < concurrency_) {
        wake = std::min(wake, next_due);
      }
    } else if (!cancelled_) {
      wake = std::min(wake, phases_.give_up);
    }
    void* tag;
    bool ok;
    if (cq_.AsyncNext(&tag, &ok, SystemDeadline(wake)) ==
        grpc::CompletionQueue::GOT_EVENT) {
      OnDone(static_cast<Call*>(tag));
    }
  }
}

}  // namespace

LoadResult RunUnaryLoad(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const UnaryLoadOptions& options, const RequestFn& make_request,
    const ResponseCheck& check, const RequestFn& make_follow_up) {
  // Threads with no call to keep in flight are left out.
  const int threads =
      std::min(static_cast<int>(channels.size()), options.concurrency);
  const Phases phases(Clock::now(), options.limits);
  std::vector<std::unique_ptr<UnarySender>> senders;
  for (int i = 0; i < threads; ++i) {
    const uint64_t concurrency = ShareOf(options.concurrency, threads, i);
    senders.push_back(std::make_unique<UnarySender>(
        channels[i], options, phases, i, static_cast<int>(concurrency),
        options.rate * static_cast<double>(concurrency) / options.concurrency,
        ShareOf(options.limits.count, threads, i), make_request, check,
        make_follow_up));
  }
  return RunSenders(senders, phases);
}

}  // namespace switchboard::loadgen
