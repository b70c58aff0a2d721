// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/vocabulary.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/featurizer.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::StatusIs;
using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

constexpr uint8_t kWord = static_cast<uint8_t>(FeatureBlock::kWord);
constexpr uint8_t kChar = static_cast<uint8_t>(FeatureBlock::kChar);

FeatureHashes Doc(std::vector<uint64_t> word, std::vector<uint64_t> chars) {
  FeatureHashes f;
  f.word = std::move(word);
  f.chars = std::move(chars);
  return f;
}

// Document frequencies: 1:3, 2:2, 10:2, 3:1, 11:1 (repeats within a document
// count once).
std::vector<FeatureHashes> ThreeDocs() {
  return {Doc({1, 2, 3, 1, 1}, {10}), Doc({1, 2}, {10, 11}), Doc({1}, {})};
}

double Idf(double n, double df) { return std::log((1 + n) / (1 + df)) + 1; }

// Sum of squares of the values of `x` that fall in `block`.
double BlockNorm2(const Vocabulary& v, const SparseVector& x, uint8_t block) {
  double sum = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    if (v.blocks()[x.index[k]] == block) sum += x.value[k] * x.value[k];
  }
  return sum;
}

TEST(VocabularyTest, EmptyVocabularyFindsNothing) {
  Vocabulary v;
  EXPECT_EQ(v.size(), 0u);
  EXPECT_EQ(v.Find(1), -1);
  SparseVector x;
  x.index = {7};
  x.value = {1};
  v.Vectorize(Doc({1, 2}, {3}), x);
  EXPECT_EQ(x.size(), 0u);
}

TEST(VocabularyTest, BuildKeepsEveryNgramAtMinDfOne) {
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 1, 1000);
  EXPECT_EQ(v.size(), 5u);
  // Most frequent first, ties by hash.
  EXPECT_THAT(v.hashes(), ElementsAre(1, 2, 10, 3, 11));
  EXPECT_THAT(v.blocks(), ElementsAre(kWord, kWord, kChar, kWord, kChar));
  EXPECT_THAT(
      v.idf(),
      ElementsAre(FloatNear(Idf(3, 3), 1e-6), FloatNear(Idf(3, 2), 1e-6),
                  FloatNear(Idf(3, 2), 1e-6), FloatNear(Idf(3, 1), 1e-6),
                  FloatNear(Idf(3, 1), 1e-6)));
  for (size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(v.Find(v.hashes()[i]), static_cast<int64_t>(i));
  }
}

TEST(VocabularyTest, MinDfDropsRareNgrams) {
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 2, 1000);
  EXPECT_THAT(v.hashes(), UnorderedElementsAre(1, 2, 10));
  EXPECT_EQ(v.Find(3), -1);
  EXPECT_EQ(v.Find(11), -1);
  EXPECT_EQ(v.Find(12345), -1);
  EXPECT_THAT(Vocabulary::Build(ThreeDocs(), 3, 1000).hashes(), ElementsAre(1));
  EXPECT_EQ(Vocabulary::Build(ThreeDocs(), 4, 1000).size(), 0u);
}

TEST(VocabularyTest, MaxFeaturesKeepsTheMostFrequent) {
  // 2 and 10 tie at df 2: the lower hash wins.
  EXPECT_THAT(Vocabulary::Build(ThreeDocs(), 1, 2).hashes(), ElementsAre(1, 2));
  EXPECT_THAT(Vocabulary::Build(ThreeDocs(), 1, 3).hashes(),
              ElementsAre(1, 2, 10));
}

TEST(VocabularyTest, BuildIsIndependentOfDocumentOrder) {
  std::vector<FeatureHashes> docs;
  for (uint64_t i = 0; i < 200; ++i) {
    docs.push_back(Doc({i % 17, i % 5 + 100, i * 7919}, {i % 3 + 1000}));
  }
  Vocabulary forward = Vocabulary::Build(docs, 1, 50);
  std::reverse(docs.begin(), docs.end());
  Vocabulary backward = Vocabulary::Build(docs, 1, 50);
  EXPECT_EQ(forward.size(), 50u);
  EXPECT_EQ(forward.hashes(), backward.hashes());
  EXPECT_EQ(forward.idf(), backward.idf());
  EXPECT_EQ(forward.blocks(), backward.blocks());
}

TEST(VocabularyTest, FindsEveryEntryOfALargeVocabulary) {
  std::vector<FeatureHashes> docs(1);
  for (uint64_t i = 0; i < 20000; ++i) {
    docs[0].word.push_back(i * 0x9E3779B97F4A7C15ULL);
  }
  Vocabulary v = Vocabulary::Build(docs, 1, 1'000'000);
  ASSERT_EQ(v.size(), 20000u);
  for (size_t i = 0; i < v.size(); ++i) {
    ASSERT_EQ(v.Find(v.hashes()[i]), static_cast<int64_t>(i));
  }
  EXPECT_EQ(v.Find(0x1234567), -1);
}

TEST(VocabularyTest, HashZeroIsAnOrdinaryFeature) {
  Vocabulary v = Vocabulary::Build({Doc({0, 5}, {})}, 1, 10);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_GE(v.Find(0), 0);
  EXPECT_GE(v.Find(5), 0);
  EXPECT_NE(v.Find(0), v.Find(5));
}

TEST(VocabularyTest, VectorizeNormalizesEachBlock) {
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 1, 1000);
  SparseVector x;
  v.Vectorize(Doc({1, 2, 3}, {10, 11, 11}), x);
  EXPECT_EQ(x.size(), 5u);
  EXPECT_NEAR(BlockNorm2(v, x, kWord), 1.0, 1e-6);
  EXPECT_NEAR(BlockNorm2(v, x, kChar), 1.0, 1e-6);
  // Word features come first, then character features.
  EXPECT_EQ(v.blocks()[x.index.front()], kWord);
  EXPECT_EQ(v.blocks()[x.index.back()], kChar);
}

