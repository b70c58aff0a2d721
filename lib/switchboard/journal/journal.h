// Copyright 2026 The Switchboard Authors.
//
// journal.h: the write-ahead journal. Every change the engine accepts is
// appended here before the call that made it returns OK, so that a crash
// loses nothing acknowledged; on start the journal is read back into the
// engine (Engine::Replay) before anything new is taken.
//
//   journal::JournalOptions jo;
//   jo.dir = "/var/lib/switchboard/journal";
//   auto journal = std::make_unique<journal::Journal>(jo);
//   EngineOptions eo;  eo.journal = journal.get();  ...
//   auto engine = Engine::Create(std::move(eo));
//   absl::StatusOr<journal::ReadReport> read = journal->Open(
//       [&](const journal::Record& r) { (*engine)->Replay(r); return ok; });
//   // now serve: each Submit / Accept / ... returns once its record is
//   // durable.
//
// Group commit: callers append under the engine's lock (a memcpy into a
// buffer, no I/O); one writer thread takes the whole buffer, computes the
// checksums, writes it with one write() and, under SyncPolicy::kEveryBatch,
// one fdatasync(), then releases every caller whose record was in it. Under
// load a batch holds many records, so one disk flush serves them all.
//
// SyncPolicy::kInterval(window) releases callers once their batch is
// written to the operating system (it survives the process being killed)
// and flushes to disk every `sync_interval`: a power failure can lose the
// last window of acknowledged changes. kEveryBatch loses nothing
// acknowledged.
//
// Data minimisation: contact text older than `text_retention` (counted from
// the contact's receipt) is removed from closed segments by rewriting them
// (write a copy without the text, fsync, rename); routing and timing
// records stay. Segments close at `segment_bytes` or `segment_age`, so text
// is gone from disk within text_retention + segment_age.
//
// File operations: every file the writer touches goes through
// JournalOptions::file_system (file_system.h; default the POSIX one), an
// Env-style seam as in leveldb, so tests inject failures
// (tests/journal/fault_injection.h). A failure stops the journal for good
// (see health()).
//
// Thread-safe.

#ifndef SWITCHBOARD_JOURNAL_JOURNAL_H_
#define SWITCHBOARD_JOURNAL_JOURNAL_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "switchboard/clock.h"
#include "switchboard/journal/file_system.h"
#include "switchboard/journal/log_reader.h"
#include "switchboard/journal/record.h"

