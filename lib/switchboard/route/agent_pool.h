// Copyright 2026 The Switchboard Authors.
//
// agent_pool.h: the agents, their skills (with levels), capacity per
// channel (e.g. one call, three chats, five emails at once), current load
// and presence, and the strategies that pick one agent for a contact:
// longest idle, least occupied, round robin, best skill match.
//
// Not thread-safe: the engine guards it.

#ifndef SWITCHBOARD_ROUTE_AGENT_POOL_H_
#define SWITCHBOARD_ROUTE_AGENT_POOL_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/config/engine_config.h"

namespace switchboard {

inline constexpr int kChannelSlots = 8;  // Channel enum values 0..7.

// A required skill by index into EngineConfig::skills, with a minimum level.
struct SkillNeed {
  uint16_t skill = 0;
  uint8_t min_level = 1;
};
using SkillNeeds = absl::InlinedVector<SkillNeed, 4>;

struct AgentState {
  std::string id;
  std::string name;
  std::vector<uint8_t> level;  // Per skill index; 0 = does not have it.
  std::array<int, kChannelSlots> capacity{};
  std::array<int, kChannelSlots> load{};
  Presence presence = Presence::kOffline;
  // When the agent last became idle (nothing in hand) or available; the
  // longest-idle strategy prefers the earliest.
  absl::Time idle_since = absl::InfinitePast();
  int total_load = 0;
  int total_capacity = 0;
};

class AgentPool {
 public:
  // Builds the pool from config; skill names are resolved with
  // `skill_index` (ValidateConfig has checked they exist).
  AgentPool(const std::vector<AgentConfig>& agents,
            const absl::flat_hash_map<std::string, int>& skill_index,
            absl::Time now);

  // Adds an agent (true), or updates the known agent with that id (false):
  // name, skills and capacity change; presence, load and idle time stay.
  // Indexes of existing agents never change.
  bool Upsert(const AgentConfig& agent,
              const absl::flat_hash_map<std::string, int>& skill_index,
              absl::Time now);
  // Re-indexes every agent's skill levels after the skill list changed
  // (`old_skills` is the list the levels were indexed by): levels follow
  // their skill's name; skills gone from `index` are dropped.
  void RemapSkills(const std::vector<std::string>& old_skills,
                   const absl::flat_hash_map<std::string, int>& index);

  int Find(absl::string_view id) const;  // -1 if unknown
  size_t size() const { return agents_.size(); }
  const AgentState& agent(int i) const { return agents_[i]; }

  // Whether agent `i` may take a contact on `channel` needing `needs` now.
  bool CanTake(int i, Channel channel, const SkillNeeds& needs) const;
  // Whether agent `i` has the skills (ignores presence and load).
  bool HasSkills(int i, const SkillNeeds& needs) const;

  // Picks an agent for a contact by `strategy`, skipping `exclude` (agents
  // who rejected it). -1 when none can take it. O(agents).
  int Choose(Channel channel, const SkillNeeds& needs,
             AssignmentStrategy strategy,
             const absl::InlinedVector<int, 2>& exclude);

  // Load changes (an offer reserves capacity; accept keeps it; reject,
  // timeout, transfer and resolve release it).
  void AddLoad(int i, Channel channel, absl::Time now);
  void ReleaseLoad(int i, Channel channel, absl::Time now);
  void SetPresence(int i, Presence p, absl::Time now);

  // Available agents with room for `channel`: when zero, no contact on that
  // channel can be assigned and Choose need not scan.
  int FreeAgents(Channel channel) const {
    return free_[static_cast<int>(channel)];
  }
  // Counts by presence.
  std::array<uint64_t, 3> PresenceCounts() const;

 private:
  bool HasRoom(const AgentState& a, int ch) const {
    return a.presence == Presence::kAvailable && a.load[ch] < a.capacity[ch];
  }
  // Recomputes agent i's contribution to free_ around a change.
  template <typename F>
  void Update(int i, F change);

  std::vector<AgentState> agents_;
  absl::flat_hash_map<std::string, int> index_;
  std::array<int, kChannelSlots> free_{};
  size_t round_robin_next_ = 0;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_AGENT_POOL_H_
