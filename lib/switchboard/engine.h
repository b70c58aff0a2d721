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
// a contact id submitted twice; NOT_FOUND for an unknown contact, agent or
// department; FAILED_PRECONDITION for a step out of order (accepting a
// contact not offered to that agent, resolving one never accepted);
// RESOURCE_EXHAUSTED when the target queue is full (nothing is dropped: the
// contact is not taken, and the caller knows).
//
// Thread-safe: every method may be called from any thread. Normalization
// and classification run outside the engine's lock; routing state is
// guarded by one short spin lock (util/spin_mutex.h); latency recording is
// lock-free.

#ifndef SWITCHBOARD_ENGINE_H_
#define SWITCHBOARD_ENGINE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/events/event.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/route/decision.h"
#include "switchboard/stats/stats.h"

namespace switchboard {

struct EngineOptions {
  EngineConfig config;
  // The trained classifier. May be null: then only rules decide, and a
  // contact no rule matches goes to triage.
  std::shared_ptr<const Classifier> classifier;
  // Time source. Default (null): SystemClock(). Not owned; must outlive the
  // engine.
  Clock* clock = nullptr;
  NormalizeOptions normalize;
  // Alternatives attached to each decision. Default 3.
  int alternatives = 3;
  // How long a resolved or abandoned contact stays known (for a late
  // satisfaction score) before its record is recycled; after that its id
  // is unknown (NOT_FOUND) and may be submitted again. Default 1 hour.
  absl::Duration finished_retention = absl::Hours(1);
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
  // set, else the clock's now.
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
  // Moves a contact (waiting or accepted) to another department's queue,
  // keeping its original age; counts against right-first-time and keeps
  // (text, new department) as a corrected training example.
  virtual absl::Status Transfer(absl::string_view contact_id,
                                absl::string_view to_department,
                                absl::string_view reason) = 0;
  virtual absl::Status Resolve(absl::string_view contact_id,
                               Outcome outcome) = 0;
  // The citizen gave up while waiting (or while offered).
  virtual absl::Status Abandon(absl::string_view contact_id) = 0;
  virtual absl::Status RecordSatisfaction(absl::string_view contact_id,
                                          int score) = 0;

  // Fires the timers due at the clock's now (escalation, offer timeouts).
  virtual void Tick() = 0;
  // The earliest pending timer, or InfiniteFuture().
  virtual absl::Time NextDeadline() const = 0;

  virtual void AddListener(EventListener listener) = 0;

  // Statistics, optionally filtered by channel and/or department.
  virtual StatsSnapshot Stats(const StatsFilter& filter) const = 0;

  // Corrected training examples from transfers (normalized text, label of
  // the department the contact was transferred to).
  virtual std::vector<Example> CorrectedExamples() const = 0;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ENGINE_H_