namespace switchboard::journal {

enum class SyncPolicy {
  kEveryBatch,  // fdatasync before releasing a batch's callers.
  kInterval,    // Release after write(); fdatasync every sync_interval.
};

struct JournalOptions {
  std::string dir;  // Created if missing.
  SyncPolicy sync = SyncPolicy::kEveryBatch;
  absl::Duration sync_interval = absl::Milliseconds(10);
  uint64_t segment_bytes = 64u << 20;
  absl::Duration segment_age = absl::Hours(1);
  // Contact text on disk is purged this long after the contact was
  // received. InfiniteDuration(): kept.
  absl::Duration text_retention = absl::InfiniteDuration();
  bool repair = false;  // See ReadOptions::repair.
  // How often the writer, when idle, closes an old segment and purges
  // text.
  absl::Duration housekeeping = absl::Seconds(1);
  Clock* clock = nullptr;  // Default: SystemClock().
  // Every file the writer creates, writes, syncs, renames or removes goes
  // through this (file_system.h), so that a test can make any of them
  // fail. Not owned; must outlive the journal. Default (null):
  // PosixFileSystem().
  FileSystem* file_system = nullptr;
};

struct JournalStats {
  uint64_t records = 0;   // Appended since Open.
  uint64_t bytes = 0;     // Written since Open.
  uint64_t batches = 0;   // write() calls.
  uint64_t syncs = 0;     // fdatasync() calls.
  uint64_t segments = 0;  // Segments now on disk.
  uint64_t texts_purged = 0;  // Contact texts removed from closed segments.
  uint64_t purge_failures = 0;  // Rewrites that failed (retried later).
  std::string last_purge_error;
  // Housekeeping passes over the closed segments (the text purge) the
  // writer has finished, and the clock's instant the last one ran with
  // (InfinitePast() before the first). What a pass purged is counted in
  // texts_purged before the pass is: a test waits for a pass that ran at
  // or after an instant, then checks what it did.
  uint64_t housekeeping_passes = 0;
  absl::Time last_housekeeping = absl::InfinitePast();
};

class Journal {
 public:
  explicit Journal(JournalOptions options);
  // Writes out and syncs what was appended, then stops the writer.
  ~Journal();

  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Reads the existing segments (ReadJournal: a torn tail is cut and
  // reported), then starts a new segment and the writer thread. Call once,
  // before any Append.
  absl::StatusOr<ReadReport> Open(
      absl::FunctionRef<absl::Status(const Record&)> on_record);

  // Appends one record: `encode` appends its payload (record.h's Encode*)
  // to the string it is given. Returns the record's sequence number (1, 2,
  // ...). Cheap and never blocks on I/O; called under the engine's lock,
  // which fixes the journal's order. `text_received`: for a submit record
  // that holds text, the contact's receipt (for the text purge).
  uint64_t Append(RecordType type,
                  absl::FunctionRef<void(std::string*)> encode,
                  absl::Time text_received = absl::InfinitePast());

  // The sequence number of the last record appended so far.
  uint64_t appended() const;

  // OK, or the error that stopped the journal writing. Sticky: after a
  // failed write, sync, segment roll or directory sync the journal writes
  // nothing more, and every WaitDurable / OnDurable of a record not yet
  // durable gets this error. It does not retry, because what was appended
  // after the last durable record is lost, and its users (the engine) have
  // already applied it: a record written after the lost ones could refer
  // to them (an accept of a contact whose submit is gone). The way back is
  // a restart: a new Journal on the same directory reads back what is
  // durable (a torn last record is cut) and writes a new segment.
  absl::Status health() const;

  // Blocks until record `seq` is durable (see SyncPolicy); the journal's
  // error (UNAVAILABLE naming the file and the system error) when writing
  // failed: then nothing after the failure is durable, and every later
  // wait fails too. A record that was durable before the failure stays
  // durable: waiting for it returns OK, before or after the failure.
  absl::Status WaitDurable(uint64_t seq);
  // Calls `done` (on the writer thread, or at once on this one when `seq`
  // is durable already) with what WaitDurable would return. Callbacks run
  // in sequence order; keep them short.
  void OnDurable(uint64_t seq, std::function<void(absl::Status)> done);

  void set_text_retention(absl::Duration d);
  JournalStats stats() const;
  const JournalOptions& options() const { return options_; }

 private:
  void Run();
  absl::Status OpenSegment(uint64_t number);
  absl::Status WriteBatch(std::string& batch);
  void Complete(uint64_t last, const absl::Status& status);
  void MaybeRoll(absl::Time now);
  void PurgeTexts(absl::Time now);
  absl::Status RewriteWithoutText(SegmentInfo& seg, absl::Time cutoff);

  const JournalOptions options_;
  Clock* const clock_;
  FileSystem* const fs_;

  mutable absl::Mutex mu_;
  std::string buffer_ ABSL_GUARDED_BY(mu_);
  uint64_t appended_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t durable_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status failed_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> has_failed_{false};
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool open_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time buffer_newest_text_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::vector<std::pair<uint64_t, std::function<void(absl::Status)>>> waiting_
      ABSL_GUARDED_BY(mu_);
  absl::Duration text_retention_ ABSL_GUARDED_BY(mu_);
  JournalStats stats_ ABSL_GUARDED_BY(mu_);

  // Writer thread only (and Open before it starts, the destructor after
  // it stops).
  std::unique_ptr<WritableFile> file_;
  SegmentInfo current_;
  absl::Time current_opened_;
  absl::Time last_sync_;
  bool unsynced_ = false;
  absl::Time last_purge_ = absl::InfinitePast();
  std::vector<SegmentInfo> closed_;
  std::thread writer_;
};

}  // namespace switchboard::journal

#endif  // SWITCHBOARD_JOURNAL_JOURNAL_H_
