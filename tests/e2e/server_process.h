// Copyright 2026 The Switchboard Authors.
//
// server_process.h: the real `switchboard serve` binary as a child process,
// for the end-to-end tests. It listens on 127.0.0.1 on a free port (port 0,
// the bound port read back from --port-file).
//
//   absl::StatusOr<std::unique_ptr<ServerProcess>> server =
//       ServerProcess::Start({});       // the sample config and model
//   auto stub = v1::Routing::NewStub((*server)->Channel());
//   ...
//   absl::StatusOr<int> exit_code = (*server)->Stop();  // SIGTERM
//
// Every wait is bounded. The destructor kills (SIGKILL) a server that is
// still running, and the child dies with the test process
// (PR_SET_PDEATHSIG), so no server outlives its test.

#ifndef SWITCHBOARD_TESTS_E2E_SERVER_PROCESS_H_
#define SWITCHBOARD_TESTS_E2E_SERVER_PROCESS_H_

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace switchboard::e2e {

struct ServerProcessOptions {
  // Default: data/sample/config.textproto.
  std::string config;
  // Default: the model trained once for the e2e tests. With
  // `train_at_startup`, no --model: the server trains from the config.
  std::string model;
  bool train_at_startup = false;
  // `serve --tenants-dir DIR` instead of --config and --model (each
  // tenant's files are in DIR).
  std::string tenants_dir;
  // More flags for `switchboard serve`, e.g. {"--max-message-bytes", "4096"}.
  std::vector<std::string> extra_args;
  // When set, the server's stdout and stderr go to this file (else to the
  // test's own).
  std::string log_path;
  // How long to wait for the port file.
  absl::Duration start_timeout = absl::Seconds(60);
};

class ServerProcess {
 public:
  // Starts the server and waits until it listens. Errors: the binary exited
  // (with its status), or it did not listen within start_timeout.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const ServerProcessOptions& options);

  // Kills the server (SIGKILL) if it is still running.
  ~ServerProcess();

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  std::string address() const;  // "127.0.0.1:PORT"
  pid_t pid() const { return pid_; }

  // A new channel to the server (insecure, loopback).
  std::shared_ptr<grpc::Channel> Channel(
      const grpc::ChannelArguments& args = grpc::ChannelArguments()) const;

  // Sends `signal` (SIGTERM, SIGINT) and waits for the process to exit (at
  // most `timeout`): its exit code, or 128 + the signal that ended it.
  // DEADLINE_EXCEEDED if it did not exit in time (it is killed then).
  absl::StatusOr<int> Stop(absl::Duration timeout = absl::Seconds(30),
                           int signal = SIGTERM);

  // Sends `signal` (e.g. SIGHUP) without waiting.
  void Signal(int signal) const;

 private:
  ServerProcess(pid_t pid, int port) : pid_(pid), port_(port) {}

  pid_t pid_;
  int port_;
  bool exited_ = false;
};

}  // namespace switchboard::e2e

#endif  // SWITCHBOARD_TESTS_E2E_SERVER_PROCESS_H_
