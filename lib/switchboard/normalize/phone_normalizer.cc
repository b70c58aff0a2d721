// Copyright 2026 The Switchboard Authors.
//
// Phone transcripts (speech recognition output): filler words and the
// recognizer's event tags ("[noise]", "(stilte)") removed. What is left is
// what the caller said.

#include <array>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

constexpr size_t kNpos = absl::string_view::npos;
constexpr size_t kMaxTagBytes = 40;

// Multi-word fillers, tried before the single-word ones.
constexpr std::array<absl::string_view, 4> kFillerPhrases = {
    "weet je wel", "weet je", "you know", "i mean"};

// Hesitation sounds, spelled with repeated letters collapsed: "ehhh" and
// "eeh" count as "eh", "ummm" as "um", "hmmm" as "hm".
constexpr std::array<absl::string_view, 9> kFillerSounds = {
    "eh", "ehm", "euh", "euhm", "uh", "uhm", "um", "hm", "nou"};

// Tags in round brackets that recognizers and transcribers write for
// non-speech. Square brackets are always tags; round ones only when known,
// because a caller may really say something in parentheses.
constexpr std::array<absl::string_view, 22> kRoundTags = {
    "stilte",   "pauze",     "onverstaanbaar", "onduidelijk", "lacht",
    "gelach",   "ruis",      "geluid",         "muziek",      "hoest",
    "zucht",    "inaudible", "silence",        "noise",       "laughs",
    "laughter", "music",     "crosstalk",      "pause",       "unintelligible",
    "cough",    "sigh"};

bool IsFillerWord(absl::string_view word) {
  if (word.size() > 15) return false;  // Also keeps `collapsed` in SSO.
  std::string collapsed;
  for (char c : word) {
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) return false;
    c = absl::ascii_tolower(static_cast<unsigned char>(c));
    if (collapsed.empty() || collapsed.back() != c) collapsed.push_back(c);
  }
  if (collapsed == "m") return word.size() >= 2;  // "mm", "mmm"; not "m".
  for (absl::string_view sound : kFillerSounds) {
    if (collapsed == sound) return true;
  }
  return false;
}

// After a filler, its comma or dots go too: "Ja, eh, ik bel" -> "Ja, ik bel".
size_t SkipFillerPunctuation(absl::string_view text, size_t pos) {
  while (pos < text.size()) {
    if (text[pos] == ',' || text[pos] == '.') {
      ++pos;
    } else if (absl::StartsWith(text.substr(pos), "…")) {
      pos += sizeof("…") - 1;
    } else {
      break;
    }
  }
  return pos;
}

// Rewriter for RewriteWords: drops the filler starting at text[pos].
size_t DropFiller(absl::string_view text, size_t pos, std::string& /*out*/) {
  for (absl::string_view phrase : kFillerPhrases) {
    size_t end = MatchWordsAt(text, pos, phrase);
    if (end != kNpos) return SkipFillerPunctuation(text, end);
  }
  size_t end = WordEnd(text, pos);
  if (IsFillerWord(text.substr(pos, end - pos))) {
    return SkipFillerPunctuation(text, end);
  }
  return pos;
}

// If text[pos] opens an event tag ("[noise]", "(stilte)"), returns the
// position after it; otherwise pos.
size_t SkipEventTag(absl::string_view text, size_t pos) {
  const char open = text[pos];
  const char close = open == '[' ? ']' : ')';
  absl::string_view window = text.substr(pos + 1, kMaxTagBytes);
  size_t end = window.find_first_of(open == '[' ? "]\n[" : ")\n(");
  if (end == kNpos || window[end] != close) return pos;
  absl::string_view inner = absl::StripAsciiWhitespace(window.substr(0, end));
  if (open == '(') {
    bool known = false;
    for (absl::string_view tag : kRoundTags) {
      known = known || absl::EqualsIgnoreCase(inner, tag);
    }
    if (!known) return pos;
  }
  return pos + 1 + end + 1;
}

std::string RemoveEventTags(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == '[' || text[pos] == '(') {
      size_t end = SkipEventTag(text, pos);
      if (end != pos) {
        out.push_back(' ');  // "ik[noise]wil" -> "ik wil".
        pos = end;
        continue;
      }
    }
    out.push_back(text[pos++]);
  }
  return out;
}

}  // namespace

std::string CleanPhoneTranscript(absl::string_view transcript) {
  return RewriteWords(RemoveEventTags(transcript), DropFiller);
}

}  // namespace switchboard::normalize_internal
