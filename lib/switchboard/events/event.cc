// Copyright 2026 The Switchboard Authors.

#include "switchboard/events/event.h"

#include "absl/strings/str_cat.h"
#include "switchboard/contact.h"

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
    case EventType::kSelfServed:
      return "self_served";
    case EventType::kAskedForPerson:
      return "asked_for_person";
    case EventType::kCallBackScheduled:
      return "call_back_scheduled";
    case EventType::kOfferWithdrawn:
      return "offer_withdrawn";
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

absl::Status CheckOutcome(Outcome o, absl::string_view contact_id) {
  switch (o) {
    case Outcome::kNeutral:
    case Outcome::kFavourable:
    case Outcome::kUnfavourable:
      return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("contact ", ContactIdForMessage(contact_id),
                   ": unknown outcome value ", static_cast<int>(o)));
}

}  // namespace switchboard
