// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/decider.h"

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/route/decision.h"

// Designated initializers leave the fields they do not name at their
// documented defaults on purpose; GCC 12's -Wextra warns about that.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace switchboard {

// Readable failures for skill lists.
void PrintTo(const SkillLevel& s, std::ostream* os) {
  *os << s.skill << ":" << s.level;
}

namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TestConfig;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::FloatEq;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

MATCHER_P2(Skill, name, level, "") {
  return arg.skill == name && arg.level == level;
}

MATCHER_P2(Alternative, label, probability, "") {
  return arg.label == label && arg.probability == probability;
}

const absl::Time kReceived = absl::FromUnixSeconds(1'800'000'000);

class DeciderTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(TestConfig()); }

  void Build(const EngineConfig& config) {
    absl::StatusOr<Decider> d = Decider::Create(config);
    ASSERT_THAT(d, IsOk());
    decider_.emplace(*std::move(d));
  }

  // `earlier_contacts` earlier contacts of the customer, on other matters.
  Decision Decide(const Contact& contact, const Prediction* prediction,
                  int earlier_contacts = 0) const {
    return decider_->Decide(contact, NormalizedOf(contact), prediction,
                            FactsWithEarlier(earlier_contacts), kReceived);
  }

  static ContactFacts FactsWithEarlier(int n) {
    ContactFacts facts;
    for (int i = 0; i < n; ++i) {
      facts.earlier.push_back({.contact_id = absl::StrCat("old-", i),
                               .received = kReceived - absl::Hours(i + 1),
                               .department = "elsewhere"});
    }
    return facts;
  }

  std::optional<Decider> decider_;
};

TEST_F(DeciderTest, ModelLabelRoutesToItsDepartment) {
  const Contact c = MakeContact("c-17", Channel::kEmail, "mijn aanslag");
  const Prediction p =
      MakePrediction("taxes", 0.93f, {{"parking", 0.04f}, {"waste", 0.02f}});
  const Decision d = Decide(c, &p);
  EXPECT_EQ(d.contact_id, "c-17");
  EXPECT_EQ(d.action, DecisionAction::kRoute);
  EXPECT_EQ(d.department, "taxes");
  EXPECT_EQ(d.queue, "taxes-written");
  EXPECT_EQ(d.label, "taxes");
  EXPECT_THAT(d.confidence, FloatEq(0.93f));
  EXPECT_THAT(d.alternatives, ElementsAre(Alternative("taxes", 0.93f),
                                          Alternative("parking", 0.04f),
                                          Alternative("waste", 0.02f)));
  EXPECT_EQ(d.reason, "model: \"taxes\" with confidence 0.93");
  EXPECT_EQ(d.rule, "");
  EXPECT_EQ(d.priority, 0);
  EXPECT_THAT(d.required_skills, ElementsAre(Skill("taxes", 2)));
}

struct ChannelQueueCase {
  Channel channel;
  const char* label;
  const char* queue;
};

class QueuePerChannelTest
    : public DeciderTest,
      public ::testing::WithParamInterface<ChannelQueueCase> {};

TEST_P(QueuePerChannelTest, PicksTheDepartmentsQueueForTheChannel) {
  const Contact c = MakeContact("c1", GetParam().channel, "x");
  const Prediction p = MakePrediction(GetParam().label, 0.9f);
  const Decision d = Decide(c, &p);
  EXPECT_EQ(d.action, DecisionAction::kRoute);
  EXPECT_EQ(d.department, GetParam().label);
  EXPECT_EQ(d.queue, GetParam().queue);
}

INSTANTIATE_TEST_SUITE_P(
    TestConfig, QueuePerChannelTest,
    ::testing::Values(
        ChannelQueueCase{Channel::kPhone, "taxes", "taxes-phone"},
        ChannelQueueCase{Channel::kEmail, "taxes", "taxes-written"},
        ChannelQueueCase{Channel::kLetter, "taxes", "taxes-written"},
        ChannelQueueCase{Channel::kWebForm, "taxes", "taxes-written"},
        // The catch-all queue takes what the others leave.
        ChannelQueueCase{Channel::kChat, "taxes", "taxes-online"},
        ChannelQueueCase{Channel::kSocial, "taxes", "taxes-online"},
        ChannelQueueCase{Channel::kMessaging, "taxes", "taxes-online"},
        ChannelQueueCase{Channel::kPhone, "parking", "parking-phone"},
        ChannelQueueCase{Channel::kEmail, "parking", "parking"},
        ChannelQueueCase{Channel::kPhone, "waste", "waste"},
        ChannelQueueCase{Channel::kLetter, "complaints", "complaints"}),
    [](const ::testing::TestParamInfo<ChannelQueueCase>& info) {
      return std::string(info.param.label) + "_" +
             std::string(ChannelName(info.param.channel));
    });

