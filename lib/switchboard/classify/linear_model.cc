// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/linear_model.h"

#include <algorithm>
#include <cmath>

namespace switchboard {

// Row additions dominate classification; where the CPU has AVX2 + FMA
// (x86-64-v3) a clone using them is picked at load time, else plain SSE2.
// Not under the sanitizers: the clone's resolver runs while the dynamic
// loader relocates the program, before the sanitizer's runtime is set up,
// and its instrumentation crashes there (a TSan program died before main).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define SWITCHBOARD_TARGET_CLONES \
  __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SWITCHBOARD_TARGET_CLONES
#endif

SWITCHBOARD_TARGET_CLONES
void LinearModel::Scores(const SparseVector& x, float* scores) const {
  std::copy(bias.begin(), bias.end(), scores);
  // Rows are scattered over the weight matrix; fetch a few rows ahead so
  // that their cache misses overlap with the arithmetic.
  constexpr size_t kAhead = 4;
  const size_t n = x.index.size();
  const size_t row_bytes = stride * sizeof(float);
  for (size_t k = 0; k < n; ++k) {
    if (k + kAhead < n) {
      const char* next = reinterpret_cast<const char*>(
          weights.data() + x.index[k + kAhead] * stride);
      for (size_t b = 0; b < row_bytes; b += 64) __builtin_prefetch(next + b);
    }
    AddScaledRow(scores, weights.data() + x.index[k] * stride, x.value[k],
                 stride);
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
