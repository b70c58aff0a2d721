// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace switchboard {
namespace {

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

}  // namespace

EvalReport Evaluate(const Classifier& classifier,
                    absl::Span<const Example> examples,
                    const EvalOptions& options) {
  EvalReport r;
  r.examples = examples.size();
  const bool has_unknown = !options.unknown_label.empty();
  struct Counts {
    size_t tp = 0, fp = 0, fn = 0, support = 0;
  };
  std::map<std::string, Counts> counts;
  std::map<std::pair<std::string, std::string>, size_t> confused;
  size_t right = 0, in_scope_right = 0, unknown_declined = 0;
  double confidence_sum = 0;
  constexpr int kBins = 10;
  double bin_conf[kBins] = {}, bin_right[kBins] = {}, bin_n[kBins] = {};

  auto start = std::chrono::steady_clock::now();
  for (const Example& e : examples) {
    Prediction p = classifier.Classify(e.text, e.signals, 1);
    const bool declined = p.confidence < options.min_confidence;
    const bool unknown = has_unknown && e.label == options.unknown_label;
    const std::string predicted(p.label);
    confidence_sum += p.confidence;
    int bin = std::min(kBins - 1, static_cast<int>(p.confidence * kBins));
    bin_conf[bin] += p.confidence;
    bin_right[bin] += predicted == e.label ? 1 : 0;
    bin_n[bin] += 1;
    if (declined) ++r.declined;
    if (unknown) {
      ++r.unknown_examples;
      if (declined) {
        ++unknown_declined;
        ++right;
      } else {
        ++counts[predicted].fp;
      }
      continue;
    }
    ++r.in_scope_examples;
    Counts& truth = counts[e.label];
    ++truth.support;
    if (!declined && predicted == e.label) {
      ++truth.tp;
      ++right;
      ++in_scope_right;
    } else {
      ++truth.fn;
      if (!declined) {
        ++counts[predicted].fp;
        ++confused[{e.label, predicted}];
      }
    }
  }
  r.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (r.examples == 0) return r;
  r.accuracy = static_cast<double>(right) / r.examples;
  r.mean_confidence = confidence_sum / r.examples;
  if (r.in_scope_examples > 0) {
    r.in_scope_accuracy =
        static_cast<double>(in_scope_right) / r.in_scope_examples;
  }
  if (r.unknown_examples > 0) {
    r.unknown_recall =
        static_cast<double>(unknown_declined) / r.unknown_examples;
  }
  for (int b = 0; b < kBins; ++b) {
    if (bin_n[b] == 0) continue;
    r.expected_calibration_error +=
        std::abs(bin_conf[b] - bin_right[b]) / static_cast<double>(r.examples);
  }
  double f1_sum = 0;
  for (const auto& [label, c] : counts) {
    if (c.support == 0) continue;  // Only predicted, never true.
    LabelStats s;
    s.label = label;
    s.support = c.support;
    s.precision = c.tp + c.fp ? static_cast<double>(c.tp) / (c.tp + c.fp) : 0;
    s.recall = static_cast<double>(c.tp) / c.support;
    s.f1 = s.precision + s.recall > 0
               ? 2 * s.precision * s.recall / (s.precision + s.recall)
               : 0;
    f1_sum += s.f1;
    r.per_label.push_back(s);
  }
  if (!r.per_label.empty()) r.macro_f1 = f1_sum / r.per_label.size();
  for (const auto& [pair, n] : confused) {
    r.confusions.push_back({pair.first, pair.second, n});
  }
  std::stable_sort(
      r.confusions.begin(), r.confusions.end(),
      [](const Confusion& a, const Confusion& b) { return a.count > b.count; });
  if (r.confusions.size() > options.top_confusions) {
    r.confusions.resize(options.top_confusions);
  }
  return r;
}

std::string ReportToJson(const EvalReport& r, const EvalOptions& options) {
  std::string out = absl::StrFormat(
      "{\"examples\":%d,\"accuracy\":%.6f,\"macro_f1\":%.6f,"
      "\"mean_confidence\":%.6f,\"expected_calibration_error\":%.6f,"
      "\"declined\":%d,\"min_confidence\":%.6f,\"seconds\":%.6f",
      r.examples, r.accuracy, r.macro_f1, r.mean_confidence,
      r.expected_calibration_error, r.declined, options.min_confidence,
      r.seconds);
  if (!options.unknown_label.empty()) {
    absl::StrAppendFormat(&out,
                          ",\"unknown_label\":%s,\"in_scope_examples\":%d,"
                          "\"unknown_examples\":%d,\"in_scope_accuracy\":%.6f,"
                          "\"unknown_recall\":%.6f",
                          JsonString(options.unknown_label),
                          r.in_scope_examples, r.unknown_examples,
                          r.in_scope_accuracy, r.unknown_recall);
  }
  out += ",\"per_label\":[";
  for (size_t i = 0; i < r.per_label.size(); ++i) {
    const LabelStats& s = r.per_label[i];
    absl::StrAppendFormat(&out,
                          "%s{\"label\":%s,\"support\":%d,\"precision\":%.6f,"
                          "\"recall\":%.6f,\"f1\":%.6f}",
                          i ? "," : "", JsonString(s.label), s.support,
                          s.precision, s.recall, s.f1);
  }
  out += "],\"confusions\":[";
  for (size_t i = 0; i < r.confusions.size(); ++i) {
    const Confusion& c = r.confusions[i];
    absl::StrAppendFormat(
        &out, "%s{\"truth\":%s,\"predicted\":%s,\"count\":%d}", i ? "," : "",
        JsonString(c.truth), JsonString(c.predicted), c.count);
  }
  return out + "]}";
}

std::string ReportToText(const EvalReport& r, const EvalOptions& options) {
  std::string out = absl::StrFormat(
      "examples:          %d\naccuracy:          %.4f\nmacro-F1:          "
      "%.4f\nmean confidence:   %.4f\ncalibration error: %.4f (ECE, 10 "
      "bins)\n",
      r.examples, r.accuracy, r.macro_f1, r.mean_confidence,
      r.expected_calibration_error);
  if (options.min_confidence > 0) {
    absl::StrAppendFormat(&out, "declined:          %d (confidence < %.2f)\n",
                          r.declined, options.min_confidence);
  }
  if (!options.unknown_label.empty()) {
    absl::StrAppendFormat(
        &out,
        "in-scope accuracy: %.4f (%d rows)\nunknown recall:   "
        " %.4f (%d rows labelled %s)\n",
        r.in_scope_accuracy, r.in_scope_examples, r.unknown_recall,
        r.unknown_examples, options.unknown_label);
  }
  out += "\nper-label recall (support):\n";
  for (const LabelStats& s : r.per_label) {
    absl::StrAppendFormat(&out, "  %-45s %.3f (%d)\n", s.label, s.recall,
                          s.support);
  }
  if (!r.confusions.empty()) {
    out += "\nmost confused (truth -> predicted: count):\n";
    for (const Confusion& c : r.confusions) {
      absl::StrAppendFormat(&out, "  %s -> %s: %d\n", c.truth, c.predicted,
                            c.count);
    }
  }
  return out;
}

}  // namespace switchboard
