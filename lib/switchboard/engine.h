// Copyright 2026 The Switchboard Authors.
//
// engine.h: the front door of the Switchboard library. An Engine takes
// contacts from any channel, normalizes and classifies them, decides where
// each goes (rules, then the model, then thresholds), queues it, offers it
// to agents, and records how long every step took.
//
//   EngineOptions options;
//   options.config = MyConfig();           // departments, queues, agents...
//   options.classifier = std::move(model);  // or nullptr: rules only
//   options.clock = &clock;                 // default: the system clock
//   absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(
//       std::move(options));
//
//   absl::StatusOr<Decision> d = (*engine)->Submit(contact);
//   // d->action, d->department, d->queue, d->confidence, d->reason ...
//   (*engine)->SetPresence("agent-1", Presence::kAvailable);
//   // -> an offer event for agent-1 (see AddListener)
//   (*engine)->Accept(contact.id, "agent-1");
//   (*engine)->Resolve(contact.id, Outcome::kFavourable);
//   StatsSnapshot s = (*engine)->Stats({});
//
// Time: the engine reads the injected Clock and owns its timers (escalation
// steps, offer timeouts). Call Tick() when NextDeadline() has passed; with
// a FakeClock, a test advances the clock and calls Tick().
//
// Errors (absl::Status, codes as in gRPC): INVALID_ARGUMENT for a bad
// contact (the message names the field) or bad argument; ALREADY_EXISTS for
// a contact id submitted again with a different channel or text (the same
// contact again gets its first decision back: Submit is idempotent);
// UNAVAILABLE when the journal cannot write (see "A journal that cannot
// write" below); NOT_FOUND for an unknown contact, agent or
// department; FAILED_PRECONDITION for a step out of order (accepting a
// contact not offered to that agent, resolving one never accepted);
// RESOURCE_EXHAUSTED when the target queue is full (nothing is dropped: the
// contact is not taken, and the caller knows).
//
// A journal that cannot write (EngineOptions::journal; its failure is
// sticky, journal.h's Journal::health): from the moment the engine sees
// the failure, every change (Submit, SubmitClassified, SetPresence,
// Accept, Reject, FirstResponse, Transfer, Resolve, Abandon,
// RecordSatisfaction, AskForPerson, RegisterAgent, Reload) returns the
// journal's UNAVAILABLE error before it is made, and Tick fires no timer:
// state (GetContact, OffersFor, queues), events and statistics stay as
// they were, and reads go on working. A change already made in memory when
// its write failed (its call was waiting for the disk) also returns
// UNAVAILABLE: it is not durable, and is not there after a restart. The
// way back is a restart: a new Journal on the same directory and a new
// engine replaying it hold what was durable, and their calls succeed once
// the disk does (tests/engine_journal_fault_test.cc). The engine does not
// resume on the same journal, because its memory is then ahead of it.
//
// Thread-safe: every method may be called from any thread. Normalization
// and classification run outside the engine's lock; routing state is
// guarded by one short spin lock (util/spin_mutex.h); latency recording is
// lock-free. Reload swaps configuration and classifier while other threads
// keep submitting: each contact is decided by one generation, never a mix.

#ifndef SWITCHBOARD_ENGINE_H_
#define SWITCHBOARD_ENGINE_H_

#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/events/event.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/route/decision.h"
#include "switchboard/stats/stats.h"
#include "switchboard/util/siphash.h"

