// Copyright 2026 The Switchboard Authors.
//
// Scenario tests of the engine's citizen service (issue 7), driven as an
// embedder drives it: personal data masked before anything is kept, repeat
// contacts within the history window, the dissatisfaction risk and the
// call-back tasks it leads to, self-service with escalation to a person,
// and the statistics of all of it.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/clock.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/engine.h"
#include "switchboard/util/siphash.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TestConfig;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

EngineConfig CitizenConfig() {
  EngineConfig c = TestConfig();
  c.retention.customer_history = absl::Hours(24 * 7);
  c.self_service = {{.label = "waste",
                     .answer_by_language = {{"nl", "Kijk in de afvalkalender."},
                                            {"en", "See the waste calendar."}},
                     .min_confidence = 0.8f}};
  return c;
}

class CitizenServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(CitizenConfig()); }

  void Build(EngineConfig config) {
    EngineOptions options;
    options.config = std::move(config);
    options.clock = &clock_;
    options.customer_key = SipHashKey{1, 2};
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(options));
    ASSERT_THAT(engine, IsOk());
    engine_ = *std::move(engine);
    events_.clear();
    engine_->AddListener([this](const Event& e) { events_.push_back(e); });
  }

  // Submits `body` as labelled `label` by the embedder's model.
  absl::StatusOr<Decision> Submit(Contact c, absl::string_view label,
                                  float confidence = 0.9f) {
    if (c.received_at == absl::InfinitePast()) c.received_at = clock_.Now();
    const Prediction p = MakePrediction(label, confidence);
    return engine_->SubmitClassified(c, NormalizedOf(c), &p);
  }

  static Contact From(absl::string_view id, Channel channel,
                      absl::string_view body, absl::string_view customer) {
    Contact c = MakeContact(id, channel, body);
    c.customer_ref = std::string(customer);
    return c;
  }

  uint64_t Count(Counter c, std::optional<Channel> channel = std::nullopt) {
    StatsFilter f;
    f.channel = channel;
    return engine_->Stats(f).total.count(c);
  }

  std::vector<std::string> EventsOf(EventType type) const {
    std::vector<std::string> out;
    for (const Event& e : events_) {
      if (e.type == type) out.push_back(e.contact_id + ":" + e.detail);
    }
    return out;
  }

  FakeClock clock_;
  std::unique_ptr<Engine> engine_;
  std::vector<Event> events_;
};

TEST_F(CitizenServiceTest, PersonalDataIsMaskedBeforeItIsKept) {
  // 111222333 passes the BSN 11-check; NL91ABNA0417164300 is a valid IBAN.
  const Contact c = From(
      "p1", Channel::kEmail,
      "Mijn BSN is 111222333 en mijn rekening NL91ABNA0417164300. Mail mij "
      "op jan.jansen@example.nl of bel 06-12345678.",
      "");
  absl::StatusOr<Decision> d = Submit(c, "taxes");
  ASSERT_THAT(d, IsOk());
  const auto& pd = d->personal_data;
  EXPECT_EQ(pd[static_cast<int>(PersonalDataKind::kBsn)], 1);
  EXPECT_EQ(pd[static_cast<int>(PersonalDataKind::kIban)], 1);
  EXPECT_EQ(pd[static_cast<int>(PersonalDataKind::kEmail)], 1);
  EXPECT_EQ(pd[static_cast<int>(PersonalDataKind::kPhone)], 1);

  absl::StatusOr<ContactView> v = engine_->GetContact("p1");
  ASSERT_THAT(v, IsOk());
  EXPECT_THAT(v->text, HasSubstr("[BSN]"));
  EXPECT_THAT(v->text, HasSubstr("[IBAN]"));
  EXPECT_THAT(v->text, HasSubstr("[EMAIL]"));
  for (const char* value : {"111222333", "NL91ABNA0417164300",
                            "jan.jansen@example.nl", "12345678"}) {
    EXPECT_THAT(v->text, Not(HasSubstr(value))) << value;
    for (const Event& e : events_) {
      EXPECT_THAT(e.detail, Not(HasSubstr(value))) << value;
    }
  }
  // Counted by kind, never the values.
  EXPECT_EQ(Count(Counter::kPersonalDataBsn), 1u);
  EXPECT_EQ(Count(Counter::kPersonalDataIban), 1u);
  EXPECT_EQ(Count(Counter::kPersonalDataEmail), 1u);
  EXPECT_EQ(Count(Counter::kPersonalDataPhone), 1u);
  EXPECT_EQ(Count(Counter::kPersonalDataPostcode), 0u);

  // An invalid check digit is not personal data of that kind.
  ASSERT_THAT(Submit(From("p2", Channel::kEmail,
                          "Klantnummer 123456789 en NL91ABNA0417164301", ""),
                     "taxes"),
              IsOk());
  EXPECT_EQ(Count(Counter::kPersonalDataBsn), 1u);
  EXPECT_EQ(Count(Counter::kPersonalDataIban), 1u);
}

