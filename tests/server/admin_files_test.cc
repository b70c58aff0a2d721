// Copyright 2026 The Switchboard Authors.
//
// The files Admin calls may name (services/server/admin_files.h): a table
// of paths -> the status, over a directory tree made by the test (with a
// symbolic link out of it, and one that stays inside).

#include "server/admin_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace switchboard::server {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class AdminFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = absl::StrCat(::testing::TempDir(), "admin_files_", getpid());
    fs::remove_all(root_);
    fs::create_directories(root_ + "/configs/sub");
    fs::create_directories(root_ + "/models");
    fs::create_directories(root_ + "/secret");
    for (const char* f : {"/configs/a.textproto", "/configs/sub/b.textproto",
                          "/models/m.model", "/secret/key"}) {
      std::ofstream(root_ + f) << "x";
    }
    fs::create_symlink(root_ + "/secret/key", root_ + "/configs/out.textproto");
    fs::create_symlink(root_ + "/configs/a.textproto",
                       root_ + "/configs/in.textproto");
    fs::create_symlink(root_ + "/secret", root_ + "/configs/secretdir");
    dirs_ = {root_ + "/configs", root_ + "/models"};
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string root_;
  std::vector<std::string> dirs_;
};

TEST_F(AdminFileTest, OnlyFilesInsideTheDirectoriesAreRead) {
  struct Row {
    std::string path;
    absl::StatusCode code;
    std::string message_part;  // For errors.
  };
  const std::string c = root_ + "/configs";
  const std::vector<Row> rows = {
      {"", absl::StatusCode::kOk, ""},
      {"a.textproto", absl::StatusCode::kOk, ""},  // From the first dir.
      {"sub/b.textproto", absl::StatusCode::kOk, ""},
      {c + "/a.textproto", absl::StatusCode::kOk, ""},
      {root_ + "/models/m.model", absl::StatusCode::kOk, ""},
      {"in.textproto", absl::StatusCode::kOk, ""},  // A link that stays.
      {"../secret/key", absl::StatusCode::kInvalidArgument,
       "a path with \"..\" is refused"},
      {c + "/sub/../a.textproto", absl::StatusCode::kInvalidArgument, ".."},
      {root_ + "/secret/key", absl::StatusCode::kPermissionDenied,
       "is outside the configuration directories"},
      {"/etc/passwd", absl::StatusCode::kPermissionDenied,
       "/etc/passwd is outside the configuration directories"},
      {"out.textproto", absl::StatusCode::kPermissionDenied,
       "leads outside the configuration directories (" + c},
      {"secretdir/key", absl::StatusCode::kPermissionDenied,
       "through a symbolic link, to " + root_ + "/secret/key"},
      {"missing.textproto", absl::StatusCode::kNotFound,
       "missing.textproto does not exist"},
      {"/nonexistent/x", absl::StatusCode::kNotFound, "does not exist"},
  };
  for (const Row& row : rows) {
    absl::StatusOr<std::string> file = AdminFile("config_path", row.path, dirs_);
    EXPECT_EQ(file.status().code(), row.code) << row.path << ": " << file.status();
    if (!file.ok()) {
      EXPECT_THAT(file.status().message(), HasSubstr("config_path: "));
      EXPECT_THAT(file.status().message(), HasSubstr(row.path));
      EXPECT_THAT(file.status().message(), HasSubstr(row.message_part));
    }
  }
  // A file found is its real path (links resolved).
  EXPECT_EQ(*AdminFile("model_path", "in.textproto", dirs_),
            fs::canonical(root_ + "/configs/a.textproto").string());
}

TEST(AdminFileDirsTest, TheFlagElseTheTenantsDirElseTheConfigFilesDir) {
  EXPECT_EQ(AdminFileDirs("/a:/b", "/t", "/c/config.textproto"),
            (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(AdminFileDirs("", "/t", ""), (std::vector<std::string>{"/t"}));
  EXPECT_EQ(AdminFileDirs("", "", "data/sample/config.textproto"),
            (std::vector<std::string>{"data/sample"}));
  EXPECT_EQ(AdminFileDirs("", "", "config.textproto"),
            (std::vector<std::string>{"."}));
  EXPECT_EQ(AdminFileDirs("", "", "/config.textproto"),
            (std::vector<std::string>{"/"}));
}

}  // namespace
}  // namespace switchboard::server
