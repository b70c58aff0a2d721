// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/evaluation.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/classifier.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::JsonChecker;
using ::switchboard::test_util::MakeExample;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

MATCHER_P3(IsConfusion, truth, predicted, count, "") {
  return arg.truth == truth && arg.predicted == predicted &&
         arg.count == static_cast<size_t>(count);
}

// A model trained on TinyExamples, evaluated on rows whose predictions the
// fixture checks first, so that each expected number can be worked out by
// hand.
class EvaluationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Uncalibrated (temperature 1): a held-out set of three tiny examples,
    // all classified right, would fit the smallest temperature and make
    // every confidence 1.
    ClassifierOptions options;
    options.calibration_fraction = 0;
    absl::StatusOr<std::unique_ptr<Classifier>> c =
        Classifier::Train(test_util::TinyExamples(), options);
    ASSERT_TRUE(c.ok()) << c.status();
    classifier_ = c->release();
  }
  static void TearDownTestSuite() {
    delete classifier_;
    classifier_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(classifier_, nullptr);
    // Four rows predicted right, and one passport sentence labelled
    // "parking" (predicted "passport").
    in_scope_ = {
        MakeExample("my passport has expired and I need a new one", "passport"),
        MakeExample("how do I renew my passport before the holiday",
                    "passport"),
        MakeExample("I want a parking permit for my street", "parking"),
        MakeExample("the garbage bin was not emptied this week", "waste"),
        MakeExample("I lost my passport, can I apply for a replacement",
                    "parking"),
    };
    const char* predicted[] = {"passport", "passport", "parking", "waste",
                               "passport"};
    for (size_t i = 0; i < in_scope_.size(); ++i) {
      ASSERT_EQ(Predict(in_scope_[i]), predicted[i]) << in_scope_[i].text;
    }
    // Out-of-scope rows with no known n-gram: the model falls back to its
    // prior, with low confidence.
    unknown_ = {MakeExample("中文", "unknown"),
                MakeExample("日本語", "unknown")};
  }

  static std::string Predict(const Example& e) {
    return std::string(classifier_->Classify(e.text, e.signals, 1).label);
  }
  static float Confidence(const Example& e) {
    return classifier_->Classify(e.text, e.signals, 1).confidence;
  }
  std::vector<Example> All() const {
    std::vector<Example> all = in_scope_;
    all.insert(all.end(), unknown_.begin(), unknown_.end());
    return all;
  }

  static Classifier* classifier_;
  std::vector<Example> in_scope_;
  std::vector<Example> unknown_;
};

Classifier* EvaluationTest::classifier_ = nullptr;

TEST_F(EvaluationTest, AccuracyAndMacroF1ByHand) {
  EvalReport r = Evaluate(*classifier_, in_scope_, EvalOptions());
  EXPECT_EQ(r.examples, 5u);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.8);
  // passport: P 2/3, R 1, F1 0.8; parking: P 1, R 1/2, F1 2/3; waste: 1.
  EXPECT_NEAR(r.macro_f1, (0.8 + 2.0 / 3 + 1) / 3, 1e-9);
  ASSERT_THAT(r.per_label, SizeIs(3));
  EXPECT_THAT(r.per_label, ElementsAre(Field(&LabelStats::label, "parking"),
                                       Field(&LabelStats::label, "passport"),
                                       Field(&LabelStats::label, "waste")));
  const LabelStats& parking = r.per_label[0];
  EXPECT_EQ(parking.support, 2u);
  EXPECT_DOUBLE_EQ(parking.precision, 1.0);
  EXPECT_DOUBLE_EQ(parking.recall, 0.5);
  EXPECT_NEAR(parking.f1, 2.0 / 3, 1e-12);
  const LabelStats& passport = r.per_label[1];
  EXPECT_EQ(passport.support, 2u);
  EXPECT_NEAR(passport.precision, 2.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(passport.recall, 1.0);
  EXPECT_NEAR(passport.f1, 0.8, 1e-12);
  EXPECT_DOUBLE_EQ(r.per_label[2].f1, 1.0);
  EXPECT_THAT(r.confusions, ElementsAre(IsConfusion("parking", "passport", 1)));
  EXPECT_EQ(r.declined, 0u);
  EXPECT_EQ(r.in_scope_examples, 5u);
  EXPECT_EQ(r.unknown_examples, 0u);
  EXPECT_DOUBLE_EQ(r.in_scope_accuracy, 0.8);
  EXPECT_GE(r.seconds, 0.0);
}

