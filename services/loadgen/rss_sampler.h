// Copyright 2026 The Switchboard Authors.
//
// rss_sampler.h: the resident set size of another process (a server under
// load), sampled at a fixed interval on a thread of its own, so that
// `switchboard loadgen --server-pid PID` shows whether the server's memory
// stays flat. Linux: reads VmRSS from /proc/PID/status.
//
//   RssSampler sampler(server_pid, absl::Seconds(1));  // first sample now
//   ... load ...
//   std::vector<RssSample> samples = sampler.Stop();   // and a last one
//   std::optional<RssSummary> s = SummarizeRss(samples, warmup);
//   // s->growth(): from the end of the warmup to the end, e.g. 0.03

#ifndef SWITCHBOARD_SERVICES_LOADGEN_RSS_SAMPLER_H_
#define SWITCHBOARD_SERVICES_LOADGEN_RSS_SAMPLER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace switchboard::loadgen {

struct RssSample {
  absl::Duration at;  // since the sampler started
  int64_t kib = 0;    // resident set size
};

// VmRSS in KiB from the text of a /proc/PID/status file; INVALID_ARGUMENT
// when it has no well-formed VmRSS line (a kernel thread has none).
absl::StatusOr<int64_t> ParseVmRssKib(absl::string_view status_text);

// VmRSS of process `pid` in KiB; NOT_FOUND when there is no such process.
absl::StatusOr<int64_t> ReadRssKib(int pid);

// Samples at once, then every `interval`, until Stop(). A sample that
// cannot be read (the process has ended) is skipped. Thread-safe.
class RssSampler {
 public:
  RssSampler(int pid, absl::Duration interval);
  ~RssSampler() { Stop(); }
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;

  // Stops sampling, takes one last sample and returns them all, oldest
  // first. Later calls return the same samples.
  std::vector<RssSample> Stop();

 private:
  void Loop();
  void Sample() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const int pid_;
  const absl::Duration interval_;
  const absl::Time start_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<RssSample> samples_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

// Memory over a load run with a warmup.
struct RssSummary {
  int64_t warmup_end_kib = 0;  // the first sample at or after the warmup
  int64_t end_kib = 0;         // the last sample
  int64_t peak_kib = 0;        // the largest from the warmup's end on
  // (end - warmup_end) / warmup_end.
  double growth() const;
};

// Nullopt when no sample was taken at or after the warmup's end.
std::optional<RssSummary> SummarizeRss(const std::vector<RssSample>& samples,
                                       absl::Duration warmup);

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_RSS_SAMPLER_H_
