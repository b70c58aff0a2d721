// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/agent_pool.h"

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"

// Designated initializers leave the fields they do not name at their
// documented defaults on purpose; GCC 12's -Wextra warns about that.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace switchboard {
namespace {

using ::testing::ElementsAre;

const absl::Time kT0 = absl::FromUnixSeconds(1'767'225'600);

// Skill indexes, as the engine resolves them from EngineConfig::skills.
constexpr uint16_t kDutch = 0;
constexpr uint16_t kTaxes = 1;
constexpr uint16_t kParking = 2;

const absl::flat_hash_map<std::string, int>& SkillIndex() {
  static const auto* index = new absl::flat_hash_map<std::string, int>{
      {"dutch", kDutch}, {"taxes", kTaxes}, {"parking", kParking}};
  return *index;
}

AgentConfig Agent(std::string id, std::vector<SkillLevel> skills,
                  std::map<Channel, int> capacity = {{Channel::kPhone, 1},
                                                     {Channel::kChat, 3}}) {
  AgentConfig a;
  a.id = std::move(id);
  a.name = a.id;
  a.skills = std::move(skills);
  a.capacity = std::move(capacity);
  return a;
}

SkillNeeds Needs(std::initializer_list<SkillNeed> needs) {
  return SkillNeeds(needs);
}

const absl::InlinedVector<int, 2> kNoExclude;

class AgentPoolTest : public ::testing::Test {
 protected:
  // Agents 0..n-1, all offline at kT0.
  void Build(const std::vector<AgentConfig>& agents) {
    pool_ = std::make_unique<AgentPool>(agents, SkillIndex(), kT0);
  }
  // Makes agent `i` available at kT0 + `minutes`.
  void AvailableAt(int i, int minutes) {
    pool_->SetPresence(i, Presence::kAvailable, kT0 + absl::Minutes(minutes));
  }
  int Choose(Channel channel, const SkillNeeds& needs,
             AssignmentStrategy strategy,
             const absl::InlinedVector<int, 2>& exclude = kNoExclude) {
    return pool_->Choose(channel, needs, strategy, exclude);
  }

  std::unique_ptr<AgentPool> pool_;
};

TEST_F(AgentPoolTest, BuildsAgentsFromConfig) {
  Build({Agent("anna", {{"taxes", 4}, {"dutch", 15}, {"klingon", 3}}),
         Agent("bram", {}, {{Channel::kEmail, 5}, {Channel::kLetter, -2}})});
  ASSERT_EQ(pool_->size(), 2u);
  EXPECT_EQ(pool_->Find("anna"), 0);
  EXPECT_EQ(pool_->Find("bram"), 1);
  EXPECT_EQ(pool_->Find("nobody"), -1);

  const AgentState& anna = pool_->agent(0);
  // Levels are clamped to 1..10; unknown skills are ignored.
  EXPECT_THAT(anna.level, ElementsAre(10, 4, 0));
  EXPECT_EQ(anna.capacity[static_cast<int>(Channel::kPhone)], 1);
  EXPECT_EQ(anna.capacity[static_cast<int>(Channel::kChat)], 3);
  EXPECT_EQ(anna.capacity[static_cast<int>(Channel::kEmail)], 0);
  EXPECT_EQ(anna.total_capacity, 4);
  EXPECT_EQ(anna.presence, Presence::kOffline);
  EXPECT_EQ(anna.idle_since, kT0);

  // A negative capacity counts as none.
  const AgentState& bram = pool_->agent(1);
  EXPECT_EQ(bram.capacity[static_cast<int>(Channel::kLetter)], 0);
  EXPECT_EQ(bram.total_capacity, 5);
}

TEST_F(AgentPoolTest, CanTakeOnlyWhenAvailable) {
  Build({Agent("anna", {{"taxes", 2}})});
  const SkillNeeds taxes = Needs({{kTaxes, 1}});
  EXPECT_FALSE(pool_->CanTake(0, Channel::kPhone, taxes));  // Offline.
  pool_->SetPresence(0, Presence::kAvailable, kT0);
  EXPECT_TRUE(pool_->CanTake(0, Channel::kPhone, taxes));
  pool_->SetPresence(0, Presence::kAway, kT0);
  EXPECT_FALSE(pool_->CanTake(0, Channel::kPhone, taxes));
  pool_->SetPresence(0, Presence::kOffline, kT0);
  EXPECT_FALSE(pool_->CanTake(0, Channel::kPhone, taxes));
  // Skills alone do not depend on presence.
  EXPECT_TRUE(pool_->HasSkills(0, taxes));
}

TEST_F(AgentPoolTest, CanTakeNeedsRoomOnThatChannel) {
  Build({Agent("anna", {}, {{Channel::kPhone, 1}, {Channel::kChat, 3}})});
  AvailableAt(0, 0);
  EXPECT_TRUE(pool_->CanTake(0, Channel::kPhone, {}));
  EXPECT_TRUE(pool_->CanTake(0, Channel::kChat, {}));
  // A channel the agent has no capacity for is never taken.
  EXPECT_FALSE(pool_->CanTake(0, Channel::kEmail, {}));

  pool_->AddLoad(0, Channel::kPhone, kT0);
  EXPECT_FALSE(pool_->CanTake(0, Channel::kPhone, {}));
  EXPECT_TRUE(pool_->CanTake(0, Channel::kChat, {}));  // Chat has its own.
  pool_->ReleaseLoad(0, Channel::kPhone, kT0);
  EXPECT_TRUE(pool_->CanTake(0, Channel::kPhone, {}));
}

TEST_F(AgentPoolTest, CanTakeNeedsEverySkillAtItsLevel) {
  Build({Agent("anna", {{"dutch", 5}, {"taxes", 2}})});
  AvailableAt(0, 0);
  EXPECT_TRUE(pool_->CanTake(0, Channel::kPhone, {}));
  EXPECT_TRUE(pool_->CanTake(0, Channel::kPhone, Needs({{kTaxes, 2}})));
  EXPECT_FALSE(pool_->CanTake(0, Channel::kPhone, Needs({{kTaxes, 3}})));
  EXPECT_FALSE(pool_->CanTake(0, Channel::kPhone, Needs({{kParking, 1}})));
  EXPECT_TRUE(
      pool_->CanTake(0, Channel::kPhone, Needs({{kDutch, 5}, {kTaxes, 1}})));
  EXPECT_FALSE(
      pool_->CanTake(0, Channel::kPhone, Needs({{kDutch, 5}, {kParking, 1}})));
  EXPECT_FALSE(pool_->HasSkills(0, Needs({{kDutch, 6}})));
}

TEST_F(AgentPoolTest, LongestIdlePrefersTheEarliestIdleAgent) {
  Build({Agent("a", {}), Agent("b", {}), Agent("c", {})});
  AvailableAt(1, 1);
  AvailableAt(0, 2);
  AvailableAt(2, 3);
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 1);

  // An agent with something in hand comes after idle ones, however long
  // ago it became available.
  pool_->AddLoad(1, Channel::kChat, kT0 + absl::Minutes(4));
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 0);

