// Copyright 2026 The Switchboard Authors.
//
// Email: HTML to text, then a line scan that drops quoted text and stops at
// the first quote header or signature. Only the part the citizen wrote in
// this message says what the contact is about; the quoted history belongs
// to earlier contacts.

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"
#include "switchboard/text/utf8.h"

namespace switchboard::normalize_internal {
namespace {

constexpr size_t kNpos = absl::string_view::npos;

// ---------------------------------------------------------------------------
// HTML to text.

// Position of `needle` (lower-case ASCII) in `text` at or after `pos`,
// ignoring ASCII case; kNpos if absent. For short needles only.
size_t FindIgnoreCase(absl::string_view text, absl::string_view needle,
                      size_t pos) {
  for (size_t i = pos; i < text.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[i])) == needle[0] &&
        absl::StartsWithIgnoreCase(text.substr(i), needle)) {
      return i;
    }
  }
  return kNpos;
}

// Lower-case tag name at html[pos] (just after '<' or "</").
std::string TagName(absl::string_view html, size_t pos) {
  std::string name;
  while (pos < html.size() && name.size() < 16 &&
         absl::ascii_isalnum(static_cast<unsigned char>(html[pos]))) {
    name.push_back(absl::ascii_tolower(static_cast<unsigned char>(html[pos])));
    ++pos;
  }
  return name;
}

bool IsBlockTag(absl::string_view name) {
  static constexpr std::array<absl::string_view, 19> kBlock = {
      "br",    "p",          "div", "li",      "tr",     "h1", "h2",
      "h3",    "h4",         "h5",  "h6",      "hr",     "ul", "ol",
      "table", "blockquote", "pre", "section", "article"};
  for (absl::string_view b : kBlock) {
    if (name == b) return true;
  }
  return false;
}

bool IsKnownHtmlTag(absl::string_view name) {
  static constexpr std::array<absl::string_view, 14> kInline = {
      "html", "head", "body",   "meta", "style", "span", "font",
      "a",    "b",    "strong", "i",    "em",    "img",  "td"};
  for (absl::string_view t : kInline) {
    if (name == t) return true;
  }
  return IsBlockTag(name);
}

// True when `body` contains at least one well-known HTML tag. Plain-text
// mail with "<jan@example.nl>" or "a < b" stays plain text.
bool LooksLikeHtml(absl::string_view body) {
  for (size_t pos = body.find('<'); pos != kNpos;
       pos = body.find('<', pos + 1)) {
    size_t name_pos = pos + 1;
    if (name_pos < body.size() && body[name_pos] == '/') ++name_pos;
    if (name_pos < body.size() && body[name_pos] == '!') return true;
    if (IsKnownHtmlTag(TagName(body, name_pos))) return true;
  }
  return false;
}

struct NamedEntity {
  absl::string_view name;
  absl::string_view text;
};

constexpr std::array<NamedEntity, 30> kEntities = {{
    {"amp", "&"},    {"lt", "<"},     {"gt", ">"},     {"quot", "\""},
    {"apos", "'"},   {"nbsp", " "},   {"shy", ""},     {"euml", "ë"},
    {"iuml", "ï"},   {"ouml", "ö"},   {"uuml", "ü"},   {"auml", "ä"},
    {"eacute", "é"}, {"egrave", "è"}, {"ecirc", "ê"},  {"aacute", "á"},
    {"agrave", "à"}, {"oacute", "ó"}, {"ccedil", "ç"}, {"szlig", "ß"},
    {"Eacute", "É"}, {"Euml", "Ë"},   {"euro", "€"},   {"hellip", "…"},
    {"ndash", "–"},  {"mdash", "—"},  {"lsquo", "‘"},  {"rsquo", "’"},
    {"ldquo", "“"},  {"rdquo", "”"},
}};

// Decodes "&#123" / "&#x7B" bodies (without '&' and ';'). Returns false for
// malformed numbers and code points that are not characters.
bool DecodeNumericEntity(absl::string_view digits, std::string& out) {
  const bool hex = !digits.empty() && (digits[0] == 'x' || digits[0] == 'X');
  if (hex) digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 7) return false;
  uint32_t cp = 0;
  for (char c : digits) {
    unsigned char u = static_cast<unsigned char>(c);
    if (hex ? !absl::ascii_isxdigit(u) : !absl::ascii_isdigit(u)) return false;
    uint32_t d =
        absl::ascii_isdigit(u) ? u - '0' : absl::ascii_tolower(u) - 'a' + 10;
    cp = cp * (hex ? 16 : 10) + d;
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  AppendUtf8(cp == 0xA0 ? U' ' : static_cast<char32_t>(cp), out);
  return true;
}

// Decodes the entity at html[pos] == '&' into `out` and returns the position
// after it; an unknown or malformed entity is copied as a plain '&'.
size_t DecodeEntity(absl::string_view html, size_t pos, std::string& out) {
  size_t end = pos + 1;
  while (end < html.size() && end - pos <= 10 &&
         (absl::ascii_isalnum(static_cast<unsigned char>(html[end])) ||
          html[end] == '#')) {
    ++end;
  }
  if (end < html.size() && html[end] == ';' && end > pos + 1) {
    absl::string_view name = html.substr(pos + 1, end - pos - 1);
    if (name[0] == '#' && DecodeNumericEntity(name.substr(1), out)) {
      return end + 1;
    }
    for (const NamedEntity& e : kEntities) {
      if (e.name == name) {
        out.append(e.text.data(), e.text.size());
        return end + 1;
      }
    }
  }
  out.push_back('&');
  return pos + 1;
}

