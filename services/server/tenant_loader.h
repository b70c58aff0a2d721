// Copyright 2026 The Switchboard Authors.
//
// tenant_loader.h: one tenant's files -> the library's TenantOptions. The
// configuration file (text format, or JSON), the models beside it or
// trained from the configuration's `training` section, the customer-key
// file and the journal directory.
//
//   TenantFiles files;
//   files.config_path = "tenants/gemeente-a.textproto";
//   files.journal_dir = "/var/lib/switchboard/gemeente-a";
//   absl::StatusOr<LoadedTenant> loaded = LoadTenantFiles(files);
//   host.CreateTenant("gemeente-a", std::move(loaded->options));
//
// Errors name the file: NOT_FOUND for a missing one, INVALID_ARGUMENT for
// a bad one, FAILED_PRECONDITION when a model is required and there is
// neither one nor training data.

#ifndef SWITCHBOARD_SERVICES_SERVER_TENANT_LOADER_H_
#define SWITCHBOARD_SERVICES_SERVER_TENANT_LOADER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/journal/journal.h"
#include "switchboard/tenant/tenant.h"
#include "switchboard/tenant/tenant_host.h"
#include "switchboard/util/siphash.h"

namespace switchboard::server {

struct TenantFiles {
  std::string config_path;  // Required.
  // A model written by `switchboard train`. Empty: trained from the
  // configuration's training data when it names any; else an error when
  // `require_model`, rules only otherwise.
  std::string model_path;
  bool require_model = false;
  // A contact-type model. Empty: trained when the training section names
  // a type_column, else the rule cues decide.
  std::string type_model_path;
  // The customer-pseudonym key file (32 hex digits, created 0600 with a
  // random key when missing). Empty: <journal_dir>/customer.key with a
  // journal, else a random key for this process.
  std::string customer_key_file;
  // The tenant's journal directory; empty: no journal.
  std::string journal_dir;
  journal::SyncPolicy journal_sync = journal::SyncPolicy::kEveryBatch;
  absl::Duration journal_sync_interval = absl::Milliseconds(10);
  bool journal_repair = false;
  absl::Duration finished_retention = absl::Hours(1);
};

struct LoadedTenant {
  TenantOptions options;
  // The model file, "trained from FILE at start-up", or "none (rules
  // only)".
  std::string model_source;
};

absl::StatusOr<LoadedTenant> LoadTenantFiles(const TenantFiles& files);

// A new configuration (and, for a non-empty path, model) for
// TenantHost::UpdateTenant; the configuration's tenant_limits too.
absl::StatusOr<TenantUpdate> LoadTenantUpdate(
    const std::string& config_path, const std::string& model_path,
    const std::string& type_model_path);

// The customer-pseudonym key from `path` (32 hex digits), or a new random
// one written there (0600) when the file does not exist.
absl::StatusOr<SipHashKey> LoadOrCreateKey(const std::string& path);

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_TENANT_LOADER_H_
