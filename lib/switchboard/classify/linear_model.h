// Copyright 2026 The Switchboard Authors.
//
// linear_model.h: a multi-class linear model over sparse features, stored
// feature-major (one contiguous row of class weights per feature) so that
// scoring a short text touches only the rows of the n-grams it contains.

#ifndef SWITCHBOARD_CLASSIFY_LINEAR_MODEL_H_
#define SWITCHBOARD_CLASSIFY_LINEAR_MODEL_H_

#include <cstddef>
#include <vector>

#include "switchboard/classify/vocabulary.h"

namespace switchboard {

struct LinearModel {
  LinearModel() = default;
  LinearModel(size_t features, size_t classes)
      : num_features(features),
        num_classes(classes),
        stride((classes + 7) / 8 * 8),
        weights(features * stride, 0.0f),
        bias(stride, 0.0f) {}

  size_t num_features = 0;
  size_t num_classes = 0;
  // Row length: num_classes rounded up to a multiple of 8 for vectorized
  // row additions; padding entries stay zero.
  size_t stride = 0;
  std::vector<float> weights;  // num_features x stride
  std::vector<float> bias;     // stride

  const float* row(size_t feature) const {
    return weights.data() + feature * stride;
  }

  // scores[c] = bias[c] + sum_j x_j * w[j][c]; `scores` has `stride` floats.
  void Scores(const SparseVector& x, float* scores) const;
};

// out[c] += v * row[c] for c in [0, n); n is a multiple of 8 (a stride).
// Inline, in fixed blocks of 8, so that the compiler vectorizes it wherever
// it is used (scoring and training).
inline void AddScaledRow(float* __restrict out, const float* __restrict row,
                         float v, size_t n) {
  for (size_t c = 0; c < n; c += 8) {
    for (size_t j = 0; j < 8; ++j) out[c + j] += v * row[c + j];
  }
}

// In-place softmax of scores[0..n) divided by `temperature`.
void Softmax(float* scores, size_t n, float temperature);

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_LINEAR_MODEL_H_
