// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/classifier.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/classify/model_file.h"

namespace switchboard {
namespace {

// Calibrate only with at least this many held-out examples.
constexpr size_t kMinCalibrationExamples = 20;

// Holds out `fraction` of each label's examples (at least one of a label
// with five or more), chosen by a seeded shuffle.
std::vector<bool> CalibrationSplit(absl::Span<const int> y, size_t num_labels,
                                   double fraction, uint64_t seed) {
  std::vector<bool> held(y.size(), false);
  if (fraction <= 0) return held;
  std::vector<std::vector<size_t>> by_label(num_labels);
  for (size_t i = 0; i < y.size(); ++i) by_label[y[i]].push_back(i);
  uint64_t state = seed ^ 0x5851f42d4c957f2dULL;
  for (auto& idx : by_label) {
    if (idx.size() < 5) continue;
    for (size_t i = idx.size(); i > 1; --i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      std::swap(idx[i - 1], idx[(state >> 33) % i]);
    }
    size_t k = std::max<size_t>(1, static_cast<size_t>(fraction * idx.size()));
    for (size_t j = 0; j < k; ++j) held[idx[j]] = true;
  }
  return held;
}

}  // namespace

absl::Status ClassifierOptions::Validate() const {
  if (absl::Status s = features.Validate(); !s.ok()) return s;
  if (absl::Status s = trainer.Validate(); !s.ok()) return s;
  if (min_df < 1) return absl::InvalidArgumentError("min_df must be >= 1");
  if (max_features < 1) {
    return absl::InvalidArgumentError("max_features must be >= 1");
  }
  if (!(calibration_fraction >= 0 && calibration_fraction < 0.5)) {
    return absl::InvalidArgumentError(
        absl::StrCat("calibration_fraction must be in [0, 0.5), got ",
                     calibration_fraction));
  }
  return absl::OkStatus();
}

Classifier::Classifier(FeaturizerOptions features, Vocabulary vocabulary,
                       LinearModel model, std::vector<std::string> labels,
                       float temperature)
    : featurizer_(features),
      vocabulary_(std::move(vocabulary)),
      model_(std::move(model)),
      labels_(std::move(labels)),
      temperature_(temperature) {}

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::Train(
    absl::Span<const Example> examples, const ClassifierOptions& options,
    const TrainProgressFn& progress) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  // Labels in sorted order, so the model does not depend on row order.
  std::map<std::string, int> label_ids;
  for (const Example& e : examples) label_ids.emplace(e.label, 0);
  if (label_ids.size() < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("training needs at least two distinct labels, got ",
                     label_ids.size(), " in ", examples.size(), " examples"));
  }
  std::vector<std::string> labels;
  for (const Example& e : examples) {
    if (e.label.size() > kMaxLabelBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("label on line ", e.line, " is ", e.label.size(),
                       " bytes, over the limit of ", kMaxLabelBytes));
    }
  }
  for (auto& [name, id] : label_ids) {
    id = static_cast<int>(labels.size());
    labels.push_back(name);
  }

  if (progress) progress("featurize", 0);
  Featurizer featurizer(options.features);
  std::vector<FeatureHashes> hashes(examples.size());
  std::vector<int> y(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    featurizer.Extract(examples[i].text, examples[i].signals, hashes[i]);
    y[i] = label_ids[examples[i].label];
  }
  Vocabulary vocabulary =
      Vocabulary::Build(hashes, options.min_df, options.max_features);
  if (vocabulary.size() == 0) {
    return absl::InvalidArgumentError(
        "training texts yield no features (all empty?)");
  }
  std::vector<SparseVector> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    vocabulary.Vectorize(hashes[i], x[i]);
  }
  hashes.clear();
  hashes.shrink_to_fit();

  // Calibration: a second model on the examples not held out, fitted at the
  // same time as the final model.
  std::vector<bool> held = CalibrationSplit(
      y, labels.size(), options.calibration_fraction, options.trainer.seed);
  float temperature = 1.0f;
  auto calibrate = [&] {
    std::vector<SparseVector> fit_x, held_x;
    std::vector<int> fit_y, held_y;
    for (size_t i = 0; i < x.size(); ++i) {
      (held[i] ? held_x : fit_x).push_back(x[i]);
      (held[i] ? held_y : fit_y).push_back(y[i]);
    }
    // Too few held-out examples fit a temperature to noise (all right ->
    // "certain" about everything); keep the raw softmax then.
    if (held_x.size() < kMinCalibrationExamples) return;
    LinearModel m = TrainLinearModel(fit_x, fit_y, vocabulary.size(),
                                     labels.size(), options.trainer);
    temperature = FitTemperature(m, held_x, held_y);
  };
  std::thread calibrator;
  if (options.parallel) {
    calibrator = std::thread(calibrate);
  }
  LinearModel model =
      TrainLinearModel(x, y, vocabulary.size(), labels.size(), options.trainer,
                       [&](int done, int total) {
                         if (progress)
                           progress("train", static_cast<double>(done) / total);
                       });
  if (options.parallel) {
    calibrator.join();
  } else {
    if (progress) progress("calibrate", 0);
    calibrate();
  }
  if (progress) progress("done", 1);
  return std::unique_ptr<Classifier>(
      new Classifier(options.features, std::move(vocabulary), std::move(model),
                     std::move(labels), temperature));
}

