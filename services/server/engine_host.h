// Copyright 2026 The Switchboard Authors.
//
// engine_host.h: the engines as the server runs them, one per tenant. Owns
// the library's TenantHost; knows which files each tenant runs with; gives
// each tenant its offer hub (offer_hub.h) and its Durability; fires every
// tenant's timers on one ticker thread; and applies Admin.Reload / SIGHUP
// and the Admin tenant calls.
//
//   ServeOptions options;
//   options.config_path = "data/sample/config.textproto";
//   // No model_path: a model is trained from the config's training data.
//   absl::StatusOr<std::unique_ptr<EngineHost>> host =
//       EngineHost::Start(options);
//   absl::StatusOr<std::shared_ptr<ServedTenant>> t =
//       (*host)->Find("default");
//   (*t)->tenant().Submit(contact);
//   (*host)->Reload("", "");  // the startup file again, same model
//
// Two ways to start (docs/tenants.md):
//   - without tenants_dir: one tenant, "default", from config_path (and
//     model_path, type_model_path, customer_key_file), as a single-tenant
//     server always ran; its journal is journal_dir itself.
//   - with tenants_dir DIR: a tenant per DIR/<tenant>.textproto, with
//     DIR/<tenant>.model and DIR/<tenant>.type.model when present (else
//     trained from the file's training section when it has one, else
//     rules only); tenant T's journal is journal_dir/T. A file that cannot
//     be loaded is refused for its tenant alone (HostInfo::tenant_problems)
//     and the others serve.
// Tenants made by Admin.CreateTenant from a file outside DIR are the
// Admin's: Reload leaves them alone.
//
// Thread-safe: every method may be called from any thread. Reloads and the
// Admin tenant calls are serialized; Find is a short shared lock, and calls
// of different tenants never wait for each other here.

#ifndef SWITCHBOARD_SERVICES_SERVER_ENGINE_HOST_H_
#define SWITCHBOARD_SERVICES_SERVER_ENGINE_HOST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/durability.h"
#include "server/offer_hub.h"
#include "switchboard/engine.h"
#include "switchboard/journal/journal.h"
#include "switchboard/tenant/tenant_host.h"

namespace switchboard::server {

struct ServeOptions {
  // The engine configuration file (text format, or JSON for *.json) of the
  // tenant "default". Required without tenants_dir; must be empty with
  // it.
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
  // process. (Each tenant of a tenants_dir: <journal_dir>/T/customer.key.)
  std::string customer_key_file;
  // The tenants' directory (see the file comment). Empty: one tenant.
  std::string tenants_dir;
  // How often the ticker wakes at the least to check the engines' timers.
  // Default 100 ms.
  absl::Duration tick_interval = absl::Milliseconds(100);
  // EngineOptions::finished_retention: how long a resolved or abandoned
  // contact stays known before its record is recycled. Default 1 hour.
  absl::Duration finished_retention = absl::Hours(1);
  // The write-ahead journal's directory (created if missing). Empty: no
  // journal, nothing survives a restart. With one, each tenant's journal
  // is replayed at start (a torn tail is cut and reported) and every
  // change is acknowledged only once durable.
  std::string journal_dir;
  journal::SyncPolicy journal_sync = journal::SyncPolicy::kEveryBatch;
  absl::Duration journal_sync_interval = absl::Milliseconds(10);
  // Cut the journal at damage before its last segment instead of refusing
  // to start (journal::ReadOptions::repair).
  bool journal_repair = false;
};

// A journal, as Admin.GetInfo and ListTenants report it.
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

// One tenant as ListTenants and CreateTenant report it.
struct ServedTenantInfo {
  TenantInfo tenant;
  std::string config_path;
  std::string model_source;
  std::optional<JournalHostInfo> journal;
};

// What Admin.GetInfo reports (for one tenant).
struct HostInfo {
  std::string version;  // The project version this server was built from.
  std::string tenant;   // "" when the tenant asked for does not exist.
  uint64_t generation = 0;
  absl::Time loaded_at;
  absl::Time started_at;
  std::string config_path;   // The configuration loaded last.
  std::string model_source;  // A model file, or "trained from FILE ...".
  std::vector<std::string> model_labels;
  int departments = 0, queues = 0, rules = 0, agents = 0;
  std::optional<JournalHostInfo> journal;  // Without --journal: none.
  std::vector<std::string> tenant_problems;
};

// A file's identity for "has it changed" (Reload of a tenants_dir).
struct FileStamp {
  bool exists = false;
  int64_t mtime_ns = 0;
  uintmax_t size = 0;
  bool operator==(const FileStamp&) const = default;
};

// One tenant as the server runs it. Held by a call for its duration
// (shared_ptr), so a tenant deleted meanwhile stays valid for that call.
class ServedTenant {
 public:
  ~ServedTenant();
  ServedTenant(const ServedTenant&) = delete;
  ServedTenant& operator=(const ServedTenant&) = delete;

