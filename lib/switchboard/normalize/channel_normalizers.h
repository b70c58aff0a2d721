// Copyright 2026 The Switchboard Authors.
//
// channel_normalizers.h: the per-channel cleaners behind Normalize(). Each
// takes valid UTF-8 and returns cleaned text (whitespace not yet collapsed
// is fine; Normalize() collapses it). Internal: embedders call Normalize().

#ifndef SWITCHBOARD_NORMALIZE_CHANNEL_NORMALIZERS_H_
#define SWITCHBOARD_NORMALIZE_CHANNEL_NORMALIZERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace switchboard::normalize_internal {

// Email: HTML to text (tags dropped, <br>/<p> become line breaks, common
// entities decoded), quoted replies cut (lines starting with '>', "Op ...
// schreef ...:", "On ... wrote:", "-----Oorspronkelijk bericht-----",
// "-----Original Message-----", "Van: ... Verzonden: ..." headers), and the
// signature cut ("-- " line, "Met vriendelijke groet", "Kind regards",
// "Verzonden vanaf mijn iPhone", ...).
std::string CleanEmail(absl::string_view body);

// Phone transcript: filler words ("eh", "ehm", "uhm", "uh", "um", "nou",
// "you know", ...) removed.
std::string CleanPhoneTranscript(absl::string_view transcript);

// Chat: lines "Klant: ...", "Customer: ...", "Medewerker: ...", "Agent: ...",
// "Bot: ..."; keeps the customer's turns (all turns with
// keep_agent_turns), speaker prefixes removed, joined with spaces. Lines
// without a known prefix are treated as the customer's.
std::string CleanChat(absl::string_view turns, bool keep_agent_turns);

// Social: URLs removed, @handles removed (each added to `signals` as
// "mention:<handle>"), '#' dropped from hashtags so the word stays (each
// added as "hashtag:<tag>"), emoji and pictographs removed.
std::string CleanSocial(absl::string_view post,
                        std::vector<std::string>& signals);

// Letter (OCR): words hyphenated over a line break joined ("aan-\nvraag" ->
// "aanvraag"), page header/footer lines ("Pagina 1 van 2", "- 2 -") dropped.
std::string CleanLetter(absl::string_view ocr);

// Web form: "Label: value" lines become the values; empty fields and
// contact-detail fields (name, e-mail, phone) dropped.
std::string CleanWebForm(absl::string_view fields);

// Messaging (SMS/WhatsApp): emoji removed, common abbreviations expanded
// ("ff" -> "even", "pls" -> "please", "thx" -> "thanks").
std::string CleanMessaging(absl::string_view message);

// Shared: removes emoji, pictographs and their modifiers (used by social
// and messaging).
std::string RemoveEmoji(absl::string_view text);

}  // namespace switchboard::normalize_internal

#endif  // SWITCHBOARD_NORMALIZE_CHANNEL_NORMALIZERS_H_
