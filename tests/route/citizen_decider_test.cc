// Copyright 2026 The Switchboard Authors.
//
// The decider's citizen-service part (issue 7): contact type and language
// in the decision, the reply channel, repeat contacts, the dissatisfaction
// risk and the call-back it recommends, language skills, and when a
// self-service answer is given instead of a queue.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/route/decider.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::TestConfig;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::FloatEq;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

// A configuration with a self-service answer for simple waste questions
// about the collection day, and language skills.
EngineConfig CitizenConfig() {
  EngineConfig c = TestConfig();
  c.self_service = {{.label = "waste",
                     .answer_by_language = {{"nl", "De ophaaldag staat in de "
                                                   "afvalkalender."},
                                            {"en", "See the waste calendar."}},
                     .min_confidence = 0.8f,
                     .text_pattern = "ophaaldag|collection day|opgehaald"}};
  c.languages = {{.language = "nl", .skill = "dutch", .level = 2},
                 {.language = "en", .skill = "english", .level = 3}};
  return c;
}

class CitizenDeciderTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(CitizenConfig()); }

  void Build(const EngineConfig& config) {
    absl::StatusOr<Decider> d = Decider::Create(config);
    ASSERT_THAT(d, IsOk());
    decider_.emplace(*std::move(d));
  }

  Decision Decide(const Contact& contact, const Prediction* prediction,
                  const ContactFacts& facts) const {
    return decider_->Decide(contact, NormalizedOf(contact), prediction, facts,
                            kNow);
  }

  static ContactFacts Facts(ContactType type, std::string language = "nl") {
    ContactFacts f;
    f.type = type;
    f.type_source = "test";
    f.language = std::move(language);
    return f;
  }

  static EarlierContact Earlier(std::string id, std::string department,
                                std::optional<Outcome> outcome = {}) {
    return {.contact_id = std::move(id),
            .received = kNow - absl::Hours(24),
            .department = std::move(department),
            .outcome = outcome};
  }

  std::optional<Decider> decider_;
};

TEST_F(CitizenDeciderTest, DecisionCarriesTypeLanguageAndReplyChannel) {
  Contact c = MakeContact("c1", Channel::kEmail, "Wanneer is de aanslag?");
  const Prediction p = MakePrediction("taxes", 0.9f);
  Decision d = Decide(c, &p, Facts(ContactType::kQuestion));
  EXPECT_EQ(d.contact_type, ContactType::kQuestion);
  EXPECT_EQ(d.contact_type_source, "test");
  EXPECT_EQ(d.language, "nl");
  EXPECT_EQ(d.reply_channel, Channel::kEmail);
  EXPECT_FALSE(d.reply_channel_chosen);

  c.preferred_reply_channel = Channel::kPhone;
  d = Decide(c, &p, Facts(ContactType::kQuestion));
  EXPECT_EQ(d.reply_channel, Channel::kPhone);
  EXPECT_TRUE(d.reply_channel_chosen);
  // The contact still waits in the queue of the channel it came in on.
  EXPECT_EQ(d.queue, "taxes-written");
}

TEST_F(CitizenDeciderTest, LanguageAddsItsSkill) {
  const Contact c = MakeContact("c1", Channel::kEmail, "my tax bill");
  const Prediction p = MakePrediction("taxes", 0.9f);
  EXPECT_THAT(Decide(c, &p, Facts(ContactType::kQuestion, "en"))
                  .required_skills,
              Contains(testing::AllOf(
                  testing::Field(&SkillLevel::skill, "english"),
                  testing::Field(&SkillLevel::level, 3))));
  // A language the configuration lists no skill for adds none.
  EXPECT_THAT(Decide(c, &p, Facts(ContactType::kQuestion, "de"))
                  .required_skills,
              ElementsAre(testing::Field(&SkillLevel::skill, "taxes")));
}

