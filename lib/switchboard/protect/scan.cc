// Copyright 2026 The Switchboard Authors.

#include "switchboard/protect/scan.h"

#include <algorithm>
#include <cstddef>

#include "absl/strings/string_view.h"
#include "switchboard/text/text_util.h"

namespace switchboard::protect_internal {
namespace {

bool EndsWithAt(absl::string_view t, size_t end, absl::string_view suffix) {
  return end >= suffix.size() &&
         t.substr(end - suffix.size(), suffix.size()) == suffix;
}

// True when a currency sign or the word "EUR" ends at t[end], possibly
// followed by up to two spaces: "€ 1.234", "EUR 111222333", "$5".
bool CurrencyBefore(absl::string_view t, size_t end) {
  for (int spaces = 0; spaces < 2; ++spaces) {
    size_t s = SpaceBefore(t, end);
    if (s == 0) break;
    end -= s;
  }
  if (EndsWithAt(t, end, "$") || EndsWithAt(t, end, "\xC2\xA3") ||  // £
      EndsWithAt(t, end, "\xE2\x82\xAC")) {                         // €
    return true;
  }
  if (end >= 3 && ToLower(t[end - 3]) == 'e' && ToLower(t[end - 2]) == 'u' &&
      ToLower(t[end - 1]) == 'r' && !IsWordCharBefore(t, end - 3)) {
    return true;
  }
  return false;
}

}  // namespace

size_t SpaceAt(absl::string_view t, size_t pos) {
  if (pos >= t.size()) return 0;
  const char c = t[pos];
  if (c == ' ' || c == '\t') return 1;
  absl::string_view rest = t.substr(pos);
  if (rest.substr(0, 2) == "\xC2\xA0") return 2;
  if (rest.substr(0, 3) == "\xE2\x80\x89" ||
      rest.substr(0, 3) == "\xE2\x80\xAF") {
    return 3;
  }
  return 0;
}

size_t SpaceBefore(absl::string_view t, size_t pos) {
  if (pos == 0 || pos > t.size()) return 0;
  if (t[pos - 1] == ' ' || t[pos - 1] == '\t') return 1;
  if (EndsWithAt(t, pos, "\xC2\xA0")) return 2;
  if (EndsWithAt(t, pos, "\xE2\x80\x89") ||
      EndsWithAt(t, pos, "\xE2\x80\xAF")) {
    return 3;
  }
  return 0;
}

bool NumberMayStartAt(absl::string_view t, size_t pos) {
  if (pos == 0) return true;
  const char p = t[pos - 1];
  if (IsAsciiAlnum(p) || p == '+') return false;
  if (static_cast<unsigned char>(p) >= 0x80 && IsWordCharBefore(t, pos)) {
    return false;
  }
  if ((p == '-' || p == '/' || p == '_' || p == '\\') &&
      IsWordCharBefore(t, pos - 1)) {
    return false;
  }
  if ((p == '.' || p == ',') && pos >= 2 && IsDigit(t[pos - 2])) return false;
  return !CurrencyBefore(t, pos);
}

bool NumberMayEndAt(absl::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char c = t[end];
  if (IsAsciiAlnum(c)) return false;
  if (static_cast<unsigned char>(c) >= 0x80) return !IsWordCharAt(t, end);
  if ((c == '-' || c == '/' || c == '_' || c == '\\') &&
      IsWordCharAt(t, end + 1)) {
    return false;
  }
  if ((c == '.' || c == ',' || c == ':') && DigitAt(t, end + 1)) return false;
  return true;
}

bool NumberGoesOnAt(absl::string_view t, size_t end) {
  if (end >= t.size()) return false;
  size_t sep = SpaceAt(t, end);
  if (sep == 0 && (t[end] == '-' || t[end] == '.')) sep = 1;
  return sep > 0 && DigitAt(t, end + sep);
}

bool NumberComesBefore(absl::string_view t, size_t pos) {
  if (pos == 0 || pos > t.size()) return false;
  size_t sep = SpaceBefore(t, pos);
  if (sep == 0 && (t[pos - 1] == '-' || t[pos - 1] == '.')) sep = 1;
  return sep > 0 && pos > sep && IsDigit(t[pos - sep - 1]);
}

ScanState::ScanState(absl::string_view text) : text_(text) {}

bool ScanState::Overlaps(const std::vector<Range>& sorted, size_t begin,
                         size_t end) {
  // The first range that ends after `begin` is the only one that can
  // overlap [begin, end) without an earlier one doing so.
  auto it =
      std::upper_bound(sorted.begin(), sorted.end(), begin,
                       [](size_t pos, const Range& r) { return pos < r.end; });
  return it != sorted.end() && it->begin < end;
}

bool ScanState::IsFree(size_t begin, size_t end) const {
  return !Overlaps(taken_, begin, end) && !Overlaps(pass_, begin, end);
}

void ScanState::Add(PersonalDataKind kind, size_t begin, size_t end) {
  Reserve(begin, end);
  findings_.push_back(PersonalDataFinding{kind, begin, end - begin});
}

void ScanState::Reserve(size_t begin, size_t end) {
  pass_.push_back({begin, end});
}

void ScanState::FinishPass() {
  if (pass_.empty()) return;
  const size_t middle = taken_.size();
  taken_.insert(taken_.end(), pass_.begin(), pass_.end());
  std::inplace_merge(
      taken_.begin(), taken_.begin() + middle, taken_.end(),
      [](const Range& a, const Range& b) { return a.begin < b.begin; });
  pass_.clear();
}

}  // namespace switchboard::protect_internal