namespace switchboard {

// Used here only by pointer or reference: include their headers to make
// or read them (classify/classifier.h, clock.h, journal/journal.h,
// journal/record.h, classify/dataset.h).
class Classifier;
struct Prediction;
class Clock;
struct Example;
namespace journal {
class Journal;
struct Record;
}  // namespace journal

struct EngineOptions {
  EngineConfig config;
  // The trained classifier. May be null: then only rules decide, and a
  // contact no rule matches goes to triage.
  std::shared_ptr<const Classifier> classifier;
  // Time source. Default (null): SystemClock(). Not owned; must outlive the
  // engine.
  Clock* clock = nullptr;
  NormalizeOptions normalize;
  // The contact-type model: a classifier trained on the labels "question",
  // "complaint", "objection", "request", "compliment" (ContactTypeName).
  // Null: the rule cues decide (classify/contact_type.h).
  std::shared_ptr<const Classifier> type_classifier;
  // The key of the customer pseudonyms (util/siphash.h): the engine and
  // the journal keep SipHash(key, customer_ref), never the reference. Keep
  // it secret and the same across restarts (a journal's history is only
  // recognised with the key it was written with). Unset: a random key for
  // this engine.
  std::optional<SipHashKey> customer_key;
  // Alternatives attached to each decision. Default 3.
  int alternatives = 3;
  // How long a resolved or abandoned contact stays known (for a late
  // satisfaction score) before its record is recycled; after that its id
  // is unknown (NOT_FOUND) and may be submitted again. Default 1 hour.
  absl::Duration finished_retention = absl::Hours(1);
  // The write-ahead journal (journal/journal.h), or null: nothing durable.
  // Not owned; must outlive the engine. With a journal, every change is
  // appended under the engine's lock and the call that made it returns
  // once the record is durable.
  journal::Journal* journal = nullptr;
  // False: calls return as soon as their record is appended, and the
  // caller waits itself (Journal::OnDurable(journal->appended(), ...) after
  // the call) before acknowledging. The gRPC service does this, so that no
  // server thread blocks on the disk.
  bool wait_for_journal = true;
};

// Where a contact is in its handling.
enum class ContactState : uint8_t {
  kWaiting,    // In a queue.
  kOffered,    // Offered to an agent, not yet accepted.
  kAccepted,   // In an agent's hands.
  kResolved,   // Done (kept for finished_retention).
  kAbandoned,  // The citizen gave up (kept for finished_retention).
  // Answered by self-service (kept for finished_retention, during which
  // the citizen may still ask for a person: AskForPerson).
  kSelfServed,
};

absl::string_view ContactStateName(ContactState s);

// A copy of what the engine holds about one contact now.
struct ContactView {
  std::string id;
  Channel channel = Channel::kUnspecified;
  ContactState state = ContactState::kWaiting;
  std::string department;  // Department id ("" if none).
  std::string queue;       // Queue id it waits in, or waited in last.
  std::string agent_id;    // Offered to / accepted by; "" otherwise.
  std::string label;       // The classifier's top label, "" without one.
  std::string text;        // The normalized text.
  int priority = 0;
  absl::Time received;
  absl::Time sla_deadline = absl::InfiniteFuture();
  // While offered: when, and when the offer times out.
  absl::Time offered_at = absl::InfinitePast();
  absl::Time offer_expires = absl::InfinitePast();
  // What Submit decided (type, language, risk, repeat contact, call-back,
  // self-service answer ...). For a call-back task, the task's own.
  Decision decision;
  // A call-back task: the contact it follows up; "" otherwise.
  std::string call_back_for;
  // The call-back task made for this contact (at submission or at an
  // unfavourable resolution), "" if none.
  std::string call_back_task;
};

// What the engine runs with now.
struct EngineInfo {
  uint64_t generation = 0;  // 1 after Create, one more per Reload.
  absl::Time loaded_at;     // When this generation was swapped in.
  size_t skills = 0, departments = 0, queues = 0, rules = 0;
  size_t agents = 0;  // Known agents (configured and registered).
  std::vector<std::string> model_labels;  // Empty without a classifier.
};

// A new configuration and (optionally) classifier for Engine::Reload.
struct ReloadOptions {
  EngineConfig config;
  // The new classifier (null: rules only). Unset: keep the current one.
  std::optional<std::shared_ptr<const Classifier>> classifier;
  // The new contact-type model (null: cues only). Unset: keep the current.
  std::optional<std::shared_ptr<const Classifier>> type_classifier;
};

// Called synchronously for every event, in order, under the engine's lock:
// keep it short (other threads spin while it runs; hand the event to a
// queue) and do not call back into the engine from it.
using EventListener = std::function<void(const Event&)>;

class Engine {
 public:
  // Validates the configuration (see ValidateConfig) and builds the engine.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(EngineOptions options);

  virtual ~Engine() = default;

  // Takes one contact: normalize, classify, decide, queue (and offer to an
  // agent at once when one is free). The contact's received_at is used when
  // set, else the clock's now. Idempotent: a contact the engine still holds
  // (same id, channel and text) submitted again returns the decision it got
  // the first time and changes nothing (a client retrying after a lost
  // answer); the engine holds a contact until finished_retention after it
  // finished.
  virtual absl::StatusOr<Decision> Submit(const Contact& contact) = 0;

  // Decides and queues a contact that the caller has already normalized and
  // classified (with its own model, or in a batch); `prediction` may be
  // null (rules only, else triage). Errors as Submit, except that the text
  // is not checked again.
  virtual absl::StatusOr<Decision> SubmitClassified(
      const Contact& contact, const NormalizedContact& normalized,
      const Prediction* prediction) = 0;

  // Classifies and decides without changing any state (a dry run).
  virtual absl::StatusOr<Decision> Preview(const Contact& contact) const = 0;

