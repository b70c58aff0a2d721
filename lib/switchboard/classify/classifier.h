// Copyright 2026 The Switchboard Authors.
//
// classifier.h: the trained text classifier. It maps the normalized text of
// a contact to a label (a department or intent) with a calibrated
// confidence, the top alternatives, and, on request, the n-grams that
// pushed the decision.
//
// Model: TF-IDF word 1-2-grams and character 2-5-grams (featurizer.h,
// vocabulary.h) under multinomial logistic regression (trainer.h), whose
// softmax is temperature-scaled on held-out data so that "confidence 0.8"
// means right about 80% of the time.
//
// Example:
//
//   absl::StatusOr<std::unique_ptr<Classifier>> c =
//       Classifier::Train(examples, ClassifierOptions());
//   Prediction p = (*c)->Classify("my card has not arrived yet");
//   // p.label == "card_arrival", p.confidence == 0.93, p.alternatives...
//   absl::Status s = (*c)->Save("banking.model");
//
// Thread-safe: a Classifier is immutable after Train/Load; any number of
// threads may call its const methods at once.

#ifndef SWITCHBOARD_CLASSIFY_CLASSIFIER_H_
#define SWITCHBOARD_CLASSIFY_CLASSIFIER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/classify/featurizer.h"
#include "switchboard/classify/linear_model.h"
#include "switchboard/classify/trainer.h"
#include "switchboard/classify/vocabulary.h"
#include "switchboard/normalize/normalizer.h"

namespace switchboard {

struct ClassifierOptions {
  FeaturizerOptions features;
  TrainerOptions trainer;
  // An n-gram must occur in this many training texts to be a feature.
  // Default 1.
  size_t min_df = 1;
  // At most this many features (the most frequent). Default 500,000, which
  // keeps a 100-label model under 200 MB; BANKING77 needs about 41,000.
  size_t max_features = 500'000;
  // Share of the training examples held out (per label, at least one when a
  // label has 5 or more) to fit the confidence temperature. The final model
  // is trained on all examples; a second model on the rest is trained at the
  // same time on another thread to calibrate. 0 disables calibration, and so
  // do fewer than 20 held-out examples (too few to fit). Default 0.1.
  double calibration_fraction = 0.1;
  // Train the calibration model on a second thread. Default true.
  bool parallel = true;

  absl::Status Validate() const;
};

// A label with its probability. `label` points into the Classifier, which
// must outlive it.
struct ScoredLabel {
  absl::string_view label;
  float probability = 0;
};

struct Prediction {
  absl::string_view label;  // The most probable label.
  float confidence = 0;     // Its calibrated probability.
  // The top_k most probable labels, best first (the first is `label`).
  absl::InlinedVector<ScoredLabel, 4> alternatives;
};

// One feature's push towards a label: weight x feature value.
struct Evidence {
  std::string feature;  // "w:card", "c:rriv", "s:ivr:3"
  float contribution = 0;
};

// Called during training with a stage name and a fraction in [0, 1].
using TrainProgressFn = std::function<void(absl::string_view, double)>;

class Classifier {
 public:
  // Trains on `examples` (at least two distinct labels). INVALID_ARGUMENT
  // for bad options, fewer than two labels, a label over 4096 bytes, or no
  // features.
  static absl::StatusOr<std::unique_ptr<Classifier>> Train(
      absl::Span<const Example> examples, const ClassifierOptions& options,
      const TrainProgressFn& progress = nullptr);

  // Loads a model written by Save. Errors name the path: NOT_FOUND when it
  // cannot be read; DATA_LOSS when truncated or the checksum does not match;
  // FAILED_PRECONDITION for another format version; INVALID_ARGUMENT when it
  // is not a Switchboard model at all.
  static absl::StatusOr<std::unique_ptr<Classifier>> Load(
      const std::string& path);
  // The same, from bytes in memory (`name` is used in messages).
  static absl::StatusOr<std::unique_ptr<Classifier>> FromBytes(
      absl::string_view bytes, absl::string_view name);

  // Writes the model (atomically: a temporary file renamed into place).
  absl::Status Save(const std::string& path) const;
  std::string Serialize() const;

  // Classifies normalized text (with optional channel signals). Never
  // fails: text with no known n-gram gets the prior (bias) distribution.
  Prediction Classify(absl::string_view text,
                      absl::Span<const std::string> signals = {},
                      int top_k = 3) const;
  Prediction Classify(const NormalizedContact& contact, int top_k = 3) const {
    return Classify(contact.text, contact.signals, top_k);
  }

  // The `k` features that pushed `text` most towards `label` (positive
  // contributions first). Empty if `label` is unknown.
  std::vector<Evidence> Explain(absl::string_view text,
                                absl::Span<const std::string> signals,
                                absl::string_view label, int k = 5) const;

  const std::vector<std::string>& labels() const { return labels_; }
  size_t num_features() const { return vocabulary_.size(); }
  float temperature() const { return temperature_; }
  const FeaturizerOptions& featurizer_options() const {
    return featurizer_.options();
  }

 private:
  Classifier(FeaturizerOptions features, Vocabulary vocabulary,
             LinearModel model, std::vector<std::string> labels,
             float temperature);

  Featurizer featurizer_;
  Vocabulary vocabulary_;
  LinearModel model_;
  std::vector<std::string> labels_;
  float temperature_ = 1.0f;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_CLASSIFIER_H_
