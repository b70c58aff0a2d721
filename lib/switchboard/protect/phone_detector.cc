// Copyright 2026 The Switchboard Authors.
//
// phone_detector.cc: Dutch phone numbers in national form (06-12345678,
// 020 123 4567, (020) 123 4567), Dutch and foreign numbers in international
// form (+31 6 1234 5678, +31 (0)20 123 4567, 0031 6 12345678, +44 20 7946
// 0958, +1 (555) 010-0199).
//
// A number is read as digit groups with separators between them, up to the
// most digits its form allows, then checked: the count must fit the form,
// the number must not go on past the match on the same line, and it must
// not be a date.

#include <cstddef>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"

namespace switchboard::protect_internal {
namespace {

// E.164 country calling codes in use. The set is prefix-free (no code is
// the start of another), so a number's code is read without ambiguity.
constexpr int kCallingCodes[] = {
    1,   7,   20,  27,  30,  31,  32,  33,  34,  36,  39,  40,  41,  43,  44,
    45,  46,  47,  48,  49,  51,  52,  53,  54,  55,  56,  57,  58,  60,  61,
    62,  63,  64,  65,  66,  81,  82,  84,  86,  90,  91,  92,  93,  94,  95,
    98,  211, 212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228,
    229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243,
    244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258,
    260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298, 299,
    350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374,
    375, 376, 377, 378, 379, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421,
    423, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 590, 591, 592, 593,
    594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676, 677, 678, 679,
    680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850,
    852, 853, 855, 856, 870, 880, 881, 882, 883, 886, 888, 960, 961, 962, 963,
    964, 965, 966, 967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992,
    993, 994, 995, 996, 998,
};

bool IsCallingCode(int code) {
  for (int c : kCallingCodes) {
    if (c == code) return true;
  }
  return false;
}

// Length (1-3) of the calling code at t[pos], or 0.
size_t CallingCodeAt(absl::string_view t, size_t pos, int& code) {
  code = 0;
  for (size_t len = 1; len <= 3 && DigitAt(t, pos + len - 1); ++len) {
    code = code * 10 + (t[pos + len - 1] - '0');
    if (IsCallingCode(code)) return len;
  }
  return 0;
}

// The separator between two digit groups at t[pos]: up to two spaces, an
// optional '-', '.' or '/', up to two spaces (not empty), or a single line
// break when `newline`. Returns its length (0: none).
size_t SeparatorAt(absl::string_view t, size_t pos, bool newline) {
  size_t p = pos;
  for (int i = 0; i < 2; ++i) {
    const size_t s = SpaceAt(t, p);
    if (s == 0) break;
    p += s;
  }
  if (p < t.size() && (t[p] == '-' || t[p] == '.' || t[p] == '/')) {
    ++p;
    for (int i = 0; i < 2; ++i) {
      const size_t s = SpaceAt(t, p);
      if (s == 0) break;
      p += s;
    }
  }
  if (p == pos && newline) {
    if (p < t.size() && t[p] == '\n') {
      ++p;
    } else if (p + 1 < t.size() && t[p] == '\r' && t[p + 1] == '\n') {
      p += 2;
    }
  }
  return p - pos;
}

// What ReadGroups read.
struct Groups {
  size_t end = 0;  // Just past the last digit group taken.
  int digits = 0;
  int count = 0;      // Number of groups.
  int sizes[3] = {};  // Digits in the first three groups.
  char seps[2] = {};  // The first two separators' punctuation, or ' '.
};

// Reads digit groups from t[pos] while the total stays at most
// `max_digits`. A group is a run of digits or up to 4 digits in
// parentheses; groups need a separator between them except next to a
// parenthesis.
Groups ReadGroups(absl::string_view t, size_t pos, int max_digits,
                  bool newline) {
  Groups g;
  g.end = pos;
  size_t p = pos;
  bool after_paren = false;
  char sep_char = ' ';
  while (p < t.size()) {
    const bool paren = t[p] == '(';
    size_t q = paren ? p + 1 : p;
    int n = 0;
    while (q < t.size() && IsDigit(t[q]) && n <= max_digits) {
      ++q;
      ++n;
    }
    if (n == 0 || (q < t.size() && IsDigit(t[q]))) break;
    if (paren) {
      if (n > 4 || q >= t.size() || t[q] != ')') break;
      ++q;
    }
    if (g.digits + n > max_digits) break;
    if (g.count > 0 && g.count <= 2) g.seps[g.count - 1] = sep_char;
    if (g.count < 3) g.sizes[g.count] = n;
    ++g.count;
    g.digits += n;
    g.end = q;
    after_paren = paren;
    // The separator to the next group.
    const size_t sep = SeparatorAt(t, q, newline);
    sep_char = ' ';
    for (size_t k = q; k < q + sep; ++k) {
      if (t[k] == '-' || t[k] == '.' || t[k] == '/') sep_char = t[k];
    }
    const bool next_paren = q + sep < t.size() && t[q + sep] == '(';
    if (sep == 0 && !after_paren && !next_paren) break;
    p = q + sep;
  }
  return g;
}

// A date written with digits only, d-m-yyyy or dd.mm.yyyy: not a phone.
bool LooksLikeDate(const Groups& g) {
  return g.count >= 3 && g.sizes[0] <= 2 && g.sizes[1] <= 2 &&
         g.sizes[2] == 4 && g.seps[0] != ' ' && g.seps[0] == g.seps[1];
}

bool EndsWell(absl::string_view t, const Groups& g) {
  return NumberMayEndAt(t, g.end) && !NumberGoesOnAt(t, g.end);
}

// A Dutch number in national form starting at t[pos] ('0' or '('): returns
// its end, or 0.
size_t ReadNational(absl::string_view t, size_t pos) {
  const size_t first = t[pos] == '(' ? pos + 1 : pos;
  if (!DigitAt(t, first + 1) || t[first] != '0' || t[first + 1] == '0')
    return 0;
  // Service numbers: 0800, 0900, 0906 and 0909 with 4 or 7 more digits.
  const absl::string_view prefix = t.substr(first, 4);
  if (prefix == "0800" || prefix == "0900" || prefix == "0906" ||
      prefix == "0909") {
    const Groups g = ReadGroups(t, pos, 11, false);
    if ((g.digits == 8 || g.digits == 11) && EndsWell(t, g)) return g.end;
    return 0;
  }
  const Groups g = ReadGroups(t, pos, 10, true);
  if (g.digits != 10 || LooksLikeDate(g) || !EndsWell(t, g)) return 0;
  return g.end;
}

// A number in international form starting at t[pos] ('+' or "00"): returns
// its end, or 0.
size_t ReadInternational(absl::string_view t, size_t pos) {
  size_t p = pos + (t[pos] == '+' ? 1 : 2);
  int code = 0;
  const size_t code_len = CallingCodeAt(t, p, code);
  if (code_len == 0) return 0;
  p += code_len;
  // The groups start after the code, directly or after a separator, and
  // maybe after a trunk prefix "(0)", as in +31 (0)20 or +44-(0)20.
  size_t q = p + SeparatorAt(t, p, false);
  if (t.substr(q, 3) == "(0)") {
    q += 3;
    q += SeparatorAt(t, q, false);
  }
  if (!DigitAt(t, q) && !(q < t.size() && t[q] == '(')) return 0;
  Groups g;
  if (code == 31) {
    // Dutch: the 9 digits of the national number without its 0; some write
    // the 0 anyway (+31 06 ...), then 10.
    const int want = t[q] == '0' ? 10 : 9;
    g = ReadGroups(t, q, want, true);
    if (g.digits != want) return 0;
  } else {
    const int max = 15 - static_cast<int>(code_len);
    g = ReadGroups(t, q, max > 14 ? 14 : max, false);
    if (g.digits < 7) return 0;
  }
  if (LooksLikeDate(g) || !EndsWell(t, g)) return 0;
  return g.end;
}

}  // namespace

void FindPhones(ScanState& scan) {
  const absl::string_view t = scan.text();
  size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c != '+' && c != '0' && c != '(') {
      ++i;
      continue;
    }
    size_t end = 0;
    if (NumberMayStartAt(t, i)) {
      if (c == '+') {
        end = ReadInternational(t, i);
      } else if (!NumberComesBefore(t, i)) {
        if (c == '0' && DigitAt(t, i + 1) && t[i + 1] == '0') {
          end = ReadInternational(t, i);
        } else {
          end = ReadNational(t, i);
        }
      }
    }
    if (end != 0 && scan.IsFree(i, end)) {
      scan.Add(PersonalDataKind::kPhone, i, end);
      i = end;
      continue;
    }
    // A number never starts inside a run of digits; after a '(' or '+' the
    // digits are tried on their own ("(0612345678)").
    ++i;
    if (c == '0') {
      while (i < t.size() && IsDigit(t[i])) ++i;
    }
  }
}

}  // namespace switchboard::protect_internal
