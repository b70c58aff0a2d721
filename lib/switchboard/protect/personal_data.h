// Copyright 2026 The Switchboard Authors.
//
// personal_data.h: finds personal data in a contact's text and masks it, so
// that nothing stored, logged or classified carries a citizen's BSN, bank
// account, phone number, e-mail address, postcode or date of birth.
//
// Example:
//
//   MaskedText m = MaskPersonalData(
//       "Mijn BSN is 111222333, bel me op 06-12345678.");
//   // m.text == "Mijn BSN is [BSN], bel me op [PHONE]."
//   // m.findings: {kBsn, 12, 9}, {kPhone, 33, 11}
//   // m.counts[static_cast<int>(PersonalDataKind::kPhone)] == 1
//
// Thread-safe: every function here is pure (no state, constant tables only).
//
// What is detected (all hand-written scanners that look at each byte a
// bounded number of times: time is linear in the input, whatever it holds).
// A finding never starts or ends inside a word: the characters around it
// must not be letters or digits of any script.
//
//   email          local@domain.tld: local part of letters (any script),
//                  digits and . _ % + - ' (o'neil); two or more domain labels
//                  of letters, digits and -; a top-level domain of two or more
//                  ASCII letters ("jan@example.nl.123" masks
//                  "jan@example.nl"). Also the common obfuscated form with
//                  "[at]"/"(at)" for @ and "[dot]"/"(dot)" (or ".") between
//                  labels, spaces around them allowed: "jan [at] example
//                  [dot] nl". A plain " at " / " dot " is not taken (too
//                  many ordinary sentences read like that).
//   iban           country code (any case) + 2 check digits + BBAN, written
//                  as one run or with single spaces ("NL91 ABNA 0417 1643
//                  00"), exactly the registry length of that country, and
//                  mod-97 == 1 (IsValidIban). An IBAN-shaped string whose
//                  check fails (wrong check digits, a typo) is NOT masked,
//                  and no later detector takes digits out of it either.
//   bsn            9 digits passing the 11-check (IsValidBsn), written as
//                  one run "111222333" or in the common groupings
//                  "111.222.333", "111 222 333", "111-222-333",
//                  "1112.22.333", "1112 22 333". Not when the digits are
//                  part of a longer number ("06 111222333", "+31
//                  626102510"), an amount ("EUR 111.222.333,00", "€
//                  111222333") or a reference with letters
//                  ("WD-111222333"). Numbers failing the 11-check stay.
//                  An 8-digit number (BSN with its leading zero dropped) is
//                  accepted by IsValidBsn but is not looked for in text:
//                  too many other 8-digit numbers (dates as 20260415,
//                  chamber of commerce numbers) pass the check by chance.
//   phone          Dutch national: 10 digits starting with 0 (not 00),
//                  grouped with spaces, dashes, dots or slashes, area code
//                  optionally in parentheses: 06-12345678, 06 1234 5678,
//                  0612345678, 020-1234567, 020 123 4567, (020) 123 4567,
//                  06.12.34.56.78; one line break between groups is
//                  allowed (letters wrap "06 79 30 85\n03"). Service
//                  numbers 0800/0900/0906/0909 with 4 or 7 more digits.
//                  Dutch international: +31 or 0031, an optional "(0)",
//                  then the 9 digits without the leading 0 (+31 6 1234
//                  5678, +31 (0)20 123 4567, 0031 6 12345678).
//                  Other countries: + or 00, a country calling code that
//                  is assigned (E.164; +44, +1, +49, +352, ...), an
//                  optional "(0)", then 7 to 14 more digits, at most 15 in
//                  all, grouped as above (+44 20 7946 0958, +1 (555)
//                  010-0199, +49 30 1234567, 0044 20 7946 0958).
//                  Not taken: a number that goes on after the match on the
//                  same line ("06 1234 5678 90"), a date (06-05-1985), an
//                  amount (a currency sign before it, or ",56" after it), a
//                  time (14:30), digits right after letters and a dash or
//                  slash (references such as WD-0612345678), IBAN digits.
//   postcode       Dutch: 4 digits, the first 1-9, an optional space, 2
//                  letters other than SA, SD, SS: "1234 AB", "1234AB".
//                  Capital letters always; lower or mixed case ("1234 ab",
//                  "1234ab") only when "postcode", "post code", "postal
//                  code", "zip" or "zip code" precedes it within 30 bytes
//                  (as words, any case), because
//                  lower case is mostly a unit ("1500kg", "2000km") or a
//                  year and a word ("2026 om").
//   date_of_birth  a valid calendar date (years 1800-2199) written as
//                  d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd, "12 maart
//                  1985", "12 mrt. 1985", "12 March 1985", "12th March
//                  1985", "March 12, 1985" (Dutch and English month names
//                  and abbreviations, any case), and a birth cue before it
//                  within 40 bytes with no other date in between: Dutch
//                  "geboren", "geboortedatum", "geboortedag", "geboorte
//                  datum", "geb." / "geb"; English "born", "date of
//                  birth", "birth date", "birthdate", "birthday", "DOB",
//                  "D.O.B.". A cue hyphenated over a line break
//                  ("geboorte-\ndatum") counts. Only the date is masked;
//                  the cue stays. A date without a cue (an appointment, a
//                  letter's date) is not masked.
//
// Precedence: e-mail first (so digits in an address are not a phone), then
// IBAN, BSN, phone, postcode, date of birth. A later detector never takes
// bytes an earlier one took, so findings never overlap.
//
// Known limits: any other 10-digit number that starts with 0 (an invoice
// number, an old bank account number 0417164300) is masked as a phone; a
// year followed by two capitals ("2026 EU") is masked as a postcode; a cue
// after the date ("12 maart 1985 geboren"), two-digit years (12-03-85) and
// dates in words are not taken as dates of birth; numbers spoken digit by
// digit in transcripts ("nul zes ...") are not numbers here.