TEST_F(DeciderTest, LowConfidenceGoesToTriageWithAlternatives) {
  const Contact c = MakeContact("c1", Channel::kChat, "vraagje");
  const Prediction p =
      MakePrediction("taxes", 0.42f, {{"parking", 0.31f}, {"waste", 0.2f}});
  const Decision d = Decide(c, &p);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_EQ(d.department, "triage");
  EXPECT_EQ(d.queue, "triage");
  EXPECT_EQ(d.label, "taxes");
  EXPECT_THAT(d.confidence, FloatEq(0.42f));
  EXPECT_THAT(d.alternatives, ElementsAre(Alternative("taxes", 0.42f),
                                          Alternative("parking", 0.31f),
                                          Alternative("waste", 0.2f)));
  EXPECT_EQ(d.reason,
            "model: confidence 0.42 below 0.50 for \"taxes\"; alternatives "
            "taxes 0.42, parking 0.31, waste 0.20");
  EXPECT_EQ(d.rule, "");
  EXPECT_THAT(d.required_skills, IsEmpty());
}

TEST_F(DeciderTest, LowConfidenceWithoutAlternatives) {
  Prediction p;
  p.label = "taxes";
  p.confidence = 0.1f;
  const Decision d = Decide(MakeContact("c1", Channel::kChat, "x"), &p);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_THAT(d.alternatives, IsEmpty());
  EXPECT_EQ(d.reason, "model: confidence 0.10 below 0.50 for \"taxes\"");
}

TEST_F(DeciderTest, ConfidenceAtTheThresholdRoutes) {
  const Contact c = MakeContact("c1", Channel::kChat, "x");
  const Prediction p = MakePrediction("waste", 0.5f);
  EXPECT_EQ(Decide(c, &p).action, DecisionAction::kRoute);
}

TEST_F(DeciderTest, ThresholdIsConfigurable) {
  EngineConfig config = TestConfig();
  config.thresholds.triage_below = 0.95f;
  Build(config);
  const Contact c = MakeContact("c1", Channel::kChat, "x");
  const Prediction p = MakePrediction("waste", 0.93f);
  const Decision d = Decide(c, &p);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_THAT(d.reason, HasSubstr("confidence 0.93 below 0.95"));
}

TEST_F(DeciderTest, LabelOfNoDepartmentGoesToTriage) {
  const Contact c = MakeContact("c1", Channel::kEmail, "uitkering");
  const Prediction p = MakePrediction("benefits", 0.97f);
  const Decision d = Decide(c, &p);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_EQ(d.queue, "triage");
  EXPECT_EQ(d.label, "benefits");
  EXPECT_EQ(d.reason,
            "model: label \"benefits\" (confidence 0.97) belongs to no "
            "department");
}

TEST_F(DeciderTest, LabelOfNoDepartmentGoesToTheDefaultDepartment) {
  EngineConfig config = TestConfig();
  config.departments.push_back({.id = "general", .skills = {{"dutch", 1}}});
  config.queues.push_back({.id = "general", .department = "general"});
  config.default_department = "general";
  Build(config);

  const Contact c = MakeContact("c1", Channel::kPhone, "uitkering");
  const Prediction p = MakePrediction("benefits", 0.97f);
  const Decision d = Decide(c, &p);
  EXPECT_EQ(d.action, DecisionAction::kRoute);
  EXPECT_EQ(d.department, "general");
  EXPECT_EQ(d.queue, "general");
  EXPECT_THAT(d.required_skills, ElementsAre(Skill("dutch", 1)));
  EXPECT_EQ(d.reason,
            "model: \"benefits\" with confidence 0.97 belongs to no "
            "department; default department \"general\"");

  // A known label still goes to its own department; low confidence still
  // goes to triage.
  const Prediction taxes = MakePrediction("taxes", 0.97f);
  EXPECT_EQ(Decide(c, &taxes).department, "taxes");
  const Prediction unsure = MakePrediction("benefits", 0.3f);
  EXPECT_EQ(Decide(c, &unsure).action, DecisionAction::kTriage);
}

