// Copyright 2026 The Switchboard Authors.
//
// tenant_name.h: what a tenant may be called. A name is 1 to 63 characters
// of [a-z0-9-] (a DNS label's alphabet, lower case): it is used as a
// directory name (the tenant's journal) and a file name (its
// configuration), so it must need no quoting anywhere.
//
//   if (absl::Status s = ValidateTenantName(name); !s.ok()) return s;

#ifndef SWITCHBOARD_TENANT_TENANT_NAME_H_
#define SWITCHBOARD_TENANT_TENANT_NAME_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace switchboard {

// The tenant a caller gets when it names none (the service's metadata key
// absent): single-tenant users change nothing.
inline constexpr absl::string_view kDefaultTenant = "default";

inline constexpr size_t kMaxTenantNameLength = 63;

// OK for a name of 1..63 characters from [a-z0-9-]; otherwise
// INVALID_ARGUMENT naming the name (escaped) and what is wrong with it.
absl::Status ValidateTenantName(absl::string_view name);

// `status` with its message prefixed "tenant NAME: " (unless it names the
// tenant already); OK stays OK.
absl::Status TenantError(absl::string_view tenant, const absl::Status& status);

}  // namespace switchboard

#endif  // SWITCHBOARD_TENANT_TENANT_NAME_H_
