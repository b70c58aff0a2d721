// Copyright 2026 The Switchboard Authors.
//
// utf8.h: UTF-8 validation and decoding. Every text that enters Switchboard
// is checked here first, so later stages may assume valid UTF-8.

#ifndef SWITCHBOARD_TEXT_UTF8_H_
#define SWITCHBOARD_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace switchboard {

// Returns the byte offset of the first invalid UTF-8 sequence in `text`
// (overlong forms, surrogates and code points above U+10FFFF are invalid),
// or absl::string_view::npos when the whole text is valid.
size_t FindInvalidUtf8(absl::string_view text);

// OK when `text` is valid UTF-8; otherwise INVALID_ARGUMENT with a message
// such as `body is not valid UTF-8 at byte 212` (`what` names the field).
absl::Status ValidateUtf8(absl::string_view what, absl::string_view text);

// Decodes valid UTF-8 into code points. Invalid bytes (which validated input
// never has) decode as U+FFFD, one per byte, so this never fails.
std::vector<char32_t> DecodeUtf8(absl::string_view text);

// Decodes the code point that starts at text[pos] (pos < text.size()) into
// `cp` and returns its length in bytes. An invalid sequence decodes as
// U+FFFD of length 1, so a scanner always makes progress.
size_t DecodeUtf8At(absl::string_view text, size_t pos, char32_t& cp);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace switchboard

#endif  // SWITCHBOARD_TEXT_UTF8_H_
