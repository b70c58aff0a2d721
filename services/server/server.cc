// Copyright 2026 The Switchboard Authors.

#include "server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"
#include "server/admin_files.h"
#include "switchboard/tenant/tenant_name.h"

namespace switchboard::server {
namespace {

// The names health checking reports on, besides "" (the whole server).
constexpr const char* kServiceNames[] = {
    "switchboard.v1.Routing", "switchboard.v1.Agents", "switchboard.v1.Admin",
    "switchboard.v1.Diagnostics"};

// "127.0.0.1:0" with port 41234 -> "127.0.0.1:41234".
std::string BoundAddress(const std::string& listen, int port) {
  const size_t colon = listen.rfind(':');
  const std::string host =
      colon == std::string::npos ? listen : listen.substr(0, colon);
  return absl::StrCat(host, ":", port);
}

void SetServing(grpc::Server* server, bool serving) {
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", serving);
  for (const char* name : kServiceNames) {
    health->SetServingStatus(name, serving);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options) {
  if (options.max_message_bytes <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max message size must be positive, got ", options.max_message_bytes));
  }
  // Refused before anything is loaded or bound.
  if (absl::Status s = tls::CheckListenAddress(
          options.listen_address, options.tls.enabled(),
          /*authenticates=*/!options.gate.tokens_file.empty() ||
              !options.tls.client_ca_file.empty(),
          options.insecure);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::unique_ptr<CallGate>> gate =
      CallGate::Create(options.gate);
  if (!gate.ok()) return gate.status();
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      tls::ServerCredentials(options.tls);
  if (!credentials.ok()) return credentials.status();
  absl::StatusOr<std::unique_ptr<EngineHost>> host =
      EngineHost::Start(options.serve);
  if (!host.ok()) return host.status();

  std::unique_ptr<Server> s(new Server());
  s->gate_ = *std::move(gate);
  s->host_ = *std::move(host);
  s->routing_ =
      std::make_unique<RoutingService>(s->host_.get(), s->gate_.get());
  s->agents_ = std::make_unique<AgentsService>(s->host_.get(), s->gate_.get());
  s->admin_ = std::make_unique<AdminService>(
      s->host_.get(), s->gate_.get(),
      options.admin_file_dirs.empty()
          ? AdminFileDirs("", options.serve.tenants_dir,
                          options.serve.config_path)
          : options.admin_file_dirs,
      options.serve.tenants_dir.empty() ? std::string(kDefaultTenant)
                                        : std::string(auth::kAnyTenant));
  s->diagnostics_ = std::make_unique<DiagnosticsService>(s->gate_.get());

  // Both are process-wide switches read by ServerBuilder; calling the
  // reflection plugin's Init also keeps the linker from dropping it.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  // The health service is libgrpc++'s, without a descriptor; this one
  // (proto/grpc/health/v1/health.proto) lets reflection describe it. The
  // call keeps the linker from dropping the file that registers it.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();

  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, *credentials, &s->port_);
  // Without this, Linux lets a second server bind the same port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  builder.RegisterService(s->routing_.get());
  builder.RegisterService(s->agents_.get());
  builder.RegisterService(s->admin_.get());
  builder.RegisterService(s->diagnostics_.get());
  s->server_ = builder.BuildAndStart();
  if (s->server_ == nullptr || s->port_ == 0) {
    s->host_->Shutdown();
    if (s->server_ != nullptr) s->server_->Shutdown();
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options.listen_address,
        options.tls.enabled()
            ? " (address in use, not an address of this host, or the TLS "
              "certificate and key were rejected: a key that is not the "
              "certificate's, or a damaged PEM file)"
            : " (address in use, or not an address of this host)"));
  }
  s->address_ = BoundAddress(options.listen_address, s->port_);
  SetServing(s->server_.get(), true);
  return s;
}

Server::~Server() { Shutdown(absl::ZeroDuration()); }

void Server::Shutdown(absl::Duration grace) {
  {
    absl::MutexLock lock(&shutdown_mu_);
    if (shut_down_ || server_ == nullptr) return;
    shut_down_ = true;
  }
  SetServing(server_.get(), false);
  // Long-lived streams first: they would otherwise hold the shutdown
  // until the grace period ends. (This also stops the engines' ticker.)
  host_->Shutdown();
  routing_->Shutdown();
  const auto deadline =
      std::chrono::system_clock::now() +
      std::chrono::microseconds(absl::ToInt64Microseconds(grace));
  server_->Shutdown(deadline);
  server_->Wait();
}

}  // namespace switchboard::server
