// Copyright 2026 The Switchboard Authors.
//
// stats_convert.h: switchboard::StatsSnapshot (library) <-> switchboard.v1.
// Stats (wire), and the stats filter of a GetStats request. Round-trip
// tested.

#ifndef SWITCHBOARD_SERVICES_CONVERT_STATS_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_STATS_CONVERT_H_

#include "absl/status/statusor.h"
#include "switchboard/stats/stats.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard {

v1::Stats StatsToProto(const StatsSnapshot& stats);
// INVALID_ARGUMENT naming the field for an unknown channel value.
absl::StatusOr<StatsSnapshot> StatsFromProto(const v1::Stats& proto);

// CHANNEL_UNSPECIFIED: all channels. INVALID_ARGUMENT for an unknown
// channel value, naming the field.
absl::StatusOr<StatsFilter> StatsFilterFromProto(
    const v1::GetStatsRequest& request);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_STATS_CONVERT_H_
