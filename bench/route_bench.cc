// Copyright 2026 The Switchboard Authors.
//
// Routing stages on their own: a queue's push and pop (a B-tree keyed by
// aged priority), and choosing an agent among 500 by each strategy.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/route/agent_pool.h"
#include "switchboard/route/contact_queue.h"

namespace switchboard {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'767'225'600);

// Push one contact and pop the best, with state.range(0) contacts waiting
// (a steady queue of that length). Priorities 0..9, one aging rate.
void BM_QueuePushPop(benchmark::State& state) {
  ContactQueue queue;
  const int64_t waiting = state.range(0);
  uint64_t seq = 0;
  for (int64_t i = 0; i < waiting; ++i, ++seq) {
    queue.Push(QueueEntry::Make(static_cast<int>(seq % 10),
                                kT0 + absl::Milliseconds(seq), 1.0, seq,
                                static_cast<uint32_t>(seq)));
  }
  for (auto _ : state) {
    queue.Push(QueueEntry::Make(static_cast<int>(seq % 10),
                                kT0 + absl::Milliseconds(seq), 1.0, seq,
                                static_cast<uint32_t>(seq)));
    ++seq;
    const QueueEntry best = queue.front();
    queue.Erase(best);
    benchmark::DoNotOptimize(best);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueuePushPop)->Arg(10)->Arg(1'000)->Arg(100'000);

// AgentPool::Choose over 500 available agents (two department skills and a
// language each, capacity 3 chats) for a chat contact needing one
// department's skill: the scan every offer makes.
void BM_AgentChoose(benchmark::State& state) {
  constexpr int kAgents = 500, kDepartments = 10;
  const auto strategy = static_cast<AssignmentStrategy>(state.range(0));
  absl::flat_hash_map<std::string, int> skills = {{"dutch", 0},
                                                  {"english", 1}};
  for (int d = 0; d < kDepartments; ++d) {
    skills[absl::StrCat("d", d)] = 2 + d;
  }
  std::vector<AgentConfig> agents;
  for (int a = 0; a < kAgents; ++a) {
    AgentConfig agent;
    agent.id = absl::StrCat("agent", a);
    agent.skills = {{a % 2 ? "dutch" : "english", 5},
                    {absl::StrCat("d", a % kDepartments), 1 + a % 10},
                    {absl::StrCat("d", (a + 3) % kDepartments), 3}};
    agent.presence = Presence::kAvailable;
    agents.push_back(agent);
  }
  AgentPool pool(agents, skills, kT0);
  const absl::InlinedVector<int, 2> none;
  int d = 0;
  for (auto _ : state) {
    SkillNeeds needs;
    needs.push_back({static_cast<uint16_t>(2 + d), 1});
    d = (d + 1) % kDepartments;
    const int chosen = pool.Choose(Channel::kChat, needs, strategy, none);
    benchmark::DoNotOptimize(chosen);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(StrategyName(strategy)));
}
BENCHMARK(BM_AgentChoose)
    ->Arg(static_cast<int>(AssignmentStrategy::kLongestIdle))
    ->Arg(static_cast<int>(AssignmentStrategy::kLeastOccupied))
    ->Arg(static_cast<int>(AssignmentStrategy::kRoundRobin))
    ->Arg(static_cast<int>(AssignmentStrategy::kBestSkillMatch));

}  // namespace
}  // namespace switchboard
