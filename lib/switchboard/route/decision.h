// Copyright 2026 The Switchboard Authors.
//
// decision.h: what the engine decided for one contact, and why.

#ifndef SWITCHBOARD_ROUTE_DECISION_H_
#define SWITCHBOARD_ROUTE_DECISION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/config/engine_config.h"

namespace switchboard {

enum class DecisionAction : uint8_t {
  kRoute,        // Queued for a department's agents.
  kTriage,       // Queued in the triage queue: a person decides.
  kSelfService,  // Answered at once with a configured answer.
};

absl::string_view DecisionActionName(DecisionAction a);

struct LabelScore {
  std::string label;
  float probability = 0;
};

struct Decision {
  std::string contact_id;
  DecisionAction action = DecisionAction::kRoute;
  std::string department;  // Department id ("" for self-service).
  std::string queue;       // Queue id the contact waits in.
  int priority = 0;
  std::vector<SkillLevel> required_skills;
  // The classifier's view: top label, its calibrated confidence and the
  // alternatives (best first, including the top label).
  std::string label;
  float confidence = 0;
  std::vector<LabelScore> alternatives;
  // When the contact should be answered by (received + SLA target).
  absl::Time sla_deadline = absl::InfiniteFuture();
  // Which rule matched, or which model evidence decided, in words.
  std::string reason;
  std::string rule;  // Name of the rule that matched, "" if none.
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_DECISION_H_
