// Copyright 2026 The Switchboard Authors.

#include <ostream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"
#include "switchboard/text/utf8.h"

namespace switchboard::normalize_internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct EmailCase {
  const char* name;
  std::string body;
  std::string expected;  // After whitespace is collapsed.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const EmailCase& c, std::ostream* os) { *os << c.name; }

class CleanEmailTest : public ::testing::TestWithParam<EmailCase> {};

TEST_P(CleanEmailTest, KeepsOnlyWhatTheSenderWrote) {
  EXPECT_EQ(CollapseWhitespace(CleanEmail(GetParam().body)),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    PlainText, CleanEmailTest,
    ::testing::Values(
        EmailCase{"DutchClosingAndSignature",
                  "Beste,\n\nIk wil graag een parkeervergunning aanvragen voor "
                  "de Dorpsstraat.\n\nMet vriendelijke groet,\nJan de Vries\n"
                  "Dorpsstraat 12\n3511 AB Utrecht",
                  "Beste, Ik wil graag een parkeervergunning aanvragen voor de "
                  "Dorpsstraat."},
        EmailCase{"GmailDutchReplyHeaderWrapped",
                  "Ik heb mijn paspoort nog steeds niet ontvangen.\n\n"
                  "Op ma 4 mrt. 2024 om 10:12 schreef Gemeente Utrecht <\n"
                  "info@utrecht.nl>:\n\n> Beste meneer,\n> Uw aanvraag is in "
                  "behandeling.",
                  "Ik heb mijn paspoort nog steeds niet ontvangen."},
        EmailCase{"ThunderbirdDutchReplyHeader",
                  "Dank voor uw antwoord, maar de boete klopt niet.\n"
                  "Op 04-03-2024 om 10:12 schreef Team Parkeren:\n"
                  "Geachte heer Jansen, de boete blijft staan.",
                  "Dank voor uw antwoord, maar de boete klopt niet."},
        EmailCase{"AppleMailDutchReplyHeader",
                  "Kunt u mij terugbellen?\n\nOp 4 mrt. 2024 om 10:12 heeft "
                  "Jan Jansen <jan@example.nl> het volgende geschreven:\n\n"
                  "Oude tekst",
                  "Kunt u mij terugbellen?"},
        EmailCase{"EnglishReplyHeader",
                  "Could you tell me when the bin will be collected?\n\n"
                  "On Mon, Mar 4, 2024 at 10:12 AM City Council "
                  "<info@city.example> wrote:\n> Dear resident,\n> Thank you.",
                  "Could you tell me when the bin will be collected?"},
        EmailCase{"OutlookOorspronkelijkBericht",
                  "Graag ontvang ik een nieuwe aanslag.\n\n"
                  "-----Oorspronkelijk bericht-----\n"
                  "Van: Belastingen <belastingen@gemeente.nl>\n"
                  "Verzonden: maandag 4 maart 2024 10:12\nAan: Jan\n"
                  "Onderwerp: Aanslag\n\nGeachte heer, hierbij uw aanslag.",
                  "Graag ontvang ik een nieuwe aanslag."},
        EmailCase{"OutlookVanVerzondenHeader",
                  "Zie de melding hieronder, er is nog niets gebeurd.\n"
                  "________________________________\n"
                  "Van: Gemeente <info@gemeente.nl>\n"
                  "Verzonden: dinsdag 5 maart 2024 09:00\n"
                  "Aan: jan@example.nl\nOnderwerp: Uw melding\n\n"
                  "We hebben uw melding ontvangen.",
                  "Zie de melding hieronder, er is nog niets gebeurd."},
        EmailCase{"OutlookFromSentHeader",
                  "Please cancel my appointment.\n\n"
                  "From: Service Desk <desk@city.example>\n"
                  "Sent: Tuesday, March 5, 2024 9:00 AM\nTo: me\n"
                  "Subject: Appointment\n\nYour appointment is confirmed.",
                  "Please cancel my appointment."},
        EmailCase{"OriginalMessageSeparator",
                  "My address changed.\n-----Original Message-----\n"
                  "Please confirm your address.",
                  "My address changed."},
        EmailCase{"DashDashSignature",
                  "De lantaarnpaal voor nummer 8 is kapot.\n-- \nPiet Jansen\n"
                  "Tel 06-12345678",
                  "De lantaarnpaal voor nummer 8 is kapot."},
        EmailCase{"InlineQuotesDroppedAnswersKept",
                  "> Wat is uw klantnummer?\nMijn klantnummer is 12345.\n"
                  "> En uw adres?\nKerkstraat 3",
                  "Mijn klantnummer is 12345. Kerkstraat 3"},
        EmailCase{"VerzondenVanafMijnIPhone",
                  "Wanneer wordt het grofvuil opgehaald?\n\n"
                  "Verzonden vanaf mijn iPhone",
                  "Wanneer wordt het grofvuil opgehaald?"},
        EmailCase{"SentFromMyIPhoneBeforeQuote",
                  "Thanks, the form works now? It still says error 500.\n\n"
                  "Sent from my iPhone\n\nOn 5 Mar 2024, at 09:00, Desk "
                  "<desk@city.example> wrote:\n> Try again.",
                  "Thanks, the form works now? It still says error 500."},
        EmailCase{"MvgWithNameOnSameLine",
                  "Mijn container is niet geleegd.\nMvg Jan",
                  "Mijn container is niet geleegd."},
        EmailCase{"KindRegardsEnglish",
                  "Where can I pay my parking fine?\n\nKind regards,\nAnna "
                  "Smith\nSenior Consultant",
                  "Where can I pay my parking fine?"},
        EmailCase{"ShortEnglishClosing",
                  "I'm writing about my tax assessment.\nThe amount is "
                  "wrong.\n\nBest,\nTom",
                  "I'm writing about my tax assessment. The amount is wrong."},
        EmailCase{"BestAsContentIsKept",
                  "Hello,\nBest time to reach me is after 17:00 on weekdays.",
                  "Hello, Best time to reach me is after 17:00 on weekdays."},
        EmailCase{"ThanksFollowedBySentenceIsContent",
                  "I applied in January.\nThanks, but the permit still has "
                  "not arrived.\nKind regards,\nAnna",
                  "I applied in January. Thanks, but the permit still has not "
                  "arrived."},
        EmailCase{"ClosingAsFirstLineIsKept",
                  "Kind regards,\nI never got my refund.",
                  "Kind regards, I never got my refund."},
        EmailCase{"CitizenWritingOpSchreefIsNotAHeader",
                  "Op 3 maart schreef ik u over mijn bezwaar:\n"
                  "ik heb nog steeds geen antwoord gekregen.",
                  "Op 3 maart schreef ik u over mijn bezwaar: ik heb nog "
                  "steeds geen antwoord gekregen."},
        EmailCase{"AngleBracketAddressStaysPlainText",
                  "Mijn nieuwe adres is <jan@example.nl>, en 3 < 4 klopt.",
                  "Mijn nieuwe adres is <jan@example.nl>, en 3 < 4 klopt."},
        EmailCase{"OnlyQuoteLeavesNothing",
                  "Op ma 4 mrt. 2024 om 10:12 schreef Gemeente "
                  "<info@gemeente.nl>:\n> Uw afspraak staat.",
                  ""}));

INSTANTIATE_TEST_SUITE_P(
    Html, CleanEmailTest,
    ::testing::Values(
        EmailCase{"ParagraphsStyleAndEntities",
                  "<html><head><style>p { color: red; }</style></head><body>"
                  "<p>Beste,</p><p>Ik wil een afspraak voor een rijbewijs"
                  "&nbsp;&amp; paspoort.</p><div>Met vriendelijke groet,<br>"
                  "Sanne</div></body></html>",
                  "Beste, Ik wil een afspraak voor een rijbewijs & paspoort."},
        EmailCase{"NumericAndNamedEntities",
                  "<p>Caf&#233; &#x20AC;5 &lt;b&gt; co&ouml;rdinatie "
                  "financi&euml;le &quot;hulp&quot; &#39;nu&#39;</p>",
                  "Café €5 <b> coördinatie financiële \"hulp\" 'nu'"},
        EmailCase{"UnknownAndBrokenEntitiesKept",
                  "<div>R&D &foo; &#xZZ; &#0; &amp</div>",
                  "R&D &foo; &#xZZ; &#0; &amp"},
        EmailCase{"GmailQuoteBlock",
                  "<div dir=\"ltr\">Is de milieustraat zaterdag open?</div>"
                  "<br><div class=\"gmail_quote\"><div dir=\"ltr\" "
                  "class=\"gmail_attr\">Op di 5 mrt 2024 om 09:00 schreef "
                  "Gemeente &lt;info@gemeente.nl&gt;:<br></div><blockquote "
                  "class=\"gmail_quote\">Beste inwoner, ...</blockquote></div>",
                  "Is de milieustraat zaterdag open?"},
        EmailCase{"ScriptAndCommentsDropped",
                  "<!--[if mso]><xml>o:OfficeDocumentSettings</xml>"
                  "<![endif]--><script>alert('x')</script><p>Mijn pas is "
                  "gestolen.</p>",
                  "Mijn pas is gestolen."},
        EmailCase{"SourceLineBreaksAreNotTextBreaks",
                  "<p>Ik wil\nmijn afspraak\r\nverzetten.</p><p>-- </p>"
                  "<p>Jan</p>",
                  "Ik wil mijn afspraak verzetten."},
        EmailCase{"ListItemsBecomeLines",
                  "<ul><li>Kapotte lantaarnpaal</li><li>Losse stoeptegel</li>"
                  "</ul><p>Groeten,</p><p>Ali</p>",
                  "Kapotte lantaarnpaal Losse stoeptegel"},
        EmailCase{"UnclosedTagAtEnd", "<p>Hallo, wanneer is het <b",
                  "Hallo, wanneer is het <b"},
        EmailCase{"UnclosedStyleDropsRest",
                  "<p>Voor</p><style>p { color: red }", "Voor"}));

TEST(CleanEmailRobustnessTest, PathologicalHtmlStaysLinearAndValid) {
  const std::string inputs[] = {
      "<p>" + std::string(256 * 1024, '<'),
      "<div>" + std::string(64 * 1024, '&') + "<br>",
      "<p>" + std::string(100000, 'x') + "<style>",
      "<br>" + std::string(50000, '>') + "<!--",
  };
  for (const std::string& input : inputs) {
    std::string out = CleanEmail(input);
    EXPECT_EQ(FindInvalidUtf8(out), absl::string_view::npos);
    EXPECT_LE(out.size(), input.size());
  }
}

TEST(CleanEmailRobustnessTest, ManyHeaderLikeLinesStayCheap) {
  std::string body;
  while (body.size() < 256 * 1024) {
    body += "Op een dag schreef ik\nVan: mij\n> quote\n---\nOn it\n";
  }
  std::string out = CleanEmail(body);
  EXPECT_THAT(out, HasSubstr("Op een dag schreef ik"));
  EXPECT_THAT(out, Not(HasSubstr("> quote")));
}

}  // namespace
}  // namespace switchboard::normalize_internal
