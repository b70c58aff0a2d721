// Copyright 2026 The Switchboard Authors.
//
// normalizer.h: turns a raw Contact from any channel into clean text for the
// classifier, doing what each channel needs:
//
//   email      quoted replies ("Op ... schreef", "On ... wrote",
//              "-----Oorspronkelijk bericht-----"), signatures, HTML -> text
//   phone      IVR choice as a signal + transcript without filler words
//   chat       turns joined, only the customer's side kept
//   social     @handles, #hashtags (words kept), URLs, emoji
//   letter     OCR line-break hyphenation, page headers/footers, address block
//   web_form   field labels ("Naam:", "Uw vraag:") stripped, values kept
//   messaging  SMS/WhatsApp abbreviations expanded, emoji removed
//
// Example:
//
//   absl::StatusOr<NormalizedContact> n = Normalize(contact, {});
//   if (!n.ok()) return n.status();  // names the contact, field and problem
//   Classify(n->text);
//
// Thread-safe: the functions here are pure.

#ifndef SWITCHBOARD_NORMALIZE_NORMALIZER_H_
#define SWITCHBOARD_NORMALIZE_NORMALIZER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "switchboard/contact.h"

namespace switchboard {

struct NormalizeOptions {
  // Largest accepted body (bytes). A larger body is refused with
  // INVALID_ARGUMENT rather than truncated: a cut-off letter could lose the
  // sentence that says what it is about. Default 256 KiB.
  size_t max_body_bytes = 256 * 1024;
  // Largest accepted subject, IVR choice, hint or reference (bytes).
  // Default 4 KiB.
  size_t max_field_bytes = 4 * 1024;
  // Chat: keep agent/bot turns too. Default false: the agent's "How can I
  // help?" says nothing about where the contact belongs.
  bool keep_agent_turns = false;
};

// The result of normalizing one contact.
struct NormalizedContact {
  Channel channel = Channel::kUnspecified;
  // Clean text for classification and display: the subject (if any) and the
  // cleaned body, whitespace collapsed, original case kept. Never empty.
  std::string text;
  // Channel signals that are not words of the text but may help route it,
  // as "kind:value" strings: "ivr:3", "hashtag:paspoort", "mention:gemeente".
  std::vector<std::string> signals;
};

// Validates and normalizes `contact`. Errors (all INVALID_ARGUMENT, each
// message starting with `contact <id>:`):
//   - channel is kUnspecified;
//   - a text field is not valid UTF-8 (names the field and the byte offset);
//   - the body is larger than options.max_body_bytes, or another field
//     larger than options.max_field_bytes (names field, size and limit);
//   - nothing is left to classify (empty subject and body, or only quoting,
//     signature or filler).
absl::StatusOr<NormalizedContact> Normalize(const Contact& contact,
                                            const NormalizeOptions& options);

}  // namespace switchboard

#endif  // SWITCHBOARD_NORMALIZE_NORMALIZER_H_
