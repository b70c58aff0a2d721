// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/strings/str_cat.h"

namespace switchboard {
namespace {

// SplitMix64: a small, portable generator, so that the example order (and
// so the model) is the same with every standard library.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

void Shuffle(std::vector<uint32_t>& v, SplitMix64& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    size_t j = rng.Next() % i;
    std::swap(v[i - 1], v[j]);
  }
}

}  // namespace

absl::Status TrainerOptions::Validate() const {
  if (epochs < 1 || epochs > 1000) {
    return absl::InvalidArgumentError(
        absl::StrCat("epochs must be 1..1000, got ", epochs));
  }
  if (!(learning_rate > 0) || learning_rate > 100) {
    return absl::InvalidArgumentError(
        absl::StrCat("learning rate must be in (0, 100], got ", learning_rate));
  }
  if (!(l2 >= 0) || l2 >= 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("l2 must be in [0, 1), got ", l2));
  }
  return absl::OkStatus();
}

LinearModel TrainLinearModel(absl::Span<const SparseVector> x,
                             absl::Span<const int> y, size_t num_features,
                             size_t num_classes, const TrainerOptions& options,
                             const ProgressFn& progress) {
  LinearModel model(num_features, num_classes);
  const size_t s = model.stride;
  const size_t n = x.size();
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  SplitMix64 rng(options.seed);
  std::vector<float> scores(s);
  // L2 decay is applied lazily: the true weights are scale * weights, so a
  // step costs only the non-zero features of one example.
  double scale = 1.0;
  const double total = static_cast<double>(options.epochs) * n;
  double step = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    Shuffle(order, rng);
    for (uint32_t i : order) {
      const double lr = options.learning_rate * (1.0 - step / total);
      step += 1;
      const SparseVector& xi = x[i];
      // Forward.
      std::copy(model.bias.begin(), model.bias.end(), scores.begin());
      const float fs = static_cast<float>(scale);
      for (size_t k = 0; k < xi.size(); ++k) {
        const float v = xi.value[k] * fs;
        const float* __restrict w = model.weights.data() + xi.index[k] * s;
        float* __restrict out = scores.data();
        for (size_t c = 0; c < s; ++c) out[c] += v * w[c];
      }
      Softmax(scores.data(), num_classes, 1.0f);
      scores[y[i]] -= 1.0f;  // gradient of the loss w.r.t. the scores
      // Backward.
      scale *= 1.0 - lr * options.l2;
      if (scale < 1e-9) {
        for (float& w : model.weights) w *= static_cast<float>(scale);
        scale = 1.0;
      }
      const float g = static_cast<float>(lr / scale);
      for (size_t k = 0; k < xi.size(); ++k) {
        const float v = xi.value[k] * g;
        float* __restrict w = model.weights.data() + xi.index[k] * s;
        const float* __restrict d = scores.data();
        for (size_t c = 0; c < num_classes; ++c) w[c] -= v * d[c];
      }
      for (size_t c = 0; c < num_classes; ++c) {
        model.bias[c] -= static_cast<float>(lr) * scores[c];
      }
    }
    if (progress) progress(epoch + 1, options.epochs);
  }
  if (scale != 1.0) {
    for (float& w : model.weights) w *= static_cast<float>(scale);
  }
  return model;
}

float FitTemperature(const LinearModel& model, absl::Span<const SparseVector> x,
                     absl::Span<const int> y) {
  if (x.empty()) return 1.0f;
  // Raw scores once; then a golden-section search over log T.
  std::vector<std::vector<float>> raw(x.size(),
                                      std::vector<float>(model.stride));
  for (size_t i = 0; i < x.size(); ++i) model.Scores(x[i], raw[i].data());
  const size_t nc = model.num_classes;
  auto nll = [&](double log_t) {
    const double inv_t = std::exp(-log_t);
    double loss = 0;
    for (size_t i = 0; i < raw.size(); ++i) {
      double max = raw[i][0];
      for (size_t c = 1; c < nc; ++c) max = std::max<double>(max, raw[i][c]);
      double sum = 0;
      for (size_t c = 0; c < nc; ++c)
        sum += std::exp((raw[i][c] - max) * inv_t);
      loss -= (raw[i][y[i]] - max) * inv_t - std::log(sum);
    }
    return loss;
  };
  double lo = std::log(0.05), hi = std::log(20.0);
  const double phi = (std::sqrt(5.0) - 1) / 2;
  double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
  double fa = nll(a), fb = nll(b);
  for (int it = 0; it < 60; ++it) {
    if (fa < fb) {
      hi = b, b = a, fb = fa;
      a = hi - phi * (hi - lo), fa = nll(a);
    } else {
      lo = a, a = b, fa = fb;
      b = lo + phi * (hi - lo), fb = nll(b);
    }
  }
  return static_cast<float>(std::exp((lo + hi) / 2));
}

}  // namespace switchboard
