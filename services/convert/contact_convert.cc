// Copyright 2026 The Switchboard Authors.

#include "convert/contact_convert.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "convert/time_convert.h"

namespace switchboard {

v1::Channel ChannelToProto(Channel channel) {
  // The enums share their numbering (kPhone == CHANNEL_PHONE == 1, ...).
  return static_cast<v1::Channel>(static_cast<int>(channel));
}

absl::StatusOr<Channel> ChannelFromProto(int value, absl::string_view field) {
  if (value < 0 || value > static_cast<int>(Channel::kMessaging)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": unknown channel value ", value));
  }
  return static_cast<Channel>(value);
}

absl::StatusOr<Contact> FromProto(const v1::Contact& p) {
  Contact c;
  c.id = p.id();
  absl::StatusOr<Channel> channel = ChannelFromProto(p.channel(), "channel");
  if (!channel.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("contact ", p.id(), ": ", channel.status().message()));
  }
  c.channel = *channel;
  c.subject = p.subject();
  c.body = p.body();
  c.ivr_choice = p.ivr_choice();
  c.language_hint = p.language_hint();
  c.customer_ref = p.customer_ref();
  c.previous_contact_id = p.previous_contact_id();
  c.attributes.insert(p.attributes().begin(), p.attributes().end());
  absl::StatusOr<absl::Time> received =
      OptionalTimeFromProto(p.has_received_at(), p.received_at(),
                            absl::InfinitePast(), "received_at");
  if (!received.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("contact ", p.id(), ": ", received.status().message()));
  }
  c.received_at = *received;
  absl::StatusOr<Channel> reply =
      ChannelFromProto(p.preferred_reply_channel(), "preferred_reply_channel");
  if (!reply.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("contact ", p.id(), ": ", reply.status().message()));
  }
  if (*reply != Channel::kUnspecified) c.preferred_reply_channel = *reply;
  return c;
}

v1::Contact ToProto(const Contact& c) {
  v1::Contact p;
  p.set_id(c.id);
  p.set_channel(ChannelToProto(c.channel));
  p.set_subject(c.subject);
  p.set_body(c.body);
  p.set_ivr_choice(c.ivr_choice);
  p.set_language_hint(c.language_hint);
  p.set_customer_ref(c.customer_ref);
  p.set_previous_contact_id(c.previous_contact_id);
  p.mutable_attributes()->insert(c.attributes.begin(), c.attributes.end());
  if (IsFinite(c.received_at))
    *p.mutable_received_at() = TimeToProto(c.received_at);
  if (c.preferred_reply_channel) {
    p.set_preferred_reply_channel(ChannelToProto(*c.preferred_reply_channel));
  }
  return p;
}

}  // namespace switchboard
