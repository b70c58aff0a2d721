// Copyright 2026 The Switchboard Authors.

#include "switchboard/normalize/normalizer.h"

#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

namespace ni = normalize_internal;

absl::Status ContactError(const Contact& contact, absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("contact ", ContactIdForMessage(contact.id), ": ", problem));
}

// Checks one text field: its size against `limit`, then its encoding.
absl::Status CheckField(const Contact& contact, absl::string_view what,
                        absl::string_view value, size_t limit) {
  if (value.size() > limit) {
    return ContactError(contact,
                        absl::StrCat(what, " is ", value.size(),
                                     " bytes, over the limit of ", limit));
  }
  absl::Status utf8 = ValidateUtf8(what, value);
  if (!utf8.ok()) return ContactError(contact, utf8.message());
  return absl::OkStatus();
}

absl::Status Validate(const Contact& contact, const NormalizeOptions& options) {
  if (contact.channel == Channel::kUnspecified) {
    return ContactError(contact, "unknown channel");
  }
  if (const int channel = static_cast<int>(contact.channel);
      channel < 0 || channel > static_cast<int>(Channel::kMessaging)) {
    return ContactError(contact,
                        absl::StrCat("unknown channel value ", channel));
  }
  struct Field {
    absl::string_view name;
    absl::string_view value;
    size_t limit;
  };
  const size_t limit = options.max_field_bytes;
  const Field fields[] = {
      {"subject", contact.subject, limit},
      {"body", contact.body, options.max_body_bytes},
      {"ivr_choice", contact.ivr_choice, limit},
      {"language_hint", contact.language_hint, limit},
      {"customer_ref", contact.customer_ref, limit},
      {"previous_contact_id", contact.previous_contact_id, limit},
  };
  for (const Field& f : fields) {
    absl::Status status = CheckField(contact, f.name, f.value, f.limit);
    if (!status.ok()) return status;
  }
  for (const auto& [key, value] : contact.attributes) {
    absl::Status status = CheckField(contact, "attribute key", key, limit);
    if (!status.ok()) return status;
    const std::string name =
        absl::StrCat("attribute \"", absl::Utf8SafeCHexEscape(key), "\"");
    status = CheckField(contact, name, value, limit);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

std::string CleanBody(const Contact& contact, const NormalizeOptions& options,
                      std::vector<std::string>& signals) {
  switch (contact.channel) {
    case Channel::kEmail:
      return ni::CleanEmail(contact.body);
    case Channel::kPhone:
      return ni::CleanPhoneTranscript(contact.body);
    case Channel::kChat:
      return ni::CleanChat(contact.body, options.keep_agent_turns);
    case Channel::kSocial:
      return ni::CleanSocial(contact.body, signals);
    case Channel::kLetter:
      return ni::CleanLetter(contact.body);
    case Channel::kWebForm:
      return ni::CleanWebForm(contact.body);
    case Channel::kMessaging:
      return ni::CleanMessaging(contact.body);
    case Channel::kUnspecified:
      break;
  }
  return "";
}

// "Re: Fwd: Parkeervergunning" -> "Parkeervergunning".
std::string CleanSubject(absl::string_view subject) {
  static constexpr std::array<absl::string_view, 7> kPrefixes = {
      "re:", "fwd:", "fw:", "antw:", "betreft:", "doorst:", "onderwerp:"};
  bool stripped = true;
  while (stripped) {
    subject = absl::StripLeadingAsciiWhitespace(subject);
    stripped = false;
    for (absl::string_view prefix : kPrefixes) {
      if (absl::StartsWithIgnoreCase(subject, prefix)) {
        subject.remove_prefix(prefix.size());
        stripped = true;
      }
    }
  }
  return CollapseWhitespace(subject);
}

// True when `needle` occurs in `haystack`, ignoring ASCII case. Linear time
// (Boyer-Moore), so a 4 KiB subject against a 256 KiB body stays cheap.
bool ContainsIgnoreCase(absl::string_view haystack, absl::string_view needle) {
  std::string h = absl::AsciiStrToLower(haystack);
  std::string n = absl::AsciiStrToLower(needle);
  return std::search(h.begin(), h.end(),
                     std::boyer_moore_searcher(n.begin(), n.end())) != h.end();
}

// The subject goes in front of the body unless the body already says it
// (a letter's "Betreft:" line, a web form's "Onderwerp:" field).
std::string JoinSubjectAndBody(const std::string& subject,
                               const std::string& body) {
  if (subject.empty()) return body;
  if (body.empty()) return subject;
  if (ContainsIgnoreCase(body, subject)) return body;
  return absl::StrCat(subject, " ", body);
}

// Keeps the first of each signal, in order ("#paspoort ... #paspoort").
void RemoveDuplicates(std::vector<std::string>& signals) {
  absl::flat_hash_set<std::string> seen;
  auto end = std::remove_if(
      signals.begin(), signals.end(),
      [&seen](const std::string& s) { return !seen.insert(s).second; });
  signals.erase(end, signals.end());
}

}  // namespace

absl::StatusOr<NormalizedContact> Normalize(const Contact& contact,
                                            const NormalizeOptions& options) {
  absl::Status valid = Validate(contact, options);
  if (!valid.ok()) return valid;

  NormalizedContact result;
  result.channel = contact.channel;
  std::string body =
      CollapseWhitespace(CleanBody(contact, options, result.signals));
  result.text = JoinSubjectAndBody(CleanSubject(contact.subject), body);
  if (result.text.empty()) {
    return ContactError(contact,
                        absl::StrCat("no text to classify after normalizing (",
                                     ChannelName(contact.channel), ")"));
  }
  absl::string_view ivr = absl::StripAsciiWhitespace(contact.ivr_choice);
  if (contact.channel == Channel::kPhone && !ivr.empty()) {
    result.signals.insert(result.signals.begin(), absl::StrCat("ivr:", ivr));
  }
  RemoveDuplicates(result.signals);
  return result;
}

}  // namespace switchboard
