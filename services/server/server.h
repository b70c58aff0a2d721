// Copyright 2026 The Switchboard Authors.
//
// server.h: the Switchboard gRPC server. Hosts the engines, one per tenant
// (EngineHost), and
// serves switchboard.v1.Routing, Agents, Admin and Diagnostics (Echo, for
// benchmarks), standard health checking (grpc.health.v1.Health: SERVING
// for "" and each service while up, NOT_SERVING from shutdown) and server
// reflection.
//
//   ServerOptions options;
//   options.serve.config_path = "config.textproto";
//   options.listen_address = "127.0.0.1:0";  // port 0: a free port
//   absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
//   std::cout << (*server)->address();        // "127.0.0.1:41234"
//   ...
//   (*server)->Shutdown(absl::Seconds(5));
//
// Shutdown: health turns NOT_SERVING; agent streams end with UNAVAILABLE;
// RouteStreams answer what they read and end with UNAVAILABLE; new calls
// are refused; calls in flight get `grace` to finish, then are cancelled.

#ifndef SWITCHBOARD_SERVICES_SERVER_SERVER_H_
#define SWITCHBOARD_SERVICES_SERVER_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/admin_service.h"
#include "server/agents_service.h"
#include "server/call_gate.h"
#include "server/diagnostics_service.h"
#include "server/engine_host.h"
#include "server/offer_hub.h"
#include "server/routing_service.h"
#include "tls/tls_credentials.h"

namespace switchboard::server {

struct ServerOptions {
  // The configuration and model (see EngineHost).
  ServeOptions serve;
  // host:port to listen on. Port 0 picks a free port (see port()).
  // Default 127.0.0.1:50051 (loopback only).
  std::string listen_address = "127.0.0.1:50051";
  // The largest message received or sent; a bigger request fails with
  // RESOURCE_EXHAUSTED. Default 4 MiB.
  int max_message_bytes = 4 * 1024 * 1024;
  // TLS (and mutual TLS with a client CA); none by default
  // (tls/tls_credentials.h).
  tls::ServerTls tls;
  // Listen on a non-loopback address without TLS and authentication all
  // the same (tls::CheckListenAddress refuses it otherwise).
  bool insecure = false;
  // Credentials and abuse limits (call_gate.h); no tokens file by default.
  CallGateOptions gate;
  // The only directories whose files Admin.Reload and the tenant calls may
  // name (admin_files.h). Empty: the tenants directory, else the
  // configuration file's directory.
  std::vector<std::string> admin_file_dirs;
};

class Server {
 public:
  // Loads the engine (EngineHost::Start's errors) and starts listening;
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options);

  // Shutdown(ZeroDuration()) when still running.
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port, and host:port with it.
  int port() const { return port_; }
  std::string address() const { return address_; }

  EngineHost& host() { return *host_; }

  // See the file comment. Blocks until every call has ended (at most about
  // `grace`). Idempotent.
  void Shutdown(absl::Duration grace);

  // Reload (SIGHUP) re-reads the tokens file.
  CallGate& gate() { return *gate_; }

 private:
  Server() = default;

  // Declared first: destroyed last, after every stream's slot.
  std::unique_ptr<CallGate> gate_;
  std::unique_ptr<EngineHost> host_;
  std::unique_ptr<RoutingService> routing_;
  std::unique_ptr<AgentsService> agents_;
  std::unique_ptr<AdminService> admin_;
  std::unique_ptr<DiagnosticsService> diagnostics_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::string address_;

  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_SERVER_H_
