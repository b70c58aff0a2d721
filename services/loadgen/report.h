// Copyright 2026 The Switchboard Authors.
//
// report.h: the results of a `switchboard loadgen` run and their forms: a
// table for people, JSON for scripts (bench/), and the verdict (a run
// fails when a mode had no successful call or more than 1% of its calls
// failed).

#ifndef SWITCHBOARD_SERVICES_LOADGEN_REPORT_H_
#define SWITCHBOARD_SERVICES_LOADGEN_REPORT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "loadgen/load_run.h"
#include "loadgen/rss_sampler.h"

namespace switchboard::loadgen {

// What a mode calls: Diagnostics.Echo, Routing.Route, Routing.RouteStream.
enum class Mode { kEcho, kRoute, kStream };

// "echo", "route", "stream".
absl::string_view ModeName(Mode mode);

// What becomes of each contact the route mode routed.
enum class Finish {
  kNone,     // It stays on the server (waiting in its queue).
  kAbandon,  // Routing.ReportEvent abandons it as soon as it is routed.
};

// "none", "abandon".
absl::string_view FinishName(Finish finish);

struct ModeReport {
  Mode mode = Mode::kEcho;
  // How the load was made, e.g. "64 in flight" or "2 streams x 512".
  std::string setup;
  LoadResult result;
  // The server's resident size during the mode, from its start (warmup
  // included), when its pid was given.
  std::vector<RssSample> rss;

  // Successful calls a second over the measurement; 0 when none.
  double throughput() const;
  // Failed calls over all counted calls, in [0, 1].
  double failed_share() const;
};

struct LoadgenReport {
  std::string server;
  std::string dataset;       // the file
  size_t contacts = 0;       // in it
  std::string channel_mix;   // "phone 93, email 120, ..."
  size_t request_bytes = 0;  // mean RouteRequest; Echo's payload size
  int client_threads = 1;
  LoadLimits limits;
  double rate = 0;  // of the unary modes; 0: closed loop
  std::string id_prefix;
  Finish finish = Finish::kNone;  // of the route mode
  int server_pid = 0;             // 0: memory not sampled
  absl::Duration rss_interval;
  std::vector<ModeReport> modes;

  const ModeReport* Find(Mode mode) const;
  // Throughput of `mode` over Echo's, when both ran and Echo had any.
  std::optional<double> RatioToEcho(Mode mode) const;
};

// The table, one row per mode, the failures of each mode (by code, with
// the first message), the ratios to Echo, and the server's resident size
// per mode when sampled: every sample, and its growth from the end of the
// warmup to the end.
std::string FormatReport(const LoadgenReport& report);

// One JSON object: the run's settings; "modes", a list in the order they
// ran of {"mode": "route", "ok", "failed", "errors": {code: count},
// "first_error", "throughput" (successful calls a second), "p50_ms",
// "p90_ms", "p99_ms", "p999_ms", "mean_ms", "max_ms", ..., and when memory
// was sampled "rss_kib" (every sample), "rss_at_s" (when, from the mode's
// start), "rss_warmup_end_kib", "rss_end_kib", "rss_peak_kib",
// "rss_growth"}; and "route_echo_ratio" / "stream_echo_ratio" when Echo
// ran.
std::string ReportToJson(const LoadgenReport& report);

// Why the run failed ("" when it did not): a mode with no successful call
// or with more than 1% of its calls failed.
std::string RunFailure(const LoadgenReport& report);

// "812us", "1.24ms", "2.5s".
std::string FormatLatency(absl::Duration d);

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_REPORT_H_