  // Finishing its work makes b idle from now: the last in line.
  pool_->ReleaseLoad(1, Channel::kChat, kT0 + absl::Minutes(5));
  EXPECT_EQ(pool_->agent(1).idle_since, kT0 + absl::Minutes(5));
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 0);
  pool_->AddLoad(0, Channel::kChat, kT0 + absl::Minutes(6));
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 2);
}

TEST_F(AgentPoolTest, BecomingAvailableAgainRestartsIdleTime) {
  Build({Agent("a", {}), Agent("b", {})});
  AvailableAt(0, 1);
  AvailableAt(1, 2);
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 0);
  pool_->SetPresence(0, Presence::kAway, kT0 + absl::Minutes(3));
  AvailableAt(0, 4);
  EXPECT_EQ(pool_->agent(0).idle_since, kT0 + absl::Minutes(4));
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 1);
  // Setting "available" while already available changes nothing.
  AvailableAt(1, 9);
  EXPECT_EQ(pool_->agent(1).idle_since, kT0 + absl::Minutes(2));
}

TEST_F(AgentPoolTest, LeastOccupiedComparesShareOfCapacity) {
  // a can hold 4 at once, b 8.
  Build({Agent("a", {}, {{Channel::kPhone, 1}, {Channel::kChat, 3}}),
         Agent("b", {}, {{Channel::kChat, 3}, {Channel::kEmail, 5}})});
  AvailableAt(0, 0);
  AvailableAt(1, 1);
  // Both empty: the tie goes to the longer idle.
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLeastOccupied), 0);
  pool_->AddLoad(0, Channel::kChat, kT0);
  pool_->AddLoad(1, Channel::kChat, kT0);
  // One each: a is 1/4 busy, b 1/8. Longest idle would still pick a.
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 0);
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLeastOccupied), 1);
  pool_->AddLoad(1, Channel::kEmail, kT0);
  pool_->AddLoad(1, Channel::kEmail, kT0);
  // b now 3/8 > 1/4.
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLeastOccupied), 0);
}

