// Copyright 2026 The Switchboard Authors.
//
// ContactView -> ContactStatus (Routing.GetContact): every state, and every
// field, with unset times left unset.

#include "convert/contact_status_convert.h"

#include "gtest/gtest.h"

namespace switchboard {
namespace {

TEST(ContactStatusConvertTest, EveryFieldAndState) {
  ContactView v;
  v.id = "c-1";
  v.channel = Channel::kLetter;
  v.state = ContactState::kAccepted;
  v.department = "taxes";
  v.queue = "taxes-written";
  v.agent_id = "a01";
  v.label = "taxes";
  v.priority = 4;
  v.text = "bezwaar tegen mijn aanslag";
  v.received = absl::FromUnixSeconds(1'767'225'600);
  v.sla_deadline = absl::InfiniteFuture();
  const v1::ContactStatus p = ContactStatusToProto(v);
  EXPECT_EQ(p.contact_id(), "c-1");
  EXPECT_EQ(p.channel(), v1::CHANNEL_LETTER);
  EXPECT_EQ(p.state(), v1::CONTACT_STATE_ACCEPTED);
  EXPECT_EQ(p.department(), "taxes");
  EXPECT_EQ(p.queue(), "taxes-written");
  EXPECT_EQ(p.agent_id(), "a01");
  EXPECT_EQ(p.label(), "taxes");
  EXPECT_EQ(p.priority(), 4);
  EXPECT_EQ(p.text(), "bezwaar tegen mijn aanslag");
  EXPECT_EQ(p.received_at().seconds(), 1'767'225'600);
  EXPECT_FALSE(p.has_sla_deadline());  // No deadline: unset on the wire.

  const std::pair<ContactState, v1::ContactState> states[] = {
      {ContactState::kWaiting, v1::CONTACT_STATE_WAITING},
      {ContactState::kOffered, v1::CONTACT_STATE_OFFERED},
      {ContactState::kAccepted, v1::CONTACT_STATE_ACCEPTED},
      {ContactState::kResolved, v1::CONTACT_STATE_RESOLVED},
      {ContactState::kAbandoned, v1::CONTACT_STATE_ABANDONED}};
  for (const auto& [state, wire] : states) {
    EXPECT_EQ(ContactStateToProto(state), wire);
  }
}

}  // namespace
}  // namespace switchboard
