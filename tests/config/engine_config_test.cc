// Copyright 2026 The Switchboard Authors.

#include "switchboard/config/engine_config.h"

#include <array>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/contact.h"

// Designated initializers leave the fields they do not name at their
// documented defaults on purpose; GCC 12's -Wextra warns about that.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TestConfig;
using ::testing::HasSubstr;

QueueConfig& FindQueue(EngineConfig& c, absl::string_view id) {
  for (QueueConfig& q : c.queues) {
    if (q.id == id) return q;
  }
  ADD_FAILURE() << "no queue " << id;
  return c.queues.front();
}

DepartmentConfig& FindDepartment(EngineConfig& c, absl::string_view id) {
  for (DepartmentConfig& d : c.departments) {
    if (d.id == id) return d;
  }
  ADD_FAILURE() << "no department " << id;
  return c.departments.front();
}

RuleConfig& FindRule(EngineConfig& c, absl::string_view name) {
  for (RuleConfig& r : c.rules) {
    if (r.name == name) return r;
  }
  ADD_FAILURE() << "no rule " << name;
  return c.rules.front();
}

TEST(ValidateConfigTest, TestConfigIsValid) {
  EXPECT_THAT(ValidateConfig(TestConfig()), IsOk());
}

TEST(ValidateConfigTest, MinimalConfigIsValid) {
  // One department the model can reach, one catch-all queue that is also
  // the triage queue.
  EngineConfig c;
  c.departments.push_back({.id = "all", .labels = {"x"}});
  c.queues.push_back({.id = "q", .department = "all"});
  c.thresholds.triage_queue = "q";
  EXPECT_THAT(ValidateConfig(c), IsOk());
}

TEST(ValidateConfigTest, DepartmentWithoutLabelsNeedsOnlyOneQueue) {
  // Reachable only by rules, and the rule only matches phone contacts.
  EngineConfig c = TestConfig();
  c.departments.push_back({.id = "archive"});
  c.queues.push_back({.id = "archive-phone",
                      .department = "archive",
                      .channels = {Channel::kPhone}});
  c.rules.push_back(
      {.name = "to-archive",
       .when = {.channels = {Channel::kPhone}, .ivr_choices = {"9"}},
       .then = {.department = "archive"}});
  EXPECT_THAT(ValidateConfig(c), IsOk());
}

TEST(ValidateConfigTest, DefaultDepartmentCoveredByCatchAllIsValid) {
  EngineConfig c = TestConfig();
  c.default_department = "triage";
  EXPECT_THAT(ValidateConfig(c), IsOk());
}

TEST(ValidateConfigTest, RuleQueueOfOtherChannelIsValid) {
  // A rule may put a contact in any queue of the department, whatever
  // channels the queue takes by default.
  EngineConfig c = TestConfig();
  c.rules.push_back({.name = "letters-by-phone-team",
                     .when = {.channels = {Channel::kLetter}},
                     .then = {.department = "taxes", .queue = "taxes-phone"}});
  EXPECT_THAT(ValidateConfig(c), IsOk());
}

struct BadConfigCase {
  std::string name;
  std::function<void(EngineConfig&)> mutate;
  std::string message;  // A substring of the expected message.
};

class BadConfigTest : public ::testing::TestWithParam<BadConfigCase> {};

TEST_P(BadConfigTest, IsRefusedNamingTheProblem) {
  EngineConfig c = TestConfig();
  GetParam().mutate(c);
  EXPECT_THAT(ValidateConfig(c), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr(GetParam().message)));
}

