// Copyright 2026 The Switchboard Authors.
//
// admin_files.h: which files the Admin calls may make the server read.
//
// Admin.Reload, CreateTenant and UpdateTenant name configuration and model
// files on the server. Only files inside the configuration directories are
// read (serve --config-dir DIR[:DIR...]; by default the --tenants-dir, else
// the directory of --config): a relative path is taken from the first of
// them; a path with a ".." component, an absolute path elsewhere and a path
// whose symbolic links lead out of every directory are refused, naming the
// path. So a caller of the Admin service cannot make the server read
// /etc/shadow, or a key beside the journal, as a "configuration".

#ifndef SWITCHBOARD_SERVICES_SERVER_ADMIN_FILES_H_
#define SWITCHBOARD_SERVICES_SERVER_ADMIN_FILES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace switchboard::server {

// The file `path` names (request field `field`, e.g. "config_path"), when
// it is inside one of `dirs`: its real path (symbolic links resolved).
// "" for "" (the call's default). Errors, each naming the field and path:
// INVALID_ARGUMENT for a ".." component; NOT_FOUND when it does not exist;
// PERMISSION_DENIED outside every directory (or led out by a link).
absl::StatusOr<std::string> AdminFile(absl::string_view field,
                                      const std::string& path,
                                      const std::vector<std::string>& dirs);

// The directories of `serve --config-dir`: `flag` split at ':' when given,
// else `tenants_dir`, else the directory of `config_path` ("." for a bare
// file name).
std::vector<std::string> AdminFileDirs(absl::string_view flag,
                                       const std::string& tenants_dir,
                                       const std::string& config_path);

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_ADMIN_FILES_H_
