// Copyright 2026 The Switchboard Authors.
//
// engine_host.h: the engine as the server runs it. Owns the Engine, knows
// which configuration file and model it runs with, fires the engine's
// timers on a ticker thread, and swaps in a new configuration (and model)
// on Admin.Reload or SIGHUP.
//
//   ServeOptions options;
//   options.config_path = "data/sample/config.textproto";
//   // No model_path: a model is trained from the config's training data.
//   absl::StatusOr<std::unique_ptr<EngineHost>> host =
//       EngineHost::Start(options);
//   (*host)->engine().Submit(contact);
//   (*host)->Reload("", "");  // the startup file again, same model
//
// Thread-safe: every method may be called from any thread. Reloads are
// serialized; calls to engine() go on during one (Engine::Reload is atomic).

#ifndef SWITCHBOARD_SERVICES_SERVER_ENGINE_HOST_H_
#define SWITCHBOARD_SERVICES_SERVER_ENGINE_HOST_H_

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/durability.h"
#include "switchboard/engine.h"
#include "switchboard/journal/journal.h"

namespace switchboard::server {

struct ServeOptions {
  // The engine configuration file (text format, or JSON for *.json).
  // Required.
  std::string config_path;
  // A model written by `switchboard train`. Empty: train one at start-up
  // from the configuration's `training` data (an error when it has none).
  std::string model_path;
  // A contact-type model (`switchboard train --label-column type`). Empty:
  // trained at start-up from the configuration's training data when it
  // names a `type_column`; else the rule cues decide types.
  std::string type_model_path;
  // The customer-pseudonym key (util/siphash.h): a file holding 32 hex
  // digits (16 bytes), created with a random key (mode 0600) when missing.
  // Empty: <journal_dir>/customer.key with a journal (so that repeat
  // contacts are recognised after a restart), else a random key for this
  // process.
  std::string customer_key_file;
  // How often the ticker wakes at the least to check the engine's timers.
  // Default 100 ms.
  absl::Duration tick_interval = absl::Milliseconds(100);
  // EngineOptions::finished_retention: how long a resolved or abandoned
  // contact stays known before its record is recycled. Default 1 hour.
  absl::Duration finished_retention = absl::Hours(1);
  // The write-ahead journal's directory (created if missing). Empty: no
  // journal, nothing survives a restart. With one, the journal is replayed
  // at start (a torn tail is cut and reported) and every change is
  // acknowledged only once durable.
  std::string journal_dir;
  journal::SyncPolicy journal_sync = journal::SyncPolicy::kEveryBatch;
  absl::Duration journal_sync_interval = absl::Milliseconds(10);
  // Cut the journal at damage before its last segment instead of refusing
  // to start (journal::ReadOptions::repair).
  bool journal_repair = false;
};

// The journal, as Admin.GetInfo reports it.
struct JournalHostInfo {
  std::string dir;
  std::string sync;  // "batch" or "interval 10ms".
  uint64_t replayed_records = 0;
  uint64_t replay_errors = 0;
  uint64_t cut_bytes = 0;
  std::vector<std::string> problems;
  absl::Duration replay_time;
  journal::JournalStats stats;
};

// What Admin.GetInfo reports.
struct HostInfo {
  std::string version;  // The project version this server was built from.
  uint64_t generation = 0;
  absl::Time loaded_at;
  absl::Time started_at;
  std::string config_path;   // The configuration loaded last.
  std::string model_source;  // A model file, or "trained from FILE ...".
  std::vector<std::string> model_labels;
  int departments = 0, queues = 0, rules = 0, agents = 0;
  std::optional<JournalHostInfo> journal;  // Without --journal: none.
};

class EngineHost {
 public:
  // Loads the configuration and the model (or trains one), creates the
  // engine and starts the ticker. Errors name the file: NOT_FOUND for a
  // missing file, INVALID_ARGUMENT for a bad one, FAILED_PRECONDITION when
  // there is neither a model nor training data.
  static absl::StatusOr<std::unique_ptr<EngineHost>> Start(
      const ServeOptions& options);

  // Stops the ticker.
  ~EngineHost();

  EngineHost(const EngineHost&) = delete;
  EngineHost& operator=(const EngineHost&) = delete;

  Engine& engine() const { return *engine_; }
  // Acknowledge changes through this (see durability.h).
  const Durability& durability() const { return durability_; }

  // Loads `config_path` ("" = the file the server started with) and, when
  // `model_path` is not empty, that model, and swaps them in atomically
  // (Engine::Reload). A bad file is refused with its error and the running
  // configuration and model stay.
  absl::StatusOr<HostInfo> Reload(const std::string& config_path,
                                  const std::string& model_path);

  HostInfo Info() const;

  // Stops the ticker thread (idempotent; also done by the destructor).
  void StopTicker();

 private:
  EngineHost(ServeOptions options, std::unique_ptr<journal::Journal> journal,
             std::unique_ptr<Engine> engine, std::string model_source,
             JournalHostInfo recovery);
  void TickerLoop();

  const ServeOptions options_;
  // Declared before the engine: destroyed after it.
  const std::unique_ptr<journal::Journal> journal_;
  const std::unique_ptr<Engine> engine_;
  const Durability durability_;
  const JournalHostInfo recovery_;
  const absl::Time started_at_;

  absl::Mutex reload_mu_;  // Serializes Reload.

  mutable absl::Mutex info_mu_;
  std::string config_path_ ABSL_GUARDED_BY(info_mu_);
  std::string model_source_ ABSL_GUARDED_BY(info_mu_);

  absl::Mutex ticker_mu_;
  bool stop_ticker_ ABSL_GUARDED_BY(ticker_mu_) = false;
  std::thread ticker_;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_ENGINE_HOST_H_
