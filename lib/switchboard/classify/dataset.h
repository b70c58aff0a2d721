// Copyright 2026 The Switchboard Authors.
//
// dataset.h: labelled examples for training and evaluating the classifier,
// read from a CSV file (see csv_reader.h).
//
// When the file has a channel column, each row is read as a contact of that
// channel (with the subject and IVR columns if present) and normalized the
// way live contacts are, so that the model trains on what it will see.

#ifndef SWITCHBOARD_CLASSIFY_DATASET_H_
#define SWITCHBOARD_CLASSIFY_DATASET_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/normalize/normalizer.h"

namespace switchboard {

struct Example {
  std::string text;
  // Channel signals ("ivr:3", "hashtag:paspoort"); see NormalizedContact.
  std::vector<std::string> signals;
  std::string label;
  size_t line = 0;  // Source line, for messages; 0 when built in code.
};

struct DatasetOptions {
  std::string text_column = "text";    // Required.
  std::string label_column = "label";  // Required.
  // Optional columns: used when present in the header.
  std::string channel_column = "channel";
  std::string subject_column = "subject";
  std::string ivr_column = "ivr_choice";
  std::string id_column = "id";
  NormalizeOptions normalize;
  // Mask personal data in the text (protect/personal_data.h), as the
  // engine does before it classifies, so that a model learns from the
  // text it will see. Default true.
  bool mask_personal_data = true;
};

// Turns parsed CSV into examples. A missing required column is NOT_FOUND;
// rows with an empty text or label, an unknown channel, or text that fails
// normalization are INVALID_ARGUMENT listing each bad row's line (up to 10)
// and how many there are in all: bad rows are reported, never silently
// skipped.
absl::StatusOr<std::vector<Example>> ExamplesFromCsv(
    const CsvTable& table, const DatasetOptions& options);

// ReadCsvFile + ExamplesFromCsv.
absl::StatusOr<std::vector<Example>> LoadExamples(
    const std::string& path, const DatasetOptions& options);

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_DATASET_H_
