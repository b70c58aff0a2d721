// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/trainer.h"

#include <cmath>
#include <limits>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/linear_model.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

SparseVector Vec(std::vector<uint32_t> index, std::vector<float> value) {
  SparseVector x;
  x.index = std::move(index);
  x.value = std::move(value);
  return x;
}

// A separable problem: class c has feature c (plus a feature shared by all
// classes and a weaker one shared by two); 3 classes, 5 features, 30
// examples.
struct ToyProblem {
  std::vector<SparseVector> x;
  std::vector<int> y;
  static constexpr size_t kFeatures = 5;
  static constexpr size_t kClasses = 3;

  ToyProblem() {
    for (int i = 0; i < 30; ++i) {
      const int c = i % 3;
      const float strength = 0.6f + 0.01f * i;
      std::vector<uint32_t> index = {static_cast<uint32_t>(c), 3};
      std::vector<float> value = {strength, 0.5f};
      if (c != 2) {
        index.push_back(4);
        value.push_back(0.3f);
      }
      x.push_back(Vec(index, value));
      y.push_back(c);
    }
  }
};

int ArgMax(const LinearModel& m, const SparseVector& x) {
  std::vector<float> scores(m.stride);
  m.Scores(x, scores.data());
  int best = 0;
  for (size_t c = 1; c < m.num_classes; ++c) {
    if (scores[c] > scores[best]) best = static_cast<int>(c);
  }
  return best;
}

double Accuracy(const LinearModel& m, const std::vector<SparseVector>& x,
                const std::vector<int>& y) {
  size_t right = 0;
  for (size_t i = 0; i < x.size(); ++i) right += ArgMax(m, x[i]) == y[i];
  return static_cast<double>(right) / x.size();
}

TEST(TrainLinearModelTest, LearnsASeparableProblem) {
  ToyProblem p;
  LinearModel m = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, TrainerOptions());
  EXPECT_EQ(m.num_features, ToyProblem::kFeatures);
  EXPECT_EQ(m.num_classes, ToyProblem::kClasses);
  EXPECT_EQ(Accuracy(m, p.x, p.y), 1.0);
  // The class feature pulls towards its own class.
  for (size_t c = 0; c < ToyProblem::kClasses; ++c) {
    for (size_t other = 0; other < ToyProblem::kClasses; ++other) {
      if (other != c) {
        EXPECT_GT(m.row(c)[c], m.row(c)[other]);
      }
    }
  }
}

TEST(TrainLinearModelTest, LearnsWithOneEpochAndAFeaturelessExample) {
  ToyProblem p;
  p.x.push_back(SparseVector());  // no known n-gram
  p.y.push_back(0);
  TrainerOptions o;
  o.epochs = 1;
  LinearModel m = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, o);
  for (float w : m.weights) EXPECT_TRUE(std::isfinite(w));
  // The first 30 examples are separable; one epoch is enough for them.
  std::vector<SparseVector> x(p.x.begin(), p.x.end() - 1);
  std::vector<int> y(p.y.begin(), p.y.end() - 1);
  EXPECT_EQ(Accuracy(m, x, y), 1.0);
}

TEST(TrainLinearModelTest, PaddingColumnsStayZero) {
  ToyProblem p;
  LinearModel m = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, TrainerOptions());
  ASSERT_EQ(m.stride, 8u);
  ASSERT_EQ(m.weights.size(), ToyProblem::kFeatures * m.stride);
  for (size_t f = 0; f < m.num_features; ++f) {
    for (size_t c = m.num_classes; c < m.stride; ++c) {
      EXPECT_EQ(m.row(f)[c], 0.0f) << "feature " << f << " column " << c;
    }
  }
  for (size_t c = m.num_classes; c < m.stride; ++c) EXPECT_EQ(m.bias[c], 0.0f);
}

TEST(TrainLinearModelTest, SameSeedGivesIdenticalWeights) {
  ToyProblem p;
  TrainerOptions o;
  o.seed = 42;
  LinearModel a = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, o);
  LinearModel b = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, o);
  EXPECT_EQ(a.weights, b.weights);
  EXPECT_EQ(a.bias, b.bias);
}

