// Copyright 2026 The Switchboard Authors.
//
// data_policy.h: what data the engine keeps about contacts and citizens,
// in what form, for how long, and why -- from the configuration, so that
// an organisation can explain it (`switchboard config explain` prints it).
//
//   std::vector<DataPolicyRow> rows =
//       ExplainDataPolicy(config, absl::Hours(1));
//   std::cout << FormatDataPolicy(rows, 100);

#ifndef SWITCHBOARD_CONFIG_DATA_POLICY_H_
#define SWITCHBOARD_CONFIG_DATA_POLICY_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "switchboard/config/engine_config.h"

namespace switchboard {

struct DataPolicyRow {
  std::string data;      // What it is.
  std::string kept_as;   // In what form (or "never stored").
  std::string how_long;  // For how long.
  std::string reason;    // Why.
};

// Every kind of data the engine holds or refuses to hold. The text and
// customer-history rows take their durations and reasons from
// config.retention; `finished_retention` is the engine's (serve
// --finished-retention).
std::vector<DataPolicyRow> ExplainDataPolicy(const EngineConfig& config,
                                             absl::Duration finished_retention);

// The rows as a plain-text table at most `width` columns wide, cells
// wrapped at spaces.
std::string FormatDataPolicy(const std::vector<DataPolicyRow>& rows,
                             int width = 100);

// A duration as a person reads it: "30 days", "1 hour", "90 minutes",
// "for ever".
std::string HumanDuration(absl::Duration d);

}  // namespace switchboard

#endif  // SWITCHBOARD_CONFIG_DATA_POLICY_H_
