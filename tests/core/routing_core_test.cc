// Copyright 2026 The Switchboard Authors.
//
// The routing core on its own, without the Engine facade around it: no
// lock, no journal, no clock. Commands go in at the instant the test gives
// (Begin) and the test reads the events that come out.

#include "switchboard/core/routing_core.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/core/generation.h"
#include "switchboard/events/event.h"
#include "switchboard/route/customer_history.h"
#include "switchboard/route/decider.h"
#include "switchboard/stats/stats.h"

namespace switchboard::core {
namespace {

using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::TestConfig;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::Time kStart = absl::FromUnixSeconds(1'800'000'000);

std::shared_ptr<Generation> MakeGeneration(const EngineConfig& config,
                                           Recorder* recorder) {
  absl::StatusOr<Decider> decider = Decider::Create(config);
  EXPECT_TRUE(decider.ok()) << decider.status();
  std::shared_ptr<Generation> g =
      Generation::Make(*std::move(decider), nullptr, nullptr, 1, kStart);
  for (const DepartmentConfig& d : g->config().departments) {
    g->stats_department.push_back(recorder->AddDepartment(d.id));
  }
  return g;
}

class RoutingCoreTest : public ::testing::Test {
 protected:
  explicit RoutingCoreTest(EngineConfig config = TestConfig())
      : generation_(MakeGeneration(config, &recorder_)),
        core_(generation_.get(), &recorder_, &history_, absl::Minutes(5),
              kStart) {
    core_.AddListener([this](const Event& e) { events_.push_back(e); });
  }

  // Decides for an e-mail as the pipeline would (a model prediction of
  // `label`) and admits it at the current instant.
  absl::StatusOr<uint32_t> AdmitEmail(absl::string_view id,
                                      absl::string_view label,
                                      bool replay = false) {
    const Contact contact = MakeContact(id, Channel::kEmail, "over mijn aanslag");
    const Prediction prediction = MakePrediction(label, 0.9f);
    Admission a{.id = id, .channel = Channel::kEmail, .text = contact.body};
    Decision decision = generation_->decider.Decide(
        contact, NormalizedOf(contact), &prediction, ContactFacts{},
        core_.now(), &a.index);
    a.decision = &decision;
    a.received = core_.now();
    bool repeat = false;
    return core_.Admit(a, replay, &repeat);
  }

  std::vector<std::string> EventNames() const {
    std::vector<std::string> names;
    for (const Event& e : events_) {
      names.push_back(std::string(EventTypeName(e.type)));
    }
    return names;
  }

  Recorder recorder_{{}};
  CustomerHistory history_{absl::Hours(24)};
  std::shared_ptr<Generation> generation_;
  RoutingCore core_;
  std::vector<Event> events_;
};

TEST_F(RoutingCoreTest, CommandsInEventsOutAtTheInstantGiven) {
  core_.Begin(kStart);
  absl::StatusOr<uint32_t> idx = AdmitEmail("c1", "taxes");
  ASSERT_TRUE(idx.ok()) << idx.status();
  EXPECT_THAT(EventNames(),
              ElementsAre("received", "classified", "decided", "queued"));
  for (const Event& e : events_) {
    EXPECT_EQ(e.time, kStart);
    EXPECT_EQ(e.contact_id, "c1");
    EXPECT_EQ(e.queue, "taxes-written");
  }
  EXPECT_EQ(core_.record(*idx).state, ContactState::kWaiting);

  // anna (taxes 4) comes online a minute later: the contact is offered.
  events_.clear();
  const absl::Time later = kStart + absl::Minutes(1);
  core_.Begin(later);
  ASSERT_TRUE(core_.SetPresence("anna", Presence::kAvailable).ok());
  EXPECT_THAT(EventNames(), ElementsAre("agent_presence", "offered"));
  EXPECT_EQ(events_.back().agent_id, "anna");
  EXPECT_EQ(events_.back().time, later);

  absl::StatusOr<ContactView> view = core_.GetContact("c1");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->state, ContactState::kOffered);
  EXPECT_EQ(view->offered_at, later);
  EXPECT_EQ(view->offer_expires, later + generation_->config().offer_timeout);

  events_.clear();
  ASSERT_TRUE(core_.Accept("c1", "anna").ok());
  ASSERT_TRUE(core_.Resolve("c1", Outcome::kFavourable).ok());
  EXPECT_THAT(EventNames(), ElementsAre("accepted", "resolved"));
  EXPECT_EQ(core_.record(*idx).state, ContactState::kResolved);
}

TEST_F(RoutingCoreTest, TimersFireOnlyWhenTheirInstantIsGiven) {
  core_.Begin(kStart);
  ASSERT_TRUE(core_.SetPresence("anna", Presence::kAvailable).ok());
  ASSERT_TRUE(AdmitEmail("c1", "taxes").ok());
  const absl::Time expires = kStart + generation_->config().offer_timeout;
  EXPECT_EQ(core_.NextDeadline(), expires);

  events_.clear();
  core_.Begin(expires - absl::Nanoseconds(1));
  EXPECT_FALSE(core_.FireDue());
  EXPECT_THAT(events_, IsEmpty());

  core_.Begin(expires);
  EXPECT_TRUE(core_.FireDue());
  ASSERT_FALSE(events_.empty());
  EXPECT_EQ(EventNames().front(), "offer_timed_out");
  EXPECT_EQ(events_.front().time, expires);
  // Only anna could take it, and she let it time out: it waits.
  absl::StatusOr<ContactView> view = core_.GetContact("c1");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->state, ContactState::kWaiting);
}

TEST_F(RoutingCoreTest, AFailedCommandNamesWhatWasWrongAndEmitsNothing) {
  core_.Begin(kStart);
  ASSERT_TRUE(AdmitEmail("c1", "taxes").ok());
  events_.clear();
  absl::Status unknown = core_.Accept("nope", "anna");
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(unknown.message(), HasSubstr("nope"));
  absl::Status not_offered = core_.Accept("c1", "anna");
  EXPECT_EQ(not_offered.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(not_offered.message(), HasSubstr("waiting"));
  absl::Status again = AdmitEmail("c1", "parking").status();
  EXPECT_EQ(again.code(), absl::StatusCode::kOk)
      << "same id, channel and text: the same contact";
  EXPECT_THAT(events_, IsEmpty());
}

class RoutingCoreFullQueueTest : public RoutingCoreTest {
 protected:
  static EngineConfig OneSeatConfig() {
    EngineConfig config = TestConfig();
    for (QueueConfig& q : config.queues) {
      if (q.id == "taxes-written") q.max_length = 1;
    }
    return config;
  }
  RoutingCoreFullQueueTest() : RoutingCoreTest(OneSeatConfig()) {}
};

TEST_F(RoutingCoreFullQueueTest, AFullQueueRefusesLiveContactsButNotReplayedOnes) {
  core_.Begin(kStart);
  ASSERT_TRUE(AdmitEmail("c1", "taxes").ok());
  absl::Status full = AdmitEmail("c2", "taxes").status();
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(full.message(), HasSubstr("taxes-written is full"));
  EXPECT_EQ(core_.GetContact("c2").status().code(), absl::StatusCode::kNotFound);
  // What the journal says was accepted is taken again, full or not.
  ASSERT_TRUE(AdmitEmail("c2", "taxes", /*replay=*/true).ok());
  EXPECT_EQ(core_.GetContact("c2")->state, ContactState::kWaiting);
}

}  // namespace
}  // namespace switchboard::core
