// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/dataset.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/contact.h"

namespace switchboard {
namespace {

std::optional<size_t> OptionalColumn(const CsvTable& table,
                                     const std::string& name) {
  if (name.empty()) return std::nullopt;
  absl::StatusOr<size_t> i = table.ColumnIndex(name);
  if (!i.ok()) return std::nullopt;
  return *i;
}

}  // namespace

absl::StatusOr<std::vector<Example>> ExamplesFromCsv(
    const CsvTable& table, const DatasetOptions& options) {
  absl::StatusOr<size_t> text_col = table.ColumnIndex(options.text_column);
  if (!text_col.ok()) return text_col.status();
  absl::StatusOr<size_t> label_col = table.ColumnIndex(options.label_column);
  if (!label_col.ok()) return label_col.status();
  std::optional<size_t> channel_col =
      OptionalColumn(table, options.channel_column);
  std::optional<size_t> subject_col =
      OptionalColumn(table, options.subject_column);
  std::optional<size_t> ivr_col = OptionalColumn(table, options.ivr_column);
  std::optional<size_t> id_col = OptionalColumn(table, options.id_column);

  std::vector<Example> examples;
  examples.reserve(table.rows.size());
  std::vector<std::string> errors;
  size_t bad_rows = 0;
  auto bad = [&](const CsvRow& row, absl::string_view what) {
    if (++bad_rows <= 10) {
      errors.push_back(absl::StrCat(table.source, ":", row.line, ": ", what));
    }
  };
  for (const CsvRow& row : table.rows) {
    Example ex;
    ex.line = row.line;
    ex.label = std::string(absl::StripAsciiWhitespace(row.fields[*label_col]));
    if (ex.label.empty()) {
      bad(row,
          absl::StrCat("empty label in column \"", options.label_column, "\""));
      continue;
    }
    if (!channel_col) {
      ex.text = std::string(absl::StripAsciiWhitespace(row.fields[*text_col]));
      if (ex.text.empty()) {
        bad(row,
            absl::StrCat("empty text in column \"", options.text_column, "\""));
        continue;
      }
      if (options.mask_personal_data) {
        ex.text = MaskPersonalData(ex.text).text;
      }
      examples.push_back(std::move(ex));
      continue;
    }
    absl::StatusOr<Channel> channel = ParseChannel(row.fields[*channel_col]);
    if (!channel.ok()) {
      bad(row, channel.status().message());
      continue;
    }
    Contact contact;
    contact.id = id_col ? row.fields[*id_col] : absl::StrCat("line ", row.line);
    contact.channel = *channel;
    contact.body = row.fields[*text_col];
    if (subject_col) contact.subject = row.fields[*subject_col];
    if (ivr_col) contact.ivr_choice = row.fields[*ivr_col];
    absl::StatusOr<NormalizedContact> n = Normalize(contact, options.normalize);
    if (!n.ok()) {
      bad(row, n.status().message());
      continue;
    }
    ex.text = options.mask_personal_data ? MaskPersonalData(n->text).text
                                         : std::move(n->text);
    ex.signals = std::move(n->signals);
    examples.push_back(std::move(ex));
  }
  if (bad_rows > 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(bad_rows, " bad row(s) in ", table.source, ":\n  ",
                     absl::StrJoin(errors, "\n  "),
                     bad_rows > errors.size() ? "\n  ..." : ""));
  }
  if (examples.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(table.source, ": no examples (only a header)"));
  }
  return examples;
}

absl::StatusOr<std::vector<Example>> LoadExamples(
    const std::string& path, const DatasetOptions& options) {
  absl::StatusOr<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) return table.status();
  return ExamplesFromCsv(*table, options);
}

}  // namespace switchboard
