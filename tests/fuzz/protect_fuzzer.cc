// Copyright 2026 The Switchboard Authors.
//
// protect_fuzzer.cc: libFuzzer target for MaskPersonalData, IsValidBsn and
// IsValidIban. The whole input is the text.
//
// Checks besides "no crash" (and, under the fuzz build's sanitizers, no bad
// memory access or undefined behaviour):
//   - findings are in range, non-empty, in input order and do not overlap;
//   - counts equal the findings per kind;
//   - the masked text is exactly the input with each finding replaced by its
//     placeholder (so no finding's original bytes are where they were), and
//     no finding was its own placeholder;
//   - valid UTF-8 in gives valid UTF-8 out, and every finding starts and
//     ends at a character boundary;
//   - each finding is what its kind promises: a BSN holds 9 digits passing
//     the 11-check, an IBAN passes IsValidIban, a postcode is 4 digits and 2
//     letters, a phone holds 8 to 18 digits, an e-mail address an '@' or
//     "at", a date of birth digits;
//   - the same input masks the same way twice.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "fuzz_check.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

bool IsUtf8(absl::string_view s) {
  return FindInvalidUtf8(s) == absl::string_view::npos;
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::string DigitsOf(absl::string_view s) {
  std::string d;
  for (char c : s) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) d.push_back(c);
  }
  return d;
}

void CheckFinding(const PersonalDataFinding& f, absl::string_view original) {
  const std::string digits = DigitsOf(original);
  switch (f.kind) {
    case PersonalDataKind::kBsn:
      FUZZ_CHECK(digits.size() == 9);
      FUZZ_CHECK(IsValidBsn(digits));
      break;
    case PersonalDataKind::kIban:
      FUZZ_CHECK(IsValidIban(original));
      break;
    case PersonalDataKind::kPhone:
      FUZZ_CHECK(digits.size() >= 8 && digits.size() <= 18);
      break;
    case PersonalDataKind::kEmail:
      FUZZ_CHECK(absl::StrContains(original, "@") ||
                 absl::StrContains(absl::AsciiStrToLower(original), "at"));
      break;
    case PersonalDataKind::kPostcode:
      FUZZ_CHECK(digits.size() == 4);
      FUZZ_CHECK(original.size() >= 6 && original.size() <= 9);
      break;
    case PersonalDataKind::kDateOfBirth:
      FUZZ_CHECK(digits.size() >= 5);  // A day and a four-digit year at least.
      break;
  }
}

void Run(absl::string_view input) {
  const MaskedText m = MaskPersonalData(input);
  const bool utf8 = IsUtf8(input);

  std::string rebuilt;
  std::array<int, kNumPersonalDataKinds> counts{};
  size_t pos = 0;
  for (const PersonalDataFinding& f : m.findings) {
    FUZZ_CHECK(static_cast<int>(f.kind) >= 0 &&
               static_cast<int>(f.kind) < kNumPersonalDataKinds);
    FUZZ_CHECK(f.length > 0);
    FUZZ_CHECK(f.offset >= pos);  // In order, not overlapping.
    FUZZ_CHECK(f.offset <= input.size() && f.length <= input.size() - f.offset);
    const absl::string_view original = input.substr(f.offset, f.length);
    FUZZ_CHECK(original != PersonalDataPlaceholder(f.kind));
    if (utf8) {
      FUZZ_CHECK(!IsContinuationByte(input[f.offset]));
      FUZZ_CHECK(f.offset + f.length == input.size() ||
                 !IsContinuationByte(input[f.offset + f.length]));
    }
    CheckFinding(f, original);
    absl::StrAppend(&rebuilt, input.substr(pos, f.offset - pos),
                    PersonalDataPlaceholder(f.kind));
    pos = f.offset + f.length;
    ++counts[static_cast<int>(f.kind)];
  }
  absl::StrAppend(&rebuilt, input.substr(pos));
  FUZZ_CHECK(m.text == rebuilt);
  FUZZ_CHECK(m.counts == counts);
  if (utf8) FUZZ_CHECK(IsUtf8(m.text));

  const MaskedText again = MaskPersonalData(input);
  FUZZ_CHECK(again.text == m.text &&
             again.findings.size() == m.findings.size());

  // The check-digit functions on the raw input: no crash, and a valid BSN
  // or IBAN has the shape they promise.
  if (IsValidBsn(input)) {
    FUZZ_CHECK(input.size() == 8 || input.size() == 9);
    FUZZ_CHECK(DigitsOf(input).size() == input.size());
  }
  if (IsValidIban(input)) {
    FUZZ_CHECK(input.size() >= 15 && input.size() <= 34 + 33);
    FUZZ_CHECK(IbanLengthForCountry(input.substr(0, 2)) > 0);
  }
}

}  // namespace
}  // namespace switchboard

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  switchboard::Run(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
