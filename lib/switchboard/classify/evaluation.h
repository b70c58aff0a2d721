// Copyright 2026 The Switchboard Authors.
//
// evaluation.h: measures a classifier on labelled examples: accuracy,
// macro-F1, per-label precision/recall/F1, the most confused label pairs,
// and, for out-of-scope detection, how well a confidence threshold declines
// contacts that belong to no label.

#ifndef SWITCHBOARD_CLASSIFY_EVALUATION_H_
#define SWITCHBOARD_CLASSIFY_EVALUATION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/dataset.h"

namespace switchboard {

struct EvalOptions {
  // Predictions with confidence below this are declined (treated as
  // "unknown"). Default 0: never decline.
  float min_confidence = 0;
  // Rows carrying this label are out of scope: the right answer is to
  // decline them. Empty: every row is in scope.
  std::string unknown_label;
  // How many confused pairs to report. Default 10.
  size_t top_confusions = 10;
};

struct LabelStats {
  std::string label;
  size_t support = 0;  // Examples with this true label.
  double precision = 0, recall = 0, f1 = 0;
};

struct Confusion {
  std::string truth, predicted;
  size_t count = 0;
};

struct EvalReport {
  size_t examples = 0;
  // Over all rows: a row is right when the (undeclined) prediction equals
  // its label; declined rows count as wrong, unknown-label rows count as
  // right only when declined.
  double accuracy = 0;
  double macro_f1 = 0;  // Mean F1 over the labels present in the data.
  std::vector<LabelStats> per_label;  // Sorted by label.
  std::vector<Confusion> confusions;  // Most frequent first.
  // With an unknown label:
  size_t in_scope_examples = 0, unknown_examples = 0;
  double in_scope_accuracy = 0;  // A declined in-scope row counts as wrong.
  double unknown_recall = 0;     // Share of unknown rows declined.
  size_t declined = 0;           // Rows declined in all.
  double mean_confidence = 0;
  // Expected calibration error over 10 confidence bins: how far "confidence
  // 0.8" is from "right 80% of the time", averaged by bin weight.
  double expected_calibration_error = 0;
  double seconds = 0;  // Wall time of classifying all rows.
};

EvalReport Evaluate(const Classifier& classifier,
                    absl::Span<const Example> examples,
                    const EvalOptions& options);

// One JSON object with every field of the report (keys as the field names).
std::string ReportToJson(const EvalReport& report, const EvalOptions& options);
// A human-readable report.
std::string ReportToText(const EvalReport& report, const EvalOptions& options);

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_EVALUATION_H_
