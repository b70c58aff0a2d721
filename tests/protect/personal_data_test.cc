// Copyright 2026 The Switchboard Authors.
//
// Tests for MaskPersonalData and the check-digit functions: one table per
// detector with texts that must be masked and texts that must stay, valid
// and invalid check digits, mixed Dutch and English sentences, and the
// project's sample set.

#include "switchboard/protect/personal_data.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "classify/classify_testing.h"
#include "complexity_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Kind = PersonalDataKind;

int Count(const MaskedText& m, Kind k) { return m.counts[static_cast<int>(k)]; }

std::vector<Kind> KindsOf(const MaskedText& m) {
  std::vector<Kind> kinds;
  for (const PersonalDataFinding& f : m.findings) kinds.push_back(f.kind);
  return kinds;
}

std::string KindNames(const std::vector<Kind>& kinds) {
  return absl::StrJoin(kinds, ",", [](std::string* out, Kind k) {
    absl::StrAppend(out, PersonalDataKindName(k));
  });
}

// One row of a detector table: the input, the masked text expected, and the
// kinds of the findings in order.
struct Row {
  std::string input;
  std::string masked;
  std::vector<Kind> kinds;
};

std::ostream& operator<<(std::ostream& os, const Row& row) {
  return os << "\"" << row.input << "\"";
}

// Checks that the findings describe the masked text exactly: everything
// between findings is copied, each finding becomes its placeholder, the
// counts agree.
void ExpectConsistent(absl::string_view input, const MaskedText& m) {
  std::string rebuilt;
  size_t pos = 0;
  std::array<int, kNumPersonalDataKinds> counts{};
  for (const PersonalDataFinding& f : m.findings) {
    ASSERT_GE(f.offset, pos) << "findings overlap or are out of order";
    ASSERT_GT(f.length, 0u);
    ASSERT_LE(f.offset + f.length, input.size());
    absl::StrAppend(&rebuilt, input.substr(pos, f.offset - pos),
                    PersonalDataPlaceholder(f.kind));
    pos = f.offset + f.length;
    ++counts[static_cast<int>(f.kind)];
  }
  absl::StrAppend(&rebuilt, input.substr(pos));
  EXPECT_EQ(m.text, rebuilt);
  EXPECT_EQ(m.counts, counts);
}

void ExpectRows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    SCOPED_TRACE(row);
    const MaskedText m = MaskPersonalData(row.input);
    EXPECT_EQ(m.text, row.masked);
    EXPECT_EQ(KindNames(KindsOf(m)), KindNames(row.kinds));
    ExpectConsistent(row.input, m);
  }
}

// ---------------------------------------------------------------------------
// Names and the example in the header.

TEST(PersonalDataKindTest, NamesAndPlaceholders) {
  std::vector<std::string> names, placeholders;
  for (Kind k : kAllPersonalDataKinds) {
    names.emplace_back(PersonalDataKindName(k));
    placeholders.emplace_back(PersonalDataPlaceholder(k));
  }
  EXPECT_THAT(names, ElementsAre("bsn", "iban", "phone", "email", "postcode",
                                 "date_of_birth"));
  EXPECT_THAT(placeholders, ElementsAre("[BSN]", "[IBAN]", "[PHONE]", "[EMAIL]",
                                        "[POSTCODE]", "[DATE_OF_BIRTH]"));
  for (int i = 0; i < kNumPersonalDataKinds; ++i) {
    EXPECT_EQ(static_cast<int>(kAllPersonalDataKinds[i]), i);
  }
  EXPECT_EQ(PersonalDataKindName(static_cast<Kind>(99)), "unknown");
}

TEST(MaskPersonalDataTest, HeaderExample) {
  const MaskedText m =
      MaskPersonalData("Mijn BSN is 111222333, bel me op 06-12345678.");
  EXPECT_EQ(m.text, "Mijn BSN is [BSN], bel me op [PHONE].");
  ASSERT_EQ(m.findings.size(), 2u);
  EXPECT_EQ(m.findings[0].kind, Kind::kBsn);
  EXPECT_EQ(m.findings[0].offset, 12u);
  EXPECT_EQ(m.findings[0].length, 9u);
  EXPECT_EQ(m.findings[1].kind, Kind::kPhone);
  EXPECT_EQ(m.findings[1].offset, 33u);
  EXPECT_EQ(m.findings[1].length, 11u);
  EXPECT_EQ(Count(m, Kind::kPhone), 1);
  EXPECT_EQ(Count(m, Kind::kBsn), 1);
  EXPECT_EQ(Count(m, Kind::kEmail), 0);
}

TEST(MaskPersonalDataTest, NothingToMask) {
  for (absl::string_view text :
       {"", "Hallo, ik heb een vraag over mijn paspoort.", "1234", "0", "+",
        "@", "[at]", "€ 1.234,56"}) {
    const MaskedText m = MaskPersonalData(text);
    EXPECT_EQ(m.text, text);
    EXPECT_THAT(m.findings, IsEmpty());
  }
}

