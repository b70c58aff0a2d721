// Copyright 2026 The Switchboard Authors.
//
// contact_status_convert.h: the engine's ContactView as the wire's
// ContactStatus (Routing.GetContact). One way only: the engine is the
// source of truth for where a contact is.

#ifndef SWITCHBOARD_SERVICES_CONVERT_CONTACT_STATUS_CONVERT_H_
#define SWITCHBOARD_SERVICES_CONVERT_CONTACT_STATUS_CONVERT_H_

#include "switchboard/engine.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard {

v1::ContactState ContactStateToProto(ContactState state);
v1::ContactStatus ContactStatusToProto(const ContactView& contact);

}  // namespace switchboard

#endif  // SWITCHBOARD_SERVICES_CONVERT_CONTACT_STATUS_CONVERT_H_
