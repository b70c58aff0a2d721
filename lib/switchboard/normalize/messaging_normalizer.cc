// Copyright 2026 The Switchboard Authors.
//
// SMS and WhatsApp: emoji removed and the common chat abbreviations written
// out, so "kan ik ff langskomen wnr het past" matches what the classifier
// learned from "kan ik even langskomen wanneer het past".

#include <array>
#include <string>

#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

struct Abbreviation {
  absl::string_view short_form;  // Matched as whole words, case ignored.
  absl::string_view long_form;
};

// Only abbreviations that mean one thing. Left alone on purpose: "u" (the
// polite "you"), "ok", "asap", "btw", "n" ("een" or a letter), "k" ("ik"
// or "duizend").
constexpr std::array<Abbreviation, 23> kAbbreviations = {{
    {"z.s.m.", "zo snel mogelijk"},
    {"zsm", "zo snel mogelijk"},
    {"a.u.b.", "alstublieft"},
    {"aub", "alstublieft"},
    {"ff", "even"},
    {"pls", "please"},
    {"plz", "please"},
    {"thx", "thanks"},
    {"tnx", "thanks"},
    {"mss", "misschien"},
    {"idd", "inderdaad"},
    {"wrm", "waarom"},
    {"wnr", "wanneer"},
    {"mn", "mijn"},
    {"m'n", "mijn"},
    {"vd", "van de"},
    {"ipv", "in plaats van"},
    {"ivm", "in verband met"},
    {"evt", "eventueel"},
    {"gwn", "gewoon"},
    {"wss", "waarschijnlijk"},
    {"iig", "in ieder geval"},
    {"nvt", "niet van toepassing"},
}};

// Rewriter for RewriteWords: writes out the abbreviation at text[pos].
size_t ExpandAbbreviation(absl::string_view text, size_t pos,
                          std::string& out) {
  for (const Abbreviation& a : kAbbreviations) {
    size_t end = MatchWordsAt(text, pos, a.short_form);
    if (end == absl::string_view::npos) continue;
    out.append(a.long_form.data(), a.long_form.size());
    return end;
  }
  return pos;
}

}  // namespace

std::string CleanMessaging(absl::string_view message) {
  return RewriteWords(RemoveEmoji(message), ExpandAbbreviation);
}

}  // namespace switchboard::normalize_internal
