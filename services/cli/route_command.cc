// Copyright 2026 The Switchboard Authors.

#include <memory>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "convert/config_convert.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/engine.h"

namespace switchboard::cli {
namespace {

CommandSpec RouteSpec() {
  return CommandSpec{
      "route",
      "switchboard route --config FILE [--model MODEL] --contacts FILE.csv",
      "Runs the routing engine in-process on a contacts CSV (columns id, "
      "channel, text, and optionally subject, ivr_choice, customer_ref): "
      "prints each decision (action, department, queue, priority, "
      "confidence, reason) and any offer to an agent, then the queue and "
      "statistics summary.",
      {{"config", "FILE", "", "engine configuration", true},
       {"model", "MODEL", "",
        "classifier model (without one, only rules decide)"},
       {"contacts", "FILE.csv", "", "contacts to route", true}},
      ""};
}

}  // namespace

int RunRoute(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = RouteSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  absl::StatusOr<EngineConfig> config = LoadConfigFile(flags.Get("config"));
  if (!config.ok()) {
    io.err << "switchboard route: " << config.status().message() << "\n";
    return 1;
  }
  EngineOptions options;
  options.config = *std::move(config);
  if (flags.Has("model")) {
    absl::StatusOr<std::unique_ptr<Classifier>> model =
        Classifier::Load(flags.Get("model"));
    if (!model.ok()) {
      io.err << "switchboard route: " << model.status().message() << "\n";
      return 1;
    }
    options.classifier = std::shared_ptr<const Classifier>(*std::move(model));
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(std::move(options));
  if (!engine.ok()) {
    io.err << "switchboard route: " << engine.status().message() << "\n";
    return 1;
  }
  std::string offered_to;  // Set by the listener during Submit.
  (*engine)->AddListener([&](const Event& e) {
    if (e.type == EventType::kOffered) offered_to = e.agent_id;
  });
  absl::StatusOr<CsvTable> table = ReadCsvFile(flags.Get("contacts"));
  if (!table.ok()) {
    io.err << "switchboard route: " << table.status().message() << "\n";
    return 1;
  }
  auto column = [&](absl::string_view name) -> int {
    absl::StatusOr<size_t> i = table->ColumnIndex(name);
    return i.ok() ? static_cast<int>(*i) : -1;
  };
  const int id = column("id"), channel = column("channel"),
            text = column("text"), subject = column("subject"),
            ivr = column("ivr_choice"), customer = column("customer_ref");
  if (channel < 0 || text < 0) {
    io.err << "switchboard route: " << flags.Get("contacts")
           << ": needs columns channel and text\n";
    return 1;
  }
  int failures = 0;
  for (const CsvRow& row : table->rows) {
    Contact c;
    c.id = id >= 0 ? row.fields[id] : absl::StrCat("line", row.line);
    absl::StatusOr<Channel> ch = ParseChannel(row.fields[channel]);
    if (!ch.ok()) {
      io.err << "switchboard route: " << flags.Get("contacts") << ":"
             << row.line << ": " << ch.status().message() << "\n";
      ++failures;
      continue;
    }
    c.channel = *ch;
    c.body = row.fields[text];
    if (subject >= 0) c.subject = row.fields[subject];
    if (ivr >= 0) c.ivr_choice = row.fields[ivr];
    if (customer >= 0) c.customer_ref = row.fields[customer];
    offered_to.clear();
    absl::StatusOr<Decision> d = (*engine)->Submit(c);
    if (!d.ok()) {
      io.err << "switchboard route: " << d.status().message() << "\n";
      ++failures;
      continue;
    }
    io.out << absl::StrFormat("%-9s %-6s %-7s %-13s %-20s p%-3d %.2f  %s\n",
                              ChannelName(c.channel), c.id,
                              DecisionActionName(d->action), d->department,
                              d->queue, d->priority, d->confidence, d->reason);
    if (!offered_to.empty()) {
      io.out << absl::StrFormat("          -> offered to agent %s\n",
                                offered_to);
    }
  }
  StatsSnapshot s = (*engine)->Stats({});
  io.out << absl::StrFormat(
      "\nreceived %d, routed %d, triaged %d, offered %d; agents available "
      "%d\n",
      s.total.count(Counter::kReceived), s.total.count(Counter::kRouted),
      s.total.count(Counter::kTriaged), s.total.count(Counter::kOffered),
      s.agents_available);
  for (const QueueStats& q : s.queues) {
    if (q.waiting > 0) {
      io.out << absl::StrFormat("  waiting in %-20s %d\n", q.queue, q.waiting);
    }
  }
  return failures ? 1 : 0;
}

}  // namespace switchboard::cli
