// Copyright 2026 The Switchboard Authors.
//
// The per-contact text checks of issue 7, on normalized contacts:
//   BM_DetectLanguage/sample      the sample test set (172 bytes on average)
//   BM_DetectLanguage/banking77   BANKING77 dev questions (59 bytes), when
//                                 ../shared/data is there
//   BM_ContactTypeFromCues/...    the same texts through the type cues

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "switchboard/classify/contact_type.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/classify/language.h"

namespace switchboard {
namespace {

// The normalized texts of the sample test set (0) or BANKING77 dev (1);
// empty when the file cannot be read.
const std::vector<std::string>& Texts(bool banking77) {
  static const auto* sets = [] {
    auto* s = new std::vector<std::string>[2];
    const char* paths[2] = {SWITCHBOARD_SAMPLE_DIR "/contacts_test.csv",
                            SWITCHBOARD_SHARED_DATA_DIR "/banking77/dev.csv"};
    for (int i = 0; i < 2; ++i) {
      absl::StatusOr<std::vector<Example>> ex =
          LoadExamples(paths[i], DatasetOptions());
      if (!ex.ok()) continue;
      for (Example& e : *ex) s[i].push_back(std::move(e.text));
    }
    return s;
  }();
  return sets[banking77 ? 1 : 0];
}

template <typename Fn>
void RunOverTexts(benchmark::State& state, Fn fn) {
  const std::vector<std::string>& texts = Texts(state.range(0) == 1);
  if (texts.empty()) {
    state.SkipWithError("data not found");
    return;
  }
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    benchmark::DoNotOptimize(fn(t));
    bytes += t.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_DetectLanguage(benchmark::State& state) {
  RunOverTexts(state, [](const std::string& t) { return DetectLanguage(t); });
}
BENCHMARK(BM_DetectLanguage)->ArgName("banking77")->Arg(0)->Arg(1);

void BM_ContactTypeFromCues(benchmark::State& state) {
  RunOverTexts(state,
               [](const std::string& t) { return ContactTypeFromCues(t); });
}
BENCHMARK(BM_ContactTypeFromCues)->ArgName("banking77")->Arg(0)->Arg(1);

}  // namespace
}  // namespace switchboard
