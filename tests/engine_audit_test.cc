// Copyright 2026 The Switchboard Authors.
//
// The audit trail in the library: what a call does on a principal's behalf
// (events/acting.h) carries that principal in its events and its journal
// records; timers act for no one; scopes nest and end; admin actions are
// journaled and skipped on replay.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "engine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/journal_testing.h"
#include "route/route_testing.h"
#include "switchboard/clock.h"
#include "switchboard/engine.h"
#include "switchboard/events/acting.h"
#include "switchboard/journal/journal.h"
#include "switchboard/journal/log_reader.h"
#include "switchboard/journal/record.h"

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
using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(ActingAsTest, ScopesNestAndEnd) {
  EXPECT_EQ(ActingAs::Current(), "");
  {
    ActingAs outer("admin-all");
    EXPECT_EQ(ActingAs::Current(), "admin-all");
    {
      ActingAs inner("desk-ann");
      EXPECT_EQ(ActingAs::Current(), "desk-ann");
    }
    EXPECT_EQ(ActingAs::Current(), "admin-all");
  }
  EXPECT_EQ(ActingAs::Current(), "");
}

class EngineAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    journal::JournalOptions jo;
    jo.dir = dir_;
    jo.clock = &clock_;
    journal_ = std::make_unique<journal::Journal>(jo);
    ASSERT_THAT(
        journal_->Open([](const journal::Record&) { return absl::OkStatus(); })
            .status(),
        IsOk());
    EngineOptions eo;
    eo.config = TestConfig();
    eo.clock = &clock_;
    eo.journal = journal_.get();
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(eo));
    ASSERT_THAT(engine.status(), IsOk());
    engine_ = *std::move(engine);
    engine_->AddListener([this](const Event& e) {
      events_.emplace_back(std::string(EventTypeName(e.type)), e.principal);
    });
  }

  absl::Status Submit(absl::string_view id) {
    const Contact c = MakeContact(id, Channel::kEmail, "my tax bill");
    const Prediction p = MakePrediction("taxes", 0.9f);
    return engine_->SubmitClassified(c, NormalizedOf(c), &p).status();
  }

  // (type name, principal) of every record journaled so far.
  std::vector<std::pair<std::string, std::string>> Journaled() {
    engine_.reset();
    journal_.reset();
    std::vector<std::pair<std::string, std::string>> records;
    journal::ReadOptions ro;
    ro.dir = dir_;
    EXPECT_THAT(
        journal::ReadJournal(ro,
                             [&](const journal::Record& r) {
                               records.emplace_back(
                                   std::string(journal::RecordTypeName(r.type)),
                                   r.principal);
                               return absl::OkStatus();
                             })
            .status(),
        IsOk());
    return records;
  }

  std::string dir_ = FreshDir(TempPath("audit"));
  FakeClock clock_;
  std::unique_ptr<journal::Journal> journal_;
  std::unique_ptr<Engine> engine_;
  std::vector<std::pair<std::string, std::string>> events_;
};

TEST_F(EngineAuditTest, ChangesCarryThePrincipalThatMadeThem) {
  {
    ActingAs acting("router-acme");
    ASSERT_THAT(Submit("c-1"), IsOk());
  }
  {
    ActingAs acting("agent-acme-ann");
    ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
    ASSERT_THAT(engine_->Accept("c-1", "anna"), IsOk());
  }
  {
    ActingAs acting("supervisor-acme");
    ASSERT_THAT(engine_->Transfer("c-1", "parking", "not a tax question"),
                IsOk());
  }
  // Not inside any scope: an embedder that does not say.
  ASSERT_THAT(engine_->Abandon("c-1"), IsOk());
  EXPECT_THAT(events_, Contains(Pair("received", "router-acme")));
  EXPECT_THAT(events_, Contains(Pair("accepted", "agent-acme-ann")));
  EXPECT_THAT(events_, Contains(Pair("transferred", "supervisor-acme")));
  EXPECT_THAT(events_, Contains(Pair("abandoned", "")));
  const auto records = Journaled();
  EXPECT_THAT(records, Contains(Pair("presence", "agent-acme-ann")));
  EXPECT_THAT(records, Contains(Pair("accept", "agent-acme-ann")));
  EXPECT_THAT(records, Contains(Pair("transfer", "supervisor-acme")));
  EXPECT_THAT(records, Contains(Pair("abandon", "")));
  // The arrival keeps no principal: it is the customer's record.
  EXPECT_THAT(records, Contains(Pair("submit", "")));
}

TEST_F(EngineAuditTest, TimersActForNoOne) {
  ASSERT_THAT(Submit("c-1"), IsOk());
  {
    ActingAs acting("agent-acme-ann");
    ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  }
  events_.clear();
  // Tick runs on the server's ticker thread; a principal left on this
  // thread must not leak into what the timers do.
  ActingAs stray("someone-else");
  clock_.Advance(absl::Seconds(25));  // Past the offer timeout.
  engine_->Tick();
  ASSERT_THAT(events_, Contains(Pair("offer_timed_out", "")));
  for (const auto& [type, principal] : events_) {
    EXPECT_EQ(principal, "") << type;
  }
  EXPECT_THAT(Journaled(), Contains(Pair("tick", "")));
}

TEST_F(EngineAuditTest, AdminActionsAreJournaledAndSkippedOnReplay) {
  {
    ActingAs acting("admin-all");
    ASSERT_THAT(engine_->RecordAdminAction("created the tenant from a.yaml"),
                IsOk());
  }
  EXPECT_THAT(engine_->RecordAdminAction(""),
              StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<journal::Record> records;
  {
    engine_.reset();
    journal_.reset();
    journal::ReadOptions ro;
    ro.dir = dir_;
    ASSERT_THAT(journal::ReadJournal(ro,
                                     [&](const journal::Record& r) {
                                       records.push_back(r);
                                       return absl::OkStatus();
                                     })
                    .status(),
                IsOk());
  }
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].type, journal::RecordType::kAdmin);
  EXPECT_EQ(records[0].principal, "admin-all");
  EXPECT_EQ(records[0].detail, "created the tenant from a.yaml");
  // A fresh engine replays it without a change.
  EngineOptions eo;
  eo.config = TestConfig();
  eo.clock = &clock_;
  absl::StatusOr<std::unique_ptr<Engine>> fresh = Engine::Create(std::move(eo));
  ASSERT_THAT(fresh.status(), IsOk());
  EXPECT_THAT((*fresh)->Replay(records[0]), IsOk());
  EXPECT_THAT((*fresh)->Stats(StatsFilter{}).segments, IsEmpty());
}

}  // namespace
}  // namespace switchboard
