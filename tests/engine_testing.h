// Copyright 2026 The Switchboard Authors.
//
// engine_testing.h: helpers for tests of the Engine facade.

#ifndef SWITCHBOARD_TESTS_ENGINE_TESTING_H_
#define SWITCHBOARD_TESTS_ENGINE_TESTING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "switchboard/engine.h"

namespace switchboard::test_util {

// Everything observable about the engine's state, as text.
inline std::string DumpEngine(Engine& e, const std::vector<std::string>& ids,
                              const std::vector<std::string>& agents = {
                                  "anna", "bram", "chris", "dewi", "erik"}) {
  std::vector<std::string> lines;
  for (const std::string& id : ids) {
    absl::StatusOr<ContactView> v = e.GetContact(id);
    if (!v.ok()) {
      lines.push_back(absl::StrCat(id, ": ", v.status().ToString()));
      continue;
    }
    lines.push_back(absl::StrCat(
        id, ": ", ContactStateName(v->state), " dept=", v->department,
        " queue=", v->queue, " agent=", v->agent_id, " prio=", v->priority,
        " label=", v->label, " text=", v->text,
        " received=", absl::FormatTime(v->received),
        " offered=", absl::FormatTime(v->offered_at),
        " type=", ContactTypeName(v->decision.contact_type),
        " lang=", v->decision.language, " risk=", v->decision.risk,
        " repeat=", absl::StrJoin(v->decision.earlier_contacts, ","),
        " cb=", v->call_back_task, "/", v->call_back_for,
        " answer=", v->decision.answer));
  }
  for (const std::string& agent : agents) {
    absl::StatusOr<std::vector<ContactView>> offers = e.OffersFor(agent);
    std::vector<std::string> o;
    if (offers.ok()) {
      for (const ContactView& v : *offers) o.push_back(v.id);
    }
    lines.push_back(absl::StrCat(
        agent, " offers: ",
        offers.ok() ? absl::StrJoin(o, ",") : offers.status().ToString()));
  }
  const StatsSnapshot s = e.Stats({});
  for (const SegmentStats& seg : s.segments) {
    std::string l = absl::StrCat(seg.channel ? ChannelName(*seg.channel) : "*",
                                 "/", seg.department, ":");
    for (uint64_t c : seg.counters) absl::StrAppend(&l, " ", c);
    for (const LatencySummary& m : seg.latency) {
      absl::StrAppend(&l, " [", m.count, " ", absl::FormatDuration(m.mean),
                      "]");
    }
    absl::StrAppend(&l, " sat=", seg.satisfaction_count, "/",
                    seg.satisfaction_mean);
    lines.push_back(l);
  }
  for (const QueueStats& q : s.queues) {
    // The oldest one's queueing instant (its wait depends on "now").
    lines.push_back(absl::StrCat(
        "queue ", q.queue, " waiting=", q.waiting, " oldest since ",
        q.waiting == 0 ? "-" : absl::FormatTime(s.taken_at - q.oldest_wait)));
  }
  for (const TransferCount& t : s.transfers) {
    lines.push_back(absl::StrCat("transfer ", t.from_department, "->",
                                 t.to_department, " ", t.count));
  }
  lines.push_back(absl::StrCat(
      "agents available=", s.agents_available, " away=", s.agents_away,
      " offline=", s.agents_offline, " corrected=", s.corrected_examples));
  lines.push_back(
      absl::StrCat("next deadline ", absl::FormatTime(e.NextDeadline())));
  return absl::StrJoin(lines, "\n");
}

}  // namespace switchboard::test_util

#endif  // SWITCHBOARD_TESTS_ENGINE_TESTING_H_
