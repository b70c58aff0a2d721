// Copyright 2026 The Switchboard Authors.
//
// engine.h's promise for a journal that cannot write, with the failure
// injected under the journal (tests/journal/fault_injection.h): the call
// whose write failed returns UNAVAILABLE; from then on every change is
// refused with UNAVAILABLE before it is made (state, events and statistics
// stay as they were, timers do not fire); a restart on the healed disk
// holds what was durable, and its calls succeed.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "engine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/fault_injection.h"
#include "journal/journal_testing.h"
#include "route/route_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/engine.h"
#include "switchboard/journal/journal.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::DumpEngine;
using ::switchboard::test_util::FaultInjectionFileSystem;
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

const std::vector<std::string> kIds = {"t-1", "w-1", "p-1", "n-1", "n-2"};

class EngineJournalFaultTest : public ::testing::Test {
 protected:
  // An engine on dir_'s journal (through `fs`, null: the real disk),
  // replaying what is there, its events counted.
  void Start(journal::FileSystem* fs) {
    engine_.reset();
    journal_.reset();
    journal::JournalOptions jo;
    jo.dir = dir_;
    jo.clock = &clock_;
    jo.file_system = fs;
    journal_ = std::make_unique<journal::Journal>(jo);
    EngineOptions eo;
    eo.config = TestConfig();
    eo.clock = &clock_;
    eo.journal = journal_.get();
    eo.customer_key = SipHashKey{7, 8};
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(eo));
    ASSERT_THAT(engine.status(), IsOk());
    engine_ = *std::move(engine);
    replay_errors_ = 0;
    absl::StatusOr<journal::ReadReport> read =
        journal_->Open([&](const journal::Record& r) {
          if (!engine_->Replay(r).ok()) ++replay_errors_;
          return absl::OkStatus();
        });
    ASSERT_THAT(read.status(), IsOk());
    engine_->AddListener([this](const Event& e) {
      absl::MutexLock lock(&mu_);
      events_.push_back(absl::StrCat(EventTypeName(e.type), " ", e.contact_id,
                                     " ", e.agent_id));
    });
  }

  absl::StatusOr<Decision> Labelled(absl::string_view id, Channel channel,
                                    absl::string_view label) {
    const Contact c = MakeContact(id, channel, absl::StrCat("text of ", id));
    const Prediction p = MakePrediction(label, 0.9f);
    return engine_->SubmitClassified(c, NormalizedOf(c), &p);
  }

  std::vector<std::string> Events() {
    absl::MutexLock lock(&mu_);
    return events_;
  }

  std::string dir_ = FreshDir(TempPath("engine-fault"));
  FakeClock clock_;
  FaultInjectionFileSystem fs_;
  std::unique_ptr<journal::Journal> journal_;
  std::unique_ptr<Engine> engine_;
  int replay_errors_ = 0;
  absl::Mutex mu_;
  std::vector<std::string> events_ ABSL_GUARDED_BY(mu_);
};

