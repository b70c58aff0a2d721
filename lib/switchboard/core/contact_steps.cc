// Copyright 2026 The Switchboard Authors.
//
// The routing core's steps, each from an agent or about a contact:
// presence, accept, reject, first response, transfer, resolve (and the
// call-back after an unfavourable outcome), abandon, satisfaction, asking
// for a person after self-service; registering agents.

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "switchboard/core/routing_core.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace core {

absl::Status RoutingCore::SetPresence(absl::string_view agent_id,
                                     Presence presence) {
  if (absl::Status s = CheckPresence(presence, agent_id); !s.ok()) return s;
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  agents_.SetPresence(*agent, presence, now_);
  Emit(EventType::kAgentPresence, nullptr, *agent, PresenceName(presence));
  if (presence == Presence::kAvailable) AssignBacklog(*agent);
  return absl::OkStatus();
}

absl::Status RoutingCore::Accept(absl::string_view contact_id,
                                absl::string_view agent_id) {
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  absl::StatusOr<uint32_t> idx = FindOfferedTo(contact_id, *agent, agent_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  const absl::Time now = now_;
  c.state = ContactState::kAccepted;
  const bool first_accept = c.accepted == absl::InfinitePast();
  c.accepted = now;
  ++c.offer_gen;
  ++c.escalation_gen;
  recorder_->Add(c.channel, c.stats_department, Counter::kAccepted);
  // The citizen waited once, however often the contact was transferred:
  // wait and SLA are counted at the first acceptance only.
  if (first_accept) {
    recorder_->Record(c.channel, c.stats_department, Metric::kWait,
                     now - absl::FromUnixNanos(c.entry.enqueued_ns));
    recorder_->Add(
        c.channel, c.stats_department,
        now <= c.sla_deadline ? Counter::kSlaMet : Counter::kSlaMissed);
  }
  Emit(EventType::kAccepted, &c, *agent);
  return absl::OkStatus();
}

absl::Status RoutingCore::Reject(absl::string_view contact_id,
                                absl::string_view agent_id) {
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  absl::StatusOr<uint32_t> idx = FindOfferedTo(contact_id, *agent, agent_id);
  if (!idx.ok()) return idx.status();
  ReturnOffer(*idx, EventType::kOfferRejected);
  return absl::OkStatus();
}

absl::Status RoutingCore::FirstResponse(absl::string_view contact_id) {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kAccepted) return NotInState(c, "accepted");
  if (c.first_response) {
    return absl::FailedPreconditionError(absl::StrCat(
        "contact ", c.id, " already has its first response recorded"));
  }
  c.first_response = true;
  recorder_->Record(c.channel, c.stats_department, Metric::kFirstResponse,
                   now_ - c.received);
  Emit(EventType::kFirstResponse, &c, c.agent);
  return absl::OkStatus();
}

absl::Status RoutingCore::Transfer(absl::string_view contact_id,
                                  absl::string_view to_department,
                                  absl::string_view reason) {
  const int to = g_->decider.DepartmentIndex(to_department);
  if (to < 0) {
    return absl::NotFoundError(
        absl::StrCat("unknown department ", to_department));
  }
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state == ContactState::kResolved ||
      c.state == ContactState::kAbandoned) {
    return NotInState(c, "waiting, offered or accepted");
  }
  if (c.department == to) {
    return absl::InvalidArgumentError(absl::StrCat(
        "contact ", c.id, " is already in department ", to_department));
  }
  const int queue = g_->decider.QueueFor(to, c.channel);
  if (queue < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("department ", to_department, " has no queue for ",
                     ChannelName(c.channel)));
  }
  const QueueConfig& qc = cfg().queues[queue];
  if (static_cast<int64_t>(queues_[queue].size()) >= qc.max_length) {
    return absl::ResourceExhaustedError(
        absl::StrCat("cannot transfer contact ", c.id, ": queue ", qc.id,
                     " is full; the contact stays where it is"));
  }
  const int from = c.department;
  if (c.state == ContactState::kOffered) {
    Emit(EventType::kOfferWithdrawn, &c, c.agent, "transferred");
  }
  const int freed = Detach(*idx);
  c.transferred = true;
  c.rejected_by.clear();  // New department, new agents.
  const int from_stats = c.stats_department;
  const int to_stats = g_->stats_department[to];
  recorder_->Add(c.channel, from_stats, Counter::kTransferredOut);
  recorder_->Add(c.channel, to_stats, Counter::kTransferredIn);
  recorder_->RecordTransfer(from_stats, to_stats);
  // The citizen's words with the department a person chose: a corrected
  // training example. The label is the department's first classifier label
  // (its id when it has none).
  const DepartmentConfig& dept = cfg().departments[to];
  Example corrected;
  corrected.text = c.text;
  corrected.label = dept.labels.empty() ? dept.id : dept.labels.front();
  corrected_.push_back(std::move(corrected));
  SetDepartment(c, to);
  c.queue = queue;
  Emit(EventType::kTransferred, &c, freed, reason, from);
  MoveToQueue(*idx, queue, /*skip_due_steps=*/true);
  AssignBacklog(freed);
  return absl::OkStatus();
}

