// Copyright 2026 The Switchboard Authors.
//
// engine_config.h: everything the routing engine is configured with, as
// plain structs whose every field has a documented default: departments,
// queues, service-level targets, routing rules, thresholds, agents and
// self-service answers. Build it in code, or let the service read it from a
// file (services/ converts the proto config to this).
//
//   EngineConfig config;
//   config.skills = {"dutch", "english", "taxes"};
//   config.departments.push_back({.id = "taxes", .name = "Belastingen",
//                                 .labels = {"taxes"}});
//   config.queues.push_back({.id = "taxes-phone", .department = "taxes",
//                            .channels = {Channel::kPhone}});
//   ...
//   absl::Status s = ValidateConfig(config);  // names what is wrong
//
// Validation refuses (INVALID_ARGUMENT, naming the offending id) duplicate
// ids, ids that are not valid UTF-8, references to unknown departments,
// queues, skills or labels' targets, a department without a queue for some
// channel, bad regexes, and out-of-range numbers.

#ifndef SWITCHBOARD_CONFIG_ENGINE_CONFIG_H_
#define SWITCHBOARD_CONFIG_ENGINE_CONFIG_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/classify/contact_type.h"
#include "switchboard/contact.h"

namespace switchboard {

// A skill an agent has, or a contact requires, with a level 1..10.
struct SkillLevel {
  std::string skill;
  int level = 1;  // Agent: proficiency. Requirement: minimum level.
};

struct DepartmentConfig {
  std::string id;    // Unique, e.g. "taxes".
  std::string name;  // Human-readable, e.g. "Belastingen".
  // Classifier labels that belong to this department (a label belongs to at
  // most one department). A department may have none (e.g. triage).
  std::vector<std::string> labels;
  // Skills every contact routed here requires by default.
  std::vector<SkillLevel> skills;
};

enum class EscalationKind : uint8_t {
  // Lower the required skill levels to 1 and drop the skills listed in
  // `drop_skills` (all required skills when it is empty): more agents match.
  kWidenSkills,
  // Move the contact to `overflow_queue` (keeping its age).
  kOverflow,
};

struct EscalationStep {
  // Measured from when the contact first entered a queue.
  absl::Duration after = absl::Seconds(60);
  EscalationKind kind = EscalationKind::kWidenSkills;
  std::vector<std::string> drop_skills;
  std::string overflow_queue;
};

enum class AssignmentStrategy : uint8_t {
  kLongestIdle,     // The agent idle longest (mod_callcenter's default).
  kLeastOccupied,   // The lowest share of capacity in use.
  kRoundRobin,      // Rotate through the agents.
  kBestSkillMatch,  // The highest total level on the required skills.
};

struct QueueConfig {
  std::string id;
  std::string department;
  // Channels this queue takes. Empty: every channel not taken by another
  // queue of the same department.
  std::vector<Channel> channels;
  // Waiting contacts beyond which Submit fails with RESOURCE_EXHAUSTED.
  // Default 100,000.
  int64_t max_length = 100'000;
  // Applied in order as the contact's wait passes each `after`.
  std::vector<EscalationStep> escalation;
  AssignmentStrategy strategy = AssignmentStrategy::kLongestIdle;
  // Overrides the channel's SLA target for contacts in this queue.
  std::optional<absl::Duration> sla_target;
};

// How soon each channel should be answered (received -> accepted by an
// agent). Defaults: phone 30 s, chat 2 min, messaging 15 min, social 4 h,
// email 8 h, web form 8 h, letter 5 days.
struct SlaTargets {
  std::map<Channel, absl::Duration> by_channel = {
      {Channel::kPhone, absl::Seconds(30)},
      {Channel::kChat, absl::Minutes(2)},
      {Channel::kMessaging, absl::Minutes(15)},
      {Channel::kSocial, absl::Hours(4)},
      {Channel::kEmail, absl::Hours(8)},
      {Channel::kWebForm, absl::Hours(8)},
      {Channel::kLetter, absl::Hours(24 * 5)},
  };
  absl::Duration For(Channel c) const {
    auto it = by_channel.find(c);
    return it == by_channel.end() ? absl::Hours(24) : it->second;
  }
};

// What a rule looks at. Every condition that is set must hold (AND); an
// empty list or unset optional is "any".
struct RuleCondition {
  std::vector<Channel> channels;
  std::vector<std::string> ivr_choices;
  // RE2 pattern searched in the normalized text (case-insensitive by
  // default: write (?-i) to turn that off). Linear time on untrusted text.
  std::string text_pattern;
  // Contact attributes that must be present with exactly this value.
  std::map<std::string, std::string> attributes;
  // Customer history: the contact continues an earlier one
  // (previous_contact_id set) or the customer has contacted at least this
  // many times before (as known to the engine).
  std::optional<bool> continues_earlier_contact;
  int min_earlier_contacts = 0;
  // Classifier output: the top label is one of `labels`; its confidence is
  // at least `min_confidence` (inclusive) and below `max_confidence`
  // (exclusive), so that [0, 0.5) and [0.5, 1] split the range without
  // overlap. Without a prediction (no classifier) these never hold.
  std::vector<std::string> labels;
  std::optional<float> min_confidence;
  std::optional<float> max_confidence;
};

struct RuleAction {
  std::string department;  // Route to this department ("" = the model's).
  std::string queue;       // Into this queue ("" = department's for channel).
  std::optional<int> priority;              // Replaces the default priority.
  std::vector<SkillLevel> required_skills;  // Added to the department's.
  bool triage = false;  // Send to the triage queue (a person decides).
};

struct RuleConfig {
  std::string name;  // Unique; shown in the decision's reason.
  RuleCondition when;
  RuleAction then;
};

struct Thresholds {
  // Below this calibrated confidence (and with no rule deciding), the
  // contact goes to the triage queue with its alternatives. Default 0.5.
  float triage_below = 0.5f;
  // The triage queue's id. Required.
  std::string triage_queue;
  // Priority of a contact no rule gives one. Default 0; higher is sooner.
  int default_priority = 0;
  // Effective priority grows by this much per minute of waiting (aging), so
  // that low-priority contacts are not starved. Default 1.0. One rate for
  // all queues keeps the order comparable across queues.
  double aging_per_minute = 1.0;
};

enum class Presence : uint8_t { kOffline, kAvailable, kAway };

struct AgentConfig {
  std::string id;
  std::string name;
  std::vector<SkillLevel> skills;
  // How many contacts of each channel the agent handles at once; a channel
  // not listed is one the agent does not take. Default: one call, three
  // chats, five of each written channel.
  std::map<Channel, int> capacity = {
      {Channel::kPhone, 1},  {Channel::kChat, 3},  {Channel::kMessaging, 3},
      {Channel::kSocial, 5}, {Channel::kEmail, 5}, {Channel::kWebForm, 5},
      {Channel::kLetter, 5},
  };
  Presence presence = Presence::kOffline;
};

// A configured answer for a simple intent. The engine answers a contact
// with it, instead of queueing it for a person, when all of these hold:
// the classifier's top label is `label` with at least `min_confidence`;
// `text_pattern` (RE2, case-insensitive), when set, is found in the text;
// the contact came in on one of `channels` and the citizen wants the
// reply on one of them too (no channel is forced on anyone); the contact
// is a question (complaints, objections, requests and compliments go to a
// person); it is not a repeat contact on the same matter; its
// dissatisfaction risk is below the call-back threshold; no rule sent it
// to a department, queue or triage; and there is an answer in the
// contact's language (else in the first language of `languages`, else
// none: the contact is routed as usual).
struct SelfServiceAnswer {
  std::string label;
  std::map<std::string, std::string> answer_by_language;  // "nl" -> text
  float min_confidence = 0.8f;
  std::vector<Channel> channels = {Channel::kChat, Channel::kSocial,
                                   Channel::kWebForm, Channel::kMessaging};
  std::string text_pattern;
};

// Contact types (question, complaint, ...): a trained type model decides
// when it is at least this sure; otherwise the rule cues
// (classify/contact_type.h). Default 0.8: on the sample set the model
// alone is right on 76% of the test contacts, the cues on 86%, and the
// model when at least 0.8 sure, else the cues, on 88%.
struct ContactTypeOptions {
  float min_confidence = 0.8f;
};

// A contact whose customer (the keyed hash of customer_ref) contacted
// before within RetentionPolicy::customer_history is a repeat contact: the
// decision flags it, links the earlier contacts (newest first, at most
// `max_linked`; the history keeps 17 per customer at most, so a larger
// `max_linked` links no more: route/customer_history.h) and adds
// `priority_boost` to its priority.
struct RepeatContactOptions {
  int priority_boost = 5;
  int max_linked = 10;
};

// The dissatisfaction risk of a contact, from the factors the research on
// Dutch government customer service found: a complaint (or an objection to
// a decision) rather than a question; a written channel (letter, email)
// rather than the phone; earlier contact on the same matter; an outcome
// against the citizen. The score is the sum of the weights of the factors
// present, at most 1. At `call_back_at` or above the engine recommends a
// phone call to the citizen.
struct RiskOptions {
  float complaint = 0.35f;
  float objection = 0.3f;
  float written_channel = 0.2f;
  // Per earlier contact on the same matter, up to `repeat_max`.
  float repeat = 0.15f;
  float repeat_max = 0.3f;
  // An earlier contact within the history window resolved against the
  // citizen (Outcome::kUnfavourable).
  float unfavourable_outcome = 0.3f;
  float call_back_at = 0.6f;
};

// The follow-up task for a recommended call-back: a contact on the phone
// channel in the department's phone queue, answered within `sla`, with
// `priority`. Also made when a contact is resolved with an unfavourable
// outcome. Not made when the citizen asked for replies on another channel
// than the phone (the decision still says it was recommended and why), nor
// for a contact that is itself a phone call (the agent speaks with the
// citizen already) or a call-back.
struct CallBackOptions {
  bool enabled = true;
  absl::Duration sla = absl::Hours(24);
  int priority = 5;
};

// A detected language and the agent skill a contact in it requires.
struct LanguageSkill {
  std::string language;  // "nl", "en", ... (as DetectLanguage gives it)
  std::string skill;
  int level = 1;
};

// How long each kind of data the engine holds is kept, and why (a public
// body must be able to explain why it keeps data; `switchboard config
// explain` prints the whole policy as a table).
struct RetentionPolicy {
  // The contact's text (normalized, personal data masked), in memory and
  // in the journal. Default 30 days; InfiniteDuration(): while the contact
  // is held.
  absl::Duration contact_text = absl::Hours(24 * 30);
  std::string contact_text_reason =
      "the agent needs what the citizen wrote to handle the contact, and "
      "to answer a follow-up or an objection about it";
  // The customer history (keyed hash of the reference, and per contact its
  // id, time, department, type and outcome): also the repeat-contact
  // window. Default 30 days.
  absl::Duration customer_history = absl::Hours(24 * 30);
  std::string customer_history_reason =
      "to recognise a repeat contact on the same matter and raise its "
      "priority, and to weigh an earlier unfavourable outcome in the "
      "dissatisfaction risk";
};

struct EngineConfig {
  // Every skill name used by departments, rules and agents.
  std::vector<std::string> skills;
  std::vector<DepartmentConfig> departments;
  std::vector<QueueConfig> queues;
  SlaTargets sla;
  std::vector<RuleConfig> rules;  // Evaluated top-down, first match wins.
  Thresholds thresholds;
  std::vector<AgentConfig> agents;
  std::vector<SelfServiceAnswer> self_service;
  ContactTypeOptions contact_type;
  RepeatContactOptions repeat_contact;
  RiskOptions risk;
  CallBackOptions call_back;
  // Skills required for contacts by detected language; a language not
  // listed adds none.
  std::vector<LanguageSkill> languages;
  // Mask personal data (protect/personal_data.h) in the text before it is
  // classified, stored or logged. Default true.
  bool mask_personal_data = true;
  RetentionPolicy retention;
  // How long an agent has to accept an offer before it goes back to the
  // queue. Default 20 s.
  absl::Duration offer_timeout = absl::Seconds(20);
  // Department for a label that belongs to no department. Empty: such a
  // contact goes to triage.
  std::string default_department;
};

// OK, or INVALID_ARGUMENT naming the first problem found, with the item it
// is in: `queue "taxes-phone": unknown department "taxs"`. Besides ids,
// references and ranges it checks that contacts always have somewhere to
// wait: a department with labels, and the default department, need a queue
// for every channel; a rule's target department one for every channel the
// rule matches; every department at least one queue; no two queues of a
// department take the same channel (at most one takes "the rest"). A rule
// may not both send to triage and name a department or queue. Overflow
// steps may not form a cycle (queue a -> b -> a): steps count from the first
// queueing, so a contact would go round it forever.
absl::Status ValidateConfig(const EngineConfig& config);

absl::string_view StrategyName(AssignmentStrategy s);
absl::string_view PresenceName(Presence p);

// OK for a value of the enum; INVALID_ARGUMENT `agent "<id>": unknown
// presence 7` for any other number cast to Presence.
absl::Status CheckPresence(Presence p, absl::string_view agent_id);

namespace internal {

// [department][channel] -> index into config.queues of the queue that takes
// that department's contacts on that channel, or -1. Indexed by
// config.departments and by static_cast<int>(Channel). A queue with no
// channels takes every channel no other queue of its department lists.
// Queues of unknown departments are skipped; where two queues claim a
// channel the first wins (ValidateConfig refuses both). Shared by
// ValidateConfig and the Decider so both read the config the same way.
std::vector<std::array<int, 8>> BuildQueueTable(const EngineConfig& config);

}  // namespace internal

}  // namespace switchboard

#endif  // SWITCHBOARD_CONFIG_ENGINE_CONFIG_H_
