// Copyright 2026 The Switchboard Authors.

#include "convert/decision_convert.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "convert/config_convert.h"
#include "convert/time_convert.h"

namespace switchboard {

v1::Decision DecisionToProto(const Decision& d) {
  v1::Decision p;
  p.set_contact_id(d.contact_id);
  switch (d.action) {
    case DecisionAction::kRoute:
      p.set_action(v1::DECISION_ACTION_ROUTE);
      break;
    case DecisionAction::kTriage:
      p.set_action(v1::DECISION_ACTION_TRIAGE);
      break;
    case DecisionAction::kSelfService:
      p.set_action(v1::DECISION_ACTION_SELF_SERVICE);
      break;
  }
  p.set_department(d.department);
  p.set_queue(d.queue);
  p.set_priority(d.priority);
  SkillsToProto(d.required_skills, p.mutable_required_skills());
  p.set_label(d.label);
  p.set_confidence(d.confidence);
  for (const LabelScore& s : d.alternatives) {
    v1::LabelScore* out = p.add_alternatives();
    out->set_label(s.label);
    out->set_probability(s.probability);
  }
  if (IsFinite(d.sla_deadline)) {
    *p.mutable_sla_deadline() = TimeToProto(d.sla_deadline);
  }
  p.set_reason(d.reason);
  p.set_rule(d.rule);
  return p;
}

absl::StatusOr<Decision> DecisionFromProto(const v1::Decision& p) {
  Decision d;
  d.contact_id = p.contact_id();
  switch (p.action()) {
    case v1::DECISION_ACTION_ROUTE:
      d.action = DecisionAction::kRoute;
      break;
    case v1::DECISION_ACTION_TRIAGE:
      d.action = DecisionAction::kTriage;
      break;
    case v1::DECISION_ACTION_SELF_SERVICE:
      d.action = DecisionAction::kSelfService;
      break;
    default:
      // DECISION_ACTION_UNSPECIFIED too: every decision has an action.
      return absl::InvalidArgumentError(absl::StrCat(
          "decision action: unknown value ", static_cast<int>(p.action())));
  }
  d.department = p.department();
  d.queue = p.queue();
  d.priority = p.priority();
  d.required_skills = SkillsFromProto(p.required_skills());
  d.label = p.label();
  d.confidence = p.confidence();
  for (const v1::LabelScore& s : p.alternatives()) {
    d.alternatives.push_back({s.label(), s.probability()});
  }
  absl::StatusOr<absl::Time> sla =
      OptionalTimeFromProto(p.has_sla_deadline(), p.sla_deadline(),
                            absl::InfiniteFuture(), "decision sla_deadline");
  if (!sla.ok()) return sla.status();
  d.sla_deadline = *sla;
  d.reason = p.reason();
  d.rule = p.rule();
  return d;
}

absl::StatusOr<Outcome> OutcomeFromProto(int value, absl::string_view field) {
  switch (value) {
    case v1::OUTCOME_UNSPECIFIED:
    case v1::OUTCOME_NEUTRAL:
      return Outcome::kNeutral;
    case v1::OUTCOME_FAVOURABLE:
      return Outcome::kFavourable;
    case v1::OUTCOME_UNFAVOURABLE:
      return Outcome::kUnfavourable;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": unknown outcome value ", value));
  }
}

v1::Outcome OutcomeToProto(Outcome outcome) {
  switch (outcome) {
    case Outcome::kNeutral:
      return v1::OUTCOME_NEUTRAL;
    case Outcome::kFavourable:
      return v1::OUTCOME_FAVOURABLE;
    case Outcome::kUnfavourable:
      return v1::OUTCOME_UNFAVOURABLE;
  }
  return v1::OUTCOME_UNSPECIFIED;
}

}  // namespace switchboard
