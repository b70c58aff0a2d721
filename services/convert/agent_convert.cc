// Copyright 2026 The Switchboard Authors.

#include "convert/agent_convert.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "convert/config_convert.h"
#include "convert/contact_status_convert.h"
#include "convert/contact_convert.h"
#include "convert/time_convert.h"

namespace switchboard {

absl::StatusOr<AgentConfig> AgentFromProto(const v1::Agent& p,
                                           absl::string_view field) {
  AgentConfig a;
  a.id = p.id();
  a.name = p.name();
  a.skills = SkillsFromProto(p.skills());
  if (!p.capacity().empty()) {  // Empty: keep the default capacity.
    a.capacity.clear();
    for (int i = 0; i < p.capacity_size(); ++i) {
      const v1::ChannelCapacity& cap = p.capacity(i);
      const std::string where = absl::StrCat(field, ".capacity[", i, "]");
      absl::StatusOr<Channel> channel =
          ChannelFromProto(cap.channel(), absl::StrCat(where, ".channel"));
      if (!channel.ok()) return channel.status();
      if (*channel == Channel::kUnspecified) {
        return absl::InvalidArgumentError(absl::StrCat(
            where, ".channel: CHANNEL_UNSPECIFIED is not a channel"));
      }
      a.capacity[*channel] = cap.capacity();
    }
  }
  absl::StatusOr<Presence> presence =
      PresenceFromProto(p.presence(), absl::StrCat(field, ".presence"));
  if (!presence.ok()) return presence.status();
  a.presence = *presence;
  return a;
}

v1::Agent AgentToProto(const AgentConfig& a) {
  v1::Agent p;
  p.set_id(a.id);
  p.set_name(a.name);
  SkillsToProto(a.skills, p.mutable_skills());
  for (const auto& [channel, capacity] : a.capacity) {
    v1::ChannelCapacity* out = p.add_capacity();
    out->set_channel(ChannelToProto(channel));
    out->set_capacity(capacity);
  }
  p.set_presence(PresenceToProto(a.presence));
  return p;
}

absl::StatusOr<Presence> PresenceFromProto(int value, absl::string_view field) {
  switch (value) {
    case v1::PRESENCE_UNSPECIFIED:
    case v1::OFFLINE:
      return Presence::kOffline;
    case v1::AVAILABLE:
      return Presence::kAvailable;
    case v1::AWAY:
      return Presence::kAway;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": unknown presence value ", value));
  }
}

v1::Presence PresenceToProto(Presence presence) {
  switch (presence) {
    case Presence::kOffline:
      return v1::OFFLINE;
    case Presence::kAvailable:
      return v1::AVAILABLE;
    case Presence::kAway:
      return v1::AWAY;
  }
  return v1::PRESENCE_UNSPECIFIED;
}

v1::Offer OfferToProto(const ContactView& c) {
  v1::Offer p;
  SetContactFields(c, &p);
  if (IsFinite(c.offered_at)) {
    *p.mutable_offered_at() = TimeToProto(c.offered_at);
  }
  if (IsFinite(c.offer_expires)) {
    *p.mutable_expires_at() = TimeToProto(c.offer_expires);
  }
  return p;
}

}  // namespace switchboard
