// Copyright 2026 The Switchboard Authors.
//
// `switchboard route`: routes contacts (a CSV file, or one contact from the
// command line) through the engine in-process, or, with --server, through a
// running `switchboard serve` over gRPC (Routing.Route, then
// Routing.GetStats). Both print the same decision lines and summary.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "convert/config_convert.h"
#include "convert/contact_convert.h"
#include "convert/decision_convert.h"
#include "convert/stats_convert.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/engine.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::cli {
namespace {

CommandSpec RouteSpec() {
  CommandSpec spec{
      "route",
      "switchboard route --config FILE [--model MODEL] "
      "(--contacts FILE.csv | --channel CHANNEL [--id ID] TEXT)\n"
      "       switchboard route --server HOST:PORT "
      "(--contacts FILE.csv | --channel CHANNEL [--id ID] TEXT)",
      "Routes contacts: those of a CSV file (columns id, channel, text, and "
      "optionally subject, ivr_choice, customer_ref, language, "
      "preferred_reply_channel), or one given by "
      "--channel and its text. Without --server the engine runs in-process "
      "with --config; with --server each contact goes to that server's "
      "Routing.Route over gRPC. Prints each decision (action, department, "
      "queue, priority, confidence, reason) and, in-process, any offer to an "
      "agent; then the queue and statistics summary (the server's, with "
      "--server). A failed call prints its gRPC status code and message.",
      {{"config", "FILE", "",
        "engine configuration (required without --server)"},
       {"model", "MODEL", "",
        "classifier model (without one, only rules decide; not with "
        "--server)"},
       {"server", "HOST:PORT", "", "route on this Switchboard server"},
       {"contacts", "FILE.csv", "", "contacts to route"},
       {"channel", "CHANNEL", "",
        "route one contact of this channel, its text the argument"},
       {"id", "ID", "", "the id of that one contact (default: cli-<time>)"},
       {"customer-ref", "REF", "",
        "that contact's customer reference (repeat contacts; kept only as a "
        "keyed hash)"},
       {"reply-channel", "CHANNEL", "",
        "the channel the citizen wants the answer on"},
       {"deadline", "SECONDS", "10", "deadline of each call to the server"},
       {"tenant", "NAME", "",
        "with --server: route for this tenant (metadata x-switchboard-tenant; "
        "default: none, the server's \"default\")"}},
      "TEXT  with --channel: the text (body) of the contact"};
  for (FlagSpec& f : ClientTlsFlags()) spec.flags.push_back(std::move(f));
  for (FlagSpec& f : ClientTokenFlags()) spec.flags.push_back(std::move(f));
  return spec;
}


// The contacts to route, and how many could not be read.
struct ContactsToRoute {
  std::vector<Contact> contacts;
  int failures = 0;
};

// From --contacts or from --channel and the positional text. False (after
// printing why) when nothing can be routed; `exit_code` says how to exit.
bool ReadContacts(const ParsedFlags& flags, Io io, ContactsToRoute& out,
                  int& exit_code) {
  exit_code = 2;
  if (flags.Has("contacts") == flags.Has("channel")) {
    io.err << "switchboard route: give either --contacts or --channel and a "
              "text (see --help)\n";
    return false;
  }
  if (flags.Has("channel")) {
    if (flags.positional().size() != 1) {
      io.err << "switchboard route: --channel needs exactly one text "
                "argument (quote it)\n";
      return false;
    }
    absl::StatusOr<Channel> channel = ParseChannel(flags.Get("channel"));
    if (!channel.ok()) {
      io.err << "switchboard route: --channel: " << channel.status().message()
             << "\n";
      return false;
    }
    Contact c;
    c.id = flags.Has("id")
               ? flags.Get("id")
               : absl::StrCat("cli-", absl::ToUnixMillis(absl::Now()));
    c.channel = *channel;
    c.body = flags.positional()[0];
    c.customer_ref = flags.Get("customer-ref");
    if (flags.Has("reply-channel")) {
      absl::StatusOr<Channel> reply = ParseChannel(flags.Get("reply-channel"));
      if (!reply.ok()) {
        io.err << "switchboard route: --reply-channel: "
               << reply.status().message() << "\n";
        return false;
      }
      c.preferred_reply_channel = *reply;
    }
    out.contacts.push_back(std::move(c));
    return true;
  }
  if (!flags.positional().empty() || flags.Has("id")) {
    io.err << "switchboard route: a text argument and --id go with "
              "--channel, not --contacts\n";
    return false;
  }
  exit_code = 1;
  absl::StatusOr<CsvTable> table = ReadCsvFile(flags.Get("contacts"));
  if (!table.ok()) {
    io.err << "switchboard route: " << table.status().message() << "\n";
    return false;
  }
  auto column = [&](absl::string_view name) -> int {
    absl::StatusOr<size_t> i = table->ColumnIndex(name);
    return i.ok() ? static_cast<int>(*i) : -1;
  };
  const int id = column("id"), channel = column("channel"),
            text = column("text"), subject = column("subject"),
            ivr = column("ivr_choice"), customer = column("customer_ref"),
            reply = column("preferred_reply_channel"),
            language = column("language");
  if (channel < 0 || text < 0) {
    io.err << "switchboard route: " << flags.Get("contacts")
           << ": needs columns channel and text\n";
    return false;
  }
  for (const CsvRow& row : table->rows) {
    Contact c;
    c.id = id >= 0 ? row.fields[id] : absl::StrCat("line", row.line);
    absl::StatusOr<Channel> ch = ParseChannel(row.fields[channel]);
    if (!ch.ok()) {
      io.err << "switchboard route: " << flags.Get("contacts") << ":"
             << row.line << ": " << ch.status().message() << "\n";
      ++out.failures;
      continue;
    }
    c.channel = *ch;
    c.body = row.fields[text];
    if (subject >= 0) c.subject = row.fields[subject];
    if (ivr >= 0) c.ivr_choice = row.fields[ivr];
    if (customer >= 0) c.customer_ref = row.fields[customer];
    if (language >= 0) c.language_hint = row.fields[language];
    if (reply >= 0 && !row.fields[reply].empty()) {
      absl::StatusOr<Channel> r = ParseChannel(row.fields[reply]);
      if (!r.ok()) {
        io.err << "switchboard route: " << flags.Get("contacts") << ":"
               << row.line << ": preferred_reply_channel: "
               << r.status().message() << "\n";
        ++out.failures;
        continue;
      }
      c.preferred_reply_channel = *r;
    }
    out.contacts.push_back(std::move(c));
  }
  return true;
}

void PrintDecision(Io io, const Contact& c, const Decision& d) {
  io.out << absl::StrFormat("%-9s %-6s %-7s %-13s %-20s p%-3d %.2f  %s\n",
                            ChannelName(c.channel), c.id,
                            DecisionActionName(d.action), d.department, d.queue,
                            d.priority, d.confidence, d.reason);
  // The citizen-service facts, on a second line.
  std::string facts = absl::StrFormat(
      "          type %s (%s), language %s, reply by %s, risk %.2f",
      ContactTypeName(d.contact_type), d.contact_type_source, d.language,
      ChannelName(d.reply_channel), d.risk);
  if (!d.risk_reasons.empty()) {
    absl::StrAppend(&facts, " (", absl::StrJoin(d.risk_reasons, ", "), ")");
  }
  if (d.repeat_contact) {
    absl::StrAppend(&facts, "; repeat contact after ",
                    absl::StrJoin(d.earlier_contacts, ", "));
  }
  int masked = 0;
  for (int n : d.personal_data) masked += n;
  if (masked > 0) absl::StrAppend(&facts, "; ", masked, " personal data masked");
  io.out << facts << "\n";
  if (d.call_back.recommended) {
    io.out << "          call-back recommended: " << d.call_back.reason
           << (d.call_back.scheduled
                   ? absl::StrCat(" -> task ", d.call_back.task_id, " in ",
                                  d.call_back.queue)
                   : std::string())
           << "\n";
  }
  if (d.action == DecisionAction::kSelfService) {
    io.out << "          answer (" << d.answer_language << "): " << d.answer
           << "\n";
  }
}

// `who` is "" in-process and "server: " for a server's statistics.
void PrintSummary(Io io, const StatsSnapshot& s, absl::string_view who) {
  io.out << absl::StrFormat(
      "\n%sreceived %d, routed %d, triaged %d, offered %d; agents available "
      "%d\n",
      who, s.total.count(Counter::kReceived), s.total.count(Counter::kRouted),
      s.total.count(Counter::kTriaged), s.total.count(Counter::kOffered),
      s.agents_available);
  for (const QueueStats& q : s.queues) {
    if (q.waiting > 0) {
      io.out << absl::StrFormat("  waiting in %-20s %d\n", q.queue, q.waiting);
    }
  }
}

int RouteInProcess(const ParsedFlags& flags, const ContactsToRoute& input,
                   Io io) {
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
  int failures = input.failures;
  for (const Contact& c : input.contacts) {
    offered_to.clear();
    absl::StatusOr<Decision> d = (*engine)->Submit(c);
    if (!d.ok()) {
      io.err << "switchboard route: " << d.status().message() << "\n";
      ++failures;
      continue;
    }
    PrintDecision(io, c, *d);
    if (!offered_to.empty()) {
      io.out << absl::StrFormat("          -> offered to agent %s\n",
                                offered_to);
    }
  }
  PrintSummary(io, (*engine)->Stats({}), "");
  return failures ? 1 : 0;
}

// "INVALID_ARGUMENT: contact d3: ..." (gRPC and absl share their codes).
std::string StatusText(const grpc::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(
                          static_cast<absl::StatusCode>(status.error_code())),
                      ": ", status.error_message());
}

