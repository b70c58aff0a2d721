// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/decision.h"

namespace switchboard {

absl::string_view DecisionActionName(DecisionAction a) {
  switch (a) {
    case DecisionAction::kRoute:
      return "route";
    case DecisionAction::kTriage:
      return "triage";
    case DecisionAction::kSelfService:
      return "self_service";
  }
  return "unknown";
}

}  // namespace switchboard
