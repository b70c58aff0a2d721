// Copyright 2026 The Switchboard Authors.
//
// decision_convert.h: switchboard::Decision (library) <-> switchboard.v1.
// Decision (wire), and the small enums that travel with routing: decision
// action and outcome. Round-trip tested.

#ifndef SWITCHBOARD_SERVICES_CONVERT_DECISION_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_DECISION_CONVERT_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "switchboard/events/event.h"
#include "switchboard/route/decision.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard {

// sla_deadline InfiniteFuture() (no SLA) <-> unset. Skill level 0 on the
// wire means 1 (as in the configuration).
v1::Decision DecisionToProto(const Decision& decision);
// INVALID_ARGUMENT naming the field for an unknown action value (also
// DECISION_ACTION_UNSPECIFIED: every decision has an action) or an invalid
// sla_deadline.
absl::StatusOr<Decision> DecisionFromProto(const v1::Decision& proto);

// OUTCOME_UNSPECIFIED is neutral. INVALID_ARGUMENT naming `field` for a
// value this build does not know.
absl::StatusOr<Outcome> OutcomeFromProto(int value, absl::string_view field);
v1::Outcome OutcomeToProto(Outcome outcome);
v1::ContactType ContactTypeToProto(ContactType type);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_DECISION_CONVERT_H_
