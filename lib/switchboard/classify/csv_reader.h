// Copyright 2026 The Switchboard Authors.
//
// csv_reader.h: an RFC 4180 CSV reader for labelled training data: a header
// row, comma-separated fields, fields with commas, quotes or line breaks in
// double quotes, inner quotes doubled. CRLF and LF line ends are accepted.
//
//   absl::StatusOr<CsvTable> t = ReadCsvFile("train.csv");
//   absl::StatusOr<size_t> col = t->ColumnIndex("text");
//
// Errors name the source and the line: `train.csv:17: unterminated quoted
// field (opened on this line)`.

#ifndef SWITCHBOARD_CLASSIFY_CSV_READER_H_
#define SWITCHBOARD_CLASSIFY_CSV_READER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace switchboard {

struct CsvRow {
  size_t line = 0;  // 1-based line on which the record starts.
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string source;  // File name (or caller-chosen name) used in messages.
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of the header column named `name`, or NOT_FOUND listing the
  // columns that exist.
  absl::StatusOr<size_t> ColumnIndex(absl::string_view name) const;
};

// Parses CSV text. Structural errors (unterminated quote, a quote inside an
// unquoted field, text after a closing quote, invalid UTF-8, a record whose
// field count differs from the header's, an empty input without header) are
// INVALID_ARGUMENT naming `source` and the line. A blank line is skipped.
absl::StatusOr<CsvTable> ParseCsv(absl::string_view text,
                                  absl::string_view source);

// Reads and parses a file; NOT_FOUND when it cannot be opened.
absl::StatusOr<CsvTable> ReadCsvFile(const std::string& path);

// Reads a whole file into memory; NOT_FOUND / DATA_LOSS naming the path.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_CSV_READER_H_
