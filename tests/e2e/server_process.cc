// Copyright 2026 The Switchboard Authors.

#include "e2e/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"

namespace switchboard::e2e {
namespace {

// How often bounded waits look again.
constexpr absl::Duration kPoll = absl::Milliseconds(10);

std::string UniquePortFile() {
  static std::atomic<int> counter{0};
  return absl::StrCat(::testing::TempDir(), "switchboard_e2e_", getpid(), "_",
                      counter.fetch_add(1), ".port");
}

// The port in `path`, or 0 when the file is not there (yet).
int ReadPort(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  if (!std::getline(in, text)) return 0;
  int port = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &port)) return 0;
  return port;
}

int ExitCode(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const ServerProcessOptions& options) {
  const std::string port_file = UniquePortFile();
  unlink(port_file.c_str());
  std::vector<std::string> args = {SWITCHBOARD_SERVER_BINARY, "serve",
                                   "--listen",  "127.0.0.1:0",
                                   "--port-file", port_file};
  if (!options.tenants_dir.empty()) {
    args.push_back("--tenants-dir");
    args.push_back(options.tenants_dir);
  } else {
    args.push_back("--config");
    args.push_back(options.config.empty()
                       ? absl::StrCat(SWITCHBOARD_SAMPLE_DIR, "/config.textproto")
                       : options.config);
  }
  if (!options.train_at_startup && options.tenants_dir.empty()) {
    args.push_back("--model");
    args.push_back(options.model.empty() ? SWITCHBOARD_E2E_MODEL
                                         : options.model);
  }
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  // Built before fork: the child may only exec.
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  // Opened before fork too.
  int log_fd = -1;
  if (!options.log_path.empty()) {
    log_fd = open(options.log_path.c_str(),
                  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log_fd < 0) {
      return absl::InternalError(
          absl::StrCat("cannot open ", options.log_path));
    }
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    // Die with the test (a crashed or timed-out test leaves no server).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    if (log_fd >= 0) {
      dup2(log_fd, STDOUT_FILENO);
      dup2(log_fd, STDERR_FILENO);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (log_fd >= 0) close(log_fd);
  auto server = std::unique_ptr<ServerProcess>(new ServerProcess(pid, 0));
  const absl::Time give_up = absl::Now() + options.start_timeout;
  while (absl::Now() < give_up) {
    const int port = ReadPort(port_file);
    if (port > 0) {
      server->port_ = port;
      unlink(port_file.c_str());
      return server;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      server->exited_ = true;
      return absl::FailedPreconditionError(
          absl::StrCat("switchboard serve exited with ", ExitCode(status),
                       " before listening (see its stderr above)"));
    }
    absl::SleepFor(kPoll);
  }
  return absl::DeadlineExceededError(
      absl::StrCat("switchboard serve did not listen within ",
                   absl::FormatDuration(options.start_timeout)));
}

ServerProcess::~ServerProcess() {
  if (exited_) return;
  kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
}

std::string ServerProcess::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

std::shared_ptr<grpc::Channel> ServerProcess::Channel(
    const grpc::ChannelArguments& args) const {
  return grpc::CreateCustomChannel(address(),
                                   grpc::InsecureChannelCredentials(), args);
}

void ServerProcess::Signal(int signal) const {
  if (!exited_) kill(pid_, signal);
}

absl::StatusOr<int> ServerProcess::Stop(absl::Duration timeout, int signal) {
  if (exited_) return absl::FailedPreconditionError("already stopped");
  kill(pid_, signal);
  const absl::Time give_up = absl::Now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      return ExitCode(status);
    }
    if (r < 0 && errno != EINTR) {
      exited_ = true;
      return absl::InternalError("waitpid failed");
    }
    if (absl::Now() >= give_up) break;
    absl::SleepFor(kPoll);
  }
  kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  exited_ = true;
  return absl::DeadlineExceededError(absl::StrCat(
      "the server did not exit within ", absl::FormatDuration(timeout),
      " of signal ", signal, " (killed)"));
}

}  // namespace switchboard::e2e
