// Copyright 2026 The Switchboard Authors.
//
// trainer.h: trains a LinearModel as multinomial logistic regression
// (softmax over classes, cross-entropy loss, L2 penalty) by stochastic
// gradient descent with a linearly decaying learning rate, and calibrates
// its confidence by temperature scaling on held-out data.
//
// Deterministic: the same data, options and seed give the same model, bit
// for bit, on the same build.

#ifndef SWITCHBOARD_CLASSIFY_TRAINER_H_
#define SWITCHBOARD_CLASSIFY_TRAINER_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "switchboard/classify/linear_model.h"
#include "switchboard/classify/vocabulary.h"

namespace switchboard {

struct TrainerOptions {
  // Passes over the data. Default 20.
  int epochs = 20;
  // Initial learning rate, decayed linearly to zero. Default 1.0.
  float learning_rate = 1.0f;
  // L2 penalty per example (lambda). Default 1e-6.
  float l2 = 1e-6f;
  // Seed of the example order. Default 1.
  uint64_t seed = 1;

  absl::Status Validate() const;
};

// Called after each epoch with (epoch done, epochs total).
using ProgressFn = std::function<void(int, int)>;

// Trains on examples x[i] with class y[i] in [0, num_classes).
LinearModel TrainLinearModel(absl::Span<const SparseVector> x,
                             absl::Span<const int> y, size_t num_features,
                             size_t num_classes, const TrainerOptions& options,
                             const ProgressFn& progress = nullptr);

// The temperature T > 0 that minimizes the negative log-likelihood of
// softmax(scores / T) on (x, y): T > 1 softens an over-confident model.
// Returns 1 when there are no examples.
float FitTemperature(const LinearModel& model, absl::Span<const SparseVector> x,
                     absl::Span<const int> y);

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_TRAINER_H_
