// Copyright 2026 The Switchboard Authors.

#include "auth/role.h"

namespace switchboard::auth {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kRouter:
      return "router";
    case Role::kAgent:
      return "agent";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::optional<Role> ParseRole(absl::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

absl::string_view MethodName(Method method) {
  switch (method) {
    case Method::kRoute:
      return "switchboard.v1.Routing/Route";
    case Method::kRouteStream:
      return "switchboard.v1.Routing/RouteStream";
    case Method::kClassify:
      return "switchboard.v1.Routing/Classify";
    case Method::kReportEvent:
      return "switchboard.v1.Routing/ReportEvent";
    case Method::kGetStats:
      return "switchboard.v1.Routing/GetStats";
    case Method::kGetContact:
      return "switchboard.v1.Routing/GetContact";
    case Method::kRegisterAgent:
      return "switchboard.v1.Agents/RegisterAgent";
    case Method::kSetPresence:
      return "switchboard.v1.Agents/SetPresence";
    case Method::kStreamOffers:
      return "switchboard.v1.Agents/StreamOffers";
    case Method::kAccept:
      return "switchboard.v1.Agents/Accept";
    case Method::kReject:
      return "switchboard.v1.Agents/Reject";
    case Method::kComplete:
      return "switchboard.v1.Agents/Complete";
    case Method::kReload:
      return "switchboard.v1.Admin/Reload";
    case Method::kGetInfo:
      return "switchboard.v1.Admin/GetInfo";
    case Method::kCreateTenant:
      return "switchboard.v1.Admin/CreateTenant";
    case Method::kUpdateTenant:
      return "switchboard.v1.Admin/UpdateTenant";
    case Method::kDeleteTenant:
      return "switchboard.v1.Admin/DeleteTenant";
    case Method::kListTenants:
      return "switchboard.v1.Admin/ListTenants";
    case Method::kEcho:
      return "switchboard.v1.Diagnostics/Echo";
  }
  return "unknown";
}

bool IsAgentMethod(Method method) {
  switch (method) {
    case Method::kRegisterAgent:
    case Method::kSetPresence:
    case Method::kStreamOffers:
    case Method::kAccept:
    case Method::kReject:
    case Method::kComplete:
      return true;
    default:
      return false;
  }
}

bool RoleAllows(Role role, Method method) {
  if (method == Method::kEcho) return true;
  switch (role) {
    case Role::kRouter:
      return method == Method::kRoute || method == Method::kRouteStream ||
             method == Method::kClassify || method == Method::kReportEvent ||
             method == Method::kGetContact;
    case Role::kAgent:
      return IsAgentMethod(method);
    case Role::kSupervisor:
      return method == Method::kGetStats || method == Method::kGetContact;
    case Role::kAdmin:
      return method == Method::kReload || method == Method::kGetInfo ||
             method == Method::kCreateTenant ||
             method == Method::kUpdateTenant ||
             method == Method::kDeleteTenant || method == Method::kListTenants;
  }
  return false;
}

}  // namespace switchboard::auth
