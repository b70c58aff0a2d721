// Copyright 2026 The Switchboard Authors.
//
// Statistics benchmarks: the cost of recording on the hot path.
//   BM_RecordLatency   one LatencyHistogram::Record (target < 50 ns),
//                      from 1-2 threads on the same histogram (contention)
//   BM_RecorderRecord  Recorder::Record over rotating channel x department
//   BM_RecorderAdd     Recorder::Add of one counter, same rotation
//   BM_Snapshot        Recorder::Snapshot of everything, per department count

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "switchboard/contact.h"
#include "switchboard/stats/latency_histogram.h"
#include "switchboard/stats/stats.h"

namespace switchboard {
namespace {

constexpr int kDepartments = 8;

std::vector<std::string> DepartmentIds(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(absl::StrCat("department-", i));
  return ids;
}

// Latencies spread over many buckets (0 .. 1 s), cheap to generate.
absl::Duration NextLatency(uint64_t& x) {
  x = x * 6364136223846793005u + 1442695040888963407u;  // LCG step.
  return absl::Microseconds(static_cast<int64_t>((x >> 33) % 1'000'000));
}

// One object shared by every thread of a multi-threaded run: thread 0
// creates it before the timed loop and deletes it after; the loop's start
// and end are barriers for all threads.
template <typename T>
class Shared {
 public:
  template <typename... Args>
  explicit Shared(const benchmark::State& state, Args&&... args)
      : state_(state) {
    if (state_.thread_index() == 0)
      object_ = new T(std::forward<Args>(args)...);
  }
  ~Shared() {
    if (state_.thread_index() == 0) {
      delete object_;
      object_ = nullptr;
    }
  }
  T* operator->() const { return object_; }

 private:
  const benchmark::State& state_;
  static inline T* object_ = nullptr;
};

// Latency samples: each thread records into one histogram, all threads into
// the same one (the 2-thread run shows the cost of sharing its counters).
void BM_RecordLatency(benchmark::State& state) {
  Shared<LatencyHistogram> histogram(state);
  uint64_t x = static_cast<uint64_t>(state.thread_index()) + 1;
  for (auto _ : state) {
    histogram->Record(NextLatency(x));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordLatency)->ThreadRange(1, 2)->UseRealTime();

// The same through the Recorder, rotating over channel x department. Thread
// t takes every threads()-th step of the rotation, so two threads never
// share a segment: the 2-thread run shows that per-segment histograms shard
// the contention BM_RecordLatency/threads:2 pays. (Threads walking the same
// rotation fall into lockstep on one segment and measure that instead.)
void BM_RecorderRecord(benchmark::State& state) {
  Shared<Recorder> recorder(state, DepartmentIds(kDepartments));
  uint64_t x = static_cast<uint64_t>(state.thread_index()) + 1;
  size_t i = static_cast<size_t>(state.thread_index());
  for (auto _ : state) {
    recorder->Record(kAllChannels[i % kAllChannels.size()],
                     static_cast<int>(i % kDepartments), Metric::kWait,
                     NextLatency(x));
    i += static_cast<size_t>(state.threads());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecorderRecord)->ThreadRange(1, 2)->UseRealTime();

void BM_RecorderAdd(benchmark::State& state) {
  Shared<Recorder> recorder(state, DepartmentIds(kDepartments));
  size_t i = static_cast<size_t>(state.thread_index());
  for (auto _ : state) {
    recorder->Add(kAllChannels[i % kAllChannels.size()],
                  static_cast<int>(i % kDepartments), Counter::kReceived);
    i += static_cast<size_t>(state.threads());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecorderAdd)->ThreadRange(1, 2)->UseRealTime();

// A snapshot of a recorder with every segment filled: state.range(0)
// departments.
void BM_Snapshot(benchmark::State& state) {
  const int departments = static_cast<int>(state.range(0));
  Recorder recorder(DepartmentIds(departments));
  uint64_t x = 1;
  for (Channel channel : kAllChannels) {
    for (int d = 0; d < departments; ++d) {
      for (int i = 0; i < 100; ++i) {
        recorder.Record(channel, d, Metric::kWait, NextLatency(x));
      }
      recorder.Add(channel, d, Counter::kReceived, 100);
      recorder.RecordTransfer(d, (d + 1) % departments);
    }
  }
  for (auto _ : state) {
    StatsSnapshot snap = recorder.Snapshot(StatsFilter());
    benchmark::DoNotOptimize(snap.total.count(Counter::kReceived));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Snapshot)->Arg(4)->Arg(16)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace switchboard
