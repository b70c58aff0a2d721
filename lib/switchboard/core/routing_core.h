// Copyright 2026 The Switchboard Authors.
//
// The routing core: the state machine of contacts, queues, agents and
// timers behind an Engine. Commands come in (admit a decided contact,
// accept, reject, transfer, resolve, abandon, ..., fire the timers that are
// due), events go out (to the listeners), and statistics are counted; it
// does no I/O and takes no lock of its own. The engine (engine.cc) runs
// every command under its lock at one instant (Begin), journals the ones
// that succeed, and replays a journal through the same commands.
//
// Internal: not installed; an embedder uses Engine.
//
// The members are implemented by job:
//   routing_core.cc      admission, call-back tasks, queueing, offering,
//                        escalation, record slots
//   contact_steps.cc     the agents' and contacts' steps (presence, accept,
//                        reject, first response, transfer, resolve,
//                        abandon, satisfaction, ask for a person, agents)
//   timers.cc            deadlines: offer timeouts, escalation steps,
//                        retries, text and record purges
//   migration.cc         moving every contact, queue and agent onto a new
//                        generation (Reload)
//   views.cc             what callers may see: contacts, offers, queues

#ifndef SWITCHBOARD_CORE_ROUTING_CORE_H_
#define SWITCHBOARD_CORE_ROUTING_CORE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/core/contact_record.h"
#include "switchboard/core/deadline_fifo.h"
#include "switchboard/core/generation.h"
#include "switchboard/engine.h"
#include "switchboard/events/event.h"
#include "switchboard/route/agent_pool.h"
#include "switchboard/route/contact_queue.h"
#include "switchboard/route/customer_history.h"
#include "switchboard/route/decider.h"
#include "switchboard/route/decision.h"
#include "switchboard/stats/stats.h"

namespace switchboard {
namespace core {

// A decided contact, as the pipeline (pipeline/pipeline.h) or the journal
// hands it to the core.
struct Admission {
  absl::string_view id;
  Channel channel = Channel::kUnspecified;
  absl::string_view text;  // Normalized and masked.
  Decision* decision = nullptr;  // Moved into the record.
  Decider::Index index;    // Into the current generation.
  absl::Time received;
  uint64_t customer_key = 0;  // The customer's pseudonym; 0: none.
};

class RoutingCore {
 public:
  // Starts on `generation` (kept alive by the caller until Migrate moves
  // off it) with its configured agents. Statistics go to `recorder`,
  // outcomes to `history`; finished contacts are kept for
  // `finished_retention`.
  RoutingCore(const Generation* generation, Recorder* recorder,
              CustomerHistory* history, absl::Duration finished_retention,
              absl::Time now);

  RoutingCore(const RoutingCore&) = delete;
  RoutingCore& operator=(const RoutingCore&) = delete;

  // Every command happens at one instant: the engine's clock for a live
  // call, the journaled one on replay.
  // `principal` (events/acting.h) is who asked for it; its events carry
  // it, and it must outlive the command.
  void Begin(absl::Time now, absl::string_view principal = {}) {
    now_ = now;
    principal_ = principal;
  }
  absl::Time now() const { return now_; }
  absl::string_view principal() const { return principal_; }
  const Generation& generation() const { return *g_; }
  void AddListener(EventListener listener);

  // Takes a decided contact into a new record and queues (or self-serves)
  // it, or finds it already taken (`*repeat`: same id, channel and text;
  // nothing changes). ALREADY_EXISTS for the same id with other content;
  // RESOURCE_EXHAUSTED for a full queue unless `replay` (from the journal:
  // what was accepted once is taken again). Returns the record's index.
  absl::StatusOr<uint32_t> Admit(Admission& admission, bool replay,
                                 bool* repeat);
  const ContactRecord& record(uint32_t idx) const { return contacts_[idx]; }

  // The steps (contact_steps.cc); each returns the error that names what
  // was wrong and then changes nothing.
  absl::Status SetPresence(absl::string_view agent_id, Presence presence);
  absl::Status Accept(absl::string_view contact_id, absl::string_view agent_id);
  absl::Status Reject(absl::string_view contact_id, absl::string_view agent_id);
  absl::Status FirstResponse(absl::string_view contact_id);
  absl::Status Transfer(absl::string_view contact_id,
                        absl::string_view to_department,
                        absl::string_view reason);
  absl::Status Resolve(absl::string_view contact_id, Outcome outcome);
  absl::Status Abandon(absl::string_view contact_id);
  absl::Status RecordSatisfaction(absl::string_view contact_id, int score);
  absl::Status AskForPerson(absl::string_view contact_id);
  // True when the agent is new, false when it was updated.
  absl::StatusOr<bool> RegisterAgent(const AgentConfig& agent);

