// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/rules.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "re2/re2.h"

namespace switchboard {
namespace {

// Memory for one compiled pattern (program and DFA cache). RE2's default is
// 8 MiB; rules are short keyword patterns, and a pattern that needs more is
// refused at Compile rather than falling back to slower matching per contact.
constexpr int64_t kMaxPatternMemory = 1 << 20;

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);  // (?-i) in the pattern turns it back on.
  options.set_max_mem(kMaxPatternMemory);
  options.set_log_errors(false);    // The error goes into the Status instead.
  options.set_never_capture(true);  // Only "does it match" is asked.
  return options;
}

template <typename T>
bool Contains(const std::vector<T>& list, const T& value) {
  for (const T& item : list) {
    if (item == value) return true;
  }
  return false;
}

bool ContainsLabel(const std::vector<std::string>& labels,
                   absl::string_view label) {
  for (const std::string& l : labels) {
    if (l == label) return true;
  }
  return false;
}

}  // namespace

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

absl::StatusOr<RuleSet> RuleSet::Compile(const std::vector<RuleConfig>& rules) {
  RuleSet set;
  set.rules_ = rules;
  set.patterns_.reserve(rules.size());
  absl::flat_hash_map<absl::string_view, size_t> seen;
  const RE2::Options options = PatternOptions();
  for (size_t i = 0; i < rules.size(); ++i) {
    const RuleConfig& rule = rules[i];
    if (rule.name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("rule #", i + 1, ": empty name"));
    }
    auto [it, inserted] = seen.try_emplace(rule.name, i);
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat("rule \"", rule.name, "\": declared twice (#",
                       it->second + 1, " and #", i + 1, ")"));
    }
    if (rule.when.text_pattern.empty()) {
      set.patterns_.push_back(nullptr);
      continue;
    }
    auto re = std::make_unique<RE2>(rule.when.text_pattern, options);
    if (!re->ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("rule \"", rule.name, "\": bad text_pattern \"",
                       rule.when.text_pattern, "\": ", re->error()));
    }
    set.patterns_.push_back(std::move(re));
  }
  return set;
}

int RuleSet::Match(const RuleInput& input) const {
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (Matches(i, input)) return static_cast<int>(i);
  }
  return -1;
}

// Cheap conditions first; the text pattern, the only one that reads the
// whole text, last.
bool RuleSet::Matches(size_t i, const RuleInput& input) const {
  const RuleCondition& when = rules_[i].when;
  const Contact& contact = input.contact;

  if (!when.channels.empty() && !Contains(when.channels, contact.channel)) {
    return false;
  }
  if (!when.ivr_choices.empty() &&
      !Contains(when.ivr_choices, contact.ivr_choice)) {
    return false;
  }
  if (when.continues_earlier_contact.has_value() &&
      *when.continues_earlier_contact == contact.previous_contact_id.empty()) {
    return false;
  }
  if (input.earlier_contacts < when.min_earlier_contacts) return false;
  for (const auto& [key, value] : when.attributes) {
    auto it = contact.attributes.find(key);
    if (it == contact.attributes.end() || it->second != value) return false;
  }

  const bool wants_prediction = !when.labels.empty() ||
                                when.min_confidence.has_value() ||
                                when.max_confidence.has_value();
  if (wants_prediction) {
    const Prediction* p = input.prediction;
    if (p == nullptr) return false;
    if (!when.labels.empty() && !ContainsLabel(when.labels, p->label)) {
      return false;
    }
    // Min inclusive, max exclusive (see RuleCondition).
    if (when.min_confidence.has_value() &&
        !(p->confidence >= *when.min_confidence)) {
      return false;
    }
    if (when.max_confidence.has_value() &&
        !(p->confidence < *when.max_confidence)) {
      return false;
    }
  }

  if (const RE2* re = patterns_[i].get(); re != nullptr) {
    const std::string& text = input.normalized.text;
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re)) {
      return false;
    }
  }
  return true;
}

}  // namespace switchboard
