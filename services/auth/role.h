// Copyright 2026 The Switchboard Authors.
//
// role.h: who may call what. Every credential has one role; every RPC of
// the service is a Method; RoleAllows is the whole policy:
//
//   router      Route, RouteStream, Classify, ReportEvent, GetContact
//   agent       the Agents service (and only for the agent id the
//               credential is bound to: see Authorizer)
//   supervisor  GetStats, GetContact (read only)
//   admin       Admin: Reload, GetInfo and the tenant lifecycle
//
// Diagnostics.Echo (the benchmarks' ceiling) is open to every role; health
// checking and reflection need no credential at all (they say nothing
// about contacts).

#ifndef SWITCHBOARD_SERVICES_AUTH_ROLE_H_
#define SWITCHBOARD_SERVICES_AUTH_ROLE_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace switchboard::auth {

enum class Role { kRouter, kAgent, kSupervisor, kAdmin };

enum class Method {
  // switchboard.v1.Routing
  kRoute,
  kRouteStream,
  kClassify,
  kReportEvent,
  kGetStats,
  kGetContact,
  // switchboard.v1.Agents
  kRegisterAgent,
  kSetPresence,
  kStreamOffers,
  kAccept,
  kReject,
  kComplete,
  // switchboard.v1.Admin
  kReload,
  kGetInfo,
  kCreateTenant,
  kUpdateTenant,
  kDeleteTenant,
  kListTenants,
  // switchboard.v1.Diagnostics
  kEcho,
};

inline constexpr Method kAllMethods[] = {
    Method::kRoute,         Method::kRouteStream,  Method::kClassify,
    Method::kReportEvent,   Method::kGetStats,     Method::kGetContact,
    Method::kRegisterAgent, Method::kSetPresence,  Method::kStreamOffers,
    Method::kAccept,        Method::kReject,       Method::kComplete,
    Method::kReload,        Method::kGetInfo,      Method::kCreateTenant,
    Method::kUpdateTenant,  Method::kDeleteTenant, Method::kListTenants,
    Method::kEcho};

inline constexpr Role kAllRoles[] = {Role::kRouter, Role::kAgent,
                                     Role::kSupervisor, Role::kAdmin};

// "router", "agent", "supervisor", "admin".
absl::string_view RoleName(Role role);
// The inverse of RoleName; nullopt for anything else.
std::optional<Role> ParseRole(absl::string_view name);

// "switchboard.v1.Routing/Route", ... (as gRPC names it).
absl::string_view MethodName(Method method);

// The table above.
bool RoleAllows(Role role, Method method);

// Methods of the Agents service: an agent credential reaches them only for
// its own agent id.
bool IsAgentMethod(Method method);

}  // namespace switchboard::auth

#endif  // SWITCHBOARD_SERVICES_AUTH_ROLE_H_
