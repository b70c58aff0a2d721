// Copyright 2026 The Switchboard Authors.
//
// file_system.h: the file operations the journal's writer makes, behind a
// small interface (as leveldb's Env), so that a test can make any of them
// fail (tests/journal/fault_injection.h) and check what the journal and
// the engine promise then.
//
//   journal::JournalOptions jo;
//   jo.dir = dir;
//   jo.file_system = &my_file_system;  // Default (null): PosixFileSystem().
//
// Every error is an absl::Status (UNAVAILABLE naming the file and the
// system error, for the POSIX one). Reading the journal back at Open
// (log_reader.h's ReadJournal) uses the real files directly: the seam
// covers what is written.
//
// Implementations must be thread-safe: the journal's writer thread calls
// them, and Open and the destructor call them on the caller's thread.

#ifndef SWITCHBOARD_JOURNAL_FILE_SYSTEM_H_
#define SWITCHBOARD_JOURNAL_FILE_SYSTEM_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace switchboard::journal {

// A file open for appending. Not thread-safe: one owner at a time.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  // Writes all of `data` at the end (write(2), repeated until done).
  virtual absl::Status Append(absl::string_view data) = 0;
  // Makes what was appended durable (fdatasync(2)).
  virtual absl::Status Sync() = 0;
  // Closes the file; later calls fail. The destructor closes too.
  virtual absl::Status Close() = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Creates `path` for writing: when `exclusive`, fails if it exists
  // (O_EXCL, a new segment); otherwise truncates it (a rewrite's copy).
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path, bool exclusive) = 0;
  // The whole content of `path`.
  virtual absl::StatusOr<std::string> ReadFile(const std::string& path) = 0;
  // Atomically replaces `to` by `from` (rename(2)).
  virtual absl::Status Rename(const std::string& from,
                              const std::string& to) = 0;
  // Removes a file; OK when it does not exist.
  virtual absl::Status Remove(const std::string& path) = 0;
  // Creates `dir` and its parents; OK when it exists.
  virtual absl::Status CreateDirs(const std::string& dir) = 0;
  // The names (not paths) of the entries of `dir`.
  virtual absl::StatusOr<std::vector<std::string>> List(
      const std::string& dir) = 0;
  // Makes the directory's entries durable (fsync(2) on the directory):
  // after a create or a rename.
  virtual absl::Status SyncDir(const std::string& dir) = 0;
};

// The real one (POSIX calls). A process-wide singleton, never destroyed.
FileSystem* PosixFileSystem();

}  // namespace switchboard::journal

#endif  // SWITCHBOARD_JOURNAL_FILE_SYSTEM_H_