absl::Status RoutingCore::Resolve(absl::string_view contact_id,
                                 Outcome outcome) {
  if (absl::Status s = CheckOutcome(outcome, contact_id); !s.ok()) return s;
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kAccepted) return NotInState(c, "accepted");
  const absl::Time now = now_;
  const int agent = c.agent;
  Detach(*idx);
  c.state = ContactState::kResolved;
  recorder_->Record(c.channel, c.stats_department, Metric::kHandle, now - c.accepted);
  recorder_->Record(c.channel, c.stats_department, Metric::kResolution,
                   now - c.received);
  recorder_->Add(c.channel, c.stats_department, Counter::kResolved);
  if (!c.transferred) {
    recorder_->Add(c.channel, c.stats_department, Counter::kResolvedFirstTime);
  }
  recorder_->Add(c.channel, c.stats_department,
                outcome == Outcome::kFavourable     ? Counter::kFavourable
                : outcome == Outcome::kUnfavourable ? Counter::kUnfavourable
                                                    : Counter::kNeutral);
  Emit(EventType::kResolved, &c, agent, OutcomeName(outcome), -1, outcome);
  if (c.customer_key != 0) {
    history_->SetOutcome(c.customer_key, {.contact_id = c.id,
                                          .received = c.received,
                                          .department = c.decision.department,
                                          .type = c.decision.contact_type,
                                          .outcome = outcome});
  }
  Finish(*idx);
  if (outcome == Outcome::kUnfavourable && c.call_back_for.empty()) {
    CallBackAfterUnfavourable(*idx);
  }
  AssignBacklog(agent);
  return absl::OkStatus();
}

void RoutingCore::CallBackAfterUnfavourable(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  recorder_->Add(c.channel, c.stats_department, Counter::kCallBackRecommended);
  if (!cfg().call_back.enabled || !c.call_back_task.empty()) return;
  // No channel is forced on the citizen: one who asked for replies on
  // another channel is not phoned.
  if (c.decision.reply_channel_chosen &&
      c.decision.reply_channel != Channel::kPhone) {
    return;
  }
  const int queue = g_->decider.QueueFor(c.department, Channel::kPhone);
  if (queue < 0) return;
  ScheduleCallBack(idx, queue, "resolved with an outcome against the citizen");
}

absl::Status RoutingCore::Abandon(absl::string_view contact_id) {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kWaiting && c.state != ContactState::kOffered) {
    return NotInState(c, "waiting or offered");
  }
  if (c.state == ContactState::kOffered) {
    Emit(EventType::kOfferWithdrawn, &c, c.agent, "abandoned");
  }
  const int freed = Detach(*idx);
  c.state = ContactState::kAbandoned;
  recorder_->Add(c.channel, c.stats_department, Counter::kAbandoned);
  if (c.accepted == absl::InfinitePast() && now_ > c.sla_deadline) {
    recorder_->Add(c.channel, c.stats_department, Counter::kSlaMissed);
  }
  Emit(EventType::kAbandoned, &c, freed);
  Finish(*idx);
  AssignBacklog(freed);
  return absl::OkStatus();
}