TEST_F(DeciderTest, NoClassifierAndNoRuleGoesToTriage) {
  const Contact c = MakeContact("c1", Channel::kEmail, "hallo");
  const Decision d = Decide(c, nullptr);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_EQ(d.department, "triage");
  EXPECT_EQ(d.queue, "triage");
  EXPECT_EQ(d.label, "");
  EXPECT_THAT(d.alternatives, IsEmpty());
  EXPECT_EQ(d.reason, "no rule matched and there is no classifier");
}

TEST_F(DeciderTest, RuleRoutesToItsDepartmentWhateverTheModelSays) {
  Contact c = MakeContact("c1", Channel::kPhone, "ik wil klagen");
  c.ivr_choice = "7";
  const Prediction p = MakePrediction("taxes", 0.99f);
  for (const Prediction* prediction :
       {&p, static_cast<const Prediction*>(nullptr)}) {
    const Decision d = Decide(c, prediction);
    EXPECT_EQ(d.action, DecisionAction::kRoute);
    EXPECT_EQ(d.department, "complaints");
    EXPECT_EQ(d.queue, "complaints");
    EXPECT_EQ(d.rule, "ivr-complaints");
    EXPECT_EQ(d.reason,
              "rule \"ivr-complaints\": to department \"complaints\"");
    EXPECT_EQ(d.priority, 5);
    EXPECT_THAT(d.required_skills, ElementsAre(Skill("complaints", 3)));
  }
  // The model's view is attached even though a rule decided.
  EXPECT_EQ(Decide(c, &p).label, "taxes");
}

TEST_F(DeciderTest, FirstMatchingRuleWins) {
  Contact c = MakeContact("c1", Channel::kPhone, "x");
  c.ivr_choice = "7";
  c.attributes = {{"route", "manual"}, {"vip", "true"}};
  const Prediction p = MakePrediction("taxes", 0.99f);
  const Decision d = Decide(c, &p);
  EXPECT_EQ(d.rule, "manual-triage");
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_EQ(d.queue, "triage");
  EXPECT_EQ(d.department, "triage");
  EXPECT_EQ(d.reason, "rule \"manual-triage\": to triage");

  c.attributes.erase("route");
  EXPECT_EQ(Decide(c, &p).rule, "ivr-complaints");
  c.ivr_choice = "";
  EXPECT_EQ(Decide(c, &p).rule, "vip");
}

TEST_F(DeciderTest, RuleQueueSetsTheDepartment) {
  EngineConfig config = TestConfig();
  config.rules.insert(
      config.rules.begin(),
      {.name = "parking-letters-by-phone-team",
       .when = {.channels = {Channel::kLetter}, .text_pattern = "parkeer"},
       .then = {.queue = "parking-phone"}});
  Build(config);
  const Contact c =
      MakeContact("c1", Channel::kLetter, "Betreft: Parkeervergunning");
  const Decision d = Decide(c, nullptr);
  EXPECT_EQ(d.action, DecisionAction::kRoute);
  EXPECT_EQ(d.department, "parking");
  EXPECT_EQ(d.queue, "parking-phone");
  EXPECT_EQ(
      d.reason,
      "rule \"parking-letters-by-phone-team\": to queue \"parking-phone\"");
  EXPECT_THAT(d.required_skills, ElementsAre(Skill("parking", 1)));
  // The queue has no SLA target of its own: the letter's applies.
  EXPECT_EQ(d.sla_deadline, kReceived + absl::Hours(24 * 5));
}

TEST_F(DeciderTest, RuleWithoutDepartmentLeavesItToTheModel) {
  Contact c = MakeContact("c1", Channel::kPhone, "x");
  c.attributes["vip"] = "true";

  const Prediction sure = MakePrediction("parking", 0.8f);
  Decision d = Decide(c, &sure);
  EXPECT_EQ(d.action, DecisionAction::kRoute);
  EXPECT_EQ(d.rule, "vip");
  EXPECT_EQ(d.department, "parking");
  EXPECT_EQ(d.queue, "parking-phone");
  EXPECT_EQ(d.priority, 10);
  EXPECT_THAT(d.required_skills,
              ElementsAre(Skill("parking", 1), Skill("senior", 1)));
  EXPECT_EQ(d.reason,
            "rule \"vip\" names no department; model: \"parking\" with "
            "confidence 0.80");

  // Below the threshold: triage, but still with the rule's priority.
  const Prediction unsure = MakePrediction("parking", 0.3f);
  d = Decide(c, &unsure);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_EQ(d.rule, "vip");
  EXPECT_EQ(d.priority, 10);
  EXPECT_THAT(d.required_skills, ElementsAre(Skill("senior", 1)));
  EXPECT_THAT(d.reason, HasSubstr("below 0.50"));

  d = Decide(c, nullptr);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_EQ(d.reason,
            "rule \"vip\" names no department and there is no classifier");
}