std::string Classifier::Serialize() const {
  ModelParts p;
  p.features = featurizer_.options();
  p.labels = labels_;
  p.hashes = vocabulary_.hashes();
  p.idf = vocabulary_.idf();
  p.blocks = vocabulary_.blocks();
  const size_t nc = labels_.size();
  p.weights.reserve(vocabulary_.size() * nc);
  for (size_t f = 0; f < vocabulary_.size(); ++f) {
    const float* row = model_.row(f);
    p.weights.insert(p.weights.end(), row, row + nc);
  }
  p.bias.assign(model_.bias.begin(), model_.bias.begin() + nc);
  p.temperature = temperature_;
  return EncodeModel(p);
}

absl::Status Classifier::Save(const std::string& path) const {
  const std::string bytes = Serialize();
  // A temporary name of this process and call: two processes (or threads)
  // saving to the same path each rename a whole file of their own, and
  // the last rename wins.
  static std::atomic<uint64_t> saves{0};
  const std::string tmp =
      absl::StrCat(path, ".tmp.", getpid(), ".", saves.fetch_add(1));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      return absl::PermissionDeniedError(absl::StrCat("cannot write ", tmp));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return absl::DataLossError(absl::StrCat("error writing ", tmp));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::PermissionDeniedError(
        absl::StrCat("cannot rename ", tmp, " to ", path));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::FromBytes(
    absl::string_view bytes, absl::string_view name) {
  absl::StatusOr<ModelParts> parts = DecodeModel(bytes, name);
  if (!parts.ok()) return parts.status();
  const size_t nc = parts->labels.size();
  const size_t nf = parts->hashes.size();
  absl::StatusOr<Vocabulary> vocabulary =
      Vocabulary::FromParts(std::move(parts->hashes), std::move(parts->idf),
                            std::move(parts->blocks));
  if (!vocabulary.ok()) {
    return absl::DataLossError(absl::StrCat(
        "model ", name, " is corrupt: ", vocabulary.status().message()));
  }
  absl::flat_hash_set<std::string> distinct(parts->labels.begin(),
                                            parts->labels.end());
  if (distinct.size() != nc) {
    return absl::DataLossError(
        absl::StrCat("model ", name, " is corrupt: repeated label"));
  }
  LinearModel model(nf, nc);
  for (size_t f = 0; f < nf; ++f) {
    std::copy_n(parts->weights.data() + f * nc, nc,
                model.weights.data() + f * model.stride);
  }
  std::copy_n(parts->bias.data(), nc, model.bias.data());
  return std::unique_ptr<Classifier>(
      new Classifier(parts->features, *std::move(vocabulary), std::move(model),
                     std::move(parts->labels), parts->temperature));
}

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::Load(
    const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) return bytes.status();
  return FromBytes(*bytes, path);
}

Prediction Classifier::Classify(absl::string_view text,
                                absl::Span<const std::string> signals,
                                int top_k) const {
  thread_local FeatureHashes hashes;
  thread_local SparseVector x;
  thread_local std::vector<float> scores;
  hashes.Clear();
  featurizer_.Extract(text, signals, hashes);
  vocabulary_.Vectorize(hashes, x);
  scores.resize(model_.stride);
  model_.Scores(x, scores.data());
  const size_t nc = labels_.size();
  Softmax(scores.data(), nc, temperature_);

  const size_t k = std::clamp<size_t>(top_k < 1 ? 1 : top_k, 1, nc);
  Prediction p;
  p.alternatives.reserve(k);
  // Selection of the k best: k is small (3), so k linear passes beat a sort.
  for (size_t j = 0; j < k; ++j) {
    size_t best = nc;
    for (size_t c = 0; c < nc; ++c) {
      if (scores[c] < 0) continue;  // taken
      if (best == nc || scores[c] > scores[best]) best = c;
    }
    p.alternatives.push_back({labels_[best], scores[best]});
    scores[best] = -1.0f;
  }
  p.label = p.alternatives[0].label;
  p.confidence = p.alternatives[0].probability;
  return p;
}

std::vector<Evidence> Classifier::Explain(absl::string_view text,
                                          absl::Span<const std::string> signals,
                                          absl::string_view label,
                                          int k) const {
  auto it = std::find(labels_.begin(), labels_.end(), label);
  if (it == labels_.end()) return {};
  const size_t c = static_cast<size_t>(it - labels_.begin());
  // The values the model saw: vectorize exactly as Classify does.
  FeatureHashes hashes;
  featurizer_.Extract(text, signals, hashes);
  SparseVector x;
  vocabulary_.Vectorize(hashes, x);
  absl::flat_hash_map<uint32_t, float> value;
  for (size_t j = 0; j < x.size(); ++j) value[x.index[j]] = x.value[j];

  std::vector<Evidence> evidence;
  absl::flat_hash_set<uint64_t> seen;
  for (const NamedFeature& f : featurizer_.ExtractNamed(text, signals)) {
    if (!seen.insert(f.hash).second) continue;
    int64_t idx = vocabulary_.Find(f.hash);
    if (idx < 0) continue;
    auto v = value.find(static_cast<uint32_t>(idx));
    if (v == value.end()) continue;
    evidence.push_back({f.name, v->second * model_.row(idx)[c]});
  }
  std::sort(evidence.begin(), evidence.end(),
            [](const Evidence& a, const Evidence& b) {
              return a.contribution > b.contribution;
            });
  if (evidence.size() > static_cast<size_t>(std::max(k, 0))) {
    evidence.resize(std::max(k, 0));
  }
  return evidence;
}

}  // namespace switchboard
