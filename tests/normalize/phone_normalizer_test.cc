// Copyright 2026 The Switchboard Authors.

#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

struct PhoneCase {
  const char* name;
  std::string transcript;
  std::string expected;  // After whitespace is collapsed.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const PhoneCase& c, std::ostream* os) { *os << c.name; }

class CleanPhoneTranscriptTest : public ::testing::TestWithParam<PhoneCase> {};

TEST_P(CleanPhoneTranscriptTest, RemovesFillersAndEventTags) {
  EXPECT_EQ(CollapseWhitespace(CleanPhoneTranscript(GetParam().transcript)),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Fillers, CleanPhoneTranscriptTest,
    ::testing::Values(
        PhoneCase{"DutchFillersWithCommas",
                  "Ja goedemorgen, eh, ik bel over mijn eh "
                  "parkeervergunning.",
                  "Ja goedemorgen, ik bel over mijn parkeervergunning."},
        PhoneCase{"FillerWithEllipsisAtStart",
                  "Ehm... ik wil graag, uhm, een afspraak maken",
                  "ik wil graag, een afspraak maken"},
        PhoneCase{"UnicodeEllipsis", "Euh… mijn pas is verlopen",
                  "mijn pas is verlopen"},
        PhoneCase{"Nou", "Nou, ik heb een vraag over de WOZ-waarde",
                  "ik heb een vraag over de WOZ-waarde"},
        PhoneCase{"ElongatedFillers",
                  "Ehhh mijn container hmmm is eeh niet geleegd mmm",
                  "mijn container is niet geleegd"},
        PhoneCase{"CaseInsensitive", "EHM mijn UH adres UHM is gewijzigd",
                  "mijn adres is gewijzigd"},
        PhoneCase{"WeetJe", "Weet je, de lantaarnpaal is kapot, weet je wel.",
                  "de lantaarnpaal is kapot,"},
        PhoneCase{"EnglishFillers",
                  "Um, I'd like to, you know, report a broken streetlight. "
                  "I mean, it has been dark for weeks.",
                  "I'd like to, report a broken streetlight. it has been dark "
                  "for weeks."}));

INSTANTIATE_TEST_SUITE_P(
    KeptWords, CleanPhoneTranscriptTest,
    ::testing::Values(
        PhoneCase{"JaAndNeeStay", "Ja nee dat klopt, ja.",
                  "Ja nee dat klopt, ja."},
        PhoneCase{"FillerLettersInsideWords",
                  "Ik wil de EHBO-cursus, het museum en Nouveau boeken",
                  "Ik wil de EHBO-cursus, het museum en Nouveau boeken"},
        PhoneCase{"SingleMIsAUnit", "De stoep is 2 m breed",
                  "De stoep is 2 m breed"},
        PhoneCase{"UmbrellaAndHumStay", "My umbrella hums", "My umbrella hums"},
        PhoneCase{"KnowAndMeanAlone", "I know what you mean",
                  "I know what you mean"}));

INSTANTIATE_TEST_SUITE_P(
    EventTags, CleanPhoneTranscriptTest,
    ::testing::Values(
        PhoneCase{"SquareTagsAlwaysDropped",
                  "[noise] Ik bel over [inaudible] mijn uitkering",
                  "Ik bel over mijn uitkering"},
        PhoneCase{
            "KnownRoundTagsDropped",
            "Mijn aanvraag (stilte) is (Onverstaanbaar) afgewezen (lacht)",
            "Mijn aanvraag is afgewezen"},
        PhoneCase{"TagBetweenWordsKeepsThemApart", "ik[noise]wil", "ik wil"},
        PhoneCase{"OtherParenthesesKept", "Mijn nummer (BSN) is bekend",
                  "Mijn nummer (BSN) is bekend"},
        PhoneCase{"UnclosedBracketKept", "Bedrag [onbekend is te hoog",
                  "Bedrag [onbekend is te hoog"}));

TEST(CleanPhoneTranscriptRobustnessTest, OnlyFillersLeaveNothing) {
  EXPECT_EQ(CollapseWhitespace(CleanPhoneTranscript("Eh... ehm, uhm. [noise]")),
            "");
}

TEST(CleanPhoneTranscriptRobustnessTest, LongInputOfBracketsStaysLinear) {
  std::string input(256 * 1024, '[');
  EXPECT_EQ(CleanPhoneTranscript(input), input);
}

}  // namespace
}  // namespace switchboard::normalize_internal
