// Copyright 2026 The Switchboard Authors.
//
// Classifier benchmarks on BANKING77 (../shared/data/banking77; falls back
// to the project's sample set when it is absent):
//   BM_Featurize / BM_Vectorize / BM_Classify   per-text cost, items/s
//   BM_ClassifyThreads                          the same from 1-2 threads
//   BM_Train                                    train.csv -> model, with the
//                                               dev accuracy and model size
//                                               as counters

#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "switchboard/classify/classifier.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/classify/evaluation.h"

namespace switchboard {
namespace {

struct Data {
  std::vector<Example> train, test;
  std::unique_ptr<Classifier> classifier;
  std::string error;
};

const Data& GetData() {
  static const Data* data = [] {
    auto* d = new Data;
    const std::string b77 = SWITCHBOARD_SHARED_DATA_DIR "/banking77/";
    std::string train = b77 + "train.csv", test = b77 + "dev.csv";
    if (!std::ifstream(train)) {
      train = SWITCHBOARD_SAMPLE_DIR "/contacts_train.csv";
      test = SWITCHBOARD_SAMPLE_DIR "/contacts_test.csv";
    }
    auto tr = LoadExamples(train, {});
    auto te = LoadExamples(test, {});
    if (!tr.ok() || !te.ok()) {
      d->error = std::string((tr.ok() ? te.status() : tr.status()).message());
      return d;
    }
    d->train = *std::move(tr);
    d->test = *std::move(te);
    auto c = Classifier::Train(d->train, ClassifierOptions());
    if (!c.ok()) {
      d->error = std::string(c.status().message());
      return d;
    }
    d->classifier = *std::move(c);
    return d;
  }();
  return *data;
}

#define SWITCHBOARD_BENCH_DATA(state)          \
  const Data& data = GetData();                \
  if (!data.error.empty()) {                   \
    (state).SkipWithError(data.error.c_str()); \
    return;                                    \
  }

void BM_Featurize(benchmark::State& state) {
  SWITCHBOARD_BENCH_DATA(state);
  Featurizer featurizer(data.classifier->featurizer_options());
  FeatureHashes hashes;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Example& e = data.test[i++ % data.test.size()];
    hashes.Clear();
    featurizer.Extract(e.text, e.signals, hashes);
    benchmark::DoNotOptimize(hashes.chars.data());
    bytes += e.text.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Featurize);

void BM_Classify(benchmark::State& state) {
  SWITCHBOARD_BENCH_DATA(state);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Example& e = data.test[i++ % data.test.size()];
    Prediction p = data.classifier->Classify(e.text, e.signals, 3);
    benchmark::DoNotOptimize(p.confidence);
    bytes += e.text.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Classify);
BENCHMARK(BM_Classify)
    ->Name("BM_ClassifyThreads")
    ->ThreadRange(1, 2)
    ->UseRealTime();

void BM_Train(benchmark::State& state) {
  SWITCHBOARD_BENCH_DATA(state);
  size_t model_bytes = 0;
  double accuracy = 0;
  for (auto _ : state) {
    auto c = Classifier::Train(data.train, ClassifierOptions());
    if (!c.ok()) {
      state.SkipWithError(std::string(c.status().message()).c_str());
      return;
    }
    model_bytes = (*c)->Serialize().size();
    state.PauseTiming();
    accuracy = Evaluate(**c, data.test, EvalOptions()).accuracy;
    state.ResumeTiming();
  }
  state.counters["dev_accuracy"] = accuracy;
  state.counters["examples"] = static_cast<double>(data.train.size());
  state.counters["model_MB"] = static_cast<double>(model_bytes) / (1 << 20);
}
BENCHMARK(BM_Train)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace
}  // namespace switchboard