TEST_F(CitizenDeciderTest, RepeatContactIsFlaggedLinkedAndRaised) {
  const Contact c = MakeContact("c3", Channel::kEmail, "nog steeds niets");
  const Prediction p = MakePrediction("taxes", 0.9f);
  ContactFacts f = Facts(ContactType::kQuestion);
  f.earlier = {Earlier("c2", "taxes"), Earlier("c1", "parking")};
  const Decision d = Decide(c, &p, f);
  EXPECT_TRUE(d.repeat_contact);
  EXPECT_THAT(d.earlier_contacts, ElementsAre("c2", "c1"));
  EXPECT_EQ(d.same_matter, 1);  // c2 went to taxes too; c1 did not.
  EXPECT_EQ(d.priority, 5);     // Default 0 + the repeat boost 5.
  EXPECT_THAT(d.reason, HasSubstr("repeat contact (2 earlier, 1 on the same "
                                  "matter): priority +5"));

  const Decision first = Decide(c, &p, Facts(ContactType::kQuestion));
  EXPECT_FALSE(first.repeat_contact);
  EXPECT_THAT(first.earlier_contacts, IsEmpty());
  EXPECT_EQ(first.priority, 0);
}

TEST_F(CitizenDeciderTest, ContinuingAnEarlierContactIsTheSameMatter) {
  Contact c = MakeContact("c3", Channel::kEmail, "zie mijn vorige mail");
  c.previous_contact_id = "c1";
  const Prediction p = MakePrediction("taxes", 0.9f);
  ContactFacts f = Facts(ContactType::kQuestion);
  f.earlier = {Earlier("c1", "triage")};
  Decision d = Decide(c, &p, f);
  EXPECT_EQ(d.same_matter, 1);  // Another department, but it continues c1.
  // A previous contact the history no longer holds still counts.
  d = Decide(c, &p, Facts(ContactType::kQuestion));
  EXPECT_TRUE(d.repeat_contact);
  EXPECT_EQ(d.same_matter, 1);
}

TEST_F(CitizenDeciderTest, RiskAddsTheFactorsPresent) {
  const Prediction p = MakePrediction("taxes", 0.9f);
  // A question by phone: no factor.
  Decision d = Decide(MakeContact("q", Channel::kPhone, "vraag"), &p,
                      Facts(ContactType::kQuestion));
  EXPECT_THAT(d.risk, FloatEq(0.0f));
  EXPECT_THAT(d.risk_reasons, IsEmpty());
  EXPECT_FALSE(d.call_back.recommended);

  // A complaint by letter: 0.35 + 0.2, below the call-back threshold 0.6.
  d = Decide(MakeContact("k", Channel::kLetter, "klacht"), &p,
             Facts(ContactType::kComplaint));
  EXPECT_THAT(d.risk, FloatEq(0.55f));
  EXPECT_THAT(d.risk_reasons,
              ElementsAre("complaint", "written channel (letter)"));
  EXPECT_FALSE(d.call_back.recommended);
}

TEST_F(CitizenDeciderTest, HighRiskRecommendsACallBackInThePhoneQueue) {
  const Contact c = MakeContact("k2", Channel::kLetter, "alweer een klacht");
  const Prediction p = MakePrediction("taxes", 0.9f);
  ContactFacts f = Facts(ContactType::kComplaint);
  f.earlier = {Earlier("k1", "taxes", Outcome::kUnfavourable)};
  Decider::Index index;
  const Decision d =
      decider_->Decide(c, NormalizedOf(c), &p, f, kNow, &index);
  // 0.35 complaint + 0.2 letter + 0.15 one earlier on the matter + 0.3
  // earlier unfavourable outcome = 1.0.
  EXPECT_THAT(d.risk, FloatEq(1.0f));
  EXPECT_THAT(d.risk_reasons,
              ElementsAre("complaint", "written channel (letter)",
                          "1 earlier contact on the same matter",
                          "an earlier outcome against the citizen"));
  EXPECT_TRUE(d.call_back.recommended);
  EXPECT_TRUE(d.call_back.scheduled);
  EXPECT_EQ(d.call_back.queue, "taxes-phone");
  EXPECT_EQ(index.call_back_queue, 0);  // taxes-phone
  EXPECT_THAT(d.call_back.reason, HasSubstr("dissatisfaction risk 1.00"));
  // The letter itself is still answered in its own channel's queue.
  EXPECT_EQ(d.queue, "taxes-written");
}