TEST_F(AgentPoolTest, RoundRobinRotatesThroughEligibleAgents) {
  Build({Agent("a", {}), Agent("b", {}), Agent("c", {})});
  // Availability order must not matter to round robin.
  AvailableAt(2, 0);
  AvailableAt(1, 1);
  AvailableAt(0, 2);
  std::vector<int> picks;
  for (int k = 0; k < 4; ++k) {
    picks.push_back(
        Choose(Channel::kChat, {}, AssignmentStrategy::kRoundRobin));
  }
  EXPECT_THAT(picks, ElementsAre(0, 1, 2, 0));

  // An agent who cannot take the contact is skipped, and the rotation
  // continues after whoever was picked.
  pool_->SetPresence(2, Presence::kAway, kT0);
  picks.clear();
  for (int k = 0; k < 4; ++k) {
    picks.push_back(
        Choose(Channel::kChat, {}, AssignmentStrategy::kRoundRobin));
  }
  EXPECT_THAT(picks, ElementsAre(1, 0, 1, 0));
}

TEST_F(AgentPoolTest, BestSkillMatchPrefersTheHighestTotalLevel) {
  Build({Agent("a", {{"taxes", 2}, {"dutch", 5}}),
         Agent("b", {{"taxes", 5}, {"dutch", 1}}),
         Agent("c", {{"taxes", 3}, {"dutch", 4}})});
  AvailableAt(0, 0);
  AvailableAt(1, 1);
  AvailableAt(2, 2);
  EXPECT_EQ(Choose(Channel::kPhone, Needs({{kTaxes, 1}}),
                   AssignmentStrategy::kBestSkillMatch),
            1);
  // Over both skills: a 7, b 6, c 7; the tie goes to the longer idle.
  EXPECT_EQ(Choose(Channel::kPhone, Needs({{kTaxes, 1}, {kDutch, 1}}),
                   AssignmentStrategy::kBestSkillMatch),
            0);
  // The minimum level still filters first.
  EXPECT_EQ(Choose(Channel::kPhone, Needs({{kTaxes, 1}, {kDutch, 6}}),
                   AssignmentStrategy::kBestSkillMatch),
            -1);
}

TEST_F(AgentPoolTest, ExcludedAgentsAreSkipped) {
  Build({Agent("a", {{"taxes", 5}}), Agent("b", {{"taxes", 3}}),
         Agent("c", {{"taxes", 1}})});
  AvailableAt(0, 0);
  AvailableAt(1, 1);
  AvailableAt(2, 2);
  const SkillNeeds taxes = Needs({{kTaxes, 1}});
  for (AssignmentStrategy s :
       {AssignmentStrategy::kLongestIdle, AssignmentStrategy::kLeastOccupied,
        AssignmentStrategy::kBestSkillMatch}) {
    SCOPED_TRACE(StrategyName(s));
    EXPECT_EQ(Choose(Channel::kPhone, taxes, s), 0);
    EXPECT_EQ(Choose(Channel::kPhone, taxes, s, {0}), 1);
    EXPECT_EQ(Choose(Channel::kPhone, taxes, s, {0, 1}), 2);
    EXPECT_EQ(Choose(Channel::kPhone, taxes, s, {1, 0}), 2);
    EXPECT_EQ(Choose(Channel::kPhone, taxes, s, {0, 1, 2}), -1);
  }
  EXPECT_EQ(
      Choose(Channel::kPhone, taxes, AssignmentStrategy::kRoundRobin, {0, 1}),
      2);
  EXPECT_EQ(Choose(Channel::kPhone, taxes, AssignmentStrategy::kRoundRobin,
                   {0, 1, 2}),
            -1);
}

TEST_F(AgentPoolTest, NobodyToChoose) {
  Build({Agent("a", {{"taxes", 1}}), Agent("b", {})});
  // All offline.
  EXPECT_EQ(Choose(Channel::kPhone, {}, AssignmentStrategy::kLongestIdle), -1);
  AvailableAt(1, 0);
  // Available, but without the skill or the channel.
  EXPECT_EQ(Choose(Channel::kPhone, Needs({{kTaxes, 1}}),
                   AssignmentStrategy::kLongestIdle),
            -1);
  EXPECT_EQ(Choose(Channel::kEmail, {}, AssignmentStrategy::kLongestIdle), -1);
  EXPECT_EQ(Choose(Channel::kPhone, {}, AssignmentStrategy::kLongestIdle), 1);
}