TEST(VocabularyTest, VectorizeWithOneEmptyBlockNormalizesTheOther) {
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 1, 1000);
  SparseVector x;
  v.Vectorize(Doc({}, {10, 11}), x);
  EXPECT_EQ(x.size(), 2u);
  EXPECT_NEAR(BlockNorm2(v, x, kChar), 1.0, 1e-6);
  EXPECT_EQ(BlockNorm2(v, x, kWord), 0.0);
}

TEST(VocabularyTest, VectorizeIgnoresUnknownNgrams) {
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 1, 1000);
  SparseVector known, mixed;
  v.Vectorize(Doc({1, 2}, {10}), known);
  v.Vectorize(Doc({999, 1, 777, 2, 888}, {555, 10}), mixed);
  EXPECT_EQ(mixed.index, known.index);
  EXPECT_EQ(mixed.value, known.value);

  SparseVector none;
  v.Vectorize(Doc({999}, {555}), none);
  EXPECT_EQ(none.size(), 0u);
}

TEST(VocabularyTest, VectorizeUsesSublinearTermFrequencyTimesIdf) {
  // 1 (idf 1) twice and 3 (idf ln 2 + 1) once: raw values (1 + ln 2) * 1
  // and 1 * (1 + ln 2), equal before and after normalization.
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 1, 1000);
  SparseVector x;
  v.Vectorize(Doc({1, 3, 1}, {}), x);
  ASSERT_EQ(x.size(), 2u);
  EXPECT_NEAR(x.value[0], x.value[1], 1e-6);
  EXPECT_NEAR(x.value[0], std::sqrt(0.5), 1e-6);

  // 1 (idf 1) four times and 2 (idf ln(4/3) + 1) once.
  v.Vectorize(Doc({1, 1, 2, 1, 1}, {}), x);
  ASSERT_EQ(x.size(), 2u);
  const double a = 1 + std::log(4.0), b = Idf(3, 2);
  EXPECT_EQ(x.index[0], static_cast<uint32_t>(v.Find(1)));
  EXPECT_NEAR(x.value[0] / x.value[1], a / b, 1e-5);
  EXPECT_NEAR(x.value[0], a / std::sqrt(a * a + b * b), 1e-6);
}

TEST(VocabularyTest, VectorizeClearsAndIsRepeatable) {
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 1, 1000);
  SparseVector first, x;
  v.Vectorize(Doc({1, 2, 2}, {10}), first);
  v.Vectorize(Doc({3}, {11}), x);
  v.Vectorize(Doc({1, 2, 2}, {10}), x);
  EXPECT_EQ(x.index, first.index);
  EXPECT_EQ(x.value, first.value);
}

TEST(VocabularyTest, VectorizesRealTextToUnitBlocks) {
  Featurizer f{FeaturizerOptions()};
  std::vector<FeatureHashes> docs(3);
  f.Extract("mijn paspoort is verlopen", {}, docs[0]);
  f.Extract("ik wil een parkeervergunning", {"ivr:5"}, docs[1]);
  f.Extract("de container is niet geleegd", {}, docs[2]);
  Vocabulary v = Vocabulary::Build(docs, 1, 100000);
  FeatureHashes query;
  f.Extract("paspoort verlopen, parkeervergunning kwijt", {"ivr:5"}, query);
  SparseVector x;
  v.Vectorize(query, x);
  EXPECT_GT(x.size(), 10u);
  EXPECT_NEAR(BlockNorm2(v, x, kWord), 1.0, 1e-5);
  EXPECT_NEAR(BlockNorm2(v, x, kChar), 1.0, 1e-5);
  for (float value : x.value) EXPECT_GT(value, 0);
}

TEST(VocabularyFromPartsTest, RebuildsAnEqualVocabulary) {
  Vocabulary v = Vocabulary::Build(ThreeDocs(), 1, 1000);
  absl::StatusOr<Vocabulary> w =
      Vocabulary::FromParts(v.hashes(), v.idf(), v.blocks());
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->hashes(), v.hashes());
  SparseVector a, b;
  v.Vectorize(Doc({1, 3, 3}, {11}), a);
  w->Vectorize(Doc({1, 3, 3}, {11}), b);
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(a.value, b.value);
}

TEST(VocabularyFromPartsTest, AcceptsAnEmptyVocabulary) {
  absl::StatusOr<Vocabulary> v = Vocabulary::FromParts({}, {}, {});
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->size(), 0u);
}

TEST(VocabularyFromPartsTest, RejectsArraysOfDifferentLengths) {
  EXPECT_THAT(Vocabulary::FromParts({1, 2}, {1.0f}, {kWord, kWord}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("differ in length")));
  EXPECT_THAT(Vocabulary::FromParts({1, 2}, {1.0f, 1.0f}, {kWord}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("differ in length")));
}

TEST(VocabularyFromPartsTest, RejectsAnUnknownBlock) {
  EXPECT_THAT(Vocabulary::FromParts({1, 2}, {1.0f, 1.0f}, {kWord, 2}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("entry 1 has unknown block 2")));
}

TEST(VocabularyFromPartsTest, RejectsARepeatedHash) {
  EXPECT_THAT(
      Vocabulary::FromParts({4, 5, 4}, {1, 1, 1}, {kWord, kWord, kChar}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("entry 2 repeats a hash")));
}

}  // namespace
}  // namespace switchboard