TEST(TrainLinearModelTest, DifferentSeedGivesDifferentWeights) {
  ToyProblem p;
  TrainerOptions o1, o2;
  o1.seed = 1;
  o2.seed = 2;
  LinearModel a = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, o1);
  LinearModel b = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, o2);
  EXPECT_NE(a.weights, b.weights);
  // Both still solve the problem.
  EXPECT_EQ(Accuracy(b, p.x, p.y), 1.0);
}

TEST(TrainLinearModelTest, L2PenaltyShrinksTheWeights) {
  ToyProblem p;
  TrainerOptions weak, strong;
  weak.l2 = 0;
  strong.l2 = 0.01f;
  auto norm = [](const LinearModel& m) {
    double s = 0;
    for (float w : m.weights) s += w * w;
    return s;
  };
  LinearModel a = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, weak);
  LinearModel b = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, strong);
  EXPECT_LT(norm(b), norm(a));
  EXPECT_GT(norm(b), 0);
}

TEST(TrainLinearModelTest, ReportsProgressAfterEachEpoch) {
  ToyProblem p;
  TrainerOptions o;
  o.epochs = 3;
  std::vector<std::pair<int, int>> calls;
  TrainLinearModel(
      p.x, p.y, ToyProblem::kFeatures, ToyProblem::kClasses, o,
      [&](int done, int total) { calls.emplace_back(done, total); });
  EXPECT_THAT(calls, ElementsAre(Pair(1, 3), Pair(2, 3), Pair(3, 3)));
}

// --- Temperature ------------------------------------------------------------

// One feature, two classes; the model scores (s, 0). The data has label 0
// for 8 of 10 examples, so the best calibrated P(0) is 0.8 and the best
// temperature is s / ln 4.
struct CalibrationProblem {
  std::vector<SparseVector> x;
  std::vector<int> y;
  CalibrationProblem() {
    for (int i = 0; i < 10; ++i) {
      x.push_back(Vec({0}, {1.0f}));
      y.push_back(i < 8 ? 0 : 1);
    }
  }
  static LinearModel Model(float s) {
    LinearModel m(1, 2);
    m.weights[0] = s;
    return m;
  }
};

TEST(FitTemperatureTest, SoftensAnOverconfidentModel) {
  CalibrationProblem p;
  const float t = FitTemperature(CalibrationProblem::Model(8.0f), p.x, p.y);
  EXPECT_GT(t, 1.0f);
  EXPECT_NEAR(t, 8.0 / std::log(4.0), 0.01);
}

TEST(FitTemperatureTest, SharpensAnUnderconfidentModel) {
  CalibrationProblem p;
  const float t = FitTemperature(CalibrationProblem::Model(0.5f), p.x, p.y);
  EXPECT_LT(t, 1.0f);
  EXPECT_NEAR(t, 0.5 / std::log(4.0), 0.005);
}

TEST(FitTemperatureTest, CalibratedProbabilityMatchesTheData) {
  CalibrationProblem p;
  LinearModel m = CalibrationProblem::Model(5.0f);
  const float t = FitTemperature(m, p.x, p.y);
  std::vector<float> scores(m.stride);
  m.Scores(p.x[0], scores.data());
  Softmax(scores.data(), 2, t);
  EXPECT_NEAR(scores[0], 0.8, 0.001);
}

TEST(FitTemperatureTest, ScalesWithTheScores) {
  // A trained model on noisy data; multiplying its scores by 3 multiplies
  // the fitted temperature by 3.
  ToyProblem p;
  for (size_t i = 0; i < 9; ++i) p.y[i * 3] = (p.y[i * 3] + 1) % 3;  // noise
  LinearModel m = TrainLinearModel(p.x, p.y, ToyProblem::kFeatures,
                                   ToyProblem::kClasses, TrainerOptions());
  const float t = FitTemperature(m, p.x, p.y);
  LinearModel scaled = m;
  for (float& w : scaled.weights) w *= 3;
  for (float& b : scaled.bias) b *= 3;
  const float t3 = FitTemperature(scaled, p.x, p.y);
  ASSERT_GT(t, 0.06f);
  ASSERT_LT(t3, 19.0f);
  EXPECT_NEAR(t3 / t, 3.0, 0.05);
}

TEST(FitTemperatureTest, IsOneWithoutExamples) {
  EXPECT_EQ(FitTemperature(CalibrationProblem::Model(3.0f), {}, {}), 1.0f);
}