// Converts HTML to text with line breaks where blocks end. Linear: the
// position of the next '>' is remembered, so a run of '<' without any '>'
// is not rescanned.
class HtmlToText {
 public:
  explicit HtmlToText(absl::string_view html)
      : html_(html), next_gt_(html.find('>')) {}

  std::string Run() {
    out_.reserve(html_.size());
    size_t pos = 0;
    while (pos < html_.size()) {
      const char c = html_[pos];
      if (c == '<') {
        pos = Tag(pos);
      } else if (c == '&') {
        pos = DecodeEntity(html_, pos, out_);
      } else {
        // Source line breaks are layout, not text: only tags break lines.
        out_.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        ++pos;
      }
    }
    return std::move(out_);
  }

 private:
  size_t NextGt(size_t pos) {
    if (next_gt_ == kNpos) return kNpos;
    if (next_gt_ < pos) next_gt_ = html_.find('>', pos);
    return next_gt_;
  }

  // Skips to just past `closer` (e.g. "-->" or "</style"), or to the end.
  size_t SkipPast(size_t pos, absl::string_view closer) {
    size_t hit = FindIgnoreCase(html_, closer, pos);
    if (hit == kNpos) return html_.size();
    size_t gt = html_.find('>', hit);
    return gt == kNpos ? html_.size() : gt + 1;
  }

  // Handles the tag at html_[pos] == '<' and returns where to continue.
  size_t Tag(size_t pos) {
    if (absl::StartsWith(html_.substr(pos), "<!--"))
      return SkipPast(pos + 4, "-->");
    size_t name_pos = pos + 1;
    const bool closing = name_pos < html_.size() && html_[name_pos] == '/';
    if (closing) ++name_pos;
    const bool tag_like =
        name_pos < html_.size() &&
        (absl::ascii_isalpha(static_cast<unsigned char>(html_[name_pos])) ||
         html_[name_pos] == '!');
    const size_t gt = NextGt(pos);
    if (!tag_like || gt == kNpos) {
      out_.push_back('<');
      return pos + 1;
    }
    const std::string name = TagName(html_, name_pos);
    if (!closing && (name == "style" || name == "script")) {
      return SkipPast(gt + 1, name == "style" ? "</style" : "</script");
    }
    if (IsBlockTag(name)) {
      out_.push_back('\n');
    } else if (name == "td" || name == "th") {
      out_.push_back(' ');
    }
    return gt + 1;
  }

  absl::string_view html_;
  size_t next_gt_;  // Next '>' at or after the current tag; kNpos if none.
  std::string out_;
};

// ---------------------------------------------------------------------------
// Quote headers and signatures.

// True when `text` holds a clock time ("10:12") or an address ('@'), as
// every client's reply header does ("Op ma 4 mrt. 2024 om 10:12 schreef
// ..."). A citizen's own "Op 3 maart schreef ik u:" has neither.
bool HasTimeOrAddress(absl::string_view text) {
  if (text.find('@') != kNpos) return true;
  for (size_t i = 1; i + 2 < text.size(); ++i) {
    if (text[i] == ':' &&
        absl::ascii_isdigit(static_cast<unsigned char>(text[i - 1])) &&
        absl::ascii_isdigit(static_cast<unsigned char>(text[i + 1])) &&
        absl::ascii_isdigit(static_cast<unsigned char>(text[i + 2]))) {
      return true;
    }
  }
  return false;
}

// A reply header such as "Op <date> schreef <name>:" or "On <date>, <name>
// wrote:", possibly wrapped over up to three lines starting at lines[i].
bool IsReplyHeader(const std::vector<absl::string_view>& lines, size_t i) {
  constexpr size_t kMaxHeaderBytes = 400;
  absl::string_view first = absl::StripAsciiWhitespace(lines[i]);
  const bool dutch = absl::StartsWithIgnoreCase(first, "op ");
  if (!dutch && !absl::StartsWith(first, "On ")) return false;
  std::string header;
  for (size_t k = i; k < lines.size() && k < i + 3; ++k) {
    absl::string_view line = absl::StripAsciiWhitespace(lines[k]);
    if (header.size() + line.size() > kMaxHeaderBytes) return false;
    if (!header.empty()) header.push_back(' ');
    header.append(line.data(), line.size());
    if (!absl::EndsWith(header, ":")) continue;
    const bool verb = dutch ? (FindWords(header, "schreef") != kNpos ||
                               FindWords(header, "geschreven") != kNpos)
                            : FindWords(header, "wrote") != kNpos;
    return verb && HasTimeOrAddress(header);
  }
  return false;
}

