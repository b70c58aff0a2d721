// Copyright 2026 The Switchboard Authors.

#include "switchboard/contact.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "switchboard/text/utf8.h"

namespace switchboard {

absl::string_view ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kUnspecified:
      return "unspecified";
    case Channel::kPhone:
      return "phone";
    case Channel::kEmail:
      return "email";
    case Channel::kChat:
      return "chat";
    case Channel::kSocial:
      return "social";
    case Channel::kLetter:
      return "letter";
    case Channel::kWebForm:
      return "web_form";
    case Channel::kMessaging:
      return "messaging";
  }
  return "unspecified";
}

absl::StatusOr<Channel> ParseChannel(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
  for (Channel c : kAllChannels) {
    if (lower == ChannelName(c)) return c;
  }
  if (lower == "sms" || lower == "whatsapp") return Channel::kMessaging;
  if (lower == "webform" || lower == "web-form") return Channel::kWebForm;
  if (lower == "mail") return Channel::kEmail;
  if (lower == "post") return Channel::kLetter;
  if (lower == "voice") return Channel::kPhone;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown channel \"", name,
      "\" (expected one of phone, email, chat, social, letter, web_form, "
      "messaging)"));
}

namespace {

constexpr size_t kMaxIdInMessage = 64;

bool ValidChannelValue(Channel c) {
  const int value = static_cast<int>(c);
  return value >= 0 && value <= static_cast<int>(Channel::kMessaging);
}

std::string Utc(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_full, t, absl::UTCTimeZone());
}

}  // namespace

std::string ContactIdForMessage(absl::string_view id) {
  if (id.empty()) return "(no id)";
  std::string shown = FindInvalidUtf8(id) == absl::string_view::npos
                          ? absl::Utf8SafeCHexEscape(id)
                          : absl::CHexEscape(id);
  if (shown.size() <= kMaxIdInMessage) return shown;
  size_t cut = kMaxIdInMessage;
  while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return absl::StrCat(shown.substr(0, cut), "...");
}

absl::Status ValidateContact(const Contact& contact, absl::Time now) {
  if (contact.id.empty()) {
    return absl::InvalidArgumentError("contact id is empty");
  }
  auto error = [&contact](absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat(
        "contact ", ContactIdForMessage(contact.id), ": ", problem));
  };
  if (contact.id.size() > kMaxContactIdBytes) {
    return error(absl::StrCat("id is ", contact.id.size(),
                              " bytes, over the limit of ",
                              kMaxContactIdBytes));
  }
  if (absl::Status utf8 = ValidateUtf8("id", contact.id); !utf8.ok()) {
    return error(utf8.message());
  }
  if (contact.channel == Channel::kUnspecified) {
    return error("unknown channel");
  }
  if (!ValidChannelValue(contact.channel)) {
    return error(absl::StrCat("unknown channel value ",
                              static_cast<int>(contact.channel)));
  }
  if (contact.preferred_reply_channel.has_value() &&
      !ValidChannelValue(*contact.preferred_reply_channel)) {
    return error(
        absl::StrCat("preferred_reply_channel: unknown channel value ",
                     static_cast<int>(*contact.preferred_reply_channel)));
  }
  const absl::Time received = contact.received_at;
  if (received == absl::InfinitePast()) return absl::OkStatus();  // Unset.
  if (received < absl::UnixEpoch()) {
    return error(
        absl::StrCat("received_at ", Utc(received), " is before 1970-01-01"));
  }
  if (received - now > kMaxReceivedAtSkew) {
    return error(absl::StrCat("received_at ", Utc(received), " is ",
                              absl::FormatDuration(received - now),
                              " after now (", Utc(now), "); at most ",
                              absl::FormatDuration(kMaxReceivedAtSkew),
                              " is allowed"));
  }
  return absl::OkStatus();
}

}  // namespace switchboard
