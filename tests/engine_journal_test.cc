// Copyright 2026 The Switchboard Authors.
//
// The engine with its journal: a restarted engine that replays the journal
// holds the same contacts, queues, offers, agents and statistics as the one
// that wrote it; a contact submitted again gets its first decision back and
// no second record; text past its retention is purged while the routing
// and timing records stay.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "engine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/journal_testing.h"
#include "route/route_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/engine.h"
#include "switchboard/journal/record.h"
#include "switchboard/journal/journal.h"
#include "switchboard/util/siphash.h"

// Designated initializers leave the fields they do not name at their
// defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace switchboard {
namespace {

using ::switchboard::test_util::FreshDir;
using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TempPath;
using ::switchboard::test_util::TestConfig;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// One engine with its journal, as a process would own them.
struct Running {
  std::unique_ptr<journal::Journal> journal;
  std::unique_ptr<Engine> engine;
  journal::ReadReport read;
  int replay_errors = 0;
};

class EngineJournalTest : public ::testing::Test {
 protected:
  // Starts an engine on `dir_`'s journal, replaying what is there.
  Running Start(EngineConfig config = TestConfig()) {
    Running r;
    journal::JournalOptions jo;
    jo.dir = dir_;
    jo.clock = &clock_;
    r.journal = std::make_unique<journal::Journal>(jo);
    EngineOptions eo;
    eo.config = std::move(config);
    eo.clock = &clock_;
    eo.journal = r.journal.get();
    eo.customer_key = SipHashKey{7, 8};  // Kept across restarts.
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(eo));
    EXPECT_THAT(engine.status(), IsOk());
    r.engine = *std::move(engine);
    absl::StatusOr<journal::ReadReport> read =
        r.journal->Open([&](const journal::Record& rec) {
          if (!r.engine->Replay(rec).ok()) ++r.replay_errors;
          return absl::OkStatus();
        });
    EXPECT_THAT(read.status(), IsOk());
    if (read.ok()) r.read = *read;
    return r;
  }

  absl::StatusOr<Decision> Labelled(Engine& e, absl::string_view id,
                                    Channel channel, absl::string_view label,
                                    absl::string_view text = "") {
    const Contact c = MakeContact(
        id, channel, text.empty() ? absl::StrCat("text of ", id) : text);
    const Prediction p = MakePrediction(label, 0.9f);
    return e.SubmitClassified(c, NormalizedOf(c), &p);
  }

  std::string Dump(Engine& e, const std::vector<std::string>& ids) {
    return test_util::DumpEngine(e, ids);
  }

  std::string dir_ = FreshDir(TempPath("journal"));
  FakeClock clock_;
};

TEST_F(EngineJournalTest, ARestartedEngineHoldsWhatTheFirstHeld) {
  const std::vector<std::string> ids = {"t-1", "t-2", "p-1", "w-1",
                                        "w-2", "c-1", "x-1"};
  std::string before;
  {
    Running a = Start();
    Engine& e = *a.engine;
    ASSERT_THAT(Labelled(e, "t-1", Channel::kPhone, "taxes"), IsOk());
    ASSERT_THAT(Labelled(e, "t-2", Channel::kEmail, "taxes"), IsOk());
    clock_.Advance(absl::Seconds(5));
    ASSERT_THAT(Labelled(e, "p-1", Channel::kChat, "parking"), IsOk());
    ASSERT_THAT(Labelled(e, "w-1", Channel::kEmail, "waste"), IsOk());
    ASSERT_THAT(Labelled(e, "w-2", Channel::kLetter, "waste"), IsOk());
    ASSERT_THAT(Labelled(e, "c-1", Channel::kEmail, "complaints"), IsOk());
    // Agents: bram takes waste work; anna's offer times out; a new agent.
    ASSERT_THAT(e.SetPresence("bram", Presence::kAvailable), IsOk());
    ASSERT_THAT(e.Accept("w-1", "bram"), IsOk());
    clock_.Advance(absl::Seconds(40));
    ASSERT_THAT(e.FirstResponse("w-1"), IsOk());
    ASSERT_THAT(e.Resolve("w-1", Outcome::kUnfavourable), IsOk());
    ASSERT_THAT(e.RecordSatisfaction("w-1", 3), IsOk());
    ASSERT_THAT(e.SetPresence("anna", Presence::kAvailable), IsOk());
    clock_.Advance(absl::Seconds(25));  // Past the 20 s offer timeout.
    e.Tick();
    ASSERT_THAT(e.Transfer("c-1", "taxes", "about a tax bill"), IsOk());
    ASSERT_THAT(e.Abandon("p-1"), IsOk());
    AgentConfig erik;
    erik.id = "erik";
    erik.name = "Erik";
    erik.skills = {{"complaints", 5}};
    erik.presence = Presence::kAway;
    ASSERT_THAT(e.RegisterAgent(erik).status(), IsOk());
    clock_.Advance(absl::Minutes(3));  // The phone contact's first step.
    e.Tick();
    ASSERT_THAT(Labelled(e, "x-1", Channel::kWebForm, "parking"), IsOk());
    before = Dump(e, ids);
  }
  // The process is gone; a new one starts later and replays.
  clock_.Advance(absl::Seconds(1));
  const absl::Time restart = clock_.Now();
  Running b = Start();
  EXPECT_EQ(b.replay_errors, 0);
  EXPECT_THAT(b.read.problems, IsEmpty());
  EXPECT_GT(b.read.records, 15u);
  // Same state; only "now" moved, and the dump holds no "now".
  EXPECT_EQ(Dump(*b.engine, ids), before);
  EXPECT_EQ(clock_.Now(), restart);
  // And it goes on from there, journaling into a new segment.
  ASSERT_THAT(Labelled(*b.engine, "n-1", Channel::kChat, "waste"), IsOk());
}

