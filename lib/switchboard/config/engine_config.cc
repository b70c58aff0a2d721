// Copyright 2026 The Switchboard Authors.

#include "switchboard/config/engine_config.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "re2/re2.h"
#include "switchboard/contact.h"
#include "switchboard/route/rules.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

constexpr int kNumChannelSlots = 8;
static_assert(static_cast<int>(Channel::kMessaging) < kNumChannelSlots);

int Slot(Channel c) { return static_cast<int>(c); }

bool ValidChannel(Channel c) {
  return Slot(c) > Slot(Channel::kUnspecified) && Slot(c) < kNumChannelSlots;
}

// Renders a channel for a message, including values outside the enum (a
// config converted from the wire may carry any number).
std::string ChannelText(Channel c) {
  if (ValidChannel(c) || c == Channel::kUnspecified) {
    return std::string(ChannelName(c));
  }
  return absl::StrCat("#", Slot(c));
}

bool IsProbability(float p) { return p >= 0.0f && p <= 1.0f; }  // NaN: false

absl::Status Invalid(absl::string_view what, absl::string_view id,
                     absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat(what, " \"", id, "\": ", problem));
}

// Checks that every item of `items` has a non-empty id (`id_of`) and that no
// id occurs twice; fills `index` with id -> position.
template <typename T, typename IdOf>
absl::Status CheckIds(absl::string_view what, const std::vector<T>& items,
                      IdOf id_of,
                      absl::flat_hash_map<std::string, int>* index) {
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& id = id_of(items[i]);
    if (id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " #", i + 1, ": empty id"));
    }
    if (const size_t bad = FindInvalidUtf8(id);
        bad != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, " #", i + 1, ": id is not valid UTF-8 at byte ", bad));
    }
    auto [it, inserted] = index->try_emplace(id, static_cast<int>(i));
    if (!inserted) {
      return Invalid(what, id,
                     absl::StrCat("declared twice (#", it->second + 1, " and #",
                                  i + 1, ")"));
    }
  }
  return absl::OkStatus();
}

