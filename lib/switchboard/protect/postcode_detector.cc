// Copyright 2026 The Switchboard Authors.
//
// postcode_detector.cc: Dutch postcodes, "1234 AB" and "1234AB". Lower or
// mixed case only after a postcode cue, since "1500kg" and "2026 om" are
// not postcodes.

#include <cstddef>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"
#include "switchboard/text/text_util.h"

namespace switchboard::protect_internal {
namespace {

// How far before a lower-case postcode a cue may end.
constexpr size_t kCueWindow = 30;

// True when "postcode", "post code", "postal code" or "zip" (any case, as a
// word) occurs in the kCueWindow bytes before t[pos].
bool CueBefore(absl::string_view t, size_t pos) {
  const size_t from = pos > kCueWindow ? pos - kCueWindow : 0;
  const absl::string_view before = t.substr(0, pos);
  for (absl::string_view cue :
       {"postcode", "post code", "postal code", "zip", "zipcode", "zip code"}) {
    if (FindWords(before, cue, from) != absl::string_view::npos) return true;
  }
  return false;
}

}  // namespace

void FindPostcodes(ScanState& scan) {
  const absl::string_view t = scan.text();
  size_t i = 0;
  while (i < t.size()) {
    if (!IsDigit(t[i])) {
      ++i;
      continue;
    }
    size_t run_end = i;
    while (run_end < t.size() && IsDigit(t[run_end])) ++run_end;
    if (run_end - i == 4 && t[i] != '0' && NumberMayStartAt(t, i)) {
      const size_t letters = run_end + SpaceAt(t, run_end);
      const size_t end = letters + 2;
      if (end <= t.size() && IsAsciiLetter(t[letters]) &&
          IsAsciiLetter(t[letters + 1]) && !IsWordCharAt(t, end)) {
        const char a = ToUpper(t[letters]), b = ToUpper(t[letters + 1]);
        const bool excluded = a == 'S' && (b == 'A' || b == 'D' || b == 'S');
        const bool upper = IsUpper(t[letters]) && IsUpper(t[letters + 1]);
        if (!excluded && (upper || CueBefore(t, i)) && scan.IsFree(i, end)) {
          scan.Add(PersonalDataKind::kPostcode, i, end);
          i = end;
          continue;
        }
      }
    }
    i = run_end;
  }
}

}  // namespace switchboard::protect_internal
