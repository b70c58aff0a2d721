// Copyright 2026 The Switchboard Authors.
//
// rules.h: the routing rules, compiled. Evaluated top-down; the first rule
// whose every set condition holds wins (like TaskRouter's workflow
// filters). Text patterns are RE2: linear time whatever the citizen wrote.
//
// Thread-safe: a RuleSet is immutable after Compile.

#ifndef SWITCHBOARD_ROUTE_RULES_H_
#define SWITCHBOARD_ROUTE_RULES_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"

namespace re2 {
class RE2;
}

namespace switchboard {

// The facts a rule may test about one contact.
struct RuleInput {
  const Contact& contact;
  const NormalizedContact& normalized;
  // The classifier's prediction; null when there is no classifier. A rule
  // with label or confidence conditions never matches without one.
  const Prediction* prediction = nullptr;
  // How many earlier contacts the engine knows from the same customer_ref.
  int earlier_contacts = 0;
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // Compiles every pattern. INVALID_ARGUMENT naming the rule and RE2's
  // complaint for a bad pattern, or naming a duplicate or empty rule name.
  static absl::StatusOr<RuleSet> Compile(const std::vector<RuleConfig>& rules);

  // Index of the first rule that matches, or -1.
  int Match(const RuleInput& input) const;

  size_t size() const { return rules_.size(); }
  const RuleConfig& rule(int i) const { return rules_[i]; }

 private:
  bool Matches(size_t i, const RuleInput& input) const;

  std::vector<RuleConfig> rules_;
  std::vector<std::unique_ptr<re2::RE2>> patterns_;  // null: no pattern
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_RULES_H_
