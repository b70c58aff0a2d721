// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/decider.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "re2/re2.h"
#include "switchboard/route/risk.h"

namespace switchboard {
namespace {

int Slot(Channel c) { return static_cast<int>(c); }

// A probability as a person reads it in a reason: "0.42". Two decimals,
// formatted by hand: reasons are built for every contact.
class Hundredths {
 public:
  explicit Hundredths(float p) {
    if (!(p >= 0.0f)) p = 0.0f;  // Also NaN.
    if (p > 1.0f) p = 1.0f;
    const int h = static_cast<int>(std::lround(p * 100.0f));
    buf_[0] = static_cast<char>('0' + h / 100);
    buf_[1] = '.';
    buf_[2] = static_cast<char>('0' + h / 10 % 10);
    buf_[3] = static_cast<char>('0' + h % 10);
  }
  absl::string_view view() const { return absl::string_view(buf_, 4); }

 private:
  char buf_[4];
};

// `base` followed by `extra`; for a skill in both, `extra`'s level.
void MergeSkills(const std::vector<SkillLevel>& base,
                 const std::vector<SkillLevel>* extra,
                 std::vector<SkillLevel>* out) {
  const size_t extra_size = extra == nullptr ? 0 : extra->size();
  // One more for the language skill Decide may add.
  out->reserve(base.size() + extra_size + 1);
  out->assign(base.begin(), base.end());
  if (extra == nullptr) return;
  const size_t base_size = out->size();
  for (const SkillLevel& s : *extra) {
    bool found = false;
    for (size_t i = 0; i < base_size; ++i) {
      if ((*out)[i].skill == s.skill) {
        (*out)[i].level = s.level;
        found = true;
        break;
      }
    }
    if (!found) out->push_back(s);
  }
}

// The citizen's preferred reply channel, else the contact's own.
Channel ReplyChannel(const Contact& contact) {
  return contact.preferred_reply_channel.has_value() &&
                 *contact.preferred_reply_channel != Channel::kUnspecified
             ? *contact.preferred_reply_channel
             : contact.channel;
}

}  // namespace

absl::StatusOr<Decider> Decider::Create(const EngineConfig& config) {
  if (absl::Status s = ValidateConfig(config); !s.ok()) return s;
  absl::StatusOr<RuleSet> rules = RuleSet::Compile(config.rules);
  if (!rules.ok()) return rules.status();

  Decider d;
  d.config_ = config;
  d.rules_ = *std::move(rules);
  const EngineConfig& c = d.config_;

  for (size_t i = 0; i < c.departments.size(); ++i) {
    d.department_index_.emplace(c.departments[i].id, static_cast<int>(i));
    for (const std::string& label : c.departments[i].labels) {
      d.label_department_.emplace(label, static_cast<int>(i));
    }
  }
  d.queue_department_.reserve(c.queues.size());
  for (size_t i = 0; i < c.queues.size(); ++i) {
    d.queue_index_.emplace(c.queues[i].id, static_cast<int>(i));
    d.queue_department_.push_back(d.DepartmentIndex(c.queues[i].department));
  }
  d.queue_for_ = internal::BuildQueueTable(c);
  for (int slot = 0; slot < static_cast<int>(d.sla_by_channel_.size());
       ++slot) {
    d.sla_by_channel_[slot] = c.sla.For(static_cast<Channel>(slot));
  }
  d.triage_queue_ = d.QueueIndex(c.thresholds.triage_queue);
  d.triage_department_ = d.queue_department_[d.triage_queue_];
  d.default_department_ = c.default_department.empty()
                              ? -1
                              : d.DepartmentIndex(c.default_department);

  d.rule_targets_.reserve(c.rules.size());
  for (const RuleConfig& rule : c.rules) {
    RuleTarget t;
    if (!rule.then.queue.empty()) {
      t.queue = d.QueueIndex(rule.then.queue);
      t.department = d.queue_department_[t.queue];
    } else if (!rule.then.department.empty()) {
      t.department = d.DepartmentIndex(rule.then.department);
    }
    d.rule_targets_.push_back(t);
  }
  for (const SelfServiceAnswer& a : c.self_service) {
    std::shared_ptr<const re2::RE2> pattern;
    if (!a.text_pattern.empty()) {
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      pattern = std::make_shared<const RE2>(a.text_pattern, options);
    }
    d.answer_patterns_.push_back(std::move(pattern));
  }
  for (const LanguageSkill& l : c.languages) {
    d.language_skill_.emplace(l.language, SkillLevel{l.skill, l.level});
  }
  return d;
}

int Decider::DepartmentIndex(absl::string_view id) const {
  auto it = department_index_.find(id);
  return it == department_index_.end() ? -1 : it->second;
}

int Decider::QueueIndex(absl::string_view id) const {
  auto it = queue_index_.find(id);
  return it == queue_index_.end() ? -1 : it->second;
}

int Decider::QueueFor(int department, Channel channel) const {
  if (department < 0 || department >= static_cast<int>(queue_for_.size())) {
    return -1;
  }
  const int slot = Slot(channel);
  if (slot < 0 || slot >= static_cast<int>(queue_for_[department].size())) {
    return -1;
  }
  return queue_for_[department][slot];
}

absl::Duration Decider::SlaTarget(int queue, Channel channel) const {
  if (queue >= 0 && queue < static_cast<int>(config_.queues.size()) &&
      config_.queues[queue].sla_target.has_value()) {
    return *config_.queues[queue].sla_target;
  }
  const int slot = Slot(channel);
  return slot < static_cast<int>(sla_by_channel_.size())
             ? sla_by_channel_[slot]
             : config_.sla.For(channel);
}

int Decider::ModelDepartment(const Prediction* prediction,
                             std::string* reason) const {
  if (prediction == nullptr) {
    absl::StrAppend(reason, "there is no classifier");
    return -1;
  }
  const Prediction& p = *prediction;
  if (!(p.confidence >= config_.thresholds.triage_below)) {
    absl::StrAppend(reason, "model: confidence ",
                    Hundredths(p.confidence).view(), " below ",
                    Hundredths(config_.thresholds.triage_below).view(),
                    " for \"", p.label, "\"");
    for (size_t i = 0; i < p.alternatives.size(); ++i) {
      absl::StrAppend(reason, i == 0 ? "; alternatives " : ", ",
                      p.alternatives[i].label, " ",
                      Hundredths(p.alternatives[i].probability).view());
    }
    return -1;
  }
  auto it = label_department_.find(p.label);
  if (it != label_department_.end()) {
    absl::StrAppend(reason, "model: \"", p.label, "\" with confidence ",
                    Hundredths(p.confidence).view());
    return it->second;
  }
  if (default_department_ >= 0) {
    absl::StrAppend(reason, "model: \"", p.label, "\" with confidence ",
                    Hundredths(p.confidence).view(),
                    " belongs to no department; default department \"",
                    config_.departments[default_department_].id, "\"");
    return default_department_;
  }
  absl::StrAppend(reason, "model: label \"", p.label, "\" (confidence ",
                  Hundredths(p.confidence).view(),
                  ") belongs to no department");
  return -1;
}

int Decider::SelfServiceAnswerFor(const Contact& contact,
                                  const NormalizedContact& normalized,
                                  const Prediction& prediction,
                                  ContactType type) const {
  if (type != ContactType::kQuestion) return -1;
  const Channel reply = ReplyChannel(contact);
  auto has = [](const std::vector<Channel>& cs, Channel c) {
    return std::find(cs.begin(), cs.end(), c) != cs.end();
  };
  for (size_t i = 0; i < config_.self_service.size(); ++i) {
    const SelfServiceAnswer& a = config_.self_service[i];
    if (a.label != prediction.label) continue;
    if (!(prediction.confidence >= a.min_confidence)) continue;
    if (!has(a.channels, contact.channel) || !has(a.channels, reply)) continue;
    if (answer_patterns_[i] != nullptr &&
        !RE2::PartialMatch(normalized.text, *answer_patterns_[i])) {
      continue;
    }
    return static_cast<int>(i);
  }
  return -1;
}

void Decider::AssessCitizen(const Contact& contact, const ContactFacts& facts,
                            int department, Decision* d, Index* index) const {
  const RepeatContactOptions& rc = config_.repeat_contact;
  const std::string& dept =
      department >= 0 ? config_.departments[department].id : d->department;
  bool continued_is_known = false;
  bool earlier_unfavourable = false;
  for (const EarlierContact& e : facts.earlier) {
    if (static_cast<int>(d->earlier_contacts.size()) < rc.max_linked) {
      d->earlier_contacts.push_back(e.contact_id);
    }
    const bool continued = !contact.previous_contact_id.empty() &&
                           e.contact_id == contact.previous_contact_id;
    continued_is_known |= continued;
    if (continued || (!dept.empty() && e.department == dept)) ++d->same_matter;
    if (e.outcome == Outcome::kUnfavourable) earlier_unfavourable = true;
  }
  if (!contact.previous_contact_id.empty() && !continued_is_known) {
    ++d->same_matter;  // It says it continues one we no longer remember.
  }
  d->repeat_contact = !facts.earlier.empty() ||
                      !contact.previous_contact_id.empty();
  if (d->repeat_contact && rc.priority_boost > 0) {
    d->priority += rc.priority_boost;
    absl::StrAppend(&d->reason, "; repeat contact (",
                    facts.earlier.size(), " earlier, ", d->same_matter,
                    " on the same matter): priority +", rc.priority_boost);
  }

  RiskAssessment risk =
      AssessRisk({.type = facts.type,
                  .channel = contact.channel,
                  .same_matter = d->same_matter,
                  .earlier_unfavourable = earlier_unfavourable},
                 config_.risk);
  d->risk = risk.score;
  if (!risk.high) {
    d->risk_reasons = std::move(risk.reasons);
    return;
  }
  d->risk_reasons = risk.reasons;

  CallBack& cb = d->call_back;
  cb.recommended = true;
  cb.reason = absl::StrCat("dissatisfaction risk ",
                           Hundredths(risk.score).view(), " (",
                           absl::StrJoin(risk.reasons, ", "), ")");
  if (!config_.call_back.enabled) {
    absl::StrAppend(&cb.reason, "; not scheduled: call-backs are disabled");
  } else if (contact.channel == Channel::kPhone) {
    absl::StrAppend(&cb.reason,
                    "; not scheduled: the citizen is on the phone already");
  } else if (d->reply_channel_chosen && d->reply_channel != Channel::kPhone) {
    absl::StrAppend(&cb.reason, "; not scheduled: the citizen asked for ",
                    ChannelName(d->reply_channel), " replies");
  } else {
    const int queue = QueueFor(department, Channel::kPhone);
    if (queue < 0) {
      absl::StrAppend(&cb.reason, "; not scheduled: department \"", dept,
                      "\" has no phone queue");
    } else {
      cb.scheduled = true;
      cb.queue = config_.queues[queue].id;
      if (index != nullptr) index->call_back_queue = queue;
    }
  }
}

Decision Decider::Decide(const Contact& contact,
                         const NormalizedContact& normalized,
                         const Prediction* prediction,
                         const ContactFacts& facts, absl::Time received,
                         Index* index) const {
  Decision d;
  d.contact_id = contact.id;
  d.reason.reserve(96);  // One allocation for the usual reasons.
  if (prediction != nullptr) {
    d.label.assign(prediction->label.data(), prediction->label.size());
    d.confidence = prediction->confidence;
    d.alternatives.reserve(prediction->alternatives.size());
    for (const ScoredLabel& a : prediction->alternatives) {
      d.alternatives.push_back(LabelScore{std::string(a.label), a.probability});
    }
  }

  d.contact_type = facts.type;
  d.contact_type_source = facts.type_source;
  d.language = facts.language;
  d.personal_data = facts.personal_data;
  d.reply_channel = ReplyChannel(contact);
  d.reply_channel_chosen =
      contact.preferred_reply_channel.has_value() &&
      *contact.preferred_reply_channel != Channel::kUnspecified;

  const int r = rules_.Match(
      RuleInput{.contact = contact,
                .normalized = normalized,
                .prediction = prediction,
                .earlier_contacts = static_cast<int>(facts.earlier.size())});
  const RuleConfig* rule = r >= 0 ? &rules_.rule(r) : nullptr;
  int department = -1;
  int queue = -1;
  // The model decides the department: a self-service answer may apply.
  bool model_decides = rule == nullptr;
  if (rule == nullptr) {
    if (prediction == nullptr) {
      d.reason = "no rule matched and ";
    }
    department = ModelDepartment(prediction, &d.reason);
  } else {
    d.rule = rule->name;
    const RuleTarget& target = rule_targets_[r];
    if (rule->then.triage) {
      d.reason = absl::StrCat("rule \"", rule->name, "\": to triage");
    } else if (target.queue >= 0) {
      queue = target.queue;
      department = target.department;
      d.reason = absl::StrCat("rule \"", rule->name, "\": to queue \"",
                              config_.queues[queue].id, "\"");
    } else if (target.department >= 0) {
      department = target.department;
      d.reason = absl::StrCat("rule \"", rule->name, "\": to department \"",
                              config_.departments[department].id, "\"");
    } else {
      d.reason = absl::StrCat("rule \"", rule->name, "\" names no department",
                              prediction == nullptr ? " and " : "; ");
      department = ModelDepartment(prediction, &d.reason);
      model_decides = true;
    }
  }

  if (department >= 0 && queue < 0) {
    queue = QueueFor(department, contact.channel);
    if (queue < 0) {  // ValidateConfig prevents this for valid channels.
      absl::StrAppend(
          &d.reason, "; department \"", config_.departments[department].id,
          "\" has no queue for channel ", ChannelName(contact.channel));
      department = -1;
    }
  }
  if (queue < 0) {
    d.action = DecisionAction::kTriage;
    queue = triage_queue_;
    department = triage_department_;
  }

  d.department = config_.departments[department].id;
  d.queue = config_.queues[queue].id;
  d.priority = rule != nullptr && rule->then.priority.has_value()
                   ? *rule->then.priority
                   : config_.thresholds.default_priority;
  MergeSkills(config_.departments[department].skills,
              rule != nullptr ? &rule->then.required_skills : nullptr,
              &d.required_skills);
  if (auto it = language_skill_.find(facts.language);
      it != language_skill_.end()) {
    // The language skill, merged in place (its level wins, as MergeSkills'
    // `extra` does).
    bool found = false;
    for (SkillLevel& s : d.required_skills) {
      if (s.skill == it->second.skill) {
        s.level = it->second.level;
        found = true;
        break;
      }
    }
    if (!found) d.required_skills.push_back(it->second);
  }
  d.sla_deadline = received + SlaTarget(queue, contact.channel);
  if (index != nullptr) {
    index->department = department;
    index->queue = queue;
  }
  AssessCitizen(contact, facts, department, &d, index);

  // Self-service: a simple question the model is sure of, on a channel
  // that allows it, from a citizen with no history on the matter and no
  // high risk, in a language there is an answer in.
  if (model_decides && prediction != nullptr &&
      d.action == DecisionAction::kRoute && d.same_matter == 0 &&
      !d.call_back.recommended) {
    const int a = SelfServiceAnswerFor(contact, normalized, *prediction,
                                       facts.type);
    if (a >= 0) {
      const SelfServiceAnswer& answer = config_.self_service[a];
      auto text = answer.answer_by_language.find(facts.language);
      if (text == answer.answer_by_language.end() &&
          !contact.language_hint.empty()) {
        text = answer.answer_by_language.find(contact.language_hint);
      }
      if (text == answer.answer_by_language.end() &&
          !config_.languages.empty()) {
        text = answer.answer_by_language.find(config_.languages[0].language);
      }
      if (text != answer.answer_by_language.end()) {
        d.action = DecisionAction::kSelfService;
        d.answer = text->second;
        d.answer_language = text->first;
        absl::StrAppend(&d.reason, "; self-service answer for \"",
                        answer.label, "\" (", text->first, ")");
      }
    }
  }
  return d;
}

}  // namespace switchboard
