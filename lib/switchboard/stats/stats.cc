// Copyright 2026 The Switchboard Authors.

#include "switchboard/stats/stats.h"

#include "absl/synchronization/mutex.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "switchboard/contact.h"
#include "switchboard/stats/latency_histogram.h"

namespace switchboard {
namespace {

// Every Channel value, kUnspecified (0) included, indexes a row.
constexpr int kNumChannels = static_cast<int>(kAllChannels.size()) + 1;

int ChannelIndex(Channel channel) {
  const int c = static_cast<int>(channel);
  return c < kNumChannels ? c : 0;  // Garbage values count as unspecified.
}

// num / den, clamped to [0, 1] (counters read while others record may be
// momentarily inconsistent); 0 when den is 0.
double Share(uint64_t num, uint64_t den) {
  if (den == 0) return 0;
  return std::min(1.0, static_cast<double>(num) / static_cast<double>(den));
}

}  // namespace

double SegmentStats::sla_attainment() const {
  const uint64_t met = count(Counter::kSlaMet);
  return Share(met, met + count(Counter::kSlaMissed));
}

double SegmentStats::abandonment_rate() const {
  return Share(count(Counter::kAbandoned), count(Counter::kQueued));
}

double SegmentStats::right_first_time() const {
  return Share(count(Counter::kResolvedFirstTime), count(Counter::kResolved));
}

double SegmentStats::deflection_rate() const {
  return Share(count(Counter::kSelfServed), count(Counter::kReceived));
}

double SegmentStats::self_service_escalation_rate() const {
  return Share(count(Counter::kSelfServiceEscalated),
               count(Counter::kSelfServed));
}

// One channel x department. Every field is updated with relaxed atomics.
struct Recorder::Segment {
  std::array<LatencyHistogram, kNumMetrics> latency;
  std::array<std::atomic<uint64_t>, kNumCounters> counters{};
  std::atomic<uint64_t> satisfaction_count{0};
  std::atomic<int64_t> satisfaction_sum{0};

  bool empty() const {
    for (const auto& h : latency) {
      if (h.count() != 0) return false;
    }
    for (const auto& c : counters) {
      if (c.load(std::memory_order_relaxed) != 0) return false;
    }
    return satisfaction_count.load(std::memory_order_relaxed) == 0;
  }

  // Adds everything `other` holds to this segment.
  void Merge(const Segment& other) {
    for (int m = 0; m < kNumMetrics; ++m) latency[m].Merge(other.latency[m]);
    for (int c = 0; c < kNumCounters; ++c) {
      counters[c].fetch_add(other.counters[c].load(std::memory_order_relaxed),
                            std::memory_order_relaxed);
    }
    satisfaction_count.fetch_add(
        other.satisfaction_count.load(std::memory_order_relaxed),
        std::memory_order_relaxed);
    satisfaction_sum.fetch_add(
        other.satisfaction_sum.load(std::memory_order_relaxed),
        std::memory_order_relaxed);
  }