  const std::string& name() const { return tenant_->name(); }
  Tenant& tenant() const { return *tenant_; }
  Engine& engine() const { return tenant_->engine(); }
  OfferHub& hub() const { return *hub_; }
  const Durability& durability() const { return durability_; }

 private:
  friend class EngineHost;
  ServedTenant(std::shared_ptr<Tenant> tenant, std::string journal_sync);

  std::shared_ptr<Tenant> tenant_;  // Reset only by the destructor.
  const std::unique_ptr<OfferHub> hub_;
  const Durability durability_;
  const std::string journal_sync_;
  // Guarded by the EngineHost's admin lock.
  std::string config_path_;
  std::string model_path_, type_model_path_;
  std::string model_source_;
  bool from_dir_ = false;  // Loaded from tenants_dir: Reload syncs it.
  FileStamp config_stamp_, model_stamp_, type_model_stamp_;
  // Set when deleted: the journal directory is set aside once the tenant
  // is gone (the last call holding it ended).
  std::string retire_journal_dir_;
};

class EngineHost {
 public:
  // Loads the tenant(s) (see the file comment) and starts the ticker.
  // Errors name the file: NOT_FOUND for a missing file, INVALID_ARGUMENT
  // for a bad one, FAILED_PRECONDITION when the default tenant has neither
  // a model nor training data. With tenants_dir only a directory that
  // cannot be read is an error.
  static absl::StatusOr<std::unique_ptr<EngineHost>> Start(
      const ServeOptions& options);

  // Stops the ticker and closes every offer stream.
  ~EngineHost();

  EngineHost(const EngineHost&) = delete;
  EngineHost& operator=(const EngineHost&) = delete;

  // The tenant `name`: INVALID_ARGUMENT for a name outside
  // [a-z0-9-]{1,63}, NOT_FOUND for an unknown one.
  absl::StatusOr<std::shared_ptr<ServedTenant>> Find(
      absl::string_view name) const;

  // Without tenants_dir: loads `config_path` ("" = the file the server
  // started with) and, when `model_path` is not empty, that model, and
  // swaps them into the default tenant atomically. A bad file is refused
  // with its error and the running configuration and model stay.
  // With tenants_dir: applies the directory (added, changed and removed
  // files); the paths must be empty. A tenant refused is named in the
  // error; the others' changes are applied.
  absl::StatusOr<HostInfo> Reload(const std::string& config_path,
                                  const std::string& model_path);

  // Admin.CreateTenant / UpdateTenant / DeleteTenant / ListTenants (see
  // service.proto).
  absl::StatusOr<ServedTenantInfo> CreateTenant(
      const std::string& name, const std::string& config_path,
      const std::string& model_path, const std::string& type_model_path);
  absl::StatusOr<ServedTenantInfo> UpdateTenant(
      const std::string& name, const std::string& config_path,
      const std::string& model_path, const std::string& type_model_path);
  absl::StatusOr<size_t> DeleteTenant(const std::string& name, bool force);
  std::vector<ServedTenantInfo> ListTenants() const;

  // What tenant `name` runs with (HostInfo::tenant "" when unknown).
  HostInfo Info(absl::string_view name = kDefaultTenant) const;

  // Closes every tenant's offer streams with UNAVAILABLE, refuses new ones
  // and stops the ticker (idempotent; also done by the destructor).
  void Shutdown();

 private:
  explicit EngineHost(ServeOptions options);
  void TickerLoop();
  void StopTicker();
  // Reload without building the answer (Info takes admin_mu_ itself).
  absl::Status ApplyReload(const std::string& config_path,
                            const std::string& model_path);

  // Applies tenants_dir; returns the problems (one per refused tenant).
  std::vector<absl::Status> SyncTenantsDir()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(admin_mu_);
  // Creates tenant `name` from its files and makes it findable.
  absl::StatusOr<std::shared_ptr<ServedTenant>> AddTenant(
      const std::string& name, const std::string& config_path,
      const std::string& model_path, const std::string& type_model_path,
      bool from_dir) ABSL_EXCLUSIVE_LOCKS_REQUIRED(admin_mu_);
  absl::Status UpdateLocked(ServedTenant& served,
                            const std::string& config_path,
                            const std::string& model_path,
                            const std::string& type_model_path)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(admin_mu_);
  absl::StatusOr<size_t> DeleteLocked(const std::string& name, bool force)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(admin_mu_);
  std::string JournalDirOf(const std::string& name) const;
  ServedTenantInfo InfoOf(const ServedTenant& served) const;

  const ServeOptions options_;
  const absl::Time started_at_;
  TenantHost tenants_;

  // Serializes reloads and the Admin tenant calls; guards the file fields
  // of every ServedTenant.
  mutable absl::Mutex admin_mu_;
  std::vector<std::string> problems_ ABSL_GUARDED_BY(admin_mu_);

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<ServedTenant>> served_
      ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;

  absl::Mutex ticker_mu_;
  bool stop_ticker_ ABSL_GUARDED_BY(ticker_mu_) = false;
  std::thread ticker_;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_ENGINE_HOST_H_
