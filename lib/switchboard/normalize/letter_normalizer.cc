// Copyright 2026 The Switchboard Authors.
//
// Letters arrive as OCR text: words hyphenated at the end of a printed
// line, page numbers and "Pagina 1 van 2" between the paragraphs. The
// classifier needs the words whole and the paragraphs without the page
// furniture.

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"
#include "switchboard/text/utf8.h"

namespace switchboard::normalize_internal {
namespace {

// Consumes a run of 1-4 digits at the front of `s`.
bool ConsumeNumber(absl::string_view& s) {
  size_t n = 0;
  while (n < s.size() &&
         absl::ascii_isdigit(static_cast<unsigned char>(s[n]))) {
    ++n;
  }
  if (n == 0 || n > 4) return false;
  s.remove_prefix(n);
  s = absl::StripLeadingAsciiWhitespace(s);
  return true;
}

// Consumes `word` (whole, ASCII case ignored) at the front of `s`.
bool ConsumeWord(absl::string_view& s, absl::string_view word) {
  size_t end = MatchWordsAt(s, 0, word);
  if (end == absl::string_view::npos) return false;
  s = absl::StripLeadingAsciiWhitespace(s.substr(end));
  return true;
}

// "Pagina 2 van 3", "Page 2 of 3", "Blz. 2", "2/3", "2 van 3", "2".
bool IsPageNumber(absl::string_view s) {
  (void)(ConsumeWord(s, "pagina") || ConsumeWord(s, "page") ||
         ConsumeWord(s, "blz.") || ConsumeWord(s, "blad"));
  if (!ConsumeNumber(s)) return false;
  if (s.empty()) return true;
  if (!ConsumeWord(s, "van") && !ConsumeWord(s, "of")) {
    if (s[0] != '/') return false;
    s = absl::StripLeadingAsciiWhitespace(s.substr(1));
  }
  return ConsumeNumber(s) && s.empty();
}

// A page header or footer line: a page number, bare or between dashes
// ("- 2 -", "– 2 –").
bool IsPageMarker(absl::string_view line) {
  for (absl::string_view dash : {"-", "–", "—"}) {
    if (absl::StartsWith(line, dash) && absl::EndsWith(line, dash) &&
        line.size() > 2 * dash.size()) {
      line = absl::StripAsciiWhitespace(
          line.substr(dash.size(), line.size() - 2 * dash.size()));
      break;
    }
  }
  return IsPageNumber(line);
}

bool StartsWithLowercase(absl::string_view line) {
  if (line.empty()) return false;
  char32_t cp;
  DecodeUtf8At(line, 0, cp);
  return IsLowercaseLetter(cp);
}

// True when `line` ends in a word broken by a hyphen: a letter then '-'.
// "€ 12,-" and "- 2 -" do not.
bool EndsWithBrokenWord(absl::string_view line) {
  if (line.size() < 2 || line.back() != '-') return false;
  return IsWordCharBefore(line, line.size() - 1) &&
         !absl::ascii_isdigit(
             static_cast<unsigned char>(line[line.size() - 2]));
}

}  // namespace

std::string CleanLetter(absl::string_view ocr) {
  std::vector<absl::string_view> lines;
  for (absl::string_view line : SplitLines(ocr)) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty() && !IsPageMarker(line)) lines.push_back(line);
  }
  std::string out;
  out.reserve(ocr.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    absl::string_view line = lines[i];
    const bool next_lower =
        i + 1 < lines.size() && StartsWithLowercase(lines[i + 1]);
    if (EndsWithBrokenWord(line) && next_lower) {
      // "aan-" + "vraag" -> "aanvraag".
      out.append(line.data(), line.size() - 1);
    } else if (EndsWithBrokenWord(line) && i + 1 < lines.size()) {
      // "Noord-" + "Holland" -> "Noord-Holland": a real hyphen.
      out.append(line.data(), line.size());
    } else {
      out.append(line.data(), line.size());
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace switchboard::normalize_internal
