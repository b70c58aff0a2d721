// Copyright 2026 The Switchboard Authors.
//
// csv_reader_fuzzer.cc: libFuzzer target for the CSV reader (ParseCsv) and
// the dataset reader over its table (ExamplesFromCsv: the text, label,
// channel, subject and ivr_choice columns, normalized per channel). The
// input is the CSV text.
//
// Checks besides "no crash": a parsed table has a header and every row its
// width, valid UTF-8 fields and increasing line numbers; writing the table
// back out with every field quoted and parsing that gives the same table;
// an error is INVALID_ARGUMENT naming the source and a line.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "fuzz_check.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

bool IsUtf8(absl::string_view s) {
  return FindInvalidUtf8(s) == absl::string_view::npos;
}

// RFC 4180 with every field quoted: never ambiguous, whatever it holds.
void AppendRecord(const std::vector<std::string>& fields, std::string& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    out += absl::StrReplaceAll(fields[i], {{"\"", "\"\""}});
    out += '"';
  }
  out += '\n';
}

void Run(absl::string_view text) {
  absl::StatusOr<CsvTable> table = ParseCsv(text, "fuzz.csv");
  if (!table.ok()) {
    FUZZ_CHECK(table.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(absl::StartsWith(table.status().message(), "fuzz.csv:"));
    return;
  }
  FUZZ_CHECK(!table->header.empty());
  std::string rewritten;
  AppendRecord(table->header, rewritten);
  size_t last_line = 0;
  for (const CsvRow& row : table->rows) {
    FUZZ_CHECK(row.fields.size() == table->header.size());
    FUZZ_CHECK(row.line > last_line);
    last_line = row.line;
    for (const std::string& f : row.fields) FUZZ_CHECK(IsUtf8(f));
    AppendRecord(row.fields, rewritten);
  }
  for (size_t i = 0; i < table->header.size(); ++i) {
    FUZZ_CHECK(IsUtf8(table->header[i]));
    absl::StatusOr<size_t> col = table->ColumnIndex(table->header[i]);
    FUZZ_CHECK(col.ok() && *col <= i);
  }

  absl::StatusOr<CsvTable> again = ParseCsv(rewritten, "rewritten.csv");
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->header == table->header);
  FUZZ_CHECK(again->rows.size() == table->rows.size());
  for (size_t i = 0; i < table->rows.size(); ++i) {
    FUZZ_CHECK(again->rows[i].fields == table->rows[i].fields);
  }

  absl::StatusOr<std::vector<Example>> examples =
      ExamplesFromCsv(*table, DatasetOptions());
  if (examples.ok()) {
    FUZZ_CHECK(examples->size() == table->rows.size());
    for (const Example& e : *examples) {
      FUZZ_CHECK(!e.text.empty() && !e.label.empty());
    }
  } else {
    const absl::StatusCode code = examples.status().code();
    FUZZ_CHECK(code == absl::StatusCode::kInvalidArgument ||
               code == absl::StatusCode::kNotFound);
  }
}

}  // namespace
}  // namespace switchboard

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  switchboard::Run(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
