// Copyright 2026 The Switchboard Authors.

#include "switchboard/text/text_util.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::testing::ElementsAre;

constexpr size_t kNpos = absl::string_view::npos;

struct CollapseCase {
  const char* name;
  std::string text;
  std::string collapsed;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const CollapseCase& c, std::ostream* os) { *os << c.name; }

class CollapseWhitespaceTest : public ::testing::TestWithParam<CollapseCase> {};

TEST_P(CollapseWhitespaceTest, Collapses) {
  EXPECT_EQ(CollapseWhitespace(GetParam().text), GetParam().collapsed);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CollapseWhitespaceTest,
    ::testing::Values(CollapseCase{"Mixed", "  Mijn \t pas\r\n\nis kwijt  ",
                                   "Mijn pas is kwijt"},
                      CollapseCase{"NoBreakSpace",
                                   "€\xC2\xA0"
                                   "12,50",
                                   "€ 12,50"},
                      CollapseCase{"Empty", "", ""},
                      CollapseCase{"OnlySpaces", " \t\n ", ""},
                      CollapseCase{"VerticalTabAndFormFeed", "a\v\fb", "a b"},
                      CollapseCase{"NonAsciiUntouched", "één  ĳs", "één ĳs"}));

TEST(SplitLinesTest, SplitsAndDropsCarriageReturns) {
  EXPECT_THAT(SplitLines("a\r\nb\nc"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(SplitLines("a\n"), ElementsAre("a", ""));
  EXPECT_THAT(SplitLines(""), ElementsAre(""));
  EXPECT_THAT(SplitLines("\n\n"), ElementsAre("", "", ""));
}

TEST(IsWordCharTest, LettersMarksAndDigitsOfAnyScript) {
  for (char32_t cp :
       {U'a', U'Z', U'7', U'é', U'ĳ', U'ж', U'中', U'٣', U'\u0301'}) {
    EXPECT_TRUE(IsWordChar(cp)) << static_cast<uint32_t>(cp);
  }
  for (char32_t cp : {U' ', U',', U'-', U'_', U'@', U'😀', U'’', U'…', U'€'}) {
    EXPECT_FALSE(IsWordChar(cp)) << static_cast<uint32_t>(cp);
  }
}

TEST(IsLowercaseLetterTest, OnlyLowercaseLetters) {
  EXPECT_TRUE(IsLowercaseLetter(U'a'));
  EXPECT_TRUE(IsLowercaseLetter(U'ï'));
  EXPECT_TRUE(IsLowercaseLetter(U'ĳ'));
  EXPECT_FALSE(IsLowercaseLetter(U'A'));
  EXPECT_FALSE(IsLowercaseLetter(U'É'));
  EXPECT_FALSE(IsLowercaseLetter(U'3'));
  EXPECT_FALSE(IsLowercaseLetter(U'-'));
}

TEST(WordCharAtTest, LooksAtWholeCharacters) {
  const std::string text = "één, x";  // é=2 bytes, so ',' is at byte 5.
  EXPECT_TRUE(IsWordCharAt(text, 0));
  EXPECT_TRUE(IsWordCharAt(text, 2));
  EXPECT_FALSE(IsWordCharAt(text, 5));
  EXPECT_FALSE(IsWordCharAt(text, text.size()));
  EXPECT_FALSE(IsWordCharBefore(text, 0));
  EXPECT_TRUE(IsWordCharBefore(text, 2));   // After the first 'é'.
  EXPECT_TRUE(IsWordCharBefore(text, 5));   // After 'n'.
  EXPECT_FALSE(IsWordCharBefore(text, 6));  // After ','.
  EXPECT_FALSE(IsWordCharBefore(text, 1));  // Inside 'é': not a character.
}

TEST(WordEndTest, StopsAtNonWordCharacters) {
  EXPECT_EQ(WordEnd("één, twee", 0), 5u);
  EXPECT_EQ(WordEnd("één, twee", 5), 5u);
  EXPECT_EQ(WordEnd("abc", 0), 3u);
  EXPECT_EQ(WordEnd("x👍y", 0), 1u);
}

struct MatchCase {
  const char* name;
  std::string text;
  size_t pos;
  std::string phrase;
  size_t end;  // kNpos for no match.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const MatchCase& c, std::ostream* os) { *os << c.name; }

class MatchWordsAtTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(MatchWordsAtTest, MatchesWholeWords) {
  EXPECT_EQ(MatchWordsAt(GetParam().text, GetParam().pos, GetParam().phrase),
            GetParam().end);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MatchWordsAtTest,
    ::testing::Values(
        MatchCase{"Word", "eh ik", 0, "eh", 2},
        MatchCase{"PrefixOfLongerWord", "ehbo", 0, "eh", kNpos},
        MatchCase{"SuffixOfLongerWord", "geh", 1, "eh", kNpos},
        MatchCase{"CaseIgnored", "Weet JE", 0, "weet je", 7},
        MatchCase{"SpaceMatchesRun", "weet \t je wel", 0, "weet je", 9},
        MatchCase{"SpaceNeedsWhitespace", "weetje", 0, "weet je", kNpos},
        MatchCase{"TrailingDot", "z.s.m. graag", 0, "z.s.m.", 6},
        MatchCase{"FollowedByAccentedLetter", "ffé", 0, "ff", kNpos},
        MatchCase{"AfterAccentedLetter", "éff", 2, "ff", kNpos},
        MatchCase{"AtEnd", "bel ff", 4, "ff", 6},
        MatchCase{"PastTheText", "ff", 2, "ff", kNpos},
        MatchCase{"EmptyPhrase", "ff", 0, "", kNpos}));

TEST(FindWordsTest, FindsFirstWholeWordMatch) {
  EXPECT_EQ(FindWords("Op 4 mrt schreef Jan:", "schreef"), 9u);
  EXPECT_EQ(FindWords("Hij beschreef het", "schreef"), kNpos);
  EXPECT_EQ(FindWords("Wrote; wrote", "wrote", 1), 7u);
  EXPECT_EQ(FindWords("", "wrote"), kNpos);
}

TEST(RewriteWordsTest, RewritesOnlyAtWordStarts) {
  auto upper_ff = [](absl::string_view text, size_t pos,
                     std::string& out) -> size_t {
    size_t end = MatchWordsAt(text, pos, "ff");
    if (end == kNpos) return pos;
    out += "even";
    return end;
  };
  EXPECT_EQ(RewriteWords("ff bellen, staff, FF.", upper_ff),
            "even bellen, staff, even.");
  EXPECT_EQ(RewriteWords("", upper_ff), "");
  EXPECT_EQ(RewriteWords("één ff ĳs", upper_ff), "één even ĳs");
}

TEST(RewriteWordsTest, RewriterSeesEveryWordOnce) {
  std::vector<std::string> seen;
  RewriteWords("Mijn pas, één keer!",
               [&seen](absl::string_view text, size_t pos, std::string&) {
                 seen.emplace_back(text.substr(pos, WordEnd(text, pos) - pos));
                 return pos;
               });
  EXPECT_THAT(seen, ElementsAre("Mijn", "pas", "één", "keer"));
}

struct LabelCase {
  const char* name;
  std::string line;
  std::optional<std::pair<std::string, std::string>> expected;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const LabelCase& c, std::ostream* os) { *os << c.name; }

class SplitLabelTest : public ::testing::TestWithParam<LabelCase> {};

TEST_P(SplitLabelTest, Splits) {
  std::optional<LabeledLine> got = SplitLabel(GetParam().line);
  ASSERT_EQ(got.has_value(), GetParam().expected.has_value());
  if (!got.has_value()) return;
  EXPECT_EQ(got->label, GetParam().expected->first);
  EXPECT_EQ(got->value, GetParam().expected->second);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SplitLabelTest,
    ::testing::Values(
        LabelCase{"Simple", "Naam: Jan", {{"Naam", "Jan"}}},
        LabelCase{"Trimmed",
                  "  Uw vraag:   Waar is mijn pas?  ",
                  {{"Uw vraag", "Waar is mijn pas?"}}},
        LabelCase{"EmptyValue", "Telefoon:", {{"Telefoon", ""}}},
        LabelCase{"TimeIsNotALabel", "Om 10:30 ben ik er", std::nullopt},
        LabelCase{"UrlIsNotALabel", "https://example.nl", std::nullopt},
        LabelCase{"EmptyLabel", ": waarde", std::nullopt},
        LabelCase{"ColonInsideParentheses",
                  "Klant (10:02): hoi",
                  {{"Klant (10:02)", "hoi"}}},
        LabelCase{"LabelTooLong", std::string(41, 'x') + ": waarde",
                  std::nullopt},
        LabelCase{"LabelAtLimit",
                  std::string(40, 'x') + ": waarde",
                  {{std::string(40, 'x'), "waarde"}}}));

}  // namespace
}  // namespace switchboard