TEST_F(EngineJournalTest, CitizenServiceStateSurvivesARestart) {
  EngineConfig config = TestConfig();
  config.self_service = {{.label = "waste",
                          .answer_by_language = {{"nl", "Zie de kalender."}}}};
  auto submit = [&](Engine& e, absl::string_view id, Channel channel,
                    absl::string_view label, absl::string_view text,
                    absl::string_view customer) {
    Contact c = MakeContact(id, channel, text);
    c.customer_ref = std::string(customer);
    const Prediction p = MakePrediction(label, 0.9f);
    return e.SubmitClassified(c, NormalizedOf(c), &p);
  };
  const std::vector<std::string> ids = {
      "k-1", "k-2", "k-2/call-back", "s-1", "s-2", "u-1", "u-1/call-back"};
  std::string before;
  {
    Running a = Start(config);
    Engine& e = *a.engine;
    ASSERT_THAT(submit(e, "k-1", Channel::kEmail, "taxes",
                       "Ik heb een klacht over mijn aanslag.", "K-1"),
                IsOk());
    clock_.Advance(absl::Hours(2));
    absl::StatusOr<Decision> k2 =
        submit(e, "k-2", Channel::kLetter, "taxes",
               "Opnieuw een klacht: mijn BSN 111222333 staat verkeerd.", "K-1");
    ASSERT_THAT(k2, IsOk());
    ASSERT_TRUE(k2->call_back.scheduled);
    ASSERT_THAT(submit(e, "s-1", Channel::kChat, "waste",
                       "Wanneer wordt het afval opgehaald?", ""),
                IsOk());
    ASSERT_THAT(submit(e, "s-2", Channel::kChat, "waste",
                       "Wanneer komt de vuilniswagen?", ""),
                IsOk());
    clock_.Advance(absl::Minutes(3));
    ASSERT_THAT(e.AskForPerson("s-2"), IsOk());
    ASSERT_THAT(submit(e, "u-1", Channel::kEmail, "parking",
                       "Mijn vergunning aanvragen", "K-2"),
                IsOk());
    ASSERT_THAT(e.SetPresence("bram", Presence::kAvailable), IsOk());
    ASSERT_THAT(e.Accept("u-1", "bram"), IsOk());
    ASSERT_THAT(e.Resolve("u-1", Outcome::kUnfavourable), IsOk());
    before = Dump(e, ids);
  }
  clock_.Advance(absl::Seconds(1));
  Running b = Start(config);
  EXPECT_EQ(b.replay_errors, 0);
  EXPECT_EQ(Dump(*b.engine, ids), before);
  EXPECT_THAT(before, HasSubstr("k-2/call-back"));
  EXPECT_THAT(before, HasSubstr("text=Opnieuw een klacht: mijn BSN [BSN]"));
  // The history came back with the same pseudonyms: K-1 is a repeat
  // customer, and K-2's earlier outcome counts against the risk.
  absl::StatusOr<Decision> k3 = submit(*b.engine, "k-3", Channel::kEmail,
                                       "taxes", "Nog een vraag", "K-1");
  ASSERT_THAT(k3, IsOk());
  EXPECT_THAT(k3->earlier_contacts, testing::ElementsAre("k-2", "k-1"));
  absl::StatusOr<Decision> u2 = submit(*b.engine, "u-2", Channel::kEmail,
                                       "parking", "Waarom afgewezen?", "K-2");
  ASSERT_THAT(u2, IsOk());
  EXPECT_THAT(u2->risk_reasons,
              testing::Contains("an earlier outcome against the citizen"));
}

