// Copyright 2026 The Switchboard Authors.
//
// MaskPersonalData() on the project's sample contacts (data/sample, train
// and test, 394 contacts, subject + raw text):
//   BM_MaskPersonalData          bytes/s and contacts/s
//   BM_NormalizeSample           Normalize() on the same contacts, to compare
//   BM_MaskVsNormalize           both in one loop; the counter
//                                mask_over_normalize is mask time / normalize
//                                time in the same run
//   BM_MaskLarge/<bytes>         one text of 1 KiB .. 256 KiB (sample texts
//                                end to end): the cost is linear
//   BM_MaskDense/<bytes>         a text that is nearly all candidates
//                                (digits, separators, '@', dates, cues): the
//                                worst case the scanners see

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/protect/personal_data.h"

namespace switchboard {
namespace {

struct Sample {
  std::vector<Contact> contacts;
  std::vector<std::string> texts;  // subject + "\n" + body
  size_t bytes = 0;
  std::string error;
};

const Sample& GetSample() {
  static const Sample* sample = [] {
    auto* s = new Sample;
    for (const char* file : {SWITCHBOARD_SAMPLE_DIR "/contacts_train.csv",
                             SWITCHBOARD_SAMPLE_DIR "/contacts_test.csv"}) {
      absl::StatusOr<CsvTable> table = ReadCsvFile(file);
      if (!table.ok()) {
        s->error = std::string(table.status().message());
        return s;
      }
      const size_t id = *table->ColumnIndex("id");
      const size_t channel = *table->ColumnIndex("channel");
      const size_t subject = *table->ColumnIndex("subject");
      const size_t text = *table->ColumnIndex("text");
      for (const CsvRow& row : table->rows) {
        Contact c;
        c.id = row.fields[id];
        c.channel = *ParseChannel(row.fields[channel]);
        c.subject = row.fields[subject];
        c.body = row.fields[text];
        s->texts.push_back(c.subject + "\n" + c.body);
        s->bytes += s->texts.back().size();
        s->contacts.push_back(std::move(c));
      }
    }
    return s;
  }();
  return *sample;
}

#define SWITCHBOARD_BENCH_SAMPLE(state)          \
  const Sample& sample = GetSample();            \
  if (!sample.error.empty()) {                   \
    (state).SkipWithError(sample.error.c_str()); \
    return;                                      \
  }

void BM_MaskPersonalData(benchmark::State& state) {
  SWITCHBOARD_BENCH_SAMPLE(state);
  size_t i = 0, bytes = 0, findings = 0;
  for (auto _ : state) {
    const std::string& text = sample.texts[i++ % sample.texts.size()];
    MaskedText m = MaskPersonalData(text);
    benchmark::DoNotOptimize(m.text.data());
    bytes += text.size();
    findings += m.findings.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["findings_per_contact"] =
      static_cast<double>(findings) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_MaskPersonalData);

void BM_NormalizeSample(benchmark::State& state) {
  SWITCHBOARD_BENCH_SAMPLE(state);
  const NormalizeOptions options;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const size_t k = i++ % sample.contacts.size();
    absl::StatusOr<NormalizedContact> n =
        Normalize(sample.contacts[k], options);
    benchmark::DoNotOptimize(n);
    bytes += sample.texts[k].size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_NormalizeSample);

// One iteration: Normalize over the whole sample, then MaskPersonalData over
// it, each timed, so the ratio comes from the same run and machine state.
void BM_MaskVsNormalize(benchmark::State& state) {
  SWITCHBOARD_BENCH_SAMPLE(state);
  using Clock = std::chrono::steady_clock;
  const NormalizeOptions options;
  Clock::duration normalize{}, mask{};
  for (auto _ : state) {
    const Clock::time_point t0 = Clock::now();
    for (const Contact& c : sample.contacts) {
      absl::StatusOr<NormalizedContact> n = Normalize(c, options);
      benchmark::DoNotOptimize(n);
    }
    const Clock::time_point t1 = Clock::now();
    for (const std::string& text : sample.texts) {
      MaskedText m = MaskPersonalData(text);
      benchmark::DoNotOptimize(m.text.data());
    }
    mask += Clock::now() - t1;
    normalize += t1 - t0;
  }
  const double passes = static_cast<double>(state.iterations());
  state.counters["normalize_us_per_contact"] =
      std::chrono::duration<double, std::micro>(normalize).count() / passes /
      static_cast<double>(sample.contacts.size());
  state.counters["mask_us_per_contact"] =
      std::chrono::duration<double, std::micro>(mask).count() / passes /
      static_cast<double>(sample.contacts.size());
  state.counters["mask_over_normalize"] =
      std::chrono::duration<double>(mask).count() /
      std::chrono::duration<double>(normalize).count();
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(sample.contacts.size()));
}
BENCHMARK(BM_MaskVsNormalize)->Unit(benchmark::kMillisecond);

void BM_MaskLarge(benchmark::State& state) {
  SWITCHBOARD_BENCH_SAMPLE(state);
  const size_t size = static_cast<size_t>(state.range(0));
  std::string text;
  for (size_t i = 0; text.size() < size; ++i) {
    text += sample.texts[i % sample.texts.size()];
    text += "\n";
  }
  text.resize(size);  // May cut a character: the scanners do not mind.
  for (auto _ : state) {
    MaskedText m = MaskPersonalData(text);
    benchmark::DoNotOptimize(m.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(size));
}
BENCHMARK(BM_MaskLarge)->RangeMultiplier(4)->Range(1 << 10, 256 << 10);

void BM_MaskDense(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  const std::string unit =
      "06 1 0031 6 1234 a.b@c@ geboren 1-1-19 1234 ab NL91 ABNA 0417 "
      "123.456.78 +44 (0) 2026-01- ";
  std::string text;
  while (text.size() < size) text += unit;
  text.resize(size);
  for (auto _ : state) {
    MaskedText m = MaskPersonalData(text);
    benchmark::DoNotOptimize(m.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(size));
}
BENCHMARK(BM_MaskDense)->Arg(1 << 10)->Arg(256 << 10);

}  // namespace
}  // namespace switchboard
