// Copyright 2026 The Switchboard Authors.

#include "loadgen/load_run.h"

#include "absl/strings/str_cat.h"

namespace switchboard::loadgen {
namespace {

Clock::duration FromDuration(absl::Duration d) {
  return std::chrono::duration_cast<Clock::duration>(
      absl::ToChronoNanoseconds(d));
}

}  // namespace

Phases::Phases(Clock::time_point now, const LoadLimits& limits)
    : start(now),
      warmup_end(now + FromDuration(limits.warmup)),
      measure_end(warmup_end + FromDuration(limits.duration)),
      give_up(measure_end + FromDuration(limits.deadline)),
      keep_going(limits.keep_going) {}

std::string TenantSpread::Of(uint64_t n) const {
  if (tenants > 0) {
    return absl::StrCat("t", n % static_cast<uint64_t>(tenants) + 1);
  }
  return tenant;
}

void TenantSpread::Apply(uint64_t n, grpc::ClientContext* context) const {
  const std::string name = Of(n);
  if (!name.empty()) context->AddMetadata("x-switchboard-tenant", name);
  if (!token.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
}

uint64_t ShareOf(uint64_t total, int parts, int i) {
  const uint64_t n = static_cast<uint64_t>(parts);
  return total / n + (static_cast<uint64_t>(i) < total % n ? 1 : 0);
}

std::chrono::system_clock::time_point SystemDeadline(Clock::time_point when) {
  return std::chrono::system_clock::now() +
         std::chrono::duration_cast<std::chrono::system_clock::duration>(
             when - Clock::now());
}

absl::Duration ToDuration(Clock::duration d) {
  return absl::FromChrono(
      std::chrono::duration_cast<std::chrono::nanoseconds>(d));
}

}  // namespace switchboard::loadgen