TEST_F(AgentPoolTest, FreeAgentsFollowsLoadAndPresence) {
  Build({Agent("a", {}, {{Channel::kPhone, 1}, {Channel::kChat, 3}}),
         Agent("b", {}, {{Channel::kChat, 1}})});
  EXPECT_EQ(pool_->FreeAgents(Channel::kPhone), 0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 0);

  AvailableAt(0, 0);
  AvailableAt(1, 0);
  AvailableAt(1, 0);  // Twice: counted once.
  EXPECT_EQ(pool_->FreeAgents(Channel::kPhone), 1);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 2);
  EXPECT_EQ(pool_->FreeAgents(Channel::kEmail), 0);

  pool_->AddLoad(0, Channel::kPhone, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kPhone), 0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 2);

  pool_->AddLoad(1, Channel::kChat, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 1);
  pool_->AddLoad(0, Channel::kChat, kT0);
  pool_->AddLoad(0, Channel::kChat, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 1);
  pool_->AddLoad(0, Channel::kChat, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 0);

  pool_->ReleaseLoad(0, Channel::kChat, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 1);
  // Going away takes the agent out of every channel's count; coming back
  // restores exactly the room left.
  pool_->SetPresence(0, Presence::kAway, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 0);
  AvailableAt(0, 1);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 1);
  EXPECT_EQ(pool_->FreeAgents(Channel::kPhone), 0);

  pool_->ReleaseLoad(0, Channel::kPhone, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kPhone), 1);
  // Releasing what is not held changes nothing.
  pool_->ReleaseLoad(0, Channel::kPhone, kT0);
  EXPECT_EQ(pool_->agent(0).load[static_cast<int>(Channel::kPhone)], 0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kPhone), 1);
}

TEST_F(AgentPoolTest, DefaultCapacityIsOneCallAndThreeChats) {
  AgentConfig config;  // Default capacity.
  config.id = "a";
  Build({config});
  AvailableAt(0, 0);

  EXPECT_EQ(Choose(Channel::kPhone, {}, AssignmentStrategy::kLongestIdle), 0);
  pool_->AddLoad(0, Channel::kPhone, kT0);
  EXPECT_EQ(Choose(Channel::kPhone, {}, AssignmentStrategy::kLongestIdle), -1);

  for (int k = 0; k < 3; ++k) {
    ASSERT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), 0)
        << "chat " << k + 1;
    pool_->AddLoad(0, Channel::kChat, kT0);
  }
  EXPECT_EQ(Choose(Channel::kChat, {}, AssignmentStrategy::kLongestIdle), -1);
  EXPECT_FALSE(pool_->CanTake(0, Channel::kChat, {}));
  // Emails have their own five slots.
  EXPECT_TRUE(pool_->CanTake(0, Channel::kEmail, {}));
  EXPECT_EQ(pool_->agent(0).total_load, 4);
}

TEST_F(AgentPoolTest, PresenceCounts) {
  Build({Agent("a", {}), Agent("b", {}), Agent("c", {})});
  EXPECT_THAT(pool_->PresenceCounts(), ElementsAre(3, 0, 0));
  AvailableAt(0, 0);
  pool_->SetPresence(1, Presence::kAway, kT0);
  // Indexed by Presence: offline, available, away.
  EXPECT_THAT(pool_->PresenceCounts(), ElementsAre(1, 1, 1));
}

TEST_F(AgentPoolTest, UpsertAddsNewAgentsAndUpdatesKnownOnesInPlace) {
  Build({Agent("anna", {{"taxes", 4}})});
  AvailableAt(0, 0);
  pool_->AddLoad(0, Channel::kChat, kT0);
  EXPECT_TRUE(pool_->Upsert(Agent("bram", {{"parking", 2}}), SkillIndex(), kT0));
  EXPECT_EQ(pool_->Find("bram"), 1);
  // anna: new skills and capacity; presence and load stay, index stays.
  EXPECT_FALSE(pool_->Upsert(Agent("anna", {{"parking", 5}},
                                   {{Channel::kChat, 1}}),
                             SkillIndex(), kT0));
  EXPECT_EQ(pool_->Find("anna"), 0);
  const AgentState& anna = pool_->agent(0);
  EXPECT_THAT(anna.level, ElementsAre(0, 0, 5));
  EXPECT_EQ(anna.presence, Presence::kAvailable);
  EXPECT_EQ(anna.load[static_cast<int>(Channel::kChat)], 1);
  // Capacity 1 chat, 1 in hand: no room, and the free count knows it.
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 0);
  pool_->ReleaseLoad(0, Channel::kChat, kT0);
  EXPECT_EQ(pool_->FreeAgents(Channel::kChat), 1);
}

TEST_F(AgentPoolTest, RemapSkillsFollowsSkillNames) {
  Build({Agent("anna", {{"taxes", 4}, {"dutch", 7}})});
  // The new list drops "dutch" and puts "parking" before "taxes".
  const absl::flat_hash_map<std::string, int> next = {
      {"parking", 0}, {"taxes", 1}, {"english", 2}};
  pool_->RemapSkills({"dutch", "taxes", "parking"}, next);
  EXPECT_THAT(pool_->agent(0).level, ElementsAre(0, 4, 0));
}

}  // namespace
}  // namespace switchboard
