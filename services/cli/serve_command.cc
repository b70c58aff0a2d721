// Copyright 2026 The Switchboard Authors.
//
// `switchboard serve`: runs the gRPC server until SIGTERM or SIGINT (clean
// shutdown: stop accepting, let calls in flight finish, end agent streams
// with a status) and reloads the startup configuration (and model file) on
// SIGHUP; with --tenants-dir, one tenant per file, and SIGHUP applies the
// directory's added, changed and removed files (docs/tenants.md).

#include <signal.h>
#include <stdio.h>

#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "server/admin_files.h"
#include "server/server.h"
#include "switchboard/events/acting.h"

namespace switchboard::cli {
namespace {

CommandSpec ServeSpec() {
  return CommandSpec{
      "serve",
      "switchboard serve (--config FILE | --tenants-dir DIR) [--listen ADDR] "
      "[--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]] [--tokens FILE] "
      "[--insecure] [--calls-per-credential N] [--max-streams-per-connection "
      "N] "
      "[--max-streams-per-tenant N] "
      "[--config-dir DIR[:DIR...]] "
      "[--model MODEL] "
      "[--port-file FILE] [--max-message-bytes N] [--shutdown-grace-ms N] "
      "[--finished-retention DURATION] "
      "[--journal DIR [--journal-sync batch|interval] [--journal-sync-ms N] "
      "[--journal-repair]]",
      "Serves the Switchboard gRPC API (switchboard.v1.Routing, Agents, "
      "Admin; health checking and reflection). Without --model it trains a "
      "model from the configuration's `training` data at start-up. "
      "SIGTERM/SIGINT shut it down cleanly; SIGHUP reloads the "
      "configuration file (and the --model file) it was started with, and the "
      "--tokens file. "
      "With --tenants-dir DIR it serves one tenant per DIR/<tenant>.textproto "
      "(calls name theirs in the metadata key x-switchboard-tenant; "
      "without it, \"default\"), and SIGHUP applies the directory.",
      {{"config", "FILE", "",
        "engine configuration (text format, or JSON) of the tenant "
        "\"default\"; required without --tenants-dir"},
       {"tenants-dir", "DIR", "",
        "serve a tenant per DIR/<tenant>.textproto, with DIR/<tenant>.model "
        "and DIR/<tenant>.type.model when present (else trained from the "
        "file's training section, else rules only); with --journal J, "
        "tenant T journals to J/T"},
       {"listen", "ADDR", "127.0.0.1:50051",
        "host:port to listen on (port 0: a free port); an address other "
        "than loopback needs TLS (--tls-cert, --tls-key) and authentication "
        "(--tokens or --tls-client-ca), or --insecure"},
       {"tokens", "FILE", "",
        "authenticate every call: bearer tokens (digests only) and client "
        "certificate names, each with a tenant and a role (docs/security.md; "
        "`switchboard token new` makes lines)"},
       {"calls-per-credential", "N", "0",
        "calls per second one credential may make (burst: one second's "
        "worth); beyond, RESOURCE_EXHAUSTED (0: no limit)"},
       {"max-streams-per-connection", "N", "0",
        "RouteStream and StreamOffers calls open at once on one client "
        "connection (0: no limit)"},
       {"max-streams-per-tenant", "N", "0",
        "RouteStream and StreamOffers calls open at once on one tenant (0: "
        "no limit)"},
       {"config-dir", "DIR[:DIR...]", "",
        "the only directories whose files Admin.Reload, CreateTenant and "
        "UpdateTenant may name (relative paths: from the first; default: "
        "--tenants-dir, else the directory of --config)"},
       {"tls-cert", "FILE", "",
        "TLS: the server's PEM certificate chain (with --tls-key)"},
       {"tls-key", "FILE", "", "TLS: the PEM private key of --tls-cert"},
       {"tls-client-ca", "FILE", "",
        "mutual TLS: admit only clients whose certificate these PEM CA "
        "certificates signed"},
       {"insecure", "", "",
        "listen on a non-loopback address without TLS and authentication all "
        "the same (anyone who reaches the port can do anything)"},
       {"model", "MODEL", "",
        "classifier model (default: train one from the config's training "
        "data)"},
       {"type-model", "MODEL", "",
        "contact-type model (switchboard train --label-column type; "
        "default: train one when the config's training names a "
        "type_column, else rule cues)"},
       {"customer-key-file", "FILE", "",
        "the customer-pseudonym key (32 hex digits; created when missing; "
        "default: DIR/customer.key with --journal, else a random key)"},
       {"port-file", "FILE", "",
        "write the bound port to FILE once listening (for scripts and "
        "tests)"},
       {"max-message-bytes", "N", "4194304",
        "largest message received or sent; bigger requests fail with "
        "RESOURCE_EXHAUSTED"},
       {"shutdown-grace-ms", "N", "5000",
        "on SIGTERM/SIGINT, how long calls in flight get to finish"},
       {"finished-retention", "DURATION", "1h",
        "how long a resolved or abandoned contact stays known (for a late "
        "satisfaction score) before its record is recycled, e.g. 30s, 10m, "
        "2h"},
       {"journal", "DIR", "",
        "write-ahead journal directory: every change is journaled before "
        "it is acknowledged, and replayed at start (default: none, nothing "
        "survives a restart)"},
       {"journal-sync", "POLICY", "batch",
        "batch: fdatasync each group commit before acknowledging it; "
        "interval: acknowledge once written to the OS, fdatasync every "
        "--journal-sync-ms (a power failure can lose that window; a crash "
        "of the process loses nothing)"},
       {"journal-sync-ms", "N", "10", "the interval policy's window"},
       {"journal-repair", "", "",
        "cut the journal at damage found before its last segment (later "
        "segments are set aside as *.corrupt) instead of refusing to "
        "start"}},
      ""};
}

// Writes `port` to `path` atomically (a temporary file renamed into
// place), so a reader polling for the file never sees it half written.
bool WritePortFile(const std::string& path, int port) {
  const std::string tmp = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out.good()) return false;
  }
  return rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int RunServe(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = ServeSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  absl::StatusOr<int64_t> max_bytes = flags.GetInt("max-message-bytes");
  absl::StatusOr<int64_t> grace_ms = flags.GetInt("shutdown-grace-ms");
  if (!max_bytes.ok() || !grace_ms.ok()) {
    io.err
        << "switchboard serve: "
        << (max_bytes.ok() ? grace_ms.status() : max_bytes.status()).message()
        << "\n";
    return 2;
  }
  if (*max_bytes <= 0 || *max_bytes > (int64_t{1} << 30) || *grace_ms < 0) {
    io.err << "switchboard serve: --max-message-bytes must be in 1.."
           << (int64_t{1} << 30) << " and --shutdown-grace-ms at least 0\n";
    return 2;
  }

  absl::Duration finished_retention;
  if (!absl::ParseDuration(flags.Get("finished-retention"),
                           &finished_retention) ||
      finished_retention < absl::ZeroDuration() ||
      finished_retention == absl::InfiniteDuration()) {
    io.err << "switchboard serve: --finished-retention must be a duration "
              "of at least 0 such as 30s, 10m or 2h, not \""
           << flags.Get("finished-retention") << "\"\n";
    return 2;
  }

  // Block the signals we handle before any thread starts (training, gRPC),
  // so every thread inherits the mask and only sigwait below takes them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);

  server::ServerOptions options;
  options.serve.config_path = flags.Get("config");
  options.serve.tenants_dir = flags.Get("tenants-dir");
  if (options.serve.config_path.empty() == options.serve.tenants_dir.empty()) {
    io.err << "switchboard serve: give one of --config FILE and "
              "--tenants-dir DIR\n";
    return 2;
  }
  options.serve.model_path = flags.Get("model");
  options.serve.type_model_path = flags.Get("type-model");
  options.serve.customer_key_file = flags.Get("customer-key-file");
  options.serve.finished_retention = finished_retention;
  options.listen_address = flags.Get("listen");
  options.tls.cert_file = flags.Get("tls-cert");
  options.tls.key_file = flags.Get("tls-key");
  options.tls.client_ca_file = flags.Get("tls-client-ca");
  options.insecure = flags.Has("insecure");
  options.gate.tokens_file = flags.Get("tokens");
  {
    absl::StatusOr<double> rate = flags.GetDouble("calls-per-credential");
    absl::StatusOr<int64_t> per_connection =
        flags.GetInt("max-streams-per-connection");
    absl::StatusOr<int64_t> per_tenant = flags.GetInt("max-streams-per-tenant");
    if (!rate.ok() || *rate < 0 || !per_connection.ok() ||
        *per_connection < 0 || *per_connection > 1'000'000 ||
        !per_tenant.ok() || *per_tenant < 0 || *per_tenant > 1'000'000) {
      io.err << "switchboard serve: --calls-per-credential must be a number "
                "of at least 0, --max-streams-per-connection and "
                "--max-streams-per-tenant whole numbers in 0..1000000\n";
      pthread_sigmask(SIG_SETMASK, &previous, nullptr);
      return 2;
    }
    options.gate.calls_per_credential = *rate;
    options.gate.max_streams_per_connection = static_cast<int>(*per_connection);
    options.gate.max_streams_per_tenant = static_cast<int>(*per_tenant);
  }
  options.admin_file_dirs = server::AdminFileDirs(
      flags.Get("config-dir"), options.serve.tenants_dir,
      options.serve.config_path);
  // Before anything is loaded (Server::Start checks it again).
  if (absl::Status s = tls::CheckListenAddress(
          options.listen_address, options.tls.enabled(),
          /*authenticates=*/!options.gate.tokens_file.empty() ||
              !options.tls.client_ca_file.empty(),
          options.insecure);
      !s.ok()) {
    io.err << "switchboard serve: " << s.message() << "\n";
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return 2;
  }
  if (options.insecure && !tls::IsLoopbackAddress(options.listen_address) &&
      !tls::CheckListenAddress(options.listen_address, options.tls.enabled(),
                               !options.gate.tokens_file.empty() ||
                                   !options.tls.client_ca_file.empty(),
                               /*insecure=*/false)
           .ok()) {
    io.err << "switchboard serve: WARNING: --insecure: listening on "
           << options.listen_address
           << " without TLS and authentication; anyone who reaches it can "
              "route, read contacts and act as any agent\n";
  }
  options.max_message_bytes = static_cast<int>(*max_bytes);
  options.serve.journal_dir = flags.Get("journal");
  options.serve.journal_repair = flags.Has("journal-repair");
  {
    const std::string sync = flags.Get("journal-sync");
    absl::StatusOr<int64_t> sync_ms = flags.GetInt("journal-sync-ms");
    if (sync != "batch" && sync != "interval") {
      io.err << "switchboard serve: --journal-sync must be batch or interval, "
                "got \"" << sync << "\"\n";
      return 2;
    }
    if (!sync_ms.ok() || *sync_ms < 1 || *sync_ms > 60'000) {
      io.err << "switchboard serve: --journal-sync-ms must be in 1..60000\n";
      return 2;
    }
    options.serve.journal_sync = sync == "batch"
                                     ? journal::SyncPolicy::kEveryBatch
                                     : journal::SyncPolicy::kInterval;
    options.serve.journal_sync_interval = absl::Milliseconds(*sync_ms);
  }
  if (options.serve.model_path.empty() && options.serve.tenants_dir.empty()) {
    io.err << "switchboard serve: training a model from the configuration's "
              "training data...\n";
  }
  absl::StatusOr<std::unique_ptr<server::Server>> server =
      server::Server::Start(options);
  if (!server.ok()) {
    io.err << "switchboard serve: " << server.status().message() << "\n";
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return 1;
  }
  const std::string port_file = flags.Get("port-file");
  if (!port_file.empty() && !WritePortFile(port_file, (*server)->port())) {
    io.err << "switchboard serve: cannot write " << port_file << "\n";
    (*server)->Shutdown(absl::ZeroDuration());
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return 1;
  }
  const server::HostInfo info = (*server)->host().Info();
  for (const server::ServedTenantInfo& t : (*server)->host().ListTenants()) {
    if (!t.journal) continue;
    const server::JournalHostInfo& j = *t.journal;
    // A single-tenant server's lines read as they always did.
    const std::string who = options.serve.tenants_dir.empty()
                                ? ""
                                : absl::StrCat(" of tenant ", t.tenant.name);
    io.err << "switchboard: journal " << j.dir << who << " (sync " << j.sync
           << "): replayed " << j.replayed_records << " records in "
           << absl::FormatDuration(j.replay_time) << ", " << j.replay_errors
           << " could not be applied, " << j.cut_bytes
           << " bytes cut from a bad tail" << std::endl;
    for (const std::string& problem : j.problems) {
      io.err << "switchboard: journal" << who << ": " << problem << std::endl;
    }
  }
  for (const std::string& problem : info.tenant_problems) {
    io.err << "switchboard: tenant refused: " << problem << std::endl;
  }
  if (options.serve.tenants_dir.empty()) {
    io.out << "switchboard: serving on " << (*server)->address()
           << " (config " << info.config_path << ", model "
           << info.model_source << ")" << std::endl;
  } else {
    io.out << "switchboard: serving on " << (*server)->address() << " ("
           << (*server)->host().ListTenants().size() << " tenants from "
           << options.serve.tenants_dir << ")" << std::endl;
  }

  while (true) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      if (!options.gate.tokens_file.empty()) {
        if (absl::Status s = (*server)->gate().Reload(); s.ok()) {
          io.err << "switchboard: reloaded " << options.gate.tokens_file
                 << std::endl;
        } else {
          io.err << "switchboard: tokens reload failed, still using the "
                    "previous credentials: "
                 << s.message() << std::endl;
        }
      }
      // The audit trail's principal of what the reload changes.
      ActingAs acting("signal:SIGHUP");
      absl::StatusOr<server::HostInfo> reloaded =
          (*server)->host().Reload("", options.serve.model_path);
      if (reloaded.ok() && !options.serve.tenants_dir.empty()) {
        io.err << "switchboard: reloaded " << options.serve.tenants_dir
               << " (" << (*server)->host().ListTenants().size()
               << " tenants)" << std::endl;
      } else if (reloaded.ok()) {
        io.err << "switchboard: reloaded " << reloaded->config_path
               << " (generation " << reloaded->generation << ")" << std::endl;
      } else {
        io.err << "switchboard: reload failed, still running the previous "
                  "configuration: "
               << reloaded.status().message() << std::endl;
      }
      continue;
    }
    io.err << "switchboard: " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
           << ", shutting down (grace " << *grace_ms << " ms)" << std::endl;
    break;
  }
  (*server)->Shutdown(absl::Milliseconds(*grace_ms));
  io.err << "switchboard: stopped" << std::endl;
  // Take the signals that came during the shutdown (a second SIGTERM, a
  // SIGHUP): unblocked while pending, they would kill the process now.
  const timespec no_wait = {0, 0};
  while (sigtimedwait(&signals, nullptr, &no_wait) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return 0;
}

}  // namespace switchboard::cli