// ---------------------------------------------------------------------------
// BSN.

TEST(IsValidBsnTest, ElevenCheck) {
  // 111222333: 9*1 + 8*1 + 7*1 + 6*2 + 5*2 + 4*2 + 3*3 + 2*3 - 3 = 66 = 6*11.
  EXPECT_TRUE(IsValidBsn("111222333"));
  // 123456782: 9+16+21+24+25+24+21+16 - 2 = 154 = 14*11.
  EXPECT_TRUE(IsValidBsn("123456782"));
  // 999999990: 9*(9+8+...+2) - 0 = 396 = 36*11.
  EXPECT_TRUE(IsValidBsn("999999990"));
  // 12345672 is 012345672: 8+14+18+20+20+18+14 - 2 = 110 = 10*11.
  EXPECT_TRUE(IsValidBsn("12345672"));
  EXPECT_TRUE(IsValidBsn("012345672"));

  // One digit off: 111222334 sums to 65, 123456781 to 155.
  EXPECT_FALSE(IsValidBsn("111222334"));
  EXPECT_FALSE(IsValidBsn("123456781"));
  // 730540515, a BSN-like number in the sample set: 63+24+0+30+20+0+15+2-5
  // = 149, 149 mod 11 = 6.
  EXPECT_FALSE(IsValidBsn("730540515"));
  EXPECT_FALSE(IsValidBsn("000000000"));  // Sums to 0 but is all zeros.
  EXPECT_FALSE(IsValidBsn("00000000"));
  EXPECT_FALSE(IsValidBsn("1234567"));     // 7 digits.
  EXPECT_FALSE(IsValidBsn("1112223330"));  // 10 digits.
  EXPECT_FALSE(IsValidBsn("111 222 333"));
  EXPECT_FALSE(IsValidBsn("111.222.333"));
  EXPECT_FALSE(IsValidBsn("11122233a"));
  EXPECT_FALSE(IsValidBsn(""));
}

TEST(MaskPersonalDataTest, Bsn) {
  ExpectRows({
      {"BSN 111222333", "BSN [BSN]", {Kind::kBsn}},
      {"mijn bsn is 123456782.", "mijn bsn is [BSN].", {Kind::kBsn}},
      {"BSN: 123.456.782", "BSN: [BSN]", {Kind::kBsn}},
      {"BSN: 123 456 782", "BSN: [BSN]", {Kind::kBsn}},
      {"BSN: 123-456-782", "BSN: [BSN]", {Kind::kBsn}},
      {"BSN: 1234 56 782", "BSN: [BSN]", {Kind::kBsn}},
      {"BSN: 1234.56.782", "BSN: [BSN]", {Kind::kBsn}},
      {"(999999990)", "([BSN])", {Kind::kBsn}},
      // Failing the 11-check: stays.
      {"BSN 111222334", "BSN 111222334", {}},
      {"mijn bsn is 730540515 wat", "mijn bsn is 730540515 wat", {}},
      {"BSN: 123.456.781", "BSN: 123.456.781", {}},
      // Valid digits, but part of something longer.
      {"1111222333", "1111222333", {}},
      {"ref 111222333A", "ref 111222333A", {}},
      {"WD-111222333", "WD-111222333", {}},
      {"kenmerk 2026.111222333", "kenmerk 2026.111222333", {}},
      {"nummer 12 111222333", "nummer 12 111222333", {}},
      {"111222333 4", "111222333 4", {}},
      {"123 456 782 9", "123 456 782 9", {}},
      {"EUR 111.222.333", "EUR 111.222.333", {}},
      {"€ 111.222.333,00", "€ 111.222.333,00", {}},
      {"111.222.333,50", "111.222.333,50", {}},
      // Mixed separators are not a BSN grouping.
      {"123.456 782", "123.456 782", {}},
      // An 8-digit number is not looked for (see the header).
      {"nummer 12345672", "nummer 12345672", {}},
  });
}

// ---------------------------------------------------------------------------
// IBAN.