  SegmentStats Summarize(std::optional<Channel> channel,
                         std::string department) const {
    SegmentStats s;
    s.channel = channel;
    s.department = std::move(department);
    for (int m = 0; m < kNumMetrics; ++m) s.latency[m] = latency[m].Summarize();
    for (int c = 0; c < kNumCounters; ++c) {
      s.counters[c] = counters[c].load(std::memory_order_relaxed);
    }
    s.satisfaction_count = satisfaction_count.load(std::memory_order_relaxed);
    const int64_t sum = satisfaction_sum.load(std::memory_order_relaxed);
    if (s.satisfaction_count != 0) {
      s.satisfaction_mean =
          static_cast<double>(sum) / static_cast<double>(s.satisfaction_count);
    }
    return s;
  }
};

struct Recorder::Slot {
  std::array<Segment, kNumChannels> by_channel;
};

// Layout: slot 0 is kNoDepartment, slot d + 1 department d. Each slot owns
// one Segment per channel; slots are only ever appended, so a department's
// segments never move.
Recorder::Recorder(std::vector<std::string> department_ids) {
  slots_.push_back(std::make_unique<Slot>());
  transfers_ = std::make_unique<std::atomic<uint64_t>[]>(1);
  for (std::string& id : department_ids) AddDepartment(std::move(id));
}

Recorder::~Recorder() = default;

int Recorder::AddDepartment(std::string id) {
  absl::MutexLock lock(&shape_mu_);
  for (size_t d = 0; d < departments_.size(); ++d) {
    if (departments_[d] == id) return static_cast<int>(d);
  }
  departments_.push_back(std::move(id));
  slots_.push_back(std::make_unique<Slot>());
  const size_t n = slots_.size();
  auto transfers = std::make_unique<std::atomic<uint64_t>[]>(n * n);
  for (size_t from = 0; from + 1 < n; ++from) {
    for (size_t to = 0; to + 1 < n; ++to) {
      transfers[from * n + to].store(
          transfers_[from * (n - 1) + to].load(std::memory_order_relaxed),
          std::memory_order_relaxed);
    }
  }
  transfers_ = std::move(transfers);
  return static_cast<int>(departments_.size() - 1);
}

size_t Recorder::SlotOf(int department) const {
  return department >= 0 && static_cast<size_t>(department) + 1 < slots_.size()
             ? static_cast<size_t>(department) + 1
             : 0;
}

Recorder::Segment& Recorder::At(Channel channel, int department) {
  return slots_[SlotOf(department)]->by_channel[ChannelIndex(channel)];
}

void Recorder::Add(Channel channel, int department, Counter counter,
                   uint64_t n) {
  At(channel, department)
      .counters[static_cast<int>(counter)]
      .fetch_add(n, std::memory_order_relaxed);
}

void Recorder::Record(Channel channel, int department, Metric metric,
                      absl::Duration d) {
  At(channel, department).latency[static_cast<int>(metric)].Record(d);
}

void Recorder::RecordSatisfaction(Channel channel, int department, int score) {
  Segment& s = At(channel, department);
  s.satisfaction_count.fetch_add(1, std::memory_order_relaxed);
  s.satisfaction_sum.fetch_add(score, std::memory_order_relaxed);
}

void Recorder::RecordTransfer(int from_department, int to_department) {
  const size_t slots = slots_.size();
  transfers_[SlotOf(from_department) * slots + SlotOf(to_department)]
      .fetch_add(1, std::memory_order_relaxed);
}

StatsSnapshot Recorder::Snapshot(const StatsFilter& filter) const {
  absl::MutexLock lock(&shape_mu_);
  const int slots = static_cast<int>(slots_.size());
  auto name = [&](int slot) {
    return slot > 0 ? departments_[slot - 1] : std::string(kNoDepartmentName);
  };
  // Departments in order, then kNoDepartment.
  std::vector<int> order;
  for (int d = 1; d < slots; ++d) order.push_back(d);
  order.push_back(0);

  // The department slot the filter fixes, if any.
  std::optional<int> only_slot;
  StatsSnapshot snap;
  snap.total.channel = filter.channel;
  snap.total.department = filter.department;
  if (!filter.department.empty()) {
    for (int d = 0; d < slots && !only_slot; ++d) {
      if (name(d) == filter.department) only_slot = d;
    }
    if (!only_slot) return snap;  // Unknown department: nothing matches.
  }

  // The total is the merge of every kept segment; a heap temporary, as a
  // Segment holds kNumMetrics histograms of ~8 KiB each.
  auto total = std::make_unique<Segment>();
  for (int c = 0; c < kNumChannels; ++c) {
    const Channel channel = static_cast<Channel>(c);
    if (filter.channel && ChannelIndex(*filter.channel) != c) continue;
    for (int d : order) {
      if (only_slot && *only_slot != d) continue;
      const Segment& segment = slots_[d]->by_channel[c];
      if (segment.empty()) continue;
      snap.segments.push_back(segment.Summarize(channel, name(d)));
      total->Merge(segment);
    }
  }
  snap.total = total->Summarize(filter.channel, filter.department);

  for (int from : order) {
    for (int to : order) {
      if (only_slot && *only_slot != from && *only_slot != to) continue;
      const uint64_t n =
          transfers_[from * slots + to].load(std::memory_order_relaxed);
      if (n != 0) snap.transfers.push_back({name(from), name(to), n});
    }
  }
  std::sort(snap.transfers.begin(), snap.transfers.end(),
            [](const TransferCount& a, const TransferCount& b) {
              return std::tie(b.count, a.from_department, a.to_department) <
                     std::tie(a.count, b.from_department, b.to_department);
            });
  return snap;
}

}  // namespace switchboard
