// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/featurizer.h"

#include <string>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class FeaturizerTest : public ::testing::Test {
 protected:
  static FeatureHashes Extract(const Featurizer& f, absl::string_view text,
                               std::vector<std::string> signals = {}) {
    FeatureHashes out;
    f.Extract(text, signals, out);
    return out;
  }
  static FeatureHashes Extract(absl::string_view text,
                               std::vector<std::string> signals = {}) {
    return Extract(Featurizer(FeaturizerOptions()), text, std::move(signals));
  }
  static std::vector<std::string> Names(const Featurizer& f,
                                        absl::string_view text,
                                        FeatureBlock block,
                                        std::vector<std::string> signals = {}) {
    std::vector<std::string> names;
    for (const NamedFeature& n : f.ExtractNamed(text, signals)) {
      if (n.block == block) names.push_back(n.name);
    }
    return names;
  }
  static Featurizer Make(int word_max, int char_min, int char_max,
                         bool strip_accents = true) {
    FeaturizerOptions o;
    o.word_ngram_max = word_max;
    o.char_ngram_min = char_min;
    o.char_ngram_max = char_max;
    o.strip_accents = strip_accents;
    EXPECT_THAT(o.Validate(), IsOk());
    return Featurizer(o);
  }
};

bool operator==(const FeatureHashes& a, const FeatureHashes& b) {
  return a.word == b.word && a.chars == b.chars;
}

TEST_F(FeaturizerTest, IsDeterministicAcrossInstancesAndCalls) {
  const std::string text = "Mijn paspoort is verlopen, wat nu?";
  const FeatureHashes a = Extract(text, {"ivr:3"});
  const FeatureHashes b = Extract(text, {"ivr:3"});
  EXPECT_THAT(a.word, Not(IsEmpty()));
  EXPECT_THAT(a.chars, Not(IsEmpty()));
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == Extract("Mijn rijbewijs is verlopen, wat nu?", {"ivr:3"}));
}

TEST_F(FeaturizerTest, ExtractAppendsWithoutClearing) {
  Featurizer f(FeaturizerOptions{});
  FeatureHashes out;
  f.Extract("paspoort", {}, out);
  const size_t words = out.word.size(), chars = out.chars.size();
  f.Extract("paspoort", {}, out);
  EXPECT_EQ(out.word.size(), 2 * words);
  EXPECT_EQ(out.chars.size(), 2 * chars);
  out.Clear();
  EXPECT_THAT(out.word, IsEmpty());
  EXPECT_THAT(out.chars, IsEmpty());
}

TEST_F(FeaturizerTest, IsCaseInsensitive) {
  EXPECT_TRUE(Extract("Paspoort VERLOPEN") == Extract("paspoort verlopen"));
  // Non-ASCII text takes the Unicode case-folding path.
  EXPECT_TRUE(Extract("ÉÉN Paspoort") == Extract("één paspoort"));
  EXPECT_TRUE(Extract("STRAẞE") == Extract("strasse"));
}

TEST_F(FeaturizerTest, StripsAccentsByDefault) {
  EXPECT_TRUE(Extract("één") == Extract("een"));
  EXPECT_TRUE(Extract("geïnteresseerd café") == Extract("geinteresseerd cafe"));
}

TEST_F(FeaturizerTest, KeepsAccentsWhenAsked) {
  Featurizer keep = Make(2, 2, 5, /*strip_accents=*/false);
  EXPECT_FALSE(Extract(keep, "één") == Extract(keep, "een"));
  // Case is still folded.
  EXPECT_TRUE(Extract(keep, "ÉÉN") == Extract(keep, "één"));
}

TEST_F(FeaturizerTest, CharNgramsOfAPaddedWord) {
  // "ab" padded to " ab ": 3 bigrams, 2 trigrams, 1 four-gram, no 5-gram.
  Featurizer f = Make(1, 2, 5);
  EXPECT_EQ(Extract(f, "ab").chars.size(), 6u);
  EXPECT_THAT(
      Names(f, "ab", FeatureBlock::kChar),
      UnorderedElementsAre("c: a", "c:ab", "c:b ", "c: ab", "c:ab ", "c: ab "));
  EXPECT_THAT(Names(f, "ab", FeatureBlock::kWord), ElementsAreArray({"w:ab"}));
}

TEST_F(FeaturizerTest, CharNgramCountsFollowTheRange) {
  // A padded word of L code points has L - n + 1 n-grams of length n.
  // "paspoort" padded is 10 code points.
  EXPECT_EQ(Extract(Make(1, 2, 5), "paspoort").chars.size(),
            size_t{9 + 8 + 7 + 6});
  EXPECT_EQ(Extract(Make(1, 3, 3), "paspoort").chars.size(), 8u);
  EXPECT_EQ(Extract(Make(1, 1, 1), "paspoort").chars.size(), 10u);
  // Two words: n-grams never cross the space between them.
  EXPECT_EQ(Extract(Make(1, 2, 5), "ab cd").chars.size(), 12u);
}

TEST_F(FeaturizerTest, CharNgramsCountCodePointsNotBytes) {
  // " één " is 5 code points (8 bytes): 4 + 3 + 2 + 1 n-grams.
  EXPECT_EQ(Extract(Make(1, 2, 5, /*strip_accents=*/false), "één").chars.size(),
            10u);
}

TEST_F(FeaturizerTest, WhitespaceRunsDoNotMatter) {
  EXPECT_TRUE(Extract("  mijn \t paspoort\n\nis  weg ") ==
              Extract("mijn paspoort is weg"));
}

