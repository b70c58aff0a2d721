// Copyright 2026 The Switchboard Authors.

#include "loadgen/unary_load.h"

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace switchboard::loadgen {
namespace {

// One call in flight; its address is the completion queue tag.
struct Call {
  grpc::ClientContext context;
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  Clock::time_point due;  // latency counts from here
  bool counted = false;   // started after the warmup
};

// One client thread: a completion queue and the calls it keeps in flight.
class UnarySender : public SenderBase {
 public:
  UnarySender(std::shared_ptr<grpc::Channel> channel,
              const UnaryLoadOptions& options, const Phases& phases, int index,
              int concurrency, double rate, uint64_t count,
              const RequestFn& make_request, const ResponseCheck& check)
      : SenderBase(std::move(channel), phases, count),
        options_(options),
        index_(index),
        concurrency_(static_cast<size_t>(concurrency)),
        rate_(rate),
        make_request_(make_request),
        check_(check) {}

  ~UnarySender() { DrainQueue(); }

  // Until the measurement ends and every call has ended.
  void Run();

 private:
  void StartCall(Clock::time_point due);
  void OnDone(Call* call);

  const UnaryLoadOptions& options_;
  const int index_;
  const size_t concurrency_;
  const double rate_;
  const RequestFn& make_request_;
  const ResponseCheck& check_;

  absl::flat_hash_set<Call*> in_flight_;
  uint64_t made_ = 0;  // requests made, warmup included (the ids)
};

void UnarySender::StartCall(Clock::time_point due) {
  auto* call = new Call;
  call->due = due;
  call->counted = due >= phases_.warmup_end;
  if (call->counted) ++counted_;
  call->context.set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          absl::ToChronoNanoseconds(options_.limits.deadline)));
  call->reader = stub_.PrepareUnaryCall(&call->context, options_.method,
                                        make_request_(index_, made_++), &cq_);
  call->reader->StartCall();
  call->reader->Finish(&call->response, &call->status, call);
  in_flight_.insert(call);
}

void UnarySender::OnDone(Call* call) {
  const Clock::time_point done = Clock::now();
  in_flight_.erase(call);
  Tally& tally = call->counted ? tally_ : warmup_;
  if (!call->status.ok()) {
    tally.Error(call->status.error_code(), call->status.error_message());
  } else if (absl::Status s =
                 check_ ? check_(call->response) : absl::OkStatus();
             !s.ok()) {
    tally.Error(static_cast<grpc::StatusCode>(s.code()), s.message());
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
  bool cancelled = false;
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
    if (!cancelled && now >= phases_.give_up) {
      // Past every deadline: gRPC ends these calls at once (CANCELLED).
      for (Call* call : in_flight_) call->context.TryCancel();
      cancelled = true;
    }
    Clock::time_point wake = now + kPoll;
    if (!stopped) {
      wake = std::min(wake, phases_.measure_end);
      if (paced && in_flight_.size() < concurrency_) {
        wake = std::min(wake, next_due);
      }
    } else if (!cancelled) {
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
    const ResponseCheck& check) {
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
        ShareOf(options.limits.count, threads, i), make_request, check));
  }
  return RunSenders(senders, phases);
}

}  // namespace switchboard::loadgen
