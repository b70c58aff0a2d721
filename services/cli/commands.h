// Copyright 2026 The Switchboard Authors.
//
// commands.h: the subcommands of the `switchboard` tool. Each returns the
// process exit code (0 success, 1 failure, 2 usage error) and writes its
// output to `out` and messages to `err`, so tests can run them in-process.

#ifndef SWITCHBOARD_SERVICES_CLI_COMMANDS_H_
#define SWITCHBOARD_SERVICES_CLI_COMMANDS_H_

#include <iostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/flags.h"
#include "switchboard/classify/dataset.h"

namespace switchboard::cli {

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool err_is_terminal = false;  // show live progress on err
};

int RunTrain(const std::vector<std::string>& args, Io io);
int RunEval(const std::vector<std::string>& args, Io io);
int RunClassify(const std::vector<std::string>& args, Io io);
int RunConfig(const std::vector<std::string>& args, Io io);
int RunRoute(const std::vector<std::string>& args, Io io);
// Runs the gRPC server until SIGTERM/SIGINT; blocks those signals and
// SIGHUP in the calling thread first (call it before starting threads).
int RunServe(const std::vector<std::string>& args, Io io);
// Load on a running server (Route, RouteStream, Echo); exits 1 when more
// than 1% of a mode's calls failed.
int RunLoadgen(const std::vector<std::string>& args, Io io);
// `token new`: a bearer token and its tokens-file line.
int RunToken(const std::vector<std::string>& args, Io io);
// `audit --journal DIR`: who changed what, read from a server's journals.
int RunAudit(const std::vector<std::string>& args, Io io);

// Shared by train and eval: the CSV column flags and their reading.
std::vector<FlagSpec> DatasetFlags();
DatasetOptions DatasetOptionsFromFlags(const ParsedFlags& flags);

// Parses flags; on --help prints help and returns 0 in `exit_code`; on
// error prints the message and returns 2. Returns nullopt-like false when
// the caller must stop.
bool ParseOrExit(const CommandSpec& spec, const std::vector<std::string>& args,
                 Io io, ParsedFlags& flags, int& exit_code);

}  // namespace switchboard::cli

#endif  // SWITCHBOARD_SERVICES_CLI_COMMANDS_H_