bool IsSeparatorLine(absl::string_view line) {
  if (!absl::StartsWith(line, "---")) return false;
  for (absl::string_view marker :
       {"oorspronkelijk bericht", "original message", "forwarded message",
        "doorgestuurd bericht"}) {
    if (FindWords(line, marker) != kNpos) return true;
  }
  return false;
}

bool HasLabel(absl::string_view line,
              std::initializer_list<absl::string_view> labels) {
  std::optional<LabeledLine> labeled = SplitLabel(line, 12);
  if (!labeled.has_value()) return false;
  for (absl::string_view label : labels) {
    if (absl::EqualsIgnoreCase(labeled->label, label)) return true;
  }
  return false;
}

// An Outlook header block: "Van: ..." followed within four lines by
// "Verzonden: ..." or "Aan: ..." (or the English "From:" / "Sent:").
bool IsOutlookHeader(const std::vector<absl::string_view>& lines, size_t i) {
  if (!HasLabel(lines[i], {"van", "from"})) return false;
  for (size_t k = i + 1; k < lines.size() && k <= i + 4; ++k) {
    if (HasLabel(lines[k],
                 {"verzonden", "aan", "datum", "sent", "to", "date"})) {
      return true;
    }
  }
  return false;
}

bool IsQuoteStart(const std::vector<absl::string_view>& lines, size_t i) {
  absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
  return IsSeparatorLine(line) || IsReplyHeader(lines, i) ||
         IsOutlookHeader(lines, i);
}

// True when what follows a closing ("Met vriendelijke groet, Jan de Vries")
// could be a name rather than a sentence ("Thanks, but it still fails.").
bool LooksLikeName(absl::string_view rest) {
  if (rest.empty()) return true;
  if (rest.size() > 50 || absl::EndsWith(rest, ".")) return false;
  int words = 1;
  for (char c : rest) {
    if (c == '?' || c == '!' || c == ',' || c == ':') return false;
    if (c == ' ') ++words;
  }
  return words <= 4;
}

// True when `line` starts with one of `phrases` followed by nothing, or by
// punctuation and something that looks like a name.
bool StartsWithClosing(absl::string_view line,
                       std::initializer_list<absl::string_view> phrases) {
  for (absl::string_view phrase : phrases) {
    size_t end = MatchWordsAt(line, 0, phrase);
    if (end == kNpos) continue;
    absl::string_view rest = line.substr(end);
    rest = absl::StripLeadingAsciiWhitespace(rest);
    while (!rest.empty() && (rest[0] == ',' || rest[0] == '!' ||
                             rest[0] == '.' || rest[0] == '-')) {
      rest = absl::StripLeadingAsciiWhitespace(rest.substr(1));
    }
    if (LooksLikeName(absl::StripTrailingAsciiWhitespace(rest))) return true;
  }
  return false;
}

// "Sent from my iPhone" and friends: signature wherever they appear.
bool IsDeviceLine(absl::string_view line) {
  return StartsWithClosing(
      line,
      {"sent from", "verzonden vanaf", "verstuurd vanaf", "verzonden vanuit",
       "verstuurd vanuit", "verzonden met", "verstuurd met", "get outlook for",
       "outlook voor ios", "outlook voor android"});
}

// A closing greeting; counts as the signature only after some content.
bool IsClosingLine(absl::string_view line) {
  return StartsWithClosing(line, {"met vriendelijke groet",
                                  "met vriendelijke groeten",
                                  "vriendelijke groet",
                                  "vriendelijke groeten",
                                  "met hartelijke groet",
                                  "met hartelijke groeten",
                                  "hartelijke groet",
                                  "hartelijke groeten",
                                  "met groet",
                                  "met de groeten",
                                  "mvg",
                                  "m.v.g.",
                                  "groet",
                                  "groeten",
                                  "groetjes",
                                  "hoogachtend",
                                  "alvast bedankt",
                                  "bij voorbaat dank",
                                  "kind regards",
                                  "best regards",
                                  "warm regards",
                                  "kindest regards",
                                  "regards",
                                  "best",
                                  "best wishes",
                                  "all the best",
                                  "thanks",
                                  "many thanks",
                                  "cheers",
                                  "sincerely",
                                  "yours sincerely",
                                  "yours faithfully"});
}

bool IsSignatureStart(absl::string_view line, bool after_content) {
  if (IsDeviceLine(line)) return true;
  if (!after_content) return false;
  return line == "--" || IsClosingLine(line);
}

// A line of only underscores, as Outlook puts above a quote header.
bool IsRuleLine(absl::string_view line) {
  return line.size() >= 5 && line.find_first_not_of('_') == kNpos;
}

}  // namespace

std::string CleanEmail(absl::string_view body) {
  std::string text;
  if (LooksLikeHtml(body)) {
    text = HtmlToText(body).Run();
    body = text;
  }
  const std::vector<absl::string_view> lines = SplitLines(body);
  std::vector<absl::string_view> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (IsQuoteStart(lines, i) || IsSignatureStart(line, !kept.empty())) break;
    if (line.empty() || line[0] == '>' || IsRuleLine(line)) continue;
    kept.push_back(line);
  }
  return absl::StrJoin(kept, "\n");
}

}  // namespace switchboard::normalize_internal
