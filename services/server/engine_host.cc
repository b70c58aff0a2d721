// Copyright 2026 The Switchboard Authors.

#include "server/engine_host.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "convert/config_convert.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/dataset.h"

#ifndef SWITCHBOARD_VERSION
#define SWITCHBOARD_VERSION "unknown"
#endif

namespace switchboard::server {
namespace {

absl::StatusOr<std::shared_ptr<const Classifier>> LoadModel(
    const std::string& path) {
  absl::StatusOr<std::unique_ptr<Classifier>> model = Classifier::Load(path);
  if (!model.ok()) return model.status();
  return std::shared_ptr<const Classifier>(*std::move(model));
}

// Trains a start-up model from the configuration's `training` data, on
// `label_column`.
absl::StatusOr<std::shared_ptr<const Classifier>> TrainModel(
    const ServiceConfig& config, const std::string& config_path,
    const std::string& label_column) {
  if (config.training_data.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("no model: give --model FILE, or name training data in ",
                     config_path, " (training { data: \"FILE.csv\" })"));
  }
  DatasetOptions dataset;
  dataset.text_column = config.text_column;
  dataset.label_column = label_column;
  absl::StatusOr<std::vector<Example>> examples =
      LoadExamples(config.training_data, dataset);
  if (!examples.ok()) return examples.status();
  absl::StatusOr<std::unique_ptr<Classifier>> model =
      Classifier::Train(*examples, ClassifierOptions());
  if (!model.ok()) {
    return absl::Status(model.status().code(),
                        absl::StrCat("training on ", config.training_data, ": ",
                                     model.status().message()));
  }
  return std::shared_ptr<const Classifier>(*std::move(model));
}

// The customer-pseudonym key from `path` (32 hex digits), or a new random
// one written there (0600) when the file does not exist.
absl::StatusOr<SipHashKey> LoadOrCreateKey(const std::string& path) {
  std::ifstream in(path);
  if (in) {
    std::string hex;
    in >> hex;
    std::string bytes;
    if (hex.size() != 32 || !absl::c_all_of(hex, absl::ascii_isxdigit)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "customer key file ", path,
          ": expected 32 hex digits (16 bytes), found ", hex.size(),
          " characters"));
    }
    bytes = absl::HexStringToBytes(hex);
    return SipHashKeyFromBytes(bytes);
  }
  const SipHashKey key = RandomSipHashKey();
  std::string bytes(16, '\0');
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<char>(key.k0 >> (8 * i));
    bytes[8 + i] = static_cast<char>(key.k1 >> (8 * i));
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("cannot create customer key file ",
                                            path, ": ", std::strerror(errno)));
  }
  const std::string text = absl::StrCat(absl::BytesToHexString(bytes), "\n");
  const bool ok = ::write(fd, text.data(), text.size()) ==
                      static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    return absl::InternalError(
        absl::StrCat("cannot write customer key file ", path));
  }
  return key;
}

}  // namespace

absl::StatusOr<std::unique_ptr<EngineHost>> EngineHost::Start(
    const ServeOptions& options) {
  if (options.config_path.empty()) {
    return absl::InvalidArgumentError("no configuration file given");
  }
  absl::StatusOr<ServiceConfig> config =
      LoadServiceConfigFile(options.config_path);
  if (!config.ok()) return config.status();
  absl::StatusOr<std::shared_ptr<const Classifier>> model =
      options.model_path.empty()
          ? TrainModel(*config, options.config_path, config->label_column)
          : LoadModel(options.model_path);
  if (!model.ok()) return model.status();
  std::shared_ptr<const Classifier> type_model;
  if (!options.type_model_path.empty() || !config->type_column.empty()) {
    absl::StatusOr<std::shared_ptr<const Classifier>> t =
        options.type_model_path.empty()
            ? TrainModel(*config, options.config_path, config->type_column)
            : LoadModel(options.type_model_path);
    if (!t.ok()) {
      return absl::Status(t.status().code(),
                          absl::StrCat("contact-type model: ",
                                       t.status().message()));
    }
    type_model = *std::move(t);
  }
  std::optional<SipHashKey> customer_key;
  std::string key_file = options.customer_key_file;
  if (key_file.empty() && !options.journal_dir.empty()) {
    std::filesystem::create_directories(options.journal_dir);
    key_file = (std::filesystem::path(options.journal_dir) / "customer.key")
                   .string();
  }
  if (!key_file.empty()) {
    absl::StatusOr<SipHashKey> key = LoadOrCreateKey(key_file);
    if (!key.ok()) return key.status();
    customer_key = *key;
  }
  std::unique_ptr<journal::Journal> journal;
  JournalHostInfo recovery;
  if (!options.journal_dir.empty()) {
    journal::JournalOptions jo;
    jo.dir = options.journal_dir;
    jo.sync = options.journal_sync;
    jo.sync_interval = options.journal_sync_interval;
    jo.repair = options.journal_repair;
    jo.text_retention = config->engine.retention.contact_text;
    journal = std::make_unique<journal::Journal>(jo);
    recovery.dir = jo.dir;
    recovery.sync =
        jo.sync == journal::SyncPolicy::kEveryBatch
            ? "batch"
            : absl::StrCat("interval ", absl::FormatDuration(jo.sync_interval));
  }
  EngineOptions engine_options;
  engine_options.config = std::move(config->engine);
  engine_options.classifier = *std::move(model);
  engine_options.type_classifier = std::move(type_model);
  engine_options.customer_key = customer_key;
  engine_options.finished_retention = options.finished_retention;
  engine_options.journal = journal.get();
  // The services acknowledge through Durability instead of blocking.
  engine_options.wait_for_journal = false;
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(std::move(engine_options));
  if (!engine.ok()) return engine.status();
  if (journal != nullptr) {
    const absl::Time began = absl::Now();
    absl::StatusOr<journal::ReadReport> read =
        journal->Open([&](const journal::Record& r) {
          if (absl::Status s = (*engine)->Replay(r); !s.ok()) {
            // A record this configuration cannot apply (an agent's skill it
            // no longer has, ...): reported, and the rest goes on.
            if (++recovery.replay_errors <= 20) {
              recovery.problems.push_back(
                  absl::StrCat("replay of a ", journal::RecordTypeName(r.type),
                               " record failed: ", s.message()));
            }
          }
          return absl::OkStatus();
        });
    if (!read.ok()) return read.status();
    recovery.replay_time = absl::Now() - began;
    recovery.replayed_records = read->records;
    recovery.cut_bytes = read->cut_bytes;
    recovery.problems.insert(recovery.problems.begin(), read->problems.begin(),
                             read->problems.end());
  }
  std::string model_source =
      options.model_path.empty()
          ? absl::StrCat("trained from ", config->training_data, " at start-up")
          : options.model_path;
  return std::unique_ptr<EngineHost>(
      new EngineHost(options, std::move(journal), *std::move(engine),
                     std::move(model_source), std::move(recovery)));
}