TEST_F(CitizenServiceTest, MaskingCanBeTurnedOff) {
  EngineConfig config = CitizenConfig();
  config.mask_personal_data = false;
  Build(config);
  ASSERT_THAT(Submit(From("p1", Channel::kEmail, "BSN 111222333", ""), "taxes"),
              IsOk());
  EXPECT_THAT(engine_->GetContact("p1")->text, HasSubstr("111222333"));
  EXPECT_EQ(Count(Counter::kPersonalDataBsn), 0u);
}

TEST_F(CitizenServiceTest, RepeatContactsWithinTheWindowAreLinked) {
  ASSERT_THAT(Submit(From("r1", Channel::kEmail, "Vraag over mijn aanslag",
                          "K-1001"),
                     "taxes"),
              IsOk());
  clock_.Advance(absl::Hours(48));
  absl::StatusOr<Decision> r2 = Submit(
      From("r2", Channel::kEmail, "Nog steeds geen antwoord", "K-1001"),
      "taxes");
  ASSERT_THAT(r2, IsOk());
  EXPECT_TRUE(r2->repeat_contact);
  EXPECT_THAT(r2->earlier_contacts, ElementsAre("r1"));
  EXPECT_EQ(r2->same_matter, 1);
  EXPECT_EQ(r2->priority, 5);
  // Another customer is not a repeat.
  absl::StatusOr<Decision> other = Submit(
      From("o1", Channel::kEmail, "Vraag over mijn aanslag", "K-2002"),
      "taxes");
  ASSERT_THAT(other, IsOk());
  EXPECT_FALSE(other->repeat_contact);
  EXPECT_EQ(other->priority, 0);

  // Six days later r1 (8 days old) has left the 7-day window; r2 has not.
  clock_.Advance(absl::Hours(24 * 6));
  absl::StatusOr<Decision> r3 = Submit(
      From("r3", Channel::kLetter, "Derde keer", "K-1001"), "parking");
  ASSERT_THAT(r3, IsOk());
  EXPECT_THAT(r3->earlier_contacts, ElementsAre("r2"));
  EXPECT_EQ(r3->same_matter, 0);  // r2 was about taxes, r3 parking.
  clock_.Advance(absl::Hours(24 * 8));
  absl::StatusOr<Decision> r4 = Submit(
      From("r4", Channel::kEmail, "Weer een vraag", "K-1001"), "taxes");
  ASSERT_THAT(r4, IsOk());
  EXPECT_FALSE(r4->repeat_contact);
  EXPECT_EQ(Count(Counter::kRepeatContact), 2u);
}

TEST_F(CitizenServiceTest, ARepeatedComplaintByLetterGetsACallBackTask) {
  ASSERT_THAT(Submit(From("k1", Channel::kEmail,
                          "Ik heb een klacht over de behandeling aan de balie.",
                          "K-1001"),
                     "taxes"),
              IsOk());
  clock_.Advance(absl::Hours(24));
  absl::StatusOr<Decision> k2 =
      Submit(From("k2", Channel::kLetter,
                  "Ik dien opnieuw een klacht in: ik ben nog steeds niet "
                  "geholpen.",
                  "K-1001"),
             "taxes");
  ASSERT_THAT(k2, IsOk());
  EXPECT_EQ(k2->contact_type, ContactType::kComplaint);
  EXPECT_THAT(k2->contact_type_source, HasSubstr("cue"));
  // complaint 0.35 + letter 0.2 + one earlier contact on the matter 0.15.
  EXPECT_FLOAT_EQ(k2->risk, 0.7f);
  EXPECT_TRUE(k2->call_back.recommended);
  ASSERT_TRUE(k2->call_back.scheduled);
  EXPECT_EQ(k2->call_back.task_id, "k2/call-back");
  EXPECT_EQ(k2->call_back.queue, "taxes-phone");

  absl::StatusOr<ContactView> task = engine_->GetContact("k2/call-back");
  ASSERT_THAT(task, IsOk());
  EXPECT_EQ(task->channel, Channel::kPhone);
  EXPECT_EQ(task->queue, "taxes-phone");
  EXPECT_EQ(task->state, ContactState::kWaiting);
  EXPECT_EQ(task->call_back_for, "k2");
  EXPECT_EQ(task->sla_deadline, clock_.Now() + absl::Hours(24));
  EXPECT_THAT(task->text, HasSubstr("dissatisfaction risk 0.70"));
  EXPECT_EQ(engine_->GetContact("k2")->call_back_task, "k2/call-back");
  EXPECT_THAT(EventsOf(EventType::kCallBackScheduled),
              ElementsAre("k2:k2/call-back"));
  EXPECT_EQ(Count(Counter::kHighRisk), 1u);
  EXPECT_EQ(Count(Counter::kCallBackScheduled, Channel::kLetter), 1u);
  EXPECT_EQ(Count(Counter::kTypeComplaint), 2u);

  // The task is work like any other: an agent with the skills gets it.
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  EXPECT_EQ(engine_->GetContact("k2/call-back")->state,
            ContactState::kOffered);
}

