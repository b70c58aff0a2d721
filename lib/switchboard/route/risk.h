// Copyright 2026 The Switchboard Authors.
//
// risk.h: the dissatisfaction risk of a contact. Surveys of Dutch
// government customer service found the most dissatisfied citizens had a
// complaint rather than a question, wrote (letter, email) rather than
// phoned, had contacted the organisation before about the matter, or got
// an outcome against them. The score adds the configured weight of each
// factor present (RiskOptions), capped at 1; the reasons name them.
//
//   RiskAssessment r = AssessRisk({.type = ContactType::kComplaint,
//                                  .channel = Channel::kLetter}, options);
//   // r.score 0.55; r.reasons {"complaint", "written channel (letter)"}
//
// Pure and thread-safe.

#ifndef SWITCHBOARD_ROUTE_RISK_H_
#define SWITCHBOARD_ROUTE_RISK_H_

#include <string>
#include <vector>

#include "switchboard/classify/contact_type.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"

namespace switchboard {

struct RiskInput {
  ContactType type = ContactType::kQuestion;
  Channel channel = Channel::kUnspecified;
  // Earlier contacts on the same matter within the history window.
  int same_matter = 0;
  // An earlier contact within the window was resolved against the citizen.
  bool earlier_unfavourable = false;
};

struct RiskAssessment {
  float score = 0;
  std::vector<std::string> reasons;
  // score >= options.call_back_at (and > 0).
  bool high = false;
};

RiskAssessment AssessRisk(const RiskInput& input, const RiskOptions& options);

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_RISK_H_
