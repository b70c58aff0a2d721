// Copyright 2026 The Switchboard Authors.
//
// decider.h: turns a classified contact into a Decision:
//
//   1. rules, top-down, first match wins (route to a department or queue,
//      set priority, add required skills, or send to triage). A matching
//      rule that names neither a department nor a queue (say, "VIP callers
//      get priority 10") still sets the priority and skills, and leaves the
//      department to step 2;
//   2. otherwise the model: below Thresholds::triage_below confidence the
//      contact goes to the triage queue with its alternatives, rather than
//      to a probably-wrong department; else to the department its label
//      belongs to (or the default department; else triage). No prediction
//      (no classifier): triage;
//   3. the queue is the rule's queue or the department's queue for the
//      contact's channel; required skills are the department's plus the
//      rule's (the rule's level wins for a skill both name); priority is
//      the rule's or Thresholds::default_priority; the SLA deadline is the
//      received time plus the queue's or channel's target; the reason says
//      which rule or which model evidence decided, e.g.
//        rule "ivr-complaints": to department "complaints"
//        model: "taxes" with confidence 0.93
//        model: confidence 0.42 below 0.50 for "taxes"; alternatives
//          taxes 0.42, parking 0.31
//
// A triage decision has action kTriage, the triage queue and that queue's
// department. The prediction's label, confidence and alternatives are
// attached to every decision that had one, whatever decided.
//
// Pure and thread-safe: Decide() changes nothing.

#ifndef SWITCHBOARD_ROUTE_DECIDER_H_
#define SWITCHBOARD_ROUTE_DECIDER_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/route/customer_history.h"
#include "switchboard/route/decision.h"
#include "switchboard/route/rules.h"

namespace re2 {
class RE2;
}

namespace switchboard {

// What the engine knows about a contact besides its text and the model's
// prediction: its type and language, the customer's earlier contacts
// within the history window (newest first), and the personal data masked
// in it.
struct ContactFacts {
  ContactType type = ContactType::kQuestion;
  std::string type_source;
  std::string language;
  std::vector<EarlierContact> earlier;
  std::array<int, kNumPersonalDataKinds> personal_data{};
};

class Decider {
 public:
  // Validates `config` (ValidateConfig) and compiles its rules and lookup
  // tables.
  static absl::StatusOr<Decider> Create(const EngineConfig& config);

  // Decides for one contact. `prediction` may be null (no classifier).
  // `received` is the contact's received time (for the SLA deadline).
  // When `index` is given, it receives the department and queue indices of
  // the decision (saving the caller a lookup by name).
  struct Index {
    int department = -1;
    int queue = -1;
    int call_back_queue = -1;  // When a call-back is to be scheduled.
  };
  Decision Decide(const Contact& contact, const NormalizedContact& normalized,
                  const Prediction* prediction, const ContactFacts& facts,
                  absl::Time received, Index* index = nullptr) const;

  // Index lookups into config().departments / config().queues; -1 if
  // unknown.
  int DepartmentIndex(absl::string_view id) const;
  int QueueIndex(absl::string_view id) const;
  // The queue of department `department` for `channel`, or -1.
  int QueueFor(int department, Channel channel) const;
  // The SLA target of a contact on `channel` waiting in `queue`.
  absl::Duration SlaTarget(int queue, Channel channel) const;

  const EngineConfig& config() const { return config_; }

 private:
  Decider() = default;

  // A rule's action resolved to indexes at Create, so that Decide does no
  // lookups by name.
  struct RuleTarget {
    int department = -1;  // From the action's department or queue.
    int queue = -1;
  };

  // The department the model's prediction leads to, or -1 for triage;
  // appends the evidence to `reason`.
  int ModelDepartment(const Prediction* prediction, std::string* reason) const;
  // The self-service answer for this contact, or -1 (SelfServiceAnswer's
  // conditions other than risk, repeat and rules).
  int SelfServiceAnswerFor(const Contact& contact,
                           const NormalizedContact& normalized,
                           const Prediction& prediction,
                           ContactType type) const;
  // Fills d->repeat_contact, earlier_contacts, same_matter, risk,
  // risk_reasons and call_back; adds the repeat priority boost.
  void AssessCitizen(const Contact& contact, const ContactFacts& facts,
                     int department, Decision* d, Index* index) const;

  EngineConfig config_;
  RuleSet rules_;
  std::vector<RuleTarget> rule_targets_;  // Parallel to config_.rules.
  absl::flat_hash_map<std::string, int> department_index_;
  absl::flat_hash_map<std::string, int> queue_index_;
  absl::flat_hash_map<std::string, int> label_department_;
  std::vector<int> queue_department_;  // Queue index -> department index.
  // [department][channel] -> queue index or -1.
  std::vector<std::array<int, 8>> queue_for_;
  std::array<absl::Duration, 8> sla_by_channel_;  // config_.sla, by channel.
  int triage_queue_ = -1;
  int triage_department_ = -1;
  int default_department_ = -1;
  // Parallel to config_.self_service; null without a pattern.
  std::vector<std::shared_ptr<const re2::RE2>> answer_patterns_;
  // config_.languages by language.
  absl::flat_hash_map<std::string, SkillLevel> language_skill_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_DECIDER_H_
