// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/agent_pool.h"

#include <algorithm>

namespace switchboard {

AgentPool::AgentPool(const std::vector<AgentConfig>& agents,
                     const absl::flat_hash_map<std::string, int>& skill_index,
                     absl::Time now) {
  agents_.reserve(agents.size());
  for (const AgentConfig& c : agents) Upsert(c, skill_index, now);
}

namespace {

// Name, skill levels and capacity of `c` into `a` (not presence or load).
void ApplyConfig(const AgentConfig& c,
                 const absl::flat_hash_map<std::string, int>& skill_index,
                 AgentState& a) {
  a.name = c.name;
  a.level.assign(skill_index.size(), 0);
  for (const SkillLevel& s : c.skills) {
    auto it = skill_index.find(s.skill);
    if (it != skill_index.end()) {
      a.level[it->second] = static_cast<uint8_t>(std::clamp(s.level, 1, 10));
    }
  }
  a.capacity.fill(0);
  a.total_capacity = 0;
  for (const auto& [channel, cap] : c.capacity) {
    const int ch = static_cast<int>(channel);
    if (ch < 0 || ch >= kChannelSlots) continue;
    a.capacity[ch] = std::max(cap, 0);
    a.total_capacity += std::max(cap, 0);
  }
}

}  // namespace

bool AgentPool::Upsert(const AgentConfig& c,
                       const absl::flat_hash_map<std::string, int>& skill_index,
                       absl::Time now) {
  const int existing = Find(c.id);
  if (existing >= 0) {
    Update(existing,
           [&](AgentState& a) { ApplyConfig(c, skill_index, a); });
    return false;
  }
  AgentState a;
  a.id = c.id;
  ApplyConfig(c, skill_index, a);
  a.presence = c.presence;
  a.idle_since = now;
  index_[a.id] = static_cast<int>(agents_.size());
  agents_.push_back(std::move(a));
  for (int ch = 0; ch < kChannelSlots; ++ch) {
    if (HasRoom(agents_.back(), ch)) ++free_[ch];
  }
  return true;
}

void AgentPool::RemapSkills(const std::vector<std::string>& old_skills,
                            const absl::flat_hash_map<std::string, int>& index) {
  for (AgentState& a : agents_) {
    std::vector<uint8_t> level(index.size(), 0);
    for (size_t old = 0; old < a.level.size() && old < old_skills.size();
         ++old) {
      if (a.level[old] == 0) continue;
      auto it = index.find(old_skills[old]);
      if (it != index.end()) level[it->second] = a.level[old];
    }
    a.level = std::move(level);
  }
}

int AgentPool::Find(absl::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : it->second;
}

bool AgentPool::HasSkills(int i, const SkillNeeds& needs) const {
  const AgentState& a = agents_[i];
  for (const SkillNeed& n : needs) {
    if (a.level[n.skill] < n.min_level) return false;
  }
  return true;
}

bool AgentPool::CanTake(int i, Channel channel, const SkillNeeds& needs) const {
  return HasRoom(agents_[i], static_cast<int>(channel)) && HasSkills(i, needs);
}

int AgentPool::Choose(Channel channel, const SkillNeeds& needs,
                      AssignmentStrategy strategy,
                      const absl::InlinedVector<int, 2>& exclude) {
  if (FreeAgents(channel) == 0) return -1;
  const int n = static_cast<int>(agents_.size());
  auto eligible = [&](int i) {
    return CanTake(i, channel, needs) &&
           std::find(exclude.begin(), exclude.end(), i) == exclude.end();
  };
  if (strategy == AssignmentStrategy::kRoundRobin) {
    for (int k = 0; k < n; ++k) {
      int i = static_cast<int>((round_robin_next_ + k) % n);
      if (eligible(i)) {
        round_robin_next_ = (i + 1) % n;
        return i;
      }
    }
    return -1;
  }
  int best = -1;
  // Each strategy is "better than best"; ties keep the lower index, so the
  // choice is deterministic.
  auto better = [&](int i) {
    const AgentState& a = agents_[i];
    const AgentState& b = agents_[best];
    switch (strategy) {
      case AssignmentStrategy::kLongestIdle:
        if (a.total_load != b.total_load) return a.total_load < b.total_load;
        return a.idle_since < b.idle_since;
      case AssignmentStrategy::kLeastOccupied: {
        // a.load/a.cap < b.load/b.cap, without division.
        int64_t lhs = static_cast<int64_t>(a.total_load) * b.total_capacity;
        int64_t rhs = static_cast<int64_t>(b.total_load) * a.total_capacity;
        if (lhs != rhs) return lhs < rhs;
        return a.idle_since < b.idle_since;
      }
      case AssignmentStrategy::kBestSkillMatch: {
        int sa = 0, sb = 0;
        for (const SkillNeed& need : needs) {
          sa += a.level[need.skill];
          sb += b.level[need.skill];
        }
        if (sa != sb) return sa > sb;
        return a.idle_since < b.idle_since;
      }
      case AssignmentStrategy::kRoundRobin:
        break;
    }
    return false;
  };
  for (int i = 0; i < n; ++i) {
    if (!eligible(i)) continue;
    if (best < 0 || better(i)) best = i;
  }
  return best;
}

template <typename F>
void AgentPool::Update(int i, F change) {
  AgentState& a = agents_[i];
  for (int ch = 0; ch < kChannelSlots; ++ch) {
    if (HasRoom(a, ch)) --free_[ch];
  }
  change(a);
  for (int ch = 0; ch < kChannelSlots; ++ch) {
    if (HasRoom(a, ch)) ++free_[ch];
  }
}

void AgentPool::AddLoad(int i, Channel channel, absl::Time) {
  Update(i, [&](AgentState& a) {
    ++a.load[static_cast<int>(channel)];
    ++a.total_load;
  });
}

void AgentPool::ReleaseLoad(int i, Channel channel, absl::Time now) {
  Update(i, [&](AgentState& a) {
    int& l = a.load[static_cast<int>(channel)];
    if (l > 0) {
      --l;
      --a.total_load;
    }
    if (a.total_load == 0) a.idle_since = now;
  });
}

void AgentPool::SetPresence(int i, Presence p, absl::Time now) {
  Update(i, [&](AgentState& a) {
    if (a.presence != Presence::kAvailable && p == Presence::kAvailable &&
        a.total_load == 0) {
      a.idle_since = now;
    }
    a.presence = p;
  });
}

std::array<uint64_t, 3> AgentPool::PresenceCounts() const {
  std::array<uint64_t, 3> counts{};
  for (const AgentState& a : agents_) ++counts[static_cast<int>(a.presence)];
  return counts;
}

}  // namespace switchboard
