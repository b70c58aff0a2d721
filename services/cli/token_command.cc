// Copyright 2026 The Switchboard Authors.
//
// `switchboard token new`: a new bearer token and the tokens-file line
// that admits it (auth/credentials.h). The token is printed once and kept
// nowhere: the line holds only its digest.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "auth/credentials.h"
#include "auth/token.h"
#include "cli/commands.h"

namespace switchboard::cli {
namespace {

CommandSpec TokenNewSpec() {
  return CommandSpec{
      "token new",
      "switchboard token new --tenant T --role R [--agent ID] [--name NAME] "
      "[--expires-in DURATION]",
      "Makes a bearer token for `serve --tokens FILE`. Prints the token on "
      "the first line (give it to the client: route and loadgen read it "
      "from --token-file or SWITCHBOARD_TOKEN) and the tokens-file line on "
      "the second (append it to FILE and send the server SIGHUP). The file "
      "keeps only the token's BLAKE2b digest; a lost token is replaced, not "
      "recovered.",
      {{"tenant", "T", "", "the tenant it reaches, or * for every tenant",
        /*required=*/true},
       {"role", "R", "", "router, agent, supervisor or admin",
        /*required=*/true},
       {"agent", "ID", "", "role agent: the only agent id it acts for"},
       {"name", "NAME", "",
        "the credential's name, which the audit trail records (default: "
        "<role>-<tenant>[-<agent>], * as all)"},
       {"expires-in", "DURATION", "",
        "refused after this long, e.g. 720h (default: does not expire)"}},
      ""};
}

int RunTokenNew(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = TokenNewSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  const std::string tenant = flags.Get("tenant");
  const std::string role = flags.Get("role");
  const std::string agent = flags.Get("agent");
  std::string name = flags.Get("name");
  if (name.empty()) {
    name = absl::StrCat(role, "-", tenant == auth::kAnyTenant ? "all" : tenant,
                        agent.empty() ? "" : "-", agent);
  }
  if (absl::Status s = auth::CheckCredentialName(name); !s.ok()) {
    io.err << "switchboard token new: --name: " << s.message() << "\n";
    return 2;
  }
  std::string line = absl::StrCat(name, " tenant=", tenant, " role=", role);
  if (!agent.empty()) absl::StrAppend(&line, " agent=", agent);
  if (flags.Has("expires-in")) {
    absl::Duration d;
    if (!absl::ParseDuration(flags.Get("expires-in"), &d) ||
        d <= absl::ZeroDuration() || d == absl::InfiniteDuration()) {
      io.err << "switchboard token new: --expires-in must be a positive "
                "duration such as 30m or 720h, not \""
             << flags.Get("expires-in") << "\"\n";
      return 2;
    }
    absl::StrAppend(&line, " expires=",
                    absl::FormatTime(absl::RFC3339_sec, absl::Now() + d,
                                     absl::UTCTimeZone()));
  }
  const std::string token = auth::NewToken();
  absl::StrAppend(&line, " hash=", auth::FormatDigest(auth::HashToken(token)));
  // The line is checked as the server will read it: every error names
  // what is wrong (a bad tenant, role, agent or name).
  absl::StatusOr<auth::Credentials> parsed =
      auth::Credentials::Parse(line, "the new line");
  if (!parsed.ok()) {
    io.err << "switchboard token new: " << parsed.status().message() << "\n";
    return 2;
  }
  io.out << token << "\n" << line << "\n";
  return 0;
}

}  // namespace

int RunToken(const std::vector<std::string>& args, Io io) {
  if (args.empty() || args[0] != "new") {
    io.err << "usage: switchboard token new --tenant T --role R [--agent ID] "
              "[--name NAME] [--expires-in DURATION]\n";
    return 2;
  }
  return RunTokenNew(std::vector<std::string>(args.begin() + 1, args.end()),
                     io);
}

}  // namespace switchboard::cli
