// Copyright 2026 The Switchboard Authors.

#include "switchboard/protect/personal_data.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "switchboard/protect/scan.h"

namespace switchboard {

absl::string_view PersonalDataKindName(PersonalDataKind k) {
  switch (k) {
    case PersonalDataKind::kBsn:
      return "bsn";
    case PersonalDataKind::kIban:
      return "iban";
    case PersonalDataKind::kPhone:
      return "phone";
    case PersonalDataKind::kEmail:
      return "email";
    case PersonalDataKind::kPostcode:
      return "postcode";
    case PersonalDataKind::kDateOfBirth:
      return "date_of_birth";
  }
  return "unknown";
}

absl::string_view PersonalDataPlaceholder(PersonalDataKind k) {
  switch (k) {
    case PersonalDataKind::kBsn:
      return "[BSN]";
    case PersonalDataKind::kIban:
      return "[IBAN]";
    case PersonalDataKind::kPhone:
      return "[PHONE]";
    case PersonalDataKind::kEmail:
      return "[EMAIL]";
    case PersonalDataKind::kPostcode:
      return "[POSTCODE]";
    case PersonalDataKind::kDateOfBirth:
      return "[DATE_OF_BIRTH]";
  }
  return "[PERSONAL_DATA]";
}

namespace {

// Whether `text` holds a digit, and a sign of an e-mail address.
struct Signs {
  bool digit = false;
  bool email_sign = false;
};

// Per byte: 1 a digit, 2 a sign of an e-mail address ('@', '[', '(').
constexpr std::array<uint8_t, 256> MakeSignTable() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = 1;
  t['@'] = t['['] = t['('] = 2;
  return t;
}
constexpr std::array<uint8_t, 256> kSigns = MakeSignTable();

Signs SignsOf(absl::string_view text) {
  uint8_t seen = 0;  // One load and one or per byte.
  for (const char c : text) seen |= kSigns[static_cast<unsigned char>(c)];
  return Signs{.digit = (seen & 1) != 0, .email_sign = (seen & 2) != 0};
}

}  // namespace

bool MayHoldPersonalData(absl::string_view text) {
  const Signs s = SignsOf(text);
  return s.digit || s.email_sign;
}

MaskedText MaskPersonalData(absl::string_view text) {
  // Most short texts hold no digit and no '@': every detector but the
  // e-mail one needs a digit (an IBAN's check digits, a BSN's nine, a
  // phone's, a postcode's four, a date's year), and an e-mail address an
  // '@' or its "[at]" / "(at)" form. One pass over the bytes tells which
  // detectors can find anything; the others are not run (what they would
  // have found is nothing, so the result is the same).
  const auto [digit, email_sign] = SignsOf(text);
  MaskedText out;
  if (!digit && !email_sign) {
    out.text = std::string(text);
    return out;
  }
  protect_internal::ScanState scan(text);
  // Precedence order: each detector skips what an earlier one took.
  if (email_sign) {
    protect_internal::FindEmails(scan);
    scan.FinishPass();
  }
  if (digit) {
    for (void (*detect)(protect_internal::ScanState&) :
         {protect_internal::FindIbans, protect_internal::FindBsns,
          protect_internal::FindPhones, protect_internal::FindPostcodes,
          protect_internal::FindDatesOfBirth}) {
      detect(scan);
      scan.FinishPass();
    }
  }

  out.findings = scan.TakeFindings();
  std::sort(out.findings.begin(), out.findings.end(),
            [](const PersonalDataFinding& a, const PersonalDataFinding& b) {
              return a.offset < b.offset;
            });
  if (out.findings.empty()) {
    out.text = std::string(text);
    return out;
  }
  out.text.reserve(text.size());
  size_t pos = 0;
  for (const PersonalDataFinding& f : out.findings) {
    out.text.append(text.data() + pos, f.offset - pos);
    out.text.append(PersonalDataPlaceholder(f.kind).data(),
                    PersonalDataPlaceholder(f.kind).size());
    pos = f.offset + f.length;
    ++out.counts[static_cast<int>(f.kind)];
  }
  out.text.append(text.data() + pos, text.size() - pos);
  return out;
}

}  // namespace switchboard
