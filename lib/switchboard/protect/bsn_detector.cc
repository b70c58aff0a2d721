// Copyright 2026 The Switchboard Authors.
//
// bsn_detector.cc: citizen service numbers (BSN) that pass the 11-check,
// written as 9 digits in one run or in the usual groupings: 3-3-3 with
// dots, spaces or dashes, 4-2-3 with dots or spaces.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"

namespace switchboard::protect_internal {
namespace {

// Length of the run of ASCII digits at t[pos].
size_t DigitRun(absl::string_view t, size_t pos) {
  size_t p = pos;
  while (p < t.size() && IsDigit(t[p])) ++p;
  return p - pos;
}

// Reads groups of exactly the digit counts in `sizes` (ended by a 0) at
// t[pos], separated by the same single `sep`. Appends the digits to
// `digits`; returns the end, or 0 when the text does not have that shape.
size_t ReadGrouped(absl::string_view t, size_t pos, const int* sizes, char sep,
                   std::string& digits) {
  size_t p = pos;
  for (int g = 0; sizes[g] != 0; ++g) {
    if (g > 0) {
      if (p >= t.size() || t[p] != sep) return 0;
      ++p;
    }
    if (DigitRun(t, p) != static_cast<size_t>(sizes[g])) return 0;
    digits.append(t.data() + p, sizes[g]);
    p += sizes[g];
  }
  return p;
}

// The end of a BSN-shaped number at t[pos] with its 9 digits in `digits`,
// or 0.
size_t ReadBsnShape(absl::string_view t, size_t pos, std::string& digits) {
  const size_t run = DigitRun(t, pos);
  if (run == 9) {
    digits.assign(t.data() + pos, 9);
    return pos + 9;
  }
  static constexpr int k333[] = {3, 3, 3, 0};
  static constexpr int k423[] = {4, 2, 3, 0};
  if (run == 3) {
    for (char sep : {'.', ' ', '-'}) {
      digits.clear();
      if (size_t end = ReadGrouped(t, pos, k333, sep, digits)) return end;
    }
  } else if (run == 4) {
    for (char sep : {'.', ' '}) {
      digits.clear();
      if (size_t end = ReadGrouped(t, pos, k423, sep, digits)) return end;
    }
  }
  return 0;
}

}  // namespace

void FindBsns(ScanState& scan) {
  const absl::string_view t = scan.text();
  std::string digits;
  size_t i = 0;
  while (i < t.size()) {
    if (!IsDigit(t[i])) {
      ++i;
      continue;
    }
    const size_t run_end = i + DigitRun(t, i);
    if (NumberMayStartAt(t, i) && !NumberComesBefore(t, i)) {
      const size_t end = ReadBsnShape(t, i, digits);
      if (end != 0 && NumberMayEndAt(t, end) && !NumberGoesOnAt(t, end) &&
          IsValidBsn(digits) && scan.IsFree(i, end)) {
        scan.Add(PersonalDataKind::kBsn, i, end);
        i = end;
        continue;
      }
    }
    i = run_end;  // A number never starts inside a run of digits.
  }
}

}  // namespace switchboard::protect_internal
