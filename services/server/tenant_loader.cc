// Copyright 2026 The Switchboard Authors.

#include "server/tenant_loader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "convert/config_convert.h"
#include "switchboard/classify/dataset.h"

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

}  // namespace

absl::StatusOr<SipHashKey> LoadOrCreateKey(const std::string& path) {
  std::ifstream in(path);
  if (in) {
    std::string hex;
    in >> hex;
    if (hex.size() != 32 || !absl::c_all_of(hex, absl::ascii_isxdigit)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "customer key file ", path,
          ": expected 32 hex digits (16 bytes), found ", hex.size(),
          " characters"));
    }
    return SipHashKeyFromBytes(absl::HexStringToBytes(hex));
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

absl::StatusOr<LoadedTenant> LoadTenantFiles(const TenantFiles& files) {
  if (files.config_path.empty()) {
    return absl::InvalidArgumentError("no configuration file given");
  }
  absl::StatusOr<ServiceConfig> config =
      LoadServiceConfigFile(files.config_path);
  if (!config.ok()) return config.status();
  LoadedTenant loaded;
  if (!files.model_path.empty()) {
    absl::StatusOr<std::shared_ptr<const Classifier>> model =
        LoadModel(files.model_path);
    if (!model.ok()) return model.status();
    loaded.options.engine.classifier = *std::move(model);
    loaded.model_source = files.model_path;
  } else if (!config->training_data.empty() || files.require_model) {
    absl::StatusOr<std::shared_ptr<const Classifier>> model =
        TrainModel(*config, files.config_path, config->label_column);
    if (!model.ok()) return model.status();
    loaded.options.engine.classifier = *std::move(model);
    loaded.model_source =
        absl::StrCat("trained from ", config->training_data, " at start-up");
  } else {
    loaded.model_source = "none (rules only)";
  }
  if (!files.type_model_path.empty() || !config->type_column.empty()) {
    absl::StatusOr<std::shared_ptr<const Classifier>> t =
        files.type_model_path.empty()
            ? TrainModel(*config, files.config_path, config->type_column)
            : LoadModel(files.type_model_path);
    if (!t.ok()) {
      return absl::Status(t.status().code(),
                          absl::StrCat("contact-type model: ",
                                       t.status().message()));
    }
    loaded.options.engine.type_classifier = *std::move(t);
  }
  std::string key_file = files.customer_key_file;
  if (key_file.empty() && !files.journal_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(files.journal_dir, ec);
    if (ec) {
      return absl::InternalError(absl::StrCat("cannot create journal directory ",
                                              files.journal_dir, ": ",
                                              ec.message()));
    }
    key_file =
        (std::filesystem::path(files.journal_dir) / "customer.key").string();
  }
  if (!key_file.empty()) {
    absl::StatusOr<SipHashKey> key = LoadOrCreateKey(key_file);
    if (!key.ok()) return key.status();
    loaded.options.engine.customer_key = *key;
  }
  if (!files.journal_dir.empty()) {
    journal::JournalOptions jo;
    jo.dir = files.journal_dir;
    jo.sync = files.journal_sync;
    jo.sync_interval = files.journal_sync_interval;
    jo.repair = files.journal_repair;
    loaded.options.journal = jo;
  }
  loaded.options.engine.config = std::move(config->engine);
  loaded.options.engine.finished_retention = files.finished_retention;
  // The services acknowledge through Durability instead of blocking.
  loaded.options.engine.wait_for_journal = false;
  loaded.options.limits = config->limits;
  return loaded;
}

absl::StatusOr<TenantUpdate> LoadTenantUpdate(
    const std::string& config_path, const std::string& model_path,
    const std::string& type_model_path) {
  absl::StatusOr<ServiceConfig> config = LoadServiceConfigFile(config_path);
  if (!config.ok()) return config.status();
  TenantUpdate update;
  update.reload.emplace();
  update.reload->config = std::move(config->engine);
  update.limits = config->limits;
  if (!model_path.empty()) {
    absl::StatusOr<std::shared_ptr<const Classifier>> model =
        LoadModel(model_path);
    if (!model.ok()) return model.status();
    update.reload->classifier = *std::move(model);
  }
  if (!type_model_path.empty()) {
    absl::StatusOr<std::shared_ptr<const Classifier>> model =
        LoadModel(type_model_path);
    if (!model.ok()) {
      return absl::Status(model.status().code(),
                          absl::StrCat("contact-type model: ",
                                       model.status().message()));
    }
    update.reload->type_classifier = *std::move(model);
  }
  return update;
}

}  // namespace switchboard::server
