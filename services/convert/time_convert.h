// Copyright 2026 The Switchboard Authors.
//
// time_convert.h: absl::Time / absl::Duration <-> google.protobuf.Timestamp
// / Duration, shared by every conversion in services/convert so that each
// message converts time the same way.
//
// The library says "no time" with an infinite absl::Time (InfiniteFuture
// for a deadline that does not apply, InfinitePast for an event that has
// not happened); the wire says it with an unset Timestamp field:
//
//   if (IsFinite(d.sla_deadline)) {
//     *p.mutable_sla_deadline() = TimeToProto(d.sla_deadline);
//   }
//   ...
//   absl::StatusOr<absl::Time> t = OptionalTimeFromProto(
//       p.has_sla_deadline(), p.sla_deadline(), absl::InfiniteFuture(),
//       "sla_deadline");
//
// Header-only: a handful of small functions.

#ifndef SWITCHBOARD_SERVICES_CONVERT_TIME_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_TIME_CONVERT_H_

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace switchboard {

inline bool IsFinite(absl::Time t) {
  return t != absl::InfiniteFuture() && t != absl::InfinitePast();
}

// `t` must be finite (see IsFinite). Timestamp wants whole seconds rounded
// down and nanos in [0, 1e9), also before 1970.
inline google::protobuf::Timestamp TimeToProto(absl::Time t) {
  const absl::Duration since = t - absl::UnixEpoch();
  int64_t seconds = absl::ToInt64Seconds(since);  // Rounds toward zero.
  int64_t nanos = absl::ToInt64Nanoseconds(since - absl::Seconds(seconds));
  if (nanos < 0) {
    seconds -= 1;
    nanos += 1'000'000'000;
  }
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(nanos));
  return out;
}

// INVALID_ARGUMENT naming `field` when nanos is outside [0, 1e9).
inline absl::StatusOr<absl::Time> TimeFromProto(
    const google::protobuf::Timestamp& ts, absl::string_view field) {
  if (ts.nanos() < 0 || ts.nanos() > 999'999'999) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " has nanos ", ts.nanos(), " outside [0, 999999999]"));
  }
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

// A Timestamp field that may be unset: `if_unset` (an infinite time) when
// `has` is false, else TimeFromProto.
inline absl::StatusOr<absl::Time> OptionalTimeFromProto(
    bool has, const google::protobuf::Timestamp& ts, absl::Time if_unset,
    absl::string_view field) {
  if (!has) return if_unset;
  return TimeFromProto(ts, field);
}

// Duration wants seconds and nanos with the same sign, |nanos| < 1e9; both
// round toward zero. An infinite duration saturates at the int64 limits.
inline google::protobuf::Duration DurationToProto(absl::Duration d) {
  const int64_t seconds = absl::ToInt64Seconds(d);
  google::protobuf::Duration out;
  out.set_seconds(seconds);
  if (d != absl::InfiniteDuration() && d != -absl::InfiniteDuration()) {
    out.set_nanos(static_cast<int32_t>(
        absl::ToInt64Nanoseconds(d - absl::Seconds(seconds))));
  }
  return out;
}

// INVALID_ARGUMENT naming `field` for nanos outside (-1e9, 1e9) or with a
// sign other than that of seconds. Negative durations are allowed here;
// callers for which they make no sense refuse them.
inline absl::StatusOr<absl::Duration> DurationFromProto(
    const google::protobuf::Duration& d, absl::string_view field) {
  if (d.nanos() < -999'999'999 || d.nanos() > 999'999'999 ||
      (d.seconds() > 0 && d.nanos() < 0) ||
      (d.seconds() < 0 && d.nanos() > 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " has seconds ", d.seconds(), " and nanos ",
                     d.nanos(), ", not a valid duration"));
  }
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_TIME_CONVERT_H_
