// Copyright 2026 The Switchboard Authors.

#include "switchboard/tenant/tenant_name.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace switchboard {

absl::Status ValidateTenantName(absl::string_view name) {
  if (name.empty()) {
    return absl::InvalidArgumentError(
        "tenant name is empty (1 to 63 characters of [a-z0-9-])");
  }
  if (name.size() > kMaxTenantNameLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        "tenant name \"", absl::CHexEscape(name.substr(0, 70)),
        name.size() > 70 ? "..." : "", "\" is ", name.size(),
        " characters long; at most ", kMaxTenantNameLength));
  }
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) {
      return absl::InvalidArgumentError(absl::StrCat(
          "tenant name \"", absl::CHexEscape(name), "\": character ", i + 1,
          " is not one of [a-z0-9-]"));
    }
  }
  return absl::OkStatus();
}

absl::Status TenantError(absl::string_view tenant, const absl::Status& status) {
  if (status.ok() ||
      absl::StartsWith(status.message(), absl::StrCat("tenant ", tenant, ":")) ||
      absl::StartsWith(status.message(), absl::StrCat("tenant ", tenant, " "))) {
    return status;
  }
  return absl::Status(status.code(),
                      absl::StrCat("tenant ", tenant, ": ", status.message()));
}

}  // namespace switchboard
