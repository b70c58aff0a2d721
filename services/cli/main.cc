// Copyright 2026 The Switchboard Authors.
//
// switchboard: the command-line tool. `switchboard help` lists the
// subcommands; each has --help.

#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "cli/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: switchboard <command> [options]\n\n"
    "commands:\n"
    "  train      train a classifier from a labelled CSV file\n"
    "  eval       measure a model on a labelled CSV file\n"
    "  classify   classify contacts (arguments, stdin or a contacts CSV)\n"
    "  config     check an engine configuration file (config check)\n"
    "  route      route contacts in-process, or send them to a server "
    "(--server)\n"
    "  serve      run the gRPC server\n"
    "  loadgen    measure a server: Route and RouteStream throughput and "
    "latency\n"
    "  token      make a bearer token for serve --tokens (token new)\n"
    "  audit      who changed what: the audit trail in a server's journals\n"
    "  help       show this list\n\n"
    "Run `switchboard <command> --help` for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
#ifdef NDEBUG
  // Debian builds abseil without NDEBUG, which leaves absl::Mutex's
  // deadlock detection on: every lock and unlock (gRPC's included) then
  // updates one process-wide lock graph. Under load that cost `serve`
  // about a tenth of its Route throughput (measured with `switchboard
  // loadgen`). Release builds turn it off; debug and sanitizer builds
  // keep it. Set before any thread starts.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  switchboard::cli::Io io{std::cin, std::cout, std::cerr,
                          isatty(STDERR_FILENO) == 1};
  if (command == "train") return switchboard::cli::RunTrain(args, io);
  if (command == "eval") return switchboard::cli::RunEval(args, io);
  if (command == "classify") return switchboard::cli::RunClassify(args, io);
  if (command == "config") return switchboard::cli::RunConfig(args, io);
  if (command == "route") return switchboard::cli::RunRoute(args, io);
  if (command == "serve") return switchboard::cli::RunServe(args, io);
  if (command == "loadgen") return switchboard::cli::RunLoadgen(args, io);
  if (command == "token") return switchboard::cli::RunToken(args, io);
  if (command == "audit") return switchboard::cli::RunAudit(args, io);
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "switchboard: unknown command \"" << command << "\"\n\n"
            << kUsage;
  return 2;
}
