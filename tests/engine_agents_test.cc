// Copyright 2026 The Switchboard Authors.
//
// engine.h's promises about agents that no scenario in engine_test.cc
// checks: transferring an offered contact withdraws the offer (with the
// reason); a re-registration with a lower capacity takes nothing away and
// applies as contacts finish; Reload keeps the agents registered at run
// time, with their presence and contacts.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/engine.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::TestConfig;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class EngineAgentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.config = TestConfig();
    options.clock = &clock_;
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(options));
    ASSERT_THAT(engine, IsOk());
    engine_ = *std::move(engine);
    engine_->AddListener([this](const Event& e) { events_.push_back(e); });
  }

  void Labelled(absl::string_view id, Channel channel,
                absl::string_view label) {
    const Contact c = MakeContact(id, channel, absl::StrCat("text of ", id));
    const Prediction p = MakePrediction(label, 0.9f);
    ASSERT_THAT(engine_->SubmitClassified(c, NormalizedOf(c), &p), IsOk())
        << id;
  }

  // The ids of the contacts offered to `agent` now.
  std::vector<std::string> OfferedTo(absl::string_view agent) {
    absl::StatusOr<std::vector<ContactView>> offers = engine_->OffersFor(agent);
    EXPECT_THAT(offers, IsOk());
    std::vector<std::string> ids;
    if (offers.ok()) {
      for (const ContactView& v : *offers) ids.push_back(v.id);
    }
    return ids;
  }

  ContactView View(absl::string_view id) {
    absl::StatusOr<ContactView> v = engine_->GetContact(id);
    EXPECT_THAT(v, IsOk()) << id;
    return v.ok() ? *v : ContactView();
  }

  // "type contact agent detail" of each event of `type`, in order.
  std::vector<std::string> EventsOf(EventType type) const {
    std::vector<std::string> out;
    for (const Event& e : events_) {
      if (e.type == type) {
        out.push_back(absl::StrCat(EventTypeName(e.type), " ", e.contact_id,
                                   " ", e.agent_id, " ", e.detail));
      }
    }
    return out;
  }

  FakeClock clock_;
  std::unique_ptr<Engine> engine_;
  std::vector<Event> events_;
};

TEST_F(EngineAgentsTest, TransferringAnOfferedContactWithdrawsTheOffer) {
  Labelled("t-1", Channel::kEmail, "taxes");
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  ASSERT_THAT(OfferedTo("anna"), ElementsAre("t-1"));

  ASSERT_THAT(engine_->Transfer("t-1", "waste", "about the bins"), IsOk());
  EXPECT_THAT(OfferedTo("anna"), IsEmpty());
  EXPECT_THAT(EventsOf(EventType::kOfferWithdrawn),
              ElementsAre("offer_withdrawn t-1 anna transferred"));
  // The withdrawal comes before the transfer that caused it.
  auto position = [&](EventType type) {
    for (size_t i = 0; i < events_.size(); ++i) {
      if (events_[i].type == type) return i;
    }
    return events_.size();
  };
  EXPECT_LT(position(EventType::kOfferWithdrawn),
            position(EventType::kTransferred));
  const ContactView t1 = View("t-1");
  EXPECT_EQ(t1.state, ContactState::kWaiting);
  EXPECT_EQ(t1.queue, "waste");
  EXPECT_EQ(t1.agent_id, "");
  EXPECT_EQ(engine_->Stats({}).total.count(Counter::kTransferredOut), 1u);

  // An accepted contact's transfer withdraws no offer (there is none).
  Labelled("t-2", Channel::kEmail, "taxes");
  ASSERT_THAT(OfferedTo("anna"), ElementsAre("t-2"));
  ASSERT_THAT(engine_->Accept("t-2", "anna"), IsOk());
  ASSERT_THAT(engine_->Transfer("t-2", "parking", "a permit"), IsOk());
  EXPECT_THAT(EventsOf(EventType::kOfferWithdrawn), testing::SizeIs(1));
}

TEST_F(EngineAgentsTest, AbandoningAnOfferedContactWithdrawsTheOffer) {
  Labelled("t-1", Channel::kEmail, "taxes");
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  ASSERT_THAT(engine_->Abandon("t-1"), IsOk());
  EXPECT_THAT(OfferedTo("anna"), IsEmpty());
  EXPECT_THAT(EventsOf(EventType::kOfferWithdrawn),
              ElementsAre("offer_withdrawn t-1 anna abandoned"));
}

