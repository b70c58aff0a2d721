// Copyright 2026 The Switchboard Authors.
//
// fault_injection.h: a journal::FileSystem over the real one that fails the
// operations a test tells it to (as leveldb's FaultInjectionTestEnv does),
// for tests of what the journal and the engine promise when the disk fails.
//
//   test_util::FaultInjectionFileSystem fs;
//   jo.file_system = &fs;
//   ...
//   fs.FailAppends(absl::UnavailableError("disk full"));  // From now on.
//   fs.Heal();                                            // The disk is back.
//
// Thread-safe (the journal's writer thread calls it).

#ifndef SWITCHBOARD_TESTS_JOURNAL_FAULT_INJECTION_H_
#define SWITCHBOARD_TESTS_JOURNAL_FAULT_INJECTION_H_

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "switchboard/journal/file_system.h"

namespace switchboard::test_util {

class FaultInjectionFileSystem : public journal::FileSystem {
 public:
  FaultInjectionFileSystem() : base_(journal::PosixFileSystem()) {}

  // Every Append from now on fails with `error`. With `torn_bytes` > 0 the
  // first failing Append writes that many bytes of its data first (a torn
  // record, as a crash mid-write leaves).
  void FailAppends(absl::Status error, size_t torn_bytes = 0) {
    absl::MutexLock lock(&mu_);
    append_error_ = std::move(error);
    torn_bytes_ = torn_bytes;
  }
  // Every Sync from now on fails with `error`.
  void FailSyncs(absl::Status error) {
    absl::MutexLock lock(&mu_);
    sync_error_ = std::move(error);
  }
  // Every NewWritableFile / Rename from now on fails with `error`.
  void FailCreates(absl::Status error) {
    absl::MutexLock lock(&mu_);
    create_error_ = std::move(error);
  }
  // Everything works again.
  void Heal() {
    absl::MutexLock lock(&mu_);
    append_error_ = sync_error_ = create_error_ = absl::OkStatus();
    torn_bytes_ = 0;
  }

  // How many calls failed because of an injected error.
  int injected_failures() const {
    absl::MutexLock lock(&mu_);
    return injected_failures_;
  }
  // Successful Append calls so far.
  int appends() const {
    absl::MutexLock lock(&mu_);
    return appends_;
  }

  absl::StatusOr<std::unique_ptr<journal::WritableFile>> NewWritableFile(
      const std::string& path, bool exclusive) override {
    if (absl::Status s = Injected(&FaultInjectionFileSystem::create_error_);
        !s.ok()) {
      return s;
    }
    absl::StatusOr<std::unique_ptr<journal::WritableFile>> f =
        base_->NewWritableFile(path, exclusive);
    if (!f.ok()) return f.status();
    return std::make_unique<File>(this, *std::move(f));
  }
  absl::StatusOr<std::string> ReadFile(const std::string& path) override {
    return base_->ReadFile(path);
  }
  absl::Status Rename(const std::string& from, const std::string& to) override {
    if (absl::Status s = Injected(&FaultInjectionFileSystem::create_error_);
        !s.ok()) {
      return s;
    }
    return base_->Rename(from, to);
  }
  absl::Status Remove(const std::string& path) override {
    return base_->Remove(path);
  }
  absl::Status CreateDirs(const std::string& dir) override {
    return base_->CreateDirs(dir);
  }
  absl::StatusOr<std::vector<std::string>> List(
      const std::string& dir) override {
    return base_->List(dir);
  }
  absl::Status SyncDir(const std::string& dir) override {
    if (absl::Status s = Injected(&FaultInjectionFileSystem::sync_error_);
        !s.ok()) {
      return s;
    }
    return base_->SyncDir(dir);
  }

 private:
  class File : public journal::WritableFile {
   public:
    File(FaultInjectionFileSystem* fs,
         std::unique_ptr<journal::WritableFile> base)
        : fs_(fs), base_(std::move(base)) {}
    absl::Status Append(absl::string_view data) override {
      size_t torn = 0;
      absl::Status error;
      {
        absl::MutexLock lock(&fs_->mu_);
        error = fs_->append_error_;
        if (error.ok()) {
          ++fs_->appends_;
        } else {
          ++fs_->injected_failures_;
          torn = std::min(fs_->torn_bytes_, data.size());
          fs_->torn_bytes_ = 0;  // Only the first failure tears.
        }
      }
      if (error.ok()) return base_->Append(data);
      if (torn > 0) (void)base_->Append(data.substr(0, torn));
      return error;
    }
    absl::Status Sync() override {
      if (absl::Status s =
              fs_->Injected(&FaultInjectionFileSystem::sync_error_);
          !s.ok()) {
        return s;
      }
      return base_->Sync();
    }
    absl::Status Close() override { return base_->Close(); }

   private:
    FaultInjectionFileSystem* const fs_;
    std::unique_ptr<journal::WritableFile> base_;
  };

  absl::Status Injected(absl::Status FaultInjectionFileSystem::*which) {
    absl::MutexLock lock(&mu_);
    const absl::Status& s = this->*which;
    if (!s.ok()) ++injected_failures_;
    return s;
  }

  journal::FileSystem* const base_;
  mutable absl::Mutex mu_;
  absl::Status append_error_ ABSL_GUARDED_BY(mu_);
  absl::Status sync_error_ ABSL_GUARDED_BY(mu_);
  absl::Status create_error_ ABSL_GUARDED_BY(mu_);
  size_t torn_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  int injected_failures_ ABSL_GUARDED_BY(mu_) = 0;
  int appends_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace switchboard::test_util

#endif  // SWITCHBOARD_TESTS_JOURNAL_FAULT_INJECTION_H_
