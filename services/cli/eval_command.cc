// Copyright 2026 The Switchboard Authors.

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/evaluation.h"

namespace switchboard::cli {
namespace {

CommandSpec EvalSpec() {
  CommandSpec spec{
      "eval",
      "switchboard eval --model MODEL --data FILE.csv [--text-column ..] "
      "[--label-column ..] [--json] [--min-confidence P --unknown-label NAME]",
      "Measures a model on labelled examples: accuracy, macro-F1, per-label "
      "recall, the most confused label pairs and calibration. With "
      "--unknown-label, rows with that label should be declined (confidence "
      "below --min-confidence); reports in_scope_accuracy and "
      "unknown_recall.",
      {{"model", "MODEL", "", "model file written by train", true},
       {"data", "FILE.csv", "", "labelled examples", true},
       {"json", "", "", "print one JSON object instead of text"},
       {"min-confidence", "P", "0", "decline predictions below this"},
       {"unknown-label", "NAME", "", "label of out-of-scope rows"}},
      ""};
  std::vector<FlagSpec> d = DatasetFlags();
  spec.flags.insert(spec.flags.begin() + 2, d.begin(), d.end());
  return spec;
}

}  // namespace

int RunEval(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = EvalSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  absl::StatusOr<double> min_conf = flags.GetDouble("min-confidence");
  if (!min_conf.ok() || *min_conf < 0 || *min_conf > 1) {
    io.err << "switchboard eval: --min-confidence expects a number in [0, 1], "
              "got \""
           << flags.Get("min-confidence") << "\"\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<Classifier>> classifier =
      Classifier::Load(flags.Get("model"));
  if (!classifier.ok()) {
    io.err << "switchboard eval: " << classifier.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<Example>> examples =
      LoadExamples(flags.Get("data"), DatasetOptionsFromFlags(flags));
  if (!examples.ok()) {
    io.err << "switchboard eval: " << examples.status().message() << "\n";
    return 1;
  }
  EvalOptions options;
  options.min_confidence = static_cast<float>(*min_conf);
  options.unknown_label = flags.Get("unknown-label");
  EvalReport report = Evaluate(**classifier, *examples, options);
  if (flags.Has("json")) {
    io.out << ReportToJson(report, options) << "\n";
  } else {
    io.out << ReportToText(report, options);
    io.out << absl::StrFormat("\nclassified %d examples in %.3f s (%.0f/s)\n",
                              report.examples, report.seconds,
                              report.examples / std::max(report.seconds, 1e-9));
  }
  return 0;
}

}  // namespace switchboard::cli
