// Copyright 2026 The Switchboard Authors.
//
// The engine while it serves: agents registered and updated at run time,
// contacts looked up, and configuration (and classifier) reloads that keep
// every contact, once, with its place and age.

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/trainer.h"
#include "switchboard/clock.h"
#include "switchboard/engine.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TestConfig;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class EngineReloadTest : public ::testing::Test {
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

  absl::StatusOr<Decision> SubmitLabelled(absl::string_view id, Channel channel,
                                          absl::string_view label) {
    const Contact c = MakeContact(id, channel, absl::StrCat("text of ", id));
    const Prediction p = MakePrediction(label, 0.9f);
    return engine_->SubmitClassified(c, NormalizedOf(c), &p);
  }
  void Labelled(absl::string_view id, Channel channel,
                absl::string_view label) {
    ASSERT_THAT(SubmitLabelled(id, channel, label), IsOk()) << id;
  }

  std::vector<std::string> OffersTo(absl::string_view agent) const {
    std::vector<std::string> out;
    for (const Event& e : events_) {
      if (e.type == EventType::kOffered && e.agent_id == agent) {
        out.push_back(e.contact_id);
      }
    }
    return out;
  }

  std::string QueueOf(absl::string_view contact) const {
    absl::StatusOr<ContactView> v = engine_->GetContact(contact);
    return v.ok() ? v->queue : std::string(v.status().message());
  }

  static AgentConfig Agent(absl::string_view id, std::vector<SkillLevel> skills,
                           Presence presence = Presence::kAvailable) {
    AgentConfig a;
    a.id = std::string(id);
    a.name = absl::StrCat("Agent ", id);
    a.skills = std::move(skills);
    a.presence = presence;
    return a;
  }

  FakeClock clock_;
  std::vector<Event> events_;
  std::unique_ptr<Engine> engine_;
};

// --- Agents registered at run time -------------------------------------------

TEST_F(EngineReloadTest, ANewAvailableAgentIsOfferedWaitingWorkAtOnce) {
  Labelled("w-1", Channel::kEmail, "waste");
  EXPECT_EQ(QueueOf("w-1"), "waste");
  absl::StatusOr<bool> created =
      engine_->RegisterAgent(Agent("erik", {{"waste", 2}}));
  ASSERT_THAT(created, IsOk());
  EXPECT_TRUE(*created);
  EXPECT_THAT(OffersTo("erik"), ElementsAre("w-1"));
  EXPECT_EQ(engine_->Info().agents, 5u);  // anna, bram, chris, dewi, erik
}

TEST_F(EngineReloadTest, AnUpdateKeepsPresenceAndWorkAndMayAddSkills) {
  ASSERT_THAT(engine_->RegisterAgent(Agent("erik", {{"waste", 2}})), IsOk());
  Labelled("w-1", Channel::kEmail, "waste");
  ASSERT_THAT(engine_->Accept("w-1", "erik"), IsOk());
  Labelled("p-1", Channel::kEmail, "parking");  // erik cannot take it yet
  EXPECT_THAT(OffersTo("erik"), ElementsAre("w-1"));

  // The update is sent with presence offline, which an update ignores.
  absl::StatusOr<bool> created = engine_->RegisterAgent(
      Agent("erik", {{"waste", 2}, {"parking", 1}}, Presence::kOffline));
  ASSERT_THAT(created, IsOk());
  EXPECT_FALSE(*created);
  EXPECT_THAT(OffersTo("erik"), ElementsAre("w-1", "p-1"));
  absl::StatusOr<ContactView> w = engine_->GetContact("w-1");
  ASSERT_THAT(w, IsOk());
  EXPECT_EQ(w->state, ContactState::kAccepted);
  EXPECT_EQ(w->agent_id, "erik");
  EXPECT_THAT(engine_->Resolve("w-1", Outcome::kFavourable), IsOk());
}

