// Copyright 2026 The Switchboard Authors.
//
// config_convert.h: the engine configuration file (switchboard.v1.
// EngineConfig in the protobuf text format, or JSON for *.json) -> the
// library's plain EngineConfig, validated.
//
// Errors are INVALID_ARGUMENT naming the file and what is wrong: a syntax
// error with its line and column, an unknown enum value, a negative
// duration, or any ValidateConfig complaint (unknown department, duplicate
// id, ...). A missing file is NOT_FOUND.

#ifndef SWITCHBOARD_SERVICES_CONVERT_CONFIG_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_CONFIG_CONVERT_H_

#include <string>

#include "absl/status/statusor.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/v1/config.pb.h"

namespace switchboard {

absl::StatusOr<EngineConfig> ConfigFromProto(const v1::EngineConfig& proto);

// Parses text (the text format, or JSON when `json`); `name` is used in
// messages. Validates the result.
absl::StatusOr<EngineConfig> ParseConfig(absl::string_view text, bool json,
                                         absl::string_view name);

// Reads and parses a file (JSON when the name ends in ".json").
absl::StatusOr<EngineConfig> LoadConfigFile(const std::string& path);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_CONFIG_CONVERT_H_
