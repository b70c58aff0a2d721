// Copyright 2026 The Switchboard Authors.

#include "switchboard/journal/file_system.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace switchboard::journal {
namespace fs = std::filesystem;
namespace {

absl::Status IoError(absl::string_view what, const std::string& path,
                     int error) {
  return absl::UnavailableError(
      absl::StrCat("journal: ", what, " ", path, ": ", std::strerror(error)));
}

absl::Status FsError(absl::string_view what, const std::string& path,
                     const std::error_code& ec) {
  return absl::UnavailableError(
      absl::StrCat("journal: ", what, " ", path, ": ", ec.message()));
}

class PosixWritableFile : public WritableFile {
 public:
  PosixWritableFile(int fd, std::string path)
      : fd_(fd), path_(std::move(path)) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }

  absl::Status Append(absl::string_view data) override {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError("cannot write", path_, errno);
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return absl::OkStatus();
  }

  absl::Status Sync() override {
    if (::fdatasync(fd_) != 0) return IoError("cannot sync", path_, errno);
    return absl::OkStatus();
  }

  absl::Status Close() override {
    if (fd_ < 0) return absl::OkStatus();
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) return IoError("cannot close", path_, errno);
    return absl::OkStatus();
  }

 private:
  int fd_;
  const std::string path_;
};

class PosixFs : public FileSystem {
 public:
  absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path, bool exclusive) override {
    const int flags =
        O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC);
    const int fd = ::open(path.c_str(), flags, 0600);
    if (fd < 0) return IoError("cannot create", path, errno);
    return std::make_unique<PosixWritableFile>(fd, path);
  }

  absl::StatusOr<std::string> ReadFile(const std::string& path) override {
    std::ifstream in(path, std::ios::binary);
    if (!in) return IoError("cannot read", path, errno);
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return IoError("cannot read", path, errno);
    return content.str();
  }

  absl::Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return IoError("cannot replace", to, errno);
    }
    return absl::OkStatus();
  }

  absl::Status Remove(const std::string& path) override {
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) return FsError("cannot remove", path, ec);
    return absl::OkStatus();
  }

  absl::Status CreateDirs(const std::string& dir) override {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return FsError("cannot create directory", dir, ec);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> List(
      const std::string& dir) override {
    std::error_code ec;
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
      names.push_back(e.path().filename().string());
    }
    if (ec) return FsError("cannot list", dir, ec);
    return names;
  }

  absl::Status SyncDir(const std::string& dir) override {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return IoError("cannot open directory", dir, errno);
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0) return IoError("cannot sync directory", dir, error);
    return absl::OkStatus();
  }
};

}  // namespace

FileSystem* PosixFileSystem() {
  static FileSystem* const fs = new PosixFs();
  return fs;
}

}  // namespace switchboard::journal