TEST_F(EngineJournalTest, ResubmittingAContactReturnsItsDecisionOnce) {
  Running a = Start();
  absl::StatusOr<Decision> first =
      Labelled(*a.engine, "r-1", Channel::kEmail, "taxes");
  ASSERT_THAT(first, IsOk());
  const uint64_t records = a.journal->appended();
  // The client did not hear the answer and sends the same contact again,
  // even with a different model opinion: same decision, nothing new.
  const Contact c = MakeContact("r-1", Channel::kEmail, "text of r-1");
  const Prediction other = MakePrediction("parking", 0.99f);
  absl::StatusOr<Decision> again =
      a.engine->SubmitClassified(c, NormalizedOf(c), &other);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->department, first->department);
  EXPECT_EQ(again->queue, first->queue);
  EXPECT_EQ(again->label, first->label);
  EXPECT_EQ(again->reason, first->reason);
  EXPECT_EQ(a.journal->appended(), records);
  EXPECT_EQ(a.engine->Stats({}).total.count(Counter::kReceived), 1u);

  // The same id for different words is another contact: refused.
  EXPECT_THAT(Labelled(*a.engine, "r-1", Channel::kEmail, "taxes", "andere"),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       HasSubstr("different text")));
  EXPECT_THAT(Labelled(*a.engine, "r-1", Channel::kPhone, "taxes"),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       HasSubstr("different channel")));

  // After a restart too.
  a = Running();
  Running b = Start();
  absl::StatusOr<Decision> after =
      Labelled(*b.engine, "r-1", Channel::kEmail, "parking");
  ASSERT_THAT(after, IsOk());
  EXPECT_EQ(after->queue, first->queue);
  EXPECT_EQ(after->confidence, first->confidence);
  EXPECT_EQ(b.engine->Stats({}).total.count(Counter::kReceived), 1u);
}

TEST_F(EngineJournalTest, TextIsPurgedAfterItsRetentionTheRecordStays) {
  EngineConfig config = TestConfig();
  config.retention.contact_text = absl::Hours(2);
  Running a = Start(config);
  Engine& e = *a.engine;
  ASSERT_THAT(Labelled(e, "d-1", Channel::kEmail, "taxes", "mijn aanslag"),
              IsOk());
  clock_.Advance(absl::Hours(1));
  ASSERT_THAT(Labelled(e, "d-2", Channel::kEmail, "taxes", "tweede brief"),
              IsOk());
  clock_.Advance(absl::Hours(1));
  e.Tick();
  absl::StatusOr<ContactView> d1 = e.GetContact("d-1");
  absl::StatusOr<ContactView> d2 = e.GetContact("d-2");
  ASSERT_THAT(d1, IsOk());
  ASSERT_THAT(d2, IsOk());
  EXPECT_EQ(d1->text, "");
  EXPECT_EQ(d1->queue, "taxes-written");
  EXPECT_EQ(d1->state, ContactState::kWaiting);
  EXPECT_EQ(d2->text, "tweede brief");
  EXPECT_EQ(e.Stats({}).total.count(Counter::kReceived), 2u);
  // A resubmission of a contact whose text is gone is still recognised.
  EXPECT_THAT(Labelled(e, "d-1", Channel::kEmail, "taxes", "mijn aanslag"),
              IsOk());
  EXPECT_EQ(e.Stats({}).total.count(Counter::kReceived), 2u);

  // Replay purges the same text at the same instant.
  a = Running();
  Running b = Start(config);
  EXPECT_EQ(b.replay_errors, 0);
  EXPECT_EQ(b.engine->GetContact("d-1")->text, "");
  EXPECT_EQ(b.engine->GetContact("d-2")->text, "tweede brief");
}

TEST_F(EngineJournalTest, AQueueGoneFromTheConfigurationSendsReplayedContactsOn) {
  {
    Running a = Start();
    ASSERT_THAT(Labelled(*a.engine, "t-1", Channel::kEmail, "taxes"), IsOk());
  }
  EngineConfig config = TestConfig();
  // taxes-written is gone; email now goes to taxes-online ("the rest").
  config.queues.erase(config.queues.begin() + 1);
  Running b = Start(config);
  EXPECT_EQ(b.replay_errors, 0);
  absl::StatusOr<ContactView> v = b.engine->GetContact("t-1");
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(v->queue, "taxes-online");
  EXPECT_EQ(v->department, "taxes");
}

TEST_F(EngineJournalTest, ARecordTheConfigurationCannotApplyIsAnError) {
  EngineConfig with_night = TestConfig();
  with_night.skills.push_back("night");
  {
    Running a = Start(with_night);
    AgentConfig erik;
    erik.id = "erik";
    erik.skills = {{"night", 2}};
    ASSERT_THAT(a.engine->RegisterAgent(erik).status(), IsOk());
    ASSERT_THAT(a.engine->SetPresence("erik", Presence::kAvailable), IsOk());
  }
  // "night" is gone: the agent cannot be registered, and so not made
  // available either. Both are errors; the rest of the journal goes on.
  Running b = Start(TestConfig());
  EXPECT_EQ(b.replay_errors, 2);
  EXPECT_EQ(b.engine->OffersFor("erik").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace switchboard
