// Copyright 2026 The Switchboard Authors.

#include "switchboard/text/case_fold.h"

#include <utf8proc.h>

#include <cstdlib>

#include "absl/strings/ascii.h"

namespace switchboard {

std::string CaseFold(absl::string_view text, CaseFoldOptions options) {
  // ASCII fast path: most contacts are plain ASCII, and utf8proc allocates.
  bool ascii = true;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return absl::AsciiStrToLower(text);

  int flags = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD;
  flags |= options.strip_accents ? (UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK)
                                 : UTF8PROC_COMPOSE;
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &out,
                   static_cast<utf8proc_option_t>(flags));
  if (n < 0) return absl::AsciiStrToLower(text);
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

}  // namespace switchboard
