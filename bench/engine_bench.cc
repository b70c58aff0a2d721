// Copyright 2026 The Switchboard Authors.
//
// Engine benchmarks: deciding + queueing a contact that is already
// classified (Engine::SubmitClassified), with 50 queues and 500 agents, from
// one and two threads; an offer -> accept -> resolve cycle; and tenants
// (BM_TenantsInParallel: one tenant on one thread against two tenants of
// one TenantHost on two threads).
//
// Contacts come from customers in a realistic mix (CustomerMix): most write
// once to three times, a few heavy customers write all the time; and
// BM_DecideAndQueueHeavyCustomer has every contact from one customer, so
// that what a decision costs can be compared for a customer with 1 and with
// millions of earlier contacts.

#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/engine.h"
#include "switchboard/tenant/tenant_host.h"

namespace switchboard {
namespace {

constexpr int kDepartments = 10;
constexpr int kAgents = 500;
const Channel kQueueChannels[4] = {Channel::kPhone, Channel::kChat,
                                   Channel::kEmail, Channel::kSocial};

// How long the benchmarks' engines remember a customer's contacts
// (retention.customer_history), so that the customer history follows the
// customers of the last second rather than of every contact since the
// start: at a million contacts per second, 30 days of new customers would
// not fit in memory. A customer of the mix writes again within a few
// milliseconds, well within it.
constexpr absl::Duration kMixHistory = absl::Seconds(1);

// Customer references in a realistic mix. In every block of 4,096
// contacts, 98% come from customers of that block, who write once (60% of
// them), twice (25%) or three times (15%), their contacts spread over the
// block; 2% come from 4 heavy customers who write in every block.
// `stream` keeps the customers of two threads apart.
class CustomerMix {
 public:
  static constexpr size_t kBlock = 4096;
  static constexpr int kHeavy = 4;

  CustomerMix() : pattern_(kBlock) {
    std::mt19937 rng(17);
    size_t n = 0;
    int32_t customer = 0;
    while (n < kBlock) {
      const uint32_t r = rng() % 100;
      const size_t contacts = r < 60 ? 1 : r < 85 ? 2 : 3;
      for (size_t k = 0; k < contacts && n < kBlock; ++k) {
        pattern_[n++] = customer;
      }
      ++customer;
    }
    std::shuffle(pattern_.begin(), pattern_.end(), rng);
    for (size_t i = 0; i < kBlock; i += 50) {  // 2%.
      pattern_[i] = -1 - static_cast<int32_t>((i / 50) % kHeavy);
    }
  }

  // The customer reference of contact `n` of stream `stream`.
  std::string Ref(absl::string_view stream, size_t n) const {
    const int32_t c = pattern_[n % kBlock];
    if (c < 0) return absl::StrCat("heavy", -1 - c);
    return absl::StrCat(stream, n / kBlock, "-", c);
  }

