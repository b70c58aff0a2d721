// Copyright 2026 The Switchboard Authors.
//
// tally.h: what the calls of one load-generator mode came to: how many
// succeeded and their latency histogram, how many failed by gRPC status
// code, and the first failure's message (errors are never silent). Each
// client thread keeps its own Tally; Merge() adds them up at the end.
//
//   Tally t;
//   t.Ok(absl::Microseconds(180));
//   t.Error(grpc::StatusCode::RESOURCE_EXHAUSTED, "queue taxes-chat full");
//   t.calls();  // 2

#ifndef SWITCHBOARD_SERVICES_LOADGEN_TALLY_H_
#define SWITCHBOARD_SERVICES_LOADGEN_TALLY_H_

#include <grpcpp/support/status.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/stats/latency_histogram.h"

namespace switchboard::loadgen {

// Not thread-safe: one per thread.
class Tally {
 public:
  Tally() : latency_(std::make_unique<LatencyHistogram>()) {}

  // A successful call and its latency.
  void Ok(absl::Duration latency) {
    ++ok_;
    latency_->Record(latency);
  }
  // `count` failed calls with this code; the first failure's message is
  // kept.
  void Error(grpc::StatusCode code, absl::string_view message,
             uint64_t count = 1);

  // Adds `other`'s counts and samples (its first error counts as later).
  void Merge(const Tally& other);

  uint64_t ok() const { return ok_; }
  uint64_t errors() const;
  uint64_t calls() const { return ok_ + errors(); }
  // Failed calls by code.
  const std::map<grpc::StatusCode, uint64_t>& errors_by_code() const {
    return errors_;
  }
  // "RESOURCE_EXHAUSTED: queue taxes-chat is full", or "".
  const std::string& first_error() const { return first_error_; }
  // Of the successful calls.
  const LatencyHistogram& latency() const { return *latency_; }

 private:
  uint64_t ok_ = 0;
  std::map<grpc::StatusCode, uint64_t> errors_;
  std::string first_error_;
  std::unique_ptr<LatencyHistogram> latency_;  // Not movable itself.
};

// "RESOURCE_EXHAUSTED" (gRPC and absl share their codes).
std::string StatusCodeName(grpc::StatusCode code);

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_TALLY_H_
