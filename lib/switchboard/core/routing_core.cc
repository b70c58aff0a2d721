// Copyright 2026 The Switchboard Authors.
//
// The routing core's admission and queueing: a decided contact becomes a
// record, is queued (or self-served) and offered; call-back tasks;
// offers returned, contacts moved and escalated; record slots.

#include "switchboard/core/routing_core.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace switchboard {
namespace core {

RoutingCore::RoutingCore(const Generation* generation, Recorder* recorder,
                         CustomerHistory* history,
                         absl::Duration finished_retention, absl::Time now)
    : recorder_(recorder),
      history_(history),
      finished_retention_(finished_retention),
      now_(now),
      g_(generation),
      agents_({}, {}, now) {
  queues_.resize(cfg().queues.size());
  escalations_.resize(cfg().queues.size());
  for (size_t q = 0; q < cfg().queues.size(); ++q) {
    escalations_[q].resize(cfg().queues[q].escalation.size());
  }
  for (const AgentConfig& a : cfg().agents) {
    agents_.Upsert(a, g_->skill_index, now);
  }
}

void RoutingCore::AddListener(EventListener listener) {
  listeners_.push_back(std::move(listener));
}

absl::StatusOr<uint32_t> RoutingCore::Admit(Admission& a, bool replay,
                                           bool* repeat) {
  *repeat = false;
  const absl::string_view id = a.id;
  const Channel channel = a.channel;
  Decision& d = *a.decision;
  const int queue = a.index.queue;
  const int department = a.index.department;
  if (const uint32_t* known = contact_index_.find(id); known != nullptr) {
    const ContactRecord& c = contacts_[*known];
    // The same contact again (a client retrying after a lost answer): the
    // same decision, nothing new. Text already purged cannot be compared.
    if (!replay && c.channel == channel &&
        (c.text.empty() || c.text == a.text)) {
      *repeat = true;
      return *known;
    }
    return absl::AlreadyExistsError(absl::StrCat(
        "contact ", id, " was already submitted with a different ",
        c.channel != channel ? "channel" : "text",
        "; a contact id names one contact (resubmitting the same contact "
        "returns its decision)"));
  }
  const QueueConfig& qc = cfg().queues[queue];
  if (!replay &&
      static_cast<int64_t>(queues_[queue].size()) >= qc.max_length) {
    return absl::ResourceExhaustedError(
        absl::StrCat("contact ", id, ": queue ", qc.id, " is full (",
                     queues_[queue].size(), " waiting, max_length ",
                     qc.max_length, "); the contact was not taken"));
  }
  const absl::Time now = now_;
  const uint32_t idx = NewRecord();
  contact_index_.emplace(id, idx);
  ContactRecord& c = contacts_[idx];
  c.id.assign(id.data(), id.size());
  c.channel = channel;
  c.text.assign(a.text.data(), a.text.size());
  c.label.assign(d.label);
  SetDepartment(c, department);
  c.queue = queue;
  c.priority = d.priority;
  c.received = a.received;
  c.sla_deadline = d.sla_deadline;
  c.needs = g_->ToNeeds(d.required_skills);
  c.entry = QueueEntry::Make(d.priority, now, cfg().thresholds.aging_per_minute,
                             ++seq_, idx);
  c.customer_key = a.customer_key;
  recorder_->Add(c.channel, c.stats_department, Counter::kReceived);
  recorder_->Add(c.channel, c.stats_department,
                d.action == DecisionAction::kTriage        ? Counter::kTriaged
                : d.action == DecisionAction::kSelfService ? Counter::kSelfServed
                                                           : Counter::kRouted);
  recorder_->Record(c.channel, c.stats_department, Metric::kDecide,
                   now - c.received);
  c.decision = std::move(d);
  CountFacts(c);
  Emit(EventType::kReceived, &c, -1);
  if (!c.decision.label.empty()) {
    Emit(EventType::kClassified, &c, -1, c.decision.label);
  }
  Emit(EventType::kDecided, &c, -1, c.decision.reason);
  if (c.decision.action == DecisionAction::kSelfService) {
    // Answered at once; kept (with its fallback queue) in case the citizen
    // still asks for a person.
    c.state = ContactState::kSelfServed;
    Emit(EventType::kSelfServed, &c, -1, c.decision.answer_language);
    ScheduleTextPurge(idx);
    Finish(idx);
    return idx;
  }
  // Counted once per contact (not again when it returns to a queue), so
  // that abandoned / queued is a true abandonment rate.
  recorder_->Add(c.channel, c.stats_department, Counter::kQueued);
  PushToQueue(idx);
  ScheduleEscalation(idx);
  ScheduleTextPurge(idx);
  TryAssign(idx);
  if (c.decision.call_back.scheduled && a.index.call_back_queue >= 0) {
    c.decision.call_back.task_id =
        ScheduleCallBack(idx, a.index.call_back_queue,
                         c.decision.call_back.reason);
  }
  return idx;
}

void RoutingCore::CountFacts(const ContactRecord& c) {
  const Decision& d = c.decision;
  auto add = [&](Counter counter, uint64_t n = 1) {
    recorder_->Add(c.channel, c.stats_department, counter, n);
  };
  add(TypeCounter(static_cast<int>(d.contact_type)));
  for (int k = 0; k < kNumPersonalDataKinds; ++k) {
    if (d.personal_data[k] > 0) add(PersonalDataCounter(k), d.personal_data[k]);
  }
  add(d.language == "nl"   ? Counter::kLanguageDutch
      : d.language == "en" ? Counter::kLanguageEnglish
                           : Counter::kLanguageOther);
  if (d.repeat_contact) add(Counter::kRepeatContact);
  if (d.call_back.recommended) {
    add(Counter::kHighRisk);
    add(Counter::kCallBackRecommended);
  }
}

std::string RoutingCore::ScheduleCallBack(uint32_t origin, int queue,
                                         absl::string_view reason) {
  const absl::Time now = now_;
  // An id of its own, derived from the contact's (so replay finds the
  // same one): "<id>/call-back", then "/call-back-2" ...
  std::string id = absl::StrCat(contacts_[origin].id, "/call-back");
  for (int n = 2; contact_index_.contains(id); ++n) {
    id = absl::StrCat(contacts_[origin].id, "/call-back-", n);
  }
  const uint32_t idx = NewRecord();  // contacts_ is a deque: refs stay.
  ContactRecord& o = contacts_[origin];
  ContactRecord& t = contacts_[idx];
  contact_index_.emplace(id, idx);
  t.id = id;
  t.channel = Channel::kPhone;
  t.text = absl::StrCat("Call the citizen back about contact ", o.id, ": ",
                        reason);
  t.label = o.label;
  const int department =
      g_->decider.DepartmentIndex(cfg().queues[queue].department);
  SetDepartment(t, department);
  t.queue = queue;
  t.priority = std::max(o.priority, cfg().call_back.priority);
  t.received = now;
  t.sla_deadline = now + cfg().call_back.sla;
  t.needs = department == o.department ? o.needs
                                       : g_->department_needs[department];
  t.entry = QueueEntry::Make(t.priority, now, cfg().thresholds.aging_per_minute,
                             ++seq_, idx);
  // A call-back is called within its own SLA: the phone queue's
  // escalation steps (minutes, for callers waiting on the line) do not
  // apply.
  t.escalation_step =
      static_cast<int>(cfg().queues[queue].escalation.size());
  t.customer_key = o.customer_key;
  t.call_back_for = o.id;
  Decision& d = t.decision;
  d.contact_id = id;
  d.action = DecisionAction::kRoute;
  d.department = cfg().departments[department].id;
  d.queue = cfg().queues[queue].id;
  d.priority = t.priority;
  d.label = o.label;
  d.sla_deadline = t.sla_deadline;
  d.reason = absl::StrCat("call-back for contact ", o.id, ": ", reason);
  d.contact_type = o.decision.contact_type;
  d.language = o.decision.language;
  d.reply_channel = Channel::kPhone;
  o.call_back_task = id;
  recorder_->Add(o.channel, o.stats_department, Counter::kCallBackScheduled);
  recorder_->Add(t.channel, t.stats_department, Counter::kQueued);
  Emit(EventType::kCallBackScheduled, &o, -1, id);
  PushToQueue(idx);
  TryAssign(idx);
  return id;
}

void RoutingCore::ScheduleTextPurge(uint32_t idx) {
  const ContactRecord& c = contacts_[idx];
  const absl::Duration keep = cfg().retention.contact_text;
  if (c.text.empty() || keep == absl::InfiniteDuration()) return;
  text_purges_.Insert({c.received + keep, idx, c.life, 0});
}

absl::StatusOr<uint32_t> RoutingCore::FindContact(absl::string_view id) const {
  const uint32_t* found = contact_index_.find(id);
  if (found == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown contact ", id));
  }
  return *found;
}

absl::StatusOr<int> RoutingCore::FindAgent(absl::string_view id) const {
  int a = agents_.Find(id);
  if (a < 0) return absl::NotFoundError(absl::StrCat("unknown agent ", id));
  return a;
}

absl::StatusOr<uint32_t> RoutingCore::FindOfferedTo(
    absl::string_view contact_id, int agent, absl::string_view agent_id) const {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  const ContactRecord& c = contacts_[*idx];
  if (c.state == ContactState::kOffered && c.agent == agent) return *idx;
  return absl::FailedPreconditionError(
      absl::StrCat("contact ", c.id, " is not offered to agent ", agent_id,
                   " (it is ", ContactStateName(c.state), ")"));
}

absl::Status RoutingCore::NotInState(const ContactRecord& c,
                                    absl::string_view wanted) const {
  return absl::FailedPreconditionError(absl::StrCat(
      "contact ", c.id, " is ", ContactStateName(c.state), ", not ", wanted));
}

void RoutingCore::Emit(EventType type, const ContactRecord* c, int agent,
                      absl::string_view detail, int from_department,
                      Outcome outcome, int score) {
  if (listeners_.empty()) return;
  Event e;
  e.type = type;
  e.time = now_;
  if (c != nullptr) {
    e.contact_id = c->id;
    if (c->department >= 0) {
      e.department = cfg().departments[c->department].id;
    }
    if (c->queue >= 0) e.queue = cfg().queues[c->queue].id;
  }
  if (agent >= 0) e.agent_id = agents_.agent(agent).id;
  if (from_department >= 0) {
    e.from_department = cfg().departments[from_department].id;
  }
  e.detail = std::string(detail);
  e.outcome = outcome;
  e.score = score;
  e.principal = std::string(principal_);
  for (const EventListener& l : listeners_) l(e);
}

void RoutingCore::PushToQueue(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  c.state = ContactState::kWaiting;
  c.agent = -1;
  queues_[c.queue].Push(c.entry);
  Emit(EventType::kQueued, &c, -1);
}

void RoutingCore::ScheduleEscalation(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  const std::vector<EscalationStep>& steps = cfg().queues[c.queue].escalation;
  if (c.escalation_step >= static_cast<int>(steps.size())) return;
  escalations_[c.queue][c.escalation_step].Insert(
      {absl::FromUnixNanos(c.entry.enqueued_ns) +
           steps[c.escalation_step].after,
       idx, c.life, c.escalation_gen});
}

void RoutingCore::TryAssign(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  if (c.state != ContactState::kWaiting) return;
  int agent = agents_.Choose(c.channel, c.needs,
                             cfg().queues[c.queue].strategy, c.rejected_by);
  if (agent >= 0) Offer(idx, agent);
}

void RoutingCore::Offer(uint32_t idx, int agent) {
  ContactRecord& c = contacts_[idx];
  const absl::Time now = now_;
  queues_[c.queue].Erase(c.entry);
  c.state = ContactState::kOffered;
  c.agent = agent;
  c.offered_at = now;
  agents_.AddLoad(agent, c.channel, now);
  ++c.offer_gen;
  offer_timeouts_.Insert(
      {now + cfg().offer_timeout, idx, c.life, c.offer_gen});
  recorder_->Add(c.channel, c.stats_department, Counter::kOffered);
  Emit(EventType::kOffered, &c, agent);
}

void RoutingCore::ReturnOffer(uint32_t idx, EventType why) {
  ContactRecord& c = contacts_[idx];
  const int agent = c.agent;
  c.rejected_by.push_back(agent);
  ++c.offer_gen;
  agents_.ReleaseLoad(agent, c.channel, now_);
  recorder_->Add(c.channel, c.stats_department,
                why == EventType::kOfferRejected ? Counter::kOfferRejected
                                                 : Counter::kOfferTimedOut);
  Emit(why, &c, agent);
  // Back in its old place: the same entry, so the same key and age.
  PushToQueue(idx);
  // Re-arm the next escalation step (a new generation cancels the pending
  // deadline): an overflow that fell due while offered applies now.
  ++c.escalation_gen;
  ScheduleEscalation(idx);
  TryAssign(idx);
  if (c.state == ContactState::kWaiting) {
    // Nobody else could take it. The agents who declined are not asked
    // again at once, but after one offer timeout they are: a contact that
    // only declined agents can take must not wait for ever.
    retries_.Insert(
        {now_ + cfg().offer_timeout, idx, c.life, c.offer_gen});
  }
  AssignBacklog(agent);
}

int RoutingCore::Detach(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  ++c.offer_gen;
  ++c.escalation_gen;
  int freed = -1;
  if (c.state == ContactState::kWaiting) {
    queues_[c.queue].Erase(c.entry);
  } else if (c.state == ContactState::kOffered ||
             c.state == ContactState::kAccepted) {
    freed = c.agent;
    agents_.ReleaseLoad(freed, c.channel, now_);
    c.agent = -1;
  }
  return freed;
}

void RoutingCore::AssignBacklog(int agent) {
  if (agent < 0) return;
  const absl::InlinedVector<int, 2> none;
  while (true) {
    // The best waiting contact, over all queues, that this agent can take.
    const QueueEntry* best = nullptr;
    for (const ContactQueue& q : queues_) {
      // Every entry until the first the agent can take: a contact further
      // back must not starve behind ones this agent cannot serve.
      for (const QueueEntry& e : q) {
        if (best != nullptr && !(e < *best)) break;  // Cannot beat best.
        const ContactRecord& c = contacts_[e.contact];
        if (!agents_.CanTake(agent, c.channel, c.needs)) continue;
        if (std::find(c.rejected_by.begin(), c.rejected_by.end(), agent) !=
            c.rejected_by.end()) {
          continue;
        }
        best = &e;
        break;
      }
    }
    if (best == nullptr) return;
    Offer(best->contact, agent);
  }
}

void RoutingCore::MoveToQueue(uint32_t idx, int queue, bool skip_due_steps) {
  ContactRecord& c = contacts_[idx];
  c.queue = queue;
  SetDepartment(c, g_->decider.DepartmentIndex(cfg().queues[queue].department));
  c.needs = g_->department_needs[c.department];
  // The new queue's steps count from the contact's first queueing (it keeps
  // its age). After a transfer, steps already past are skipped: a person
  // chose this department, and an overdue overflow must not undo that.
  c.escalation_step = 0;
  if (skip_due_steps) {
    const std::vector<EscalationStep>& steps = cfg().queues[queue].escalation;
    const absl::Time since = absl::FromUnixNanos(c.entry.enqueued_ns);
    const absl::Time now = now_;
    while (c.escalation_step < static_cast<int>(steps.size()) &&
           since + steps[c.escalation_step].after <= now) {
      ++c.escalation_step;
    }
  }
  ++c.escalation_gen;
  PushToQueue(idx);
  ScheduleEscalation(idx);
  TryAssign(idx);
}

void RoutingCore::Escalate(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  const std::vector<EscalationStep>& steps = cfg().queues[c.queue].escalation;
  if (c.escalation_step >= static_cast<int>(steps.size())) return;
  const EscalationStep& step = steps[c.escalation_step++];
  if (step.kind == EscalationKind::kWidenSkills) {
    SkillNeeds widened;
    for (SkillNeed n : c.needs) {
      const std::string& name = cfg().skills[n.skill];
      const bool drop =
          step.drop_skills.empty() ||
          std::find(step.drop_skills.begin(), step.drop_skills.end(), name) !=
              step.drop_skills.end();
      if (!drop) widened.push_back({n.skill, 1});
    }
    c.needs = std::move(widened);
    recorder_->Add(c.channel, c.stats_department, Counter::kEscalated);
    Emit(EventType::kEscalated, &c, -1, "widened required skills");
    ScheduleEscalation(idx);
    TryAssign(idx);
    return;
  }
  // Overflow: only a waiting contact moves (an offered one is in an
  // agent's hands; if it comes back, ReturnOffer re-arms this step, which
  // is then past due and fires at once).
  if (c.state != ContactState::kWaiting) {
    --c.escalation_step;
    return;
  }
  const int to = g_->decider.QueueIndex(step.overflow_queue);
  const QueueConfig& target = cfg().queues[to];
  if (static_cast<int64_t>(queues_[to].size()) >= target.max_length) {
    // The overflow queue is full: the contact stays (it is never dropped)
    // and the next step, if any, still applies.
    Emit(EventType::kEscalated, &c, -1,
         absl::StrCat("overflow to ", step.overflow_queue,
                      " skipped: that queue is full"));
    ScheduleEscalation(idx);
    return;
  }
  recorder_->Add(c.channel, c.stats_department, Counter::kEscalated);
  Emit(EventType::kEscalated, &c, -1,
       absl::StrCat("overflow to ", step.overflow_queue));
  queues_[c.queue].Erase(c.entry);
  // Overdue steps of the overflow queue fire at once (ValidateConfig
  // refuses overflow cycles, so this ends).
  MoveToQueue(idx, to, /*skip_due_steps=*/false);
}

void RoutingCore::Finish(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  purges_.Insert({now_ + finished_retention_, idx, c.life, 0});
}

uint32_t RoutingCore::NewRecord() {
  if (!free_slots_.empty()) {
    const uint32_t idx = free_slots_.back();
    free_slots_.pop_back();
    ContactRecord& c = contacts_[idx];
    // Reset by copying a new record over it: every field is a new
    // record's, but the strings and vectors keep their capacity (copying an
    // empty one allocates nothing and frees nothing), so the record's next
    // contact usually fills it without an allocation. `life` is kept.
    static const ContactRecord* const kFresh = new ContactRecord();
    const uint32_t life = c.life;
    c = *kFresh;
    c.life = life;
    return idx;
  }
  contacts_.emplace_back();
  return static_cast<uint32_t>(contacts_.size() - 1);
}

}  // namespace core
}  // namespace switchboard
