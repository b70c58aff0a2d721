// Copyright 2026 The Switchboard Authors.

#include "switchboard/normalize/normalizer.h"

#include <functional>
#include <iterator>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "complexity_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/contact.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

Contact MakeContact(Channel channel, std::string body) {
  Contact contact;
  contact.id = "c-17";
  contact.channel = channel;
  contact.body = std::move(body);
  return contact;
}

// Expects INVALID_ARGUMENT with exactly `message`.
void ExpectInvalid(const absl::StatusOr<NormalizedContact>& result,
                   const std::string& message) {
  ASSERT_FALSE(result.ok()) << "text: " << result->text;
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), message);
}

class NormalizeTest : public ::testing::Test {
 protected:
  absl::StatusOr<NormalizedContact> Run(const Contact& contact) {
    return Normalize(contact, options_);
  }

  NormalizeOptions options_;
};

// ---------------------------------------------------------------------------
// Errors.

TEST_F(NormalizeTest, UnknownChannel) {
  ExpectInvalid(Run(MakeContact(Channel::kUnspecified, "Hallo")),
                "contact c-17: unknown channel");
}

TEST_F(NormalizeTest, InvalidUtf8InBodyNamesTheByte) {
  std::string body(212, 'a');
  body += "\xFF en verder";
  ExpectInvalid(Run(MakeContact(Channel::kEmail, body)),
                "contact c-17: body is not valid UTF-8 at byte 212");
}

TEST_F(NormalizeTest, InvalidUtf8InSubjectNamesTheByte) {
  Contact contact = MakeContact(Channel::kEmail, "Wanneer kan ik langskomen?");
  contact.subject = "Parkeer\xC3(vergunning";  // Truncated 2-byte sequence.
  ExpectInvalid(Run(contact),
                "contact c-17: subject is not valid UTF-8 at byte 7");
}

struct FieldCase {
  const char* name;
  std::function<void(Contact&, std::string)> set;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const FieldCase& c, std::ostream* os) { *os << c.name; }

class FieldValidationTest : public ::testing::TestWithParam<FieldCase> {};

TEST_P(FieldValidationTest, InvalidUtf8NamesTheField) {
  Contact contact = MakeContact(Channel::kPhone, "Ik bel over mijn uitkering");
  GetParam().set(contact, "ok\xED\xA0\x80");  // A surrogate at byte 2.
  absl::StatusOr<NormalizedContact> result = Normalize(contact, {});
  ExpectInvalid(result, std::string("contact c-17: ") + GetParam().name +
                            " is not valid UTF-8 at byte 2");
}

TEST_P(FieldValidationTest, OverTheFieldLimitNamesSizeAndLimit) {
  Contact contact = MakeContact(Channel::kPhone, "Ik bel over mijn uitkering");
  GetParam().set(contact, std::string(11, '7'));
  NormalizeOptions options;
  options.max_field_bytes = 10;
  ExpectInvalid(Normalize(contact, options),
                std::string("contact c-17: ") + GetParam().name +
                    " is 11 bytes, over the limit of 10");
}

