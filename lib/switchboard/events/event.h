// Copyright 2026 The Switchboard Authors.
//
// event.h: every state change of the engine is an Event. The engine's state
// (contacts, queues, agents, statistics) is what applying its events in
// order gives, which is what makes a durable journal, crash recovery and
// replay possible without a second code path.

#ifndef SWITCHBOARD_EVENTS_EVENT_H_
#define SWITCHBOARD_EVENTS_EVENT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace switchboard {

enum class EventType : uint8_t {
  kReceived,           // A contact arrived (and was accepted).
  kClassified,         // The classifier labelled it.
  kDecided,            // The decision was made.
  kQueued,             // It entered a queue (also after transfer, overflow).
  kEscalated,          // An escalation step widened skills or overflowed it.
  kOffered,            // Offered to an agent.
  kOfferRejected,      // The agent said no; back to the queue, same place.
  kOfferTimedOut,      // The agent did not answer in time; back to the queue.
  kAccepted,           // The agent took it.
  kFirstResponse,      // The first answer reached the citizen.
  kTransferred,        // Moved to another department (with a reason).
  kResolved,           // Done, with an outcome.
  kAbandoned,          // The citizen gave up (hung up, left the chat).
  kSatisfaction,       // A satisfaction score 1..10 was reported.
  kAgentPresence,      // An agent's presence changed.
  kSelfServed,         // Answered by a configured self-service answer.
  kAskedForPerson,     // After self-service the citizen asked for a person.
  kCallBackScheduled,  // A call-back task was queued (detail: its id).
  // An offer ended by something other than the agent's answer or its
  // timeout: agent_id had it, detail is the reason ("transferred",
  // "abandoned"). Comes before the event that ended it (kTransferred,
  // kAbandoned); the contact is no longer among OffersFor(agent_id).
  kOfferWithdrawn,
};

inline constexpr int kNumEventTypes = 19;

absl::string_view EventTypeName(EventType type);

enum class Outcome : uint8_t { kNeutral, kFavourable, kUnfavourable };

absl::string_view OutcomeName(Outcome o);

// OK for a value of the enum; INVALID_ARGUMENT `contact <id>: unknown
// outcome value 9` for any other number cast to Outcome.
absl::Status CheckOutcome(Outcome o, absl::string_view contact_id);

// One event, as the engine reports it to listeners (ids by name, so a
// listener needs nothing else to understand it).
struct Event {
  EventType type = EventType::kReceived;
  absl::Time time;
  std::string contact_id;
  std::string department;  // Where relevant: queued, transferred (to), ...
  std::string queue;
  std::string agent_id;
  std::string from_department;          // kTransferred
  std::string detail;                   // Label, reason, presence name, ...
  Outcome outcome = Outcome::kNeutral;  // kResolved
  int score = 0;                        // kSatisfaction
  // Who made the change: the principal of the call that caused it (see
  // acting.h; also for what follows from it, e.g. the offer an agent's
  // presence made); "" for timers and unauthenticated callers.
  std::string principal;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_EVENTS_EVENT_H_
