// Copyright 2026 The Switchboard Authors.

#include <ostream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct WebFormCase {
  const char* name;
  std::string fields;
  std::string expected;  // After whitespace is collapsed.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const WebFormCase& c, std::ostream* os) { *os << c.name; }

class CleanWebFormTest : public ::testing::TestWithParam<WebFormCase> {};

TEST_P(CleanWebFormTest, KeepsValuesWithoutContactDetails) {
  EXPECT_EQ(CollapseWhitespace(CleanWebForm(GetParam().fields)),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, CleanWebFormTest,
    ::testing::Values(
        WebFormCase{"DutchContactForm",
                    "Naam: Jan de Vries\nE-mail: jan@example.nl\n"
                    "Telefoonnummer: 06-12345678\nOnderwerp: Afval\n"
                    "Uw vraag: Mijn groene container is al twee weken niet "
                    "geleegd.",
                    "Afval Mijn groene container is al twee weken niet "
                    "geleegd."},
        WebFormCase{"EnglishContactForm",
                    "Name: Anna Smith\nEmail: anna@example.com\n"
                    "Phone: +31 6 1234 5678\nSubject: Parking permit\n"
                    "Your question: How long does it take to get a parking "
                    "permit?",
                    "Parking permit How long does it take to get a parking "
                    "permit?"},
        WebFormCase{
            "RequiredMarkersAndAddress",
            "Naam *: Piet\nTelefoon (optioneel): \nAdres: Kerkstraat 1\n"
            "Postcode: 3511 AB\nWoonplaats: Utrecht\n"
            "Categorie: Openbare ruimte\nOmschrijving: Losse "
            "stoeptegel voor nummer 4",
            "Openbare ruimte Losse stoeptegel voor nummer 4"},
        WebFormCase{"ValueOnNextLine",
                    "Toelichting:\nDe stoeptegels liggen los.\nBericht:\n"
                    "Graag snel repareren.",
                    "De stoeptegels liggen los. Graag snel repareren."},
        WebFormCase{"SentencesWithColonsKept",
                    "Ik heb het volgende probleem: de stoep is kapot\n"
                    "Om 10:30 stond er water\nZie https://example.nl/foto",
                    "Ik heb het volgende probleem: de stoep is kapot Om 10:30 "
                    "stond er water Zie https://example.nl/foto"},
        WebFormCase{"UnknownLabelDropsOnlyTheLabel",
                    "Kenteken: AB-123-C\nProbleem: Parkeervergunning werkt "
                    "niet",
                    "AB-123-C Parkeervergunning werkt niet"},
        WebFormCase{"QuestionLabels",
                    "Aanhef: Dhr.\nKlantnummer: 123\nWat wilt u melden?: Er "
                    "ligt afval naast de container\nWaar is het?: Hoek "
                    "Dorpsstraat/Kerkstraat",
                    "Er ligt afval naast de container Hoek "
                    "Dorpsstraat/Kerkstraat"},
        WebFormCase{"OnlyContactDetails",
                    "Naam: Jan\nEmail: jan@example.nl\nBSN: 123456782", ""}));

TEST(CleanWebFormTest, NeverKeepsPersonalDetails) {
  std::string out = CleanWebForm(
      "Voornaam: Fatima\nAchternaam: El Amrani\nGeboortedatum: 01-02-1990\n"
      "Mobiel: 0612345678\nVraag: Kan ik mijn rijbewijs verlengen?");
  EXPECT_THAT(out, HasSubstr("Kan ik mijn rijbewijs verlengen?"));
  for (const char* detail : {"Fatima", "El Amrani", "1990", "0612345678"}) {
    EXPECT_THAT(out, Not(HasSubstr(detail)));
  }
}

}  // namespace
}  // namespace switchboard::normalize_internal
