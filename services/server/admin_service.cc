// Copyright 2026 The Switchboard Authors.

#include "server/admin_service.h"

#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/admin_files.h"
#include "server/raw_message.h"
#include "server/tenant_metadata.h"
#include "server/unary_call.h"
#include "switchboard/events/acting.h"
#include "switchboard/tenant/tenant_name.h"

namespace switchboard::server {
namespace {

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  const timespec ts = absl::ToTimespec(t);
  out->set_seconds(ts.tv_sec);
  out->set_nanos(static_cast<int32_t>(ts.tv_nsec));
}

void JournalToProto(const JournalHostInfo& j, v1::JournalInfo* pj) {
  pj->set_dir(j.dir);
  pj->set_sync(j.sync);
  pj->set_replayed_records(j.replayed_records);
  pj->set_replay_errors(j.replay_errors);
  for (const std::string& problem : j.problems) pj->add_problems(problem);
  pj->set_cut_bytes(j.cut_bytes);
  pj->set_records_written(j.stats.records);
  pj->set_batches(j.stats.batches);
  pj->set_syncs(j.stats.syncs);
  pj->set_segments(j.stats.segments);
  pj->set_texts_purged(j.stats.texts_purged);
}

}  // namespace

v1::TenantInfo TenantInfoToProto(const ServedTenantInfo& info) {
  v1::TenantInfo p;
  p.set_tenant(info.tenant.name);
  p.set_config_path(info.config_path);
  p.set_model_source(info.model_source);
  p.set_generation(info.tenant.engine.generation);
  SetTimestamp(info.tenant.engine.loaded_at, p.mutable_loaded_at());
  p.set_departments(static_cast<int32_t>(info.tenant.engine.departments));
  p.set_queues(static_cast<int32_t>(info.tenant.engine.queues));
  p.set_agents(static_cast<int32_t>(info.tenant.engine.agents));
  p.set_open_contacts(info.tenant.open_contacts);
  p.mutable_limits()->set_max_open_contacts(
      info.tenant.limits.max_open_contacts);
  p.mutable_limits()->set_calls_per_second(info.tenant.limits.calls_per_second);
  p.mutable_limits()->set_burst(info.tenant.limits.burst);
  p.set_refused_calls(info.tenant.refused_calls);
  p.set_refused_contacts(info.tenant.refused_contacts);
  if (info.journal) JournalToProto(*info.journal, p.mutable_journal());
  return p;
}

v1::Info InfoToProto(const HostInfo& info) {
  v1::Info p;
  p.set_version(info.version);
  p.set_generation(info.generation);
  SetTimestamp(info.loaded_at, p.mutable_loaded_at());
  SetTimestamp(info.started_at, p.mutable_started_at());
  p.set_config_path(info.config_path);
  p.set_model_source(info.model_source);
  for (const std::string& label : info.model_labels) p.add_model_labels(label);
  p.set_departments(info.departments);
  p.set_queues(info.queues);
  p.set_rules(info.rules);
  p.set_agents(info.agents);
  if (info.journal) JournalToProto(*info.journal, p.mutable_journal());
  p.set_tenant(info.tenant);
  for (const std::string& problem : info.tenant_problems) {
    p.add_tenant_problems(problem);
  }
  return p;
}

absl::StatusOr<AdminService::Files> AdminService::RequestFiles(
    const std::string& config, const std::string& model,
    const std::string& type_model) const {
  Files files;
  for (auto [field, path, out] :
       {std::tuple<const char*, const std::string&, std::string*>{
            "config_path", config, &files.config},
        {"model_path", model, &files.model},
        {"type_model_path", type_model, &files.type_model}}) {
    absl::StatusOr<std::string> file = AdminFile(field, path, file_dirs_);
    if (!file.ok()) return file.status();
    *out = *std::move(file);
  }
  return files;
}

