// Copyright 2026 The Switchboard Authors.
//
// The shape of data/sample/citizen_cases.csv (the hand-written cases of
// issue 7: contact types, repeat contacts, reply channels, personal data,
// languages), and how the contact-type cues and language detection do on
// it. The scenario tests that route these cases live with the engine.

#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/contact_type.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/classify/language.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"

namespace switchboard {
namespace {

using ::testing::ElementsAre;

// Share of the cases whose `type` the cues give: measured 0.875 (35 of 40;
// missed: two complaints about how an objection is handled, which the
// "bezwaar" cue makes objections, and three requests worded without a
// request cue). The cases and the cues were written by the same hand, so
// this is a consistency check, not an accuracy figure (contact_type_test.cc
// measures the cues on the sample test set).
constexpr double kCueAgreementFloor = 0.80;
// Share whose `language` DetectLanguage gives: measured 1.000 (40 of 40).
constexpr double kLanguageAgreementFloor = 0.95;

const std::set<std::string>& Departments() {
  static const auto* d = new std::set<std::string>{
      "taxes",   "benefits", "passports_id", "housing",
      "parking", "waste",    "complaints",   "general"};
  return *d;
}

const std::set<std::string>& PersonalDataKinds() {
  static const auto* k = new std::set<std::string>{
      "bsn", "iban", "phone", "email", "postcode", "date_of_birth"};
  return *k;
}

// The BSN 11-check: 9 digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - d9
// divisible by 11.
bool PassesElevenCheck(absl::string_view digits) {
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[i] - '0');
  sum -= digits[8] - '0';
  return sum % 11 == 0;
}

// The IBAN mod-97 check on an IBAN without spaces.
bool PassesMod97(absl::string_view iban) {
  const std::string moved = absl::StrCat(iban.substr(4), iban.substr(0, 4));
  int rest = 0;
  for (char c : moved) {
    const int v = std::isdigit(static_cast<unsigned char>(c))
                      ? c - '0'
                      : std::toupper(static_cast<unsigned char>(c)) - 'A' + 10;
    rest = (v >= 10 ? rest * 100 + v : rest * 10 + v) % 97;
  }
  return rest == 1;
}

// Runs of exactly 9 digits in `text`.
std::vector<std::string> NineDigitNumbers(absl::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])))
      ++j;
    if (j - i == 9) out.emplace_back(text.substr(i, 9));
    i = j;
  }
  return out;
}

// Dutch IBANs in `text` ("NL" + 2 digits + 4 letters + 10 digits, spaces
// between groups allowed), without spaces.
std::vector<std::string> DutchIbans(absl::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text.substr(i, 2) != "NL" ||
        (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
      continue;
    }
    std::string iban = "NL";
    size_t j = i + 2;
    // Bounded by the 18 characters of an IBAN.
    while (j < text.size() && iban.size() < 18) {
      const unsigned char c = static_cast<unsigned char>(text[j]);
      if (c == ' ') {
        ++j;
        continue;
      }
      if (!std::isalnum(c)) break;
      iban.push_back(static_cast<char>(c));
      ++j;
    }
    if (iban.size() == 18 &&
        std::isdigit(static_cast<unsigned char>(iban[2])) &&
        std::isalpha(static_cast<unsigned char>(iban[4]))) {
      out.push_back(iban);
    }
  }
  return out;
}

class CitizenCasesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<CsvTable> t =
        ReadCsvFile(test_util::SampleFile("citizen_cases.csv"));
    ASSERT_TRUE(t.ok()) << t.status();
    table_ = new CsvTable(*std::move(t));
  }
  static void TearDownTestSuite() {
    delete table_;
    table_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(table_, nullptr); }

  static const std::string& Field(const CsvRow& row, absl::string_view name) {
    return row.fields[*table_->ColumnIndex(name)];
  }
  // The row as a contact, normalized as a live one would be.
  static absl::StatusOr<NormalizedContact> Normalized(const CsvRow& row) {
    absl::StatusOr<Channel> channel = ParseChannel(Field(row, "channel"));
    if (!channel.ok()) return channel.status();
    Contact c;
    c.id = Field(row, "id");
    c.channel = *channel;
    c.body = Field(row, "text");
    return Normalize(c, NormalizeOptions());
  }

  static CsvTable* table_;
};

CsvTable* CitizenCasesTest::table_ = nullptr;

TEST_F(CitizenCasesTest, HasTheColumnsAndValidValues) {
  EXPECT_THAT(table_->header,
              ElementsAre("id", "channel", "language", "customer_ref",
                          "preferred_reply_channel", "type", "label",
                          "personal_data", "text"));
  EXPECT_GE(table_->rows.size(), 35u);
  std::set<std::string> ids;
  for (const CsvRow& row : table_->rows) {
    SCOPED_TRACE(::testing::Message() << "line " << row.line);
    ASSERT_EQ(row.fields.size(), table_->header.size());
    EXPECT_TRUE(ids.insert(Field(row, "id")).second) << Field(row, "id");
    EXPECT_TRUE(ParseChannel(Field(row, "channel")).ok());
    const std::string& language = Field(row, "language");
    EXPECT_TRUE(language.size() == 2 && std::islower(language[0]) &&
                std::islower(language[1]))
        << language;
    const std::string& ref = Field(row, "customer_ref");
    if (!ref.empty()) {
      EXPECT_TRUE(ref.size() == 6 && ref.rfind("K-", 0) == 0 &&
                  std::isdigit(static_cast<unsigned char>(ref[2])))
          << ref;
    }
    const std::string& reply = Field(row, "preferred_reply_channel");
    if (!reply.empty()) {
      EXPECT_TRUE(ParseChannel(reply).ok()) << reply;
    }
    EXPECT_TRUE(ParseContactType(Field(row, "type")).ok());
    EXPECT_TRUE(Departments().count(Field(row, "label")))
        << Field(row, "label");
    std::set<std::string> kinds;
    if (!Field(row, "personal_data").empty()) {
      for (absl::string_view k :
           absl::StrSplit(Field(row, "personal_data"), ';')) {
        EXPECT_TRUE(PersonalDataKinds().count(std::string(k))) << k;
        EXPECT_TRUE(kinds.insert(std::string(k)).second) << "twice: " << k;
      }
    }
    absl::StatusOr<NormalizedContact> n = Normalized(row);
    EXPECT_TRUE(n.ok()) << n.status();
  }
}