TEST_F(EvaluationTest, MeanConfidenceIsTheMeanOfPredictions) {
  EvalReport r = Evaluate(*classifier_, All(), EvalOptions());
  double sum = 0;
  for (const Example& e : All()) sum += Confidence(e);
  EXPECT_NEAR(r.mean_confidence, sum / All().size(), 1e-6);
}

TEST_F(EvaluationTest, CalibrationErrorOfAllRightAndAllWrong) {
  // All right: each bin's error is its confidence gap to 1.
  std::vector<Example> right(in_scope_.begin(), in_scope_.begin() + 4);
  EvalReport r = Evaluate(*classifier_, right, EvalOptions());
  EXPECT_DOUBLE_EQ(r.accuracy, 1.0);
  EXPECT_NEAR(r.expected_calibration_error, 1 - r.mean_confidence, 1e-9);
  // All wrong: the error is the mean confidence.
  std::vector<Example> wrong = right;
  for (Example& e : wrong) e.label = e.label == "waste" ? "parking" : "waste";
  r = Evaluate(*classifier_, wrong, EvalOptions());
  EXPECT_DOUBLE_EQ(r.accuracy, 0.0);
  EXPECT_NEAR(r.expected_calibration_error, r.mean_confidence, 1e-9);
}

TEST_F(EvaluationTest, LabelsOnlyPredictedAreNotInMacroF1) {
  // Only "parking" rows, one predicted "passport": macro-F1 is over parking
  // alone (P 1, R 1/2).
  std::vector<Example> rows = {in_scope_[2], in_scope_[4]};
  EvalReport r = Evaluate(*classifier_, rows, EvalOptions());
  ASSERT_THAT(r.per_label, ElementsAre(Field(&LabelStats::label, "parking")));
  EXPECT_NEAR(r.macro_f1, 2.0 / 3, 1e-12);
}

TEST_F(EvaluationTest, ConfusionsAreMostFrequentFirstAndCapped) {
  std::vector<Example> rows = in_scope_;
  // Two waste sentences labelled "passport", one parking labelled "waste".
  rows.push_back(
      MakeExample("the paper recycling bin was skipped again", "passport"));
  rows.push_back(MakeExample("my garbage container is broken, I need a new bin",
                             "passport"));
  rows.push_back(MakeExample("my parking permit expires next month", "waste"));
  for (size_t i = 5; i < rows.size(); ++i) {
    ASSERT_NE(Predict(rows[i]), rows[i].label) << rows[i].text;
  }
  EvalReport r = Evaluate(*classifier_, rows, EvalOptions());
  EXPECT_THAT(r.confusions, ElementsAre(IsConfusion("passport", "waste", 2),
                                        IsConfusion("parking", "passport", 1),
                                        IsConfusion("waste", "parking", 1)));
  EvalOptions one;
  one.top_confusions = 1;
  EXPECT_THAT(Evaluate(*classifier_, rows, one).confusions,
              ElementsAre(IsConfusion("passport", "waste", 2)));
}

TEST_F(EvaluationTest, ThresholdZeroDeclinesNothing) {
  EvalOptions o;
  o.min_confidence = 0;
  o.unknown_label = "unknown";
  EvalReport r = Evaluate(*classifier_, All(), o);
  EXPECT_EQ(r.examples, 7u);
  EXPECT_EQ(r.declined, 0u);
  EXPECT_EQ(r.in_scope_examples, 5u);
  EXPECT_EQ(r.unknown_examples, 2u);
  EXPECT_DOUBLE_EQ(r.in_scope_accuracy, 0.8);
  EXPECT_DOUBLE_EQ(r.unknown_recall, 0.0);
  EXPECT_DOUBLE_EQ(r.accuracy, 4.0 / 7);
  // "unknown" is never a predicted label and has no F1 of its own.
  for (const LabelStats& s : r.per_label) EXPECT_NE(s.label, "unknown");
}