TEST(IsValidIbanTest, RegistryLengthAndMod97) {
  EXPECT_TRUE(IsValidIban("NL91ABNA0417164300"));
  EXPECT_TRUE(IsValidIban("NL91 ABNA 0417 1643 00"));
  EXPECT_TRUE(IsValidIban("nl91abna0417164300"));
  EXPECT_TRUE(IsValidIban("GB82WEST12345698765432"));
  EXPECT_TRUE(IsValidIban("DE89370400440532013000"));
  EXPECT_TRUE(IsValidIban("DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(IsValidIban("BE68539007547034"));
  EXPECT_TRUE(IsValidIban("FR1420041010050500013M02606"));  // Letter in BBAN.
  EXPECT_TRUE(IsValidIban("NO9386011117947"));              // Shortest: 15.
  EXPECT_TRUE(IsValidIban("CH9300762011623852957"));

  EXPECT_FALSE(IsValidIban("NL91ABNA0417164301"));    // Last digit changed.
  EXPECT_FALSE(IsValidIban("NL92ABNA0417164300"));    // Check digits changed.
  EXPECT_FALSE(IsValidIban("NL91ABNA041716430"));     // One short.
  EXPECT_FALSE(IsValidIban("NL91ABNA04171643000"));   // One long.
  EXPECT_FALSE(IsValidIban("XX91ABNA0417164300"));    // No such country.
  EXPECT_FALSE(IsValidIban("NL91  ABNA0417164300"));  // Two spaces.
  EXPECT_FALSE(IsValidIban(" NL91ABNA0417164300"));
  EXPECT_FALSE(IsValidIban("NL91-ABNA-0417-1643-00"));
  EXPECT_FALSE(IsValidIban("NL9XABNA0417164300"));
  EXPECT_FALSE(IsValidIban(""));
  // The sample set's made-up IBANs fail the check.
  EXPECT_FALSE(IsValidIban("NL98 KNAB 4707 5454 89"));
  EXPECT_FALSE(IsValidIban("NL11INGB3328146348"));
  EXPECT_FALSE(IsValidIban("NL66ABNA1098389717"));
}

TEST(IbanLengthForCountryTest, Registry) {
  const std::vector<std::pair<const char*, int>> lengths = {
      {"NL", 18}, {"BE", 16}, {"DE", 22}, {"FR", 27}, {"GB", 22}, {"ES", 24},
      {"IT", 27}, {"LU", 20}, {"AT", 20}, {"CH", 21}, {"PL", 28}, {"PT", 25},
      {"IE", 22}, {"DK", 18}, {"SE", 24}, {"NO", 15}, {"FI", 18}, {"LC", 32},
      {"nl", 18}, {"US", 0},  {"XX", 0},  {"N", 0},   {"NLD", 0}, {"1L", 0},
  };
  for (const auto& [code, length] : lengths) {
    EXPECT_EQ(IbanLengthForCountry(code), length) << code;
  }
}

TEST(MaskPersonalDataTest, Iban) {
  ExpectRows({
      {"IBAN NL91ABNA0417164300.", "IBAN [IBAN].", {Kind::kIban}},
      {"rekening NL91 ABNA 0417 1643 00 graag",
       "rekening [IBAN] graag",
       {Kind::kIban}},
      {"GB82WEST12345698765432", "[IBAN]", {Kind::kIban}},
      {"DE89 3704 0044 0532 0130 00", "[IBAN]", {Kind::kIban}},
      {"BE68539007547034,", "[IBAN],", {Kind::kIban}},
      {"nl91abna0417164300", "[IBAN]", {Kind::kIban}},
      // Invalid check digits: not masked, and its digits are not a phone.
      {"IBAN NL91ABNA0417164301", "IBAN NL91ABNA0417164301", {}},
      {"rekening NL98 KNAB 4707 5454 89 afgeschreven",
       "rekening NL98 KNAB 4707 5454 89 afgeschreven",
       {}},
      {"NL91 ABNA 0612 3456 78", "NL91 ABNA 0612 3456 78", {}},
      // Inside a longer token.
      {"XNL91ABNA0417164300", "XNL91ABNA0417164300", {}},
      {"NL91ABNA0417164300X", "NL91ABNA0417164300X", {}},
  });
}

// ---------------------------------------------------------------------------
// Phone numbers.

TEST(MaskPersonalDataTest, DutchPhones) {
  const std::vector<std::string> phones = {
      "06-12345678",
      "06 1234 5678",
      "0612345678",
      "020-1234567",
      "020 123 4567",
      "(020) 123 4567",
      "06 12 34 56 78",
      "06.12.34.56.78",
      "010/1234567",
      "06 - 12345678",
      "0800-1234",
      "0900 1234567",
      "+31 6 1234 5678",
      "+31612345678",
      "+31 (0)6 12345678",
      "+31 (0)20 123 4567",
      "+31 20 123 4567",
      "+31-20-1234567",
      "0031 6 12345678",
      "0031612345678",
      "+31 06 12345678",
      "+31-(0)6-12345678",
      "(06) 12345678",
      "0800 1351",
      "06\xC2\xA0"
      "12345678",  // No-break space.
  };
  for (const std::string& phone : phones) {
    SCOPED_TRACE(phone);
    const MaskedText m = MaskPersonalData("Bel " + phone + " graag.");
    EXPECT_EQ(m.text, "Bel [PHONE] graag.");
    EXPECT_THAT(KindsOf(m), ElementsAre(Kind::kPhone));
  }
}

TEST(MaskPersonalDataTest, InternationalPhones) {
  const std::vector<std::string> phones = {
      "+44 20 7946 0958",  "+1 (555) 010-0199",   "+49 30 1234567",
      "0044 20 7946 0958", "+32 2 555 12 34",     "+352 621 123 456",
      "+33 1 23 45 67 89", "+44 (0)20 7946 0958", "+4930123456",
  };
  for (const std::string& phone : phones) {
    SCOPED_TRACE(phone);
    const MaskedText m = MaskPersonalData("Call " + phone + " please");
    EXPECT_EQ(m.text, "Call [PHONE] please");
    EXPECT_THAT(KindsOf(m), ElementsAre(Kind::kPhone));
  }
}

TEST(MaskPersonalDataTest, PhoneEdges) {
  ExpectRows({
      // A letter wraps a number over two lines.
      {"on 06 79 30 85\n03.", "on [PHONE].", {Kind::kPhone}},
      // Two numbers on separate lines are two numbers.
      {"0612345678\n0687654321",
       "[PHONE]\n[PHONE]",
       {Kind::kPhone, Kind::kPhone}},
      {"06-12345678 / 06-87654321",
       "[PHONE] / [PHONE]",
       {Kind::kPhone, Kind::kPhone}},
      {"Tel.06-12345678", "Tel.[PHONE]", {Kind::kPhone}},
      {"<p>0689836394</p>", "<p>[PHONE]</p>", {Kind::kPhone}},
      {"(0612345678)", "([PHONE])", {Kind::kPhone}},
      {"bel: 0612345678, of mail", "bel: [PHONE], of mail", {Kind::kPhone}},
  });
}

TEST(MaskPersonalDataTest, NotPhones) {
  const std::vector<std::string> texts = {
      "Datum: 20-04-2026",             // A date.
      "afspraak op 06-05-2026 14:30",  // A date with leading zero and time.
      "06-05-1985",
      "om 14:30 uur",  // A time.
      "€ 1.234,56",    // An amount.
      "€ 0612345678",
      "EUR 0612345678",
      "0612345678,50",
      "in 2026 en 2027",            // Years.
      "Uw kenmerk: WD-2026-71389",  // References with letters.
      "kenmerk WD-0612345678",
      "Z/26/1441",
      "ref0612345678",
      "0612345678abc",
      "06 1234 5678 90",  // Goes on: a longer number.
      "061234567",        // 9 digits.
      "06123456789",      // 11 digits.
      "0012",
      "+0 123 4567 890",  // No country code 0.
      "+28 123 456 789",  // 28 is not assigned.
      "+44 20 79",        // Too short.
      "c++ 3",
      "3+4 = 7",
      "1+31 6 12345678",  // '+' after a digit: arithmetic.
      "kenmerk: 2026.01.949299",
      "postcode 2701 CK",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    const MaskedText m = MaskPersonalData(text);
    EXPECT_EQ(Count(m, Kind::kPhone), 0) << m.text;
  }
}

// ---------------------------------------------------------------------------
// E-mail addresses.

TEST(MaskPersonalDataTest, Email) {
  ExpectRows({
      {"mail jan.jansen@example.nl graag",
       "mail [EMAIL] graag",
       {Kind::kEmail}},
      {"<ana.macleod@gmail.com>", "<[EMAIL]>", {Kind::kEmail}},
      {"Email: saskia.degraaf94@icloud.com\n",
       "Email: [EMAIL]\n",
       {Kind::kEmail}},
      {"a+tag_x%y-z@sub.domain.co.uk.", "[EMAIL].", {Kind::kEmail}},
      {"josé.müller@bücher.de", "[EMAIL]", {Kind::kEmail}},
      {"jan@example.nl.123", "[EMAIL].123", {Kind::kEmail}},
      {"a@b.nl,c@d.com", "[EMAIL],[EMAIL]", {Kind::kEmail, Kind::kEmail}},
      // Digits in an address are not a phone.
      {"0612345678@sms.example.nl", "[EMAIL]", {Kind::kEmail}},
      // Obfuscated.
      {"jan [at] example [dot] nl", "[EMAIL]", {Kind::kEmail}},
      {"jan(at)example(dot)nl", "[EMAIL]", {Kind::kEmail}},
      {"jan [AT] example.nl", "[EMAIL]", {Kind::kEmail}},
      // Not addresses.
      {"@gemeentewilgendam", "@gemeentewilgendam", {}},
      {"RT @Buurtbewoner: hoi", "RT @Buurtbewoner: hoi", {}},
      {"jan@localhost", "jan@localhost", {}},
      {"jan@example.n", "jan@example.n", {}},
      {"jan@example.123", "jan@example.123", {}},
      {"we zijn (at) home", "we zijn (at) home", {}},
      {"jan at example dot nl", "jan at example dot nl", {}},
  });
}

// ---------------------------------------------------------------------------
// Postcodes.

TEST(MaskPersonalDataTest, Postcode) {
  ExpectRows({
      {"2701 CK Wilgendam", "[POSTCODE] Wilgendam", {Kind::kPostcode}},
      {"2701CK", "[POSTCODE]", {Kind::kPostcode}},
      {"Postbus 1200\n2700 AA  WILGENDAM",
       "Postbus 1200\n[POSTCODE]  WILGENDAM",
       {Kind::kPostcode}},
      {"(1012 AB)", "([POSTCODE])", {Kind::kPostcode}},
      {"2741 NL 53", "[POSTCODE] 53", {Kind::kPostcode}},
      {"1012\xC2\xA0"
       "AB",
       "[POSTCODE]",
       {Kind::kPostcode}},
      // Lower case only after a cue.
      {"postcode: 1234ab", "postcode: [POSTCODE]", {Kind::kPostcode}},
      {"Postcode 1234 ab", "Postcode [POSTCODE]", {Kind::kPostcode}},
      {"my zip is 1234 Ab", "my zip is [POSTCODE]", {Kind::kPostcode}},
      {"gewicht 1500kg", "gewicht 1500kg", {}},
      {"afspraak 25 06 2026 om 10 uur", "afspraak 25 06 2026 om 10 uur", {}},
      {"1234ab", "1234ab", {}},
      // SA, SD and SS are never used.
      {"1234 SA", "1234 SA", {}},
      {"1234 SD", "1234 SD", {}},
      {"1234SS", "1234SS", {}},
      // Not 4 digits, a leading zero, inside longer tokens.
      {"0123 AB", "0123 AB", {}},
      {"123 AB", "123 AB", {}},
      {"12345 AB", "12345 AB", {}},
      {"1234 ABC", "1234 ABC", {}},
      {"X1234AB", "X1234AB", {}},
      {"1234ABX", "1234ABX", {}},
  });
}

// ---------------------------------------------------------------------------
// Dates of birth.

TEST(MaskPersonalDataTest, DateOfBirthWithCue) {
  ExpectRows({
      {"geboren op 12-03-1985",
       "geboren op [DATE_OF_BIRTH]",
       {Kind::kDateOfBirth}},
      {"Geboortedatum: 8-8-1938.",
       "Geboortedatum: [DATE_OF_BIRTH].",
       {Kind::kDateOfBirth}},
      {"geb. 12.03.1985", "geb. [DATE_OF_BIRTH]", {Kind::kDateOfBirth}},
      {"geboren 1985-03-12", "geboren [DATE_OF_BIRTH]", {Kind::kDateOfBirth}},
      {"Ik ben geboren op 12 maart 1985 in Utrecht",
       "Ik ben geboren op [DATE_OF_BIRTH] in Utrecht",
       {Kind::kDateOfBirth}},
      {"geb 3 mrt. 1950", "geb [DATE_OF_BIRTH]", {Kind::kDateOfBirth}},
      {"I was born on 12 March 1985.",
       "I was born on [DATE_OF_BIRTH].",
       {Kind::kDateOfBirth}},
      {"born 12th March 1985", "born [DATE_OF_BIRTH]", {Kind::kDateOfBirth}},
      {"Date of birth: March 12, 1985",
       "Date of birth: [DATE_OF_BIRTH]",
       {Kind::kDateOfBirth}},
      {"DOB 29/02/2000", "DOB [DATE_OF_BIRTH]", {Kind::kDateOfBirth}},
      {"Birth date: 01/12/1990",
       "Birth date: [DATE_OF_BIRTH]",
       {Kind::kDateOfBirth}},
      {"my birthday is 4 July 1976",
       "my birthday is [DATE_OF_BIRTH]",
       {Kind::kDateOfBirth}},
      // OCR hyphenation of the cue over a line break.
      {"mijn ge-\nboortedatum: 8-8-1938.",
       "mijn ge-\nboortedatum: [DATE_OF_BIRTH].",
       {Kind::kDateOfBirth}},
      {"mijn geboorte-\ndatum: 28-4-1951.",
       "mijn geboorte-\ndatum: [DATE_OF_BIRTH].",
       {Kind::kDateOfBirth}},
      // A time after the date stays.
      {"born 12-03-1985 14:30",
       "born [DATE_OF_BIRTH] 14:30",
       {Kind::kDateOfBirth}},
      // Two cues, one date each; two cues before one date.
      {"DOB 12-03-1985, partner born 14 May 1990",
       "DOB [DATE_OF_BIRTH], partner born [DATE_OF_BIRTH]",
       {Kind::kDateOfBirth, Kind::kDateOfBirth}},
      {"geboren (geb. 12 maart 1985)",
       "geboren (geb. [DATE_OF_BIRTH])",
       {Kind::kDateOfBirth}},
      {"GEBOREN OP 1 JAN 2001",
       "GEBOREN OP [DATE_OF_BIRTH]",
       {Kind::kDateOfBirth}},
  });
}

TEST(MaskPersonalDataTest, DatesThatStay) {
  ExpectRows({
      // No cue: an appointment, a letter's date, a tax assessment.
      {"de aanslag van 12-03-2026", "de aanslag van 12-03-2026", {}},
      {"Datum: 20-04-2026", "Datum: 20-04-2026", {}},
      {"appointment on 25/6/2026", "appointment on 25/6/2026", {}},
      {"Wilgendam, 8 mei 2026", "Wilgendam, 8 mei 2026", {}},
      // The cue belongs to the first date after it, not the second.
      {"geboren 12-03-1985, afspraak 14-05-2026",
       "geboren [DATE_OF_BIRTH], afspraak 14-05-2026",
       {Kind::kDateOfBirth}},
      // Cue too far away (more than 40 bytes before the date).
      {"geboren in Amsterdam, en later verhuisd naar Utrecht, op 12-03-1985",
       "geboren in Amsterdam, en later verhuisd naar Utrecht, op 12-03-1985",
       {}},
      // Not a calendar date.
      {"geboren 31-02-1985", "geboren 31-02-1985", {}},
      {"geboren 29-02-1900", "geboren 29-02-1900", {}},
      {"geboren 12-13-1985", "geboren 12-13-1985", {}},
      {"geboren 00-03-1985", "geboren 00-03-1985", {}},
      // Cue words inside other words do not count.
      {"adobe 12-03-1985", "adobe 12-03-1985", {}},
      {"stubborn 12-03-1985", "stubborn 12-03-1985", {}},
      // A year alone is not a date.
      {"born in Wilgendam in 2019", "born in Wilgendam in 2019", {}},
  });
}

// ---------------------------------------------------------------------------
// Sentences mixing several kinds, and precedence.

TEST(MaskPersonalDataTest, MixedSentences) {
  ExpectRows({
      {"Goedemiddag, mijn naam is Jan de Vries, geboren op 12-03-1985, BSN "
       "111222333. Ik woon op Kerkstraat 1, 2701 CK Wilgendam. U kunt mij "
       "bereiken op 06-12345678 of jan.devries@example.nl. Mijn rekening is "
       "NL91 ABNA 0417 1643 00.",
       "Goedemiddag, mijn naam is Jan de Vries, geboren op [DATE_OF_BIRTH], "
       "BSN [BSN]. Ik woon op Kerkstraat 1, [POSTCODE] Wilgendam. U kunt mij "
       "bereiken op [PHONE] of [EMAIL]. Mijn rekening is [IBAN].",
       {Kind::kDateOfBirth, Kind::kBsn, Kind::kPostcode, Kind::kPhone,
        Kind::kEmail, Kind::kIban}},
      {"Hi, I'm Sarah (date of birth 4 July 1976). Please refund to "
       "GB82 WEST 1234 5698 7654 32 and call me on +44 20 7946 0958 or "
       "email sarah.o'neil@example.co.uk. My appointment on 12 May 2026 was "
       "cancelled.",
       "Hi, I'm Sarah (date of birth [DATE_OF_BIRTH]). Please refund to "
       "[IBAN] and call me on [PHONE] or email [EMAIL]. My "
       "appointment on 12 May 2026 was cancelled.",
       {Kind::kDateOfBirth, Kind::kIban, Kind::kPhone, Kind::kEmail}},
      {"kenmerk WD-2026-71389, bedrag € 1.234,56, om 14:30, BSN 123456781",
       "kenmerk WD-2026-71389, bedrag € 1.234,56, om 14:30, BSN 123456781",
       {}},
  });
}

TEST(MaskPersonalDataTest, Counts) {
  const MaskedText m = MaskPersonalData(
      "06-12345678, 06-87654321, a@b.nl, 1234 AB, 111222333, 123456782");
  EXPECT_EQ(Count(m, Kind::kPhone), 2);
  EXPECT_EQ(Count(m, Kind::kEmail), 1);
  EXPECT_EQ(Count(m, Kind::kPostcode), 1);
  EXPECT_EQ(Count(m, Kind::kBsn), 2);
  EXPECT_EQ(Count(m, Kind::kIban), 0);
  EXPECT_EQ(Count(m, Kind::kDateOfBirth), 0);
  ExpectConsistent(
      "06-12345678, 06-87654321, a@b.nl, 1234 AB, 111222333, "
      "123456782",
      m);
}

// ---------------------------------------------------------------------------
// UTF-8 and size.

TEST(MaskPersonalDataTest, Utf8AroundFindings) {
  const std::string text =
      "Müller — tel. 06\xC2\xA0"
      "12345678 · e-mail müller@bücher.de 😀 "
      "postcode 1234\xE2\x80\xAF"
      "ab";
  const MaskedText m = MaskPersonalData(text);
  EXPECT_EQ(m.text,
            "Müller — tel. [PHONE] · e-mail [EMAIL] 😀 postcode [POSTCODE]");
  EXPECT_EQ(FindInvalidUtf8(m.text), absl::string_view::npos);
  ExpectConsistent(text, m);
}

TEST(MaskPersonalDataTest, LetterBeforeDigitsOfAnotherScript) {
  // A letter of another script right before the digits: inside a word.
  EXPECT_THAT(MaskPersonalData("é0612345678").findings, IsEmpty());
  EXPECT_THAT(MaskPersonalData("Ω111222333").findings, IsEmpty());
}

TEST(MaskPersonalDataTest, InvalidUtf8DoesNotCrash) {
  const std::string text = "\xFF\xFE 06-12345678 \xC3 a@b.nl \xE2\x82";
  const MaskedText m = MaskPersonalData(text);
  EXPECT_THAT(KindsOf(m), ElementsAre(Kind::kPhone, Kind::kEmail));
  ExpectConsistent(text, m);
}

TEST(MaskPersonalDataTest, LongInputsStayLinear) {
  // Inputs that would make a backtracking matcher quadratic: long runs of
  // digits, separators, '@'s, local-part characters. Each must leave the
  // text as it is or mask it consistently, and its CPU time must grow like
  // its length: 8 times the input, at most 3 x 8 times the time (linear:
  // about 8; quadratic: about 64). Thread CPU time, not wall time, and the
  // best of a few runs: a busy machine does not change the ratio.
  struct Pattern {
    const char* name;
    std::string unit;  // Repeated to make the input.
    std::string prefix, suffix;
  };
  const Pattern patterns[] = {
      {"digits", "0", "", ""},
      {"at signs", "@", "", ""},
      {"local part then @", "a", "", "@"},
      {"@ then a domain", "a", "@", ""},
      {"phone-like groups", "06 1 ", "", ""},
      {"dotted addresses", "a.b@", "", ""},
      {"birth cues", "geboren 1-1-", "", ""},
      {"postcode-like", "1234 A", "", ""},
      {"IBAN-like", "NL91 ", "", ""},
  };
  for (const Pattern& p : patterns) {
    SCOPED_TRACE(p.name);
    auto make = [&p](int64_t n) {
      std::string s = p.prefix;
      const int64_t units = std::max<int64_t>(1, n / p.unit.size());
      for (int64_t i = 0; i < units; ++i) s += p.unit;
      return s + p.suffix;
    };
    size_t findings = 0;
    const test_util::GrowthRatio g = test_util::MeasureGrowth(
        make,
        [&findings](const std::string& input) {
          findings += MaskPersonalData(input).findings.size();
        },
        25'000, 8);
    EXPECT_LT(g.ratio, 3.0 * 8) << g;
    const std::string large = make(200'000);
    ExpectConsistent(large, MaskPersonalData(large));
  }
}

// ---------------------------------------------------------------------------
// The project's sample set (data/sample).

struct SampleText {
  std::string id;
  std::string text;
};

std::vector<SampleText> LoadSampleTexts() {
  std::vector<SampleText> out;
  for (const char* file : {"contacts_train.csv", "contacts_test.csv"}) {
    absl::StatusOr<CsvTable> table = ReadCsvFile(test_util::SampleFile(file));
    EXPECT_TRUE(table.ok()) << table.status();
    if (!table.ok()) continue;
    const size_t id = *table->ColumnIndex("id");
    const size_t subject = *table->ColumnIndex("subject");
    const size_t text = *table->ColumnIndex("text");
    for (const CsvRow& row : table->rows) {
      out.push_back(
          {row.fields[id], row.fields[subject] + "\n" + row.fields[text]});
    }
  }
  return out;
}

const SampleText* FindSample(const std::vector<SampleText>& samples,
                             absl::string_view id) {
  for (const SampleText& s : samples) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

TEST(MaskPersonalDataSampleTest, EveryContact) {
  const std::vector<SampleText> samples = LoadSampleTexts();
  // 336 + 110 contacts; the totals below are of the first 394 (c0001-c0300,
  // t0001-t0094), the rows there were when they were counted.
  ASSERT_EQ(samples.size(), 446u);
  auto counted = [](const std::string& id) {
    const int n = std::atoi(id.c_str() + 1);
    return id[0] == 'c' ? n <= 300 : n <= 94;
  };
  std::array<int, kNumPersonalDataKinds> totals{};
  for (const SampleText& s : samples) {
    SCOPED_TRACE(s.id);
    const MaskedText m = MaskPersonalData(s.text);
    EXPECT_EQ(FindInvalidUtf8(m.text), absl::string_view::npos);
    size_t placeholders = 0, removed = 0;
    for (const PersonalDataFinding& f : m.findings) {
      placeholders += PersonalDataPlaceholder(f.kind).size();
      removed += f.length;
    }
    EXPECT_EQ(m.text.size(), s.text.size() - removed + placeholders);
    EXPECT_LE(m.text.size(), s.text.size() + placeholders);
    ExpectConsistent(s.text, m);
    if (!counted(s.id)) continue;
    for (int k = 0; k < kNumPersonalDataKinds; ++k) totals[k] += m.counts[k];
  }
  // What the sample set holds, counted independently with regular
  // expressions over the CSV files (Python's csv and re; the same addresses,
  // numbers and postcodes, one by one): no valid BSN or IBAN (all made up to
  // fail their checks), two dates of birth (in letters c0097 and t0006), 81
  // e-mail addresses, 74 phone numbers (06-, 06 .., +31 6 ...), 150
  // postcodes (senders' and the town hall's "2700 AA" / "2701 CK").
  EXPECT_EQ(totals[static_cast<int>(Kind::kBsn)], 0);
  EXPECT_EQ(totals[static_cast<int>(Kind::kIban)], 0);
  EXPECT_EQ(totals[static_cast<int>(Kind::kDateOfBirth)], 2);
  EXPECT_EQ(totals[static_cast<int>(Kind::kEmail)], 81);
  EXPECT_EQ(totals[static_cast<int>(Kind::kPhone)], 74);
  EXPECT_EQ(totals[static_cast<int>(Kind::kPostcode)], 150);
  for (Kind k : kAllPersonalDataKinds) {
    std::cout << "sample: " << PersonalDataKindName(k) << " "
              << totals[static_cast<int>(k)] << "\n";
  }
}

TEST(MaskPersonalDataSampleTest, ConcreteRows) {
  const std::vector<SampleText> samples = LoadSampleTexts();
  struct Expect {
    const char* id;
    std::vector<std::string> gone;  // Must not be in the masked text.
    std::vector<std::string> kept;  // Must still be there.
  };
  const std::vector<Expect> expects = {
      // BSN-like number failing the 11-check: kept; the phone is masked.
      {"c0266", {"0644925475"}, {"730540515"}},
      // Made-up IBANs failing mod-97: kept.
      {"c0063", {}, {"NL98 KNAB 4707 5454 89"}},
      {"t0001", {}, {"NL11INGB3328146348"}},
      {"t0007", {}, {"NL66ABNA1098389717"}},
      // Web forms with e-mail and phone.
      {"c0014", {"ana.macleod@gmail.com", "06-28569709"}, {"25/6/2026"}},
      {"c0042", {"sanne.rahimi@kpnmail.nl", "+31 6 8193 3031"}, {}},
      {"c0141", {"jnowak@live.nl", "0675931979"}, {}},
      {"c0149", {"esther.degraaf@xs4all.nl", "06 74 62 73 79"}, {}},
      // A letter: postcodes, phone wrapped over two lines, the letter's
      // date kept.
      {"c0048", {"06 79 30 85\n03", "2742 PB", "2700 AA"}, {}},
      // Letters with a date of birth (cue hyphenated by OCR); the letter's
      // own date stays.
      {"c0097",
       {"8-8-1938", "06 51 33 71 08", "2729 WR"},
       {"ge-\nboortedatum"}},
      {"t0006",
       {"28-4-1951", "06-91166440"},
       {"01-05-2026", "geboorte-\ndatum"}},
      // Reference numbers, dates and times stay.
      {"c0020", {"2706 HA"}, {"20-04-2026", "WD-2026-71389"}},
      {"c0010", {}, {"2026.01.949299"}},
      {"c0154", {}, {"3659484564"}},
      {"t0029", {}, {"202602836209"}},
      {"c0200", {"rhendriks@hetnet.nl", "06-53447145"}, {"2026 15:31"}},
      // "2026 om" is a year and a word, not a postcode.
      {"c0021", {"info@wilgendam.nl"}, {"2026 om"}},
  };
  for (const Expect& e : expects) {
    SCOPED_TRACE(e.id);
    const SampleText* s = FindSample(samples, e.id);
    ASSERT_NE(s, nullptr);
    const MaskedText m = MaskPersonalData(s->text);
    for (const std::string& g : e.gone) {
      EXPECT_TRUE(absl::StrContains(s->text, g)) << "not in the sample: " << g;
      EXPECT_FALSE(absl::StrContains(m.text, g)) << g << " in " << m.text;
    }
    for (const std::string& k : e.kept) {
      EXPECT_TRUE(absl::StrContains(s->text, k)) << "not in the sample: " << k;
      EXPECT_TRUE(absl::StrContains(m.text, k)) << k << " not in " << m.text;
    }
  }
}

}  // namespace
}  // namespace switchboard
