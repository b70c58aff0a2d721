// Copyright 2026 The Switchboard Authors.

#include "switchboard/text/text_util.h"

#include <utf8proc.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "switchboard/text/utf8.h"

namespace switchboard {

std::string CollapseWhitespace(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool space = absl::ascii_isspace(c);
    if (!space && c == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::vector<absl::string_view> SplitLines(absl::string_view text) {
  std::vector<absl::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == absl::string_view::npos) end = text.size();
    absl::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return absl::ascii_isalnum(static_cast<unsigned char>(cp));
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool IsLowercaseLetter(char32_t cp) {
  if (cp < 0x80) return absl::ascii_islower(static_cast<unsigned char>(cp));
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) ==
         UTF8PROC_CATEGORY_LL;
}

bool IsWordCharAt(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return absl::ascii_isalnum(c);
  char32_t cp;
  DecodeUtf8At(text, pos, cp);
  return IsWordChar(cp);
}

bool IsWordCharBefore(absl::string_view text, size_t pos) {
  if (pos == 0 || pos > text.size()) return false;
  size_t start = pos - 1;
  // Step back over at most three continuation bytes to the lead byte.
  while (start > 0 && pos - start < 4 &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  char32_t cp;
  if (start + DecodeUtf8At(text, start, cp) != pos) return false;
  return IsWordChar(cp);
}

size_t WordEnd(absl::string_view text, size_t pos) {
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      if (!absl::ascii_isalnum(c)) break;
      ++pos;
      continue;
    }
    char32_t cp;
    size_t len = DecodeUtf8At(text, pos, cp);
    if (!IsWordChar(cp)) break;
    pos += len;
  }
  return pos;
}

size_t MatchWordsAt(absl::string_view text, size_t pos,
                    absl::string_view phrase) {
  if (phrase.empty() || pos >= text.size()) return absl::string_view::npos;
  // Cheap reject first: most calls try a phrase that starts differently.
  if (phrase[0] != ' ' &&
      absl::ascii_tolower(static_cast<unsigned char>(text[pos])) !=
          absl::ascii_tolower(static_cast<unsigned char>(phrase[0]))) {
    return absl::string_view::npos;
  }
  if (IsWordCharAt(phrase, 0) && IsWordCharBefore(text, pos)) {
    return absl::string_view::npos;
  }
  size_t i = pos;
  for (char p : phrase) {
    if (p == ' ') {
      size_t start = i;
      while (i < text.size() &&
             absl::ascii_isspace(static_cast<unsigned char>(text[i]))) {
        ++i;
      }
      if (i == start) return absl::string_view::npos;
      continue;
    }
    if (i >= text.size() ||
        absl::ascii_tolower(static_cast<unsigned char>(text[i])) !=
            absl::ascii_tolower(static_cast<unsigned char>(p))) {
      return absl::string_view::npos;
    }
    ++i;
  }
  if (IsWordCharBefore(phrase, phrase.size()) && IsWordCharAt(text, i)) {
    return absl::string_view::npos;
  }
  return i;
}

size_t FindWords(absl::string_view text, absl::string_view phrase, size_t pos) {
  if (phrase.empty()) return absl::string_view::npos;
  const char first =
      absl::ascii_tolower(static_cast<unsigned char>(phrase.front()));
  for (size_t i = pos; i < text.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[i])) != first) {
      continue;
    }
    if (MatchWordsAt(text, i, phrase) != absl::string_view::npos) return i;
  }
  return absl::string_view::npos;
}

std::optional<LabeledLine> SplitLabel(absl::string_view line,
                                      size_t max_label_bytes) {
  const size_t limit = std::min(line.size(), max_label_bytes + 1);
  for (size_t i = 0; i < limit; ++i) {
    if (line[i] != ':') continue;
    if (i + 1 < line.size() &&
        !absl::ascii_isspace(static_cast<unsigned char>(line[i + 1]))) {
      continue;
    }
    absl::string_view label = absl::StripAsciiWhitespace(line.substr(0, i));
    if (label.empty()) return std::nullopt;
    return LabeledLine{label, absl::StripAsciiWhitespace(line.substr(i + 1))};
  }
  return std::nullopt;
}

}  // namespace switchboard
