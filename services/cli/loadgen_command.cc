// Copyright 2026 The Switchboard Authors.
//
// `switchboard loadgen`: load on a running `switchboard serve`: Route
// (unary), RouteStream and, as the ceiling of the gRPC stack, Diagnostics.
// Echo; prints throughput and latency quantiles per mode and the ratio of
// Route's throughput to Echo's (services/loadgen/loadgen.h). Exits 1 when
// a mode had no successful call or more than 1% of its calls failed.

#include <algorithm>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "loadgen/loadgen.h"

namespace switchboard::cli {
namespace {

using loadgen::LoadgenOptions;
using loadgen::Mode;

CommandSpec LoadgenSpec() {
  CommandSpec spec{
      "loadgen",
      "switchboard loadgen --server HOST:PORT [--contacts FILE.csv] "
      "[--mode echo,route,stream|all] [--duration S] [--count N] [--rate R] "
      "[--finish none|abandon] [--server-pid PID] [--tenant NAME | "
      "--tenants N] [--keep-going] ...",
      "Sends the contacts of a CSV file (columns channel and text; optional "
      "subject, ivr_choice, language) to a Switchboard server as fast as it "
      "takes them, or at --rate calls a second, and reports per mode the "
      "calls that succeeded and failed (by status code, with the first "
      "message), throughput, and latency p50/p90/p99/p99.9/max. Modes, run "
      "one after the other: echo (Diagnostics.Echo with a payload the size "
      "of the mean RouteRequest: the ceiling of the gRPC stack), route "
      "(Routing.Route, --concurrency calls in flight), stream "
      "(Routing.RouteStream, --streams streams with --window requests in "
      "flight on each). Each mode warms up, then runs for --duration or "
      "--count calls, whichever comes first. Every contact gets an id of "
      "its own and stays on the server: start the server with "
      "bench/config/loadgen.textproto (queues long enough), not one that "
      "serves people. A soak: --mode route --finish abandon --server-pid "
      "PID against a server started with a short --finished-retention "
      "reports whether the server's memory stays flat. Exits 1 when a mode "
      "had no successful call or more than 1% of its calls failed.",
      {{"server", "HOST:PORT", "", "the server to load", true},
       {"contacts", "FILE.csv", SWITCHBOARD_SAMPLE_DIR "/contacts_test.csv",
        "the contacts to send, in turn"},
       {"mode", "MODES", "all",
        "echo, route, stream, or a comma-separated list of them; all: "
        "echo,route,stream"},
       {"concurrency", "N", "64", "unary calls in flight (echo, route)"},
       {"streams", "N", "2", "RouteStream streams"},
       {"window", "N", "512",
        "requests sent and not yet answered on each stream"},
       {"threads", "N", "1",
        "client threads, each with a connection of its own"},
       {"duration", "SECONDS", "5", "how long each mode is measured"},
       {"count", "N", "0",
        "stop a mode after N counted calls (0: only --duration)"},
       {"warmup", "SECONDS", "1", "calls made before measuring, not counted"},
       {"rate", "R", "0",
        "unary calls started a second, open loop (latency counts from when "
        "a call was due); 0: as fast as the server answers"},
       {"deadline-ms", "N", "5000",
        "deadline of each unary call; how long streams may take to answer "
        "after the measurement"},
       {"id-prefix", "PREFIX", "",
        "contact ids start with this (default: from the process id and the "
        "time, so runs do not collide)"},
       {"finish", "HOW", "none",
        "route mode: none (contacts stay on the server) or abandon (each "
        "routed contact is abandoned at once with Routing.ReportEvent; a "
        "call is then the pair). For a soak, with a server started with a "
        "short --finished-retention"},
       {"server-pid", "PID", "0",
        "the server's process id on this machine: sample its resident size "
        "(VmRSS) during each mode and report it (0: do not)"},
       {"rss-interval", "SECONDS", "1", "how often to sample it"},
       {"json", "FILE", "", "also write the results as JSON to FILE"},
       {"tenant", "NAME", "",
        "send every call for this tenant (metadata x-switchboard-tenant; "
        "default: none, the server's \"default\")"},
       {"tenants", "N", "0",
        "spread the calls (route: in turn; stream: by stream) over the "
        "tenants t1..tN"},
       {"keep-going", "", "",
        "do not give up when most calls fail (a flood over a tenant's "
        "calls-per-second limit)"}},
      ""};
  for (FlagSpec& f : ClientTlsFlags()) spec.flags.push_back(std::move(f));
  for (FlagSpec& f : ClientTokenFlags()) spec.flags.push_back(std::move(f));
  return spec;
}


absl::StatusOr<std::vector<Mode>> ParseModes(const std::string& text) {
  const std::vector<Mode> all = LoadgenOptions().modes;
  if (text == "all") return all;
  std::vector<Mode> modes;
  for (absl::string_view name : absl::StrSplit(text, ',')) {
    auto known = std::find_if(all.begin(), all.end(), [&](Mode m) {
      return loadgen::ModeName(m) == name;
    });
    if (known == all.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--mode: unknown mode \"", name, "\" (echo, route, stream or all)"));
    }
    // Twice would send the same contact ids again (ALREADY_EXISTS).
    if (std::find(modes.begin(), modes.end(), *known) != modes.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--mode: ", name, " is given twice"));
    }
    modes.push_back(*known);
  }
  return modes;
}