TEST_F(CitizenServiceTest, AnUnfavourableOutcomeGetsACallBackUnlessRefused) {
  ASSERT_THAT(Submit(From("u1", Channel::kEmail, "Mijn aanvraag", ""), "parking"),
              IsOk());
  Contact wants_email = From("u2", Channel::kEmail, "Mijn aanvraag", "");
  wants_email.preferred_reply_channel = Channel::kEmail;
  ASSERT_THAT(Submit(wants_email, "parking"), IsOk());
  ASSERT_THAT(engine_->SetPresence("bram", Presence::kAvailable), IsOk());
  for (const char* id : {"u1", "u2"}) {
    ASSERT_THAT(engine_->Accept(id, "bram"), IsOk()) << id;
    ASSERT_THAT(engine_->Resolve(id, Outcome::kUnfavourable), IsOk()) << id;
  }
  EXPECT_EQ(engine_->GetContact("u1")->call_back_task, "u1/call-back");
  EXPECT_EQ(engine_->GetContact("u1/call-back")->queue, "parking-phone");
  // The citizen asked for e-mail: recommended (counted), not scheduled.
  EXPECT_THAT(engine_->GetContact("u2")->call_back_task, IsEmpty());
  EXPECT_THAT(engine_->GetContact("u2/call-back"),
              StatusIs(absl::StatusCode::kNotFound, testing::_));
  EXPECT_EQ(Count(Counter::kCallBackRecommended), 2u);
  EXPECT_EQ(Count(Counter::kCallBackScheduled), 1u);
  // Resolving the call-back itself unfavourably makes no call-back of it.
  ASSERT_THAT(engine_->Accept("u1/call-back", "bram"), IsOk());
  ASSERT_THAT(engine_->Resolve("u1/call-back", Outcome::kUnfavourable), IsOk());
  EXPECT_EQ(Count(Counter::kCallBackScheduled), 1u);
}

TEST_F(CitizenServiceTest, AnEarlierUnfavourableOutcomeRaisesTheRisk) {
  ASSERT_THAT(Submit(From("a1", Channel::kPhone, "Mijn aanvraag", "K-7"),
                     "parking"),
              IsOk());
  ASSERT_THAT(engine_->SetPresence("bram", Presence::kAvailable), IsOk());
  ASSERT_THAT(engine_->Accept("a1", "bram"), IsOk());
  ASSERT_THAT(engine_->Resolve("a1", Outcome::kUnfavourable), IsOk());
  clock_.Advance(absl::Hours(1));
  absl::StatusOr<Decision> a2 =
      Submit(From("a2", Channel::kEmail, "Waarom is het afgewezen?", "K-7"),
             "parking");
  ASSERT_THAT(a2, IsOk());
  EXPECT_THAT(a2->risk_reasons,
              Contains("an earlier outcome against the citizen"));
}

