// Copyright 2026 The Switchboard Authors.

#include "convert/contact_status_convert.h"

namespace switchboard {

v1::ContactState ContactStateToProto(ContactState state) {
  switch (state) {
    case ContactState::kWaiting:
      return v1::CONTACT_STATE_WAITING;
    case ContactState::kOffered:
      return v1::CONTACT_STATE_OFFERED;
    case ContactState::kAccepted:
      return v1::CONTACT_STATE_ACCEPTED;
    case ContactState::kResolved:
      return v1::CONTACT_STATE_RESOLVED;
    case ContactState::kAbandoned:
      return v1::CONTACT_STATE_ABANDONED;
    case ContactState::kSelfServed:
      return v1::CONTACT_STATE_SELF_SERVED;
  }
  return v1::CONTACT_STATE_UNSPECIFIED;
}

v1::ContactStatus ContactStatusToProto(const ContactView& c) {
  v1::ContactStatus p;
  SetContactFields(c, &p);
  p.set_state(ContactStateToProto(c.state));
  p.set_agent_id(c.agent_id);
  p.set_call_back_task(c.call_back_task);
  return p;
}

}  // namespace switchboard