#ifndef SWITCHBOARD_PROTECT_PERSONAL_DATA_H_
#define SWITCHBOARD_PROTECT_PERSONAL_DATA_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace switchboard {

enum class PersonalDataKind : uint8_t {
  kBsn,
  kIban,
  kPhone,
  kEmail,
  kPostcode,
  kDateOfBirth,
};

inline constexpr int kNumPersonalDataKinds = 6;

inline constexpr std::array<PersonalDataKind, kNumPersonalDataKinds>
    kAllPersonalDataKinds = {
        PersonalDataKind::kBsn,      PersonalDataKind::kIban,
        PersonalDataKind::kPhone,    PersonalDataKind::kEmail,
        PersonalDataKind::kPostcode, PersonalDataKind::kDateOfBirth,
};

// "bsn", "iban", "phone", "email", "postcode", "date_of_birth": the names
// used in stats and configuration. "unknown" for a value outside the enum.
absl::string_view PersonalDataKindName(PersonalDataKind k);

// "[BSN]", "[IBAN]", "[PHONE]", "[EMAIL]", "[POSTCODE]", "[DATE_OF_BIRTH]":
// what replaces a finding in the masked text. "[PERSONAL_DATA]" for a value
// outside the enum.
absl::string_view PersonalDataPlaceholder(PersonalDataKind k);

// One piece of personal data: the byte range [offset, offset + length) in
// the INPUT text (not in the masked text).
struct PersonalDataFinding {
  PersonalDataKind kind;
  size_t offset = 0;
  size_t length = 0;
};

struct MaskedText {
  // The input with every finding replaced by its placeholder; everything
  // else byte for byte as it was.
  std::string text;
  // In input order, non-overlapping.
  std::vector<PersonalDataFinding> findings;
  // Findings per kind, indexed by static_cast<int>(kind).
  std::array<int, kNumPersonalDataKinds> counts{};
};

// False when `text` cannot hold anything MaskPersonalData finds (no digit,
// no '@', '[' or '('): then it would return the text unchanged with no
// findings, and a caller can skip it (and the copy it returns).
bool MayHoldPersonalData(absl::string_view text);

// Finds and masks personal data (see the top of this file for the rules).
// Never fails. For valid UTF-8 input the output is valid UTF-8: findings
// start and end at character boundaries and placeholders are ASCII. Bytes
// that are not valid UTF-8 are left as they are. Time linear in the input.
MaskedText MaskPersonalData(absl::string_view text);

// True when `digits` is a Dutch citizen service number (BSN): exactly 9
// ASCII digits, or 8 (the same number with its leading zero dropped), not
// all zeros, passing the 11-check (elfproef):
//   9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9 ≡ 0 mod 11.
// Nothing else is allowed in `digits`: no spaces, dots or signs.
bool IsValidBsn(absl::string_view digits);

// True when `iban` is an IBAN: a country code in the IBAN registry (any
// case), 2 check digits, then letters and digits to exactly that country's
// registry length, with ISO 7064 mod-97 == 1. Single spaces between groups
// are allowed ("NL91 ABNA 0417 1643 00"); other characters are not.
bool IsValidIban(absl::string_view iban);

// The IBAN length the registry gives for a two-letter country code (any
// case): 18 for "NL", 16 for "BE", 22 for "DE" ...; 0 when the country has
// no IBAN in the registry.
int IbanLengthForCountry(absl::string_view country_code);

}  // namespace switchboard

#endif  // SWITCHBOARD_PROTECT_PERSONAL_DATA_H_
