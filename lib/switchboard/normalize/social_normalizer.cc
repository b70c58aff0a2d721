// Copyright 2026 The Switchboard Authors.
//
// Social media posts: URLs, @mentions, #hashtags, emoji and the retweet
// marker. Mentions and hashtags become signals; a hashtag's word stays in
// the text because "#paspoort" is often the only word that says what the
// post is about.

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/case_fold.h"
#include "switchboard/text/text_util.h"
#include "switchboard/text/utf8.h"

namespace switchboard::normalize_internal {
namespace {

// Emoji, pictographs and the invisible characters that build emoji
// sequences (variation selectors, zero-width joiner, keycap, tags).
bool IsEmoji(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) ||  // Pictographs, flags, tones.
         (cp >= 0x2600 && cp <= 0x27BF) ||    // Symbols and dingbats.
         (cp >= 0x2B00 && cp <= 0x2BFF) ||    // Arrows, stars, circles.
         (cp >= 0x231A && cp <= 0x231B) ||    // Watch, hourglass.
         (cp >= 0x23E9 && cp <= 0x23FA) ||    // Media controls, clocks.
         (cp >= 0xFE00 && cp <= 0xFE0F) ||    // Variation selectors.
         (cp >= 0xE0020 && cp <= 0xE007F) ||  // Tag sequence characters.
         cp == 0x200D || cp == 0x20E3 || cp == 0x3030 || cp == 0x303D ||
         cp == 0x3297 || cp == 0x3299;
}

bool IsHandleChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// End of the hashtag body starting at text[pos]: word characters and '_'.
size_t HashtagEnd(absl::string_view text, size_t pos) {
  while (pos < text.size()) {
    size_t end = WordEnd(text, pos);
    if (end < text.size() && text[end] == '_') ++end;
    if (end == pos) break;
    pos = end;
  }
  return pos;
}

bool StartsUrl(absl::string_view text, size_t pos) {
  absl::string_view rest = text.substr(pos);
  return absl::StartsWithIgnoreCase(rest, "http://") ||
         absl::StartsWithIgnoreCase(rest, "https://") ||
         absl::StartsWithIgnoreCase(rest, "www.");
}

size_t SkipNonSpace(absl::string_view text, size_t pos) {
  while (pos < text.size() &&
         !absl::ascii_isspace(static_cast<unsigned char>(text[pos]))) {
    ++pos;
  }
  return pos;
}

// "RT @user: ..." -> "@user: ...".
absl::string_view StripRetweetMarker(absl::string_view post) {
  absl::string_view rest = absl::StripLeadingAsciiWhitespace(post);
  if (absl::StartsWith(rest, "RT ")) return rest.substr(3);
  return post;
}

// Scans `text` (emoji already removed) for URLs, mentions and hashtags.
class SocialScanner {
 public:
  SocialScanner(absl::string_view text, std::vector<std::string>& signals)
      : text_(text), signals_(signals) {}

  std::string Run() {
    out_.reserve(text_.size());
    size_t pos = 0;
    while (pos < text_.size()) pos = Step(pos);
    return std::move(out_);
  }

 private:
  // Handles the text at `pos` and returns where to continue.
  size_t Step(size_t pos) {
    const bool word_start = !IsWordCharBefore(text_, pos);
    const char c = text_[pos];
    if (word_start && StartsUrl(text_, pos))
      return Skip(SkipNonSpace(text_, pos));
    if (word_start && c == '@') return Mention(pos);
    if (word_start && c == '#') return Hashtag(pos);
    out_.push_back(c);
    return pos + 1;
  }

  size_t Skip(size_t end) {
    out_.push_back(' ');
    return end;
  }

  size_t Mention(size_t pos) {
    size_t end = pos + 1;
    while (end < text_.size() && IsHandleChar(text_[end])) ++end;
    if (end == pos + 1) {
      out_.push_back('@');
      return pos + 1;
    }
    signals_.push_back(absl::StrCat(
        "mention:",
        absl::AsciiStrToLower(text_.substr(pos + 1, end - pos - 1))));
    if (end < text_.size() && text_[end] == ':') ++end;  // "RT @user:".
    return Skip(end);
  }

  size_t Hashtag(size_t pos) {
    size_t end = HashtagEnd(text_, pos + 1);
    if (end == pos + 1) {
      out_.push_back('#');
      return pos + 1;
    }
    absl::string_view tag = text_.substr(pos + 1, end - pos - 1);
    signals_.push_back(absl::StrCat("hashtag:", CaseFold(tag)));
    out_.append(tag.data(), tag.size());
    return end;
  }

  absl::string_view text_;
  std::vector<std::string>& signals_;
  std::string out_;
};

}  // namespace

std::string RemoveEmoji(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp;
    size_t len = DecodeUtf8At(text, pos, cp);
    if (!IsEmoji(cp)) {
      out.append(text.data() + pos, len);
      pos += len;
      continue;
    }
    while (pos < text.size() && IsEmoji(cp)) {
      pos += len;
      if (pos < text.size()) len = DecodeUtf8At(text, pos, cp);
    }
    // "Top👍bedankt" -> "Top bedankt", but "Hoi 👋!" -> "Hoi !".
    if (IsWordCharBefore(out, out.size()) && IsWordCharAt(text, pos)) {
      out.push_back(' ');
    }
  }
  return out;
}

std::string CleanSocial(absl::string_view post,
                        std::vector<std::string>& signals) {
  std::string text = RemoveEmoji(StripRetweetMarker(post));
  return SocialScanner(text, signals).Run();
}

}  // namespace switchboard::normalize_internal