TEST_F(EngineAgentsTest, ALowerCapacityAppliesAsContactsFinish) {
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  for (const char* id : {"t-1", "t-2", "t-3"}) {
    Labelled(id, Channel::kEmail, "taxes");
    ASSERT_THAT(engine_->Accept(id, "anna"), IsOk());
  }
  // anna now takes one e-mail at a time (was five).
  EngineConfig config = TestConfig();
  AgentConfig anna = config.agents[0];
  ASSERT_EQ(anna.id, "anna");
  anna.capacity = {{Channel::kEmail, 1}, {Channel::kPhone, 1}};
  absl::StatusOr<bool> created = engine_->RegisterAgent(anna);
  ASSERT_THAT(created, IsOk());
  EXPECT_FALSE(*created);

  // Nothing is taken away.
  for (const char* id : {"t-1", "t-2", "t-3"}) {
    EXPECT_EQ(View(id).state, ContactState::kAccepted) << id;
    EXPECT_EQ(View(id).agent_id, "anna") << id;
  }
  // No new e-mail while she holds more than one.
  Labelled("t-4", Channel::kEmail, "taxes");
  EXPECT_EQ(View("t-4").state, ContactState::kWaiting);
  ASSERT_THAT(engine_->Resolve("t-1", Outcome::kFavourable), IsOk());
  EXPECT_EQ(View("t-4").state, ContactState::kWaiting);  // Holds 2 > 1.
  ASSERT_THAT(engine_->Resolve("t-2", Outcome::kFavourable), IsOk());
  EXPECT_EQ(View("t-4").state, ContactState::kWaiting);  // Holds 1 = 1.
  EXPECT_THAT(OfferedTo("anna"), IsEmpty());
  // Below the new capacity: offers resume, up to it.
  ASSERT_THAT(engine_->Resolve("t-3", Outcome::kFavourable), IsOk());
  EXPECT_THAT(OfferedTo("anna"), ElementsAre("t-4"));
  Labelled("t-5", Channel::kEmail, "taxes");
  EXPECT_EQ(View("t-5").state, ContactState::kWaiting);
  EXPECT_THAT(OfferedTo("anna"), ElementsAre("t-4"));
  // Other channels follow their own capacity: a taxes chat is not hers
  // to take any more (chat is not in her new capacity).
  Labelled("t-6", Channel::kChat, "taxes");
  EXPECT_EQ(View("t-6").state, ContactState::kWaiting);
}

TEST_F(EngineAgentsTest, ReloadKeepsAgentsRegisteredAtRunTime) {
  AgentConfig erik;
  erik.id = "erik";
  erik.name = "Erik";
  erik.skills = {{"complaints", 5}};
  erik.presence = Presence::kAvailable;
  absl::StatusOr<bool> created = engine_->RegisterAgent(erik);
  ASSERT_THAT(created, IsOk());
  ASSERT_TRUE(*created);
  Labelled("c-1", Channel::kEmail, "complaints");
  Labelled("c-2", Channel::kEmail, "complaints");
  ASSERT_THAT(engine_->Accept("c-1", "erik"), IsOk());
  ASSERT_THAT(OfferedTo("erik"), ElementsAre("c-2"));
  const size_t agents = engine_->Info().agents;
  EXPECT_EQ(agents, 5u);

  // A new configuration that does not list erik (a queue less, too).
  ReloadOptions reload;
  reload.config = TestConfig();
  reload.config.queues.erase(reload.config.queues.begin() + 1);
  ASSERT_THAT(engine_->Reload(std::move(reload)), IsOk());
  ASSERT_EQ(engine_->Info().generation, 2u);

  EXPECT_EQ(engine_->Info().agents, agents);
  EXPECT_EQ(View("c-1").state, ContactState::kAccepted);
  EXPECT_EQ(View("c-1").agent_id, "erik");
  EXPECT_THAT(OfferedTo("erik"), ElementsAre("c-2"));
  EXPECT_EQ(engine_->Stats({}).agents_available, 1u);  // erik, still.
  // Still available and still skilled: new work is offered to him.
  Labelled("c-3", Channel::kEmail, "complaints");
  EXPECT_THAT(OfferedTo("erik"), ElementsAre("c-2", "c-3"));
  ASSERT_THAT(engine_->Resolve("c-1", Outcome::kNeutral), IsOk());
}

}  // namespace
}  // namespace switchboard