TEST_F(CitizenServiceTest, SelfServiceThenAskingForAPersonKeepsTheAge) {
  absl::StatusOr<Decision> d = Submit(
      From("s1", Channel::kChat, "Wanneer wordt het afval opgehaald?", ""),
      "waste", 0.93f);
  ASSERT_THAT(d, IsOk());
  ASSERT_EQ(d->action, DecisionAction::kSelfService);
  EXPECT_EQ(d->answer, "Kijk in de afvalkalender.");
  EXPECT_EQ(engine_->GetContact("s1")->state, ContactState::kSelfServed);
  EXPECT_THAT(EventsOf(EventType::kSelfServed), ElementsAre("s1:nl"));
  // Not queued: nobody waits for it.
  for (const QueueStats& q : engine_->Stats({}).queues) {
    EXPECT_EQ(q.waiting, 0u) << q.queue;
  }
  ASSERT_THAT(Submit(From("s2", Channel::kChat,
                          "Wanneer wordt het afval opgehaald?", ""),
                     "waste", 0.95f),
              IsOk());
  ASSERT_THAT(Submit(From("s3", Channel::kEmail, "Mijn container is kapot", ""),
                     "waste"),
              IsOk());  // Email: routed to a person.
  StatsSnapshot s = engine_->Stats({});
  EXPECT_EQ(s.total.count(Counter::kSelfServed), 2u);
  EXPECT_DOUBLE_EQ(s.total.deflection_rate(), 2.0 / 3.0);

  // Five minutes later the citizen still wants a person.
  clock_.Advance(absl::Minutes(5));
  ASSERT_THAT(engine_->AskForPerson("s1"), IsOk());
  absl::StatusOr<ContactView> v = engine_->GetContact("s1");
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(v->state, ContactState::kWaiting);
  EXPECT_EQ(v->queue, "waste");
  s = engine_->Stats({});
  for (const QueueStats& q : s.queues) {
    if (q.queue == "waste") {
      // s3 queued 5 minutes ago, s1 arrived 5 minutes ago: both that old.
      EXPECT_EQ(q.waiting, 2u);
      EXPECT_EQ(q.oldest_wait, absl::Minutes(5));
    }
  }
  EXPECT_EQ(s.total.count(Counter::kSelfServiceEscalated), 1u);
  EXPECT_DOUBLE_EQ(s.total.self_service_escalation_rate(), 0.5);
  EXPECT_THAT(EventsOf(EventType::kAskedForPerson), ElementsAre("s1:"));
  // It counts its wait from its arrival.
  ASSERT_THAT(engine_->SetPresence("bram", Presence::kAvailable), IsOk());
  ASSERT_THAT(engine_->Accept("s1", "bram"), IsOk());
  EXPECT_EQ(engine_->Stats({}).total.of(Metric::kWait).max, absl::Minutes(5));

  // Only a self-served contact can ask for a person, once.
  EXPECT_THAT(engine_->AskForPerson("s1"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("not self-served")));
  EXPECT_THAT(engine_->AskForPerson("s3"),
              StatusIs(absl::StatusCode::kFailedPrecondition, testing::_));
  EXPECT_THAT(engine_->AskForPerson("nobody"),
              StatusIs(absl::StatusCode::kNotFound, testing::_));
}

TEST_F(CitizenServiceTest, TheCustomerKeyMakesThePseudonym) {
  // Two engines with different keys see the same reference as different
  // pseudonyms; within one engine it is the same customer.
  ASSERT_THAT(Submit(From("x1", Channel::kEmail, "Vraag", "K-9"), "taxes"),
              IsOk());
  absl::StatusOr<Decision> again =
      Submit(From("x2", Channel::kEmail, "Vraag", "K-9"), "taxes");
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->repeat_contact);
  EXPECT_NE(SipHash24(SipHashKey{1, 2}, "K-9"),
            SipHash24(SipHashKey{1, 3}, "K-9"));
}

TEST_F(CitizenServiceTest, TypeAndLanguageAreCounted) {
  ASSERT_THAT(Submit(From("t1", Channel::kEmail,
                          "Ik maak bezwaar tegen de aanslag van dit jaar.", ""),
                     "taxes"),
              IsOk());
  ASSERT_THAT(Submit(From("t2", Channel::kEmail,
                          "Thank you for the quick help with my parking "
                          "permit, great service!",
                          ""),
                     "parking"),
              IsOk());
  EXPECT_EQ(Count(Counter::kTypeObjection), 1u);
  EXPECT_EQ(Count(Counter::kTypeCompliment), 1u);
  EXPECT_EQ(Count(Counter::kLanguageDutch), 1u);
  EXPECT_EQ(Count(Counter::kLanguageEnglish), 1u);
  EXPECT_EQ(engine_->GetContact("t1")->decision.language, "nl");
}

}  // namespace
}  // namespace switchboard