// --- Linear model -----------------------------------------------------------

TEST(LinearModelTest, ScoresAreBiasPlusWeightedRows) {
  LinearModel m(3, 2);
  m.bias[0] = 0.5f;
  m.bias[1] = -0.5f;
  m.weights[0 * m.stride + 0] = 1;  // feature 0
  m.weights[0 * m.stride + 1] = 2;
  m.weights[2 * m.stride + 0] = -3;  // feature 2
  std::vector<float> scores(m.stride);
  m.Scores(Vec({0, 2}, {0.5f, 2.0f}), scores.data());
  EXPECT_FLOAT_EQ(scores[0], 0.5f + 0.5f * 1 + 2.0f * -3);
  EXPECT_FLOAT_EQ(scores[1], -0.5f + 0.5f * 2);
  m.Scores(SparseVector(), scores.data());
  EXPECT_FLOAT_EQ(scores[0], 0.5f);
  EXPECT_FLOAT_EQ(scores[1], -0.5f);
}

TEST(SoftmaxTest, SumsToOneAndTemperatureFlattens) {
  float sharp[3] = {2, 1, 0};
  float flat[3] = {2, 1, 0};
  Softmax(sharp, 3, 1.0f);
  Softmax(flat, 3, 10.0f);
  EXPECT_NEAR(sharp[0] + sharp[1] + sharp[2], 1.0, 1e-6);
  EXPECT_NEAR(flat[0] + flat[1] + flat[2], 1.0, 1e-6);
  EXPECT_NEAR(sharp[0], std::exp(2.0) / (std::exp(2.0) + std::exp(1.0) + 1),
              1e-6);
  EXPECT_GT(sharp[0], flat[0]);
  EXPECT_GT(flat[0], flat[1]);
  float big[2] = {1000, 0};  // no overflow
  Softmax(big, 2, 1.0f);
  EXPECT_NEAR(big[0], 1.0, 1e-6);
}

// --- Options ---------------------------------------------------------------

TEST(TrainerOptionsTest, DefaultsAreValid) {
  TrainerOptions o;
  EXPECT_EQ(o.epochs, 20);
  EXPECT_EQ(o.seed, 1u);
  EXPECT_THAT(o.Validate(), IsOk());
}

struct BadOptions {
  const char* name;
  TrainerOptions options;
  const char* message;
};

void PrintTo(const BadOptions& c, std::ostream* os) { *os << c.name; }

TrainerOptions With(void (*change)(TrainerOptions&)) {
  TrainerOptions o;
  change(o);
  return o;
}

class TrainerValidateTest : public ::testing::TestWithParam<BadOptions> {};

TEST_P(TrainerValidateTest, IsInvalidArgumentNamingTheOption) {
  EXPECT_THAT(GetParam().options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    Bad, TrainerValidateTest,
    ::testing::Values(
        BadOptions{"ZeroEpochs", With([](TrainerOptions& o) { o.epochs = 0; }),
                   "epochs must be 1..1000, got 0"},
        BadOptions{"TooManyEpochs",
                   With([](TrainerOptions& o) { o.epochs = 1001; }), "epochs"},
        BadOptions{"ZeroRate",
                   With([](TrainerOptions& o) { o.learning_rate = 0; }),
                   "learning rate"},
        BadOptions{"NegativeRate",
                   With([](TrainerOptions& o) { o.learning_rate = -1; }),
                   "learning rate"},
        BadOptions{"HugeRate",
                   With([](TrainerOptions& o) { o.learning_rate = 101; }),
                   "learning rate"},
        BadOptions{"NanRate", With([](TrainerOptions& o) {
                     o.learning_rate = std::numeric_limits<float>::quiet_NaN();
                   }),
                   "learning rate"},
        BadOptions{"NegativeL2", With([](TrainerOptions& o) { o.l2 = -0.1f; }),
                   "l2"},
        BadOptions{"L2OfOne", With([](TrainerOptions& o) { o.l2 = 1; }), "l2"},
        BadOptions{"NanL2", With([](TrainerOptions& o) {
                     o.l2 = std::numeric_limits<float>::quiet_NaN();
                   }),
                   "l2"}),
    [](const ::testing::TestParamInfo<BadOptions>& info) {
      return info.param.name;
    });

}  // namespace
}  // namespace switchboard
