// Copyright 2026 The Switchboard Authors.
//
// The trained contact-type model: the existing Classifier trained on the
// `type` column of contacts_train.csv and evaluated on contacts_test.csv,
// next to the rule cues it falls back on (contact_type.h).

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/contact_type.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/classify/evaluation.h"

namespace switchboard {
namespace {

using ::testing::ElementsAre;

// Accuracy of the type model on the 110 contacts of contacts_test.csv with
// the default options: measured 0.7545 (83 of 110; 0.745-0.764 over seeds
// 1-12), against 0.60 for always answering "question". Requests (25 train
// rows, many phrased like questions) are what it misses most. The floor
// leaves room for harmless changes in training.
constexpr double kTypeModelAccuracyFloor = 0.70;

class ContactTypeModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DatasetOptions options;
    options.label_column = "type";
    absl::StatusOr<std::vector<Example>> train =
        LoadExamples(test_util::SampleFile("contacts_train.csv"), options);
    ASSERT_TRUE(train.ok()) << train.status();
    absl::StatusOr<std::vector<Example>> test =
        LoadExamples(test_util::SampleFile("contacts_test.csv"), options);
    ASSERT_TRUE(test.ok()) << test.status();
    absl::StatusOr<std::unique_ptr<Classifier>> c =
        Classifier::Train(*train, ClassifierOptions());
    ASSERT_TRUE(c.ok()) << c.status();
    model_ = c->release();
    test_ = new std::vector<Example>(*std::move(test));
  }
  static void TearDownTestSuite() {
    delete model_;
    delete test_;
    model_ = nullptr;
    test_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(model_, nullptr);
    ASSERT_NE(test_, nullptr);
  }

  static const Classifier* model_;
  static const std::vector<Example>* test_;
};

const Classifier* ContactTypeModelTest::model_ = nullptr;
const std::vector<Example>* ContactTypeModelTest::test_ = nullptr;

TEST_F(ContactTypeModelTest, LearnsTheFiveTypes) {
  EXPECT_THAT(model_->labels(),
              ElementsAre("complaint", "compliment", "objection", "question",
                          "request"));
  for (const std::string& label : model_->labels()) {
    EXPECT_TRUE(ParseContactType(label).ok()) << label;
  }
}

TEST_F(ContactTypeModelTest, ReachesTheAccuracyFloorOnTheTestSet) {
  EvalReport report = Evaluate(*model_, *test_, EvalOptions());
  std::printf(
      "type model on contacts_test.csv: accuracy %.4f, macro-F1 "
      "%.4f, ECE %.4f\n",
      report.accuracy, report.macro_f1, report.expected_calibration_error);
  for (const LabelStats& s : report.per_label) {
    std::printf("  %-10s support %3zu  precision %.3f  recall %.3f  F1 %.3f\n",
                s.label.c_str(), s.support, s.precision, s.recall, s.f1);
  }
  EXPECT_EQ(report.examples, test_->size());
  EXPECT_GE(report.accuracy, kTypeModelAccuracyFloor);
  // And better than always answering the most common type.
  std::map<std::string, size_t> counts;
  size_t most = 0;
  for (const Example& e : *test_) most = std::max(most, ++counts[e.label]);
  EXPECT_GT(report.accuracy, static_cast<double>(most) / test_->size());
}

// The engine's rule: the model's type when it is confident enough, the
// cues' otherwise. Measured: model 0.7545, cues 0.8545 (written while
// reading these files, so optimistic), model if confidence >= 0.8 else
// cues 0.8818. Printed for the README; the threshold is the engine's to
// choose, so only the counts are checked.
TEST_F(ContactTypeModelTest, ReportsModelCuesAndTheirCombination) {
  size_t model_right = 0, cue_right = 0;
  std::vector<float> thresholds = {0.5f, 0.6f, 0.7f, 0.8f};
  std::vector<size_t> combined_right(thresholds.size(), 0);
  for (const Example& e : *test_) {
    const Prediction p = model_->Classify(e.text, e.signals);
    const ContactTypeCue cue = ContactTypeFromCues(e.text);
    const bool model_ok = p.label == e.label;
    const bool cue_ok = ContactTypeName(cue.type) == e.label;
    model_right += model_ok;
    cue_right += cue_ok;
    for (size_t i = 0; i < thresholds.size(); ++i) {
      combined_right[i] += p.confidence >= thresholds[i] ? model_ok : cue_ok;
    }
  }
  const double n = static_cast<double>(test_->size());
  std::printf("contacts_test.csv (%zu): model %.4f, cues %.4f", test_->size(),
              model_right / n, cue_right / n);
  for (size_t i = 0; i < thresholds.size(); ++i) {
    std::printf(", model if confidence >= %.1f else cues %.4f", thresholds[i],
                combined_right[i] / n);
  }
  std::printf("\n");
  EXPECT_LE(model_right, test_->size());
  EXPECT_LE(cue_right, test_->size());
}

}  // namespace
}  // namespace switchboard