const BadConfigCase kBadConfigs[] = {
    // Ids.
    {"EmptySkill", [](EngineConfig& c) { c.skills.push_back(""); },
     "skill #8: empty id"},
    {"DuplicateSkill", [](EngineConfig& c) { c.skills.push_back("dutch"); },
     "skill \"dutch\": declared twice (#1 and #8)"},
    {"EmptyDepartmentId",
     [](EngineConfig& c) { c.departments.push_back({.name = "Nameless"}); },
     "department #6: empty id"},
    {"DuplicateDepartment",
     [](EngineConfig& c) { c.departments.push_back({.id = "taxes"}); },
     "department \"taxes\": declared twice"},
    {"EmptyQueueId",
     [](EngineConfig& c) { c.queues.push_back({.department = "taxes"}); },
     "queue #9: empty id"},
    {"DuplicateQueue",
     [](EngineConfig& c) {
       c.queues.push_back({.id = "waste", .department = "parking"});
     },
     "queue \"waste\": declared twice"},
    {"EmptyAgentId", [](EngineConfig& c) { c.agents.push_back({}); },
     "agent #5: empty id"},
    {"DuplicateAgent",
     [](EngineConfig& c) { c.agents.push_back({.id = "anna"}); },
     "agent \"anna\": declared twice"},
    {"EmptyRuleName", [](EngineConfig& c) { c.rules.push_back({}); },
     "rule #5: empty name"},
    {"DuplicateRule",
     [](EngineConfig& c) { c.rules.push_back({.name = "vip"}); },
     "rule \"vip\": declared twice"},

    // Skills.
    {"DepartmentUnknownSkill",
     [](EngineConfig& c) {
       FindDepartment(c, "taxes").skills = {{"taxs", 2}};
     },
     "department \"taxes\": unknown skill \"taxs\""},
    {"DepartmentSkillLevelTooHigh",
     [](EngineConfig& c) {
       FindDepartment(c, "taxes").skills = {{"taxes", 11}};
     },
     "department \"taxes\": skill \"taxes\" has level 11, outside 1..10"},
    {"DepartmentSkillTwice",
     [](EngineConfig& c) {
       FindDepartment(c, "taxes").skills = {{"taxes", 2}, {"taxes", 3}};
     },
     "department \"taxes\": skill \"taxes\" listed twice"},
    {"AgentSkillLevelZero",
     [](EngineConfig& c) { c.agents[0].skills[0].level = 0; },
     "agent \"anna\": skill \"dutch\" has level 0"},
    {"AgentUnknownSkill",
     [](EngineConfig& c) {
       c.agents[1].skills.push_back({"german", 3});
     },
     "agent \"bram\": unknown skill \"german\""},
    {"RuleUnknownSkill",
     [](EngineConfig& c) {
       FindRule(c, "vip").then.required_skills = {{"seniour", 1}};
     },
     "rule \"vip\": unknown skill \"seniour\""},
    {"EscalationUnknownDropSkill",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-phone").escalation[0].drop_skills = {"tax"};
     },
     "queue \"taxes-phone\": escalation step #1: unknown skill \"tax\""},

    // Departments and labels.
    {"LabelInTwoDepartments",
     [](EngineConfig& c) {
       FindDepartment(c, "parking").labels.push_back("taxes");
     },
     "department \"parking\": label \"taxes\" already belongs to department "
     "\"taxes\""},
    {"EmptyLabel",
     [](EngineConfig& c) { FindDepartment(c, "waste").labels.push_back(""); },
     "department \"waste\": empty label"},

    // Queues.
    {"QueueUnknownDepartment",
     [](EngineConfig& c) { FindQueue(c, "taxes-phone").department = "taxs"; },
     "queue \"taxes-phone\": unknown department \"taxs\""},
    {"QueueWithoutDepartment",
     [](EngineConfig& c) { FindQueue(c, "waste").department = ""; },
     "queue \"waste\": no department"},
    {"TwoQueuesClaimChannel",
     [](EngineConfig& c) {
       c.queues.push_back({.id = "taxes-phone-2",
                           .department = "taxes",
                           .channels = {Channel::kPhone}});
     },
     "queue \"taxes-phone-2\": channel phone of department \"taxes\" is "
     "already taken by queue \"taxes-phone\""},
    {"TwoCatchAllQueues",
     [](EngineConfig& c) {
       c.queues.push_back({.id = "parking-2", .department = "parking"});
     },
     "queue \"parking-2\": takes every remaining channel of department "
     "\"parking\", as queue \"parking\" already does"},
    {"QueueUnspecifiedChannel",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-written").channels.push_back(Channel::kUnspecified);
     },
     "queue \"taxes-written\": invalid channel unspecified"},
    {"QueueChannelTwice",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-written").channels.push_back(Channel::kEmail);
     },
     "queue \"taxes-written\": channel email listed twice"},
    {"QueueMaxLengthZero",
     [](EngineConfig& c) { FindQueue(c, "waste").max_length = 0; },
     "queue \"waste\": max_length 0 must be at least 1"},
    {"QueueSlaTargetNegative",
     [](EngineConfig& c) {
       FindQueue(c, "complaints").sla_target = absl::Seconds(-1);
     },
     "queue \"complaints\": SLA target -1s must be positive"},
    {"QueueUnknownStrategy",
     [](EngineConfig& c) {
       FindQueue(c, "waste").strategy = static_cast<AssignmentStrategy>(9);
     },
     "queue \"waste\": unknown strategy 9"},

    // Coverage.
    {"LabelledDepartmentMissesChannel",
     [](EngineConfig& c) {
       std::erase_if(c.queues, [](const QueueConfig& q) {
         return q.id == "taxes-online";
       });
     },
     "department \"taxes\": no queue for channel chat"},
    {"DepartmentWithoutQueue",
     [](EngineConfig& c) { c.departments.push_back({.id = "archive"}); },
     "department \"archive\": has no queue"},
    {"DefaultDepartmentMissesChannel",
     [](EngineConfig& c) {
       c.departments.push_back({.id = "general"});
       c.queues.push_back({.id = "general-phone",
                           .department = "general",
                           .channels = {Channel::kPhone}});
       c.default_department = "general";
     },
     "department \"general\": no queue for channel email"},
    {"RuleDepartmentMissesRuleChannel",
     [](EngineConfig& c) {
       c.departments.push_back({.id = "archive"});
       c.queues.push_back({.id = "archive-phone",
                           .department = "archive",
                           .channels = {Channel::kPhone}});
       c.rules.push_back(
           {.name = "to-archive",
            .when = {.channels = {Channel::kPhone, Channel::kLetter}},
            .then = {.department = "archive"}});
     },
     "rule \"to-archive\": department \"archive\" has no queue for channel "
     "letter"},

    // Escalation.
    {"EscalationAfterZero",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-phone").escalation[0].after = absl::ZeroDuration();
     },
     "queue \"taxes-phone\": escalation step #1: `after` is 0; it must be "
     "positive"},
    {"EscalationOutOfOrder",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-phone").escalation[1].after = absl::Minutes(1);
     },
     "queue \"taxes-phone\": escalation step #2: `after` 1m is not later "
     "than the previous step's 2m"},
    {"EscalationOverflowUnknownQueue",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-phone").escalation[1].overflow_queue = "triag";
     },
     "queue \"taxes-phone\": escalation step #2: unknown overflow queue "
     "\"triag\""},
    {"EscalationOverflowIntoItself",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-phone").escalation[1].overflow_queue = "taxes-phone";
     },
     "queue \"taxes-phone\": escalation step #2: overflows into itself"},
    {"EscalationOverflowWithoutQueue",
     [](EngineConfig& c) {
       FindQueue(c, "taxes-phone").escalation[1].overflow_queue = "";
     },
     "queue \"taxes-phone\": escalation step #2: overflow without a queue"},

    // Thresholds and defaults.
    {"NoTriageQueue", [](EngineConfig& c) { c.thresholds.triage_queue = ""; },
     "thresholds: triage_queue is not set"},
    {"UnknownTriageQueue",
     [](EngineConfig& c) { c.thresholds.triage_queue = "triag"; },
     "thresholds: unknown triage_queue \"triag\""},
    {"TriageBelowAboveOne",
     [](EngineConfig& c) { c.thresholds.triage_below = 1.5f; },
     "thresholds: triage_below 1.5 outside [0, 1]"},
    {"TriageBelowNaN",
     [](EngineConfig& c) { c.thresholds.triage_below = std::nanf(""); },
     "thresholds: triage_below nan outside [0, 1]"},
    {"NegativeAging",
     [](EngineConfig& c) { c.thresholds.aging_per_minute = -0.5; },
     "thresholds: aging_per_minute -0.5 must be finite and not negative"},
    {"UnknownDefaultDepartment",
     [](EngineConfig& c) { c.default_department = "genral"; },
     "default_department: unknown department \"genral\""},

    // Rules.
    {"RuleUnknownDepartment",
     [](EngineConfig& c) {
       FindRule(c, "ivr-complaints").then.department = "complaint";
     },
     "rule \"ivr-complaints\": unknown department \"complaint\""},
    {"RuleUnknownQueue",
     [](EngineConfig& c) { FindRule(c, "vip").then.queue = "vip-queue"; },
     "rule \"vip\": unknown queue \"vip-queue\""},
    {"RuleQueueOfOtherDepartment",
     [](EngineConfig& c) {
       FindRule(c, "ivr-complaints").then.queue = "waste";
     },
     "rule \"ivr-complaints\": queue \"waste\" belongs to department "
     "\"waste\", not \"complaints\""},
    {"RuleTriageAndDepartment",
     [](EngineConfig& c) {
       FindRule(c, "manual-triage").then.department = "taxes";
     },
     "rule \"manual-triage\": sends to triage and names a department or "
     "queue"},
    {"RuleMinConfidenceAboveOne",
     [](EngineConfig& c) { FindRule(c, "vip").when.min_confidence = 1.5f; },
     "rule \"vip\": min_confidence 1.5 outside [0, 1]"},
    {"RuleMaxConfidenceNegative",
     [](EngineConfig& c) { FindRule(c, "vip").when.max_confidence = -0.1f; },
     "rule \"vip\": max_confidence -0.1 outside [0, 1]"},
    {"RuleMinAboveMax",
     [](EngineConfig& c) {
       FindRule(c, "vip").when.min_confidence = 0.8f;
       FindRule(c, "vip").when.max_confidence = 0.25f;
     },
     "rule \"vip\": min_confidence 0.8 above max_confidence 0.25"},
    {"RuleBadPattern",
     [](EngineConfig& c) { FindRule(c, "vip").when.text_pattern = "(spoed"; },
     "rule \"vip\": bad text_pattern \"(spoed\": missing )"},
    {"RuleUnspecifiedChannel",
     [](EngineConfig& c) {
       FindRule(c, "vip").when.channels = {Channel::kUnspecified};
     },
     "rule \"vip\": invalid channel unspecified"},
    {"RuleNegativeEarlierContacts",
     [](EngineConfig& c) { FindRule(c, "vip").when.min_earlier_contacts = -1; },
     "rule \"vip\": min_earlier_contacts -1 must not be negative"},

    // Agents.
    {"AgentNegativeCapacity",
     [](EngineConfig& c) { c.agents[2].capacity[Channel::kChat] = -1; },
     "agent \"chris\": capacity -1 for channel chat must not be negative"},
    {"AgentCapacityForUnspecifiedChannel",
     [](EngineConfig& c) { c.agents[3].capacity[Channel::kUnspecified] = 1; },
     "agent \"dewi\": capacity for invalid channel unspecified"},

    // Times.
    {"OfferTimeoutZero",
     [](EngineConfig& c) { c.offer_timeout = absl::ZeroDuration(); },
     "offer_timeout 0 must be positive"},
    {"SlaTargetZero",
     [](EngineConfig& c) {
       c.sla.by_channel[Channel::kChat] = absl::ZeroDuration();
     },
     "sla: target 0 for channel chat must be positive"},

    // Self-service.
    {"SelfServiceEmptyLabel",
     [](EngineConfig& c) { c.self_service.push_back({}); },
     "self-service answer #1: empty label"},
    {"SelfServiceMinConfidence",
     [](EngineConfig& c) {
       c.self_service.push_back({.label = "waste", .min_confidence = 2.0f});
     },
     "self-service answer \"waste\": min_confidence 2 outside [0, 1]"},
};

