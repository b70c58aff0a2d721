// Copyright 2026 The Switchboard Authors.
//
// load_run.h: what the unary and the stream load drivers share: the limits
// of a run, its phases in time, and its result.
//
// A run has a warmup (calls made but not counted), then the measurement,
// which ends when its duration has passed or `count` calls have been
// counted, whichever comes first. Calls still in flight then are waited
// for until their deadline; past that they are cancelled. So a run always
// ends by itself, within warmup + duration + deadline + a little.

#ifndef SWITCHBOARD_SERVICES_LOADGEN_LOAD_RUN_H_
#define SWITCHBOARD_SERVICES_LOADGEN_LOAD_RUN_H_

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "loadgen/tally.h"

namespace switchboard::loadgen {

using Clock = std::chrono::steady_clock;

struct LoadLimits {
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(5);
  // Counted calls (contacts, on streams) over all senders; 0: no limit.
  uint64_t count = 0;
  // Of each unary call; how long a stream may take to answer after the
  // measurement ends.
  absl::Duration deadline = absl::Seconds(5);
  // Go on however many calls fail (no HopelessRun): a flood over a
  // tenant's calls-per-second limit, where the refusals are the point.
  bool keep_going = false;
};

// Which tenant a call is for (the metadata key x-switchboard-tenant), and
// the credential it carries.
struct TenantSpread {
  // Every call for this tenant; "": no metadata (the server's "default").
  std::string tenant;
  // > 0: calls spread over the tenants t1..tN in turn (over `tenant`).
  int tenants = 0;
  // Not empty: every call sends "authorization: Bearer <token>" (a
  // credential with tenant=* for --tenants N).
  std::string token;

  // The tenant of call (or stream) n, "" for none.
  std::string Of(uint64_t n) const;
  // Adds the metadata for call n to `context` (no tenant for "", no
  // authorization without a token).
  void Apply(uint64_t n, grpc::ClientContext* context) const;
};

// The phases of a run in time.
struct Phases {
  Phases(Clock::time_point now, const LoadLimits& limits);

  Clock::time_point start;
  Clock::time_point warmup_end;   // calls started from here are counted
  Clock::time_point measure_end;  // no call starts from here
  Clock::time_point give_up;      // what is still in flight is cancelled
  bool keep_going = false;        // LoadLimits::keep_going
};

struct LoadResult {
  Tally tally;   // the counted calls
  Tally warmup;  // the calls of the warmup (their errors are reported)
  // A sender stopped early because its calls kept failing (HopelessRun).
  bool gave_up = false;
  // From the end of the warmup to the last answer of a counted call.
  absl::Duration elapsed;
};

// Request n of sender `sender` (a client thread, or a stream).
using RequestFn = std::function<grpc::ByteBuffer(int sender, uint64_t n)>;

// Sender i's share of `total` split over `parts` as evenly as possible.
uint64_t ShareOf(uint64_t total, int parts, int i);

// Steady-clock time `when` on the system clock (what gRPC deadlines take).
std::chrono::system_clock::time_point SystemDeadline(Clock::time_point when);

absl::Duration ToDuration(Clock::duration d);

// Abandons a run that cannot succeed (no server, every call refused)
// instead of failing for its whole duration: true once at least
// kHopelessErrors calls failed and they are more than half of all calls.
inline constexpr uint64_t kHopelessErrors = 1000;
inline bool HopelessRun(const Tally& tally) {
  const uint64_t errors = tally.errors();
  return errors >= kHopelessErrors && errors > tally.ok();
}

// Runs every sender's Run() on a thread of its own, waits for them all and
// adds up their tallies. A Sender has Run(), tally(), warmup(), gave_up()
// and last_counted_answer().
// What every sender (one client thread of a mode) has in common: a stub
// and completion queue, the phases, the count limit, the tallies, and the
// rule for when to stop starting calls. RunSenders reads the accessors.
class SenderBase {
 public:
  SenderBase(std::shared_ptr<grpc::Channel> channel, const Phases& phases,
             uint64_t count)
      : stub_(std::move(channel)), phases_(phases), count_(count) {}
  ~SenderBase() { DrainQueue(); }
  SenderBase(const SenderBase&) = delete;
  SenderBase& operator=(const SenderBase&) = delete;

  const Tally& tally() const { return tally_; }
  const Tally& warmup() const { return warmup_; }
  bool gave_up() const { return gave_up_; }
  // Of a counted call; the epoch when there was none.
  Clock::time_point last_counted_answer() const { return last_counted_answer_; }

 protected:
  // Shuts the completion queue down and drains it (the tags left in it are
  // not looked at). A sender calls it in its own destructor, before its
  // calls are destroyed; then again here it does nothing.
  void DrainQueue() {
    if (drained_) return;
    drained_ = true;
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
  }

  // The measurement is over, the count is reached, or the calls keep
  // failing (HopelessRun).
  bool Stopping(Clock::time_point now) {
    gave_up_ = gave_up_ || (!phases_.keep_going &&
                            (HopelessRun(tally_) || HopelessRun(warmup_)));
    return now >= phases_.measure_end || (count_ > 0 && counted_ >= count_) ||
           gave_up_;
  }

  grpc::GenericStub stub_;
  grpc::CompletionQueue cq_;
  const Phases& phases_;
  const uint64_t count_;
  uint64_t counted_ = 0;  // counted calls (stream: requests) started
  Tally tally_;
  Tally warmup_;
  bool gave_up_ = false;
  Clock::time_point last_counted_answer_{};

 private:
  bool drained_ = false;
};

template <typename Sender>
LoadResult RunSenders(const std::vector<std::unique_ptr<Sender>>& senders,
                      const Phases& phases) {
  std::vector<std::thread> running;
  for (const auto& sender : senders) {
    running.emplace_back([s = sender.get()] { s->Run(); });
  }
  for (std::thread& t : running) t.join();
  LoadResult result;
  Clock::time_point last = phases.warmup_end;
  for (const auto& sender : senders) {
    result.tally.Merge(sender->tally());
    result.warmup.Merge(sender->warmup());
    result.gave_up = result.gave_up || sender->gave_up();
    last = std::max(last, sender->last_counted_answer());
  }
  result.elapsed = ToDuration(last - phases.warmup_end);
  return result;
}

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_LOAD_RUN_H_