TEST_P(FieldValidationTest, AtTheFieldLimitIsAccepted) {
  Contact contact = MakeContact(Channel::kPhone, "Ik bel over mijn uitkering");
  GetParam().set(contact, std::string(10, '7'));
  NormalizeOptions options;
  options.max_field_bytes = 10;
  EXPECT_TRUE(Normalize(contact, options).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Fields, FieldValidationTest,
    ::testing::Values(
        FieldCase{"subject", [](Contact& c, std::string v) { c.subject = v; }},
        FieldCase{"ivr_choice",
                  [](Contact& c, std::string v) { c.ivr_choice = v; }},
        FieldCase{"language_hint",
                  [](Contact& c, std::string v) { c.language_hint = v; }},
        FieldCase{"customer_ref",
                  [](Contact& c, std::string v) { c.customer_ref = v; }},
        FieldCase{"previous_contact_id",
                  [](Contact& c, std::string v) { c.previous_contact_id = v; }},
        FieldCase{"attribute key",
                  [](Contact& c, std::string v) { c.attributes[v] = "x"; }},
        FieldCase{"attribute \"vip\"",
                  [](Contact& c, std::string v) { c.attributes["vip"] = v; }}));

TEST_F(NormalizeTest, BodyOverTheDefaultLimit) {
  ExpectInvalid(Run(MakeContact(Channel::kLetter, std::string(300000, 'a'))),
                "contact c-17: body is 300000 bytes, over the limit of 262144");
}

TEST_F(NormalizeTest, BodyLimitIsConfigurable) {
  options_.max_body_bytes = 100;
  ExpectInvalid(Run(MakeContact(Channel::kLetter, std::string(101, 'a'))),
                "contact c-17: body is 101 bytes, over the limit of 100");
  EXPECT_TRUE(Run(MakeContact(Channel::kLetter, std::string(100, 'a'))).ok());
}

TEST_F(NormalizeTest, BodyIsCheckedAgainstBodyLimitNotFieldLimit) {
  options_.max_field_bytes = 10;
  EXPECT_TRUE(
      Run(MakeContact(Channel::kEmail, "Mijn afvalpas werkt niet meer.")).ok());
}

TEST_F(NormalizeTest, SubjectOverTheDefaultFieldLimit) {
  Contact contact = MakeContact(Channel::kEmail, "Hallo");
  contact.subject = std::string(5000, 's');
  ExpectInvalid(Run(contact),
                "contact c-17: subject is 5000 bytes, over the limit of 4096");
}

struct EmptyCase {
  const char* name;
  Channel channel;
  std::string body;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const EmptyCase& c, std::ostream* os) { *os << c.name; }

class NothingLeftTest : public ::testing::TestWithParam<EmptyCase> {};

TEST_P(NothingLeftTest, IsAnError) {
  Contact contact = MakeContact(GetParam().channel, GetParam().body);
  ExpectInvalid(Normalize(contact, {}),
                "contact c-17: no text to classify after normalizing (" +
                    std::string(ChannelName(GetParam().channel)) + ")");
}

INSTANTIATE_TEST_SUITE_P(
    Empty, NothingLeftTest,
    ::testing::Values(
        EmptyCase{"EmptyEmail", Channel::kEmail, ""},
        EmptyCase{"OnlyQuote", Channel::kEmail,
                  "On Mon, Mar 4, 2024 at 10:12 AM Desk <d@city.example> "
                  "wrote:\n> Your appointment is confirmed."},
        EmptyCase{"OnlySentFromLine", Channel::kEmail,
                  "Verzonden vanaf mijn iPhone"},
        EmptyCase{"OnlyFillers", Channel::kPhone, "Eh... ehm. [noise]"},
        EmptyCase{"OnlyAgentTurns", Channel::kChat,
                  "Bot: Waarmee kan ik u helpen?"},
        EmptyCase{"OnlyEmoji", Channel::kMessaging, "👍🙏"},
        EmptyCase{"OnlyUrlAndMention", Channel::kSocial,
                  "@gemeente https://t.co/x"},
        EmptyCase{"OnlyPageNumbers", Channel::kLetter, "Pagina 1 van 1\n- 1 -"},
        EmptyCase{"OnlyContactDetails", Channel::kWebForm,
                  "Naam: Jan\nTelefoon: 0612345678"},
        EmptyCase{"Whitespace", Channel::kChat, " \n\t \r\n "}));

TEST_F(NormalizeTest, IvrChoiceWithoutTranscriptIsStillAnError) {
  Contact contact = MakeContact(Channel::kPhone, "");
  contact.ivr_choice = "3";
  ExpectInvalid(Run(contact),
                "contact c-17: no text to classify after normalizing (phone)");
}

TEST_F(NormalizeTest, InvalidIdIsEscapedInTheMessage) {
  Contact contact = MakeContact(Channel::kUnspecified, "Hallo");
  contact.id = "c-\xFF";
  absl::StatusOr<NormalizedContact> result = Run(contact);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith("contact c-\\xff: "));
  EXPECT_EQ(FindInvalidUtf8(result.status().message()),
            absl::string_view::npos);
}

TEST_F(NormalizeTest, LongIdIsShortenedInTheMessage) {
  Contact contact = MakeContact(Channel::kUnspecified, "Hallo");
  contact.id = std::string(1000, 'x');
  absl::StatusOr<NormalizedContact> result = Run(contact);
  ASSERT_FALSE(result.ok());
  EXPECT_LT(result.status().message().size(), 200u);
  EXPECT_THAT(std::string(result.status().message()),
              HasSubstr("...: unknown channel"));
}

// ---------------------------------------------------------------------------
// Subject, signals, text.

struct SubjectCase {
  const char* name;
  Channel channel;
  std::string subject;
  std::string body;
  std::string expected;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const SubjectCase& c, std::ostream* os) { *os << c.name; }

class SubjectTest : public ::testing::TestWithParam<SubjectCase> {};

