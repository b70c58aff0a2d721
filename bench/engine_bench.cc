// Copyright 2026 The Switchboard Authors.
//
// Engine benchmarks: deciding + queueing a contact that is already
// classified (Engine::SubmitClassified), with 50 queues and 500 agents, from
// one and two threads; and an offer -> accept -> resolve cycle.

#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "switchboard/engine.h"

namespace switchboard {
namespace {

constexpr int kDepartments = 10;
constexpr int kAgents = 500;
const Channel kQueueChannels[4] = {Channel::kPhone, Channel::kChat,
                                   Channel::kEmail, Channel::kSocial};

// 10 departments x 5 queues (phone, chat, email, social, the rest) = 50
// queues; 500 agents with two department skills and a language each.
EngineConfig BenchConfig(Presence presence) {
  EngineConfig c;
  c.skills = {"dutch", "english"};
  for (int d = 0; d < kDepartments; ++d) {
    const std::string id = absl::StrCat("d", d);
    c.skills.push_back(id);
    c.departments.push_back({id, id, {absl::StrCat("l", d)}, {{id, 1}}});
    for (Channel ch : kQueueChannels) {
      QueueConfig q;
      q.id = absl::StrCat(id, "-", ChannelName(ch));
      q.department = id;
      q.channels = {ch};
      q.max_length = 1'000'000'000;
      q.escalation = {{absl::Seconds(60), EscalationKind::kWidenSkills, {}, ""}};
      c.queues.push_back(q);
    }
    QueueConfig rest;
    rest.id = absl::StrCat(id, "-rest");
    rest.department = id;
    rest.max_length = 1'000'000'000;
    c.queues.push_back(rest);
  }
  c.thresholds.triage_queue = "d9-rest";
  c.rules.push_back({"vip", {.attributes = {{"vip", "true"}}}, {.priority = 5}});
  for (int a = 0; a < kAgents; ++a) {
    AgentConfig agent;
    agent.id = absl::StrCat("agent", a);
    agent.skills = {{a % 2 ? "dutch" : "english", 5},
                    {absl::StrCat("d", a % kDepartments), 5},
                    {absl::StrCat("d", (a + 3) % kDepartments), 3}};
    agent.presence = presence;
    c.agents.push_back(agent);
  }
  return c;
}

struct Input {
  Contact contact;
  NormalizedContact normalized;
  std::string label;
  Prediction prediction;
};

std::vector<Input> MakeInputs() {
  std::vector<Input> inputs(1024);
  for (size_t i = 0; i < inputs.size(); ++i) {
    Input& in = inputs[i];
    in.contact.channel = kAllChannels[i % kAllChannels.size()];
    in.contact.customer_ref = absl::StrCat("cust", i % 97);
    if (i % 10 == 0) in.contact.attributes["vip"] = "true";
    in.normalized.channel = in.contact.channel;
    in.normalized.text = "ik heb een vraag over mijn aanslag en de betaling";
    in.label = absl::StrCat("l", i % kDepartments);
  }
  for (Input& in : inputs) {  // Labels point into `in.label`.
    in.prediction.label = in.label;
    in.prediction.confidence = 0.9f;
    in.prediction.alternatives = {{in.label, 0.9f}};
  }
  return inputs;
}

// Decide + queue in a steady state: every contact is abandoned again 4,096
// contacts later (so queues hold a bounded backlog, as in a live centre)
// and its record is recycled at the next Tick. The abandon and recycling
// are inside the measured loop, so the figure is a lower bound for decide +
// queue alone.
void BM_DecideAndQueue(benchmark::State& state) {
  static Engine* engine = [] {
    EngineOptions options;
    options.config = BenchConfig(Presence::kOffline);  // All queue up.
    options.finished_retention = absl::ZeroDuration();
    return Engine::Create(std::move(options))->release();
  }();
  static const std::vector<Input>* inputs = new std::vector<Input>(MakeInputs());
  static std::atomic<int> run{0};
  const std::string prefix = absl::StrCat(run.fetch_add(1), "-");
  constexpr size_t kBacklog = 4096;
  std::vector<std::string> ids(kBacklog);
  Contact contact;
  size_t i = 0;
  for (auto _ : state) {
    const Input& in = (*inputs)[i % inputs->size()];
    std::string& slot = ids[i % kBacklog];
    if (!slot.empty()) (void)engine->Abandon(slot);
    contact = in.contact;
    slot = absl::StrCat(prefix, i);
    contact.id = slot;
    auto d = engine->SubmitClassified(contact, in.normalized, &in.prediction);
    if (!d.ok()) {
      state.SkipWithError(std::string(d.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(d->priority);
    if (++i % 256 == 0) engine->Tick();
  }
  for (const std::string& id : ids) {
    if (!id.empty()) (void)engine->Abandon(id);
  }
  engine->Tick();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideAndQueue)->ThreadRange(1, 2)->UseRealTime();

// Submit -> offered to a free agent -> accept -> resolve: the whole handling
// cycle of one contact with 500 available agents.
void BM_RouteAcceptResolve(benchmark::State& state) {
  EngineOptions options;
  options.config = BenchConfig(Presence::kAvailable);
  options.finished_retention = absl::ZeroDuration();
  std::unique_ptr<Engine> engine = *Engine::Create(std::move(options));
  std::string offered_to;
  engine->AddListener([&](const Event& e) {
    if (e.type == EventType::kOffered) offered_to = e.agent_id;
  });
  const std::vector<Input> inputs = MakeInputs();
  Contact contact;
  size_t i = 0;
  for (auto _ : state) {
    const Input& in = inputs[i % inputs.size()];
    contact = in.contact;
    contact.id = absl::StrCat(i);
    offered_to.clear();
    auto d = engine->SubmitClassified(contact, in.normalized, &in.prediction);
    if (!d.ok() || offered_to.empty() ||
        !engine->Accept(contact.id, offered_to).ok() ||
        !engine->Resolve(contact.id, Outcome::kFavourable).ok()) {
      state.SkipWithError("cycle failed");
      return;
    }
    if (++i % 256 == 0) engine->Tick();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RouteAcceptResolve);

}  // namespace
}  // namespace switchboard
