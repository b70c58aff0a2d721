// Copyright 2026 The Switchboard Authors.

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "convert/config_convert.h"
#include "switchboard/config/data_policy.h"

namespace switchboard::cli {
namespace {

CommandSpec ConfigCheckSpec() {
  return CommandSpec{
      "config check",
      "switchboard config check --config FILE",
      "Reads an engine configuration (switchboard.v1.EngineConfig in the "
      "protobuf text format, or JSON for *.json), validates it and prints a "
      "summary. Exits 1 naming the problem when it is invalid.",
      {{"config", "FILE", "", "configuration file", true}},
      ""};
}

CommandSpec ConfigExplainSpec() {
  return CommandSpec{
      "config explain",
      "switchboard config explain --config FILE [--finished-retention D] "
      "[--width N]",
      "Prints, as a table, which data about contacts and citizens the "
      "engine keeps with this configuration, in what form, for how long and "
      "why (retention and its reasons, personal-data masking, customer "
      "pseudonyms). Exits 1 naming the problem when the configuration is "
      "invalid.",
      {{"config", "FILE", "", "configuration file", true},
       {"finished-retention", "DURATION", "1h",
        "the serve flag of the same name, which the table states"},
       {"width", "N", "100", "table width in columns (at least 40)"}},
      ""};
}

int RunExplain(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = ConfigExplainSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  absl::Duration finished;
  if (!absl::ParseDuration(flags.Get("finished-retention"), &finished) ||
      finished < absl::ZeroDuration()) {
    io.err << "switchboard config explain: --finished-retention must be a "
              "duration such as 30m or 2h, not \""
           << flags.Get("finished-retention") << "\"\n";
    return 2;
  }
  absl::StatusOr<int64_t> width = flags.GetInt("width");
  if (!width.ok() || *width < 40 || *width > 1000) {
    io.err << "switchboard config explain: --width must be in 40..1000\n";
    return 2;
  }
  absl::StatusOr<EngineConfig> config = LoadConfigFile(flags.Get("config"));
  if (!config.ok()) {
    io.err << "switchboard config explain: " << config.status().message()
           << "\n";
    return 1;
  }
  io.out << "Data kept by Switchboard with " << flags.Get("config") << "\n\n"
         << FormatDataPolicy(ExplainDataPolicy(*config, finished),
                             static_cast<int>(*width));
  return 0;
}

}  // namespace

int RunConfig(const std::vector<std::string>& args, Io io) {
  if (!args.empty() && args[0] == "explain") {
    return RunExplain(std::vector<std::string>(args.begin() + 1, args.end()),
                      io);
  }
  if (args.empty() || args[0] != "check") {
    io.err << "usage: switchboard config check --config FILE\n"
              "       switchboard config explain --config FILE\n";
    return args.empty() || (args[0] != "--help" && args[0] != "-h") ? 2 : 0;
  }
  const CommandSpec spec = ConfigCheckSpec();
  ParsedFlags flags;
  int code;
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (!ParseOrExit(spec, rest, io, flags, code)) return code;
  absl::StatusOr<EngineConfig> config = LoadConfigFile(flags.Get("config"));
  if (!config.ok()) {
    io.err << "switchboard config check: " << config.status().message() << "\n";
    return 1;
  }
  io.out << absl::StrFormat(
      "%s: valid\n  %d skills, %d departments, %d queues, %d rules, %d "
      "agents, %d self-service answers\n  triage below %.2f into queue %s\n",
      flags.Get("config"), config->skills.size(), config->departments.size(),
      config->queues.size(), config->rules.size(), config->agents.size(),
      config->self_service.size(), config->thresholds.triage_below,
      config->thresholds.triage_queue);
  for (const QueueConfig& q : config->queues) {
    std::vector<std::string> channels;
    for (Channel c : q.channels) channels.emplace_back(ChannelName(c));
    io.out << absl::StrFormat(
        "  queue %-22s department %-13s channels %-18s %s\n", q.id,
        q.department,
        channels.empty() ? "(rest)" : absl::StrJoin(channels, ","),
        StrategyName(q.strategy));
  }
  return 0;
}

}  // namespace switchboard::cli
