// Copyright 2026 The Switchboard Authors.

#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

struct MessagingCase {
  const char* name;
  std::string message;
  std::string expected;  // After whitespace is collapsed.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const MessagingCase& c, std::ostream* os) { *os << c.name; }

class CleanMessagingTest : public ::testing::TestWithParam<MessagingCase> {};

TEST_P(CleanMessagingTest, ExpandsAbbreviationsAndRemovesEmoji) {
  EXPECT_EQ(CollapseWhitespace(CleanMessaging(GetParam().message)),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Expanded, CleanMessagingTest,
    ::testing::Values(
        MessagingCase{"WhatsAppQuestion",
                      "Hoi, kan ik ff langskomen wnr het past? Thx! 👍",
                      "Hoi, kan ik even langskomen wanneer het past? thanks!"},
        MessagingCase{"DottedAbbreviation",
                      "Pls z.s.m. terugbellen, mn pas is kwijt 😟",
                      "please zo snel mogelijk terugbellen, mijn pas is kwijt"},
        MessagingCase{"CaseIgnored", "Idd, MSS morgen? Wrm duurt het zo lang",
                      "inderdaad, misschien morgen? waarom duurt het zo lang"},
        MessagingCase{"MultiWordExpansions",
                      "de datum vd afspraak ipv dinsdag ivm werk",
                      "de datum van de afspraak in plaats van dinsdag in "
                      "verband met werk"},
        MessagingCase{"ApostropheForm", "m'n rijbewijs is verlopen",
                      "mijn rijbewijs is verlopen"},
        MessagingCase{"EnglishSms", "plz call me back tnx",
                      "please call me back thanks"}));

INSTANTIATE_TEST_SUITE_P(
    Kept, CleanMessagingTest,
    ::testing::Values(
        MessagingCase{"CommonWordsStay",
                      "Ok bedankt, kunt u asap bellen? btw hoi",
                      "Ok bedankt, kunt u asap bellen? btw hoi"},
        MessagingCase{"NotInsideWords",
                      "De site is offline, staff van Mnemonic en Eindhoven",
                      "De site is offline, staff van Mnemonic en Eindhoven"},
        MessagingCase{"SingleLettersStay", "n afspraak om 2 u, k",
                      "n afspraak om 2 u, k"}));

}  // namespace
}  // namespace switchboard::normalize_internal
