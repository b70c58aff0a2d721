// Copyright 2026 The Switchboard Authors.
//
// record.h: what the journal holds. One record per change the engine
// accepted, in the order the engine made them (records are appended under
// the engine's lock), each with the instant it happened. Replaying them in
// order into an engine with the same configuration rebuilds its queues,
// agents, open contacts and statistics.
//
// A submitted contact is journaled with the decision the engine made for
// it, so that replay needs neither the model nor the contact's text to put
// it back where it was: text purged for data minimisation does not change
// what replay rebuilds.
//
// Time-driven changes (offer timeouts, escalation steps, retries, purges)
// are journaled as a kTick record at the instant a Tick fired them; replay
// ticks at that instant and the same timers fire, because they derive from
// the same state.

#ifndef SWITCHBOARD_JOURNAL_RECORD_H_
#define SWITCHBOARD_JOURNAL_RECORD_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/route/decision.h"

namespace switchboard::journal {

enum class RecordType : uint8_t {
  kSubmit = 1,
  kPresence = 2,
  kAccept = 3,
  kReject = 4,
  kFirstResponse = 5,
  kTransfer = 6,
  kResolve = 7,
  kAbandon = 8,
  kSatisfaction = 9,
  kRegisterAgent = 10,
  kTick = 11,
  kReload = 12,
  kAskForPerson = 13,  // A self-served contact asked for a person.
  // An administrative action that changes no routing state (a tenant
  // created, its limits changed, deleted): for the audit trail only;
  // detail says what was done. Replay skips it.
  kAdmin = 14,
};
inline constexpr uint8_t kMaxRecordType = 14;

absl::string_view RecordTypeName(RecordType t);

// One decoded record. Which fields mean something depends on `type`.
struct Record {
  RecordType type = RecordType::kTick;
  absl::Time at;            // When the engine made the change.
  std::string contact_id;   // Every contact step.
  std::string agent_id;     // kPresence, kAccept, kReject.
  std::string department;   // kTransfer: the department moved to.
  std::string detail;       // kTransfer: the reason.
  int64_t value = 0;        // kPresence, kResolve (outcome),
                            // kSatisfaction (score), kReload (generation).
  // kSubmit.
  Channel channel = Channel::kUnspecified;
  std::string text;            // Normalized; "" once purged.
  uint64_t customer_key = 0;   // Keyed hash of customer_ref, 0 = none.
  absl::Time received;
  Decision decision;
  // kRegisterAgent.
  AgentConfig agent;
  // Who made the change (every type but kSubmit): the principal of the
  // call (a credential's name or a client certificate's subject, see
  // events/acting.h); "" for timers and unauthenticated callers.
  std::string principal;
};

// Encoders append a record's payload (not its frame) to `out`.
void EncodeSubmit(absl::Time at, absl::string_view contact_id, Channel channel,
                  absl::string_view text, uint64_t customer_key,
                  absl::Time received, const Decision& decision,
                  std::string* out);
// The principal is the payload's optional last field: a record without
// one (and every record journaled before there were principals) has none.
void EncodeRegisterAgent(absl::Time at, const AgentConfig& agent,
                         std::string* out, absl::string_view principal = {});
// Every other type: the fields it uses (see Record), the rest empty.
void EncodeStep(RecordType type, absl::Time at, absl::string_view contact_id,
                absl::string_view agent_id, absl::string_view department,
                absl::string_view detail, int64_t value, std::string* out,
                absl::string_view principal = {});
// Any record (used when a segment is rewritten).
void EncodeRecord(const Record& r, std::string* out);

// DATA_LOSS naming the type and what is wrong when the payload is not a
// well-formed record of `type` (unknown type, truncated field, value out of
// range, bytes left over).
absl::StatusOr<Record> DecodeRecord(uint8_t type, absl::string_view payload);

}  // namespace switchboard::journal

#endif  // SWITCHBOARD_JOURNAL_RECORD_H_
