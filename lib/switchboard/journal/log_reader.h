// Copyright 2026 The Switchboard Authors.
//
// log_reader.h: reading a journal back, checking every record.
//
//   ScanSegment: one segment's bytes -> its records, stopping at the first
//     frame that is torn (runs past the end) or corrupt (bad checksum, bad
//     length, a payload that does not decode). Pure: no files; the fuzz
//     target drives it.
//   ReadJournal: every segment of a directory, in order. A bad tail of the
//     LAST segment is what a crash leaves: it is reported and cut (the file
//     is truncated to its last good record), never replayed. Damage in an
//     earlier segment is not a crash's work: DATA_LOSS naming the file and
//     offset, unless `repair` is set, which cuts there and sets the later
//     segments aside as *.corrupt.

#ifndef SWITCHBOARD_JOURNAL_LOG_READER_H_
#define SWITCHBOARD_JOURNAL_LOG_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/journal/record.h"

namespace switchboard::journal {

struct SegmentScan {
  uint64_t good_bytes = 0;  // Length of the valid prefix (header included).
  uint64_t records = 0;     // Good records in it.
  bool torn = false;        // The bad tail is an incomplete frame.
  bool stopped = false;     // `on_record` returned an error (the problem).
  // OK when every byte was a good record; otherwise DATA_LOSS saying what
  // is wrong at offset good_bytes.
  absl::Status problem;
};

// `on_record` sees each good record in order; an error from it stops the
// scan and is returned as the problem (at that record's offset).
SegmentScan ScanSegment(absl::string_view data,
                        absl::FunctionRef<absl::Status(const Record&)> on_record);

// The segment file name for `number`: journal-0000000042.log.
std::string SegmentName(uint64_t number);
// The number of a segment file name; 0 when `name` is not one.
uint64_t ParseSegmentName(absl::string_view name);

// What one segment holds, for the writer's text purge.
struct SegmentInfo {
  uint64_t number = 0;
  std::string path;
  uint64_t bytes = 0;
  // The newest `received` of a submit record that still holds text;
  // InfinitePast() when none does.
  absl::Time newest_text = absl::InfinitePast();
};

struct ReadOptions {
  std::string dir;
  // Cut at damage in any segment (see above) instead of refusing.
  bool repair = false;
};

struct ReadReport {
  std::vector<SegmentInfo> segments;  // In order, after any cut.
  uint64_t records = 0;
  uint64_t bytes = 0;
  uint64_t cut_bytes = 0;  // Bytes removed from bad tails.
  // One line per problem found and what was done about it.
  std::vector<std::string> problems;
};

// Reads every segment of `options.dir` (which must exist; an empty
// directory is an empty journal). `on_record` errors abort the read.
absl::StatusOr<ReadReport> ReadJournal(
    const ReadOptions& options,
    absl::FunctionRef<absl::Status(const Record&)> on_record);

}  // namespace switchboard::journal

#endif  // SWITCHBOARD_JOURNAL_LOG_READER_H_