  // Agents.
  virtual absl::Status SetPresence(absl::string_view agent_id,
                                   Presence presence) = 0;
  virtual absl::Status Accept(absl::string_view contact_id,
                              absl::string_view agent_id) = 0;
  virtual absl::Status Reject(absl::string_view contact_id,
                              absl::string_view agent_id) = 0;

  // The handling of an accepted contact.
  virtual absl::Status FirstResponse(absl::string_view contact_id) = 0;
  // Moves a contact (waiting, offered or accepted) to another
  // department's queue, keeping its original age; counts against
  // right-first-time and keeps (text, new department) as a corrected
  // training example. An offered contact's offer is withdrawn (a
  // kOfferWithdrawn event, reason "transferred"; the agent's capacity is
  // free again).
  virtual absl::Status Transfer(absl::string_view contact_id,
                                absl::string_view to_department,
                                absl::string_view reason) = 0;
  virtual absl::Status Resolve(absl::string_view contact_id,
                               Outcome outcome) = 0;
  // The citizen gave up while waiting (or while offered: the offer is
  // withdrawn, kOfferWithdrawn with reason "abandoned").
  virtual absl::Status Abandon(absl::string_view contact_id) = 0;
  virtual absl::Status RecordSatisfaction(absl::string_view contact_id,
                                          int score) = 0;
  // A contact answered by self-service whose citizen still wants a person:
  // it is queued where its decision said it would go otherwise (its
  // department's queue for its channel), with its original age: it waits
  // as if it had been queued when it arrived. FAILED_PRECONDITION unless
  // the contact was self-served (and not yet handed to a person).
  virtual absl::Status AskForPerson(absl::string_view contact_id) = 0;

  // Fires the timers due at the clock's now (escalation, offer timeouts).
  virtual void Tick() = 0;
  // The earliest pending timer, or InfiniteFuture().
  virtual absl::Time NextDeadline() const = 0;

  virtual void AddListener(EventListener listener) = 0;

  // Applies one journaled change again (start-up recovery): at the
  // instant it was made, through the same code, without journaling it
  // again. A submit record puts the contact back where its journaled
  // decision sent it (no model, no text needed). Records must come in
  // journal order, before any new change. An error (a record this
  // configuration cannot apply, e.g. an agent's skill it no longer has)
  // leaves the engine as it was for that record; the caller reports it and
  // goes on.
  virtual absl::Status Replay(const journal::Record& record) = 0;

  // Registers an agent, or updates a known one: name, skills and capacity
  // change; an update keeps the agent's presence and the contacts in its
  // hands (a lower capacity applies as contacts finish). A new agent starts
  // with `agent.presence` and, when available, is offered waiting work at
  // once. Returns true when the agent is new. INVALID_ARGUMENT (naming the
  // field) for an empty id, an unknown skill, a level outside 1..10 or a
  // negative capacity.
  virtual absl::StatusOr<bool> RegisterAgent(const AgentConfig& agent) = 0;

  // Journals an administrative action that changes no routing state ("tenant
  // created", "limits changed"), with this thread's principal
  // (events/acting.h), for the audit trail; replay skips it. Without a
  // journal it changes nothing. INVALID_ARGUMENT for an empty
  // description.
  virtual absl::Status RecordAdminAction(absl::string_view action) = 0;

  // A copy of one contact's state; NOT_FOUND when unknown (never
  // submitted, or finished longer ago than finished_retention).
  virtual absl::StatusOr<ContactView> GetContact(
      absl::string_view contact_id) const = 0;
  // The contacts offered to `agent_id` now (not yet accepted), oldest offer
  // first; NOT_FOUND for an unknown agent.
  virtual absl::StatusOr<std::vector<ContactView>> OffersFor(
      absl::string_view agent_id) const = 0;

  // Swaps in a new configuration (and classifier) atomically while other
  // threads keep calling: a Submit decides with either the old or the new
  // generation, never a mix, and every contact the engine holds stays,
  // once, with its age. Waiting contacts keep their queue when the new
  // configuration still has it; otherwise they move to their department's
  // queue for their channel, or, when the department is gone too, to the
  // triage queue (a kEscalated event says so). Offered and accepted
  // contacts stay with their agents. Agents the configuration lists are
  // registered or updated (as RegisterAgent); agents it does not list stay
  // registered. Statistics are kept. An invalid configuration is refused
  // (ValidateConfig's error) and nothing changes.
  virtual absl::Status Reload(ReloadOptions options) = 0;

  virtual EngineInfo Info() const = 0;

  // Statistics, optionally filtered by channel and/or department.
  virtual StatsSnapshot Stats(const StatsFilter& filter) const = 0;

  // Corrected training examples from transfers (normalized text, label of
  // the department the contact was transferred to).
  virtual std::vector<Example> CorrectedExamples() const = 0;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ENGINE_H_
