// Copyright 2026 The Switchboard Authors.
//
// Web forms arrive as "Label: value" lines. The values say what the contact
// is about; the labels ("Uw vraag") say nothing, and contact details (name,
// address, phone) are personal data that does not help routing.

#include <array>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

constexpr size_t kMaxLabelBytes = 40;
constexpr int kMaxLabelWords = 4;

constexpr std::array<absl::string_view, 40> kContactDetailLabels = {
    "naam",           "voornaam",      "achternaam",
    "tussenvoegsel",  "voorletters",   "aanhef",
    "name",           "first name",    "last name",
    "full name",      "e-mail",        "email",
    "e-mailadres",    "emailadres",    "e-mail address",
    "email address",  "telefoon",      "telefoonnummer",
    "mobiel",         "mobiel nummer", "mobile",
    "phone",          "phone number",  "telephone",
    "adres",          "address",       "straat",
    "huisnummer",     "postcode",      "zip",
    "zip code",       "postal code",   "woonplaats",
    "plaats",         "city",          "geboortedatum",
    "date of birth",  "bsn",           "klantnummer",
    "customer number"};

// Drops the marks forms put on labels: "Naam *", "Telefoon (optioneel)",
// and the question mark of "Wat wilt u melden?".
absl::string_view BareLabel(absl::string_view label) {
  size_t paren = label.find('(');
  if (paren != absl::string_view::npos) label = label.substr(0, paren);
  while (!label.empty() &&
         (label.back() == '*' || label.back() == ' ' || label.back() == '?')) {
    label.remove_suffix(1);
  }
  return label;
}

bool IsContactDetail(absl::string_view label) {
  for (absl::string_view detail : kContactDetailLabels) {
    if (absl::EqualsIgnoreCase(label, detail)) return true;
  }
  return false;
}

// A field label: a few words of letters, no digits or sentence punctuation,
// so "Mijn vraag is het volgende: ..." is not cut up but "Uw vraag:" is.
bool LooksLikeLabel(absl::string_view label) {
  if (label.empty() || label.size() > kMaxLabelBytes) return false;
  if (!absl::ascii_isalpha(static_cast<unsigned char>(label[0]))) return false;
  int words = 1;
  for (char c : label) {
    unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isdigit(u) || c == '.' || c == ',' || c == '?' ||
        c == '!') {
      return false;
    }
    words += c == ' ';
  }
  return words <= kMaxLabelWords;
}

}  // namespace

std::string CleanWebForm(absl::string_view fields) {
  std::string out;
  out.reserve(fields.size());
  for (absl::string_view line : SplitLines(fields)) {
    absl::string_view text = line;
    std::optional<LabeledLine> labeled = SplitLabel(line, kMaxLabelBytes);
    if (labeled.has_value()) {
      absl::string_view label = BareLabel(labeled->label);
      if (LooksLikeLabel(label)) {
        if (IsContactDetail(label)) continue;
        text = labeled->value;
      }
    }
    out.append(text.data(), text.size());
    out.push_back('\n');
  }
  return out;
}

}  // namespace switchboard::normalize_internal
