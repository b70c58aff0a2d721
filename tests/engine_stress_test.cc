// Copyright 2026 The Switchboard Authors.
//
// engine.h: "every method may be called from any thread". Threads race
// Submit and SubmitClassified against Accept, Reject, Resolve, Abandon,
// Transfer, FirstResponse, SetPresence, RegisterAgent, Tick (with the
// clock moving) and Reload on one engine, each for a fixed number of
// iterations. The interleaving differs from run to run; what is checked
// afterwards holds for every interleaving:
//   - each contact is in exactly one place: waiting in the one queue its
//     view names (the queue sizes add up), offered to / accepted by the
//     one agent its view names (OffersFor agrees), or finished;
//   - no agent holds more of a channel than its capacity;
//   - the counters agree with the views and with the calls that succeeded.
// It runs in the Release suite, under ASan (scripts/test-sanitizers) and
// under ThreadSanitizer (scripts/test-tsan).

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
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

constexpr int kSubmitters = 2;
constexpr int kPerSubmitter = 1000;
constexpr int kAgentThreadIterations = 1500;
constexpr int kCitizenIterations = 1000;
constexpr int kControlIterations = 150;
constexpr int kReloads = 30;
// Contacts queued before the race: two taxes e-mails offered to anna, two
// waste e-mails to bram (the only agents available then).
const char* const kSeeds[] = {"seed-t1", "seed-t2", "seed-w1", "seed-w2"};
// Bounds every wait (in yields): far beyond what any interleaving needs.
constexpr int64_t kMaxSpins = 200'000'000;

const char* const kLabels[] = {"taxes", "parking", "waste", "complaints"};
const Channel kChannels[] = {Channel::kEmail, Channel::kChat, Channel::kPhone,
                             Channel::kLetter, Channel::kSocial};
const char* const kDepartments[] = {"taxes", "parking", "waste", "complaints",
                                    "triage"};

std::string IdOf(int submitter, int i) {
  return absl::StrCat("s", submitter, "-", i);
}

// erik, registered at run time with a capacity that changes.
AgentConfig Erik(int email_capacity) {
  AgentConfig erik;
  erik.id = "erik";
  erik.name = "Erik";
  erik.skills = {{"dutch", 3}, {"complaints", 5}, {"waste", 3}};
  erik.capacity = {{Channel::kEmail, email_capacity},
                   {Channel::kChat, 2},
                   {Channel::kLetter, 2}};
  erik.presence = Presence::kAvailable;
  return erik;
}
constexpr int kErikMaxEmail = 3;

// The configuration reloads alternate with: a queue more for waste's
// social contacts (removing it again moves its contacts on).
EngineConfig WithExtraQueue() {
  EngineConfig c = TestConfig();
  c.queues.insert(
      c.queues.begin(),
      {.id = "extra", .department = "waste", .channels = {Channel::kSocial}});
  return c;
}

class EngineStressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.config = TestConfig();
    options.clock = &clock_;
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(options));
    ASSERT_THAT(engine, IsOk());
    engine_ = *std::move(engine);
    // Listeners run under the engine's lock, one at a time; the counts are
    // atomics only so that the test thread may read them.
    engine_->AddListener([this](const Event& e) {
      events_[static_cast<int>(e.type)].fetch_add(1, std::memory_order_relaxed);
    });
  }

  // An error the call may give in a race (the contact moved on, is not
  // there yet, is in that department already): anything else is a bug.
  // True (and `ok` counted) when the call succeeded.
  bool Expect(const absl::Status& s, std::atomic<int>& ok) {
    if (s.ok()) {
      ok.fetch_add(1);
      return true;
    }
    switch (s.code()) {
      case absl::StatusCode::kFailedPrecondition:
      case absl::StatusCode::kNotFound:
      case absl::StatusCode::kInvalidArgument:
        break;
      default:
        unexpected_.fetch_add(1);
        ADD_FAILURE() << s;
    }
    return false;
  }

  uint64_t EventCount(EventType t) const {
    return events_[static_cast<int>(t)].load();
  }

  FakeClock clock_;
  std::unique_ptr<Engine> engine_;
  std::array<std::atomic<uint64_t>, kNumEventTypes> events_{};
  std::atomic<int> unexpected_{0};
  // Calls that succeeded.
  std::atomic<int> submitted_{0}, accepted_{0}, rejected_{0}, resolved_{0},
      abandoned_{0}, transferred_{0}, first_responses_{0}, presences_{0},
      registrations_{0}, reloads_{0}, ignored_{0};
};

