// Copyright 2026 The Switchboard Authors.

#include "switchboard/events/event.h"

namespace switchboard {

absl::string_view EventTypeName(EventType type) {
  switch (type) {
    case EventType::kReceived:
      return "received";
    case EventType::kClassified:
      return "classified";
    case EventType::kDecided:
      return "decided";
    case EventType::kQueued:
      return "queued";
    case EventType::kEscalated:
      return "escalated";
    case EventType::kOffered:
      return "offered";
    case EventType::kOfferRejected:
      return "offer_rejected";
    case EventType::kOfferTimedOut:
      return "offer_timed_out";
    case EventType::kAccepted:
      return "accepted";
    case EventType::kFirstResponse:
      return "first_response";
    case EventType::kTransferred:
      return "transferred";
    case EventType::kResolved:
      return "resolved";
    case EventType::kAbandoned:
      return "abandoned";
    case EventType::kSatisfaction:
      return "satisfaction";
    case EventType::kAgentPresence:
      return "agent_presence";
  }
  return "unknown";
}

absl::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kNeutral:
      return "neutral";
    case Outcome::kFavourable:
      return "favourable";
    case Outcome::kUnfavourable:
      return "unfavourable";
  }
  return "unknown";
}

}  // namespace switchboard
