// Copyright 2026 The Switchboard Authors.

#include "switchboard/contact.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

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

}  // namespace switchboard
