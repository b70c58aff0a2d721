// Copyright 2026 The Switchboard Authors.

#include "loadgen/report.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace switchboard::loadgen {
namespace {

// The share of failed calls beyond which a run fails.
constexpr double kMaxFailedShare = 0.01;

// The quantiles reported, with their names in the table and in JSON.
struct QuantileName {
  double q;
  const char* column;
  const char* json;
};
constexpr QuantileName kQuantiles[] = {{0.50, "p50", "p50"},
                                       {0.90, "p90", "p90"},
                                       {0.99, "p99", "p99"},
                                       {0.999, "p99.9", "p999"}};

double Seconds(absl::Duration d) { return absl::ToDoubleSeconds(d); }

double Micros(absl::Duration d) { return absl::ToDoubleMicroseconds(d); }

double Millis(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

// "RESOURCE_EXHAUSTED 12, UNAVAILABLE 3".
std::string ErrorCounts(const Tally& tally) {
  std::vector<std::string> parts;
  for (const auto& [code, n] : tally.errors_by_code()) {
    parts.push_back(absl::StrCat(StatusCodeName(code), " ", n));
  }
  return absl::StrJoin(parts, ", ");
}

// "route: 12 of 51234 failed (0.02%): RESOURCE_EXHAUSTED 12; first:
// RESOURCE_EXHAUSTED: ...", for `what` = "route" or "route warmup".
std::string FailureLine(absl::string_view what, const Tally& tally) {
  return absl::StrFormat(
      "%s: %d of %d calls failed (%.2f%%): %s\n  first: %s\n", what,
      tally.errors(), tally.calls(),
      tally.calls() ? 100.0 * tally.errors() / tally.calls() : 0.0,
      ErrorCounts(tally), tally.first_error());
}

google::protobuf::Value Number(double v) {
  google::protobuf::Value value;
  value.set_number_value(v);
  return value;
}

google::protobuf::Value Text(absl::string_view s) {
  google::protobuf::Value value;
  value.set_string_value(std::string(s));
  return value;
}

double MiB(int64_t kib) { return static_cast<double>(kib) / 1024; }

// "route: server RSS (pid 4711) every 1s, MiB: 41.2 52.0 ..." and its
// growth after the warmup.
std::string RssLines(const ModeReport& m, const LoadgenReport& r) {
  std::vector<std::string> values;
  for (const RssSample& s : m.rss) {
    values.push_back(absl::StrFormat("%.1f", MiB(s.kib)));
  }
  std::string out = absl::StrFormat(
      "%s: server RSS (pid %d), MiB, every %s from the start of the warmup: "
      "%s\n",
      ModeName(m.mode), r.server_pid, absl::FormatDuration(r.rss_interval),
      absl::StrJoin(values, " "));
  if (std::optional<RssSummary> s = SummarizeRss(m.rss, r.limits.warmup)) {
    absl::StrAppendFormat(&out,
                          "%s: server RSS %.1f MiB at the end of the warmup, "
                          "%.1f MiB at the end (%+.1f%%), peak %.1f MiB\n",
                          ModeName(m.mode), MiB(s->warmup_end_kib),
                          MiB(s->end_kib), 100 * s->growth(), MiB(s->peak_kib));
  }
  return out;
}

google::protobuf::Value ModeJson(const ModeReport& m, absl::Duration warmup) {
  google::protobuf::Value value;
  auto& f = *value.mutable_struct_value()->mutable_fields();
  const Tally& t = m.result.tally;
  f["mode"] = Text(ModeName(m.mode));
  f["setup"] = Text(m.setup);
  f["ok"] = Number(t.ok());
  f["failed"] = Number(t.errors());
  google::protobuf::Value errors;
  auto& by_code = *errors.mutable_struct_value()->mutable_fields();
  for (const auto& [code, n] : t.errors_by_code()) {
    by_code[StatusCodeName(code)] = Number(n);
  }
  f["errors"] = errors;
  f["first_error"] = Text(t.first_error());
  f["warmup_failed"] = Number(m.result.warmup.errors());
  f["gave_up"].set_bool_value(m.result.gave_up);
  f["elapsed_s"] = Number(Seconds(m.result.elapsed));
  f["throughput"] = Number(m.throughput());  // successful calls a second
  for (const QuantileName& q : kQuantiles) {
    f[absl::StrCat(q.json, "_ms")] = Number(Millis(t.latency().Quantile(q.q)));
  }
  const LatencySummary summary = t.latency().Summarize();
  f["mean_ms"] = Number(Millis(summary.mean));
  f["max_ms"] = Number(Millis(summary.max));
  if (!m.rss.empty()) {
    google::protobuf::Value kib, at;
    for (const RssSample& s : m.rss) {
      *kib.mutable_list_value()->add_values() = Number(s.kib);
      *at.mutable_list_value()->add_values() = Number(Seconds(s.at));
    }
    f["rss_kib"] = kib;
    f["rss_at_s"] = at;
    if (std::optional<RssSummary> s = SummarizeRss(m.rss, warmup)) {
      f["rss_warmup_end_kib"] = Number(s->warmup_end_kib);
      f["rss_end_kib"] = Number(s->end_kib);
      f["rss_peak_kib"] = Number(s->peak_kib);
      f["rss_growth"] = Number(s->growth());
    }
  }
  return value;
}

}  // namespace

absl::string_view ModeName(Mode mode) {
  switch (mode) {
    case Mode::kEcho:
      return "echo";
    case Mode::kRoute:
      return "route";
    case Mode::kStream:
      return "stream";
  }
  return "?";
}

absl::string_view FinishName(Finish finish) {
  switch (finish) {
    case Finish::kNone:
      return "none";
    case Finish::kAbandon:
      return "abandon";
  }
  return "?";
}

double ModeReport::throughput() const {
  const double s = Seconds(result.elapsed);
  return s > 0 ? result.tally.ok() / s : 0.0;
}

double ModeReport::failed_share() const {
  const uint64_t calls = result.tally.calls();
  return calls ? static_cast<double>(result.tally.errors()) / calls : 0.0;
}

const ModeReport* LoadgenReport::Find(Mode mode) const {
  for (const ModeReport& m : modes) {
    if (m.mode == mode) return &m;
  }
  return nullptr;
}

std::optional<double> LoadgenReport::RatioToEcho(Mode mode) const {
  const ModeReport* echo = Find(Mode::kEcho);
  const ModeReport* other = Find(mode);
  if (echo == nullptr || other == nullptr || echo->throughput() <= 0) {
    return std::nullopt;
  }
  return other->throughput() / echo->throughput();
}

std::string FormatLatency(absl::Duration d) {
  const double us = Micros(d);
  if (us < 1000) return absl::StrFormat("%.0fus", us);
  if (us < 1e6) return absl::StrFormat("%.2fms", us / 1000);
  return absl::StrFormat("%.2fs", us / 1e6);
}

std::string FormatReport(const LoadgenReport& r) {
  std::string out = absl::StrFormat(
      "switchboard loadgen: server %s\n"
      "  dataset %s: %d contacts (%s)\n"
      "  RouteRequest %d bytes on average; Echo payload %d bytes\n"
      "  %d client thread(s); warmup %s, then %s per mode%s%s; contact ids "
      "%s-*\n%s\n",
      r.server, r.dataset, r.contacts, r.channel_mix, r.request_bytes,
      r.request_bytes, r.client_threads, absl::FormatDuration(r.limits.warmup),
      absl::FormatDuration(r.limits.duration),
      r.limits.count ? absl::StrCat(" or ", r.limits.count, " calls") : "",
      r.rate > 0 ? absl::StrFormat(", unary paced at %.0f/s", r.rate) : "",
      r.id_prefix,
      r.finish == Finish::kAbandon
          ? "  route: each contact abandoned (Routing.ReportEvent) as soon "
            "as it is routed; a call is the pair\n"
          : "");
  absl::StrAppendFormat(&out, "%-7s %10s %8s %11s", "mode", "ok", "failed",
                        "per_second");
  for (const QuantileName& q : kQuantiles) {
    absl::StrAppendFormat(&out, " %8s", q.column);
  }
  absl::StrAppendFormat(&out, " %8s  %s\n", "max", "load");
  for (const ModeReport& m : r.modes) {
    const Tally& t = m.result.tally;
    absl::StrAppendFormat(&out, "%-7s %10d %8d %11.0f", ModeName(m.mode),
                          t.ok(), t.errors(), m.throughput());
    for (const QuantileName& q : kQuantiles) {
      absl::StrAppendFormat(&out, " %8s",
                            FormatLatency(t.latency().Quantile(q.q)));
    }
    absl::StrAppendFormat(&out, " %8s  %s\n",
                          FormatLatency(t.latency().Summarize().max), m.setup);
  }
  for (const ModeReport& m : r.modes) {
    if (m.result.gave_up) {
      absl::StrAppendFormat(
          &out,
          "%s: gave up early: at least %d calls failed, more than "
          "succeeded\n",
          ModeName(m.mode), kHopelessErrors);
    }
    if (m.result.tally.errors() > 0) {
      out += FailureLine(ModeName(m.mode), m.result.tally);
    }
    if (m.result.warmup.errors() > 0) {
      out +=
          FailureLine(absl::StrCat(ModeName(m.mode), " warmup (not counted)"),
                      m.result.warmup);
    }
  }
  for (Mode mode : {Mode::kRoute, Mode::kStream}) {
    if (std::optional<double> ratio = r.RatioToEcho(mode)) {
      absl::StrAppendFormat(&out, "%s/echo throughput ratio: %.3f\n",
                            ModeName(mode), *ratio);
    }
  }
  for (const ModeReport& m : r.modes) {
    if (!m.rss.empty()) out += RssLines(m, r);
  }
  return out;
}

std::string ReportToJson(const LoadgenReport& r) {
  google::protobuf::Struct json;
  auto& f = *json.mutable_fields();
  f["server"] = Text(r.server);
  f["dataset"] = Text(r.dataset);
  f["contacts"] = Number(r.contacts);
  f["request_bytes"] = Number(r.request_bytes);
  f["client_threads"] = Number(r.client_threads);
  f["warmup_s"] = Number(Seconds(r.limits.warmup));
  f["duration_s"] = Number(Seconds(r.limits.duration));
  f["count"] = Number(r.limits.count);
  f["deadline_ms"] = Number(absl::ToDoubleMilliseconds(r.limits.deadline));
  f["rate"] = Number(r.rate);
  f["id_prefix"] = Text(r.id_prefix);
  f["finish"] = Text(FinishName(r.finish));
  if (r.server_pid != 0) {
    f["server_pid"] = Number(r.server_pid);
    f["rss_interval_s"] = Number(Seconds(r.rss_interval));
  }
  google::protobuf::Value modes;  // In the order they ran.
  for (const ModeReport& m : r.modes) {
    *modes.mutable_list_value()->add_values() = ModeJson(m, r.limits.warmup);
  }
  f["modes"] = modes;
  for (Mode mode : {Mode::kRoute, Mode::kStream}) {
    if (std::optional<double> ratio = r.RatioToEcho(mode)) {
      f[absl::StrCat(ModeName(mode), "_echo_ratio")] = Number(*ratio);
    }
  }
  std::string text;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  // Cannot fail: a Struct is always printable.
  (void)google::protobuf::util::MessageToJsonString(json, &text, options);
  return text;
}

std::string RunFailure(const LoadgenReport& r) {
  std::vector<std::string> why;
  for (const ModeReport& m : r.modes) {
    if (m.result.gave_up) {
      why.push_back(
          absl::StrCat(ModeName(m.mode), ": gave up, its calls kept failing"));
    } else if (m.result.tally.ok() == 0) {
      why.push_back(absl::StrCat(ModeName(m.mode), ": no call succeeded"));
    } else if (m.failed_share() > kMaxFailedShare) {
      why.push_back(absl::StrFormat("%s: %.2f%% of calls failed (limit %.0f%%)",
                                    ModeName(m.mode), 100 * m.failed_share(),
                                    100 * kMaxFailedShare));
    }
  }
  return absl::StrJoin(why, "; ");
}

}  // namespace switchboard::loadgen
