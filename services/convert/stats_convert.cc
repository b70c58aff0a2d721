// Copyright 2026 The Switchboard Authors.

#include "convert/stats_convert.h"

#include <cstdint>
#include <iterator>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "convert/contact_convert.h"
#include "convert/time_convert.h"

namespace switchboard {
namespace {

// Which wire field holds which library counter / metric: one table serves
// both directions, so they cannot disagree.
struct CounterField {
  Counter counter;
  uint64_t (v1::Counters::*get)() const;
  void (v1::Counters::*set)(uint64_t);
};

constexpr CounterField kCounterFields[] = {
    {Counter::kReceived, &v1::Counters::received, &v1::Counters::set_received},
    {Counter::kRouted, &v1::Counters::routed, &v1::Counters::set_routed},
    {Counter::kTriaged, &v1::Counters::triaged, &v1::Counters::set_triaged},
    {Counter::kSelfServed, &v1::Counters::self_served,
     &v1::Counters::set_self_served},
    {Counter::kQueued, &v1::Counters::queued, &v1::Counters::set_queued},
    {Counter::kEscalated, &v1::Counters::escalated,
     &v1::Counters::set_escalated},
    {Counter::kOffered, &v1::Counters::offered, &v1::Counters::set_offered},
    {Counter::kOfferRejected, &v1::Counters::offer_rejected,
     &v1::Counters::set_offer_rejected},
    {Counter::kOfferTimedOut, &v1::Counters::offer_timed_out,
     &v1::Counters::set_offer_timed_out},
    {Counter::kAccepted, &v1::Counters::accepted, &v1::Counters::set_accepted},
    {Counter::kSlaMet, &v1::Counters::sla_met, &v1::Counters::set_sla_met},
    {Counter::kSlaMissed, &v1::Counters::sla_missed,
     &v1::Counters::set_sla_missed},
    {Counter::kAbandoned, &v1::Counters::abandoned,
     &v1::Counters::set_abandoned},
    {Counter::kTransferredOut, &v1::Counters::transferred_out,
     &v1::Counters::set_transferred_out},
    {Counter::kTransferredIn, &v1::Counters::transferred_in,
     &v1::Counters::set_transferred_in},
    {Counter::kResolved, &v1::Counters::resolved, &v1::Counters::set_resolved},
    {Counter::kResolvedFirstTime, &v1::Counters::resolved_first_time,
     &v1::Counters::set_resolved_first_time},
    {Counter::kFavourable, &v1::Counters::favourable,
     &v1::Counters::set_favourable},
    {Counter::kUnfavourable, &v1::Counters::unfavourable,
     &v1::Counters::set_unfavourable},
    {Counter::kNeutral, &v1::Counters::neutral, &v1::Counters::set_neutral},
    {Counter::kRepeatContact, &v1::Counters::repeat_contacts,
     &v1::Counters::set_repeat_contacts},
    {Counter::kHighRisk, &v1::Counters::high_risk,
     &v1::Counters::set_high_risk},
    {Counter::kCallBackRecommended, &v1::Counters::call_backs_recommended,
     &v1::Counters::set_call_backs_recommended},
    {Counter::kCallBackScheduled, &v1::Counters::call_backs_scheduled,
     &v1::Counters::set_call_backs_scheduled},
    {Counter::kSelfServiceEscalated, &v1::Counters::self_service_escalated,
     &v1::Counters::set_self_service_escalated},
    {Counter::kTypeQuestion, &v1::Counters::type_question,
     &v1::Counters::set_type_question},
    {Counter::kTypeComplaint, &v1::Counters::type_complaint,
     &v1::Counters::set_type_complaint},
    {Counter::kTypeObjection, &v1::Counters::type_objection,
     &v1::Counters::set_type_objection},
    {Counter::kTypeRequest, &v1::Counters::type_request,
     &v1::Counters::set_type_request},
    {Counter::kTypeCompliment, &v1::Counters::type_compliment,
     &v1::Counters::set_type_compliment},
    {Counter::kPersonalDataBsn, &v1::Counters::personal_data_bsn,
     &v1::Counters::set_personal_data_bsn},
    {Counter::kPersonalDataIban, &v1::Counters::personal_data_iban,
     &v1::Counters::set_personal_data_iban},
    {Counter::kPersonalDataPhone, &v1::Counters::personal_data_phone,
     &v1::Counters::set_personal_data_phone},
    {Counter::kPersonalDataEmail, &v1::Counters::personal_data_email,
     &v1::Counters::set_personal_data_email},
    {Counter::kPersonalDataPostcode, &v1::Counters::personal_data_postcode,
     &v1::Counters::set_personal_data_postcode},
    {Counter::kPersonalDataDateOfBirth, &v1::Counters::personal_data_date_of_birth,
     &v1::Counters::set_personal_data_date_of_birth},
    {Counter::kLanguageDutch, &v1::Counters::language_dutch,
     &v1::Counters::set_language_dutch},
    {Counter::kLanguageEnglish, &v1::Counters::language_english,
     &v1::Counters::set_language_english},
    {Counter::kLanguageOther, &v1::Counters::language_other,
     &v1::Counters::set_language_other},
};
static_assert(std::size(kCounterFields) == kNumCounters,
              "every Counter needs its wire field");

struct MetricField {
  Metric metric;
  const char* name;  // For messages.
  const v1::LatencySummary& (v1::SegmentStats::*get)() const;
  v1::LatencySummary* (v1::SegmentStats::*mutable_field)();
};

constexpr MetricField kMetricFields[] = {
    {Metric::kDecide, "decide", &v1::SegmentStats::decide,
     &v1::SegmentStats::mutable_decide},
    {Metric::kWait, "wait", &v1::SegmentStats::wait,
     &v1::SegmentStats::mutable_wait},
    {Metric::kFirstResponse, "first_response",
     &v1::SegmentStats::first_response,
     &v1::SegmentStats::mutable_first_response},
    {Metric::kHandle, "handle", &v1::SegmentStats::handle,
     &v1::SegmentStats::mutable_handle},
    {Metric::kResolution, "resolution", &v1::SegmentStats::resolution,
     &v1::SegmentStats::mutable_resolution},
};
static_assert(std::size(kMetricFields) == kNumMetrics,
              "every Metric needs its wire field");

void LatencyToProto(const LatencySummary& s, v1::LatencySummary* p) {
  p->set_count(s.count);
  *p->mutable_mean() = DurationToProto(s.mean);
  *p->mutable_p50() = DurationToProto(s.p50);
  *p->mutable_p90() = DurationToProto(s.p90);
  *p->mutable_p99() = DurationToProto(s.p99);
  *p->mutable_max() = DurationToProto(s.max);
  *p->mutable_min() = DurationToProto(s.min);
}

absl::StatusOr<LatencySummary> LatencyFromProto(const v1::LatencySummary& p,
                                                absl::string_view field) {
  LatencySummary s;
  s.count = p.count();
  const struct {
    const google::protobuf::Duration& from;
    absl::Duration* to;
    const char* name;
  } parts[] = {{p.mean(), &s.mean, "mean"}, {p.p50(), &s.p50, "p50"},
               {p.p90(), &s.p90, "p90"},    {p.p99(), &s.p99, "p99"},
               {p.max(), &s.max, "max"},    {p.min(), &s.min, "min"}};
  for (const auto& part : parts) {
    absl::StatusOr<absl::Duration> d =
        DurationFromProto(part.from, absl::StrCat(field, ".", part.name));
    if (!d.ok()) return d.status();
    *part.to = *d;
  }
  return s;
}

void SegmentToProto(const SegmentStats& s, v1::SegmentStats* p) {
  p->set_channel(s.channel ? ChannelToProto(*s.channel)
                           : v1::CHANNEL_UNSPECIFIED);
  p->set_department(s.department);
  for (const MetricField& m : kMetricFields) {
    LatencyToProto(s.of(m.metric), (p->*m.mutable_field)());
  }
  v1::Counters* counters = p->mutable_counters();
  for (const CounterField& c : kCounterFields) {
    (counters->*c.set)(s.count(c.counter));
  }
  p->set_satisfaction_count(s.satisfaction_count);
  p->set_satisfaction_mean(s.satisfaction_mean);
  p->set_sla_attainment(s.sla_attainment());
  p->set_abandonment_rate(s.abandonment_rate());
  p->set_right_first_time(s.right_first_time());
  p->set_deflection_rate(s.deflection_rate());
  p->set_self_service_escalation_rate(s.self_service_escalation_rate());
}

absl::StatusOr<SegmentStats> SegmentFromProto(const v1::SegmentStats& p,
                                              absl::string_view field) {
  SegmentStats s;
  absl::StatusOr<Channel> channel =
      ChannelFromProto(p.channel(), absl::StrCat(field, ".channel"));
  if (!channel.ok()) return channel.status();
  if (*channel != Channel::kUnspecified) s.channel = *channel;
  s.department = p.department();
  for (const MetricField& m : kMetricFields) {
    absl::StatusOr<LatencySummary> l =
        LatencyFromProto((p.*m.get)(), absl::StrCat(field, ".", m.name));
    if (!l.ok()) return l.status();
    s.latency[static_cast<int>(m.metric)] = *l;
  }
  for (const CounterField& c : kCounterFields) {
    s.counters[static_cast<int>(c.counter)] = (p.counters().*c.get)();
  }
  s.satisfaction_count = p.satisfaction_count();
  s.satisfaction_mean = p.satisfaction_mean();
  // sla_attainment, abandonment_rate and right_first_time are derived from
  // the counters: nothing to read.
  return s;
}

}  // namespace

v1::Stats StatsToProto(const StatsSnapshot& stats) {
  v1::Stats p;
  if (IsFinite(stats.taken_at))
    *p.mutable_taken_at() = TimeToProto(stats.taken_at);
  SegmentToProto(stats.total, p.mutable_total());
  for (const SegmentStats& s : stats.segments) {
    SegmentToProto(s, p.add_segments());
  }
  for (const TransferCount& t : stats.transfers) {
    v1::TransferCount* out = p.add_transfers();
    out->set_from_department(t.from_department);
    out->set_to_department(t.to_department);
    out->set_count(t.count);
  }
  for (const QueueStats& q : stats.queues) {
    v1::QueueStats* out = p.add_queues();
    out->set_queue(q.queue);
    out->set_department(q.department);
    out->set_waiting(q.waiting);
    *out->mutable_oldest_wait() = DurationToProto(q.oldest_wait);
  }
  p.set_agents_available(stats.agents_available);
  p.set_agents_away(stats.agents_away);
  p.set_agents_offline(stats.agents_offline);
  p.set_corrected_examples(stats.corrected_examples);
  return p;
}

absl::StatusOr<StatsSnapshot> StatsFromProto(const v1::Stats& p) {
  StatsSnapshot s;
  absl::StatusOr<absl::Time> taken_at = OptionalTimeFromProto(
      p.has_taken_at(), p.taken_at(), absl::InfinitePast(), "taken_at");
  if (!taken_at.ok()) return taken_at.status();
  s.taken_at = *taken_at;
  absl::StatusOr<SegmentStats> total = SegmentFromProto(p.total(), "total");
  if (!total.ok()) return total.status();
  s.total = *std::move(total);
  for (int i = 0; i < p.segments_size(); ++i) {
    absl::StatusOr<SegmentStats> segment =
        SegmentFromProto(p.segments(i), absl::StrCat("segments[", i, "]"));
    if (!segment.ok()) return segment.status();
    s.segments.push_back(*std::move(segment));
  }
  for (const v1::TransferCount& t : p.transfers()) {
    s.transfers.push_back({t.from_department(), t.to_department(), t.count()});
  }
  for (int i = 0; i < p.queues_size(); ++i) {
    const v1::QueueStats& q = p.queues(i);
    absl::StatusOr<absl::Duration> oldest = DurationFromProto(
        q.oldest_wait(), absl::StrCat("queues[", i, "].oldest_wait"));
    if (!oldest.ok()) return oldest.status();
    s.queues.push_back({q.queue(), q.department(), q.waiting(), *oldest});
  }
  s.agents_available = p.agents_available();
  s.agents_away = p.agents_away();
  s.agents_offline = p.agents_offline();
  s.corrected_examples = p.corrected_examples();
  return s;
}

absl::StatusOr<StatsFilter> StatsFilterFromProto(
    const v1::GetStatsRequest& request) {
  StatsFilter filter;
  absl::StatusOr<Channel> channel =
      ChannelFromProto(request.channel(), "channel");
  if (!channel.ok()) return channel.status();
  if (*channel != Channel::kUnspecified) filter.channel = *channel;
  filter.department = request.department();
  return filter;
}

}  // namespace switchboard
