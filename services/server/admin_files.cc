// Copyright 2026 The Switchboard Authors.

#include "server/admin_files.h"

#include <limits.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace switchboard::server {
namespace {

// The real path of `path` (realpath(3)), or the errno it failed with.
absl::StatusOr<std::string> RealPath(const std::string& path) {
  char buffer[PATH_MAX];
  if (realpath(path.c_str(), buffer) == nullptr) {
    return absl::ErrnoToStatus(errno, path);
  }
  return std::string(buffer);
}

// Whether `path` is `dir` itself or below it (both real paths).
bool Within(absl::string_view path, absl::string_view dir) {
  if (dir == "/") return absl::StartsWith(path, "/");
  return path == dir ||
         (absl::StartsWith(path, dir) && path.size() > dir.size() &&
          path[dir.size()] == '/');
}

}  // namespace

absl::StatusOr<std::string> AdminFile(absl::string_view field,
                                      const std::string& path,
                                      const std::vector<std::string>& dirs) {
  if (path.empty()) return std::string();
  for (absl::string_view part : absl::StrSplit(path, '/')) {
    if (part == "..") {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": ", path, ": a path with \"..\" is refused (name a file "
          "inside the configuration directories: ",
          absl::StrJoin(dirs, ", "), ")"));
    }
  }
  if (dirs.empty()) {
    return absl::PermissionDeniedError(absl::StrCat(
        field, ": ", path, ": the server reads no files for Admin calls"));
  }
  const std::string candidate =
      absl::StartsWith(path, "/") ? path : absl::StrCat(dirs.front(), "/", path);
  absl::StatusOr<std::string> real = RealPath(candidate);
  if (!real.ok()) {
    if (absl::IsNotFound(real.status())) {
      return absl::NotFoundError(
          absl::StrCat(field, ": ", path, " does not exist"));
    }
    return absl::PermissionDeniedError(
        absl::StrCat(field, ": ", path, ": ", real.status().message()));
  }
  bool lexically_inside = false;
  for (const std::string& dir : dirs) {
    absl::StatusOr<std::string> real_dir = RealPath(dir);
    if (!real_dir.ok()) continue;
    if (Within(*real, *real_dir)) return *real;
    lexically_inside |= Within(candidate, dir) || Within(candidate, *real_dir);
  }
  if (lexically_inside) {
    return absl::PermissionDeniedError(absl::StrCat(
        field, ": ", path, " leads outside the configuration directories (",
        absl::StrJoin(dirs, ", "), ") through a symbolic link, to ", *real));
  }
  return absl::PermissionDeniedError(absl::StrCat(
      field, ": ", path, " is outside the configuration directories (",
      absl::StrJoin(dirs, ", "),
      "); the server reads Admin files only there (serve --config-dir)"));
}

std::vector<std::string> AdminFileDirs(absl::string_view flag,
                                       const std::string& tenants_dir,
                                       const std::string& config_path) {
  if (!flag.empty()) {
    return absl::StrSplit(flag, ':', absl::SkipEmpty());
  }
  if (!tenants_dir.empty()) return {tenants_dir};
  const size_t slash = config_path.rfind('/');
  if (slash == std::string::npos) return {"."};
  if (slash == 0) return {"/"};
  return {config_path.substr(0, slash)};
}

}  // namespace switchboard::server
