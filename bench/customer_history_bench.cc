// Copyright 2026 The Switchboard Authors.
//
// CustomerHistory alone: what a decision reads of it (Earlier) for a
// customer who has sent state.range(0) contacts within the window, so that
// the cost can be compared between a customer's first contacts and its
// millionth. The customer's entry is hot in the cache: this is the
// history's own work, without the engine around it.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "switchboard/route/customer_history.h"

namespace switchboard {
namespace {

void BM_CustomerHistoryEarlier(benchmark::State& state) {
  const int64_t sent = state.range(0);
  CustomerHistory history(absl::Hours(24 * 30));
  constexpr uint64_t kKey = 0x9e3779b97f4a7c15ull;
  absl::Time t = absl::FromUnixSeconds(1'800'000'000);
  for (int64_t i = 0; i < sent; ++i) {
    t += absl::Milliseconds(1);
    EarlierContact c;
    c.contact_id = absl::StrCat("c-", i);
    c.received = t;
    c.department = "taxes";
    history.Add(kKey, std::move(c));
  }
  const absl::Time now = t + absl::Seconds(1);
  size_t returned = 0;
  for (auto _ : state) {
    // 100: what the engine asked for before the history was bounded.
    std::vector<EarlierContact> earlier = history.Earlier(kKey, now, 100);
    returned = earlier.size();
    benchmark::DoNotOptimize(earlier.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["returned"] = static_cast<double>(returned);
}
BENCHMARK(BM_CustomerHistoryEarlier)->Arg(1)->Arg(3)->Arg(100)->Arg(1'000'000);

}  // namespace
}  // namespace switchboard