EngineHost::EngineHost(ServeOptions options,
                       std::unique_ptr<journal::Journal> journal,
                       std::unique_ptr<Engine> engine, std::string model_source,
                       JournalHostInfo recovery)
    : options_(std::move(options)),
      journal_(std::move(journal)),
      engine_(std::move(engine)),
      durability_(journal_.get()),
      recovery_(std::move(recovery)),
      started_at_(absl::Now()),
      config_path_(options_.config_path),
      model_source_(std::move(model_source)) {
  ticker_ = std::thread([this] { TickerLoop(); });
}

EngineHost::~EngineHost() { StopTicker(); }

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
    const absl::Time next = engine_->NextDeadline();
    if (next <= now) {
      // Escalations and offer timeouts; not under our lock, so that a
      // shutdown does not wait for a long Tick to notice.
      ticker_mu_.Unlock();
      engine_->Tick();
      ticker_mu_.Lock();
      continue;
    }
    // Wake at the next deadline, at the latest after tick_interval: a
    // contact submitted meanwhile may bring a sooner one.
    ticker_mu_.AwaitWithDeadline(absl::Condition(&stop_ticker_),
                                 std::min(next, now + options_.tick_interval));
  }
}

absl::StatusOr<HostInfo> EngineHost::Reload(const std::string& config_path,
                                            const std::string& model_path) {
  absl::MutexLock reload_lock(&reload_mu_);
  const std::string path =
      config_path.empty() ? options_.config_path : config_path;
  absl::StatusOr<ServiceConfig> config = LoadServiceConfigFile(path);
  if (!config.ok()) return config.status();
  const absl::Duration text_retention = config->engine.retention.contact_text;
  ReloadOptions reload;
  reload.config = std::move(config->engine);
  if (!model_path.empty()) {
    absl::StatusOr<std::shared_ptr<const Classifier>> model =
        LoadModel(model_path);
    if (!model.ok()) return model.status();
    reload.classifier = *std::move(model);
  }
  if (absl::Status s = engine_->Reload(std::move(reload)); !s.ok()) return s;
  if (journal_ != nullptr) journal_->set_text_retention(text_retention);
  {
    absl::MutexLock lock(&info_mu_);
    config_path_ = path;
    if (!model_path.empty()) model_source_ = model_path;
  }
  return Info();
}

HostInfo EngineHost::Info() const {
  const EngineInfo engine = engine_->Info();
  HostInfo info;
  info.version = SWITCHBOARD_VERSION;
  info.generation = engine.generation;
  info.loaded_at = engine.loaded_at;
  info.started_at = started_at_;
  {
    absl::MutexLock lock(&info_mu_);
    info.config_path = config_path_;
    info.model_source = model_source_;
  }
  info.model_labels = engine.model_labels;
  info.departments = static_cast<int>(engine.departments);
  info.queues = static_cast<int>(engine.queues);
  info.rules = static_cast<int>(engine.rules);
  info.agents = static_cast<int>(engine.agents);
  if (journal_ != nullptr) {
    info.journal = recovery_;
    info.journal->stats = journal_->stats();
  }
  return info;
}

}  // namespace switchboard::server
