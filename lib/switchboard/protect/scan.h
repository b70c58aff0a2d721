// Copyright 2026 The Switchboard Authors.
//
// scan.h: what the personal-data detectors share (internal to
// lib/switchboard/protect): the scan state that records which bytes are
// taken, and the character and boundary tests that keep a finding from
// starting or ending inside a word, a longer number, an amount or a
// reference.
//
//   ScanState scan(text);
//   FindEmails(scan);  // then the other detectors, in precedence order,
//   scan.FinishPass();  // each followed by FinishPass()
//   std::vector<PersonalDataFinding> f = scan.TakeFindings();
//
// Not thread-safe (one ScanState per call of MaskPersonalData).

#ifndef SWITCHBOARD_PROTECT_SCAN_H_
#define SWITCHBOARD_PROTECT_SCAN_H_

#include <cstddef>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/text/text_util.h"

namespace switchboard::protect_internal {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiLetter(c); }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline char ToLower(char c) {
  return IsUpper(c) ? static_cast<char>(c + 32) : c;
}
inline char ToUpper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
}

inline bool DigitAt(absl::string_view t, size_t pos) {
  return pos < t.size() && IsDigit(t[pos]);
}

// True when the character before t[pos] is not a letter or digit of any
// script (so a word or number may start at pos). ASCII is decided without
// decoding.
inline bool WordMayStartAt(absl::string_view t, size_t pos) {
  if (pos == 0) return true;
  const char p = t[pos - 1];
  if (static_cast<unsigned char>(p) < 0x80) return !IsAsciiAlnum(p);
  return !IsWordCharBefore(t, pos);
}

// Length of the horizontal space at t[pos]: 1 for ' ' or '\t', 2 for U+00A0
// (no-break space), 3 for U+2009 (thin space) or U+202F (narrow no-break
// space); 0 for anything else. E-mail clients and word processors put
// no-break spaces inside phone numbers and postcodes.
size_t SpaceAt(absl::string_view t, size_t pos);

// Length of the space that ends just before t[pos] (as SpaceAt), or 0.
size_t SpaceBefore(absl::string_view t, size_t pos);

// True when a number may start at t[pos]: the character before is not a
// letter or digit of any script, not '+', not a '-', '/', '_' or '\' right
// after a letter or digit (references like "WD-2026", "Z/26/1441"), not a
// '.' or ',' right after a digit ("2026.01.949299", "1,5"), and no currency
// sign or "EUR" precedes it (amounts).
bool NumberMayStartAt(absl::string_view t, size_t pos);

// True when a number may end at t[end]: the next character is not a letter
// or digit, not '-', '/', '_' or '\' before a letter or digit, not '.', ','
// or ':' before a digit (decimals, times).
bool NumberMayEndAt(absl::string_view t, size_t end);

// True when a single ' ', '-' or '.' at t[end] is followed by a digit: the
// number goes on on the same line ("06 1234 5678 90").
bool NumberGoesOnAt(absl::string_view t, size_t end);

// True when a single ' ', '-' or '.' ends just before t[pos] and a digit
// before it: t[pos] continues a longer number ("06 111222333").
bool NumberComesBefore(absl::string_view t, size_t pos);

// The scan of one text: which bytes earlier detectors took, and the
// findings so far. Each detector scans left to right, so the ranges it
// takes come in increasing order; FinishPass() merges them into the sorted
// list that IsFree() searches. Memory is proportional to the findings, not
// to the text.
class ScanState {
 public:
  explicit ScanState(absl::string_view text);

  absl::string_view text() const { return text_; }

  // True when no byte of [begin, end) is taken.
  bool IsFree(size_t begin, size_t end) const;

  // Records a finding of `kind` over [begin, end) and takes its bytes. The
  // range must be free and start at or after the end of the last range
  // taken in this pass.
  void Add(PersonalDataKind kind, size_t begin, size_t end);

  // Takes [begin, end) without a finding: what looks like personal data but
  // fails its check (an IBAN with wrong check digits) is left whole, not
  // picked apart by later detectors. Same order rule as Add.
  void Reserve(size_t begin, size_t end);

  // Ends one detector's pass: what it took is seen by the next.
  void FinishPass();

  // The findings, in no particular order.
  std::vector<PersonalDataFinding> TakeFindings() {
    return std::move(findings_);
  }

 private:
  struct Range {
    size_t begin, end;
  };
  static bool Overlaps(const std::vector<Range>& sorted, size_t begin,
                       size_t end);

  absl::string_view text_;
  std::vector<Range> taken_;  // Sorted, non-overlapping.
  std::vector<Range> pass_;   // Taken in this pass, in increasing order.
  std::vector<PersonalDataFinding> findings_;
};

// The detectors, in precedence order. Each adds its findings to `scan` and
// never takes bytes already taken.
void FindEmails(ScanState& scan);
void FindIbans(ScanState& scan);
void FindBsns(ScanState& scan);
void FindPhones(ScanState& scan);
void FindPostcodes(ScanState& scan);
void FindDatesOfBirth(ScanState& scan);

}  // namespace switchboard::protect_internal

#endif  // SWITCHBOARD_PROTECT_SCAN_H_
