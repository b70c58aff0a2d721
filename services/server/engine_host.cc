// Copyright 2026 The Switchboard Authors.

#include "server/engine_host.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/tenant_loader.h"
#include "switchboard/tenant/tenant_name.h"

#ifndef SWITCHBOARD_VERSION
#define SWITCHBOARD_VERSION "unknown"
#endif

namespace switchboard::server {
namespace {

namespace fs = std::filesystem;

constexpr absl::string_view kConfigSuffix = ".textproto";
constexpr absl::string_view kModelSuffix = ".model";
constexpr absl::string_view kTypeModelSuffix = ".type.model";

FileStamp StampOf(const std::string& path) {
  FileStamp stamp;
  if (path.empty()) return stamp;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::is_regular_file(st)) return stamp;
  stamp.exists = true;
  stamp.size = fs::file_size(path, ec);
  const auto mtime = fs::last_write_time(path, ec);
  stamp.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       mtime.time_since_epoch())
                       .count();
  return stamp;
}

// DIR/<name><suffix> when it exists, else "".
std::string IfExists(const std::string& dir, absl::string_view name,
                     absl::string_view suffix) {
  const std::string path =
      (fs::path(dir) / absl::StrCat(name, suffix)).string();
  std::error_code ec;
  return fs::is_regular_file(path, ec) ? path : "";
}

std::string SyncName(const journal::JournalOptions& jo) {
  return jo.sync == journal::SyncPolicy::kEveryBatch
             ? "batch"
             : absl::StrCat("interval ", absl::FormatDuration(jo.sync_interval));
}

}  // namespace

ServedTenant::ServedTenant(std::shared_ptr<Tenant> tenant,
                           std::string journal_sync)
    : tenant_(std::move(tenant)),
      hub_(std::make_unique<OfferHub>(&tenant_->engine())),
      durability_(tenant_->journal()),
      journal_sync_(std::move(journal_sync)) {}

ServedTenant::~ServedTenant() {
  hub_->Shutdown();
  if (retire_journal_dir_.empty()) return;
  // Set the journal aside only once it is closed: the library's host has
  // let go of the tenant already, and this was the last holder.
  const std::string dir = retire_journal_dir_;
  const std::string name = tenant_->name();
  tenant_.reset();
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    fs::rename(dir,
               absl::StrCat(dir, ".deleted-", absl::ToUnixSeconds(absl::Now())),
               ec);
  }
}

EngineHost::EngineHost(ServeOptions options)
    : options_(std::move(options)), started_at_(absl::Now()) {}

absl::StatusOr<std::unique_ptr<EngineHost>> EngineHost::Start(
    const ServeOptions& options) {
  std::unique_ptr<EngineHost> host(new EngineHost(options));
  if (options.tenants_dir.empty()) {
    if (options.config_path.empty()) {
      return absl::InvalidArgumentError("no configuration file given");
    }
    absl::MutexLock admin(&host->admin_mu_);
    absl::StatusOr<std::shared_ptr<ServedTenant>> added = host->AddTenant(
        std::string(kDefaultTenant), options.config_path, options.model_path,
        options.type_model_path, /*from_dir=*/false);
    if (!added.ok()) {
      // As a single-tenant server always said it: the file's error alone.
      const std::string prefix = absl::StrCat("tenant ", kDefaultTenant, ": ");
      absl::string_view message = added.status().message();
      absl::ConsumePrefix(&message, prefix);
      return absl::Status(added.status().code(), message);
    }
  } else {
    if (!options.config_path.empty() || !options.model_path.empty() ||
        !options.type_model_path.empty() ||
        !options.customer_key_file.empty()) {
      return absl::InvalidArgumentError(
          "with a tenants directory, each tenant's configuration, models and "
          "key are its files: give no --config, --model, --type-model or "
          "--customer-key-file");
    }
    std::error_code ec;
    if (!fs::is_directory(options.tenants_dir, ec)) {
      return absl::NotFoundError(absl::StrCat(
          "tenants directory ", options.tenants_dir, " is not a directory",
          ec ? absl::StrCat(" (", ec.message(), ")") : ""));
    }
    absl::MutexLock admin(&host->admin_mu_);
    std::vector<absl::Status> problems = host->SyncTenantsDir();
    for (const absl::Status& p : problems) {
      host->problems_.push_back(std::string(p.message()));
    }
  }
  host->ticker_ = std::thread([h = host.get()] { h->TickerLoop(); });
  return host;
}

