// Copyright 2026 The Switchboard Authors.
//
// iban_detector.cc: IBANs, as one run (NL91ABNA0417164300) or with single
// spaces (NL91 ABNA 0417 1643 00), checked against the registry length and
// mod-97 (IsValidIban). An IBAN-shaped string that fails the check is left
// as it is but reserved, so the phone and BSN detectors do not take its
// digits.

#include <cstddef>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"
#include "switchboard/text/text_util.h"

namespace switchboard::protect_internal {
namespace {

struct IbanCandidate {
  size_t end = 0;
  // Written as print groups of four (or as one run): reserved when the check
  // fails. An irregular spacing is only masked when the check passes.
  bool regular = false;
};

// Reads an IBAN-shaped string at t[pos]: two letters, two digits, then
// letters and digits with single spaces to the country's registry length,
// ending at a word boundary. Returns end 0 when there is none.
IbanCandidate ReadIban(absl::string_view t, size_t pos) {
  IbanCandidate c;
  if (pos + 4 > t.size() || !IsAsciiLetter(t[pos]) ||
      !IsAsciiLetter(t[pos + 1]) || !IsDigit(t[pos + 2]) ||
      !IsDigit(t[pos + 3])) {
    return c;
  }
  const int length = IbanLengthForCountry(t.substr(pos, 2));
  if (length == 0) return c;
  int count = 4;
  size_t p = pos + 4;
  int group = 4;  // Characters in the current space-separated group.
  bool regular = true;
  bool spaced = false;
  while (count < length && p < t.size()) {
    if (IsAsciiAlnum(t[p])) {
      ++count;
      ++group;
      ++p;
    } else if (t[p] == ' ' && p + 1 < t.size() && IsAsciiAlnum(t[p + 1])) {
      if (group != 4) regular = false;
      group = 0;
      spaced = true;
      ++p;
    } else {
      break;
    }
  }
  if (count != length || IsWordCharAt(t, p)) return c;
  c.end = p;
  c.regular = regular && (spaced || group == length);
  return c;
}

}  // namespace

void FindIbans(ScanState& scan) {
  const absl::string_view t = scan.text();
  // Led by the check digits: digits are rarer than letters in text. An IBAN
  // starts two letters before its first digit, at a word's start.
  size_t i = 2;
  while (i + 1 < t.size()) {
    if (!IsDigit(t[i]) || !IsDigit(t[i + 1]) || !IsAsciiLetter(t[i - 1]) ||
        !IsAsciiLetter(t[i - 2]) || !WordMayStartAt(t, i - 2)) {
      ++i;
      continue;
    }
    const size_t start = i - 2;
    const IbanCandidate c = ReadIban(t, start);
    if (c.end != 0 && scan.IsFree(start, c.end)) {
      if (IsValidIban(t.substr(start, c.end - start))) {
        scan.Add(PersonalDataKind::kIban, start, c.end);
        i = c.end + 2;
        continue;
      }
      if (c.regular) {
        scan.Reserve(start, c.end);
        i = c.end + 2;
        continue;
      }
    }
    ++i;
  }
}

}  // namespace switchboard::protect_internal
