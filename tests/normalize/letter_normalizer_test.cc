// Copyright 2026 The Switchboard Authors.

#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

struct LetterCase {
  const char* name;
  std::string ocr;
  std::string expected;  // After whitespace is collapsed.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const LetterCase& c, std::ostream* os) { *os << c.name; }

class CleanLetterTest : public ::testing::TestWithParam<LetterCase> {};

TEST_P(CleanLetterTest, JoinsLinesAndDropsPageFurniture) {
  EXPECT_EQ(CollapseWhitespace(CleanLetter(GetParam().ocr)),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Letters, CleanLetterTest,
    ::testing::Values(
        LetterCase{"TwoPageLetter",
                   "Geachte heer/mevrouw,\n\nHierbij dien ik een aan-\n"
                   "vraag in voor bijzondere bij-\nstand.\n\nPagina 1 van 2\n"
                   "\nIk ontvang sinds januari geen uit-\nkering meer.\n"
                   "- 2 -\nHoogachtend,\nP. de Vries",
                   "Geachte heer/mevrouw, Hierbij dien ik een aanvraag in voor "
                   "bijzondere bijstand. Ik ontvang sinds januari geen "
                   "uitkering meer. Hoogachtend, P. de Vries"},
        LetterCase{"HyphenAcrossPageBreak",
                   "Ik verzoek u mijn aan-\n\nPagina 1 van 2\n\nvraag opnieuw "
                   "te bekijken.",
                   "Ik verzoek u mijn aanvraag opnieuw te bekijken."},
        LetterCase{"NonAsciiLowercaseContinuation",
                   "Ik ben zeer ge-\nïnteresseerd in de vacature.",
                   "Ik ben zeer geïnteresseerd in de vacature."},
        LetterCase{"RealHyphenBeforeCapital",
                   "Ik woon sinds kort in Noord-\nHolland.",
                   "Ik woon sinds kort in Noord-Holland."},
        LetterCase{"BetreftKept",
                   "Betreft: Bezwaar tegen aanslag 2024\n\nGeachte heer,",
                   "Betreft: Bezwaar tegen aanslag 2024 Geachte heer,"},
        LetterCase{"AmountWithDashIsNotAHyphen",
                   "Het bedrag van € 45,-\nper maand is te hoog.",
                   "Het bedrag van € 45,- per maand is te hoog."},
        LetterCase{"EnglishPageMarkers",
                   "Page 1 of 3\nDear Sir or Madam,\nPage 2 of 3\nI object "
                   "to the fine.\n2/3\n3",
                   "Dear Sir or Madam, I object to the fine."},
        LetterCase{"TrailingHyphenAtEnd", "Met vriendelijke groet, aan-",
                   "Met vriendelijke groet, aan-"}));

class PageMarkerTest : public ::testing::TestWithParam<const char*> {};

TEST_P(PageMarkerTest, IsDropped) {
  EXPECT_EQ(CleanLetter(GetParam()), "") << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Markers, PageMarkerTest,
                         ::testing::Values("Pagina 1 van 2", "PAGINA 2 VAN 2",
                                           "Pagina 3", "Page 2 of 3", "page 4",
                                           "Blz. 2", "Blad 1 van 4", "- 2 -",
                                           "– 3 –", "—4—", "2/3", "2 / 3", "3",
                                           "  12  ", "2 van 5"));

class NotAPageMarkerTest : public ::testing::TestWithParam<const char*> {};

TEST_P(NotAPageMarkerTest, IsKept) {
  EXPECT_EQ(CollapseWhitespace(CleanLetter(GetParam())), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Content, NotAPageMarkerTest,
                         ::testing::Values("2 kinderen", "Pagina's",
                                           "Pagina 2 is kwijt", "123456789",
                                           "12 van 20 euro", "- ja -",
                                           "2/3 deel", "Page two of three"));

}  // namespace
}  // namespace switchboard::normalize_internal
