// Copyright 2026 The Switchboard Authors.
//
// agent_convert.h: agents on the wire. switchboard.v1.Agent <->
// switchboard::AgentConfig (used by the configuration file and by
// Agents.RegisterAgent), presence, and the Offer an agent's desktop
// receives (from the engine's ContactView). Round-trip tested.

#ifndef SWITCHBOARD_SERVICES_CONVERT_AGENT_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_AGENT_CONVERT_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/engine.h"
#include "switchboard/v1/config.pb.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard {

// `field` names the agent in messages, e.g. "agents[3]" or "agent":
// "agent.presence: unknown presence value 9". INVALID_ARGUMENT naming the
// field for an unknown presence or channel value, or a capacity for
// CHANNEL_UNSPECIFIED. An empty capacity list keeps AgentConfig's default
// capacity. Skill names and ranges are checked by the engine
// (RegisterAgent) or ValidateConfig, not here; skill level 0 means 1.
absl::StatusOr<AgentConfig> AgentFromProto(const v1::Agent& proto,
                                           absl::string_view field);
// Lists the capacity of every channel in the map (so an agent whose map is
// empty, which takes no channel, would come back with the default: give
// such an agent capacity 0 for each channel instead).
v1::Agent AgentToProto(const AgentConfig& agent);

// PRESENCE_UNSPECIFIED is offline.
absl::StatusOr<Presence> PresenceFromProto(int value, absl::string_view field);
v1::Presence PresenceToProto(Presence presence);

// The offer of `contact` (offered to an agent) as its desktop receives it.
// Infinite times (no SLA deadline, not offered) are left unset.
v1::Offer OfferToProto(const ContactView& contact);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_AGENT_CONVERT_H_