grpc::ServerUnaryReactor* AdminService::Reload(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  absl::StatusOr<Caller> caller =
      gate_->Admit(context, auth::Method::kReload, reload_scope_);
  if (!caller.ok()) return FinishUnary(context, caller.status());
  return FinishRawUnary<v1::ReloadRequest, v1::ReloadResponse>(
      context, *request, response,
      [&](const v1::ReloadRequest& r, v1::ReloadResponse* out) {
        if (absl::Status s = CheckCallAlive(context, "nothing was reloaded");
            !s.ok()) {
          return s;
        }
        absl::StatusOr<Files> files =
            RequestFiles(r.config_path(), r.model_path(), "");
        if (!files.ok()) return files.status();
        ActingAs acting(caller->principal());
        absl::StatusOr<HostInfo> info =
            host_->Reload(files->config, files->model);
        if (!info.ok()) return info.status();
        *out->mutable_info() = InfoToProto(*info);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::GetInfo(
    grpc::CallbackServerContext* context, const v1::GetInfoRequest* /*request*/,
    v1::Info* response) {
  const std::string tenant = TenantOf(context);
  absl::StatusOr<Caller> caller =
      gate_->Admit(context, auth::Method::kGetInfo, tenant);
  if (!caller.ok()) return FinishUnary(context, caller.status());
  if (absl::Status s = ValidateTenantName(tenant); !s.ok()) {
    return FinishUnary(context, s);
  }
  *response = InfoToProto(host_->Info(tenant));
  // A server of a tenants directory without a "default" tenant still
  // answers a call that names none: the server's own part (version,
  // tenant problems).
  const bool named =
      context->client_metadata().count(kTenantMetadataKey) > 0;
  if (response->tenant().empty() && named) {
    return FinishUnary(context, absl::NotFoundError(absl::StrCat(
                                    "tenant ", tenant, " not found")));
  }
  return FinishUnary(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AdminService::CreateTenant(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  absl::StatusOr<Caller> caller = gate_->Authenticate(context);
  if (!caller.ok()) return FinishUnary(context, caller.status());
  return FinishRawUnary<v1::CreateTenantRequest, v1::TenantInfo>(
      context, *request, response,
      [&](const v1::CreateTenantRequest& r, v1::TenantInfo* out) {
        if (absl::Status s = gate_->Authorize(
                *caller, auth::Method::kCreateTenant, r.tenant());
            !s.ok()) {
          return s;
        }
        if (absl::Status s = CheckCallAlive(context, "no tenant was created");
            !s.ok()) {
          return s;
        }
        absl::StatusOr<Files> files = RequestFiles(
            r.config_path(), r.model_path(), r.type_model_path());
        if (!files.ok()) return files.status();
        ActingAs acting(caller->principal());
        absl::StatusOr<ServedTenantInfo> info = host_->CreateTenant(
            r.tenant(), files->config, files->model, files->type_model);
        if (!info.ok()) return info.status();
        *out = TenantInfoToProto(*info);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::UpdateTenant(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  absl::StatusOr<Caller> caller = gate_->Authenticate(context);
  if (!caller.ok()) return FinishUnary(context, caller.status());
  return FinishRawUnary<v1::UpdateTenantRequest, v1::TenantInfo>(
      context, *request, response,
      [&](const v1::UpdateTenantRequest& r, v1::TenantInfo* out) {
        if (absl::Status s = gate_->Authorize(
                *caller, auth::Method::kUpdateTenant, r.tenant());
            !s.ok()) {
          return s;
        }
        if (absl::Status s = CheckCallAlive(context, "nothing was updated");
            !s.ok()) {
          return s;
        }
        absl::StatusOr<Files> files = RequestFiles(
            r.config_path(), r.model_path(), r.type_model_path());
        if (!files.ok()) return files.status();
        ActingAs acting(caller->principal());
        absl::StatusOr<ServedTenantInfo> info = host_->UpdateTenant(
            r.tenant(), files->config, files->model, files->type_model);
        if (!info.ok()) return info.status();
        *out = TenantInfoToProto(*info);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::DeleteTenant(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  absl::StatusOr<Caller> caller = gate_->Authenticate(context);
  if (!caller.ok()) return FinishUnary(context, caller.status());
  return FinishRawUnary<v1::DeleteTenantRequest, v1::DeleteTenantResponse>(
      context, *request, response,
      [&](const v1::DeleteTenantRequest& r, v1::DeleteTenantResponse* out) {
        if (absl::Status s = gate_->Authorize(
                *caller, auth::Method::kDeleteTenant, r.tenant());
            !s.ok()) {
          return s;
        }
        if (absl::Status s = CheckCallAlive(context, "nothing was deleted");
            !s.ok()) {
          return s;
        }
        ActingAs acting(caller->principal());
        absl::StatusOr<size_t> abandoned =
            host_->DeleteTenant(r.tenant(), r.force());
        if (!abandoned.ok()) return abandoned.status();
        out->set_abandoned(*abandoned);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::ListTenants(
    grpc::CallbackServerContext* context,
    const v1::ListTenantsRequest* /*request*/,
    v1::ListTenantsResponse* response) {
  absl::StatusOr<Caller> caller =
      gate_->Admit(context, auth::Method::kListTenants, /*tenant=*/"");
  if (!caller.ok()) return FinishUnary(context, caller.status());
  for (const ServedTenantInfo& info : host_->ListTenants()) {
    if (!CallGate::Covers(*caller, info.tenant.name)) continue;
    *response->add_tenants() = TenantInfoToProto(info);
  }
  return FinishUnary(context, absl::OkStatus());
}

}  // namespace switchboard::server