TEST_F(DeciderTest, RuleSkillsMergeWithDepartmentSkills) {
  const Contact c = MakeContact("c1", Channel::kEmail, "alweer");
  const Prediction p = MakePrediction("complaints", 0.9f);

  // Two earlier contacts: repeat-complaint raises complaints 3 -> 5 (in
  // place) and adds senior; the repeat boost adds 5 to its priority.
  Decision d = Decide(c, &p, /*earlier_contacts=*/2);
  EXPECT_EQ(d.rule, "repeat-complaint");
  EXPECT_EQ(d.priority, 8 + 5);
  EXPECT_THAT(d.required_skills,
              ElementsAre(Skill("complaints", 5), Skill("senior", 1)));

  // One earlier contact: no rule, the department's skills.
  d = Decide(c, &p, /*earlier_contacts=*/1);
  EXPECT_EQ(d.rule, "");
  EXPECT_EQ(d.priority, 0 + 5);
  EXPECT_THAT(d.required_skills, ElementsAre(Skill("complaints", 3)));
}

TEST_F(DeciderTest, RuleCanLowerADepartmentSkillLevel) {
  EngineConfig config = TestConfig();
  config.rules = {
      {.name = "easy-taxes",
       .when = {.text_pattern = "adres"},
       .then = {.required_skills = {{"taxes", 1}, {"english", 2}}}}};
  Build(config);
  const Contact c = MakeContact("c1", Channel::kChat, "adreswijziging");
  const Prediction p = MakePrediction("taxes", 0.9f);
  EXPECT_THAT(Decide(c, &p).required_skills,
              ElementsAre(Skill("taxes", 1), Skill("english", 2)));
}

TEST_F(DeciderTest, DefaultPriority) {
  EngineConfig config = TestConfig();
  config.thresholds.default_priority = 3;
  Build(config);
  const Contact c = MakeContact("c1", Channel::kChat, "x");
  const Prediction p = MakePrediction("waste", 0.9f);
  EXPECT_EQ(Decide(c, &p).priority, 3);
  EXPECT_EQ(Decide(c, nullptr).priority, 3) << "triage too";
}

TEST_F(DeciderTest, SlaDeadlinePerChannel) {
  const Prediction p = MakePrediction("taxes", 0.9f);
  auto deadline = [&](Channel ch) {
    return Decide(MakeContact("c1", ch, "x"), &p).sla_deadline;
  };
  EXPECT_EQ(deadline(Channel::kPhone), kReceived + absl::Seconds(30));
  EXPECT_EQ(deadline(Channel::kChat), kReceived + absl::Minutes(2));
  EXPECT_EQ(deadline(Channel::kMessaging), kReceived + absl::Minutes(15));
  EXPECT_EQ(deadline(Channel::kSocial), kReceived + absl::Hours(4));
  EXPECT_EQ(deadline(Channel::kEmail), kReceived + absl::Hours(8));
  EXPECT_EQ(deadline(Channel::kLetter), kReceived + absl::Hours(24 * 5));
}

TEST_F(DeciderTest, QueueSlaTargetOverridesTheChannels) {
  const Prediction p = MakePrediction("complaints", 0.9f);
  const Decision d = Decide(MakeContact("c1", Channel::kPhone, "x"), &p);
  EXPECT_EQ(d.queue, "complaints");
  EXPECT_EQ(d.sla_deadline, kReceived + absl::Hours(48));
}

TEST_F(DeciderTest, ConfiguredChannelTargets) {
  EngineConfig config = TestConfig();
  config.sla.by_channel[Channel::kEmail] = absl::Hours(1);
  config.sla.by_channel.erase(Channel::kSocial);
  Build(config);
  const Prediction p = MakePrediction("waste", 0.9f);
  EXPECT_EQ(Decide(MakeContact("c1", Channel::kEmail, "x"), &p).sla_deadline,
            kReceived + absl::Hours(1));
  // A channel with no target gets SlaTargets' fallback of a day.
  EXPECT_EQ(Decide(MakeContact("c2", Channel::kSocial, "x"), &p).sla_deadline,
            kReceived + absl::Hours(24));
}