 private:
  // Per contact of a block: its customer in the block, or -1 - k for
  // heavy customer k.
  std::vector<int32_t> pattern_;
};

// The CPU time of the calling thread, in seconds: unlike the wall clock it
// does not count the time other processes on a shared machine took the
// core, so the rate per CPU second is the one to compare between runs on a
// loaded machine.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

const CustomerMix& Mix() {
  static const CustomerMix* mix = new CustomerMix;
  return *mix;
}

// 10 departments x 5 queues (phone, chat, email, social, the rest) = 50
// queues; 500 agents with two department skills and a language each.
EngineConfig BenchConfig(Presence presence) {
  EngineConfig c;
  c.retention.customer_history = kMixHistory;
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
      q.escalation = {
          {absl::Seconds(60), EscalationKind::kWidenSkills, {}, ""}};
      c.queues.push_back(q);
    }
    QueueConfig rest;
    rest.id = absl::StrCat(id, "-rest");
    rest.department = id;
    rest.max_length = 1'000'000'000;
    c.queues.push_back(rest);
  }
  c.thresholds.triage_queue = "d9-rest";
  c.rules.push_back(
      {"vip", {.attributes = {{"vip", "true"}}}, {.priority = 5}});
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

// An engine where every contact queues up (all agents offline),
// remembering customers for `history`.
Engine* MakeQueueOnlyEngine(absl::Duration history) {
  EngineOptions options;
  options.config = BenchConfig(Presence::kOffline);
  options.config.retention.customer_history = history;
  options.finished_retention = absl::ZeroDuration();
  return Engine::Create(std::move(options))->release();
}

Engine* QueueOnlyEngine() {
  static Engine* engine = MakeQueueOnlyEngine(kMixHistory);
  return engine;
}

const std::vector<Input>& Inputs() {
  static const std::vector<Input>* inputs =
      new std::vector<Input>(MakeInputs());
  return *inputs;
}

// Decide + queue alone: each iteration submits a batch of 4,096 classified
// contacts (timed), then abandons them and recycles their records (not
// timed), so queues and memory stay bounded however long it runs. The
// contact ids and customer references of a batch are made before it is
// timed. Besides items_per_second (wall clock), items_per_cpu_second
// counts the thread's CPU time in the timed part only.
void DecideAndQueue(benchmark::State& state, Engine* engine,
                    bool one_customer) {
  const std::vector<Input>& inputs = Inputs();
  static std::atomic<int> run{0};
  const std::string prefix = absl::StrCat("q", run.fetch_add(1), "-");
  constexpr size_t kBatch = 4096;
  std::vector<std::string> ids(kBatch), refs(kBatch);
  Contact contact;
  size_t n = 0;
  double cpu = 0;
  for (auto _ : state) {
    for (size_t k = 0; k < kBatch; ++k) {
      ids[k] = absl::StrCat(prefix, n + k);
      refs[k] = one_customer ? "one-customer" : Mix().Ref(prefix, n + k);
    }
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = ThreadCpuSeconds();
    for (size_t k = 0; k < kBatch; ++k, ++n) {
      const Input& in = inputs[n % inputs.size()];
      contact = in.contact;
      contact.id = ids[k];
      contact.customer_ref = refs[k];
      auto d = engine->SubmitClassified(contact, in.normalized, &in.prediction);
      if (!d.ok()) {
        state.SkipWithError(std::string(d.status().message()).c_str());
        return;
      }
      benchmark::DoNotOptimize(d->priority);
    }
    cpu += ThreadCpuSeconds() - cpu_start;
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
    for (const std::string& id : ids) (void)engine->Abandon(id);
    engine->Tick();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  if (cpu > 0) {
    state.counters["items_per_cpu_second"] =
        static_cast<double>(state.iterations() * kBatch) / cpu;
  }
}

// Customers in the realistic mix.
void BM_DecideAndQueue(benchmark::State& state) {
  DecideAndQueue(state, QueueOnlyEngine(), /*one_customer=*/false);
}
BENCHMARK(BM_DecideAndQueue)->ThreadRange(1, 2)->UseManualTime();

// Every contact from one customer, remembered for the default 30 days: by
// the end of a run the customer has sent millions of contacts. A decision
// should cost about what it costs in the mix.
void BM_DecideAndQueueHeavyCustomer(benchmark::State& state) {
  static Engine* engine = MakeQueueOnlyEngine(absl::Hours(24 * 30));
  DecideAndQueue(state, engine, /*one_customer=*/true);
}
BENCHMARK(BM_DecideAndQueueHeavyCustomer)->UseManualTime();

// The same in a steady state with everything in the loop: every contact is
// abandoned again 4,096 contacts later and its record recycled at the next
// Tick.
void BM_DecideQueueAbandon(benchmark::State& state) {
  Engine* engine = QueueOnlyEngine();
  const std::vector<Input>& inputs = Inputs();
  static std::atomic<int> run{0};
  const std::string prefix = absl::StrCat("s", run.fetch_add(1), "-");
  constexpr size_t kBacklog = 4096;
  std::vector<std::string> ids(kBacklog);
  Contact contact;
  size_t i = 0;
  for (auto _ : state) {
    const Input& in = inputs[i % inputs.size()];
    std::string& slot = ids[i % kBacklog];
    if (!slot.empty()) (void)engine->Abandon(slot);
    contact = in.contact;
    slot = absl::StrCat(prefix, i);
    contact.id = slot;
    contact.customer_ref = Mix().Ref(prefix, i);
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
BENCHMARK(BM_DecideQueueAbandon)->ThreadRange(1, 2)->UseRealTime();

// The whole path of Engine::Submit: normalize + classify + decide + queue
// (+ the latency records), in the steady state of BM_DecideQueueAbandon, on
// two data sets: the project's sample contacts (emails, letters, calls,
// chats: 250 characters on average) with a classifier trained on the sample
// set, and BANKING77's dev questions (short typed questions, 59 characters
// on average, sent as chats) with one trained on BANKING77's train split.
// Normalization and classification run outside the engine's lock, so this
// is where a second thread helps. items_per_cpu_second: per the thread's
// CPU time in the loop, for a loaded machine.
struct SubmitSetup {
  EngineOptions engine_options;  // What `engine` is made with.
  std::unique_ptr<Engine> engine;  // Made by WithEngine.
  std::vector<Contact> contacts;
  std::string error;
};

SubmitSetup* MakeSubmitSetup(const std::string& train, const std::string& test,
                             Channel default_channel) {
  auto* s = new SubmitSetup;
  auto examples = LoadExamples(train, DatasetOptions());
  auto table = ReadCsvFile(test);
  if (!examples.ok() || !table.ok()) {
    s->error = absl::StrCat("cannot read ", train, " or ", test);
    return s;
  }
  auto classifier = Classifier::Train(*examples, ClassifierOptions());
  if (!classifier.ok()) {
    s->error = std::string(classifier.status().message());
    return s;
  }
  EngineOptions options;
  options.config = BenchConfig(Presence::kOffline);
  for (size_t d = 0; d < options.config.departments.size(); ++d) {
    options.config.departments[d].labels.clear();
  }
  // Map the model's labels onto the ten bench departments.
  const std::vector<std::string>& labels = (*classifier)->labels();
  for (size_t l = 0; l < labels.size(); ++l) {
    options.config.departments[l % kDepartments].labels.push_back(labels[l]);
  }
  options.classifier = std::move(*classifier);
  options.finished_retention = absl::ZeroDuration();
  // As in the decide + queue benchmarks: the customers of the last second,
  // so that the history (and the time it costs) stays the same size
  // however long the benchmark runs.
  options.config.retention.customer_history = kMixHistory;
  s->engine_options = std::move(options);
  absl::StatusOr<size_t> channel = table->ColumnIndex("channel");
  absl::StatusOr<size_t> subject = table->ColumnIndex("subject");
  const size_t text = *table->ColumnIndex("text");
  for (const CsvRow& row : table->rows) {
    Contact c;
    c.channel = channel.ok() ? *ParseChannel(row.fields[*channel])
                             : default_channel;
    if (subject.ok()) c.subject = row.fields[*subject];
    c.body = row.fields[text];
    s->contacts.push_back(std::move(c));
  }
  return s;
}

// The setup's engine, made from its options (none after an error).
SubmitSetup* WithEngine(SubmitSetup* s) {
  if (s->error.empty()) s->engine = *Engine::Create(s->engine_options);
  return s;
}

SubmitSetup* SampleSetup() {
  static SubmitSetup* s =
      WithEngine(MakeSubmitSetup(SWITCHBOARD_SAMPLE_DIR "/contacts_train.csv",
                                 SWITCHBOARD_SAMPLE_DIR "/contacts_test.csv",
                                 Channel::kUnspecified));
  return s;
}

SubmitSetup* Banking77Setup() {
  static SubmitSetup* s =
      WithEngine(MakeSubmitSetup(SWITCHBOARD_SHARED_DATA_DIR "/banking77/train.csv",
                                 SWITCHBOARD_SHARED_DATA_DIR "/banking77/dev.csv",
                                 Channel::kChat));
  return s;
}

// The steady state of the whole-path benchmarks: each contact in turn from
// `contacts` under a new id, through `submit`, the one 4,096 contacts back
// abandoned first and the records recycled every 256 contacts (Tick), so
// memory stays bounded however long it runs. Returns the bytes of text
// submitted; on an error, skips the benchmark with it.
template <typename Submit>
size_t SubmitSteadily(benchmark::State& state,
                      const std::vector<Contact>& contacts, Engine& engine,
                      absl::string_view prefix, Submit submit) {
  constexpr size_t kBacklog = 4096;
  std::vector<std::string> ids(kBacklog);
  Contact contact;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Contact& in = contacts[i % contacts.size()];
    std::string& slot = ids[i % kBacklog];
    if (!slot.empty()) (void)engine.Abandon(slot);
    contact = in;
    slot = absl::StrCat(prefix, i);
    contact.id = slot;
    contact.customer_ref = Mix().Ref(prefix, i);
    absl::StatusOr<Decision> d = submit(contact);
    if (!d.ok()) {
      state.SkipWithError(std::string(d.status().message()).c_str());
      return bytes;
    }
    bytes += in.body.size();
    if (++i % 256 == 0) engine.Tick();
  }
  for (const std::string& id : ids) {
    if (!id.empty()) (void)engine.Abandon(id);
  }
  engine.Tick();
  return bytes;
}

void BM_SubmitFull(benchmark::State& state, SubmitSetup* (*make)()) {
  SubmitSetup* setup = make();
  if (!setup->error.empty()) {
    state.SkipWithError(setup->error.c_str());
    return;
  }
  static std::atomic<int> run{0};
  const std::string prefix = absl::StrCat("f", run.fetch_add(1), "-");
  const double cpu_start = ThreadCpuSeconds();
  Engine& engine = *setup->engine;
  const size_t bytes =
      SubmitSteadily(state, setup->contacts, engine, prefix,
                     [&](const Contact& c) { return engine.Submit(c); });
  const double cpu = ThreadCpuSeconds() - cpu_start;
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  // Per thread, summed over the threads (as items_per_second is).
  if (cpu > 0) {
    state.counters["items_per_cpu_second"] =
        static_cast<double>(state.iterations()) / cpu;
  }
}
BENCHMARK_CAPTURE(BM_SubmitFull, sample, &SampleSetup)
    ->ThreadRange(1, 2)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_SubmitFull, banking77, &Banking77Setup)
    ->ThreadRange(1, 2)
    ->UseRealTime();

// Tenants run in parallel: each benchmark thread submits the sample
// contacts (the whole path, as BM_SubmitFull/sample) to its own tenant of
// one TenantHost, each tenant with its own engine and its own copy of the
// model. threads:1 is one tenant on one thread, threads:2 two tenants on
// two threads; the issue 14 target is threads:2 >= 1.8x threads:1
// (items_per_second, wall clock).
struct TenantsSetup {
  TenantHost host;
  std::vector<Contact> contacts;
  std::string error;
};

TenantsSetup* MakeTenantsSetup() {
  auto* s = new TenantsSetup;
  for (int t = 0; t < 2; ++t) {
    // A setup of its own per tenant: its own engine options and model
    // (the tenant makes the engine).
    std::unique_ptr<SubmitSetup> one(
        MakeSubmitSetup(SWITCHBOARD_SAMPLE_DIR "/contacts_train.csv",
                        SWITCHBOARD_SAMPLE_DIR "/contacts_test.csv",
                        Channel::kUnspecified));
    if (!one->error.empty()) {
      s->error = one->error;
      return s;
    }
    TenantOptions options;
    options.engine = std::move(one->engine_options);
    absl::StatusOr<std::shared_ptr<Tenant>> tenant =
        s->host.CreateTenant(absl::StrCat("t", t), std::move(options));
    if (!tenant.ok()) {
      s->error = std::string(tenant.status().message());
      return s;
    }
    s->contacts = std::move(one->contacts);
  }
  return s;
}

void BM_TenantsInParallel(benchmark::State& state) {
  static TenantsSetup* setup = MakeTenantsSetup();
  if (!setup->error.empty()) {
    state.SkipWithError(setup->error.c_str());
    return;
  }
  std::shared_ptr<Tenant> tenant =
      *setup->host.Find(absl::StrCat("t", state.thread_index()));
  static std::atomic<int> run{0};
  const std::string prefix = absl::StrCat("p", run.fetch_add(1), "-");
  SubmitSteadily(state, setup->contacts, tenant->engine(), prefix,
                 [&](const Contact& c) { return tenant->Submit(c); });
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TenantsInParallel)->ThreadRange(1, 2)->UseRealTime();

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
    contact.customer_ref = Mix().Ref("r", i);
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