TEST_F(EngineJournalFaultTest, AJournalThatCannotWriteChangesNothing) {
  Start(&fs_);
  ASSERT_THAT(Labelled("t-1", Channel::kEmail, "taxes"), IsOk());
  ASSERT_THAT(Labelled("w-1", Channel::kEmail, "waste"), IsOk());
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  ASSERT_EQ(engine_->GetContact("t-1")->state, ContactState::kOffered);

  // The disk fails under the next change: its call says so.
  fs_.FailAppends(absl::UnavailableError("injected: no space left on device"));
  EXPECT_THAT(Labelled("p-1", Channel::kEmail, "parking"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("no space")));
  EXPECT_THAT(journal_->health(), StatusIs(absl::StatusCode::kUnavailable));

  // From now on every change is refused before it is made.
  const std::string before = DumpEngine(*engine_, kIds);
  const std::vector<std::string> events_before = Events();
  const uint64_t appended = journal_->appended();
  auto unavailable = StatusIs(absl::StatusCode::kUnavailable);
  EXPECT_THAT(Labelled("n-1", Channel::kEmail, "taxes"), unavailable);
  EXPECT_THAT(engine_->Submit(MakeContact("n-2", Channel::kChat, "afval")),
              unavailable);
  // A repeat of a contact the engine holds changes nothing either way.
  EXPECT_THAT(Labelled("t-1", Channel::kEmail, "taxes"), unavailable);
  EXPECT_THAT(engine_->Accept("t-1", "anna"), unavailable);
  EXPECT_THAT(engine_->Reject("t-1", "anna"), unavailable);
  EXPECT_THAT(engine_->Transfer("t-1", "waste", "wrong department"),
              unavailable);
  EXPECT_THAT(engine_->Abandon("w-1"), unavailable);
  EXPECT_THAT(engine_->SetPresence("bram", Presence::kAvailable), unavailable);
  EXPECT_THAT(engine_->FirstResponse("t-1"), unavailable);
  EXPECT_THAT(engine_->Resolve("t-1", Outcome::kFavourable), unavailable);
  EXPECT_THAT(engine_->RecordSatisfaction("t-1", 8), unavailable);
  EXPECT_THAT(engine_->AskForPerson("t-1"), unavailable);
  AgentConfig erik;
  erik.id = "erik";
  erik.skills = {{"complaints", 5}};
  erik.presence = Presence::kAvailable;
  EXPECT_THAT(engine_->RegisterAgent(erik).status(), unavailable);
  ReloadOptions reload;
  reload.config = TestConfig();
  reload.config.queues.erase(reload.config.queues.begin() + 1);
  EXPECT_THAT(engine_->Reload(std::move(reload)), unavailable);
  // Past anna's offer timeout (20 s): the timer waits.
  const absl::Time deadline = engine_->NextDeadline();
  clock_.Advance(absl::Seconds(25));
  engine_->Tick();

  EXPECT_EQ(DumpEngine(*engine_, kIds), before);
  EXPECT_THAT(before, HasSubstr("t-1: offered dept=taxes queue=taxes-written "
                                "agent=anna"));
  EXPECT_THAT(before, HasSubstr("n-1: NOT_FOUND"));
  EXPECT_THAT(before, HasSubstr("erik offers: NOT_FOUND"));
  EXPECT_EQ(Events(), events_before);
  EXPECT_EQ(journal_->appended(), appended);
  EXPECT_EQ(engine_->NextDeadline(), deadline);
  EXPECT_EQ(engine_->Info().generation, 1u);
  // Reads go on.
  EXPECT_EQ(engine_->Stats({}).total.count(Counter::kReceived), 3u);

  // The disk recovers; the process restarts on it. p-1's submit never
  // reached the disk: it is not there. The rest is, and calls succeed.
  fs_.Heal();
  {
    absl::MutexLock lock(&mu_);
    events_.clear();
  }
  Start(nullptr);
  EXPECT_EQ(replay_errors_, 0);
  EXPECT_THAT(engine_->GetContact("p-1"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(engine_->GetContact("t-1")->agent_id, "anna");
  EXPECT_EQ(engine_->GetContact("w-1")->state, ContactState::kWaiting);
  EXPECT_EQ(engine_->Stats({}).total.count(Counter::kReceived), 2u);
  EXPECT_THAT(Labelled("p-1", Channel::kEmail, "parking"), IsOk());
  EXPECT_THAT(engine_->Accept("t-1", "anna"), IsOk());
  EXPECT_THAT(engine_->Resolve("t-1", Outcome::kFavourable), IsOk());
  EXPECT_THAT(journal_->health(), IsOk());
  EXPECT_EQ(engine_->Stats({}).total.count(Counter::kResolved), 1u);
}

TEST_F(EngineJournalFaultTest, AFailedTimerRecordStopsTheNextChange) {
  // Tick does not wait for its record; the failure it meets is seen by the
  // next change, which is refused before it is made.
  Start(&fs_);
  ASSERT_THAT(Labelled("t-1", Channel::kEmail, "taxes"), IsOk());
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  fs_.FailAppends(absl::UnavailableError("injected: I/O error"));
  clock_.Advance(absl::Seconds(25));
  engine_->Tick();  // anna's offer times out (in memory; not durable).
  // The writer reports the failure on its own thread: wait (bounded) for
  // the journal to know.
  for (int i = 0; i < 30'000 && journal_->health().ok(); ++i) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  ASSERT_THAT(journal_->health(), StatusIs(absl::StatusCode::kUnavailable));
  const std::string before = DumpEngine(*engine_, kIds);
  const size_t events = Events().size();
  EXPECT_THAT(Labelled("n-1", Channel::kEmail, "taxes"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("I/O")));
  EXPECT_EQ(DumpEngine(*engine_, kIds), before);
  EXPECT_EQ(Events().size(), events);
}

}  // namespace
}  // namespace switchboard