  // Fires every deadline due at now(); true when any fired (timers.cc).
  bool FireDue();
  // The earliest pending deadline, or InfiniteFuture.
  absl::Time NextDeadline() const;

  // Moves every contact, queue, timer and agent onto `next`, which the
  // caller keeps alive (migration.cc).
  void Migrate(const Generation* next);

  // Views (views.cc).
  absl::StatusOr<ContactView> GetContact(absl::string_view contact_id) const;
  absl::StatusOr<std::vector<ContactView>> OffersFor(
      absl::string_view agent_id) const;
  // Appends the queues (of filter.department, when given) and the agents'
  // presence counts to `s`, as of s->taken_at.
  void AddQueueStats(const StatsFilter& filter, StatsSnapshot* s) const;
  size_t agent_count() const { return agents_.size(); }
  // Each transfer's text with the department a person chose.
  const std::vector<Example>& corrected() const { return corrected_; }

 private:
  const EngineConfig& cfg() const { return g_->config(); }

  absl::StatusOr<uint32_t> FindContact(absl::string_view id) const;
  absl::StatusOr<int> FindAgent(absl::string_view id) const;
  // The contact `contact_id` if it is offered to `agent`; NOT_FOUND or
  // FAILED_PRECONDITION otherwise.
  absl::StatusOr<uint32_t> FindOfferedTo(absl::string_view contact_id,
                                         int agent,
                                         absl::string_view agent_id) const;
  absl::Status NotInState(const ContactRecord& c,
                          absl::string_view wanted) const;
  absl::Status CheckAgent(const AgentConfig& agent) const;
  void SetDepartment(ContactRecord& c, int department) {
    c.department = department;
    c.stats_department =
        department >= 0 ? g_->stats_department[department] : -1;
  }
  ContactView ViewOf(const ContactRecord& c) const;

  // The counters of a new contact's facts (type, language, personal data,
  // repeat, risk, call-back).
  void CountFacts(const ContactRecord& c);
  // Queues a call-back task for contact `origin` in `queue` (a phone
  // queue); returns the task's id.
  std::string ScheduleCallBack(uint32_t origin, int queue,
                               absl::string_view reason);
  // Resolved against the citizen: recommend a call (and queue it, unless
  // the citizen chose another reply channel or one is queued already).
  void CallBackAfterUnfavourable(uint32_t idx);
  void ScheduleTextPurge(uint32_t idx);

  void Emit(EventType type, const ContactRecord* c, int agent,
            absl::string_view detail = {}, int from_department = -1,
            Outcome outcome = Outcome::kNeutral, int score = 0);
  void PushToQueue(uint32_t idx);
  void ScheduleEscalation(uint32_t idx);
  void TryAssign(uint32_t idx);
  void Offer(uint32_t idx, int agent);
  void ReturnOffer(uint32_t idx, EventType why);
  // Releases whatever the contact holds (queue place, agent capacity,
  // timers) before it leaves or moves; returns the agent freed or -1.
  int Detach(uint32_t idx);
  void AssignBacklog(int agent);
  // Puts a detached or overflowing contact in `queue`, keeping its age.
  void MoveToQueue(uint32_t idx, int queue, bool skip_due_steps);
  void Escalate(uint32_t idx);
  // A resolved or abandoned contact: its record is kept for
  // finished_retention (late satisfaction scores), then recycled.
  void Finish(uint32_t idx);
  uint32_t NewRecord();
  // Fires the earliest due deadline; false when none is due.
  bool FireOne(absl::Time now);

  Recorder* const recorder_;
  CustomerHistory* const history_;
  const absl::Duration finished_retention_;
  // The instant of the command under way (Begin).
  absl::Time now_;
  absl::string_view principal_;
  // The current generation (owned by the engine).
  const Generation* g_ = nullptr;
  // A deque: records never move, so growth costs no copying.
  std::deque<ContactRecord> contacts_;
  ContactIndex contact_index_;
  std::vector<ContactQueue> queues_;
  AgentPool agents_;
  uint64_t seq_ = 0;
  // Timers: offer timeouts, escalation steps per [queue][step], and the
  // purge of finished contacts' records.
  DeadlineFifo offer_timeouts_;
  std::vector<std::vector<DeadlineFifo>> escalations_;
  DeadlineFifo purges_;
  // Contacts that every able agent has declined: asked again after a pause.
  DeadlineFifo retries_;
  // Contact texts to remove at received + text_retention.
  DeadlineFifo text_purges_;
  // Slots of purged records, reused by new contacts.
  std::vector<uint32_t> free_slots_;
  std::vector<EventListener> listeners_;
  std::vector<Example> corrected_;
};

}  // namespace core
}  // namespace switchboard

#endif  // SWITCHBOARD_CORE_ROUTING_CORE_H_
