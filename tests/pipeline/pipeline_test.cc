// Copyright 2026 The Switchboard Authors.
//
// The pipeline on its own: the stages before routing, run by Prepare in a
// straight line, and a few stages by themselves.

#include "switchboard/pipeline/pipeline.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/clock.h"
#include "switchboard/core/generation.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/route/customer_history.h"
#include "switchboard/route/decider.h"

namespace switchboard::pipeline {
namespace {

using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::TestConfig;
using ::testing::HasSubstr;
using ::testing::Not;

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : clock_(kNow), history_(absl::Hours(24)) {
    context_ = {.clock = &clock_,
                .normalize = &normalize_,
                .customer_key = &key_,
                .history = &history_,
                .alternatives = 2};
  }

  std::shared_ptr<const core::Generation> Generation(EngineConfig config,
                                                     uint64_t number = 7) {
    absl::StatusOr<Decider> decider = Decider::Create(config);
    EXPECT_TRUE(decider.ok()) << decider.status();
    return core::Generation::Make(*std::move(decider), nullptr, nullptr,
                                  number, kNow);
  }

  FakeClock clock_;
  NormalizeOptions normalize_;
  SipHashKey key_{1, 2};
  CustomerHistory history_;
  PipelineContext context_;
};

TEST_F(PipelineTest, PrepareRunsEveryStageInOrder) {
  Contact contact = MakeContact("c1", Channel::kEmail,
                                "Mijn IBAN is NL91ABNA0417164300, ik wil bezwaar maken "
                                "tegen de aanslag");
  contact.customer_ref = "klant-1";
  history_.Add(CustomerPseudonym(key_, "klant-1"),
               {.contact_id = "c0", .received = kNow - absl::Hours(1)});
  absl::StatusOr<PreparedContact> p =
      Prepare(context_, Generation(TestConfig()), contact);
  ASSERT_TRUE(p.ok()) << p.status();
  // Intake: the clock's now (the contact named none) and the pseudonym.
  EXPECT_EQ(p->received, kNow);
  EXPECT_EQ(p->customer_key, CustomerPseudonym(key_, "klant-1"));
  // Masked before anything later read it.
  EXPECT_THAT(p->normalized.text, Not(HasSubstr("NL91ABNA0417164300")));
  EXPECT_THAT(p->normalized.text, HasSubstr("[IBAN]"));
  EXPECT_EQ(p->facts.personal_data[static_cast<int>(PersonalDataKind::kIban)], 1);
  EXPECT_EQ(p->facts.language, "nl");
  EXPECT_EQ(p->facts.type, ContactType::kObjection) << p->facts.type_source;
  ASSERT_EQ(p->facts.earlier.size(), 1u);
  EXPECT_EQ(p->facts.earlier[0].contact_id, "c0");
  // Decided by the generation it was given, without a model: triage.
  EXPECT_EQ(p->decision.generation, 7u);
  EXPECT_EQ(p->decision.queue, "triage");
  EXPECT_EQ(p->decision.contact_type, ContactType::kObjection);
  EXPECT_TRUE(p->decision.repeat_contact);
}

TEST_F(PipelineTest, MaskingIsLeftOutWhenTheConfigurationSaysSo) {
  EngineConfig config = TestConfig();
  config.mask_personal_data = false;
  const Contact contact =
      MakeContact("c1", Channel::kEmail, "Mijn IBAN is NL91ABNA0417164300");
  absl::StatusOr<PreparedContact> p =
      Prepare(context_, Generation(config), contact);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_THAT(p->normalized.text, HasSubstr("NL91ABNA0417164300"));
  EXPECT_EQ(p->facts.personal_data[static_cast<int>(PersonalDataKind::kIban)], 0);
}

TEST_F(PipelineTest, IntakeRefusesABadContactNamingTheField) {
  Contact contact = MakeContact("", Channel::kEmail, "hallo");
  absl::StatusOr<PreparedContact> p =
      Prepare(context_, Generation(TestConfig()), contact);
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("id"));
}

TEST_F(PipelineTest, TheChannelsLanguageHintWinsOnlyWhenDetectionIsUnsure) {
  PreparedContact p;
  Contact contact = MakeContact("c1", Channel::kChat, "12345 67890");
  contact.language_hint = "en";
  p.normalized.text = contact.body;
  LanguageStage(contact, &p);
  EXPECT_EQ(p.facts.language, "en");

  contact.body = "Goedemiddag, ik heb een vraag over het ophalen van het afval";
  p.normalized.text = contact.body;
  LanguageStage(contact, &p);
  EXPECT_EQ(p.facts.language, "nl");
}

TEST_F(PipelineTest, APseudonymIsNeverZeroAndNoneWithoutAReference) {
  EXPECT_EQ(CustomerPseudonym(key_, ""), 0u);
  EXPECT_NE(CustomerPseudonym(key_, "klant-1"), 0u);
  EXPECT_NE(CustomerPseudonym(key_, "klant-1"), CustomerPseudonym(key_, "klant-2"));
  EXPECT_NE(CustomerPseudonym(key_, "klant-1"), CustomerPseudonym({3, 4}, "klant-1"));
}

}  // namespace
}  // namespace switchboard::pipeline
