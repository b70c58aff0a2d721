// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/csv_reader.h"

#include <string>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using Fields = std::vector<std::string>;

// --- Inputs that parse --------------------------------------------------

struct ParseCase {
  const char* name;
  std::string input;
  Fields header;
  std::vector<Fields> rows;
  std::vector<size_t> lines;  // 1-based start line of each row
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.name; }

class CsvParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(CsvParseTest, ParsesHeaderRowsAndLines) {
  const ParseCase& c = GetParam();
  absl::StatusOr<CsvTable> t = ParseCsv(c.input, "test.csv");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->source, "test.csv");
  EXPECT_THAT(t->header, ElementsAreArray(c.header));
  std::vector<Fields> rows;
  std::vector<size_t> lines;
  for (const CsvRow& row : t->rows) {
    rows.push_back(row.fields);
    lines.push_back(row.line);
  }
  EXPECT_THAT(rows, ElementsAreArray(c.rows));
  EXPECT_THAT(lines, ElementsAreArray(c.lines));
}

INSTANTIATE_TEST_SUITE_P(
    Rfc4180, CsvParseTest,
    ::testing::Values(
        ParseCase{"Plain",
                  "text,label\nhello,greet\nbye,leave\n",
                  {"text", "label"},
                  {{"hello", "greet"}, {"bye", "leave"}},
                  {2, 3}},
        ParseCase{"NoFinalNewline", "a,b\n1,2", {"a", "b"}, {{"1", "2"}}, {2}},
        ParseCase{"HeaderOnly", "a,b\n", {"a", "b"}, {}, {}},
        ParseCase{"QuotedComma",
                  "text,label\n\"one, two\",x\n",
                  {"text", "label"},
                  {{"one, two", "x"}},
                  {2}},
        ParseCase{"DoubledQuotes",
                  "text,label\n\"she said \"\"hi\"\"\",x\n\"\"\"\"\"\",y\n",
                  {"text", "label"},
                  {{"she said \"hi\"", "x"}, {"\"\"", "y"}},
                  {2, 3}},
        ParseCase{"NewlineInQuotes",
                  "text,label\n\"line one\nline two\",x\nnext,y\n",
                  {"text", "label"},
                  {{"line one\nline two", "x"}, {"next", "y"}},
                  {2, 4}},
        ParseCase{"SeveralNewlinesInQuotes",
                  "a,b\n\"1\n2\n3\",\"4\n5\"\nz,z\n",
                  {"a", "b"},
                  {{"1\n2\n3", "4\n5"}, {"z", "z"}},
                  {2, 6}},
        ParseCase{"Crlf",
                  "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n",
                  {"a", "b"},
                  {{"1", "2"}, {"x\r\ny", "3"}, {"4", "5"}},
                  {2, 3, 5}},
        ParseCase{"ByteOrderMark",
                  "\xEF\xBB\xBFid,text\n1,hi\n",
                  {"id", "text"},
                  {{"1", "hi"}},
                  {2}},
        ParseCase{"BlankLinesSkipped",
                  "\na,b\n\n1,2\n\r\n\n3,4\n\n",
                  {"a", "b"},
                  {{"1", "2"}, {"3", "4"}},
                  {4, 7}},
        ParseCase{"EmptyFields",
                  "a,b,c\n,,\n1,,3\n\"\",x,\n",
                  {"a", "b", "c"},
                  {{"", "", ""}, {"1", "", "3"}, {"", "x", ""}},
                  {2, 3, 4}},
        ParseCase{"Utf8Text",
                  "text,label\nééN paspoort ✓,x\n",
                  {"text", "label"},
                  {{"ééN paspoort ✓", "x"}},
                  {2}},
        ParseCase{
            "SpacesKept", "a,b\n  x , y\n", {"a", "b"}, {{"  x ", " y"}}, {2}}),
    [](const ::testing::TestParamInfo<ParseCase>& info) {
      return info.param.name;
    });

// --- Inputs that are refused -----------------------------------------------