EngineHost::~EngineHost() { Shutdown(); }

void EngineHost::Shutdown() {
  StopTicker();
  std::vector<std::shared_ptr<ServedTenant>> all;
  {
    absl::MutexLock lock(&mu_);
    shut_down_ = true;
    for (auto& [name, served] : served_) all.push_back(served);
  }
  for (auto& served : all) served->hub().Shutdown();
}

void EngineHost::StopTicker() {
  {
    absl::MutexLock lock(&ticker_mu_);
    stop_ticker_ = true;
  }
  if (ticker_.joinable()) ticker_.join();
}

void EngineHost::TickerLoop() {
  absl::MutexLock lock(&ticker_mu_);
  while (!stop_ticker_) {
    const absl::Time now = absl::Now();
    const absl::Time next = tenants_.NextDeadline();
    if (next <= now) {
      // Escalations and offer timeouts of every tenant due; not under our
      // lock, so that a shutdown does not wait for a long Tick to notice.
      ticker_mu_.Unlock();
      tenants_.Tick();
      ticker_mu_.Lock();
      continue;
    }
    // Wake at the next deadline, at the latest after tick_interval: a
    // contact submitted meanwhile may bring a sooner one.
    ticker_mu_.AwaitWithDeadline(absl::Condition(&stop_ticker_),
                                 std::min(next, now + options_.tick_interval));
  }
}

std::string EngineHost::JournalDirOf(const std::string& name) const {
  if (options_.journal_dir.empty()) return "";
  // The default tenant of a single-tenant server keeps the directory
  // itself, so that journals written before tenants still open.
  if (options_.tenants_dir.empty() && name == kDefaultTenant) {
    return options_.journal_dir;
  }
  return (fs::path(options_.journal_dir) / name).string();
}

absl::StatusOr<std::shared_ptr<ServedTenant>> EngineHost::AddTenant(
    const std::string& name, const std::string& config_path,
    const std::string& model_path, const std::string& type_model_path,
    bool from_dir) {
  if (absl::Status s = ValidateTenantName(name); !s.ok()) return s;
  {
    absl::MutexLock lock(&mu_);
    if (served_.contains(name)) {
      return absl::AlreadyExistsError(
          absl::StrCat("tenant ", name, " exists already"));
    }
  }
  const bool single = options_.tenants_dir.empty() && name == kDefaultTenant;
  TenantFiles files;
  files.config_path = config_path;
  files.model_path = model_path;
  files.type_model_path = type_model_path;
  // The default tenant of a single-tenant server needs a model, as it
  // always did; a tenant may run on rules only.
  files.require_model = single;
  if (single) files.customer_key_file = options_.customer_key_file;
  files.journal_dir = JournalDirOf(name);
  files.journal_sync = options_.journal_sync;
  files.journal_sync_interval = options_.journal_sync_interval;
  files.journal_repair = options_.journal_repair;
  files.finished_retention = options_.finished_retention;
  absl::StatusOr<LoadedTenant> loaded = LoadTenantFiles(files);
  if (!loaded.ok()) return TenantError(name, loaded.status());
  const std::string sync =
      loaded->options.journal ? SyncName(*loaded->options.journal) : "";
  absl::StatusOr<std::shared_ptr<Tenant>> tenant =
      tenants_.CreateTenant(name, std::move(loaded->options));
  if (!tenant.ok()) return tenant.status();
  std::shared_ptr<ServedTenant> served(
      new ServedTenant(*std::move(tenant), sync));
  served->config_path_ = config_path;
  served->model_path_ = model_path;
  served->type_model_path_ = type_model_path;
  served->model_source_ = loaded->model_source;
  served->from_dir_ = from_dir;
  served->config_stamp_ = StampOf(config_path);
  served->model_stamp_ = StampOf(model_path);
  served->type_model_stamp_ = StampOf(type_model_path);
  absl::MutexLock lock(&mu_);
  if (shut_down_) served->hub().Shutdown();
  served_[name] = served;
  return served;
}

