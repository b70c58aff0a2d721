// Copyright 2026 The Switchboard Authors.

#include "switchboard/text/case_fold.h"

#include <ostream>
#include <string>

#include "gtest/gtest.h"

namespace switchboard {
namespace {

struct FoldCase {
  const char* name;
  std::string text;
  std::string folded;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const FoldCase& c, std::ostream* os) { *os << c.name; }

class CaseFoldTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(CaseFoldTest, FoldsKeepingAccents) {
  EXPECT_EQ(CaseFold(GetParam().text), GetParam().folded);
}

INSTANTIATE_TEST_SUITE_P(
    KeepAccents, CaseFoldTest,
    ::testing::Values(
        FoldCase{"Ascii", "Paspoort AANVRAGEN", "paspoort aanvragen"},
        FoldCase{"EAcute", "É", "é"}, FoldCase{"Een", "ÉÉN", "één"},
        FoldCase{"IjLigatureUpper", "Ĳssel", "ijssel"},
        FoldCase{"IjLigatureLower", "ĳs", "ijs"},
        FoldCase{"SharpS", "Straße", "strasse"},
        FoldCase{"FiLigature", "ﬁets", "fiets"},
        FoldCase{"DiaeresisKept", "GEÏNTERESSEERD", "geïnteresseerd"},
        FoldCase{"Empty", "", ""}));

class StripAccentsTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(StripAccentsTest, FoldsAndStripsAccents) {
  EXPECT_EQ(CaseFold(GetParam().text, {.strip_accents = true}),
            GetParam().folded);
}

INSTANTIATE_TEST_SUITE_P(
    StripAccents, StripAccentsTest,
    ::testing::Values(FoldCase{"Diaeresis", "geïnteresseerd", "geinteresseerd"},
                      FoldCase{"Een", "één", "een"},
                      FoldCase{"UpperEen", "ÉÉN", "een"},
                      FoldCase{"Cafe", "Café", "cafe"},
                      FoldCase{"IjLigature", "Ĳssel", "ijssel"},
                      FoldCase{"AsciiOnlyLowered", "WOZ-Waarde",
                               "woz-waarde"}));

TEST(CaseFoldInvalidTest, InvalidUtf8IsLoweredBytewise) {
  EXPECT_EQ(CaseFold("AB\xFF"), "ab\xFF");
  EXPECT_EQ(CaseFold("Één\xC3"), "Één\xC3");  // Non-ASCII left unchanged.
}

}  // namespace
}  // namespace switchboard
