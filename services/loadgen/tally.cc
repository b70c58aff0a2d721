// Copyright 2026 The Switchboard Authors.

#include "loadgen/tally.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace switchboard::loadgen {

std::string StatusCodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

void Tally::Error(grpc::StatusCode code, absl::string_view message,
                  uint64_t count) {
  if (count == 0) return;
  errors_[code] += count;
  if (first_error_.empty()) {
    first_error_ = absl::StrCat(StatusCodeName(code), ": ", message);
  }
}

void Tally::Merge(const Tally& other) {
  ok_ += other.ok_;
  for (const auto& [code, n] : other.errors_) errors_[code] += n;
  if (first_error_.empty()) first_error_ = other.first_error_;
  latency_->Merge(*other.latency_);
}

uint64_t Tally::errors() const {
  uint64_t n = 0;
  for (const auto& [code, count] : errors_) n += count;
  return n;
}

}  // namespace switchboard::loadgen
