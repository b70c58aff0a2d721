// Copyright 2026 The Switchboard Authors.
//
// classify_testing.h: helpers shared by the classifier and CLI tests: status
// matchers, temporary files, the sample data paths, a tiny hand-written
// training set, and a JSON syntax check for the tools' JSON output.

#ifndef SWITCHBOARD_TESTS_CLASSIFY_CLASSIFY_TESTING_H_
#define SWITCHBOARD_TESTS_CLASSIFY_CLASSIFY_TESTING_H_

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/dataset.h"

namespace switchboard::test_util {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

// Matches an absl::Status or absl::StatusOr<T> with code `code` and a
// message matching `message_matcher`.
MATCHER_P2(StatusIs, code, message_matcher,
           absl::StrCat(negation ? "isn't" : "is", " a status with code ",
                        absl::StatusCodeToString(code), " and a message that ",
                        ::testing::DescribeMatcher<std::string>(message_matcher,
                                                                negation))) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "which is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(
             message_matcher, std::string(status.message()), result_listener);
}

// The same, any message.
MATCHER_P(StatusIs, code,
          absl::StrCat(negation ? "isn't" : "is", " a status with code ",
                       absl::StatusCodeToString(code))) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "which is " << status;
  return status.code() == code;
}

MATCHER(IsOk, negation ? "isn't OK" : "is OK") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "which is " << status;
  return status.ok();
}

// A path under testing::TempDir() unique to this process and test, so that
// test executables run in parallel by ctest do not share files.
inline std::string TempPath(absl::string_view name) {
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  return absl::StrCat(::testing::TempDir(), "switchboard_", getpid(), "_",
                      info != nullptr ? info->test_suite_name() : "suite", "_",
                      info != nullptr ? info->name() : "setup", "_", name);
}

inline void WriteFile(const std::string& path, absl::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

inline std::string SampleFile(absl::string_view name) {
  return absl::StrCat(SWITCHBOARD_SAMPLE_DIR, "/", name);
}

inline Example MakeExample(absl::string_view text, absl::string_view label) {
  Example e;
  e.text = std::string(text);
  e.label = std::string(label);
  return e;
}

// Three labels with six sentences each, far apart in vocabulary.
inline std::vector<Example> TinyExamples() {
  const std::vector<std::pair<const char*, std::vector<const char*>>> data = {
      {"passport",
       {"my passport has expired and I need a new one",
        "how do I renew my passport before the holiday",
        "I lost my passport, can I apply for a replacement",
        "appointment to collect my new passport",
        "my identity card and passport are both expired",
        "what does a passport renewal cost for a child"}},
      {"parking",
       {"I want a parking permit for my street",
        "I got a parking fine but the meter was broken",
        "where can my visitors park their car",
        "my parking permit expires next month",
        "how much does parking in the city centre cost",
        "can I appeal a parking ticket for my car"}},
      {"waste",
       {"the garbage bin was not emptied this week",
        "when is the green waste collected in my street",
        "my garbage container is broken, I need a new bin",
        "someone dumped waste next to the recycling container",
        "how do I get rid of bulky waste like an old sofa",
        "the paper recycling bin was skipped again"}},
  };
  std::vector<Example> out;
  for (const auto& [label, texts] : data) {
    for (const char* text : texts) out.push_back(MakeExample(text, label));
  }
  return out;
}

// A strict syntax check of one JSON value (RFC 8259), enough to tell that
// the tools' hand-built JSON can be parsed.
class JsonChecker {
 public:
  static bool IsValid(absl::string_view text) {
    JsonChecker c(text);
    c.SkipSpace();
    if (!c.Value()) return false;
    c.SkipSpace();
    return c.pos_ == text.size();
  }

 private:
  explicit JsonChecker(absl::string_view text) : s_(text) {}

  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' ||
                                s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Literal(absl::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool String() {
    if (!Eat('"')) return false;
    while (pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (pos_ >= s_.size()) return false;
      char e = s_[pos_++];
      if (e == 'u') {
        for (int i = 0; i < 4; ++i) {
          if (pos_ >= s_.size() ||
              !std::isxdigit(static_cast<unsigned char>(s_[pos_++]))) {
            return false;
          }
        }
      } else if (absl::string_view("\"\\/bfnrt").find(e) ==
                 absl::string_view::npos) {
        return false;
      }
    }
    return false;
  }
  bool Digits() {
    size_t start = pos_;
    while (pos_ < s_.size() &&
           std::isdigit(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
    return pos_ > start;
  }
  bool Number() {
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (!Digits()) return false;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!Digits()) return false;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!Digits()) return false;
    }
    return true;
  }
  bool Value() {
    SkipSpace();
    if (pos_ >= s_.size()) return false;
    switch (s_[pos_]) {
      case '{':
        ++pos_;
        if (Eat('}')) return true;
        do {
          if (!String() || !Eat(':') || !Value()) return false;
        } while (Eat(','));
        return Eat('}');
      case '[':
        ++pos_;
        if (Eat(']')) return true;
        do {
          if (!Value()) return false;
        } while (Eat(','));
        return Eat(']');
      case '"':
        return String();
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        return Number();
    }
  }

  absl::string_view s_;
  size_t pos_ = 0;
};

}  // namespace switchboard::test_util

#endif  // SWITCHBOARD_TESTS_CLASSIFY_CLASSIFY_TESTING_H_