TEST_F(FeaturizerTest, EmptyTextHasNoFeatures) {
  const FeatureHashes f = Extract("");
  EXPECT_THAT(f.word, IsEmpty());
  EXPECT_THAT(f.chars, IsEmpty());
  EXPECT_THAT(Extract("   \n\t ").chars, IsEmpty());
}

TEST_F(FeaturizerTest, WordsAreRunsOfLettersAndDigits) {
  Featurizer f = Make(1, 2, 5);
  EXPECT_THAT(Names(f, "card-arrived! (2x) 3511AB", FeatureBlock::kWord),
              ElementsAreArray({"w:card", "w:arrived", "w:2x", "w:3511ab"}));
}

TEST_F(FeaturizerTest, WordBigramsOnlyWhenAsked) {
  Featurizer uni = Make(1, 2, 5);
  Featurizer bi = Make(2, 2, 5);
  EXPECT_THAT(Names(uni, "my card arrived", FeatureBlock::kWord),
              ElementsAreArray({"w:my", "w:card", "w:arrived"}));
  EXPECT_THAT(Names(bi, "my card arrived", FeatureBlock::kWord),
              ElementsAreArray({"w:my", "w:card", "w:arrived", "w:my card",
                                "w:card arrived"}));
  EXPECT_EQ(Extract(Make(3, 2, 5), "my card arrived").word.size(), 6u);
  // Bigrams span punctuation between the words.
  EXPECT_THAT(Names(bi, "card, arrived", FeatureBlock::kWord),
              Contains("w:card, arrived"));
}

TEST_F(FeaturizerTest, WordOrderChangesBigramsNotUnigrams) {
  Featurizer bi = Make(2, 2, 5);
  const FeatureHashes ab = Extract(bi, "card arrived");
  const FeatureHashes ba = Extract(bi, "arrived card");
  ASSERT_EQ(ab.word.size(), 3u);
  ASSERT_EQ(ba.word.size(), 3u);
  EXPECT_EQ(ab.word[0], ba.word[1]);
  EXPECT_EQ(ab.word[1], ba.word[0]);
  EXPECT_NE(ab.word[2], ba.word[2]);
}

TEST_F(FeaturizerTest, SignalsAddWordFeatures) {
  Featurizer f = Make(2, 2, 5);
  const FeatureHashes without = Extract(f, "paspoort kwijt");
  const FeatureHashes with = Extract(f, "paspoort kwijt", {"ivr:3", "x:y"});
  EXPECT_EQ(with.word.size(), without.word.size() + 2);
  EXPECT_EQ(with.chars, without.chars);
  EXPECT_THAT(Names(f, "paspoort kwijt", FeatureBlock::kWord, {"ivr:3"}),
              Contains("s:ivr:3"));
  // A signal is not the same feature as the words of its text.
  const FeatureHashes as_text = Extract(f, "ivr:3");
  const uint64_t signal = Extract(f, "", {"ivr:3"}).word.at(0);
  EXPECT_THAT(as_text.word, Not(Contains(signal)));
  EXPECT_NE(signal, Extract(f, "", {"ivr:4"}).word.at(0));
}

TEST_F(FeaturizerTest, ExtractNamedMatchesExtract) {
  for (const Featurizer& f :
       {Make(1, 2, 5), Make(2, 2, 5), Make(4, 1, 8), Make(2, 3, 4, false)}) {
    for (const char* text :
         {"Mijn paspoort is verlopen", "één café, twee croissants!",
          "  spaties   overal  ", "", "ĳzer ﬁets"}) {
      SCOPED_TRACE(text);
      const std::vector<std::string> signals = {"ivr:3", "hashtag:afval"};
      const FeatureHashes hashes = Extract(f, text, signals);
      std::vector<uint64_t> word, chars;
      for (const NamedFeature& n : f.ExtractNamed(text, signals)) {
        (n.block == FeatureBlock::kWord ? word : chars).push_back(n.hash);
        EXPECT_FALSE(n.name.empty());
      }
      EXPECT_EQ(word, hashes.word);
      EXPECT_EQ(chars, hashes.chars);
    }
  }
}

TEST(FeaturizerOptionsTest, DefaultsAreValid) {
  FeaturizerOptions o;
  EXPECT_EQ(o.word_ngram_max, 2);
  EXPECT_EQ(o.char_ngram_min, 2);
  EXPECT_EQ(o.char_ngram_max, 5);
  EXPECT_TRUE(o.strip_accents);
  EXPECT_THAT(o.Validate(), IsOk());
}

struct RangeCase {
  int word_max, char_min, char_max;
  bool valid;
};

void PrintTo(const RangeCase& c, std::ostream* os) {
  *os << c.word_max << "/" << c.char_min << ".." << c.char_max;
}

class FeaturizerValidateTest : public ::testing::TestWithParam<RangeCase> {};

TEST_P(FeaturizerValidateTest, ChecksRanges) {
  FeaturizerOptions o;
  o.word_ngram_max = GetParam().word_max;
  o.char_ngram_min = GetParam().char_min;
  o.char_ngram_max = GetParam().char_max;
  if (GetParam().valid) {
    EXPECT_THAT(o.Validate(), IsOk());
  } else {
    EXPECT_THAT(o.Validate(),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("got")));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Ranges, FeaturizerValidateTest,
    ::testing::Values(RangeCase{1, 1, 1, true}, RangeCase{4, 8, 8, true},
                      RangeCase{2, 1, 8, true}, RangeCase{0, 2, 5, false},
                      RangeCase{5, 2, 5, false}, RangeCase{-1, 2, 5, false},
                      RangeCase{2, 0, 5, false}, RangeCase{2, 2, 9, false},
                      RangeCase{2, 5, 4, false}));

}  // namespace
}  // namespace switchboard
