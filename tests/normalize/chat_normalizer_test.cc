// Copyright 2026 The Switchboard Authors.

#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

struct ChatCase {
  const char* name;
  std::string turns;
  std::string customer_only;  // After whitespace is collapsed.
  std::string all_turns;      // With keep_agent_turns.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const ChatCase& c, std::ostream* os) { *os << c.name; }

class CleanChatTest : public ::testing::TestWithParam<ChatCase> {};

TEST_P(CleanChatTest, KeepsCustomerTurnsWithoutPrefixes) {
  EXPECT_EQ(CollapseWhitespace(CleanChat(GetParam().turns, false)),
            GetParam().customer_only);
}

TEST_P(CleanChatTest, KeepsAllTurnsWhenAsked) {
  EXPECT_EQ(CollapseWhitespace(CleanChat(GetParam().turns, true)),
            GetParam().all_turns);
}

INSTANTIATE_TEST_SUITE_P(
    Transcripts, CleanChatTest,
    ::testing::Values(
        ChatCase{"DutchBotAndAgent",
                 "Bot: Waarmee kan ik u helpen?\n"
                 "Klant: Ik wil mijn adres wijzigen\n"
                 "Medewerker: Dat kan via MijnGemeente.\n"
                 "Klant: Dank je",
                 "Ik wil mijn adres wijzigen Dank je",
                 "Waarmee kan ik u helpen? Ik wil mijn adres wijzigen Dat kan "
                 "via MijnGemeente. Dank je"},
        ChatCase{"EnglishCaseInsensitive",
                 "AGENT: Hi, how can I help?\r\ncustomer: My bin was not "
                 "emptied\r\nOperator: Sorry to hear that",
                 "My bin was not emptied",
                 "Hi, how can I help? My bin was not emptied Sorry to hear "
                 "that"},
        ChatCase{"BracketedTimestamps",
                 "[10:02] Klant: Mijn paspoort is gestolen\n"
                 "[10:03] Medewerker: Heeft u aangifte gedaan?\n"
                 "[10:04] Klant: Ja, gisteren",
                 "Mijn paspoort is gestolen Ja, gisteren",
                 "Mijn paspoort is gestolen Heeft u aangifte gedaan? Ja, "
                 "gisteren"},
        ChatCase{"OtherTimestampStyles",
                 "10:02 Bezoeker: Is het stadhuis open?\n"
                 "(10:02:33) Chatbot: Ja, tot 17:00.\n"
                 "[2024-03-04 10:03] Visitor: Thanks",
                 "Is het stadhuis open? Thanks",
                 "Is het stadhuis open? Ja, tot 17:00. Thanks"},
        ChatCase{"SpeakerWithNameOrParentheses",
                 "Medewerker Sanne de Vries: Goedemiddag!\n"
                 "Klant (Jan): Ik kreeg een aanmaning\n"
                 "Gemeente Utrecht: Die klopt.",
                 "Ik kreeg een aanmaning",
                 "Goedemiddag! Ik kreeg een aanmaning Die klopt."},
        ChatCase{"UAndYouAreTheCustomer",
                 "Support: Welkom\nU: ik wil een afspraak\nYou: asap please",
                 "ik wil een afspraak asap please",
                 "Welkom ik wil een afspraak asap please"},
        ChatCase{"SentenceStartsAreNotSpeakers",
                 "Agent: Wat is uw vraag?\n"
                 "U kunt mij bellen: 0612345678\n"
                 "Klant nummer: 4411\n"
                 "10:30 kan ik langskomen?",
                 "U kunt mij bellen: 0612345678 Klant nummer: 4411 10:30 kan "
                 "ik langskomen?",
                 "Wat is uw vraag? U kunt mij bellen: 0612345678 Klant "
                 "nummer: 4411 10:30 kan ik langskomen?"},
        ChatCase{"UnprefixedLinesAreTheCustomers",
                 "Ik heb een vraag over de hondenbelasting\nhoe hoog is die?",
                 "Ik heb een vraag over de hondenbelasting hoe hoog is die?",
                 "Ik heb een vraag over de hondenbelasting hoe hoog is die?"},
        ChatCase{"OnlyAgentTurns", "Bot: Hallo!\nBot: Bent u er nog?", "",
                 "Hallo! Bent u er nog?"}));

TEST(CleanChatRobustnessTest, ManyLongPrefixLikeLinesStayLinear) {
  std::string turns;
  while (turns.size() < 256 * 1024) turns += "[10:0" + std::string(40, ':');
  EXPECT_EQ(CleanChat(turns, false), turns + "\n");
}

}  // namespace
}  // namespace switchboard::normalize_internal
