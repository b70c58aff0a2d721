// Copyright 2026 The Switchboard Authors.
//
// contact_status_convert.h: the engine's ContactView as the wire's
// ContactStatus (Routing.GetContact). One way only: the engine is the
// source of truth for where a contact is.

#ifndef SWITCHBOARD_SERVICES_CONVERT_CONTACT_STATUS_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_CONTACT_STATUS_CONVERT_H_

#include "convert/contact_convert.h"
#include "convert/decision_convert.h"
#include "convert/time_convert.h"
#include "switchboard/engine.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard {

// The fields a ContactStatus and an agent's Offer share (the same names in
// both messages), set from `c`.
template <typename Message>
void SetContactFields(const ContactView& c, Message* p) {
  p->set_contact_id(c.id);
  p->set_channel(ChannelToProto(c.channel));
  p->set_department(c.department);
  p->set_queue(c.queue);
  p->set_priority(c.priority);
  p->set_label(c.label);
  p->set_text(c.text);
  if (IsFinite(c.received)) *p->mutable_received_at() = TimeToProto(c.received);
  if (IsFinite(c.sla_deadline)) {
    *p->mutable_sla_deadline() = TimeToProto(c.sla_deadline);
  }
  *p->mutable_decision() = DecisionToProto(c.decision);
  p->set_call_back_for(c.call_back_for);
}

v1::ContactState ContactStateToProto(ContactState state);
v1::ContactStatus ContactStatusToProto(const ContactView& contact);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_CONTACT_STATUS_CONVERT_H_
