// Copyright 2026 The Switchboard Authors.

#include "convert/decision_convert.h"

#include <string>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

// Every field set, each to a value no other field has.
Decision FullDecision() {
  Decision d;
  d.contact_id = "c-42";
  d.action = DecisionAction::kTriage;
  d.department = "taxes";
  d.queue = "taxes-phone";
  d.priority = 7;
  d.required_skills = {{"taxes", 3}, {"dutch", 9}};
  d.label = "taxes";
  d.confidence = 0.625f;
  d.alternatives = {{"taxes", 0.625f}, {"parking", 0.25f}, {"waste", 0.125f}};
  d.sla_deadline = absl::FromUnixMillis(1'780'000'123'456);
  d.reason = "model: taxes 0.62 below 0.70";
  d.rule = "ivr-1";
  return d;
}

void ExpectSame(const Decision& a, const Decision& b) {
  EXPECT_EQ(a.contact_id, b.contact_id);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.department, b.department);
  EXPECT_EQ(a.queue, b.queue);
  EXPECT_EQ(a.priority, b.priority);
  ASSERT_EQ(a.required_skills.size(), b.required_skills.size());
  for (size_t i = 0; i < a.required_skills.size(); ++i) {
    EXPECT_EQ(a.required_skills[i].skill, b.required_skills[i].skill);
    EXPECT_EQ(a.required_skills[i].level, b.required_skills[i].level);
  }
  EXPECT_EQ(a.label, b.label);
  EXPECT_EQ(a.confidence, b.confidence);
  ASSERT_EQ(a.alternatives.size(), b.alternatives.size());
  for (size_t i = 0; i < a.alternatives.size(); ++i) {
    EXPECT_EQ(a.alternatives[i].label, b.alternatives[i].label);
    EXPECT_EQ(a.alternatives[i].probability, b.alternatives[i].probability);
  }
  EXPECT_EQ(a.sla_deadline, b.sla_deadline);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.rule, b.rule);
}

TEST(DecisionConvertTest, RoundTripKeepsEveryField) {
  const Decision d = FullDecision();
  const v1::Decision p = DecisionToProto(d);
  EXPECT_EQ(p.action(), v1::DECISION_ACTION_TRIAGE);
  EXPECT_EQ(p.sla_deadline().seconds(), 1'780'000'123);
  EXPECT_EQ(p.sla_deadline().nanos(), 456'000'000);
  absl::StatusOr<Decision> back = DecisionFromProto(p);
  ASSERT_THAT(back, IsOk());
  ExpectSame(d, *back);
}

TEST(DecisionConvertTest, RoundTripEveryAction) {
  for (DecisionAction a : {DecisionAction::kRoute, DecisionAction::kTriage,
                           DecisionAction::kSelfService}) {
    Decision d = FullDecision();
    d.action = a;
    absl::StatusOr<Decision> back = DecisionFromProto(DecisionToProto(d));
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(back->action, a) << DecisionActionName(a);
  }
}

TEST(DecisionConvertTest, NoSlaDeadlineIsUnsetOnTheWire) {
  Decision d = FullDecision();
  d.sla_deadline = absl::InfiniteFuture();
  const v1::Decision p = DecisionToProto(d);
  EXPECT_FALSE(p.has_sla_deadline());
  absl::StatusOr<Decision> back = DecisionFromProto(p);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->sla_deadline, absl::InfiniteFuture());
}

TEST(DecisionConvertTest, UnknownActionRefusedNamingTheField) {
  v1::Decision p = DecisionToProto(FullDecision());
  p.set_action(static_cast<v1::DecisionAction>(42));
  EXPECT_THAT(DecisionFromProto(p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("action"), HasSubstr("42"))));
  p.set_action(v1::DECISION_ACTION_UNSPECIFIED);
  EXPECT_THAT(DecisionFromProto(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("action")));
}

TEST(DecisionConvertTest, BadSlaDeadlineRefusedNamingTheField) {
  v1::Decision p = DecisionToProto(FullDecision());
  p.mutable_sla_deadline()->set_nanos(-1);
  EXPECT_THAT(DecisionFromProto(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("sla_deadline")));
}

TEST(DecisionConvertTest, SkillLevelZeroMeansOne) {
  v1::Decision p = DecisionToProto(FullDecision());
  p.mutable_required_skills(0)->set_level(0);
  absl::StatusOr<Decision> back = DecisionFromProto(p);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->required_skills[0].level, 1);
}

TEST(DecisionConvertTest, OutcomeRoundTrip) {
  for (Outcome o :
       {Outcome::kNeutral, Outcome::kFavourable, Outcome::kUnfavourable}) {
    absl::StatusOr<Outcome> back = OutcomeFromProto(OutcomeToProto(o), "x");
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(*back, o) << OutcomeName(o);
  }
}

TEST(DecisionConvertTest, UnspecifiedOutcomeIsNeutral) {
  absl::StatusOr<Outcome> o = OutcomeFromProto(v1::OUTCOME_UNSPECIFIED, "x");
  ASSERT_THAT(o, IsOk());
  EXPECT_EQ(*o, Outcome::kNeutral);
}

TEST(DecisionConvertTest, UnknownOutcomeRefusedNamingTheField) {
  EXPECT_THAT(OutcomeFromProto(9, "resolve.outcome"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("resolve.outcome"), HasSubstr("9"))));
  EXPECT_THAT(
      OutcomeFromProto(-1, "outcome"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("outcome")));
}

}  // namespace
}  // namespace switchboard
