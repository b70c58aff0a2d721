// Copyright 2026 The Switchboard Authors.
//
// date_of_birth_detector.cc: dates of birth, that is valid calendar dates
// with a birth cue ("geboren", "geboortedatum", "born", "date of birth",
// "DOB", ...) at most 40 bytes before them and no other date in between.
// Only the date is masked; an appointment or a letter's date, with no cue,
// stays.

#include <cstddef>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"
#include "switchboard/text/text_util.h"

namespace switchboard::protect_internal {
namespace {

// How far before a date its cue may start.
constexpr size_t kCueWindow = 40;

struct MonthName {
  absl::string_view name;
  int month;
};

// Dutch and English month names and their usual abbreviations, lower case.
constexpr MonthName kMonths[] = {
    {"januari", 1},   {"january", 1}, {"jan", 1},       {"februari", 2},
    {"february", 2},  {"feb", 2},     {"maart", 3},     {"march", 3},
    {"mrt", 3},       {"mar", 3},     {"april", 4},     {"apr", 4},
    {"mei", 5},       {"may", 5},     {"juni", 6},      {"june", 6},
    {"jun", 6},       {"juli", 7},    {"july", 7},      {"jul", 7},
    {"augustus", 8},  {"august", 8},  {"aug", 8},       {"september", 9},
    {"sept", 9},      {"sep", 9},     {"oktober", 10},  {"october", 10},
    {"okt", 10},      {"oct", 10},    {"november", 11}, {"nov", 11},
    {"december", 12}, {"dec", 12},
};

// Birth cues, lower case, matched as whole words (MatchCueAt).
constexpr absl::string_view kCues[] = {
    "geboren",  "geboortedatum", "geboorte datum", "geboortedag", "geb.",
    "geb",      "born",          "date of birth",  "birth date",  "birthdate",
    "birthday", "dob",           "d.o.b.",         "d.o.b",
};

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool IsValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const int days = (m == 2 && IsLeapYear(y)) ? 29 : kDays[m - 1];
  return d <= days;
}

// Reads a run of `min`..`max` digits at t[p] that is not followed by another
// digit. Returns its value and moves `p` past it, or -1.
int ReadDigits(absl::string_view t, size_t& p, size_t min, size_t max) {
  size_t q = p;
  int value = 0;
  while (q < t.size() && IsDigit(t[q]) && q - p <= max) {
    value = value * 10 + (t[q] - '0');
    ++q;
  }
  if (q - p < min || q - p > max) return -1;
  p = q;
  return value;
}

// Reads a month name at t[p] (whole word, any case, an abbreviation maybe
// followed by '.'). Returns 1-12 and moves `p` past it, or 0.
int ReadMonthName(absl::string_view t, size_t& p) {
  // Every month name starts with one of these letters; most words do not.
  if (p >= t.size() || absl::string_view("adfjmnosADFJMNOS").find(t[p]) ==
                           absl::string_view::npos) {
    return 0;
  }
  char word[10];
  size_t n = 0;
  size_t q = p;
  while (q < t.size() && IsAsciiLetter(t[q])) {
    if (n == sizeof(word)) return 0;
    word[n++] = ToLower(t[q++]);
  }
  if (n < 3 || IsWordCharAt(t, q)) return 0;
  const absl::string_view w(word, n);
  for (const MonthName& m : kMonths) {
    if (w == m.name) {
      if (n <= 4 && q < t.size() && t[q] == '.') ++q;
      p = q;
      return m.month;
    }
  }
  return 0;
}

// Skips one to three spaces at t[p]; false when there is none.
bool SkipSpaces(absl::string_view t, size_t& p) {
  size_t q = p;
  for (int i = 0; i < 3; ++i) {
    const size_t s = SpaceAt(t, q);
    if (s == 0) break;
    q += s;
  }
  if (q == p) return false;
  p = q;
  return true;
}

// Skips an English ordinal suffix ("st", "nd", "rd", "th") at t[p].
void SkipOrdinal(absl::string_view t, size_t& p) {
  if (p + 2 > t.size()) return;
  const char a = ToLower(t[p]), b = ToLower(t[p + 1]);
  if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
      (a == 'r' && b == 'd') || (a == 't' && b == 'h')) {
    if (!IsWordCharAt(t, p + 2)) p += 2;
  }
}

// A date starting with digits at t[pos]: d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy,
// d-mrt-yyyy, yyyy-mm-dd, "12 maart 1985", "12th March 1985". Returns the
// end of a valid date, or 0.
size_t ReadDigitDate(absl::string_view t, size_t pos) {
  size_t p = pos;
  const int first = ReadDigits(t, p, 1, 4);
  if (first < 0) return 0;
  const size_t first_len = p - pos;
  if (first_len == 3) return 0;
  if (first_len == 4) {  // yyyy-mm-dd
    if (p >= t.size() || (t[p] != '-' && t[p] != '/' && t[p] != '.')) return 0;
    const char sep = t[p++];
    const int month = ReadDigits(t, p, 1, 2);
    if (month < 0 || p >= t.size() || t[p] != sep) return 0;
    ++p;
    const int day = ReadDigits(t, p, 1, 2);
    return day >= 0 && IsValidDate(first, month, day) ? p : 0;
  }
  const int day = first;
  int month = 0;
  if (p < t.size() && (t[p] == '-' || t[p] == '/' || t[p] == '.')) {
    const char sep = t[p++];
    month = DigitAt(t, p) ? ReadDigits(t, p, 1, 2) : ReadMonthName(t, p);
    if (month <= 0 || p >= t.size() || t[p] != sep) return 0;
    ++p;
  } else {
    SkipOrdinal(t, p);
    if (!SkipSpaces(t, p)) return 0;
    month = ReadMonthName(t, p);
    if (month == 0 || !SkipSpaces(t, p)) return 0;
  }
  const int year = ReadDigits(t, p, 4, 4);
  return year >= 0 && IsValidDate(year, month, day) ? p : 0;
}