absl::Status RoutingCore::RecordSatisfaction(absl::string_view contact_id,
                                            int score) {
  if (score < 1 || score > 10) {
    return absl::InvalidArgumentError(
        absl::StrCat("satisfaction score for contact ", contact_id, " is ",
                     score, "; expected 1..10"));
  }
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  recorder_->RecordSatisfaction(c.channel, c.stats_department, score);
  Emit(EventType::kSatisfaction, &c, -1, {}, -1, Outcome::kNeutral, score);
  return absl::OkStatus();
}

absl::Status RoutingCore::AskForPerson(absl::string_view contact_id) {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kSelfServed) {
    return NotInState(c, "self-served (only a contact answered by "
                         "self-service can ask for a person)");
  }
  // Where the decision said it would go otherwise; if a reload removed that
  // queue, its department's queue for the channel, else triage.
  int queue = c.queue;
  if (queue < 0 && c.department >= 0) {
    queue = g_->decider.QueueFor(c.department, c.channel);
  }
  if (queue < 0) queue = g_->decider.QueueIndex(cfg().thresholds.triage_queue);
  recorder_->Add(c.channel, c.stats_department, Counter::kSelfServiceEscalated);
  recorder_->Add(c.channel, c.stats_department, Counter::kRouted);
  recorder_->Add(c.channel, c.stats_department, Counter::kQueued);
  // Its original age: queued as of when it arrived, so it waits no longer
  // than if it had gone to a person at once.
  c.entry = QueueEntry::Make(c.priority, c.received,
                             cfg().thresholds.aging_per_minute, ++seq_, *idx);
  Emit(EventType::kAskedForPerson, &c, -1);
  if (queue != c.queue) {
    SetDepartment(c, g_->decider.DepartmentIndex(cfg().queues[queue].department));
    c.needs = g_->department_needs[c.department];
    c.queue = queue;
  }
  // The queue's escalation steps count from its arrival too.
  c.escalation_step = 0;
  ++c.escalation_gen;
  PushToQueue(*idx);
  ScheduleEscalation(*idx);
  TryAssign(*idx);
  return absl::OkStatus();
}

absl::Status RoutingCore::CheckAgent(const AgentConfig& agent) const {
  if (agent.id.empty()) {
    return absl::InvalidArgumentError("agent.id is empty");
  }
  if (absl::Status s = ValidateUtf8("agent.id", agent.id); !s.ok()) return s;
  for (size_t i = 0; i < agent.skills.size(); ++i) {
    const SkillLevel& s = agent.skills[i];
    if (!g_->skill_index.contains(s.skill)) {
      return absl::InvalidArgumentError(
          absl::StrCat("agent ", agent.id, ": skills[", i, "]: unknown skill \"",
                       s.skill, "\" (not in the configuration's skills)"));
    }
    if (s.level < 1 || s.level > 10) {
      return absl::InvalidArgumentError(
          absl::StrCat("agent ", agent.id, ": skills[", i, "] (", s.skill,
                       "): level ", s.level, " is outside 1..10"));
    }
  }
  for (const auto& [channel, capacity] : agent.capacity) {
    const int ch = static_cast<int>(channel);
    if (channel == Channel::kUnspecified || ch < 0 || ch >= kChannelSlots) {
      return absl::InvalidArgumentError(absl::StrCat(
          "agent ", agent.id, ": capacity: unknown channel ", ch));
    }
    if (capacity < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("agent ", agent.id, ": capacity for ",
                       ChannelName(channel), " is negative (", capacity, ")"));
    }
  }
  const int presence = static_cast<int>(agent.presence);
  if (presence < 0 || presence > static_cast<int>(Presence::kAway)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "agent ", agent.id, ": unknown presence ", presence));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> RoutingCore::RegisterAgent(const AgentConfig& agent) {
  absl::Status valid = CheckAgent(agent);
  if (!valid.ok()) return valid;
  const bool created = agents_.Upsert(agent, g_->skill_index, now_);
  const int i = agents_.Find(agent.id);
  Emit(EventType::kAgentPresence, nullptr, i,
       created ? PresenceName(agent.presence) : "updated");
  // New skills or room may let the agent take waiting work.
  AssignBacklog(i);
  return created;
}

}  // namespace core
}  // namespace switchboard
