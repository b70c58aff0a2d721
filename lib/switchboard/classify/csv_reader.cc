// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/csv_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

absl::Status LineError(absl::string_view source, size_t line,
                       absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(source, ":", line, ": ", what));
}

// Parses one record starting at `pos`; advances `pos` past its line end and
// `line` past every line break consumed.
absl::Status ParseRecord(absl::string_view text, absl::string_view source,
                         size_t& pos, size_t& line,
                         std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  while (true) {
    field.clear();
    if (pos < text.size() && text[pos] == '"') {
      // An earlier field of this record may have spanned lines: name the
      // line on which this quote opened.
      const size_t open_line = line;
      ++pos;
      while (true) {
        if (pos >= text.size()) {
          return LineError(source, open_line,
                           "unterminated quoted field (opened on this line)");
        }
        char c = text[pos++];
        if (c == '"') {
          if (pos < text.size() && text[pos] == '"') {
            field.push_back('"');
            ++pos;
            continue;
          }
          break;
        }
        if (c == '\n') ++line;
        field.push_back(c);
      }
      if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
          text[pos] != '\r') {
        return LineError(source, line,
                         absl::StrCat("unexpected text after closing quote in "
                                      "field ",
                                      fields.size() + 1));
      }
    } else {
      while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
             text[pos] != '\r') {
        if (text[pos] == '"') {
          return LineError(
              source, line,
              absl::StrCat("quote inside unquoted field ", fields.size() + 1,
                           " (quote the whole field and double "
                           "inner quotes)"));
        }
        field.push_back(text[pos++]);
      }
    }
    if (size_t bad = FindInvalidUtf8(field); bad != absl::string_view::npos) {
      // `line` is the field's last line; count back to the bad byte's.
      const size_t bad_line =
          line - std::count(field.begin() + bad, field.end(), '\n');
      return LineError(
          source, bad_line,
          absl::StrCat("field ", fields.size() + 1,
                       " is not valid UTF-8 at byte ", bad, " of the field"));
    }
    fields.push_back(std::move(field));
    if (pos < text.size() && text[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    ++line;
    return absl::OkStatus();
  }
}

}  // namespace

absl::StatusOr<size_t> CsvTable::ColumnIndex(absl::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return absl::NotFoundError(
      absl::StrCat(source, ": no column named \"", name,
                   "\" (columns: ", absl::StrJoin(header, ", "), ")"));
}

absl::StatusOr<CsvTable> ParseCsv(absl::string_view text,
                                  absl::string_view source) {
  CsvTable table;
  table.source = std::string(source);
  // A UTF-8 byte-order mark is common in spreadsheet exports.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t pos = 0;
  size_t line = 1;
  std::vector<std::string> fields;
  bool have_header = false;
  while (pos < text.size()) {
    if (text[pos] == '\n' ||
        (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) {
      pos += text[pos] == '\r' ? 2 : 1;
      ++line;
      continue;
    }
    const size_t record_line = line;
    absl::Status s = ParseRecord(text, source, pos, line, fields);
    if (!s.ok()) return s;
    if (!have_header) {
      table.header = fields;
      have_header = true;
      continue;
    }
    if (fields.size() != table.header.size()) {
      return LineError(
          source, record_line,
          absl::StrCat("expected ", table.header.size(),
                       " fields as in the header, found ", fields.size()));
    }
    table.rows.push_back(CsvRow{record_line, fields});
  }
  if (!have_header) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": empty file (a header row is required)"));
  }
  return table;
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad())
    return absl::DataLossError(absl::StrCat("error reading ", path));
  return std::move(ss).str();
}

absl::StatusOr<CsvTable> ReadCsvFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  return ParseCsv(*text, path);
}

}  // namespace switchboard
