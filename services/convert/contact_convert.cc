// Copyright 2026 The Switchboard Authors.

#include "convert/contact_convert.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

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
  if (p.has_received_at()) {
    const auto& ts = p.received_at();
    if (ts.nanos() < 0 || ts.nanos() > 999'999'999) {
      return absl::InvalidArgumentError(
          absl::StrCat("contact ", p.id(), ": received_at has nanos ",
                       ts.nanos(), " outside [0, 999999999]"));
    }
    c.received_at =
        absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  }
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
  if (c.received_at != absl::InfinitePast()) {
    const absl::Duration since = c.received_at - absl::UnixEpoch();
    // Timestamp wants whole seconds rounded down and nanos in [0, 1e9),
    // also before 1970.
    int64_t seconds = absl::ToInt64Seconds(since);
    int64_t nanos = absl::ToInt64Nanoseconds(since - absl::Seconds(seconds));
    if (nanos < 0) {
      seconds -= 1;
      nanos += 1'000'000'000;
    }
    p.mutable_received_at()->set_seconds(seconds);
    p.mutable_received_at()->set_nanos(static_cast<int32_t>(nanos));
  }
  if (c.preferred_reply_channel) {
    p.set_preferred_reply_channel(ChannelToProto(*c.preferred_reply_channel));
  }
  return p;
}

}  // namespace switchboard
