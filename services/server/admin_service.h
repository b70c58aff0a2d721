// Copyright 2026 The Switchboard Authors.
//
// admin_service.h: switchboard.v1.Admin (callback API): reload the
// configuration and model while serving, report what is loaded, and
// create, update, delete and list tenants.

#ifndef SWITCHBOARD_SERVICES_SERVER_ADMIN_SERVICE_H_
#define SWITCHBOARD_SERVICES_SERVER_ADMIN_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <utility>
#include <vector>

#include "server/call_gate.h"
#include "server/engine_host.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::server {

// Requests with paths or names raw (see raw_message.h: one that is not
// UTF-8 is INVALID_ARGUMENT naming the field); GetInfo, ListTenants typed.
using AdminServiceBase = v1::Admin::WithRawCallbackMethod_Reload<
    v1::Admin::WithCallbackMethod_GetInfo<
        v1::Admin::WithRawCallbackMethod_CreateTenant<
            v1::Admin::WithRawCallbackMethod_UpdateTenant<
                v1::Admin::WithRawCallbackMethod_DeleteTenant<
                    v1::Admin::WithCallbackMethod_ListTenants<
                        v1::Admin::Service>>>>>>;

class AdminService final : public AdminServiceBase {
 public:
  // `host` and `gate` are not owned and must outlive the service. Reload
  // and the tenant calls read files only inside `file_dirs`
  // (admin_files.h). Every call needs an admin credential (call_gate.h):
  // of the tenant it names (CreateTenant, UpdateTenant, DeleteTenant: the
  // request's tenant; GetInfo: the metadata's), and for Reload one of
  // `reload_scope` (auth::kAnyTenant when the server has a tenants
  // directory, whose reload touches every tenant; else "default").
  // ListTenants lists only the tenants the credential covers.
  AdminService(EngineHost* host, CallGate* gate,
               std::vector<std::string> file_dirs, std::string reload_scope)
      : host_(host),
        gate_(gate),
        file_dirs_(std::move(file_dirs)),
        reload_scope_(std::move(reload_scope)) {}

  // A v1::ReloadRequest; answers a v1::ReloadResponse.
  grpc::ServerUnaryReactor* Reload(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;
  // For the tenant the metadata names (absent: default).
  grpc::ServerUnaryReactor* GetInfo(grpc::CallbackServerContext* context,
                                    const v1::GetInfoRequest* request,
                                    v1::Info* response) override;
  // v1::CreateTenantRequest / UpdateTenantRequest -> v1::TenantInfo;
  // v1::DeleteTenantRequest -> v1::DeleteTenantResponse.
  grpc::ServerUnaryReactor* CreateTenant(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* UpdateTenant(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* DeleteTenant(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListTenants(grpc::CallbackServerContext* context,
                                        const v1::ListTenantsRequest* request,
                                        v1::ListTenantsResponse* response) override;

 private:
  // The files a request names, each inside file_dirs_ (AdminFile).
  struct Files {
    std::string config, model, type_model;
  };
  absl::StatusOr<Files> RequestFiles(const std::string& config,
                                     const std::string& model,
                                     const std::string& type_model) const;

  EngineHost* const host_;
  CallGate* const gate_;
  const std::vector<std::string> file_dirs_;
  const std::string reload_scope_;
};

// HostInfo on the wire.
v1::Info InfoToProto(const HostInfo& info);
v1::TenantInfo TenantInfoToProto(const ServedTenantInfo& info);

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_ADMIN_SERVICE_H_