TEST_F(DeciderTest, TriageDeadlineUsesTheTriageQueue) {
  EngineConfig config = TestConfig();
  for (QueueConfig& q : config.queues) {
    if (q.id == "triage") q.sla_target = absl::Minutes(5);
  }
  Build(config);
  const Decision d = Decide(MakeContact("c1", Channel::kEmail, "x"), nullptr);
  EXPECT_EQ(d.queue, "triage");
  EXPECT_EQ(d.sla_deadline, kReceived + absl::Minutes(5));
}

TEST_F(DeciderTest, Lookups) {
  const Decider& d = *decider_;
  EXPECT_EQ(d.DepartmentIndex("taxes"), 0);
  EXPECT_EQ(d.DepartmentIndex("triage"), 4);
  EXPECT_EQ(d.DepartmentIndex("taxs"), -1);
  EXPECT_EQ(d.QueueIndex("taxes-phone"), 0);
  EXPECT_EQ(d.QueueIndex("triage"), 7);
  EXPECT_EQ(d.QueueIndex(""), -1);
  EXPECT_EQ(d.QueueFor(0, Channel::kPhone), 0);
  EXPECT_EQ(d.QueueFor(0, Channel::kSocial), d.QueueIndex("taxes-online"));
  EXPECT_EQ(d.QueueFor(4, Channel::kLetter), d.QueueIndex("triage"));
  EXPECT_EQ(d.QueueFor(0, Channel::kUnspecified), -1);
  EXPECT_EQ(d.QueueFor(-1, Channel::kPhone), -1);
  EXPECT_EQ(d.QueueFor(99, Channel::kPhone), -1);
  EXPECT_EQ(d.SlaTarget(d.QueueIndex("complaints"), Channel::kChat),
            absl::Hours(48));
  EXPECT_EQ(d.SlaTarget(d.QueueIndex("waste"), Channel::kChat),
            absl::Minutes(2));
  EXPECT_EQ(d.SlaTarget(-1, Channel::kPhone), absl::Seconds(30));
  EXPECT_EQ(d.config().queues.size(), 8u);
}

TEST_F(DeciderTest, UnspecifiedChannelGoesToTriage) {
  // Normalize refuses such a contact; the decider still answers sensibly.
  const Prediction p = MakePrediction("taxes", 0.9f);
  const Decision d = Decide(MakeContact("c1", Channel::kUnspecified, "x"), &p);
  EXPECT_EQ(d.action, DecisionAction::kTriage);
  EXPECT_EQ(d.queue, "triage");
  EXPECT_THAT(d.reason,
              HasSubstr("department \"taxes\" has no queue for channel "
                        "unspecified"));
}

TEST(DeciderCreateTest, RefusesAnInvalidConfig) {
  EngineConfig config = TestConfig();
  config.queues[0].department = "taxs";
  EXPECT_THAT(Decider::Create(config),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("queue \"taxes-phone\": unknown department "
                                 "\"taxs\"")));
}

TEST(DecisionTest, ActionNames) {
  EXPECT_EQ(DecisionActionName(DecisionAction::kRoute), "route");
  EXPECT_EQ(DecisionActionName(DecisionAction::kTriage), "triage");
  EXPECT_EQ(DecisionActionName(DecisionAction::kSelfService), "self_service");
}

// The way an embedder uses it: normalize, classify (here: a made-up
// prediction), decide.
TEST(DeciderEmbedderTest, NormalizeThenDecide) {
  absl::StatusOr<Decider> decider = Decider::Create(TestConfig());
  ASSERT_THAT(decider, IsOk());

  Contact contact;
  contact.id = "c-42";
  contact.channel = Channel::kEmail;
  contact.subject = "Klacht over behandeling";
  contact.body =
      "Geachte heer,\n\nIk ben erg ontevreden over hoe ik aan de "
      "balie ben behandeld.\n\nMet vriendelijke groet,\nJan";
  contact.received_at = kReceived;
  absl::StatusOr<NormalizedContact> normalized =
      Normalize(contact, NormalizeOptions());
  ASSERT_THAT(normalized, IsOk());

  const Prediction prediction =
      MakePrediction("complaints", 0.88f, {{"general", 0.07f}});
  const Decision d =
      decider->Decide(contact, *normalized, &prediction, ContactFacts(),
                      contact.received_at);
  EXPECT_EQ(d.contact_id, "c-42");
  EXPECT_EQ(DecisionActionName(d.action), "route");
  EXPECT_EQ(d.department, "complaints");
  EXPECT_EQ(d.queue, "complaints");
  EXPECT_EQ(d.sla_deadline, kReceived + absl::Hours(48));
  EXPECT_EQ(d.reason, "model: \"complaints\" with confidence 0.88");
}

}  // namespace
}  // namespace switchboard