TEST_F(CitizenDeciderTest, CallBackIsNotForcedOnTheCitizen) {
  const Prediction p = MakePrediction("taxes", 0.9f);
  ContactFacts f = Facts(ContactType::kComplaint);
  f.earlier = {Earlier("k1", "taxes")};  // 0.35 + 0.2 + 0.15 = 0.7.

  Contact email_please = MakeContact("k2", Channel::kEmail, "klacht");
  email_please.preferred_reply_channel = Channel::kEmail;
  Decision d = Decide(email_please, &p, f);
  EXPECT_TRUE(d.call_back.recommended);
  EXPECT_FALSE(d.call_back.scheduled);
  EXPECT_THAT(d.call_back.reason,
              HasSubstr("not scheduled: the citizen asked for email replies"));

  Contact phone_please = email_please;
  phone_please.preferred_reply_channel = Channel::kPhone;
  EXPECT_TRUE(Decide(phone_please, &p, f).call_back.scheduled);

  // On the phone already: the agent speaks with the citizen now.
  ContactFacts on_phone = Facts(ContactType::kComplaint);
  on_phone.earlier = {Earlier("k1", "taxes"), Earlier("k0", "taxes")};
  d = Decide(MakeContact("k3", Channel::kPhone, "klacht"), &p, on_phone);
  EXPECT_TRUE(d.call_back.recommended);  // 0.35 + 0.3 = 0.65.
  EXPECT_FALSE(d.call_back.scheduled);
  EXPECT_THAT(d.call_back.reason, HasSubstr("on the phone already"));

  EngineConfig off = CitizenConfig();
  off.call_back.enabled = false;
  Build(off);
  d = Decide(MakeContact("k4", Channel::kEmail, "klacht"), &p, f);
  EXPECT_TRUE(d.call_back.recommended);
  EXPECT_FALSE(d.call_back.scheduled);
  EXPECT_THAT(d.call_back.reason, HasSubstr("call-backs are disabled"));
}

TEST_F(CitizenDeciderTest, SimpleQuestionIsAnsweredBySelfService) {
  const Contact c =
      MakeContact("s1", Channel::kChat, "Wanneer is de ophaaldag in mijn straat?");
  const Prediction p = MakePrediction("waste", 0.92f);
  const Decision d = Decide(c, &p, Facts(ContactType::kQuestion));
  EXPECT_EQ(d.action, DecisionAction::kSelfService);
  EXPECT_EQ(d.answer, "De ophaaldag staat in de afvalkalender.");
  EXPECT_EQ(d.answer_language, "nl");
  // Where it goes if the citizen asks for a person.
  EXPECT_EQ(d.department, "waste");
  EXPECT_EQ(d.queue, "waste");
  EXPECT_THAT(d.reason, HasSubstr("self-service answer for \"waste\" (nl)"));

  const Decision en = Decide(
      MakeContact("s2", Channel::kChat, "what is the collection day?"), &p,
      Facts(ContactType::kQuestion, "en"));
  EXPECT_EQ(en.action, DecisionAction::kSelfService);
  EXPECT_EQ(en.answer, "See the waste calendar.");
}

TEST_F(CitizenDeciderTest, SelfServiceOnlyWhenEveryConditionHolds) {
  const Prediction sure = MakePrediction("waste", 0.92f);
  const Contact chat =
      MakeContact("s", Channel::kChat, "Wanneer is de ophaaldag?");
  struct Case {
    std::string name;
    Contact contact;
    Prediction prediction;
    ContactFacts facts;
  };
  Contact email = chat;
  email.channel = Channel::kEmail;
  Contact wants_phone = chat;
  wants_phone.preferred_reply_channel = Channel::kPhone;
  Contact other_text = chat;
  other_text.body = "Mijn container is kapot";
  ContactFacts repeat = Facts(ContactType::kQuestion);
  repeat.earlier = {Earlier("s0", "waste")};
  const std::vector<Case> cases = {
      {"not sure enough", chat, MakePrediction("waste", 0.7f),
       Facts(ContactType::kQuestion)},
      {"another label", chat, MakePrediction("parking", 0.95f),
       Facts(ContactType::kQuestion)},
      {"email is not a self-service channel", email, sure,
       Facts(ContactType::kQuestion)},
      {"the citizen wants a phone reply", wants_phone, sure,
       Facts(ContactType::kQuestion)},
      {"text pattern does not match", other_text, sure,
       Facts(ContactType::kQuestion)},
      {"a complaint", chat, sure, Facts(ContactType::kComplaint)},
      {"a request", chat, sure, Facts(ContactType::kRequest)},
      {"asked before on the same matter", chat, sure, repeat},
      {"no answer in German and no fallback language", chat, sure,
       Facts(ContactType::kQuestion, "de")},
  };
  EngineConfig no_fallback = CitizenConfig();
  no_fallback.languages.clear();
  for (const Case& k : cases) {
    if (k.name.find("German") != std::string::npos) Build(no_fallback);
    const Decision d = Decide(k.contact, &k.prediction, k.facts);
    EXPECT_NE(d.action, DecisionAction::kSelfService) << k.name;
    EXPECT_THAT(d.answer, IsEmpty()) << k.name;
  }
  // With a fallback language (the first of `languages`), German gets Dutch.
  Build(CitizenConfig());
  const Decision de = Decide(chat, &sure, Facts(ContactType::kQuestion, "de"));
  EXPECT_EQ(de.action, DecisionAction::kSelfService);
  EXPECT_EQ(de.answer_language, "nl");
}

