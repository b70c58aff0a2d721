// Copyright 2026 The Switchboard Authors.
//
// Reload's work in the routing core: every contact, queue, timer and agent
// moves onto the new generation. Contacts keep their place and age; one
// whose queue left the configuration goes to its department's queue for
// its channel, else to triage, with an event saying why.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "switchboard/core/routing_core.h"

namespace switchboard {
namespace core {

void RoutingCore::Migrate(const Generation* next) {
  const Generation& old = *g_;
  const Generation* const ng = next;  // Kept alive by the engine.
  const EngineConfig& oc = old.config();
  const EngineConfig& nc = next->config();
  const absl::Time now = now_;

  // Agents: skills re-indexed by name, configured ones added or updated.
  agents_.RemapSkills(oc.skills, ng->skill_index);
  for (const AgentConfig& a : nc.agents) {
    agents_.Upsert(a, ng->skill_index, now);
  }

  // Where each old queue's contacts go: the same queue id when it stays.
  std::vector<int> queue_to(oc.queues.size(), -1);
  for (size_t q = 0; q < oc.queues.size(); ++q) {
    queue_to[q] = ng->decider.QueueIndex(oc.queues[q].id);
  }
  std::vector<int> department_to(oc.departments.size(), -1);
  for (size_t d = 0; d < oc.departments.size(); ++d) {
    department_to[d] = ng->decider.DepartmentIndex(oc.departments[d].id);
  }
  auto remap_needs = [&](const SkillNeeds& needs) {
    SkillNeeds out;
    for (SkillNeed n : needs) {
      auto it = ng->skill_index.find(oc.skills[n.skill]);
      if (it != ng->skill_index.end()) {
        out.push_back({static_cast<uint16_t>(it->second), n.min_level});
      }
    }
    return out;
  };

  // Waiting contacts leave the old queues in order; they are put back
  // (same entry: same key, same age) once the new generation is in.
  std::vector<uint32_t> waiting;
  for (const ContactQueue& q : queues_) {
    for (const QueueEntry& e : q) waiting.push_back(e.contact);
  }
  struct Moved {
    uint32_t idx;
    std::string why;  // Non-empty: the contact changed queue.
  };
  std::vector<Moved> moved;
  const int triage_queue = ng->decider.QueueIndex(nc.thresholds.triage_queue);

  g_ = next;
  const Generation& g = *g_;

  for (uint32_t idx = 0; idx < contacts_.size(); ++idx) {
    ContactRecord& c = contacts_[idx];
    if (c.id.empty() || !contact_index_.contains(c.id)) continue;
    const int old_queue = c.queue;
    const int old_department = c.department;
    const int department =
        old_department >= 0 ? department_to[old_department] : -1;
    if (c.state == ContactState::kResolved ||
        c.state == ContactState::kAbandoned ||
        c.state == ContactState::kSelfServed) {
      // Finished: only names for late events; statistics keep their slot.
      c.department = department;
      c.queue = old_queue >= 0 ? queue_to[old_queue] : -1;
      continue;
    }
    c.needs = remap_needs(c.needs);
    int queue = old_queue >= 0 ? queue_to[old_queue] : -1;
    std::string why;
    if (queue < 0) {
      queue = department >= 0 ? g.decider.QueueFor(department, c.channel) : -1;
      if (queue >= 0) {
        why = absl::StrCat("queue ", oc.queues[old_queue].id,
                           " left the configuration; moved to ",
                           nc.queues[queue].id);
      } else {
        queue = triage_queue;
        why = absl::StrCat("queue ", oc.queues[old_queue].id,
                           " and its department left the configuration; "
                           "moved to triage");
      }
    }
    const int new_department =
        g.decider.DepartmentIndex(nc.queues[queue].department);
    const int stats = c.stats_department;
    SetDepartment(c, new_department);
    if (why.empty() && new_department == department) {
      c.stats_department = stats;  // Same department: same slot anyway.
    } else {
      c.needs = g.department_needs[new_department];
    }
    c.queue = queue;
    // Escalation steps of the (possibly new) queue, counted from the first
    // queueing as always; steps already past are skipped on a move, and an
    // unchanged queue keeps its place in its steps.
    const std::vector<EscalationStep>& steps = nc.queues[queue].escalation;
    if (!why.empty()) {
      c.escalation_step = 0;
      const absl::Time since = absl::FromUnixNanos(c.entry.enqueued_ns);
      while (c.escalation_step < static_cast<int>(steps.size()) &&
             since + steps[c.escalation_step].after <= now) {
        ++c.escalation_step;
      }
    }
    c.escalation_step =
        std::min(c.escalation_step, static_cast<int>(steps.size()));
    ++c.escalation_gen;
    if (!why.empty() && c.state != ContactState::kAccepted) {
      moved.push_back({idx, std::move(why)});
    }
  }

  // New queue and escalation shapes; waiting contacts go back in.
  queues_.clear();
  queues_.resize(nc.queues.size());
  escalations_.clear();
  escalations_.resize(nc.queues.size());
  for (size_t q = 0; q < nc.queues.size(); ++q) {
    escalations_[q].resize(nc.queues[q].escalation.size());
  }
  for (uint32_t idx : waiting) {
    queues_[contacts_[idx].queue].Push(contacts_[idx].entry);
  }
  for (uint32_t idx = 0; idx < contacts_.size(); ++idx) {
    const ContactRecord& c = contacts_[idx];
    if (c.id.empty() || !contact_index_.contains(c.id)) continue;
    if (c.state == ContactState::kWaiting ||
        c.state == ContactState::kOffered) {
      ScheduleEscalation(idx);
    }
  }
  for (const Moved& m : moved) {
    Emit(EventType::kEscalated, &contacts_[m.idx], -1, m.why);
  }
  // New agents, skills or queues may match waiting contacts to agents now.
  for (uint32_t idx : waiting) TryAssign(idx);
}

}  // namespace core
}  // namespace switchboard
