// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/dataset.h"

#include <set>
#include <string>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/csv_reader.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

class DatasetTest : public ::testing::Test {
 protected:
  static absl::StatusOr<std::vector<Example>> FromCsv(
      absl::string_view csv, const DatasetOptions& options = {}) {
    absl::StatusOr<CsvTable> table = ParseCsv(csv, "data.csv");
    if (!table.ok()) return table.status();
    return ExamplesFromCsv(*table, options);
  }
};

// A CSV field, quoted.
std::string Q(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

TEST_F(DatasetTest, ReadsPlainTextAndLabel) {
  absl::StatusOr<std::vector<Example>> ex = FromCsv(
      "text,label\nmy card arrived,card\n  where is my money? ,"
      " transfer \n");
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 2u);
  EXPECT_EQ((*ex)[0].text, "my card arrived");
  EXPECT_EQ((*ex)[0].label, "card");
  EXPECT_EQ((*ex)[0].line, 2u);
  EXPECT_THAT((*ex)[0].signals, IsEmpty());
  // Surrounding whitespace is trimmed from text and label.
  EXPECT_EQ((*ex)[1].text, "where is my money?");
  EXPECT_EQ((*ex)[1].label, "transfer");
  EXPECT_EQ((*ex)[1].line, 3u);
}

TEST_F(DatasetTest, WithoutChannelColumnTextIsKeptAsIs) {
  // No normalization: line breaks and case are kept.
  absl::StatusOr<std::vector<Example>> ex =
      FromCsv("label,text\nx,\"Klant: Hallo\nAgent: Hoi\"\n");
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 1u);
  EXPECT_EQ((*ex)[0].text, "Klant: Hallo\nAgent: Hoi");
}

TEST_F(DatasetTest, UsesCustomColumnNames) {
  DatasetOptions o;
  o.text_column = "utterance";
  o.label_column = "intent";
  absl::StatusOr<std::vector<Example>> ex =
      FromCsv("id,intent,utterance,text\n1,greet,hello there,ignored\n", o);
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 1u);
  EXPECT_EQ((*ex)[0].text, "hello there");
  EXPECT_EQ((*ex)[0].label, "greet");
}

TEST_F(DatasetTest, MissingRequiredColumnIsNotFound) {
  EXPECT_THAT(FromCsv("text,intent\na,b\n"),
              StatusIs(absl::StatusCode::kNotFound,
                       AllOf(HasSubstr("\"label\""),
                             HasSubstr("columns: text, intent"))));
  DatasetOptions o;
  o.text_column = "utterance";
  EXPECT_THAT(
      FromCsv("text,label\na,b\n", o),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("\"utterance\"")));
}

TEST_F(DatasetTest, BadRowsAreListedWithTheirLines) {
  absl::StatusOr<std::vector<Example>> ex = FromCsv(
      "text,label\n"
      "fine,a\n"       // 2
      "no label,\n"    // 3
      "fine,b\n"       // 4
      "  , b\n"        // 5: empty text
      "also fine,a\n"  // 6
      "x,   \n");      // 7: blank label
  EXPECT_THAT(ex, StatusIs(absl::StatusCode::kInvalidArgument,
                           AllOf(HasSubstr("3 bad row(s) in data.csv"),
                                 HasSubstr("data.csv:3: empty label"),
                                 HasSubstr("data.csv:5: empty text"),
                                 HasSubstr("data.csv:7: empty label"),
                                 Not(HasSubstr("data.csv:2:")),
                                 Not(HasSubstr("data.csv:4:")))));
}

TEST_F(DatasetTest, ManyBadRowsListTheFirstTen) {
  std::string csv = "text,label\n";
  for (int i = 0; i < 12; ++i) csv += "text,\n";  // lines 2..13
  EXPECT_THAT(FromCsv(csv),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("12 bad row(s)"), HasSubstr(":2:"),
                             HasSubstr(":11:"), Not(HasSubstr(":12:")),
                             Not(HasSubstr(":13:")), HasSubstr("..."))));
}

TEST_F(DatasetTest, HeaderOnlyIsInvalidArgument) {
  EXPECT_THAT(
      FromCsv("text,label\n"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no examples")));
}

TEST_F(DatasetTest, UnknownChannelIsABadRow) {
  EXPECT_THAT(FromCsv("channel,text,label\nemail,hallo,x\nfax,hallo,y\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("1 bad row(s)"),
                             HasSubstr("data.csv:3:"), HasSubstr("fax"))));
}

TEST_F(DatasetTest, RowThatFailsNormalizationIsABadRow) {
  DatasetOptions o;
  o.normalize.max_body_bytes = 20;
  EXPECT_THAT(
      FromCsv("id,channel,text,label\n"
              "a1,chat,kort,x\n"
              "a2,chat,dit is een veel te lang bericht voor de grens,y\n",
              o),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("data.csv:3:"), HasSubstr("a2"))));
}