TEST_P(SubjectTest, PrefixesCleanedSubject) {
  Contact contact = MakeContact(GetParam().channel, GetParam().body);
  contact.subject = GetParam().subject;
  absl::StatusOr<NormalizedContact> result = Normalize(contact, {});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->text, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Subjects, SubjectTest,
    ::testing::Values(
        SubjectCase{"ReplyPrefixesStripped", Channel::kEmail,
                    "Re: FW: RE: Parkeervergunning", "Hoe lang duurt het?",
                    "Parkeervergunning Hoe lang duurt het?"},
        SubjectCase{"DutchPrefixes", Channel::kEmail,
                    "Antw: Doorst: Betreft: Aanslag  2024 ", "Klopt dit?",
                    "Aanslag 2024 Klopt dit?"},
        SubjectCase{"AlreadyInLetterBody", Channel::kLetter,
                    "Bezwaar parkeerboete",
                    "Betreft: bezwaar parkeerboete\nGeachte heer,",
                    "Betreft: bezwaar parkeerboete Geachte heer,"},
        SubjectCase{"AlreadyInWebForm", Channel::kWebForm, "Afval",
                    "Onderwerp: Afval\nVraag: Container niet geleegd",
                    "Afval Container niet geleegd"},
        SubjectCase{"SubjectOnly", Channel::kEmail, "Fwd: Aanmaning",
                    "-----Original Message-----\nPay now.", "Aanmaning"},
        SubjectCase{"OnlyPrefixSubjectIgnored", Channel::kEmail,
                    "Re: ", "Mijn pas is kwijt.", "Mijn pas is kwijt."}));

TEST_F(NormalizeTest, PhoneIvrChoiceBecomesASignal) {
  Contact contact = MakeContact(Channel::kPhone, "Eh, ik bel over de WOZ");
  contact.ivr_choice = " 2-1 ";
  absl::StatusOr<NormalizedContact> result = Run(contact);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->text, "ik bel over de WOZ");
  EXPECT_THAT(result->signals, ElementsAre("ivr:2-1"));
  EXPECT_EQ(result->channel, Channel::kPhone);
}

TEST_F(NormalizeTest, IvrChoiceOnOtherChannelsIsNotASignal) {
  Contact contact = MakeContact(Channel::kEmail, "Ik bel over de WOZ");
  contact.ivr_choice = "3";
  absl::StatusOr<NormalizedContact> result = Run(contact);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(result->signals, IsEmpty());
}