absl::Status EngineHost::UpdateLocked(ServedTenant& served,
                                      const std::string& config_path,
                                      const std::string& model_path,
                                      const std::string& type_model_path) {
  const std::string path =
      config_path.empty() ? served.config_path_ : config_path;
  absl::StatusOr<TenantUpdate> update =
      LoadTenantUpdate(path, model_path, type_model_path);
  if (!update.ok()) return TenantError(served.name(), update.status());
  if (absl::Status s =
          tenants_.UpdateTenant(served.name(), *std::move(update));
      !s.ok()) {
    return s;
  }
  served.tenant()
      .engine()
      .RecordAdminAction(absl::StrCat(
          "updated the tenant from ", path,
          model_path.empty() ? "" : absl::StrCat(", model ", model_path),
          type_model_path.empty()
              ? ""
              : absl::StrCat(", type model ", type_model_path)))
      .IgnoreError();
  served.config_path_ = path;
  served.config_stamp_ = StampOf(path);
  if (!model_path.empty()) {
    served.model_path_ = model_path;
    served.model_source_ = model_path;
    served.model_stamp_ = StampOf(model_path);
  }
  if (!type_model_path.empty()) {
    served.type_model_path_ = type_model_path;
    served.type_model_stamp_ = StampOf(type_model_path);
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> EngineHost::DeleteLocked(const std::string& name,
                                                bool force) {
  absl::StatusOr<std::shared_ptr<ServedTenant>> served = Find(name);
  if (!served.ok()) return served.status();
  if (options_.tenants_dir.empty() && name == kDefaultTenant) {
    return absl::FailedPreconditionError(
        "tenant default is the server's --config tenant and cannot be "
        "deleted");
  }
  absl::StatusOr<size_t> abandoned = tenants_.DeleteTenant(name, force);
  if (!abandoned.ok()) return abandoned.status();
  // The last record of the retired journal (events/acting.h says who).
  (*served)
      ->tenant()
      .engine()
      .RecordAdminAction(
          force ? absl::StrCat("deleted the tenant (force: ", *abandoned,
                               " open contacts abandoned)")
                : std::string("deleted the tenant"))
      .IgnoreError();
  {
    absl::MutexLock lock(&mu_);
    served_.erase(name);
  }
  (*served)->hub().Shutdown(
      absl::NotFoundError(absl::StrCat("tenant ", name, " was deleted")));
  (*served)->retire_journal_dir_ = JournalDirOf(name);
  if ((*served)->from_dir_) {
    // So that the next Reload does not bring it back.
    std::error_code ec;
    fs::rename((*served)->config_path_,
               absl::StrCat((*served)->config_path_, ".deleted"), ec);
  }
  return *abandoned;
}

std::vector<absl::Status> EngineHost::SyncTenantsDir() {
  std::vector<absl::Status> problems;
  const std::string& dir = options_.tenants_dir;
  std::set<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    std::string file = e.path().filename().string();
    if (!e.is_regular_file() || !absl::EndsWith(file, kConfigSuffix)) continue;
    const std::string name = file.substr(0, file.size() - kConfigSuffix.size());
    if (absl::Status s = ValidateTenantName(name); !s.ok()) {
      problems.push_back(absl::InvalidArgumentError(
          absl::StrCat(e.path().string(), ": ", s.message())));
      continue;
    }
    names.insert(name);
  }
  if (ec) {
    problems.push_back(absl::UnavailableError(
        absl::StrCat("cannot read tenants directory ", dir, ": ",
                     ec.message())));
    return problems;  // Nothing removed on a directory that cannot be read.
  }
  for (const std::string& name : names) {
    const std::string config =
        (fs::path(dir) / absl::StrCat(name, kConfigSuffix)).string();
    const std::string model = IfExists(dir, name, kModelSuffix);
    const std::string type_model = IfExists(dir, name, kTypeModelSuffix);
    absl::StatusOr<std::shared_ptr<ServedTenant>> existing = Find(name);
    if (!existing.ok()) {
      absl::StatusOr<std::shared_ptr<ServedTenant>> added =
          AddTenant(name, config, model, type_model, /*from_dir=*/true);
      if (!added.ok()) problems.push_back(added.status());
      continue;
    }
    ServedTenant& served = **existing;
    if (!served.from_dir_) continue;  // The Admin's: left alone.
    const FileStamp model_stamp = StampOf(model);
    const FileStamp type_stamp = StampOf(type_model);
    const bool model_changed = model_stamp != served.model_stamp_;
    const bool type_changed = type_stamp != served.type_model_stamp_;
    if (StampOf(config) == served.config_stamp_ && !model_changed &&
        !type_changed) {
      continue;
    }
    // A model file removed keeps the model the tenant has.
    if (absl::Status s = UpdateLocked(served, config,
                                      model_changed ? model : "",
                                      type_changed ? type_model : "");
        !s.ok()) {
      problems.push_back(s);
    }
  }
  std::vector<std::string> gone;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [name, served] : served_) {
      if (served->from_dir_ && !names.contains(name)) gone.push_back(name);
    }
  }
  for (const std::string& name : gone) {
    if (absl::StatusOr<size_t> d = DeleteLocked(name, /*force=*/false);
        !d.ok()) {
      problems.push_back(TenantError(name, d.status()));
    }
  }
  return problems;
}

