// Copyright 2026 The Switchboard Authors.

#include "convert/contact_status_convert.h"

#include "convert/contact_convert.h"
#include "convert/time_convert.h"

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
  }
  return v1::CONTACT_STATE_UNSPECIFIED;
}

v1::ContactStatus ContactStatusToProto(const ContactView& c) {
  v1::ContactStatus p;
  p.set_contact_id(c.id);
  p.set_channel(ChannelToProto(c.channel));
  p.set_state(ContactStateToProto(c.state));
  p.set_department(c.department);
  p.set_queue(c.queue);
  p.set_agent_id(c.agent_id);
  p.set_label(c.label);
  p.set_priority(c.priority);
  p.set_text(c.text);
  if (IsFinite(c.received)) *p.mutable_received_at() = TimeToProto(c.received);
  if (IsFinite(c.sla_deadline)) {
    *p.mutable_sla_deadline() = TimeToProto(c.sla_deadline);
  }
  return p;
}

}  // namespace switchboard