TEST_F(EngineStressTest, RacingCallsKeepEveryContactInOnePlace) {
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  ASSERT_THAT(engine_->SetPresence("bram", Presence::kAvailable), IsOk());
  for (const char* id : kSeeds) {
    const Contact c = MakeContact(id, Channel::kEmail, "seed");
    const Prediction p = MakePrediction(id[5] == 't' ? "taxes" : "waste", 0.9f);
    ASSERT_THAT(engine_->SubmitClassified(c, NormalizedOf(c), &p), IsOk());
  }
  ASSERT_EQ(engine_->OffersFor("anna")->size(), 2u);
  ASSERT_EQ(engine_->OffersFor("bram")->size(), 2u);
  // Every thread starts at once; time does not move until each agent
  // desk has looked at its offers once (so the seeds' offers stand then,
  // and the desks' first round, which accepts and resolves, has work).
  std::atomic<bool> go{false};
  std::atomic<int> desks_started{0};
  auto wait_for = [](auto&& ready) {
    for (int64_t spin = 0; spin < kMaxSpins && !ready(); ++spin) {
      std::this_thread::yield();
    }
  };
  std::vector<std::thread> threads;
  // Submitters: three in four contacts come classified by the caller, the
  // fourth through the engine's own normalizer (rules only: triage).
  for (int t = 0; t < kSubmitters; ++t) {
    threads.emplace_back([this, t, &go, &wait_for] {
      wait_for([&] { return go.load(); });
      for (int i = 0; i < kPerSubmitter; ++i) {
        const Channel channel = kChannels[(i + t) % 5];
        const Contact c =
            MakeContact(IdOf(t, i), channel, absl::StrCat("vraag nummer ", i));
        absl::Status s;
        if (i % 4 == 3) {
          s = engine_->Submit(c).status();
        } else {
          const Prediction p = MakePrediction(kLabels[i % 4], 0.9f);
          s = engine_->SubmitClassified(c, NormalizedOf(c), &p).status();
        }
        if (s.ok()) {
          submitted_.fetch_add(1);
        } else {
          unexpected_.fetch_add(1);
          ADD_FAILURE() << s;
        }
      }
    });
  }
  // Agents' desktops: take or refuse what is offered, answer, resolve or
  // pass on what they hold.
  const std::vector<std::vector<std::string>> desks = {
      {"anna", "chris"}, {"bram", "dewi", "erik"}};
  for (size_t d = 0; d < desks.size(); ++d) {
    threads.emplace_back([this, d, agents = desks[d], &go, &desks_started,
                          &wait_for] {
      wait_for([&] { return go.load(); });
      std::mt19937 rng(static_cast<uint32_t>(17 + d));
      std::vector<std::string> held;
      for (int i = 0; i < kAgentThreadIterations; ++i) {
        if (i == 1) desks_started.fetch_add(1);
        const std::string& agent = agents[i % agents.size()];
        absl::StatusOr<std::vector<ContactView>> offers =
            engine_->OffersFor(agent);
        if (!offers.ok()) {
          Expect(offers.status(), ignored_);  // erik: not yet registered.
          continue;
        }
        for (const ContactView& v : *offers) {
          if (i > 0 && rng() % 4 == 0) {
            Expect(engine_->Reject(v.id, agent), rejected_);
          } else {
            if (Expect(engine_->Accept(v.id, agent), accepted_)) {
              held.push_back(v.id);
            }
          }
        }
        if (held.empty()) continue;
        const size_t pick = rng() % held.size();
        const std::string id = held[pick];
        switch (i == 0 ? 3 : rng() % 4) {
          case 0:
            Expect(engine_->FirstResponse(id), first_responses_);
            break;
          case 1:
            Expect(engine_->Transfer(id, kDepartments[rng() % 5], "elsewhere"),
                   transferred_);
            held.erase(held.begin() + static_cast<long>(pick));
            break;
          default:
            // Never unfavourable: no call-back tasks, so that every
            // contact the engine holds is one a submitter sent.
            Expect(engine_->Resolve(id, rng() % 2 ? Outcome::kFavourable
                                                  : Outcome::kNeutral),
                   resolved_);
            held.erase(held.begin() + static_cast<long>(pick));
        }
      }
    });
  }
  // Citizens who give up, and contacts moved while they wait.
  threads.emplace_back([this, &go, &wait_for] {
    wait_for([&] { return go.load(); });
    std::mt19937 rng(99);
    for (int i = 0; i < kCitizenIterations; ++i) {
      const std::string id = IdOf(rng() % kSubmitters, rng() % kPerSubmitter);
      if (i % 3 == 0) {
        Expect(engine_->Transfer(id, kDepartments[rng() % 5], "moved"),
               transferred_);
      } else {
        Expect(engine_->Abandon(id), abandoned_);
      }
    }
  });
  // Supervisors: presence, a run-time agent whose capacity changes, and
  // time passing (offer timeouts at 20 s, escalation steps at 2 and 10
  // minutes; 150 x 4 s stays well inside the finished contacts' hour).
  threads.emplace_back([this, &go, &desks_started, &desks, &wait_for] {
    wait_for([&] { return go.load(); });
    wait_for(
        [&] { return desks_started.load() == static_cast<int>(desks.size()); });
    const char* const agents[] = {"anna", "bram", "chris", "dewi", "erik"};
    const Presence presences[] = {Presence::kAvailable, Presence::kAvailable,
                                  Presence::kAway, Presence::kOffline};
    for (int i = 0; i < kControlIterations; ++i) {
      Expect(engine_->SetPresence(agents[i % 5], presences[(i / 5) % 4]),
             presences_);
      if (i % 10 == 0) {
        Expect(
            engine_->RegisterAgent(Erik(1 + (i / 10) % kErikMaxEmail)).status(),
            registrations_);
      }
      clock_.Advance(absl::Seconds(4));
      engine_->Tick();
    }
  });
  threads.emplace_back([this, &go, &wait_for] {
    wait_for([&] { return go.load(); });
    for (int i = 0; i < kReloads; ++i) {
      Expect(
          engine_->Reload({.config = i % 2 ? TestConfig() : WithExtraQueue()}),
          reloads_);
      std::this_thread::yield();
    }
  });
  go = true;
  for (std::thread& t : threads) t.join();

  ASSERT_EQ(unexpected_.load(), 0);
  ASSERT_EQ(submitted_.load(), kSubmitters * kPerSubmitter);
  EXPECT_EQ(reloads_.load(), kReloads);
  EXPECT_EQ(engine_->Info().generation, 1u + kReloads);

  // Every contact, where the engine says it is.
  std::map<ContactState, int> states;
  std::map<std::string, int> waiting_in;       // Queue id -> contacts.
  std::map<std::string, std::string> offered;  // Contact -> agent.
  // Agent -> channel -> contacts offered or accepted.
  std::map<std::string, std::map<Channel, int>> load;
  std::vector<std::string> ids(std::begin(kSeeds), std::end(kSeeds));
  for (int t = 0; t < kSubmitters; ++t) {
    for (int i = 0; i < kPerSubmitter; ++i) ids.push_back(IdOf(t, i));
  }
  for (const std::string& id : ids) {
    absl::StatusOr<ContactView> v = engine_->GetContact(id);
    ASSERT_THAT(v, IsOk());
    ++states[v->state];
    switch (v->state) {
      case ContactState::kWaiting:
        EXPECT_EQ(v->agent_id, "") << v->id;
        EXPECT_NE(v->queue, "") << v->id;
        ++waiting_in[v->queue];
        break;
      case ContactState::kOffered:
        offered[v->id] = v->agent_id;
        [[fallthrough]];
      case ContactState::kAccepted:
        EXPECT_NE(v->agent_id, "") << v->id;
        ++load[v->agent_id][v->channel];
        break;
      default:
        EXPECT_EQ(v->agent_id, "") << v->id;
    }
  }
  const StatsSnapshot s = engine_->Stats({});
  // Waiting in exactly the queue the view names, once.
  std::map<std::string, int> queue_sizes;
  for (const QueueStats& q : s.queues) {
    if (q.waiting > 0) queue_sizes[q.queue] = static_cast<int>(q.waiting);
  }
  EXPECT_EQ(queue_sizes, waiting_in);
  // Offered to exactly the agent the view names.
  std::map<std::string, std::string> offers_seen;
  const EngineConfig config = TestConfig();
  std::vector<AgentConfig> agents = config.agents;
  agents.push_back(Erik(kErikMaxEmail));
  for (const AgentConfig& a : agents) {
    absl::StatusOr<std::vector<ContactView>> offers = engine_->OffersFor(a.id);
    ASSERT_THAT(offers, IsOk()) << a.id;
    for (const ContactView& v : *offers) {
      EXPECT_TRUE(offers_seen.emplace(v.id, a.id).second) << v.id;
    }
    // Never over capacity (erik: the largest he was registered with, as a
    // lower one takes nothing away).
    for (const auto& [channel, n] : load[a.id]) {
      auto cap = a.capacity.find(channel);
      ASSERT_NE(cap, a.capacity.end()) << a.id << " " << ChannelName(channel);
      EXPECT_LE(n, cap->second) << a.id << " " << ChannelName(channel);
    }
  }
  EXPECT_EQ(offers_seen, offered);

  // Counters against the views and the calls.
  const SegmentStats& total = s.total;
  const uint64_t received = ids.size();
  EXPECT_EQ(total.count(Counter::kReceived), received);
  EXPECT_EQ(total.count(Counter::kRouted) + total.count(Counter::kTriaged) +
                total.count(Counter::kSelfServed),
            received);
  EXPECT_EQ(total.count(Counter::kCallBackScheduled), 0u);
  EXPECT_EQ(total.count(Counter::kQueued),
            received - total.count(Counter::kSelfServed));
  int in_states = 0;
  for (const auto& [state, n] : states) in_states += n;
  EXPECT_EQ(in_states, static_cast<int>(received));
  EXPECT_EQ(total.count(Counter::kResolved),
            static_cast<uint64_t>(states[ContactState::kResolved]));
  EXPECT_EQ(total.count(Counter::kResolved),
            static_cast<uint64_t>(resolved_.load()));
  EXPECT_EQ(total.count(Counter::kAbandoned),
            static_cast<uint64_t>(states[ContactState::kAbandoned]));
  EXPECT_EQ(total.count(Counter::kAbandoned),
            static_cast<uint64_t>(abandoned_.load()));
  EXPECT_EQ(total.count(Counter::kSelfServed),
            static_cast<uint64_t>(states[ContactState::kSelfServed]));
  EXPECT_EQ(total.count(Counter::kAccepted),
            static_cast<uint64_t>(accepted_.load()));
  EXPECT_EQ(total.count(Counter::kOfferRejected),
            static_cast<uint64_t>(rejected_.load()));
  EXPECT_EQ(total.count(Counter::kTransferredOut),
            static_cast<uint64_t>(transferred_.load()));
  EXPECT_EQ(total.count(Counter::kTransferredIn),
            static_cast<uint64_t>(transferred_.load()));
  uint64_t matrix = 0;
  for (const TransferCount& t : s.transfers) matrix += t.count;
  EXPECT_EQ(matrix, static_cast<uint64_t>(transferred_.load()));
  // Every offer ended exactly one way, or still stands.
  EXPECT_EQ(total.count(Counter::kOffered),
            total.count(Counter::kAccepted) +
                total.count(Counter::kOfferRejected) +
                total.count(Counter::kOfferTimedOut) +
                EventCount(EventType::kOfferWithdrawn) + offered.size());
  EXPECT_EQ(total.count(Counter::kOffered), EventCount(EventType::kOffered));
  EXPECT_EQ(total.count(Counter::kAccepted), EventCount(EventType::kAccepted));
  EXPECT_EQ(received, EventCount(EventType::kReceived));
  EXPECT_EQ(s.agents_available + s.agents_away + s.agents_offline,
            agents.size());
  // The race did happen: work was offered, taken, finished (the desks'
  // first round guarantees these, whatever the interleaving).
  EXPECT_GT(accepted_.load(), 0);
  EXPECT_GT(resolved_.load() + abandoned_.load(), 0);
  EXPECT_GT(registrations_.load(), 0);
  // For the log: how much of each happened in this interleaving.
  RecordProperty(
      "summary",
      absl::StrCat(
          "accepted=", accepted_.load(), " rejected=", rejected_.load(),
          " resolved=", resolved_.load(), " abandoned=", abandoned_.load(),
          " transferred=", transferred_.load(),
          " timed_out=", total.count(Counter::kOfferTimedOut),
          " withdrawn=", EventCount(EventType::kOfferWithdrawn),
          " escalated=", total.count(Counter::kEscalated)));
}

}  // namespace
}  // namespace switchboard