// Every skill of `skills` is declared, at level 1..10, and listed once.
absl::Status CheckSkills(
    absl::string_view what, absl::string_view id,
    const std::vector<SkillLevel>& skills,
    const absl::flat_hash_map<std::string, int>& declared) {
  for (size_t i = 0; i < skills.size(); ++i) {
    const SkillLevel& s = skills[i];
    if (!declared.contains(s.skill)) {
      return Invalid(what, id, absl::StrCat("unknown skill \"", s.skill, "\""));
    }
    if (s.level < 1 || s.level > 10) {
      return Invalid(what, id,
                     absl::StrCat("skill \"", s.skill, "\" has level ", s.level,
                                  ", outside 1..10"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (skills[j].skill == s.skill) {
        return Invalid(what, id,
                       absl::StrCat("skill \"", s.skill, "\" listed twice"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckChannels(absl::string_view what, absl::string_view id,
                           const std::vector<Channel>& channels) {
  for (size_t i = 0; i < channels.size(); ++i) {
    if (!ValidChannel(channels[i])) {
      return Invalid(
          what, id, absl::StrCat("invalid channel ", ChannelText(channels[i])));
    }
    for (size_t j = 0; j < i; ++j) {
      if (channels[j] == channels[i]) {
        return Invalid(what, id,
                       absl::StrCat("channel ", ChannelName(channels[i]),
                                    " listed twice"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckDepartments(
    const EngineConfig& config,
    const absl::flat_hash_map<std::string, int>& skills) {
  absl::flat_hash_map<absl::string_view, absl::string_view> label_owner;
  for (const DepartmentConfig& d : config.departments) {
    if (absl::Status s = CheckSkills("department", d.id, d.skills, skills);
        !s.ok()) {
      return s;
    }
    for (const std::string& label : d.labels) {
      if (label.empty()) return Invalid("department", d.id, "empty label");
      auto [it, inserted] = label_owner.try_emplace(label, d.id);
      if (!inserted) {
        return Invalid("department", d.id,
                       it->second == d.id
                           ? absl::StrCat("label \"", label, "\" listed twice")
                           : absl::StrCat("label \"", label,
                                          "\" already belongs to department \"",
                                          it->second, "\""));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckEscalation(
    const QueueConfig& q, const absl::flat_hash_map<std::string, int>& skills,
    const absl::flat_hash_map<std::string, int>& queues) {
  for (size_t i = 0; i < q.escalation.size(); ++i) {
    const EscalationStep& step = q.escalation[i];
    const std::string step_name = absl::StrCat("escalation step #", i + 1);
    if (step.after <= absl::ZeroDuration()) {
      return Invalid("queue", q.id,
                     absl::StrCat(step_name, ": `after` is ",
                                  absl::FormatDuration(step.after),
                                  "; it must be positive"));
    }
    if (i > 0 && step.after <= q.escalation[i - 1].after) {
      return Invalid(
          "queue", q.id,
          absl::StrCat(step_name, ": `after` ",
                       absl::FormatDuration(step.after),
                       " is not later than the previous step's ",
                       absl::FormatDuration(q.escalation[i - 1].after)));
    }
    switch (step.kind) {
      case EscalationKind::kWidenSkills:
        for (const std::string& skill : step.drop_skills) {
          if (!skills.contains(skill)) {
            return Invalid("queue", q.id,
                           absl::StrCat(step_name, ": unknown skill \"", skill,
                                        "\" to drop"));
          }
        }
        break;
      case EscalationKind::kOverflow:
        if (step.overflow_queue.empty()) {
          return Invalid("queue", q.id,
                         absl::StrCat(step_name, ": overflow without a queue"));
        }
        if (!queues.contains(step.overflow_queue)) {
          return Invalid("queue", q.id,
                         absl::StrCat(step_name, ": unknown overflow queue \"",
                                      step.overflow_queue, "\""));
        }
        if (step.overflow_queue == q.id) {
          return Invalid("queue", q.id,
                         absl::StrCat(step_name, ": overflows into itself"));
        }
        break;
      default:
        return Invalid("queue", q.id,
                       absl::StrCat(step_name, ": unknown kind ",
                                    static_cast<int>(step.kind)));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckQueues(const EngineConfig& config,
                         const absl::flat_hash_map<std::string, int>& skills,
                         const absl::flat_hash_map<std::string, int>& depts,
                         const absl::flat_hash_map<std::string, int>& queues) {
  // Per department: which queue claims each channel, and its catch-all.
  std::vector<std::array<int, kNumChannelSlots>> claimed(
      config.departments.size());
  for (auto& row : claimed) row.fill(-1);
  std::vector<int> catch_all(config.departments.size(), -1);

  for (size_t qi = 0; qi < config.queues.size(); ++qi) {
    const QueueConfig& q = config.queues[qi];
    auto dept = depts.find(q.department);
    if (dept == depts.end()) {
      return Invalid(
          "queue", q.id,
          q.department.empty()
              ? std::string("no department")
              : absl::StrCat("unknown department \"", q.department, "\""));
    }
    if (absl::Status s = CheckChannels("queue", q.id, q.channels); !s.ok()) {
      return s;
    }
    const int d = dept->second;
    if (q.channels.empty()) {
      if (catch_all[d] >= 0) {
        return Invalid(
            "queue", q.id,
            absl::StrCat("takes every remaining channel of department \"",
                         q.department, "\", as queue \"",
                         config.queues[catch_all[d]].id, "\" already does"));
      }
      catch_all[d] = static_cast<int>(qi);
    }
    for (Channel c : q.channels) {
      int& owner = claimed[d][Slot(c)];
      if (owner >= 0) {
        return Invalid(
            "queue", q.id,
            absl::StrCat("channel ", ChannelName(c), " of department \"",
                         q.department, "\" is already taken by queue \"",
                         config.queues[owner].id, "\""));
      }
      owner = static_cast<int>(qi);
    }
    if (q.max_length < 1) {
      return Invalid(
          "queue", q.id,
          absl::StrCat("max_length ", q.max_length, " must be at least 1"));
    }
    if (q.sla_target.has_value() && *q.sla_target <= absl::ZeroDuration()) {
      return Invalid(
          "queue", q.id,
          absl::StrCat("SLA target ", absl::FormatDuration(*q.sla_target),
                       " must be positive"));
    }
    switch (q.strategy) {
      case AssignmentStrategy::kLongestIdle:
      case AssignmentStrategy::kLeastOccupied:
      case AssignmentStrategy::kRoundRobin:
      case AssignmentStrategy::kBestSkillMatch:
        break;
      default:
        return Invalid(
            "queue", q.id,
            absl::StrCat("unknown strategy ", static_cast<int>(q.strategy)));
    }
    if (absl::Status s = CheckEscalation(q, skills, queues); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Overflow steps must not lead back to a queue already passed: each queue's
// steps count from the contact's first queueing, so once a cycle's steps
// are all past they would move the contact round it forever in one Tick.
// (CheckEscalation has refused unknown queues and overflow into itself.)
absl::Status CheckOverflowCycles(
    const EngineConfig& config,
    const absl::flat_hash_map<std::string, int>& queues) {
  const int n = static_cast<int>(config.queues.size());
  enum : uint8_t { kNew, kOnPath, kDone };
  std::vector<uint8_t> state(n, kNew);
  std::vector<int> path;
  // Depth-first; returns the first cycle found, "" if none.
  std::function<std::string(int)> visit = [&](int q) -> std::string {
    state[q] = kOnPath;
    path.push_back(q);
    for (const EscalationStep& step : config.queues[q].escalation) {
      if (step.kind != EscalationKind::kOverflow) continue;
      auto it = queues.find(step.overflow_queue);
      if (it == queues.end()) continue;
      const int next = it->second;
      if (state[next] == kOnPath) {
        std::string cycle;
        auto from = std::find(path.begin(), path.end(), next);
        for (auto p = from; p != path.end(); ++p) {
          absl::StrAppend(&cycle, config.queues[*p].id, " -> ");
        }
        return absl::StrCat(cycle, config.queues[next].id);
      }
      if (state[next] == kNew) {
        if (std::string cycle = visit(next); !cycle.empty()) return cycle;
      }
    }
    path.pop_back();
    state[q] = kDone;
    return "";
  };
  for (int q = 0; q < n; ++q) {
    if (state[q] != kNew) continue;
    if (std::string cycle = visit(q); !cycle.empty()) {
      return Invalid("queue", config.queues[path.back()].id,
                     absl::StrCat("overflow steps form a cycle: ", cycle));
    }
  }
  return absl::OkStatus();
}

// The departments contacts can be routed to need a queue for every channel
// they can arrive on: those with labels and the default department for any
// channel (the model may send anything there), a rule's target department
// for the channels the rule matches, and every department for at least one.
absl::Status CheckCoverage(const EngineConfig& config,
                           const std::vector<std::array<int, 8>>& table,
                           const absl::flat_hash_map<std::string, int>& depts) {
  for (size_t d = 0; d < config.departments.size(); ++d) {
    const DepartmentConfig& dept = config.departments[d];
    const bool model_target =
        !dept.labels.empty() || dept.id == config.default_department;
    bool any = false;
    for (Channel c : kAllChannels) {
      if (table[d][Slot(c)] >= 0) {
        any = true;
      } else if (model_target) {
        return Invalid("department", dept.id,
                       absl::StrCat("no queue for channel ", ChannelName(c)));
      }
    }
    if (!any) return Invalid("department", dept.id, "has no queue");
  }
  for (const RuleConfig& rule : config.rules) {
    if (rule.then.department.empty() || !rule.then.queue.empty()) continue;
    auto it = depts.find(rule.then.department);
    if (it == depts.end()) continue;  // Reported by CheckRules.
    const std::vector<Channel>& channels =
        rule.when.channels.empty()
            ? std::vector<Channel>(kAllChannels.begin(), kAllChannels.end())
            : rule.when.channels;
    for (Channel c : channels) {
      if (table[it->second][Slot(c)] < 0) {
        return Invalid(
            "rule", rule.name,
            absl::StrCat("department \"", rule.then.department,
                         "\" has no queue for channel ", ChannelName(c)));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckRules(const EngineConfig& config,
                        const absl::flat_hash_map<std::string, int>& skills,
                        const absl::flat_hash_map<std::string, int>& depts,
                        const absl::flat_hash_map<std::string, int>& queues) {
  // Names (empty, duplicate) and patterns, checked by compiling them
  // exactly as the decider does.
  if (absl::Status s = RuleSet::Compile(config.rules).status(); !s.ok()) {
    return s;
  }
  for (const RuleConfig& rule : config.rules) {
    const RuleCondition& when = rule.when;
    const RuleAction& then = rule.then;
    if (absl::Status s = CheckChannels("rule", rule.name, when.channels);
        !s.ok()) {
      return s;
    }
    if (when.min_earlier_contacts < 0) {
      return Invalid(
          "rule", rule.name,
          absl::StrCat("min_earlier_contacts ", when.min_earlier_contacts,
                       " must not be negative"));
    }
    for (const std::string& label : when.labels) {
      if (label.empty()) return Invalid("rule", rule.name, "empty label");
    }
    if (when.min_confidence.has_value() &&
        !IsProbability(*when.min_confidence)) {
      return Invalid("rule", rule.name,
                     absl::StrCat("min_confidence ", *when.min_confidence,
                                  " outside [0, 1]"));
    }
    if (when.max_confidence.has_value() &&
        !IsProbability(*when.max_confidence)) {
      return Invalid("rule", rule.name,
                     absl::StrCat("max_confidence ", *when.max_confidence,
                                  " outside [0, 1]"));
    }
    if (when.min_confidence.has_value() && when.max_confidence.has_value() &&
        *when.min_confidence > *when.max_confidence) {
      return Invalid(
          "rule", rule.name,
          absl::StrCat("min_confidence ", *when.min_confidence,
                       " above max_confidence ", *when.max_confidence));
    }

    if (then.triage && (!then.department.empty() || !then.queue.empty())) {
      return Invalid("rule", rule.name,
                     "sends to triage and names a department or queue");
    }
    if (!then.department.empty() && !depts.contains(then.department)) {
      return Invalid(
          "rule", rule.name,
          absl::StrCat("unknown department \"", then.department, "\""));
    }
    if (!then.queue.empty()) {
      auto q = queues.find(then.queue);
      if (q == queues.end()) {
        return Invalid("rule", rule.name,
                       absl::StrCat("unknown queue \"", then.queue, "\""));
      }
      const std::string& owner = config.queues[q->second].department;
      if (!then.department.empty() && owner != then.department) {
        return Invalid(
            "rule", rule.name,
            absl::StrCat("queue \"", then.queue, "\" belongs to department \"",
                         owner, "\", not \"", then.department, "\""));
      }
    }
    if (absl::Status s =
            CheckSkills("rule", rule.name, then.required_skills, skills);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckAgents(const EngineConfig& config,
                         const absl::flat_hash_map<std::string, int>& skills) {
  for (const AgentConfig& a : config.agents) {
    if (absl::Status s = CheckSkills("agent", a.id, a.skills, skills);
        !s.ok()) {
      return s;
    }
    for (const auto& [channel, capacity] : a.capacity) {
      if (!ValidChannel(channel)) {
        return Invalid("agent", a.id,
                       absl::StrCat("capacity for invalid channel ",
                                    ChannelText(channel)));
      }
      if (capacity < 0) {
        return Invalid(
            "agent", a.id,
            absl::StrCat("capacity ", capacity, " for channel ",
                         ChannelName(channel), " must not be negative"));
      }
    }
    if (absl::Status s = CheckPresence(a.presence, a.id); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckThresholds(
    const EngineConfig& config,
    const absl::flat_hash_map<std::string, int>& depts,
    const absl::flat_hash_map<std::string, int>& queues) {
  const Thresholds& t = config.thresholds;
  if (!IsProbability(t.triage_below)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "thresholds: triage_below ", t.triage_below, " outside [0, 1]"));
  }
  if (!(t.aging_per_minute >= 0) || std::isinf(t.aging_per_minute)) {
    return absl::InvalidArgumentError(
        absl::StrCat("thresholds: aging_per_minute ", t.aging_per_minute,
                     " must be finite and not negative"));
  }
  if (t.triage_queue.empty()) {
    return absl::InvalidArgumentError("thresholds: triage_queue is not set");
  }
  if (!queues.contains(t.triage_queue)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "thresholds: unknown triage_queue \"", t.triage_queue, "\""));
  }
  if (!config.default_department.empty() &&
      !depts.contains(config.default_department)) {
    return absl::InvalidArgumentError(
        absl::StrCat("default_department: unknown department \"",
                     config.default_department, "\""));
  }
  return absl::OkStatus();
}

absl::Status CheckTimes(const EngineConfig& config) {
  for (const auto& [channel, target] : config.sla.by_channel) {
    if (!ValidChannel(channel)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sla: target for invalid channel ", ChannelText(channel)));
    }
    if (target <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sla: target ", absl::FormatDuration(target), " for channel ",
          ChannelName(channel), " must be positive"));
    }
  }
  if (config.offer_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "offer_timeout ", absl::FormatDuration(config.offer_timeout),
        " must be positive"));
  }
  if (config.retention.contact_text <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("retention.contact_text ",
                     absl::FormatDuration(config.retention.contact_text),
                     " must be positive"));
  }
  if (config.retention.customer_history <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("retention.customer_history ",
                     absl::FormatDuration(config.retention.customer_history),
                     " must be positive"));
  }
  if (config.call_back.sla <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("call_back.sla ", absl::FormatDuration(config.call_back.sla),
                     " must be positive"));
  }
  return absl::OkStatus();
}

// Issue 7: contact type, repeat contacts, risk and languages.
absl::Status CheckCitizenService(
    const EngineConfig& config,
    const absl::flat_hash_map<std::string, int>& skills) {
  if (!IsProbability(config.contact_type.min_confidence)) {
    return absl::InvalidArgumentError(
        absl::StrCat("contact_type.min_confidence ",
                     config.contact_type.min_confidence, " outside [0, 1]"));
  }
  if (config.repeat_contact.priority_boost < 0 ||
      config.repeat_contact.max_linked < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "repeat_contact: priority_boost ", config.repeat_contact.priority_boost,
        " and max_linked ", config.repeat_contact.max_linked,
        " must not be negative"));
  }
  const RiskOptions& r = config.risk;
  const std::pair<const char*, float> weights[] = {
      {"complaint", r.complaint},
      {"objection", r.objection},
      {"written_channel", r.written_channel},
      {"repeat", r.repeat},
      {"repeat_max", r.repeat_max},
      {"unfavourable_outcome", r.unfavourable_outcome},
      {"call_back_at", r.call_back_at}};
  for (const auto& [name, w] : weights) {
    if (!IsProbability(w)) {
      return absl::InvalidArgumentError(
          absl::StrCat("risk.", name, " ", w, " outside [0, 1]"));
    }
  }
  absl::flat_hash_map<std::string, int> seen;
  for (size_t i = 0; i < config.languages.size(); ++i) {
    const LanguageSkill& l = config.languages[i];
    if (l.language.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("language #", i + 1, ": empty language"));
    }
    if (!seen.emplace(l.language, 0).second) {
      return Invalid("language", l.language, "listed twice");
    }
    if (!skills.contains(l.skill)) {
      return Invalid("language", l.language,
                     absl::StrCat("unknown skill \"", l.skill, "\""));
    }
    if (l.level < 1 || l.level > 10) {
      return Invalid("language", l.language,
                     absl::StrCat("level ", l.level, " outside 1..10"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSelfService(const EngineConfig& config) {
  for (size_t i = 0; i < config.self_service.size(); ++i) {
    const SelfServiceAnswer& a = config.self_service[i];
    if (a.label.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("self-service answer #", i + 1, ": empty label"));
    }
    if (!IsProbability(a.min_confidence)) {
      return Invalid(
          "self-service answer", a.label,
          absl::StrCat("min_confidence ", a.min_confidence, " outside [0, 1]"));
    }
    if (absl::Status s =
            CheckChannels("self-service answer", a.label, a.channels);
        !s.ok()) {
      return s;
    }
    if (a.answer_by_language.empty()) {
      return Invalid("self-service answer", a.label,
                     "no answer text (answer_by_language is empty)");
    }
    for (const auto& [language, text] : a.answer_by_language) {
      if (language.empty() || text.empty()) {
        return Invalid("self-service answer", a.label,
                       absl::StrCat("answer_by_language has an empty ",
                                    language.empty() ? "language" : "text",
                                    language.empty()
                                        ? std::string()
                                        : absl::StrCat(" for \"", language,
                                                       "\"")));
      }
      if (absl::Status s = ValidateUtf8(
              absl::StrCat("self-service answer \"", a.label, "\" text"),
              text);
          !s.ok()) {
        return s;
      }
    }
    if (!a.text_pattern.empty()) {
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      RE2 re(a.text_pattern, options);
      if (!re.ok()) {
        return Invalid("self-service answer", a.label,
                       absl::StrCat("text_pattern: ", re.error()));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateConfig(const EngineConfig& config) {
  absl::flat_hash_map<std::string, int> skills, depts, queues, agents;
  if (absl::Status s = CheckIds(
          "skill", config.skills,
          [](const std::string& s) -> const auto& { return s; }, &skills);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckIds(
          "department", config.departments,
          [](const DepartmentConfig& d) -> const auto& { return d.id; },
          &depts);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckIds(
          "queue", config.queues,
          [](const QueueConfig& q) -> const auto& { return q.id; }, &queues);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckIds(
          "agent", config.agents,
          [](const AgentConfig& a) -> const auto& { return a.id; }, &agents);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckDepartments(config, skills); !s.ok()) return s;
  if (absl::Status s = CheckQueues(config, skills, depts, queues); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckOverflowCycles(config, queues); !s.ok()) return s;
  if (absl::Status s = CheckThresholds(config, depts, queues); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckRules(config, skills, depts, queues); !s.ok()) {
    return s;
  }
  if (absl::Status s =
          CheckCoverage(config, internal::BuildQueueTable(config), depts);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckAgents(config, skills); !s.ok()) return s;
  if (absl::Status s = CheckTimes(config); !s.ok()) return s;
  if (absl::Status s = CheckCitizenService(config, skills); !s.ok()) return s;
  return CheckSelfService(config);
}

absl::string_view StrategyName(AssignmentStrategy s) {
  switch (s) {
    case AssignmentStrategy::kLongestIdle:
      return "longest_idle";
    case AssignmentStrategy::kLeastOccupied:
      return "least_occupied";
    case AssignmentStrategy::kRoundRobin:
      return "round_robin";
    case AssignmentStrategy::kBestSkillMatch:
      return "best_skill_match";
  }
  return "unknown";
}

absl::string_view PresenceName(Presence p) {
  switch (p) {
    case Presence::kOffline:
      return "offline";
    case Presence::kAvailable:
      return "available";
    case Presence::kAway:
      return "away";
  }
  return "unknown";
}

absl::Status CheckPresence(Presence p, absl::string_view agent_id) {
  switch (p) {
    case Presence::kOffline:
    case Presence::kAvailable:
    case Presence::kAway:
      return absl::OkStatus();
  }
  return Invalid("agent", agent_id,
                 absl::StrCat("unknown presence ", static_cast<int>(p)));
}

namespace internal {

std::vector<std::array<int, 8>> BuildQueueTable(const EngineConfig& config) {
  absl::flat_hash_map<absl::string_view, int> dept_index;
  for (size_t d = 0; d < config.departments.size(); ++d) {
    dept_index.try_emplace(config.departments[d].id, static_cast<int>(d));
  }
  std::vector<std::array<int, 8>> table(config.departments.size());
  for (auto& row : table) row.fill(-1);
  std::vector<int> catch_all(config.departments.size(), -1);
  for (size_t q = 0; q < config.queues.size(); ++q) {
    auto it = dept_index.find(config.queues[q].department);
    if (it == dept_index.end()) continue;
    if (config.queues[q].channels.empty()) {
      if (catch_all[it->second] < 0)
        catch_all[it->second] = static_cast<int>(q);
      continue;
    }
    for (Channel c : config.queues[q].channels) {
      if (!ValidChannel(c)) continue;
      int& slot = table[it->second][Slot(c)];
      if (slot < 0) slot = static_cast<int>(q);
    }
  }
  for (size_t d = 0; d < table.size(); ++d) {
    if (catch_all[d] < 0) continue;
    for (Channel c : kAllChannels) {
      int& slot = table[d][Slot(c)];
      if (slot < 0) slot = catch_all[d];
    }
  }
  return table;
}

}  // namespace internal
}  // namespace switchboard
