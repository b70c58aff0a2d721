// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/linear_model.h"

#include <algorithm>
#include <cmath>

namespace switchboard {

void LinearModel::Scores(const SparseVector& x, float* scores) const {
  std::copy(bias.begin(), bias.end(), scores);
  const size_t s = stride;
  for (size_t k = 0; k < x.index.size(); ++k) {
    const float v = x.value[k];
    const float* __restrict w = weights.data() + x.index[k] * s;
    float* __restrict out = scores;
    for (size_t c = 0; c < s; ++c) out[c] += v * w[c];
  }
}

void Softmax(float* scores, size_t n, float temperature) {
  if (n == 0) return;
  const float inv_t = 1.0f / temperature;
  float max = scores[0];
  for (size_t c = 1; c < n; ++c) max = std::max(max, scores[c]);
  float sum = 0;
  for (size_t c = 0; c < n; ++c) {
    scores[c] = std::exp((scores[c] - max) * inv_t);
    sum += scores[c];
  }
  const float inv = 1.0f / sum;
  for (size_t c = 0; c < n; ++c) scores[c] *= inv;
}

}  // namespace switchboard
