// Copyright 2026 The Switchboard Authors.
//
// What callers of the routing core may see: a contact, an agent's pending
// offers, the queues' lengths and oldest waits.

#include <algorithm>
#include <array>
#include <vector>

#include "switchboard/core/routing_core.h"

namespace switchboard {
namespace core {

ContactView RoutingCore::ViewOf(const ContactRecord& c) const {
  ContactView v;
  v.id = c.id;
  v.channel = c.channel;
  v.state = c.state;
  if (c.department >= 0) v.department = cfg().departments[c.department].id;
  if (c.queue >= 0) v.queue = cfg().queues[c.queue].id;
  if (c.agent >= 0 && (c.state == ContactState::kOffered ||
                       c.state == ContactState::kAccepted)) {
    v.agent_id = agents_.agent(c.agent).id;
  }
  v.label = c.label;
  v.text = c.text;
  v.priority = c.priority;
  v.received = c.received;
  v.sla_deadline = c.sla_deadline;
  if (c.state == ContactState::kOffered) {
    v.offered_at = c.offered_at;
    v.offer_expires = c.offered_at + cfg().offer_timeout;
  }
  v.decision = c.decision;
  v.call_back_for = c.call_back_for;
  v.call_back_task = c.call_back_task;
  return v;
}

absl::StatusOr<ContactView> RoutingCore::GetContact(
    absl::string_view contact_id) const {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  return ViewOf(contacts_[*idx]);
}

absl::StatusOr<std::vector<ContactView>> RoutingCore::OffersFor(
    absl::string_view agent_id) const {
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  std::vector<ContactView> offers;
  if (agents_.agent(*agent).total_load == 0) return offers;
  for (const ContactRecord& c : contacts_) {
    if (c.state == ContactState::kOffered && c.agent == *agent &&
        contact_index_.contains(c.id)) {
      offers.push_back(ViewOf(c));
    }
  }
  std::sort(offers.begin(), offers.end(),
            [](const ContactView& a, const ContactView& b) {
              return a.offered_at < b.offered_at;
            });
  return offers;
}

void RoutingCore::AddQueueStats(const StatsFilter& filter,
                                StatsSnapshot* s) const {
  for (size_t q = 0; q < queues_.size(); ++q) {
    const QueueConfig& qc = cfg().queues[q];
    if (!filter.department.empty() && qc.department != filter.department) {
      continue;
    }
    QueueStats qs;
    qs.queue = qc.id;
    qs.department = qc.department;
    qs.waiting = queues_[q].size();
    absl::Time oldest = queues_[q].OldestEnqueue();
    qs.oldest_wait =
        queues_[q].empty() ? absl::ZeroDuration() : s->taken_at - oldest;
    s->queues.push_back(std::move(qs));
  }
  std::array<uint64_t, 3> presence = agents_.PresenceCounts();
  s->agents_offline = presence[static_cast<int>(Presence::kOffline)];
  s->agents_available = presence[static_cast<int>(Presence::kAvailable)];
  s->agents_away = presence[static_cast<int>(Presence::kAway)];
  s->corrected_examples = corrected_.size();
}

}  // namespace core
}  // namespace switchboard