absl::StatusOr<std::shared_ptr<ServedTenant>> EngineHost::Find(
    absl::string_view name) const {
  {
    // Shared: the calls of every tenant pass here, for a shared_ptr copy.
    absl::ReaderMutexLock lock(&mu_);
    auto it = served_.find(name);
    if (it != served_.end()) return it->second;
  }
  if (absl::Status s = ValidateTenantName(name); !s.ok()) return s;
  return absl::NotFoundError(absl::StrCat("tenant ", name, " not found"));
}

absl::StatusOr<HostInfo> EngineHost::Reload(const std::string& config_path,
                                            const std::string& model_path) {
  if (absl::Status s = ApplyReload(config_path, model_path); !s.ok()) {
    return s;
  }
  return Info();
}

absl::Status EngineHost::ApplyReload(const std::string& config_path,
                                      const std::string& model_path) {
  absl::MutexLock admin(&admin_mu_);
  if (options_.tenants_dir.empty()) {
    absl::StatusOr<std::shared_ptr<ServedTenant>> served =
        Find(kDefaultTenant);
    if (!served.ok()) return served.status();
    const std::string path =
        config_path.empty() ? options_.config_path : config_path;
    absl::StatusOr<TenantUpdate> update =
        LoadTenantUpdate(path, model_path, "");
    if (!update.ok()) return update.status();
    if (absl::Status s =
            tenants_.UpdateTenant(kDefaultTenant, *std::move(update));
        !s.ok()) {
      // The engine's own error, as before tenants.
      absl::string_view message = s.message();
      absl::ConsumePrefix(&message, absl::StrCat("tenant ", kDefaultTenant, ": "));
      return absl::Status(s.code(), message);
    }
    (*served)->config_path_ = path;
    if (!model_path.empty()) (*served)->model_source_ = model_path;
  } else {
    if (!config_path.empty() || !model_path.empty()) {
      return absl::InvalidArgumentError(
          "with a tenants directory, Reload applies the directory: give no "
          "config_path or model_path (UpdateTenant names one tenant's)");
    }
    std::vector<absl::Status> problems = SyncTenantsDir();
    problems_.clear();
    for (const absl::Status& p : problems) {
      problems_.push_back(std::string(p.message()));
    }
    if (!problems.empty()) {
      return absl::Status(
          problems.front().code(),
          absl::StrCat("tenants directory ", options_.tenants_dir, ": ",
                       problems.size(), " tenant(s) refused (the others "
                       "were applied): ",
                       absl::StrJoin(problems_, "; ")));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ServedTenantInfo> EngineHost::CreateTenant(
    const std::string& name, const std::string& config_path,
    const std::string& model_path, const std::string& type_model_path) {
  if (absl::Status s = ValidateTenantName(name); !s.ok()) return s;
  absl::MutexLock admin(&admin_mu_);
  const std::string& dir = options_.tenants_dir;
  std::string config = config_path;
  std::string model = model_path;
  std::string type_model = type_model_path;
  bool from_dir = false;
  if (!dir.empty()) {
    const std::string own =
        (fs::path(dir) / absl::StrCat(name, kConfigSuffix)).string();
    if (config.empty() || fs::path(config).lexically_normal() ==
                              fs::path(own).lexically_normal()) {
      config = own;
      from_dir = true;
      if (model.empty()) model = IfExists(dir, name, kModelSuffix);
      if (type_model.empty()) {
        type_model = IfExists(dir, name, kTypeModelSuffix);
      }
    }
  } else if (config.empty()) {
    return absl::InvalidArgumentError(
        "config_path: is empty (a configuration file on the server)");
  }
  absl::StatusOr<std::shared_ptr<ServedTenant>> added =
      AddTenant(name, config, model, type_model, from_dir);
  if (!added.ok()) return added.status();
  // The audit trail (the tenant exists whether or not this is written).
  (*added)
      ->tenant()
      .engine()
      .RecordAdminAction(absl::StrCat("created the tenant from ", config))
      .IgnoreError();
  return InfoOf(**added);
}

absl::StatusOr<ServedTenantInfo> EngineHost::UpdateTenant(
    const std::string& name, const std::string& config_path,
    const std::string& model_path, const std::string& type_model_path) {
  absl::MutexLock admin(&admin_mu_);
  absl::StatusOr<std::shared_ptr<ServedTenant>> served = Find(name);
  if (!served.ok()) return served.status();
  if (absl::Status s =
          UpdateLocked(**served, config_path, model_path, type_model_path);
      !s.ok()) {
    return s;
  }
  return InfoOf(**served);
}

absl::StatusOr<size_t> EngineHost::DeleteTenant(const std::string& name,
                                                bool force) {
  absl::MutexLock admin(&admin_mu_);
  return DeleteLocked(name, force);
}

ServedTenantInfo EngineHost::InfoOf(const ServedTenant& served) const {
  ServedTenantInfo info;
  info.tenant = served.tenant().Info();
  info.config_path = served.config_path_;
  info.model_source = served.model_source_;
  if (info.tenant.journal && served.tenant().journal() != nullptr) {
    const TenantRecovery& r = *info.tenant.journal;
    JournalHostInfo j;
    j.dir = r.dir;
    j.sync = served.journal_sync_;
    j.replayed_records = r.replayed_records;
    j.replay_errors = r.replay_errors;
    j.cut_bytes = r.cut_bytes;
    j.problems = r.problems;
    j.replay_time = r.replay_time;
    j.stats = served.tenant().journal()->stats();
    info.journal = std::move(j);
  }
  return info;
}

std::vector<ServedTenantInfo> EngineHost::ListTenants() const {
  std::vector<std::shared_ptr<ServedTenant>> all;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [name, served] : served_) all.push_back(served);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a->name() < b->name();
  });
  absl::MutexLock admin(&admin_mu_);
  std::vector<ServedTenantInfo> infos;
  for (const auto& served : all) infos.push_back(InfoOf(*served));
  return infos;
}

HostInfo EngineHost::Info(absl::string_view name) const {
  HostInfo info;
  info.version = SWITCHBOARD_VERSION;
  info.started_at = started_at_;
  absl::MutexLock admin(&admin_mu_);
  info.tenant_problems = problems_;
  absl::StatusOr<std::shared_ptr<ServedTenant>> served = Find(name);
  if (!served.ok()) return info;
  const ServedTenantInfo t = InfoOf(**served);
  info.tenant = t.tenant.name;
  info.generation = t.tenant.engine.generation;
  info.loaded_at = t.tenant.engine.loaded_at;
  info.config_path = t.config_path;
  info.model_source = t.model_source;
  info.model_labels = t.tenant.engine.model_labels;
  info.departments = static_cast<int>(t.tenant.engine.departments);
  info.queues = static_cast<int>(t.tenant.engine.queues);
  info.rules = static_cast<int>(t.tenant.engine.rules);
  info.agents = static_cast<int>(t.tenant.engine.agents);
  info.journal = t.journal;
  return info;
}

}  // namespace switchboard::server
