// Copyright 2026 The Switchboard Authors.
//
// check_digits.cc: the BSN 11-check, the IBAN registry lengths and the IBAN
// mod-97 check (ISO 7064 MOD 97-10, as ISO 13616 uses it).

#include <array>
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/protect/scan.h"

namespace switchboard {
namespace {

using protect_internal::IsAsciiAlnum;
using protect_internal::IsAsciiLetter;
using protect_internal::IsDigit;
using protect_internal::ToUpper;

struct IbanCountry {
  char code[3];
  uint8_t length;
};

// The SWIFT IBAN registry (ISO 13616), every country with its IBAN length.
constexpr IbanCountry kIbanRegistry[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20},
    {"BE", 16}, {"BG", 22}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28},
    {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23},
    {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HN", 28}, {"HR", 21}, {"HU", 28},
    {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30},
    {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20},
    {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22},
    {"MK", 19}, {"MN", 20}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28},
    {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28}, {"PS", 29},
    {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24},
    {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
    {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26},
    {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
};

// The longest IBAN in the registry (LC, 32) is below the standard's 34.
constexpr size_t kMaxIbanLength = 34;

// The registry as a 26 x 26 table indexed by the two letters, built at
// compile time, so a lookup is one array read.
constexpr std::array<uint8_t, 26 * 26> MakeIbanLengthTable() {
  std::array<uint8_t, 26 * 26> table{};
  for (const IbanCountry& c : kIbanRegistry) {
    table[(c.code[0] - 'A') * 26 + (c.code[1] - 'A')] = c.length;
  }
  return table;
}
constexpr std::array<uint8_t, 26 * 26> kIbanLengths = MakeIbanLengthTable();

}  // namespace

int IbanLengthForCountry(absl::string_view country_code) {
  if (country_code.size() != 2 || !IsAsciiLetter(country_code[0]) ||
      !IsAsciiLetter(country_code[1])) {
    return 0;
  }
  return kIbanLengths[(ToUpper(country_code[0]) - 'A') * 26 +
                      (ToUpper(country_code[1]) - 'A')];
}

bool IsValidBsn(absl::string_view digits) {
  if (digits.size() != 9 && digits.size() != 8) return false;
  // An 8-digit BSN is the 9-digit one with a leading zero dropped; the zero
  // adds nothing to the weighted sum, so weights run from the right.
  int sum = 0;
  bool any_nonzero = false;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (!IsDigit(digits[i])) return false;
    const int d = digits[i] - '0';
    const int weight = static_cast<int>(digits.size() - i);  // 9..2, then 1
    sum += (i + 1 == digits.size()) ? -d : weight * d;
    any_nonzero = any_nonzero || d != 0;
  }
  return any_nonzero && sum % 11 == 0;
}

bool IsValidIban(absl::string_view iban) {
  // Compact: upper-case letters and digits, single spaces only between them.
  char compact[kMaxIbanLength];
  size_t n = 0;
  for (size_t i = 0; i < iban.size(); ++i) {
    const char c = iban[i];
    if (c == ' ') {
      if (i == 0 || i + 1 == iban.size() || iban[i + 1] == ' ') return false;
      continue;
    }
    if (!IsAsciiAlnum(c) || n == kMaxIbanLength) return false;
    compact[n++] = ToUpper(c);
  }
  if (n < 5) return false;
  const int length = IbanLengthForCountry(absl::string_view(compact, 2));
  if (length == 0 || static_cast<size_t>(length) != n) return false;
  if (!IsDigit(compact[2]) || !IsDigit(compact[3])) return false;
  // Check digits are 98 - (mod 97), so always 02..98.
  const int check = (compact[2] - '0') * 10 + (compact[3] - '0');
  if (check < 2 || check > 98) return false;
  // Move the first four characters to the end, read letters as 10..35, and
  // take the number mod 97, a digit or two at a time.
  int rem = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = compact[(k + 4) % n];
    if (IsDigit(c)) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    }
  }
  return rem == 1;
}

}  // namespace switchboard