TEST_F(EvaluationTest, UnknownRowsThatAreNotDeclinedLowerPrecision) {
  EvalOptions o;
  o.unknown_label = "unknown";
  EvalReport with = Evaluate(*classifier_, All(), o);
  EvalReport without = Evaluate(*classifier_, in_scope_, o);
  const std::string predicted = Predict(unknown_[0]);
  ASSERT_EQ(Predict(unknown_[1]), predicted);
  for (size_t i = 0; i < with.per_label.size(); ++i) {
    SCOPED_TRACE(with.per_label[i].label);
    if (with.per_label[i].label == predicted) {
      EXPECT_LT(with.per_label[i].precision, without.per_label[i].precision);
    } else {
      EXPECT_EQ(with.per_label[i].precision, without.per_label[i].precision);
    }
  }
}

TEST_F(EvaluationTest, ThresholdAboveOneDeclinesEverything) {
  EvalOptions o;
  o.min_confidence = 1.01f;
  EvalReport r = Evaluate(*classifier_, in_scope_, o);
  EXPECT_EQ(r.declined, 5u);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.0);
  EXPECT_DOUBLE_EQ(r.macro_f1, 0.0);
  EXPECT_THAT(r.confusions, IsEmpty());

  o.unknown_label = "unknown";
  r = Evaluate(*classifier_, All(), o);
  EXPECT_EQ(r.declined, 7u);
  EXPECT_DOUBLE_EQ(r.in_scope_accuracy, 0.0);
  EXPECT_DOUBLE_EQ(r.unknown_recall, 1.0);
  // Declined unknown rows are the only right answers.
  EXPECT_DOUBLE_EQ(r.accuracy, 2.0 / 7);
}

TEST_F(EvaluationTest, ThresholdBetweenDeclinesOnlyTheUnsure) {
  float max_unknown = 0, min_in_scope = 1;
  for (const Example& e : unknown_) {
    max_unknown = std::max(max_unknown, Confidence(e));
  }
  for (const Example& e : in_scope_) {
    min_in_scope = std::min(min_in_scope, Confidence(e));
  }
  ASSERT_LT(max_unknown, min_in_scope);
  EvalOptions o;
  o.min_confidence = (max_unknown + min_in_scope) / 2;
  o.unknown_label = "unknown";
  EvalReport r = Evaluate(*classifier_, All(), o);
  EXPECT_EQ(r.declined, 2u);
  EXPECT_DOUBLE_EQ(r.unknown_recall, 1.0);
  EXPECT_DOUBLE_EQ(r.in_scope_accuracy, 0.8);
  EXPECT_DOUBLE_EQ(r.accuracy, 6.0 / 7);
  EXPECT_NEAR(r.macro_f1, (0.8 + 2.0 / 3 + 1) / 3, 1e-9);
}

TEST_F(EvaluationTest, DeclinedInScopeRowsCountAsWrong) {
  // Decline everything below the confidence of the surest row.
  float max_conf = 0;
  for (const Example& e : in_scope_)
    max_conf = std::max(max_conf, Confidence(e));
  EvalOptions o;
  o.min_confidence = max_conf;  // only rows at the maximum pass
  EvalReport r = Evaluate(*classifier_, in_scope_, o);
  EXPECT_GE(r.declined, 1u);
  EXPECT_LE(r.declined, 4u);
  EXPECT_DOUBLE_EQ(r.accuracy, r.in_scope_accuracy);
  EXPECT_LT(r.accuracy, 0.8);
}

TEST_F(EvaluationTest, NoExamples) {
  EvalReport r = Evaluate(*classifier_, {}, EvalOptions());
  EXPECT_EQ(r.examples, 0u);
  EXPECT_EQ(r.accuracy, 0.0);
  EXPECT_THAT(r.per_label, IsEmpty());
  EXPECT_TRUE(JsonChecker::IsValid(ReportToJson(r, EvalOptions())));
}

// --- Reports
// -------------------------------------------------------------------

TEST_F(EvaluationTest, JsonReportHasTheKeysAndParses) {
  EvalReport r = Evaluate(*classifier_, in_scope_, EvalOptions());
  const std::string json = ReportToJson(r, EvalOptions());
  EXPECT_THAT(json, StartsWith("{"));
  EXPECT_THAT(json, EndsWith("}"));
  EXPECT_TRUE(JsonChecker::IsValid(json)) << json;
  EXPECT_THAT(json, AllOf(HasSubstr("\"examples\":5,"),
                          HasSubstr("\"accuracy\":0.800000"),
                          HasSubstr("\"macro_f1\":0.822222"),
                          HasSubstr("\"per_label\":[{\"label\":\"parking\""),
                          HasSubstr("\"confusions\":[{\"truth\":\"parking\","
                                    "\"predicted\":\"passport\",\"count\":1}]"),
                          Not(HasSubstr("unknown_recall"))));
}

