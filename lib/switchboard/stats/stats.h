// Copyright 2026 The Switchboard Authors.
//
// stats.h: the statistics snapshot the engine returns, and the Recorder that
// collects it: per channel x department latency histograms (time to decide,
// wait, time to first response, handle time, time to resolution) and
// counters (SLA attainment, abandonment, right-first-time, outcomes,
// satisfaction), plus the transfer matrix.
//
// Recording is lock-free (relaxed atomics), so any thread may record while
// another takes a snapshot.

#ifndef SWITCHBOARD_STATS_STATS_H_
#define SWITCHBOARD_STATS_STATS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "switchboard/contact.h"
#include "switchboard/stats/latency_histogram.h"

namespace switchboard {

// Latency metrics, each measured per contact.
enum class Metric : uint8_t {
  kDecide,         // received -> decided
  kWait,           // first queued -> accepted by an agent
  kFirstResponse,  // received -> first response
  kHandle,         // accepted -> resolved
  kResolution,     // received -> resolved
};
inline constexpr int kNumMetrics = 5;

enum class Counter : uint8_t {
  kReceived,
  kRouted,      // decided: route to a department
  kTriaged,     // decided: triage
  kSelfServed,  // decided: self-service
  kQueued,
  kEscalated,
  kOffered,
  kOfferRejected,
  kOfferTimedOut,
  kAccepted,
  kSlaMet,     // accepted within the SLA target
  kSlaMissed,  // accepted after it, or abandoned after it
  kAbandoned,
  kTransferredOut,
  kTransferredIn,
  kResolved,
  kResolvedFirstTime,  // resolved and never transferred
  kFavourable,
  kUnfavourable,
  kNeutral,
  // Citizen service (issue 7).
  kRepeatContact,          // from a customer seen within the window
  kHighRisk,               // risk at or above the call-back threshold
  kCallBackRecommended,    // at submission or at an unfavourable resolution
  kCallBackScheduled,      // a follow-up phone task was queued
  kSelfServiceEscalated,   // self-served, then asked for a person
  // Contact types, in ContactType order.
  kTypeQuestion,
  kTypeComplaint,
  kTypeObjection,
  kTypeRequest,
  kTypeCompliment,
  // Personal data found and masked, in PersonalDataKind order (counts of
  // findings, never values).
  kPersonalDataBsn,
  kPersonalDataIban,
  kPersonalDataPhone,
  kPersonalDataEmail,
  kPersonalDataPostcode,
  kPersonalDataDateOfBirth,
  // Detected language.
  kLanguageDutch,
  kLanguageEnglish,
  kLanguageOther,
};
inline constexpr int kNumCounters = 39;

// The counter of a contact type / personal-data kind (by enum position).
inline Counter TypeCounter(int type) {
  return static_cast<Counter>(static_cast<int>(Counter::kTypeQuestion) + type);
}
inline Counter PersonalDataCounter(int kind) {
  return static_cast<Counter>(static_cast<int>(Counter::kPersonalDataBsn) +
                              kind);
}

struct StatsFilter {
  std::optional<Channel> channel;  // nullopt: all channels
  std::string department;          // "": all departments
};

// The statistics of one channel x department (or of an aggregate).
struct SegmentStats {
  std::optional<Channel> channel;  // nullopt in an aggregate over channels
  std::string department;          // "" in an aggregate over departments
  std::array<LatencySummary, kNumMetrics> latency;
  std::array<uint64_t, kNumCounters> counters{};
  uint64_t satisfaction_count = 0;
  double satisfaction_mean = 0;

  uint64_t count(Counter c) const { return counters[static_cast<int>(c)]; }
  const LatencySummary& of(Metric m) const {
    return latency[static_cast<int>(m)];
  }
  // Shares in [0, 1]; 0 when there is nothing to divide by.
  double sla_attainment() const;    // met / (met + missed)
  double abandonment_rate() const;  // abandoned / queued
  double right_first_time() const;  // resolved first time / resolved
  double deflection_rate() const;    // self-served / received
  // Of the self-served, the share that asked for a person after all.
  double self_service_escalation_rate() const;
};

struct TransferCount {
  std::string from_department, to_department;
  uint64_t count = 0;
};

struct QueueStats {
  std::string queue, department;
  uint64_t waiting = 0;
  absl::Duration oldest_wait;
};

struct StatsSnapshot {
  absl::Time taken_at;
  SegmentStats total;                    // over everything the filter keeps
  std::vector<SegmentStats> segments;    // each non-empty channel x dept kept
  std::vector<TransferCount> transfers;  // non-zero cells, most first
  std::vector<QueueStats> queues;        // filtered by department
  uint64_t agents_available = 0, agents_away = 0, agents_offline = 0;
  uint64_t corrected_examples = 0;
};

// Collects samples and counters per channel x department. Departments are
// indices into the list given at construction and then grown by
// AddDepartment; kNoDepartment is for contacts not (yet) in a department
// (self-service, refused).
class Recorder {
 public:
  static constexpr int kNoDepartment = -1;
  // How kNoDepartment is named in a snapshot (segments and transfers); a
  // filter may name it too.
  static constexpr char kNoDepartmentName[] = "(none)";

  explicit Recorder(std::vector<std::string> department_ids);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Adds a department (or finds a known one by id) and returns its index.
  // Indices never change, so statistics survive a configuration reload. It
  // must not run concurrently with Add/Record/RecordSatisfaction/
  // RecordTransfer (the engine calls all of them under its lock); Snapshot
  // may run at any time.
  int AddDepartment(std::string id);

  // All lock-free; thread-safe among themselves and with Snapshot.
  // Out-of-range departments count as kNoDepartment.
  void Add(Channel channel, int department, Counter counter, uint64_t n = 1);
  void Record(Channel channel, int department, Metric metric, absl::Duration d);
  void RecordSatisfaction(Channel channel, int department, int score);
  void RecordTransfer(int from_department, int to_department);

  // Segments, total and transfers for `filter` (the caller fills queues,
  // agents and taken_at). A segment is kept when it matches the filter and
  // has recorded anything. Transfers have no channel: a channel filter keeps
  // them all, a department filter keeps those from or to that department.
  // A department the recorder does not know gives an empty snapshot.
  StatsSnapshot Snapshot(const StatsFilter& filter) const;

 private:
  struct Segment;
  struct Slot;
  Segment& At(Channel channel, int department);
  size_t SlotOf(int department) const;

  // Guards the shape (departments_, slots_, transfers_) between
  // AddDepartment and Snapshot.
  mutable absl::Mutex shape_mu_;
  std::vector<std::string> departments_;
  // Slot 0 is kNoDepartment, slot d + 1 department d.
  std::vector<std::unique_ptr<Slot>> slots_;
  std::unique_ptr<std::atomic<uint64_t>[]> transfers_;  // slots x slots
};

}  // namespace switchboard

#endif  // SWITCHBOARD_STATS_STATS_H_
