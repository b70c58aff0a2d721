// Copyright 2026 The Switchboard Authors.
//
// date_of_birth_detector.cc: dates of birth, that is valid calendar dates
// with a birth cue ("geboren", "geboortedatum", "born", "date of birth",
// "DOB", ...) at most 40 bytes before them and no other date in between.
// Only the date is masked; an appointment or a letter's date, with no cue,
// stays.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"
#include "switchboard/text/text_util.h"

namespace switchboard::protect_internal {
namespace {

// How far before a date its cue may start.
constexpr size_t kCueWindow = 40;

struct MonthName {
  const char* name;
  int month;
};

// Dutch and English month names and their usual abbreviations, lower case.
constexpr MonthName kMonths[] = {
    {"januari", 1},   {"january", 1},  {"jan", 1},       {"februari", 2},
    {"february", 2},  {"feb", 2},      {"maart", 3},     {"march", 3},
    {"mrt", 3},       {"mar", 3},      {"april", 4},     {"apr", 4},
    {"mei", 5},       {"may", 5},      {"juni", 6},      {"june", 6},
    {"jun", 6},       {"juli", 7},     {"july", 7},      {"jul", 7},
    {"augustus", 8},  {"august", 8},   {"aug", 8},       {"september", 9},
    {"sept", 9},      {"sep", 9},      {"oktober", 10},  {"october", 10},
    {"okt", 10},      {"oct", 10},     {"november", 11}, {"nov", 11},
    {"december", 12}, {"dec", 12},
};

// Birth cues, lower case, matched as whole words in the text before a date
// (whitespace runs read as one space, "-\n" hyphenation joined).
constexpr absl::string_view kCues[] = {
    "geboren",   "geboortedatum", "geboorte datum", "geboortedag",
    "geb.",      "geb",           "born",           "date of birth",
    "birth date", "birthdate",    "birthday",       "dob",
    "d.o.b.",    "d.o.b",
};

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool IsValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
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

// True when a birth cue lies in t[from, pos).
bool CueBefore(absl::string_view t, size_t from, size_t pos) {
  // The window lower-cased, whitespace runs as one space, "-\n" joined. The
  // first byte says whether a letter comes right before the window.
  std::string w;
  w.reserve(pos - from + 1);
  w.push_back(from > 0 && IsAsciiLetter(t[from - 1]) ? 'x' : ' ');
  for (size_t i = from; i < pos; ++i) {
    const char c = t[i];
    if (c == '-' && i + 1 < pos && (t[i + 1] == '\n' || t[i + 1] == '\r')) {
      while (i + 1 < pos && (t[i + 1] == '\n' || t[i + 1] == '\r')) ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (w.back() != ' ') w.push_back(' ');
      continue;
    }
    w.push_back(ToLower(c));
  }
  const absl::string_view window(w);
  for (absl::string_view cue : kCues) {
    for (size_t k = window.find(cue, 1); k != absl::string_view::npos;
         k = window.find(cue, k + 1)) {
      const size_t end = k + cue.size();
      if (IsAsciiLetter(w[k - 1])) continue;
      if (cue.back() != '.' && end < w.size() && IsAsciiLetter(w[end])) continue;
      return true;
    }
  }
  return false;
}

}  // namespace

void FindDatesOfBirth(ScanState& scan) {
  const absl::string_view t = scan.text();
  size_t floor = 0;  // End of the last date: a cue before it is spent.
  size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    size_t end = 0;
    if (IsDigit(c) && NumberMayStartAt(t, i)) {
      end = ReadDigitDate(t, i);
    } else if (IsAsciiLetter(c) && !IsWordCharBefore(t, i)) {
      end = ReadNameDate(t, i);
    }
    if (end != 0 && !NumberMayEndAt(t, end)) end = 0;
    if (end == 0) {
      // Dates start at a word's start: skip the rest of this word or number.
      ++i;
      if (IsAsciiAlnum(c)) {
        while (i < t.size() && IsAsciiAlnum(t[i])) ++i;
      }
      continue;
    }
    const size_t from = i - floor > kCueWindow ? i - kCueWindow : floor;
    if (CueBefore(t, from, i) && scan.IsFree(i, end)) {
      scan.Add(PersonalDataKind::kDateOfBirth, i, end);
    }
    floor = end;
    i = end;
  }
}

}  // namespace switchboard::protect_internal
