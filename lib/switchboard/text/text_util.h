// Copyright 2026 The Switchboard Authors.
//
// text_util.h: small text helpers shared by the normalizers. All take valid
// UTF-8 (invalid bytes are treated as U+FFFD and never cause a crash) and
// run in time linear in the input for the short, constant phrases they are
// given.

#ifndef SWITCHBOARD_TEXT_TEXT_UTIL_H_
#define SWITCHBOARD_TEXT_TEXT_UTIL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace switchboard {

// Replaces every run of ASCII whitespace (and U+00A0 no-break space) by one
// space and trims both ends.
std::string CollapseWhitespace(absl::string_view text);

// Splits on '\n', dropping a trailing '\r' from each line.
std::vector<absl::string_view> SplitLines(absl::string_view text);

// True for letters, combining marks and digits of any script (Unicode
// categories L*, M* and N*): the characters words are made of.
bool IsWordChar(char32_t cp);

// True for a lower-case letter (Unicode category Ll): "a", "é", "ĳ".
bool IsLowercaseLetter(char32_t cp);

// True when the character starting at text[pos] is a word character; false
// at the end of the text.
bool IsWordCharAt(absl::string_view text, size_t pos);

// True when the character ending just before text[pos] is a word character;
// false at the start of the text.
bool IsWordCharBefore(absl::string_view text, size_t pos);

// The position just past the run of word characters starting at text[pos]
// (pos itself when text[pos] is not a word character).
size_t WordEnd(absl::string_view text, size_t pos);

// Matches `phrase` as whole words at text[pos], ignoring ASCII case. A space
// in `phrase` matches any run of whitespace in `text`. The match must not
// start right after, or end right before, a word character (so "eh" does not
// match inside "ehbo"). Returns the position just past the match, or
// absl::string_view::npos.
size_t MatchWordsAt(absl::string_view text, size_t pos,
                    absl::string_view phrase);

// Returns the position of the first whole-word match of `phrase` in `text`
// at or after `pos` (see MatchWordsAt), or absl::string_view::npos.
size_t FindWords(absl::string_view text, absl::string_view phrase,
                 size_t pos = 0);

// Rewrites `text` word by word. At the start of each word, calls
// `rewrite(text, pos, out)`, which either appends a replacement for
// text[pos, end) to `out` and returns `end`, or returns `pos` to keep the
// word. Everything else is copied unchanged.
//
//   RewriteWords("ff bellen", [](absl::string_view t, size_t pos,
//                                std::string& out) -> size_t {
//     size_t end = MatchWordsAt(t, pos, "ff");
//     if (end == absl::string_view::npos) return pos;
//     out += "even";
//     return end;
//   });  // "even bellen"
template <typename Rewrite>
std::string RewriteWords(absl::string_view text, Rewrite rewrite) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsWordCharAt(text, pos)) {
      out.push_back(text[pos++]);
      continue;
    }
    size_t end = rewrite(text, pos, out);
    if (end == pos) {
      end = WordEnd(text, pos);
      out.append(text.data() + pos, end - pos);
    }
    pos = end;
  }
  return out;
}

// A line of the form "Label: value".
struct LabeledLine {
  absl::string_view label;  // Without the colon, whitespace trimmed.
  absl::string_view value;  // Whitespace trimmed; may be empty.
};

// Splits `line` at the first colon that is followed by whitespace or ends
// the line and lies within the first `max_label_bytes` bytes. Returns
// nullopt when there is no such colon or the label would be empty. The
// colon in "10:30" or "https://" does not count.
std::optional<LabeledLine> SplitLabel(absl::string_view line,
                                      size_t max_label_bytes = 40);

}  // namespace switchboard

#endif  // SWITCHBOARD_TEXT_TEXT_UTIL_H_