TEST_F(CitizenCasesTest, CoversWhatIssue7AsksFor) {
  std::set<std::string> types, channels, replies, languages;
  std::map<std::string, int> per_ref;
  int self_service_questions = 0, written_complaints = 0;
  for (const CsvRow& row : table_->rows) {
    const std::string& type = Field(row, "type");
    const std::string& channel = Field(row, "channel");
    types.insert(type);
    channels.insert(channel);
    languages.insert(Field(row, "language"));
    if (!Field(row, "preferred_reply_channel").empty()) {
      replies.insert(Field(row, "preferred_reply_channel"));
    }
    if (!Field(row, "customer_ref").empty())
      ++per_ref[Field(row, "customer_ref")];
    self_service_questions += type == "question" && channel != "phone" &&
                              channel != "letter" && channel != "email";
    written_complaints += (type == "complaint" || type == "objection") &&
                          (channel == "letter" || channel == "email");
  }
  EXPECT_EQ(types.size(), static_cast<size_t>(kNumContactTypes));
  EXPECT_EQ(channels.size(), kAllChannels.size());
  EXPECT_GE(replies.size(), 3u);
  EXPECT_TRUE(languages.count("nl") && languages.count("en"));
  EXPECT_GE(languages.size(), 3u);  // And another language.
  int repeated = 0;
  for (const auto& [ref, n] : per_ref) repeated += n >= 2;
  EXPECT_GE(repeated, 4) << "customers with repeat contacts";
  EXPECT_GE(self_service_questions, 6);
  EXPECT_GE(written_complaints, 8);
}

// `bsn` is listed exactly when the text holds a 9-digit number that passes
// the 11-check, `iban` exactly when it holds a Dutch IBAN that passes
// mod-97; and the file has invalid ones too, which must not be listed.
TEST_F(CitizenCasesTest, ListsBsnAndIbanOnlyWithValidCheckDigits) {
  int invalid_bsn = 0, invalid_iban = 0, valid_bsn = 0, valid_iban = 0;
  for (const CsvRow& row : table_->rows) {
    SCOPED_TRACE(::testing::Message() << "line " << row.line);
    const std::set<std::string> kinds =
        absl::StrSplit(Field(row, "personal_data"), ';', absl::SkipEmpty());
    bool has_bsn = false, has_iban = false;
    for (const std::string& n : NineDigitNumbers(Field(row, "text"))) {
      if (PassesElevenCheck(n)) {
        has_bsn = true;
        ++valid_bsn;
      } else {
        ++invalid_bsn;
      }
    }
    for (const std::string& iban : DutchIbans(Field(row, "text"))) {
      if (PassesMod97(iban)) {
        has_iban = true;
        ++valid_iban;
      } else {
        ++invalid_iban;
      }
    }
    EXPECT_EQ(kinds.count("bsn") == 1, has_bsn);
    EXPECT_EQ(kinds.count("iban") == 1, has_iban);
  }
  EXPECT_GE(valid_bsn, 2);
  EXPECT_GE(valid_iban, 2);
  EXPECT_GE(invalid_bsn, 1);
  EXPECT_GE(invalid_iban, 1);
}

TEST_F(CitizenCasesTest, CuesMostlyAgreeWithTheType) {
  size_t agree = 0;
  for (const CsvRow& row : table_->rows) {
    absl::StatusOr<NormalizedContact> n = Normalized(row);
    ASSERT_TRUE(n.ok()) << n.status();
    const ContactTypeCue c = ContactTypeFromCues(n->text);
    if (ContactTypeName(c.type) == Field(row, "type")) {
      ++agree;
    } else {
      std::printf("  %s: want %s, cues say %s (\"%s\")\n",
                  Field(row, "id").c_str(), Field(row, "type").c_str(),
                  std::string(ContactTypeName(c.type)).c_str(), c.cue.c_str());
    }
  }
  const double share = static_cast<double>(agree) / table_->rows.size();
  std::printf("citizen_cases.csv: cues agree with type on %.3f (%zu of %zu)\n",
              share, agree, table_->rows.size());
  EXPECT_GE(share, kCueAgreementFloor);
}

TEST_F(CitizenCasesTest, LanguageDetectionAgreesWithTheLanguage) {
  size_t agree = 0;
  for (const CsvRow& row : table_->rows) {
    absl::StatusOr<NormalizedContact> n = Normalized(row);
    ASSERT_TRUE(n.ok()) << n.status();
    const LanguageGuess g = DetectLanguage(n->text);
    if (g.code == Field(row, "language")) {
      ++agree;
    } else {
      std::printf("  %s: want %s, detected %s (%.2f)\n",
                  Field(row, "id").c_str(), Field(row, "language").c_str(),
                  g.code.c_str(), g.confidence);
    }
  }
  const double share = static_cast<double>(agree) / table_->rows.size();
  std::printf(
      "citizen_cases.csv: language detected right on %.3f (%zu of "
      "%zu)\n",
      share, agree, table_->rows.size());
  EXPECT_GE(share, kLanguageAgreementFloor);
}

}  // namespace
}  // namespace switchboard