// The options from the flags; INVALID_ARGUMENT naming a bad one.
absl::StatusOr<LoadgenOptions> OptionsFromFlags(const ParsedFlags& flags) {
  LoadgenOptions o;
  o.server = flags.Get("server");
  o.tls = ClientTlsFromFlags(flags);
  absl::StatusOr<std::string> token = ClientTokenFromFlags(flags);
  if (!token.ok()) return token.status();
  o.tenants.token = *std::move(token);
  o.contacts_path = flags.Get("contacts");
  o.id_prefix = flags.Get("id-prefix");
  absl::StatusOr<std::vector<Mode>> modes = ParseModes(flags.Get("mode"));
  if (!modes.ok()) return modes.status();
  o.modes = *std::move(modes);
  for (auto [name, out] :
       {std::pair<const char*, int*>{"concurrency", &o.concurrency},
        {"streams", &o.streams},
        {"window", &o.window},
        {"threads", &o.threads}}) {
    absl::StatusOr<int64_t> v = flags.GetInt(name);
    if (!v.ok()) return v.status();
    if (*v < 0 || *v > 1'000'000) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " is out of range: ", *v));
    }
    *out = static_cast<int>(*v);
  }
  const std::string finish = flags.Get("finish");
  if (finish == "abandon") {
    o.finish = loadgen::Finish::kAbandon;
  } else if (finish != "none") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--finish: unknown value \"", finish, "\" (none or abandon)"));
  }
  absl::StatusOr<int64_t> server_pid = flags.GetInt("server-pid");
  if (!server_pid.ok()) return server_pid.status();
  if (*server_pid < 0 || *server_pid > std::numeric_limits<int>::max()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--server-pid is out of range: ", *server_pid));
  }
  o.server_pid = static_cast<int>(*server_pid);
  absl::StatusOr<int64_t> tenants = flags.GetInt("tenants");
  if (!tenants.ok()) return tenants.status();
  if (*tenants < 0 || *tenants > 1000) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tenants is out of range: ", *tenants, " (0..1000)"));
  }
  o.tenants.tenants = static_cast<int>(*tenants);
  o.tenants.tenant = flags.Get("tenant");
  o.limits.keep_going = flags.Has("keep-going");
  absl::StatusOr<int64_t> count = flags.GetInt("count");
  absl::StatusOr<int64_t> deadline_ms = flags.GetInt("deadline-ms");
  absl::StatusOr<double> duration = flags.GetDouble("duration");
  absl::StatusOr<double> warmup = flags.GetDouble("warmup");
  absl::StatusOr<double> rate = flags.GetDouble("rate");
  absl::StatusOr<double> rss_interval = flags.GetDouble("rss-interval");
  for (const absl::Status& s :
       {count.status(), deadline_ms.status(), duration.status(),
        warmup.status(), rate.status(), rss_interval.status()}) {
    if (!s.ok()) return s;
  }
  if (*count < 0) return absl::InvalidArgumentError("--count is negative");
  o.limits.count = static_cast<uint64_t>(*count);
  o.limits.deadline = absl::Milliseconds(*deadline_ms);
  o.limits.duration = absl::Seconds(*duration);
  o.limits.warmup = absl::Seconds(*warmup);
  o.rate = *rate;
  o.rss_interval = absl::Seconds(*rss_interval);
  if (absl::Status s = loadgen::ValidateOptions(o); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", s.message()));
  }
  return o;
}

}  // namespace

int RunLoadgen(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = LoadgenSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  absl::StatusOr<LoadgenOptions> options = OptionsFromFlags(flags);
  if (!options.ok()) {
    io.err << "switchboard loadgen: " << options.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<loadgen::LoadgenReport> report =
      loadgen::RunLoadgen(*options, io.err);
  if (!report.ok()) {
    io.err << "switchboard loadgen: " << report.status().message() << "\n";
    return 1;
  }
  io.out << loadgen::FormatReport(*report) << std::flush;
  if (flags.Has("json")) {
    std::ofstream json(flags.Get("json"), std::ios::trunc);
    json << loadgen::ReportToJson(*report);
    json.close();
    if (!json.good()) {
      io.err << "switchboard loadgen: cannot write " << flags.Get("json")
             << "\n";
      return 1;
    }
  }
  if (const std::string failure = loadgen::RunFailure(*report);
      !failure.empty()) {
    io.err << "switchboard loadgen: the run failed: " << failure << "\n";
    return 1;
  }
  return 0;
}

}  // namespace switchboard::cli