// A date starting with the month's name at t[pos]: "March 12, 1985",
// "March 12th 1985". Returns the end of a valid date, or 0.
size_t ReadNameDate(absl::string_view t, size_t pos) {
  size_t p = pos;
  const int month = ReadMonthName(t, p);
  if (month == 0 || !SkipSpaces(t, p)) return 0;
  const int day = ReadDigits(t, p, 1, 2);
  if (day < 0) return 0;
  SkipOrdinal(t, p);
  const bool comma = p < t.size() && t[p] == ',';
  if (comma) ++p;
  if (!SkipSpaces(t, p) && !comma) return 0;
  const int year = ReadDigits(t, p, 4, 4);
  return year >= 0 && IsValidDate(year, month, day) ? p : 0;
}

// Matches `cue` (lower case) as a whole word at t[pos], ignoring ASCII
// case. A space in the cue matches one to four whitespace characters; a
// hyphen at a line break in the text ("geboorte-\ndatum", OCR's
// hyphenation) is skipped. Returns the end of the match, or 0.
size_t MatchCueAt(absl::string_view t, size_t pos, absl::string_view cue) {
  size_t p = pos;
  for (size_t k = 0; k < cue.size(); ++k) {
    if (k > 0 && cue[k] != ' ' && p + 1 < t.size() && t[p] == '-' &&
        (t[p + 1] == '\n' || t[p + 1] == '\r')) {
      p += 2;
      if (p < t.size() && t[p - 1] == '\r' && t[p] == '\n') ++p;
    }
    if (cue[k] == ' ') {
      const size_t start = p;
      while (p < t.size() && p - start < 4 &&
             (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r')) {
        ++p;
      }
      if (p == start) return 0;
      continue;
    }
    if (p >= t.size() || ToLower(t[p]) != cue[k]) return 0;
    ++p;
  }
  if (cue.back() != '.' && p < t.size() && !IsDigit(t[p]) &&
      IsWordCharAt(t, p)) {
    return 0;
  }
  return p;
}

// The end of the longest birth cue at t[pos] (a word start), or 0.
size_t CueAt(absl::string_view t, size_t pos) {
  const char first = ToLower(t[pos]);
  if (first != 'g' && first != 'b' && first != 'd') return 0;
  size_t end = 0;
  for (absl::string_view cue : kCues) {
    if (cue[0] != first) continue;
    const size_t e = MatchCueAt(t, pos, cue);
    if (e > end) end = e;
  }
  return end;
}

// The end of a date starting at t[pos], or 0. Dates start at a word's
// start.
size_t DateAt(absl::string_view t, size_t pos) {
  size_t end = 0;
  if (IsDigit(t[pos]) && NumberMayStartAt(t, pos)) {
    end = ReadDigitDate(t, pos);
  } else if (IsAsciiLetter(t[pos]) && WordMayStartAt(t, pos)) {
    end = ReadNameDate(t, pos);
  }
  return end != 0 && NumberMayEndAt(t, end) ? end : 0;
}

// The first date that starts in t[from, last], as [begin, end); end 0 when
// there is none.
void FirstDate(absl::string_view t, size_t from, size_t last, size_t& begin,
               size_t& end) {
  end = 0;
  size_t p = from;
  while (p <= last && p < t.size()) {
    const size_t e = DateAt(t, p);
    if (e != 0) {
      begin = p;
      end = e;
      return;
    }
    // Skip the rest of this word or number.
    if (IsAsciiAlnum(t[p])) {
      while (p < t.size() && IsAsciiAlnum(t[p])) ++p;
    } else {
      ++p;
    }
  }
}

}  // namespace

void FindDatesOfBirth(ScanState& scan) {
  // Cues are rare and dates are not: find each cue, then the first date
  // after it, if that starts within kCueWindow bytes of the cue's start.
  const absl::string_view t = scan.text();
  size_t i = 0;
  while (i < t.size()) {
    // Every cue starts with b, d or g; most bytes are not one of those.
    const char lower = static_cast<char>(t[i] | 0x20);
    if ((lower != 'b' && lower != 'd' && lower != 'g') ||
        !WordMayStartAt(t, i)) {
      ++i;
      continue;
    }
    const size_t cue_end = CueAt(t, i);
    if (cue_end == 0) {
      ++i;
      continue;
    }
    size_t begin = 0, end = 0;
    FirstDate(t, cue_end, i + kCueWindow, begin, end);
    if (end != 0 && scan.IsFree(begin, end)) {
      scan.Add(PersonalDataKind::kDateOfBirth, begin, end);
    }
    i = cue_end;
  }
}

}  // namespace switchboard::protect_internal