TEST_F(EvaluationTest, JsonReportWithUnknownLabel) {
  EvalOptions o;
  o.unknown_label = "unknown";
  o.min_confidence = 1.01f;
  const std::string json = ReportToJson(Evaluate(*classifier_, All(), o), o);
  EXPECT_TRUE(JsonChecker::IsValid(json)) << json;
  EXPECT_THAT(json, AllOf(HasSubstr("\"unknown_label\":\"unknown\""),
                          HasSubstr("\"in_scope_accuracy\":0.000000"),
                          HasSubstr("\"unknown_recall\":1.000000"),
                          HasSubstr("\"declined\":7")));
}

TEST(ReportToJsonTest, EscapesLabelNames) {
  EvalReport r;
  r.examples = 1;
  r.per_label.push_back({"say \"hi\"\\", 1, 0.5, 0.5, 0.5});
  r.confusions.push_back({"line\nbreak\ttab", "ctrl\x01", 1});
  EvalOptions o;
  o.unknown_label = "out \"of\" scope";
  const std::string json = ReportToJson(r, o);
  EXPECT_TRUE(JsonChecker::IsValid(json)) << json;
  EXPECT_THAT(json, HasSubstr(R"("label":"say \"hi\"\\")"));
  EXPECT_THAT(json, HasSubstr(R"("truth":"line\nbreak\ttab")"));
  EXPECT_THAT(json, HasSubstr(R"("predicted":"ctrl\u0001")"));
  EXPECT_THAT(json, HasSubstr(R"("unknown_label":"out \"of\" scope")"));
}

TEST(ReportToJsonTest, EscapesLabelsOfATrainedModel) {
  std::vector<Example> examples = test_util::TinyExamples();
  for (Example& e : examples) {
    if (e.label == "passport") e.label = "passport \"id\"";
  }
  absl::StatusOr<std::unique_ptr<Classifier>> c =
      Classifier::Train(examples, ClassifierOptions());
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string json =
      ReportToJson(Evaluate(**c, examples, EvalOptions()), EvalOptions());
  EXPECT_TRUE(JsonChecker::IsValid(json)) << json;
  EXPECT_THAT(json, HasSubstr(R"("label":"passport \"id\"")"));
}

TEST(JsonCheckerTest, RejectsBrokenJson) {
  // The checker itself must be able to fail.
  EXPECT_TRUE(JsonChecker::IsValid(R"({"a":[1,2.5,-3e2,"x\"y"],"b":{}})"));
  EXPECT_FALSE(JsonChecker::IsValid(R"({"a":"say "hi""})"));
  EXPECT_FALSE(JsonChecker::IsValid(R"({"a":1,})"));
  EXPECT_FALSE(JsonChecker::IsValid(R"({"a":1})"
                                    "}"));
  EXPECT_FALSE(JsonChecker::IsValid("{\"a\":\"line\nbreak\"}"));
  EXPECT_FALSE(JsonChecker::IsValid(""));
}

TEST_F(EvaluationTest, TextReport) {
  EvalOptions o;
  EvalReport r = Evaluate(*classifier_, in_scope_, o);
  std::string text = ReportToText(r, o);
  EXPECT_THAT(
      text,
      AllOf(HasSubstr("examples:          5"),
            HasSubstr("accuracy:          0.8000"),
            HasSubstr("macro-F1:          0.8222"), HasSubstr("parking"),
            HasSubstr("0.500 (2)"), HasSubstr("parking -> passport: 1"),
            Not(HasSubstr("declined")), Not(HasSubstr("in-scope accuracy"))));
  o.min_confidence = 1.01f;
  o.unknown_label = "unknown";
  text = ReportToText(Evaluate(*classifier_, All(), o), o);
  EXPECT_THAT(text, AllOf(HasSubstr("declined:          7"),
                          HasSubstr("in-scope accuracy: 0.0000 (5 rows)"),
                          HasSubstr("unknown recall:    1.0000 (2 rows"),
                          Not(HasSubstr("most confused"))));
}

}  // namespace
}  // namespace switchboard
