// Copyright 2026 The Switchboard Authors.
//
// language.h: detects the language a contact is written in, so that it
// reaches an agent with that language skill and a self-service answer is
// given in the citizen's own language.
//
// How: first the script. Text written mostly in a non-Latin script is that
// script's language (Arabic -> "ar", Cyrillic -> "ru" or "uk", Greek ->
// "el", Hebrew -> "he", Han -> "zh", kana -> "ja", Hangul -> "ko",
// Devanagari -> "hi", Thai -> "th"; another script -> "und"). Latin text is
// scored word by word against profiles of each language's most frequent
// words (function words, greetings, the chat shorthand "mn", "ff", "thx"):
// a word counts for every language whose profile has it, split evenly
// between them ("is" is half Dutch, half English), and letters only some
// languages use ("ß", "ñ", "ł", "ğ") add a little. The language with the
// most evidence wins; "und" when there is too little (under one word's
// worth) or a tie.
//
// Languages with a word profile: nl, en, de, fr, es, it, pt, tr, pl.
//
// Example:
//
//   LanguageGuess g = DetectLanguage("hoi, mn pas is kwijt");
//   // g.code == "nl", g.confidence == 0.8
//   DetectLanguage("hi my card is lost").code;  // "en"
//   DetectLanguage("12345").code;               // "und"
//
// Thread-safe: DetectLanguage is pure (its word tables are built once, on
// first use, and never change). It reads at most the first 16 KiB of the
// text, in time linear in that.

#ifndef SWITCHBOARD_CLASSIFY_LANGUAGE_H_
#define SWITCHBOARD_CLASSIFY_LANGUAGE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace switchboard {

// The code for "undetermined": empty text, only numbers or symbols, too few
// known words, or a tie.
inline constexpr absl::string_view kUndeterminedLanguage = "und";

struct LanguageGuess {
  // An ISO 639-1 code ("nl", "en", "de", ...) or "und".
  std::string code;
  // The winning language's share of all the evidence, in [0, 1]: 1 when
  // every known word belongs to it alone, lower when words of other
  // languages (or words shared with them) occur too. For a script-based
  // guess, the share of the letters in that script. 0 for "und" with no
  // evidence at all.
  float confidence = 0;
};

// Detects the language of `text` (UTF-8; invalid bytes are skipped, never a
// crash). Works on raw or normalized text; normalized text (without quoted
// replies and signatures) gives the better answer.
LanguageGuess DetectLanguage(absl::string_view text);

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_LANGUAGE_H_