TEST_F(DatasetTest, EmailRowsLoseTheQuotedReply) {
  const std::string body =
      "Beste gemeente,\n\n"
      "Ik wil graag een parkeervergunning aanvragen voor de Dorpsstraat.\n\n"
      "Met vriendelijke groet,\nJan de Vries\n\n"
      "Op ma 4 mrt. 2024 om 10:12 schreef Gemeente Wilgendam "
      "<info@wilgendam.example>:\n"
      "> Wij hebben uw melding over het grofvuil ontvangen.\n"
      "> Met vriendelijke groet, team afval\n";
  absl::StatusOr<std::vector<Example>> ex =
      FromCsv(absl::StrCat("id,channel,subject,text,ivr_choice,label\n",
                           "e1,email,Aanvraag,", Q(body), ",,parking\n"));
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 1u);
  const Example& e = (*ex)[0];
  EXPECT_EQ(e.label, "parking");
  EXPECT_THAT(e.text, HasSubstr("parkeervergunning aanvragen"));
  EXPECT_THAT(e.text, StartsWith("Aanvraag "));  // the subject
  EXPECT_THAT(e.text, Not(HasSubstr("schreef")));
  EXPECT_THAT(e.text, Not(HasSubstr("grofvuil")));
  EXPECT_THAT(e.text, Not(HasSubstr("\n")));
}

TEST_F(DatasetTest, PhoneRowsCarryTheIvrChoiceAsASignal) {
  absl::StatusOr<std::vector<Example>> ex = FromCsv(
      "id,channel,subject,text,ivr_choice,label\n"
      "p1,phone,,eh ik wil mijn paspoort verlengen,3,passports_id\n"
      "p2,phone,,ja mijn vuilnisbak is kapot,,waste\n");
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 2u);
  EXPECT_THAT((*ex)[0].signals, Contains("ivr:3"));
  EXPECT_THAT((*ex)[0].text, HasSubstr("paspoort verlengen"));
  EXPECT_THAT((*ex)[1].signals, Not(Contains(StartsWith("ivr:"))));
}

TEST_F(DatasetTest, IvrColumnIsIgnoredForOtherChannels) {
  absl::StatusOr<std::vector<Example>> ex = FromCsv(
      "channel,text,ivr_choice,label\nchat,Klant: waar is mijn "
      "paspoort?,3,passports_id\n");
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 1u);
  EXPECT_THAT((*ex)[0].signals, Not(Contains("ivr:3")));
}

TEST_F(DatasetTest, EmptyChannelColumnNameTurnsNormalizationOff) {
  DatasetOptions o;
  o.channel_column = "";
  const std::string body =
      "Vraag\n\nOp 4 mrt. 2024 om 10:12 schreef X <x@y.z>:\n> oud";
  absl::StatusOr<std::vector<Example>> ex =
      FromCsv(absl::StrCat("channel,text,label\nemail,", Q(body), ",x\n"), o);
  ASSERT_TRUE(ex.ok()) << ex.status();
  ASSERT_EQ(ex->size(), 1u);
  EXPECT_EQ((*ex)[0].text, body);
}

TEST(LoadExamplesTest, LoadsTheSampleTrainingSet) {
  absl::StatusOr<std::vector<Example>> ex =
      LoadExamples(test_util::SampleFile("contacts_train.csv"), {});
  ASSERT_TRUE(ex.ok()) << ex.status();
  EXPECT_EQ(ex->size(), 336u);
  std::set<std::string> labels;
  size_t with_ivr = 0;
  for (const Example& e : *ex) {
    labels.insert(e.label);
    EXPECT_FALSE(e.text.empty()) << "line " << e.line;
    EXPECT_THAT(e.text, Not(HasSubstr("\n"))) << "line " << e.line;
    for (const std::string& s : e.signals) with_ivr += s.rfind("ivr:", 0) == 0;
  }
  EXPECT_THAT(labels,
              ElementsAre("benefits", "complaints", "general", "housing",
                          "parking", "passports_id", "taxes", "waste"));
  EXPECT_GT(with_ivr, 20u);
  EXPECT_THAT(*ex, Contains(Field(&Example::line, 2u)));
}

TEST(LoadExamplesTest, MissingFileIsNotFound) {
  const std::string path = test_util::TempPath("missing.csv");
  EXPECT_THAT(LoadExamples(path, {}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)));
}

}  // namespace
}  // namespace switchboard
