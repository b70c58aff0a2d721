// Copyright 2026 The Switchboard Authors.

#include "switchboard/text/utf8.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::testing::ElementsAre;

constexpr size_t kValid = absl::string_view::npos;

struct Utf8Case {
  const char* name;
  std::string text;
  size_t first_invalid;  // kValid when the text is valid.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const Utf8Case& c, std::ostream* os) { *os << c.name; }

class FindInvalidUtf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(FindInvalidUtf8Test, FindsTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8(GetParam().text), GetParam().first_invalid);
}

INSTANTIATE_TEST_SUITE_P(
    Valid, FindInvalidUtf8Test,
    ::testing::Values(Utf8Case{"Empty", "", kValid},
                      Utf8Case{"Ascii", "Hallo 123", kValid},
                      Utf8Case{"DutchAccents", "één geïnteresseerd", kValid},
                      Utf8Case{"Euro", "€ 12,50", kValid},
                      Utf8Case{"Emoji", "👍🏽", kValid},
                      Utf8Case{"LastBeforeSurrogates", "\xED\x9F\xBF", kValid},
                      Utf8Case{"FirstAfterSurrogates", "\xEE\x80\x80", kValid},
                      Utf8Case{"MaxCodePoint", "\xF4\x8F\xBF\xBF", kValid},
                      Utf8Case{"SmallestTwoByte", "\xC2\x80", kValid},
                      Utf8Case{"NulIsValid", std::string("a\0b", 3), kValid}));

INSTANTIATE_TEST_SUITE_P(
    Invalid, FindInvalidUtf8Test,
    ::testing::Values(Utf8Case{"LoneContinuation", "ab\x80", 2},
                      Utf8Case{"TruncatedTwoByteAtEnd", "abc\xC3", 3},
                      Utf8Case{"TruncatedThreeByte", "\xE2\x82", 0},
                      Utf8Case{"TruncatedFourByte", "x\xF0\x9F\x98", 1},
                      Utf8Case{"TruncatedThenAscii", "é\xE2\x82z", 2},
                      Utf8Case{"OverlongSlash", "\xC0\xAF", 0},
                      Utf8Case{"OverlongC1", "ok\xC1\xBF", 2},
                      Utf8Case{"OverlongThreeByte", "\xE0\x80\xAF", 0},
                      Utf8Case{"OverlongFourByte", "\xF0\x80\x80\xAF", 0},
                      Utf8Case{"HighSurrogate", "a\xED\xA0\x80", 1},
                      Utf8Case{"LowSurrogate", "\xED\xBF\xBF", 0},
                      Utf8Case{"AboveMaxCodePoint", "\xF4\x90\x80\x80", 0},
                      Utf8Case{"F5LeadByte", "\xF5\x80\x80\x80", 0},
                      Utf8Case{"FE", "abc\xFE", 3}, Utf8Case{"FF", "\xFF", 0},
                      Utf8Case{"BadContinuation", "ok\xE2\x28\xA1", 2},
                      Utf8Case{"ValidThenInvalid", "één\xC3\x28", 5}));

TEST(ValidateUtf8Test, OkForValidText) {
  EXPECT_TRUE(ValidateUtf8("body", "Beste, één vraag 👍").ok());
}

TEST(ValidateUtf8Test, NamesFieldAndByte) {
  std::string text(212, 'a');
  text += "\xFF";
  absl::Status status = ValidateUtf8("body", text);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "body is not valid UTF-8 at byte 212");
}

TEST(DecodeUtf8Test, DecodesEveryLength) {
  EXPECT_THAT(DecodeUtf8("aé€😀"), ElementsAre(U'a', U'é', U'€', U'😀'));
}

TEST(DecodeUtf8Test, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_THAT(DecodeUtf8("a\xE2\x82z\xFF"),
              ElementsAre(U'a', 0xFFFD, 0xFFFD, U'z', 0xFFFD));
}

TEST(DecodeUtf8AtTest, ReturnsLengthAndCodePoint) {
  const std::string text = "aé€😀";
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8At(text, 0, cp), 1u);
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(DecodeUtf8At(text, 1, cp), 2u);
  EXPECT_EQ(cp, U'é');
  EXPECT_EQ(DecodeUtf8At(text, 3, cp), 3u);
  EXPECT_EQ(cp, U'€');
  EXPECT_EQ(DecodeUtf8At(text, 6, cp), 4u);
  EXPECT_EQ(cp, U'😀');
  EXPECT_EQ(DecodeUtf8At(text, 7, cp), 1u);  // Middle of a sequence.
  EXPECT_EQ(cp, 0xFFFDu);
}

class AppendUtf8Test : public ::testing::TestWithParam<char32_t> {};

TEST_P(AppendUtf8Test, RoundTrips) {
  std::string encoded;
  AppendUtf8(GetParam(), encoded);
  EXPECT_EQ(FindInvalidUtf8(encoded), kValid);
  EXPECT_THAT(DecodeUtf8(encoded), ElementsAre(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Boundaries, AppendUtf8Test,
                         ::testing::Values(0x00, 0x7F, 0x80, 0x7FF, 0x800,
                                           0xD7FF, 0xE000, 0xFFFF, 0x10000,
                                           0x10FFFF));

TEST(AppendUtf8Test, EncodingLengths) {
  std::string out;
  AppendUtf8(U'é', out);
  EXPECT_EQ(out, "é");
  AppendUtf8(U'€', out);
  EXPECT_EQ(out, "é€");
  AppendUtf8(U'😀', out);
  EXPECT_EQ(out, "é€😀");
}

}  // namespace
}  // namespace switchboard
