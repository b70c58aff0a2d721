// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/rules.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"

// Designated initializers leave the fields they do not name at their
// documented defaults on purpose; GCC 12's -Wextra warns about that.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

// Compiles `rules` (which must be valid) and matches contacts against them.
class RulesTest : public ::testing::Test {
 protected:
  void Compile(std::vector<RuleConfig> rules) {
    absl::StatusOr<RuleSet> set = RuleSet::Compile(rules);
    ASSERT_THAT(set, IsOk());
    rules_ = *std::move(set);
  }

  // The name of the matching rule, or "" when none matches.
  std::string MatchName(const Contact& contact,
                        const Prediction* prediction = nullptr,
                        int earlier_contacts = 0) const {
    const NormalizedContact normalized = NormalizedOf(contact);
    const int i = rules_.Match(RuleInput{.contact = contact,
                                         .normalized = normalized,
                                         .prediction = prediction,
                                         .earlier_contacts = earlier_contacts});
    return i < 0 ? "" : rules_.rule(i).name;
  }

  // A single rule named "r" with condition `when`.
  void CompileOne(RuleCondition when) {
    Compile({{.name = "r", .when = std::move(when)}});
  }

  RuleSet rules_;
};

TEST_F(RulesTest, EmptySetMatchesNothing) {
  Compile({});
  EXPECT_EQ(rules_.size(), 0u);
  EXPECT_EQ(MatchName(MakeContact("c1", Channel::kEmail, "hallo")), "");
}

TEST_F(RulesTest, RuleWithoutConditionsMatchesEverything) {
  Compile({{.name = "always"}});
  EXPECT_EQ(MatchName(MakeContact("c1", Channel::kLetter, "x")), "always");
}

TEST_F(RulesTest, Channels) {
  CompileOne({.channels = {Channel::kPhone, Channel::kChat}});
  EXPECT_EQ(MatchName(MakeContact("c1", Channel::kPhone, "x")), "r");
  EXPECT_EQ(MatchName(MakeContact("c2", Channel::kChat, "x")), "r");
  EXPECT_EQ(MatchName(MakeContact("c3", Channel::kEmail, "x")), "");
}

TEST_F(RulesTest, IvrChoiceIsAnExactMatch) {
  CompileOne({.ivr_choices = {"7", "2-1"}});
  Contact c = MakeContact("c1", Channel::kPhone, "x");
  c.ivr_choice = "7";
  EXPECT_EQ(MatchName(c), "r");
  c.ivr_choice = "2-1";
  EXPECT_EQ(MatchName(c), "r");
  c.ivr_choice = "77";
  EXPECT_EQ(MatchName(c), "");
  c.ivr_choice = "2";
  EXPECT_EQ(MatchName(c), "");
  c.ivr_choice = "";
  EXPECT_EQ(MatchName(c), "");
}

TEST_F(RulesTest, TextPatternIsSearchedCaseInsensitively) {
  CompileOne({.text_pattern = R"(\b(spoed|dringend)\b)"});
  EXPECT_EQ(MatchName(MakeContact("c1", Channel::kEmail,
                                  "Dit is DRINGEND, graag snel antwoord")),
            "r");
  EXPECT_EQ(MatchName(MakeContact("c2", Channel::kEmail, "Spoed!")), "r");
  EXPECT_EQ(MatchName(MakeContact("c3", Channel::kEmail, "spoedig graag")), "");
}

TEST_F(RulesTest, TextPatternCaseSensitiveWhenAsked) {
  CompileOne({.text_pattern = "(?-i)BSN"});
  EXPECT_EQ(MatchName(MakeContact("c1", Channel::kEmail, "mijn BSN is")), "r");
  EXPECT_EQ(MatchName(MakeContact("c2", Channel::kEmail, "mijn bsn is")), "");
}

TEST_F(RulesTest, TextPatternReadsTheNormalizedText) {
  CompileOne({.text_pattern = "parkeervergunning"});
  Contact c = MakeContact("c1", Channel::kEmail, "nothing here");
  NormalizedContact n = NormalizedOf(c);
  n.text = "Onderwerp: parkeervergunning aanvragen";
  EXPECT_EQ(rules_.Match(RuleInput{.contact = c, .normalized = n}), 0);
  n.text = "nothing here";
  EXPECT_EQ(rules_.Match(RuleInput{.contact = c, .normalized = n}), -1);
}