TEST_F(NormalizeTest, SocialSignalsAreDeduplicatedInOrder) {
  absl::StatusOr<NormalizedContact> result = Run(MakeContact(
      Channel::kSocial,
      "@Gemeente #paspoort kwijt, #Paspoort aanvragen @gemeente #afspraak"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(
      result->signals,
      ElementsAre("mention:gemeente", "hashtag:paspoort", "hashtag:afspraak"));
  EXPECT_EQ(result->text, "paspoort kwijt, Paspoort aanvragen afspraak");
}

TEST_F(NormalizeTest, ChatKeepAgentTurnsOption) {
  Contact contact = MakeContact(
      Channel::kChat, "Medewerker: Waarmee kan ik helpen?\nKlant: Mijn pas");
  EXPECT_EQ(Run(contact)->text, "Mijn pas");
  options_.keep_agent_turns = true;
  EXPECT_EQ(Run(contact)->text, "Waarmee kan ik helpen? Mijn pas");
}

TEST_F(NormalizeTest, EveryChannelGivesCollapsedText) {
  for (Channel channel : kAllChannels) {
    SCOPED_TRACE(ChannelName(channel));
    absl::StatusOr<NormalizedContact> result = Run(MakeContact(
        channel, "  Mijn\t\tcontainer \r\n\n is   niet geleegd.  \n"));
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->text, "Mijn container is niet geleegd.");
  }
}

// ---------------------------------------------------------------------------
// Robustness.

// A random string of valid UTF-8 drawn from characters the cleaners react
// to (markup, punctuation, emoji, letters with accents).
std::string RandomText(std::mt19937& rng, size_t size) {
  static const char* const kPieces[] = {"<",        ">",
                                        "&",        ";",
                                        "#",        "@",
                                        ":",        "-",
                                        "\n",       " ",
                                        "\r\n",     "[",
                                        "]",        "(",
                                        ")",        ".",
                                        ",",        "a",
                                        "Op ",      "On ",
                                        "Van: ",    "Aan: ",
                                        "> ",       "-- ",
                                        "eh ",      "ff ",
                                        "https://", "www.",
                                        "é",        "ĳ",
                                        "€",        "👍",
                                        "🏽",     "\u200D",
                                        "\uFE0F",   "&#x1F600;",
                                        "&amp;",    "<p>",
                                        "<br>",     "<style>",
                                        "</style>", "<!--",
                                        "-->",      "Klant: ",
                                        "Bot: ",    "Pagina 1 van 2",
                                        "Naam: ",   "1",
                                        "z.s.m."};
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string out;
  while (out.size() < size) out += kPieces[pick(rng)];
  return out;
}

TEST(NormalizeRobustnessTest, RandomInputGivesValidCollapsedTextOrNoText) {
  std::mt19937 rng(20260101);
  for (int round = 0; round < 300; ++round) {
    for (Channel channel : kAllChannels) {
      Contact contact = MakeContact(channel, RandomText(rng, round * 7));
      absl::StatusOr<NormalizedContact> result = Normalize(contact, {});
      if (!result.ok()) {
        EXPECT_THAT(std::string(result.status().message()),
                    HasSubstr("no text to classify"));
        continue;
      }
      EXPECT_EQ(FindInvalidUtf8(result->text), absl::string_view::npos);
      EXPECT_NE(result->text.front(), ' ');
      EXPECT_NE(result->text.back(), ' ');
      EXPECT_EQ(result->text.find("  "), std::string::npos);
    }
  }
}

TEST(NormalizeRobustnessTest, LargestBodiesAreHandledInLinearTime) {
  // The most awkward input for each channel, up to 256 KiB: the CPU time
  // must grow like the input (8 times the bytes: at most 3 x 8 times the
  // time; linear is about 8, quadratic about 64). Thread CPU time and the
  // best of a few runs, so a busy machine or a sanitizer build does not
  // change the ratio.
  struct Input {
    const char* name;
    std::function<std::string(int64_t)> make;
  };
  const Input inputs[] = {
      {"random pieces",
       [](int64_t n) {
         std::mt19937 rng(7);
         return RandomText(rng, static_cast<size_t>(n));
       }},
      {"'<'", [](int64_t n) { return std::string(n, '<'); }},
      {"'['", [](int64_t n) { return std::string(n, '['); }},
      {"'a'", [](int64_t n) { return std::string(n, 'a'); }},
  };
  for (Channel channel : kAllChannels) {
    for (const Input& input : inputs) {
      SCOPED_TRACE(absl::StrCat(ChannelName(channel), ", ", input.name));
      const test_util::GrowthRatio g = test_util::MeasureGrowth(
          [&](int64_t n) { return MakeContact(channel, input.make(n)); },
          [](const Contact& contact) {
            absl::StatusOr<NormalizedContact> result = Normalize(contact, {});
            if (result.ok()) {
              EXPECT_EQ(FindInvalidUtf8(result->text), absl::string_view::npos);
            }
          },
          32 * 1024 - 16, 8, 3);
      EXPECT_LT(g.ratio, 3.0 * 8) << g;
    }
  }
}

// ---------------------------------------------------------------------------
// The way an embedder calls it.

TEST(NormalizeEmbedderTest, HtmlEmailReplyBecomesCleanText) {
  Contact contact;
  contact.id = "mail-2024-03-05-0042";
  contact.channel = Channel::kEmail;
  contact.subject = "RE: Uw aanvraag parkeervergunning";
  contact.body =
      "<html><body><div>Goedemiddag,</div><div><br></div>"
      "<div>Ik heb nog geen vergunning ontvangen, terwijl ik al 3 weken "
      "geleden heb betaald.</div><div><br></div><div>Met vriendelijke groet,"
      "</div><div>Ahmed Yilmaz</div><div><br></div>"
      "<div id=\"divRplyFwdMsg\"><b>Van:</b> Parkeren &lt;parkeren@"
      "gemeente.nl&gt;<br><b>Verzonden:</b> vrijdag 1 maart 2024 14:03<br>"
      "<b>Aan:</b> Ahmed<br><b>Onderwerp:</b> Uw aanvraag</div>"
      "<div>Uw aanvraag is ontvangen.</div></body></html>";
  contact.language_hint = "nl";
  contact.attributes["mailbox"] = "info@gemeente.nl";

  absl::StatusOr<NormalizedContact> normalized =
      Normalize(contact, NormalizeOptions());

  ASSERT_TRUE(normalized.ok()) << normalized.status();
  EXPECT_EQ(normalized->channel, Channel::kEmail);
  EXPECT_EQ(normalized->text,
            "Uw aanvraag parkeervergunning Goedemiddag, Ik heb nog geen "
            "vergunning ontvangen, terwijl ik al 3 weken geleden heb betaald.");
  EXPECT_THAT(normalized->signals, IsEmpty());
}

}  // namespace
}  // namespace switchboard
