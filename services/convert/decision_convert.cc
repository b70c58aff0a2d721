// Copyright 2026 The Switchboard Authors.

#include "convert/decision_convert.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "convert/config_convert.h"
#include "convert/contact_convert.h"
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
  p.set_contact_type(ContactTypeToProto(d.contact_type));
  p.set_contact_type_source(d.contact_type_source);
  p.set_language(d.language);
  p.set_reply_channel(ChannelToProto(d.reply_channel));
  p.set_reply_channel_chosen(d.reply_channel_chosen);
  p.set_repeat_contact(d.repeat_contact);
  for (const std::string& id : d.earlier_contacts) p.add_earlier_contacts(id);
  p.set_same_matter(d.same_matter);
  p.set_risk(d.risk);
  for (const std::string& r : d.risk_reasons) p.add_risk_reasons(r);
  if (d.call_back.recommended) {
    v1::CallBack* cb = p.mutable_call_back();
    cb->set_recommended(true);
    cb->set_scheduled(d.call_back.scheduled);
    cb->set_task_id(d.call_back.task_id);
    cb->set_queue(d.call_back.queue);
    cb->set_reason(d.call_back.reason);
  }
  p.set_answer(d.answer);
  p.set_answer_language(d.answer_language);
  v1::PersonalDataCounts* pd = p.mutable_personal_data();
  using K = PersonalDataKind;
  auto n = [&](K k) { return d.personal_data[static_cast<int>(k)]; };
  pd->set_bsn(n(K::kBsn));
  pd->set_iban(n(K::kIban));
  pd->set_phone(n(K::kPhone));
  pd->set_email(n(K::kEmail));
  pd->set_postcode(n(K::kPostcode));
  pd->set_date_of_birth(n(K::kDateOfBirth));
  return p;
}

v1::ContactType ContactTypeToProto(ContactType t) {
  switch (t) {
    case ContactType::kQuestion:
      return v1::CONTACT_TYPE_QUESTION;
    case ContactType::kComplaint:
      return v1::CONTACT_TYPE_COMPLAINT;
    case ContactType::kObjection:
      return v1::CONTACT_TYPE_OBJECTION;
    case ContactType::kRequest:
      return v1::CONTACT_TYPE_REQUEST;
    case ContactType::kCompliment:
      return v1::CONTACT_TYPE_COMPLIMENT;
  }
  return v1::CONTACT_TYPE_UNSPECIFIED;
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
  switch (p.contact_type()) {
    case v1::CONTACT_TYPE_UNSPECIFIED:
    case v1::CONTACT_TYPE_QUESTION:
      d.contact_type = ContactType::kQuestion;
      break;
    case v1::CONTACT_TYPE_COMPLAINT:
      d.contact_type = ContactType::kComplaint;
      break;
    case v1::CONTACT_TYPE_OBJECTION:
      d.contact_type = ContactType::kObjection;
      break;
    case v1::CONTACT_TYPE_REQUEST:
      d.contact_type = ContactType::kRequest;
      break;
    case v1::CONTACT_TYPE_COMPLIMENT:
      d.contact_type = ContactType::kCompliment;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("decision contact_type: unknown value ",
                       static_cast<int>(p.contact_type())));
  }
  d.contact_type_source = p.contact_type_source();
  d.language = p.language();
  if (p.reply_channel() != v1::CHANNEL_UNSPECIFIED) {
    absl::StatusOr<Channel> reply =
        ChannelFromProto(p.reply_channel(), "decision reply_channel");
    if (!reply.ok()) return reply.status();
    d.reply_channel = *reply;
  }
  d.reply_channel_chosen = p.reply_channel_chosen();
  d.repeat_contact = p.repeat_contact();
  d.earlier_contacts.assign(p.earlier_contacts().begin(),
                            p.earlier_contacts().end());
  d.same_matter = p.same_matter();
  d.risk = p.risk();
  d.risk_reasons.assign(p.risk_reasons().begin(), p.risk_reasons().end());
  d.call_back.recommended = p.call_back().recommended();
  d.call_back.scheduled = p.call_back().scheduled();
  d.call_back.task_id = p.call_back().task_id();
  d.call_back.queue = p.call_back().queue();
  d.call_back.reason = p.call_back().reason();
  d.answer = p.answer();
  d.answer_language = p.answer_language();
  using K = PersonalDataKind;
  const v1::PersonalDataCounts& pd = p.personal_data();
  d.personal_data[static_cast<int>(K::kBsn)] = static_cast<int>(pd.bsn());
  d.personal_data[static_cast<int>(K::kIban)] = static_cast<int>(pd.iban());
  d.personal_data[static_cast<int>(K::kPhone)] = static_cast<int>(pd.phone());
  d.personal_data[static_cast<int>(K::kEmail)] = static_cast<int>(pd.email());
  d.personal_data[static_cast<int>(K::kPostcode)] =
      static_cast<int>(pd.postcode());
  d.personal_data[static_cast<int>(K::kDateOfBirth)] =
      static_cast<int>(pd.date_of_birth());
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