TEST_F(RulesTest, TextPatternMatchesUnicodeCaseInsensitively) {
  CompileOne({.text_pattern = "überweisung"});
  EXPECT_EQ(MatchName(MakeContact("c1", Channel::kEmail, "Die ÜBERWEISUNG")),
            "r");
}

TEST_F(RulesTest, AttributesMustAllBePresentWithTheValue) {
  CompileOne({.attributes = {{"vip", "true"}, {"segment", "business"}}});
  Contact c = MakeContact("c1", Channel::kEmail, "x");
  c.attributes = {{"vip", "true"}, {"segment", "business"}, {"other", "1"}};
  EXPECT_EQ(MatchName(c), "r");
  c.attributes["segment"] = "private";
  EXPECT_EQ(MatchName(c), "");
  c.attributes.erase("segment");
  EXPECT_EQ(MatchName(c), "");
  c.attributes = {{"vip", "TRUE"}, {"segment", "business"}};
  EXPECT_EQ(MatchName(c), "") << "values are compared exactly";
}

TEST_F(RulesTest, ContinuesEarlierContact) {
  Compile({{.name = "follow-up", .when = {.continues_earlier_contact = true}},
           {.name = "new", .when = {.continues_earlier_contact = false}}});
  Contact c = MakeContact("c1", Channel::kEmail, "x");
  EXPECT_EQ(MatchName(c), "new");
  c.previous_contact_id = "c0";
  EXPECT_EQ(MatchName(c), "follow-up");
}

TEST_F(RulesTest, MinEarlierContacts) {
  CompileOne({.min_earlier_contacts = 3});
  const Contact c = MakeContact("c1", Channel::kEmail, "x");
  EXPECT_EQ(MatchName(c, nullptr, 2), "");
  EXPECT_EQ(MatchName(c, nullptr, 3), "r");
  EXPECT_EQ(MatchName(c, nullptr, 10), "r");
}

TEST_F(RulesTest, Labels) {
  CompileOne({.labels = {"taxes", "parking"}});
  const Contact c = MakeContact("c1", Channel::kEmail, "x");
  const Prediction taxes = MakePrediction("taxes", 0.9f);
  const Prediction waste = MakePrediction("waste", 0.9f, {{"taxes", 0.05f}});
  EXPECT_EQ(MatchName(c, &taxes), "r");
  EXPECT_EQ(MatchName(c, &waste), "") << "only the top label counts";
  EXPECT_EQ(MatchName(c, nullptr), "") << "no prediction, no match";
}

TEST_F(RulesTest, ConfidenceMinIsInclusiveMaxExclusive) {
  CompileOne({.min_confidence = 0.25f, .max_confidence = 0.75f});
  const Contact c = MakeContact("c1", Channel::kEmail, "x");
  auto at = [&](float confidence) {
    const Prediction p = MakePrediction("taxes", confidence);
    return MatchName(c, &p);
  };
  EXPECT_EQ(at(0.2f), "");
  EXPECT_EQ(at(0.25f), "r");
  EXPECT_EQ(at(0.5f), "r");
  EXPECT_EQ(at(0.75f), "");
  EXPECT_EQ(at(0.9f), "");
  EXPECT_EQ(MatchName(c, nullptr), "");
}

TEST_F(RulesTest, OnlyMaxConfidenceNeedsAPredictionToo) {
  CompileOne({.max_confidence = 0.5f});
  const Contact c = MakeContact("c1", Channel::kEmail, "x");
  const Prediction p = MakePrediction("taxes", 0.1f);
  EXPECT_EQ(MatchName(c, &p), "r");
  EXPECT_EQ(MatchName(c, nullptr), "");
}

TEST_F(RulesTest, EveryConditionMustHold) {
  CompileOne({.channels = {Channel::kPhone},
              .ivr_choices = {"1"},
              .text_pattern = "aanslag",
              .attributes = {{"vip", "true"}},
              .labels = {"taxes"}});
  Contact c = MakeContact("c1", Channel::kPhone, "over mijn aanslag");
  c.ivr_choice = "1";
  c.attributes["vip"] = "true";
  const Prediction p = MakePrediction("taxes", 0.6f);
  ASSERT_EQ(MatchName(c, &p), "r");

  Contact wrong = c;
  wrong.channel = Channel::kChat;
  EXPECT_EQ(MatchName(wrong, &p), "");
  wrong = c;
  wrong.ivr_choice = "2";
  EXPECT_EQ(MatchName(wrong, &p), "");
  wrong = c;
  wrong.body = "over mijn paspoort";
  EXPECT_EQ(MatchName(wrong, &p), "");
  wrong = c;
  wrong.attributes.clear();
  EXPECT_EQ(MatchName(wrong, &p), "");
  const Prediction other = MakePrediction("parking", 0.6f);
  EXPECT_EQ(MatchName(c, &other), "");
}

