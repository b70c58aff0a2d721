// Copyright 2026 The Switchboard Authors.

#include "server/admin_service.h"

#include "absl/time/time.h"
#include "server/raw_message.h"
#include "server/unary_call.h"

namespace switchboard::server {
namespace {

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  const timespec ts = absl::ToTimespec(t);
  out->set_seconds(ts.tv_sec);
  out->set_nanos(static_cast<int32_t>(ts.tv_nsec));
}

}  // namespace

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
  if (info.journal) {
    const JournalHostInfo& j = *info.journal;
    v1::JournalInfo* pj = p.mutable_journal();
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
  return p;
}

grpc::ServerUnaryReactor* AdminService::Reload(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return FinishRawUnary<v1::ReloadRequest, v1::ReloadResponse>(
      context, *request, response,
      [&](const v1::ReloadRequest& r, v1::ReloadResponse* out) {
        if (absl::Status s = CheckCallAlive(context, "nothing was reloaded");
            !s.ok()) {
          return s;
        }
        absl::StatusOr<HostInfo> info =
            host_->Reload(r.config_path(), r.model_path());
        if (!info.ok()) return info.status();
        *out->mutable_info() = InfoToProto(*info);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::GetInfo(
    grpc::CallbackServerContext* context, const v1::GetInfoRequest* /*request*/,
    v1::Info* response) {
  *response = InfoToProto(host_->Info());
  return FinishUnary(context, absl::OkStatus());
}

}  // namespace switchboard::server
