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
//
// The service reads the same file with LoadServiceConfigFile, which also
// returns what the library does not use (the `training` section).

#ifndef SWITCHBOARD_SERVICES_CONVERT_CONFIG_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_CONFIG_CONVERT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/tenant/tenant.h"
#include "switchboard/v1/config.pb.h"

namespace switchboard {

// Converts (without validating: see ValidateConfig). Ignores `training`.
absl::StatusOr<EngineConfig> ConfigFromProto(const v1::EngineConfig& proto);

// Parses text (the text format, or JSON when `json`); `name` is used in
// messages. Validates the result.
absl::StatusOr<EngineConfig> ParseConfig(absl::string_view text, bool json,
                                         absl::string_view name);

// Reads and parses a file (JSON when the name ends in ".json").
absl::StatusOr<EngineConfig> LoadConfigFile(const std::string& path);

// What `switchboard serve` reads from a configuration file: the engine's
// configuration and where to train a model from at start-up.
struct ServiceConfig {
  EngineConfig engine;
  // The labelled CSV file of the `training` section as an absolute path
  // (relative paths in the file are relative to the file's directory); ""
  // when the file has none.
  std::string training_data;
  std::string text_column = "text";    // "" in the file: this default.
  std::string label_column = "label";  // "" in the file: this default.
  // The contact-type column to train the type model from; "" for none.
  std::string type_column;
  // The `tenant_limits` section (none when the file has none).
  TenantLimits limits;
};

// LoadConfigFile plus the `training` and `tenant_limits` sections (a
// negative limit is INVALID_ARGUMENT naming the file and the field). Does not check that the
// training file exists (whoever reads it reports NOT_FOUND).
absl::StatusOr<ServiceConfig> LoadServiceConfigFile(const std::string& path);

// Skills with levels (departments, rules, agents, decisions). A level of 0
// on the wire means 1.
std::vector<SkillLevel> SkillsFromProto(
    const google::protobuf::RepeatedPtrField<v1::SkillLevel>& skills);
void SkillsToProto(const std::vector<SkillLevel>& skills,
                   google::protobuf::RepeatedPtrField<v1::SkillLevel>* out);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_CONFIG_CONVERT_H_