TEST_F(RulesTest, FirstMatchWins) {
  Compile({{.name = "phone-vip",
            .when = {.channels = {Channel::kPhone},
                     .attributes = {{"vip", "true"}}}},
           {.name = "phone", .when = {.channels = {Channel::kPhone}}},
           {.name = "vip", .when = {.attributes = {{"vip", "true"}}}}});
  Contact c = MakeContact("c1", Channel::kPhone, "x");
  c.attributes["vip"] = "true";
  EXPECT_EQ(MatchName(c), "phone-vip");
  c.attributes.clear();
  EXPECT_EQ(MatchName(c), "phone");
  c.channel = Channel::kEmail;
  c.attributes["vip"] = "true";
  EXPECT_EQ(MatchName(c), "vip");
}

TEST_F(RulesTest, KeepsTheRulesInOrder) {
  Compile({{.name = "a"}, {.name = "b", .then = {.priority = 3}}});
  ASSERT_EQ(rules_.size(), 2u);
  EXPECT_EQ(rules_.rule(0).name, "a");
  EXPECT_EQ(rules_.rule(1).name, "b");
  EXPECT_EQ(rules_.rule(1).then.priority, 3);
}

TEST_F(RulesTest, MovedSetStillMatches) {
  Compile({{.name = "p", .when = {.text_pattern = "afval"}}});
  RuleSet moved = std::move(rules_);
  const Contact c = MakeContact("c1", Channel::kEmail, "AFVAL");
  const NormalizedContact n = NormalizedOf(c);
  EXPECT_EQ(moved.Match(RuleInput{.contact = c, .normalized = n}), 0);
}

TEST_F(RulesTest, PathologicalInputStaysLinear) {
  // Nested quantifiers that make a backtracking engine take exponential
  // time on a long run without the final "y". RE2 answers in one pass.
  Compile({{.name = "nested", .when = {.text_pattern = "(x+x+)+y"}},
           {.name = "alternation", .when = {.text_pattern = "^(a|aa)*b$"}}});
  const std::string xs(100 * 1024, 'x');
  EXPECT_EQ(MatchName(MakeContact("c1", Channel::kEmail, xs)), "");
  EXPECT_EQ(MatchName(MakeContact("c2", Channel::kEmail, xs + "y")), "nested");
  const std::string as = std::string(100 * 1024, 'a');
  EXPECT_EQ(MatchName(MakeContact("c3", Channel::kEmail, as + "b")),
            "alternation");
  EXPECT_EQ(MatchName(MakeContact("c4", Channel::kEmail, as + "c")), "");
}

TEST(RuleSetCompileTest, BadPatternNamesRuleAndError) {
  const absl::StatusOr<RuleSet> set = RuleSet::Compile(
      {{.name = "ok"}, {.name = "broken", .when = {.text_pattern = "(spoed"}}});
  EXPECT_THAT(
      set, StatusIs(absl::StatusCode::kInvalidArgument,
                    AllOf(HasSubstr("rule \"broken\""), HasSubstr("\"(spoed\""),
                          HasSubstr("missing )"))));
}

TEST(RuleSetCompileTest, PatternBeyondMemoryBudgetIsRefused) {
  const absl::StatusOr<RuleSet> set = RuleSet::Compile(
      {{.name = "huge",
        .when = {.text_pattern = R"(\pL{1000}\pL{1000}\pL{1000})"}}});
  EXPECT_THAT(
      set, StatusIs(absl::StatusCode::kInvalidArgument,
                    AllOf(HasSubstr("rule \"huge\""), HasSubstr("too large"))));
}

TEST(RuleSetCompileTest, EmptyName) {
  EXPECT_THAT(RuleSet::Compile({{.name = "a"}, {}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rule #2: empty name")));
}

TEST(RuleSetCompileTest, DuplicateName) {
  EXPECT_THAT(RuleSet::Compile({{.name = "a"}, {.name = "b"}, {.name = "a"}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rule \"a\": declared twice (#1 and #3)")));
}

}  // namespace
}  // namespace switchboard
