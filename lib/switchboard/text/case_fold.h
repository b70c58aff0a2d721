// Copyright 2026 The Switchboard Authors.
//
// case_fold.h: Unicode-aware case folding through utf8proc (the standard
// small library for this; a hand table would miss cases). "ÉÉN" folds to
// "één", "Ĳssel" (U+0132) to "ijssel", "ﬁ" to "fi".

#ifndef SWITCHBOARD_TEXT_CASE_FOLD_H_
#define SWITCHBOARD_TEXT_CASE_FOLD_H_

#include <string>

#include "absl/strings/string_view.h"

namespace switchboard {

struct CaseFoldOptions {
  // Also remove diacritics ("één" -> "een", "geïnteresseerd" ->
  // "geinteresseerd"), so that a citizen who types without accents matches
  // one who types with them. Default: keep them.
  bool strip_accents = false;
};

// Returns the Unicode case fold of valid UTF-8 `text` with compatibility
// normalization (NFKC_Casefold-like: ligatures such as "ĳ" and "ﬁ" are
// expanded). Invalid UTF-8 (which validated input never has) is returned
// lower-cased byte-wise for ASCII and otherwise unchanged.
std::string CaseFold(absl::string_view text, CaseFoldOptions options = {});

}  // namespace switchboard

#endif  // SWITCHBOARD_TEXT_CASE_FOLD_H_