int RouteOnServer(const ParsedFlags& flags, const ContactsToRoute& input,
                  Io io) {
  absl::StatusOr<double> seconds = flags.GetDouble("deadline");
  if (!seconds.ok() || *seconds <= 0) {
    io.err << "switchboard route: --deadline must be a positive number of "
              "seconds\n";
    return 2;
  }
  const auto deadline = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::duration<double>(*seconds));
  absl::StatusOr<std::string> token = ClientTokenFromFlags(flags);
  if (!token.ok()) {
    io.err << "switchboard route: " << token.status().message() << "\n";
    return 2;
  }
  const std::string tenant = flags.Get("tenant");
  auto context_with_deadline = [&](grpc::ClientContext& context) {
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    if (!tenant.empty()) context.AddMetadata("x-switchboard-tenant", tenant);
    if (!token->empty()) {
      context.AddMetadata("authorization", absl::StrCat("Bearer ", *token));
    }
  };
  const std::string address = flags.Get("server");
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      tls::ChannelCredentials(ClientTlsFromFlags(flags));
  if (!credentials.ok()) {
    io.err << "switchboard route: " << credentials.status().message() << "\n";
    return 2;
  }
  std::unique_ptr<v1::Routing::Stub> routing =
      v1::Routing::NewStub(grpc::CreateChannel(address, *credentials));

  int failures = input.failures;
  for (const Contact& c : input.contacts) {
    v1::RouteRequest request;
    *request.mutable_contact() = ToProto(c);
    v1::RouteResponse response;
    grpc::ClientContext context;
    context_with_deadline(context);
    grpc::Status status = routing->Route(&context, request, &response);
    if (!status.ok()) {
      io.err << "switchboard route: " << c.id << ": " << StatusText(status)
             << "\n";
      if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
        // No server (or it is shutting down): the other contacts would
        // fail the same way.
        io.err << "switchboard route: cannot reach " << address << "\n";
        return 1;
      }
      ++failures;
      continue;
    }
    absl::StatusOr<Decision> d = DecisionFromProto(response.decision());
    if (!d.ok()) {
      io.err << "switchboard route: " << c.id
             << ": the server's answer: " << d.status().message() << "\n";
      ++failures;
      continue;
    }
    PrintDecision(io, c, *d);
  }

  v1::Stats stats;
  grpc::ClientContext context;
  context_with_deadline(context);
  grpc::Status status =
      routing->GetStats(&context, v1::GetStatsRequest(), &stats);
  if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
    // A router credential routes but does not read statistics.
    io.err << "switchboard route: statistics not shown: "
           << status.error_message() << "\n";
    return failures == 0 ? 0 : 1;
  }
  if (!status.ok()) {
    io.err << "switchboard route: GetStats: " << StatusText(status) << "\n";
    return 1;
  }
  absl::StatusOr<StatsSnapshot> snapshot = StatsFromProto(stats);
  if (!snapshot.ok()) {
    io.err << "switchboard route: the server's statistics: "
           << snapshot.status().message() << "\n";
    return 1;
  }
  PrintSummary(io, *snapshot, "server: ");
  return failures ? 1 : 0;
}

}  // namespace

int RunRoute(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = RouteSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  const bool remote = flags.Has("server");
  if (remote && (flags.Has("config") || flags.Has("model"))) {
    io.err << "switchboard route: --config and --model are for the "
              "in-process engine; with --server the server uses its own\n";
    return 2;
  }
  if (!remote && !flags.Has("config")) {
    io.err << "switchboard route: --config is required (or give --server; "
              "see --help)\n";
    return 2;
  }
  ContactsToRoute input;
  if (!ReadContacts(flags, io, input, code)) return code;
  return remote ? RouteOnServer(flags, input, io)
                : RouteInProcess(flags, input, io);
}

}  // namespace switchboard::cli