TEST_F(CitizenDeciderTest, RulesThatRouteWinOverSelfService) {
  Contact c = MakeContact("s", Channel::kChat, "Wanneer is de ophaaldag?");
  c.attributes["route"] = "manual";  // manual-triage
  const Prediction p = MakePrediction("waste", 0.95f);
  EXPECT_EQ(Decide(c, &p, Facts(ContactType::kQuestion)).action,
            DecisionAction::kTriage);
  // A rule that only sets a priority leaves the model, and self-service,
  // to decide.
  c.attributes = {{"vip", "true"}};
  EXPECT_EQ(Decide(c, &p, Facts(ContactType::kQuestion)).action,
            DecisionAction::kSelfService);
}

TEST(CitizenConfigTest, ValidationNamesTheProblem) {
  struct Case {
    std::string name;
    std::function<void(EngineConfig&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"risk weight", [](EngineConfig& c) { c.risk.complaint = 1.5f; },
       "risk.complaint 1.5 outside [0, 1]"},
      {"call-back threshold",
       [](EngineConfig& c) { c.risk.call_back_at = -0.1f; },
       "risk.call_back_at -0.1 outside [0, 1]"},
      {"type confidence",
       [](EngineConfig& c) { c.contact_type.min_confidence = 2; },
       "contact_type.min_confidence 2 outside [0, 1]"},
      {"negative boost",
       [](EngineConfig& c) { c.repeat_contact.priority_boost = -1; },
       "must not be negative"},
      {"history window",
       [](EngineConfig& c) { c.retention.customer_history = absl::ZeroDuration(); },
       "retention.customer_history 0 must be positive"},
      {"call-back sla",
       [](EngineConfig& c) { c.call_back.sla = absl::Seconds(-1); },
       "call_back.sla -1s must be positive"},
      {"language skill",
       [](EngineConfig& c) { c.languages = {{"nl", "dutchh", 1}}; },
       "language \"nl\": unknown skill \"dutchh\""},
      {"language twice",
       [](EngineConfig& c) { c.languages = {{"nl", "dutch", 1}, {"nl", "dutch", 2}}; },
       "language \"nl\": listed twice"},
      {"self-service without text",
       [](EngineConfig& c) { c.self_service[0].answer_by_language.clear(); },
       "self-service answer \"waste\": no answer text"},
      {"self-service empty text",
       [](EngineConfig& c) { c.self_service[0].answer_by_language["de"] = ""; },
       "self-service answer \"waste\": answer_by_language has an empty text "
       "for \"de\""},
      {"self-service bad pattern",
       [](EngineConfig& c) { c.self_service[0].text_pattern = "(ophaal"; },
       "self-service answer \"waste\": text_pattern: missing )"},
  };
  for (const Case& k : cases) {
    EngineConfig config = CitizenConfig();
    k.change(config);
    const absl::Status s = ValidateConfig(config);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << k.name;
    EXPECT_THAT(std::string(s.message()), HasSubstr(k.message)) << k.name;
  }
  EXPECT_THAT(ValidateConfig(CitizenConfig()), IsOk());
}

}  // namespace
}  // namespace switchboard
