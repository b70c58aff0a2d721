// Copyright 2026 The Switchboard Authors.
//
// email_detector.cc: e-mail addresses, plain (jan@example.nl) and in the
// common obfuscated form (jan [at] example [dot] nl).
//
// Each '@' (or "[at]") is looked at once; the local part is read backwards
// from it and the domain forwards. Neither can contain an '@' or a '[', so
// the spans read for different '@'s overlap at most once (the domain of one
// and the local part of the next) and the scan is linear.

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"
#include "switchboard/text/text_util.h"
#include "switchboard/text/utf8.h"

namespace switchboard::protect_internal {
namespace {

bool IsLocalAscii(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-' || c == '\'';
}

// Length of the character of a local part or domain label that starts at
// t[pos] (an ASCII letter, digit or `extra`, or a letter or digit of another
// script), or 0.
size_t NameCharAt(absl::string_view t, size_t pos, bool local) {
  if (pos >= t.size()) return 0;
  const char c = t[pos];
  if (static_cast<unsigned char>(c) < 0x80) {
    return (local ? IsLocalAscii(c) : (IsAsciiAlnum(c) || c == '-')) ? 1 : 0;
  }
  char32_t cp;
  const size_t len = DecodeUtf8At(t, pos, cp);
  return IsWordChar(cp) ? len : 0;
}

// Start of the local part that ends at t[end], not before `floor`.
size_t LocalStart(absl::string_view t, size_t end, size_t floor) {
  size_t start = end;
  while (start > floor) {
    const unsigned char c = static_cast<unsigned char>(t[start - 1]);
    if (c < 0x80) {
      if (!IsLocalAscii(static_cast<char>(c))) break;
      --start;
      continue;
    }
    // Step back to the lead byte of a non-ASCII character.
    size_t lead = start - 1;
    while (lead > floor && start - lead < 4 &&
           (static_cast<unsigned char>(t[lead]) & 0xC0) == 0x80) {
      --lead;
    }
    if (NameCharAt(t, lead, true) != start - lead) break;
    start = lead;
  }
  // A local part does not start with a dot or an apostrophe (a quote
  // around the address: 'jan@example.nl').
  while (start < end && (t[start] == '.' || t[start] == '\'')) ++start;
  return start;
}

// Matches a bracketed word such as "[at]" or "(dot)" (any case) at t[pos],
// with up to two spaces on each side. Returns the length, or 0.
size_t BracketWordAt(absl::string_view t, size_t pos, absl::string_view word) {
  size_t p = pos;
  for (int i = 0; i < 2 && p < t.size() && t[p] == ' '; ++i) ++p;
  if (p >= t.size() || (t[p] != '[' && t[p] != '(')) return 0;
  const char close = t[p] == '[' ? ']' : ')';
  ++p;
  for (char w : word) {
    if (p >= t.size() || ToLower(t[p]) != w) return 0;
    ++p;
  }
  if (p >= t.size() || t[p] != close) return 0;
  ++p;
  for (int i = 0; i < 2 && p < t.size() && t[p] == ' '; ++i) ++p;
  return p - pos;
}

struct Label {
  size_t begin, end;
};

// Reads domain labels from t[pos] and returns the end of the domain, or
// npos when there is no domain of two or more labels ending in a top-level
// domain of at least two ASCII letters.
size_t DomainEnd(absl::string_view t, size_t pos, bool obfuscated) {
  std::vector<Label> labels;
  size_t p = pos;
  while (true) {
    const size_t begin = p;
    while (size_t len = NameCharAt(t, p, false)) p += len;
    if (p == begin) break;
    labels.push_back({begin, p});
    size_t sep = 0;
    if (p < t.size() && t[p] == '.') {
      sep = 1;
    } else if (obfuscated) {
      sep = BracketWordAt(t, p, "dot");
    }
    if (sep == 0 || NameCharAt(t, p + sep, false) == 0) break;
    p += sep;
  }
  // The last label that is all ASCII letters, two or more, ends the domain
  // ("jan@example.nl.123" -> "jan@example.nl").
  for (size_t k = labels.size(); k-- > 1;) {
    const Label& l = labels[k];
    bool letters = l.end - l.begin >= 2;
    for (size_t i = l.begin; letters && i < l.end; ++i) {
      letters = IsAsciiLetter(t[i]);
    }
    if (letters) return l.end;
  }
  return absl::string_view::npos;
}

}  // namespace

void FindEmails(ScanState& scan) {
  const absl::string_view t = scan.text();
  size_t floor =
      0;  // End of the last address: the next local part starts after it.
  for (size_t i = 0; i < t.size(); ++i) {
    size_t at_len = 0;
    bool obfuscated = false;
    size_t local_end = i;
    if (t[i] == '@') {
      at_len = 1;
    } else if (t[i] == '[' || t[i] == '(') {
      // "jan [at] ..." or "jan(at)...": the spaces before belong to the "at".
      size_t spaces = 0;
      while (spaces < 2 && local_end > floor && t[local_end - 1] == ' ') {
        --local_end;
        ++spaces;
      }
      at_len = BracketWordAt(t, local_end, "at");
      if (at_len == 0) continue;
      at_len -= i - local_end;
      obfuscated = true;
    } else {
      continue;
    }
    const size_t start = LocalStart(t, local_end, floor);
    if (start == local_end) continue;
    const size_t end = DomainEnd(t, i + at_len, obfuscated);
    if (end == absl::string_view::npos) continue;
    if (!scan.IsFree(start, end)) continue;
    scan.Add(PersonalDataKind::kEmail, start, end);
    floor = end;
    i = end - 1;
  }
}

}  // namespace switchboard::protect_internal
