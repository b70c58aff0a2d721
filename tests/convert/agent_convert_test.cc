// Copyright 2026 The Switchboard Authors.

#include "convert/agent_convert.h"

#include <string>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

AgentConfig FullAgent() {
  AgentConfig a;
  a.id = "a07";
  a.name = "Noor Smit";
  a.skills = {{"dutch", 9}, {"taxes", 4}, {"complaints", 2}};
  a.capacity = {
      {Channel::kPhone, 1}, {Channel::kChat, 2}, {Channel::kEmail, 6}};
  a.presence = Presence::kAway;
  return a;
}

void ExpectSame(const AgentConfig& a, const AgentConfig& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  ASSERT_EQ(a.skills.size(), b.skills.size());
  for (size_t i = 0; i < a.skills.size(); ++i) {
    EXPECT_EQ(a.skills[i].skill, b.skills[i].skill);
    EXPECT_EQ(a.skills[i].level, b.skills[i].level);
  }
  EXPECT_EQ(a.capacity, b.capacity);
  EXPECT_EQ(a.presence, b.presence);
}

TEST(AgentConvertTest, RoundTripKeepsEveryField) {
  const AgentConfig a = FullAgent();
  const v1::Agent p = AgentToProto(a);
  EXPECT_EQ(p.presence(), v1::AWAY);
  EXPECT_EQ(p.capacity_size(), 3);
  absl::StatusOr<AgentConfig> back = AgentFromProto(p, "agent");
  ASSERT_THAT(back, IsOk());
  ExpectSame(a, *back);
}

TEST(AgentConvertTest, RoundTripDefaultCapacity) {
  AgentConfig a = FullAgent();
  a.capacity = AgentConfig().capacity;
  absl::StatusOr<AgentConfig> back = AgentFromProto(AgentToProto(a), "agent");
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->capacity, a.capacity);
}

TEST(AgentConvertTest, NoCapacityOnTheWireIsTheDefault) {
  v1::Agent p;
  p.set_id("a1");
  absl::StatusOr<AgentConfig> a = AgentFromProto(p, "agent");
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->capacity, AgentConfig().capacity);
  EXPECT_EQ(a->presence, Presence::kOffline);  // PRESENCE_UNSPECIFIED
}

TEST(AgentConvertTest, RoundTripEveryPresence) {
  for (Presence presence :
       {Presence::kOffline, Presence::kAvailable, Presence::kAway}) {
    absl::StatusOr<Presence> back =
        PresenceFromProto(PresenceToProto(presence), "presence");
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(*back, presence) << PresenceName(presence);
  }
}

TEST(AgentConvertTest, UnknownPresenceRefusedNamingTheField) {
  v1::Agent p = AgentToProto(FullAgent());
  p.set_presence(static_cast<v1::Presence>(9));
  EXPECT_THAT(AgentFromProto(p, "agent"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("agent.presence"), HasSubstr("9"))));
  EXPECT_THAT(PresenceFromProto(-3, "set_presence.presence"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("set_presence.presence")));
}

TEST(AgentConvertTest, UnknownCapacityChannelRefusedNamingTheField) {
  v1::Agent p = AgentToProto(FullAgent());
  p.mutable_capacity(1)->set_channel(static_cast<v1::Channel>(99));
  EXPECT_THAT(AgentFromProto(p, "agents[3]"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("agents[3].capacity[1].channel"),
                             HasSubstr("99"))));
  p.mutable_capacity(1)->set_channel(v1::CHANNEL_UNSPECIFIED);
  EXPECT_THAT(AgentFromProto(p, "agent"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("agent.capacity[1].channel")));
}

TEST(AgentConvertTest, OfferCarriesTheContact) {
  ContactView c;
  c.id = "c-9";
  c.channel = Channel::kWebForm;
  c.state = ContactState::kOffered;
  c.department = "parking";
  c.queue = "parking";
  c.agent_id = "a03";
  c.label = "parking";
  c.text = "ik wil een parkeervergunning";
  c.priority = 3;
  c.received = absl::FromUnixSeconds(1'780'000'000);
  c.sla_deadline = absl::FromUnixSeconds(1'780'028'800);
  c.offered_at = absl::FromUnixMillis(1'780'000'005'250);
  c.offer_expires = absl::FromUnixMillis(1'780'000'025'250);
  const v1::Offer p = OfferToProto(c);
  EXPECT_EQ(p.contact_id(), "c-9");
  EXPECT_EQ(p.channel(), v1::CHANNEL_WEB_FORM);
  EXPECT_EQ(p.department(), "parking");
  EXPECT_EQ(p.queue(), "parking");
  EXPECT_EQ(p.priority(), 3);
  EXPECT_EQ(p.label(), "parking");
  EXPECT_EQ(p.text(), "ik wil een parkeervergunning");
  EXPECT_EQ(p.received_at().seconds(), 1'780'000'000);
  EXPECT_EQ(p.sla_deadline().seconds(), 1'780'028'800);
  EXPECT_EQ(p.offered_at().seconds(), 1'780'000'005);
  EXPECT_EQ(p.offered_at().nanos(), 250'000'000);
  EXPECT_EQ(p.expires_at().seconds(), 1'780'000'025);
}

TEST(AgentConvertTest, OfferLeavesInfiniteTimesUnset) {
  ContactView c;
  c.id = "c-1";
  c.channel = Channel::kChat;
  c.received = absl::FromUnixSeconds(100);
  const v1::Offer p = OfferToProto(c);
  EXPECT_TRUE(p.has_received_at());
  EXPECT_FALSE(p.has_sla_deadline());  // InfiniteFuture
  EXPECT_FALSE(p.has_offered_at());    // InfinitePast
  EXPECT_FALSE(p.has_expires_at());
}

}  // namespace
}  // namespace switchboard
