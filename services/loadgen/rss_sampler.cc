// Copyright 2026 The Switchboard Authors.

#include "loadgen/rss_sampler.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace switchboard::loadgen {

absl::StatusOr<int64_t> ParseVmRssKib(absl::string_view status_text) {
  for (absl::string_view line : absl::StrSplit(status_text, '\n')) {
    if (!absl::ConsumePrefix(&line, "VmRSS:")) continue;
    // "VmRSS:	   52344 kB"
    line = absl::StripAsciiWhitespace(line);
    int64_t kib = 0;
    if (!absl::ConsumeSuffix(&line, "kB") ||
        !absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &kib) || kib < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("a VmRSS line that is not \"VmRSS: N kB\": ", line));
    }
    return kib;
  }
  return absl::InvalidArgumentError("no VmRSS line");
}

absl::StatusOr<int64_t> ReadRssKib(int pid) {
  const std::string path = absl::StrCat("/proc/", pid, "/status");
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("no process ", pid, " (cannot read ", path, ")"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  absl::StatusOr<int64_t> kib = ParseVmRssKib(text.str());
  if (!kib.ok()) {
    return absl::Status(kib.status().code(),
                        absl::StrCat(path, ": ", kib.status().message()));
  }
  return kib;
}

RssSampler::RssSampler(int pid, absl::Duration interval)
    : pid_(pid), interval_(interval), start_(absl::Now()) {
  {
    absl::MutexLock lock(&mu_);
    Sample();
  }
  thread_ = std::thread([this] { Loop(); });
}

void RssSampler::Sample() {
  const absl::Duration at = absl::Now() - start_;
  if (absl::StatusOr<int64_t> kib = ReadRssKib(pid_); kib.ok()) {
    samples_.push_back({at, *kib});
  }
}

void RssSampler::Loop() {
  absl::MutexLock lock(&mu_);
  // Due times on a fixed grid from the start, so the samples do not drift.
  for (int64_t n = 1;; ++n) {
    const absl::Time due = start_ + n * interval_;
    if (mu_.AwaitWithDeadline(absl::Condition(&stop_), due)) return;
    Sample();
  }
}

std::vector<RssSample> RssSampler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stop_) return samples_;
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
  absl::MutexLock lock(&mu_);
  Sample();
  return samples_;
}

double RssSummary::growth() const {
  return warmup_end_kib > 0 ? static_cast<double>(end_kib - warmup_end_kib) /
                                  static_cast<double>(warmup_end_kib)
                            : 0.0;
}

std::optional<RssSummary> SummarizeRss(const std::vector<RssSample>& samples,
                                       absl::Duration warmup) {
  auto first = std::find_if(samples.begin(), samples.end(),
                            [&](const RssSample& s) { return s.at >= warmup; });
  if (first == samples.end()) return std::nullopt;
  RssSummary summary;
  summary.warmup_end_kib = first->kib;
  summary.end_kib = samples.back().kib;
  for (auto it = first; it != samples.end(); ++it) {
    summary.peak_kib = std::max(summary.peak_kib, it->kib);
  }
  return summary;
}

}  // namespace switchboard::loadgen