INSTANTIATE_TEST_SUITE_P(
    ValidateConfig, BadConfigTest, ::testing::ValuesIn(kBadConfigs),
    [](const ::testing::TestParamInfo<BadConfigCase>& info) {
      return info.param.name;
    });

TEST(ValidateConfigTest, ReportsTheFirstProblem) {
  EngineConfig c = TestConfig();
  c.skills.push_back("dutch");
  c.thresholds.triage_queue = "";
  EXPECT_THAT(ValidateConfig(c), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("skill \"dutch\"")));
}

TEST(QueueTableTest, CatchAllTakesTheChannelsOthersLeave) {
  const EngineConfig c = TestConfig();
  const std::vector<std::array<int, 8>> table = internal::BuildQueueTable(c);
  ASSERT_EQ(table.size(), c.departments.size());
  auto queue_of = [&](int dept, Channel ch) -> std::string {
    int q = table[dept][static_cast<int>(ch)];
    return q < 0 ? "" : c.queues[q].id;
  };
  EXPECT_EQ(queue_of(0, Channel::kPhone), "taxes-phone");
  EXPECT_EQ(queue_of(0, Channel::kLetter), "taxes-written");
  EXPECT_EQ(queue_of(0, Channel::kChat), "taxes-online");
  EXPECT_EQ(queue_of(0, Channel::kMessaging), "taxes-online");
  EXPECT_EQ(queue_of(0, Channel::kUnspecified), "");
  EXPECT_EQ(queue_of(1, Channel::kPhone), "parking-phone");
  EXPECT_EQ(queue_of(1, Channel::kEmail), "parking");
  for (Channel ch : kAllChannels) EXPECT_EQ(queue_of(2, ch), "waste");
}

TEST(NamesTest, StrategyNames) {
  EXPECT_EQ(StrategyName(AssignmentStrategy::kLongestIdle), "longest_idle");
  EXPECT_EQ(StrategyName(AssignmentStrategy::kLeastOccupied), "least_occupied");
  EXPECT_EQ(StrategyName(AssignmentStrategy::kRoundRobin), "round_robin");
  EXPECT_EQ(StrategyName(AssignmentStrategy::kBestSkillMatch),
            "best_skill_match");
}

TEST(NamesTest, PresenceNames) {
  EXPECT_EQ(PresenceName(Presence::kOffline), "offline");
  EXPECT_EQ(PresenceName(Presence::kAvailable), "available");
  EXPECT_EQ(PresenceName(Presence::kAway), "away");
}

TEST(SlaTargetsTest, DefaultsAndFallback) {
  SlaTargets sla;
  EXPECT_EQ(sla.For(Channel::kPhone), absl::Seconds(30));
  EXPECT_EQ(sla.For(Channel::kLetter), absl::Hours(24 * 5));
  EXPECT_EQ(sla.For(Channel::kUnspecified), absl::Hours(24));
}

}  // namespace
}  // namespace switchboard