struct ErrorCase {
  const char* name;
  std::string input;
  std::string where;  // "test.csv:<line>:"
  std::string what;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class CsvErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CsvErrorTest, IsInvalidArgumentNamingTheLine) {
  const ErrorCase& c = GetParam();
  EXPECT_THAT(ParseCsv(c.input, "test.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(c.where), HasSubstr(c.what))));
}

INSTANTIATE_TEST_SUITE_P(
    Structure, CsvErrorTest,
    ::testing::Values(
        ErrorCase{"UnterminatedQuote",
                  "a,b\n1,2\n3,\"never closed\nmore\nlines\n",
                  "test.csv:3:", "unterminated quoted field"},
        ErrorCase{"UnterminatedQuoteInHeader", "\"a,b\n1,2\n",
                  "test.csv:1:", "unterminated quoted field"},
        // The quote opens on line 3, after a field that spans lines 2-3.
        ErrorCase{"UnterminatedQuoteAfterMultilineField",
                  "a,b,c\n\"x\ny\",\"open\n1,2,3\n",
                  "test.csv:3:", "unterminated quoted field"},
        ErrorCase{"TooFewFields", "a,b,c\n1,2,3\n4,5\n",
                  "test.csv:3:", "expected 3 fields as in the header, found 2"},
        ErrorCase{"TooManyFields", "a,b\n1,2\n\n3,4,5\n",
                  "test.csv:4:", "expected 2 fields as in the header, found 3"},
        ErrorCase{"TooFewAfterMultilineField", "a,b\n\"x\ny\",1\n\"p\nq\"\n",
                  "test.csv:4:", "found 1"},
        ErrorCase{"QuoteInsideUnquotedField", "a,b\n1,2\nsay \"hi\",3\n",
                  "test.csv:3:", "quote inside unquoted field 1"},
        ErrorCase{"QuoteInsideSecondField", "a,b\n1,x\"y\n",
                  "test.csv:2:", "quote inside unquoted field 2"},
        ErrorCase{"TextAfterClosingQuote", "a,b\n\"x\"y,2\n", "test.csv:2:",
                  "unexpected text after closing quote in field 1"},
        ErrorCase{"InvalidUtf8", "a,b\n1,2\nok,bad \xFF byte\n",
                  "test.csv:3:", "field 2 is not valid UTF-8 at byte 4"},
        ErrorCase{"TruncatedUtf8Sequence", "a,b\n\xC3,2\n",
                  "test.csv:2:", "field 1 is not valid UTF-8"},
        // The bad byte is on the first line of a field that spans two.
        ErrorCase{"InvalidUtf8InMultilineField",
                  "a,b\n1,2\n\"bad \xFF\nstill the field\",3\n",
                  "test.csv:3:", "not valid UTF-8"},
        ErrorCase{"Empty", "", "test.csv:", "empty file"},
        ErrorCase{"OnlyBlankLines", "\n\r\n\n", "test.csv:", "empty file"},
        ErrorCase{"OnlyByteOrderMark", "\xEF\xBB\xBF",
                  "test.csv:", "empty file"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) {
      return info.param.name;
    });

TEST(CsvReaderTest, ErrorNamesTheLineOfTheRecordNotOfTheFirstError) {
  // Line 2 is fine; the wrong record starts on line 3 and spans to line 5.
  absl::StatusOr<CsvTable> t =
      ParseCsv("a,b\n1,2\n\"multi\nline\nfield\"\n", "f.csv");
  EXPECT_THAT(t, StatusIs(absl::StatusCode::kInvalidArgument,
                          AllOf(HasSubstr("f.csv:3:"), Not(HasSubstr(":5:")))));
}

TEST(CsvTableTest, ColumnIndexFindsEachColumn) {
  absl::StatusOr<CsvTable> t = ParseCsv("id,text,label\n1,x,y\n", "t.csv");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->ColumnIndex("id").value(), 0u);
  EXPECT_EQ(t->ColumnIndex("text").value(), 1u);
  EXPECT_EQ(t->ColumnIndex("label").value(), 2u);
}

TEST(CsvTableTest, ColumnIndexOfMissingColumnListsTheColumns) {
  absl::StatusOr<CsvTable> t = ParseCsv("id,text,label\n1,x,y\n", "t.csv");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->ColumnIndex("Text"),
              StatusIs(absl::StatusCode::kNotFound,
                       AllOf(HasSubstr("t.csv"), HasSubstr("\"Text\""),
                             HasSubstr("columns: id, text, label"))));
}

TEST(ReadCsvFileTest, MissingFileIsNotFoundNamingThePath) {
  const std::string path = test_util::TempPath("does_not_exist.csv");
  EXPECT_THAT(ReadCsvFile(path),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)));
}

TEST(ReadCsvFileTest, ReadsAFileAndNamesItInErrors) {
  const std::string good = test_util::TempPath("good.csv");
  test_util::WriteFile(good, "text,label\n\"a, b\",x\n");
  absl::StatusOr<CsvTable> t = ReadCsvFile(good);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->source, good);
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_THAT(t->rows[0].fields, ElementsAre("a, b", "x"));

  const std::string bad = test_util::TempPath("bad.csv");
  test_util::WriteFile(bad, "text,label\na,b,c\n");
  EXPECT_THAT(ReadCsvFile(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr(bad + ":2:")));
  std::remove(good.c_str());
  std::remove(bad.c_str());
}

TEST(ReadCsvFileTest, ReadsTheSampleSet) {
  absl::StatusOr<CsvTable> t =
      ReadCsvFile(test_util::SampleFile("contacts_train.csv"));
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->header, ElementsAre("id", "channel", "language", "subject",
                                     "text", "ivr_choice", "label", "type"));
  EXPECT_EQ(t->rows.size(), 336u);
  EXPECT_THAT(t->rows.front().fields, Not(IsEmpty()));
  EXPECT_EQ(t->rows.front().fields[0], "c0001");
  EXPECT_EQ(t->rows.back().fields[0], "c0336");
}

TEST(ReadFileToStringTest, ReadsBytesExactly) {
  const std::string path = test_util::TempPath("bytes.bin");
  const std::string bytes("a\0b\r\n\xFF", 6);
  test_util::WriteFile(path, bytes);
  absl::StatusOr<std::string> read = ReadFileToString(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, bytes);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace switchboard
