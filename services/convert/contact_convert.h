// Copyright 2026 The Switchboard Authors.
//
// contact_convert.h: switchboard.v1.Contact (wire) <-> switchboard::Contact
// (library). The only place the two meet; round-trip tested.

#ifndef SWITCHBOARD_SERVICES_CONVERT_CONTACT_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_CONTACT_CONVERT_H_

#include "absl/status/statusor.h"
#include "switchboard/contact.h"
#include "switchboard/v1/contact.pb.h"

namespace switchboard {

// INVALID_ARGUMENT for an enum value this build does not know (a newer
// client) or a timestamp outside the representable range, naming the field.
absl::StatusOr<Contact> FromProto(const v1::Contact& proto);
v1::Contact ToProto(const Contact& contact);

v1::Channel ChannelToProto(Channel channel);
absl::StatusOr<Channel> ChannelFromProto(int value, absl::string_view field);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_CONTACT_CONVERT_H_