TEST_F(EngineReloadTest, RegisterAgentRefusesBadAgentsNamingTheField) {
  EXPECT_THAT(engine_->RegisterAgent(Agent("", {})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("agent.id is empty")));
  EXPECT_THAT(engine_->RegisterAgent(Agent("erik", {{"juggling", 3}})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown skill \"juggling\"")));
  EXPECT_THAT(engine_->RegisterAgent(Agent("erik", {{"waste", 11}})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("level 11 is outside 1..10")));
  AgentConfig negative = Agent("erik", {});
  negative.capacity = {{Channel::kChat, -1}};
  EXPECT_THAT(engine_->RegisterAgent(negative),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("capacity for chat is negative")));
  EXPECT_EQ(engine_->Info().agents, 4u);  // none of them was added
}

// --- Looking contacts up
// ------------------------------------------------------

TEST_F(EngineReloadTest, GetContactAndOffersForShowWhereAContactIs) {
  EXPECT_THAT(engine_->GetContact("nope"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nope")));
  EXPECT_THAT(engine_->OffersFor("nobody"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nobody")));

  Labelled("t-1", Channel::kEmail, "taxes");
  absl::StatusOr<ContactView> v = engine_->GetContact("t-1");
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(v->state, ContactState::kWaiting);
  EXPECT_EQ(v->department, "taxes");
  EXPECT_EQ(v->queue, "taxes-written");
  EXPECT_EQ(v->label, "taxes");
  EXPECT_EQ(v->text, "text of t-1");
  EXPECT_EQ(v->agent_id, "");
  EXPECT_EQ(v->received, clock_.Now());

  clock_.Advance(absl::Seconds(5));
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  v = engine_->GetContact("t-1");
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(v->state, ContactState::kOffered);
  EXPECT_EQ(v->agent_id, "anna");
  EXPECT_EQ(v->offered_at, clock_.Now());
  EXPECT_EQ(v->offer_expires, clock_.Now() + absl::Seconds(20));
  absl::StatusOr<std::vector<ContactView>> offers = engine_->OffersFor("anna");
  ASSERT_THAT(offers, IsOk());
  ASSERT_THAT(*offers, SizeIs(1));
  EXPECT_EQ((*offers)[0].id, "t-1");
  EXPECT_THAT(*engine_->OffersFor("bram"), IsEmpty());

  ASSERT_THAT(engine_->Accept("t-1", "anna"), IsOk());
  EXPECT_THAT(*engine_->OffersFor("anna"), IsEmpty());  // accepted, not offered
  EXPECT_EQ(engine_->GetContact("t-1")->state, ContactState::kAccepted);
}

// --- Reload
// -------------------------------------------------------------------

TEST_F(EngineReloadTest, WaitingContactsKeepTheirQueueAndOrder) {
  for (int i = 0; i < 5; ++i) {
    Labelled(absl::StrCat("t-", i), Channel::kEmail, "taxes");
    clock_.Advance(absl::Seconds(1));
  }
  EngineConfig next = TestConfig();
  next.offer_timeout = absl::Seconds(45);  // any change
  ASSERT_THAT(engine_->Reload({.config = next}), IsOk());
  EXPECT_EQ(engine_->Info().generation, 2u);
  EXPECT_EQ(engine_->Stats({}).total.count(Counter::kReceived), 5u);
  // anna takes five emails at once: offered oldest first, as before.
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  EXPECT_THAT(OffersTo("anna"), ElementsAre("t-0", "t-1", "t-2", "t-3", "t-4"));
  EXPECT_EQ(engine_->GetContact("t-0")->offer_expires,
            clock_.Now() + absl::Seconds(45));  // the new configuration's
}

TEST_F(EngineReloadTest, AContactWhoseQueueIsGoneMovesWithItsAge) {
  Labelled("t-1", Channel::kEmail, "taxes");
  const absl::Time queued = clock_.Now();
  clock_.Advance(absl::Minutes(3));
  EngineConfig next = TestConfig();
  // taxes-written is dropped; taxes-online (no channels listed) now takes
  // every channel of taxes but the phone.
  next.queues.erase(std::remove_if(next.queues.begin(), next.queues.end(),
                                   [](const QueueConfig& q) {
                                     return q.id == "taxes-written";
                                   }),
                    next.queues.end());
  for (QueueConfig& q : next.queues) {
    if (q.id == "taxes-online") q.channels.clear();
  }
  ASSERT_THAT(engine_->Reload({.config = next}), IsOk());
  EXPECT_EQ(QueueOf("t-1"), "taxes-online");
  bool announced = false;
  for (const Event& e : events_) {
    if (e.type == EventType::kEscalated && e.contact_id == "t-1" &&
        e.detail.find("queue taxes-written left the configuration") !=
            std::string::npos) {
      announced = true;
    }
  }
  EXPECT_TRUE(announced);
  // Its age is kept: the wait counts from its first queueing.
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  ASSERT_THAT(engine_->Accept("t-1", "anna"), IsOk());
  const SegmentStats s = engine_->Stats({}).total;
  EXPECT_EQ(s.of(Metric::kWait).count, 1u);
  EXPECT_GE(s.of(Metric::kWait).max, clock_.Now() - queued - absl::Seconds(1));
}

TEST_F(EngineReloadTest, AContactWhoseDepartmentIsGoneGoesToTriage) {
  Labelled("w-1", Channel::kChat, "waste");
  EngineConfig next = TestConfig();
  next.departments.erase(
      std::remove_if(next.departments.begin(), next.departments.end(),
                     [](const DepartmentConfig& d) { return d.id == "waste"; }),
      next.departments.end());
  next.queues.erase(std::remove_if(next.queues.begin(), next.queues.end(),
                                   [](const QueueConfig& q) {
                                     return q.department == "waste";
                                   }),
                    next.queues.end());
  for (AgentConfig& a : next.agents) {
    a.skills.erase(
        std::remove_if(a.skills.begin(), a.skills.end(),
                       [](const SkillLevel& s) { return s.skill == "waste"; }),
        a.skills.end());
  }
  next.skills.erase(std::find(next.skills.begin(), next.skills.end(), "waste"));
  ASSERT_THAT(engine_->Reload({.config = next}), IsOk());
  absl::StatusOr<ContactView> v = engine_->GetContact("w-1");
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(v->queue, "triage");
  EXPECT_EQ(v->department, "triage");
  EXPECT_EQ(v->state, ContactState::kWaiting);
  // Statistics recorded under the old department stay.
  EXPECT_EQ(
      engine_->Stats({.department = "waste"}).total.count(Counter::kReceived),
      1u);
}

TEST_F(EngineReloadTest, AnInvalidConfigurationIsRefusedAndNothingChanges) {
  Labelled("t-1", Channel::kEmail, "taxes");
  EngineConfig bad = TestConfig();
  bad.queues[0].department = "nowhere";
  EXPECT_THAT(
      engine_->Reload({.config = bad}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nowhere")));
  EXPECT_EQ(engine_->Info().generation, 1u);
  EXPECT_EQ(QueueOf("t-1"), "taxes-written");
}

TEST_F(EngineReloadTest, AcceptedContactsStayWithTheirAgentsAcrossAReload) {
  ASSERT_THAT(engine_->SetPresence("bram", Presence::kAvailable), IsOk());
  Labelled("p-1", Channel::kPhone, "parking");
  ASSERT_THAT(engine_->Accept("p-1", "bram"), IsOk());
  Labelled("p-2", Channel::kChat, "parking");  // offered to bram
  EngineConfig next = TestConfig();
  // Skills reordered: agents' levels must follow the names, not positions.
  std::rotate(next.skills.begin(), next.skills.begin() + 1, next.skills.end());
  ASSERT_THAT(engine_->Reload({.config = next}), IsOk());
  absl::StatusOr<ContactView> p2 = engine_->GetContact("p-2");
  ASSERT_THAT(p2, IsOk());
  EXPECT_EQ(p2->state, ContactState::kOffered);
  EXPECT_EQ(p2->agent_id, "bram");
  clock_.Advance(absl::Minutes(4));
  ASSERT_THAT(engine_->Resolve("p-1", Outcome::kNeutral), IsOk());
  ASSERT_THAT(engine_->Accept("p-2", "bram"), IsOk());
  EXPECT_EQ(engine_->Stats({}).total.of(Metric::kHandle).count, 1u);
  // bram still has parking 3 (not whatever skill took its index).
  Labelled("p-3", Channel::kEmail, "parking");
  EXPECT_EQ(engine_->GetContact("p-3")->agent_id, "bram");
}

TEST_F(EngineReloadTest, ANewDepartmentIsUsableAndCountedAfterReload) {
  EngineConfig next = TestConfig();
  next.departments.push_back(
      {.id = "housing", .name = "Wonen", .labels = {"housing"}});
  next.queues.push_back({.id = "housing", .department = "housing"});
  ASSERT_THAT(engine_->Reload({.config = next}), IsOk());
  absl::StatusOr<Decision> d =
      SubmitLabelled("h-1", Channel::kEmail, "housing");
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->department, "housing");
  EXPECT_EQ(
      engine_->Stats({.department = "housing"}).total.count(Counter::kReceived),
      1u);
}

TEST_F(EngineReloadTest, AClassifierCanBeSwappedIn) {
  EXPECT_THAT(engine_->Info().model_labels, IsEmpty());
  std::vector<Example> examples;
  for (int i = 0; i < 20; ++i) {
    examples.push_back(
        {.text = absl::StrCat("aanslag belasting ", i), .label = "taxes"});
    examples.push_back({.text = absl::StrCat("parkeervergunning auto ", i),
                        .label = "parking"});
  }
  absl::StatusOr<std::unique_ptr<Classifier>> model =
      Classifier::Train(examples, ClassifierOptions());
  ASSERT_THAT(model, IsOk());
  ASSERT_THAT(engine_->Reload({.config = TestConfig(),
                               .classifier = std::shared_ptr<const Classifier>(
                                   *std::move(model))}),
              IsOk());
  EXPECT_THAT(engine_->Info().model_labels, SizeIs(2));
  absl::StatusOr<Decision> d = engine_->Submit(
      MakeContact("m-1", Channel::kEmail, "vraag over mijn parkeervergunning"));
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->label, "parking");
  // Unset classifier: the current one is kept.
  ASSERT_THAT(engine_->Reload({.config = TestConfig()}), IsOk());
  EXPECT_THAT(engine_->Info().model_labels, SizeIs(2));
  EXPECT_EQ(engine_->Info().generation, 3u);
}

// Submitting threads race a reloading thread that alternates two
// configurations a decision tells apart: A (odd generations, the test
// configuration) sends label "waste" to the waste department at the
// default priority 0; B (even generations) sends it to parking, and every
// default priority is 3. Every contact is taken exactly once, and each
// decision is wholly A's or wholly B's, the one of the generation it names
// (never a department of one with the priority of the other). The
// submitters and the reloader wait for each other at fixed counts, so that
// both configurations decide contacts whatever the interleaving.
TEST_F(EngineReloadTest, SubmitsDuringReloadsAreNeitherLostNorDoubled) {
  constexpr int kThreads = 2;
  constexpr int kPerThread = 3000;
  constexpr int kTotal = kThreads * kPerThread;
  constexpr int kReloads = 200;
  constexpr int kStep = 20;  // Submits between reloads, after the first.
  // Bounds every wait (yields): far beyond what any interleaving needs.
  constexpr int64_t kMaxSpins = 200'000'000;
  auto config_for = [](uint64_t generation) {
    EngineConfig c = TestConfig();
    if (generation % 2 == 0) {  // B
      for (DepartmentConfig& d : c.departments) {
        if (d.id == "waste") d.labels.clear();
        if (d.id == "parking") d.labels.push_back("waste");
      }
      c.thresholds.default_priority = 3;
    }
    return c;
  };
  std::atomic<int> failures{0};
  std::atomic<int> submitted{0};
  std::atomic<int> threads_done{0};
  std::atomic<int> reloads{0};
  std::thread reloader([&] {
    for (int k = 1; k <= kReloads; ++k) {
      // Reload 1 after a quarter of the contacts (all decided by A, as no
      // submitter passes its half before generation 2); reload k >= 2 once
      // kStep more contacts than half were submitted.
      const int due = k == 1 ? kTotal / 4 : kTotal / 2 + (k - 1) * kStep;
      for (int64_t spin = 0; spin < kMaxSpins && submitted.load() < due &&
                             threads_done.load() < kThreads;
           ++spin) {
        std::this_thread::yield();
      }
      if (!engine_->Reload({.config = config_for(k + 1)}).ok()) {
        failures.fetch_add(1);
      }
      reloads.fetch_add(1);
    }
  });
  std::vector<std::vector<Decision>> decisions(kThreads);
  std::vector<std::thread> submitters;
  for (int t = 0; t < kThreads; ++t) {
    submitters.emplace_back([&, t] {
      const Channel channels[] = {Channel::kEmail, Channel::kSocial,
                                  Channel::kChat, Channel::kLetter};
      for (int i = 0; i < kPerThread; ++i) {
        if (i == kPerThread / 2) {  // Half-way: wait for generation 2.
          for (int64_t spin = 0;
               spin < kMaxSpins && engine_->Info().generation < 2; ++spin) {
            std::this_thread::yield();
          }
        }
        const Contact c =
            MakeContact(absl::StrCat("c-", t, "-", i), channels[i % 4], "text");
        const Prediction p = MakePrediction(i % 2 ? "waste" : "taxes", 0.9f);
        absl::StatusOr<Decision> d =
            engine_->SubmitClassified(c, NormalizedOf(c), &p);
        if (d.ok()) {
          decisions[t].push_back(*std::move(d));
        } else {
          failures.fetch_add(1);
        }
        submitted.fetch_add(1);
      }
      threads_done.fetch_add(1);
    });
  }
  for (std::thread& t : submitters) t.join();
  reloader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(reloads.load(), kReloads);
  EXPECT_EQ(engine_->Info().generation, 1u + kReloads);

  // Each decision against the configuration of the generation it names.
  int by_a = 0, by_b = 0;
  uint64_t max_generation = 0;
  for (const std::vector<Decision>& list : decisions) {
    for (const Decision& d : list) {
      ASSERT_GE(d.generation, 1u) << d.contact_id;
      ASSERT_LE(d.generation, 1u + kReloads) << d.contact_id;
      max_generation = std::max(max_generation, d.generation);
      const bool b = d.generation % 2 == 0;
      (b ? by_b : by_a) += 1;
      EXPECT_EQ(d.priority, b ? 3 : 0) << d.contact_id;
      if (d.label == "waste") {
        EXPECT_EQ(d.department, b ? "parking" : "waste") << d.contact_id;
        EXPECT_EQ(d.queue, b ? "parking" : "waste") << d.contact_id;
      } else {
        EXPECT_EQ(d.department, "taxes") << d.contact_id;
      }
      // What the engine holds is what it answered.
      if (d.contact_id.back() == '7') {
        absl::StatusOr<ContactView> v = engine_->GetContact(d.contact_id);
        ASSERT_THAT(v, IsOk());
        EXPECT_EQ(v->department, d.department);
        EXPECT_EQ(v->priority, d.priority);
      }
    }
  }
  // The reloads overlapped the submits: generation 1 (A) decided the first
  // quarter at least, generation 2 (B) the kStep contacts before reload 2.
  EXPECT_GE(by_a, kTotal / 4);
  EXPECT_GE(by_b, kStep);
  EXPECT_GE(max_generation, 2u);

  const StatsSnapshot s = engine_->Stats({});
  EXPECT_EQ(s.total.count(Counter::kReceived), static_cast<uint64_t>(kTotal));
  uint64_t waiting = 0;
  for (const QueueStats& q : s.queues) waiting += q.waiting;
  EXPECT_EQ(waiting, static_cast<uint64_t>(kTotal));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; i += 97) {
      EXPECT_THAT(engine_->GetContact(absl::StrCat("c-", t, "-", i)), IsOk());
    }
  }
}

}  // namespace
}  // namespace switchboard
