// Copyright 2026 The Switchboard Authors.

#include "convert/contact_convert.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::testing::HasSubstr;

Contact FullContact() {
  Contact c;
  c.id = "c-17";
  c.channel = Channel::kLetter;
  c.subject = "Betreft: bezwaar";
  c.body = "Geachte heer/mevrouw, ik maak bezwaar tegen de aanslag.";
  c.ivr_choice = "";
  c.language_hint = "nl";
  c.customer_ref = "K-123";
  c.previous_contact_id = "c-3";
  c.attributes = {{"vip", "true"}, {"source", "scan"}};
  c.received_at = absl::FromUnixMillis(1'780'000'000'123);
  c.preferred_reply_channel = Channel::kPhone;
  return c;
}

void ExpectSame(const Contact& a, const Contact& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.ivr_choice, b.ivr_choice);
  EXPECT_EQ(a.language_hint, b.language_hint);
  EXPECT_EQ(a.customer_ref, b.customer_ref);
  EXPECT_EQ(a.previous_contact_id, b.previous_contact_id);
  EXPECT_EQ(a.attributes, b.attributes);
  EXPECT_EQ(a.received_at, b.received_at);
  EXPECT_EQ(a.preferred_reply_channel, b.preferred_reply_channel);
}

TEST(ContactConvertTest, RoundTripKeepsEveryField) {
  const Contact c = FullContact();
  absl::StatusOr<Contact> back = FromProto(ToProto(c));
  ASSERT_TRUE(back.ok()) << back.status();
  ExpectSame(c, *back);
}

TEST(ContactConvertTest, RoundTripEveryChannel) {
  for (Channel ch : kAllChannels) {
    Contact c = FullContact();
    c.channel = ch;
    absl::StatusOr<Contact> back = FromProto(ToProto(c));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->channel, ch) << ChannelName(ch);
  }
}

TEST(ContactConvertTest, RoundTripBefore1970WithFraction) {
  Contact c = FullContact();
  c.received_at = absl::FromUnixMillis(-1500);  // 1969-12-31T23:59:58.5Z
  v1::Contact p = ToProto(c);
  EXPECT_EQ(p.received_at().seconds(), -2);
  EXPECT_EQ(p.received_at().nanos(), 500'000'000);
  absl::StatusOr<Contact> back = FromProto(p);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->received_at, c.received_at);
}

TEST(ContactConvertTest, UnsetOptionalFieldsStayUnset) {
  Contact c;
  c.id = "x";
  c.channel = Channel::kChat;
  v1::Contact p = ToProto(c);
  EXPECT_FALSE(p.has_received_at());
  EXPECT_EQ(p.preferred_reply_channel(), v1::CHANNEL_UNSPECIFIED);
  absl::StatusOr<Contact> back = FromProto(p);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->received_at, absl::InfinitePast());
  EXPECT_FALSE(back->preferred_reply_channel.has_value());
}

TEST(ContactConvertTest, UnknownChannelValueIsNamed) {
  v1::Contact p = ToProto(FullContact());
  p.set_channel(static_cast<v1::Channel>(42));
  absl::StatusOr<Contact> c = FromProto(p);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr("contact c-17"));
  EXPECT_THAT(c.status().message(), HasSubstr("unknown channel value 42"));
}

TEST(ContactConvertTest, UnknownReplyChannelIsNamed) {
  v1::Contact p = ToProto(FullContact());
  p.set_preferred_reply_channel(static_cast<v1::Channel>(-3));
  absl::StatusOr<Contact> c = FromProto(p);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("preferred_reply_channel"));
}

TEST(ContactConvertTest, BadNanosRefused) {
  v1::Contact p = ToProto(FullContact());
  p.mutable_received_at()->set_nanos(-1);
  absl::StatusOr<Contact> c = FromProto(p);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("received_at"));
}

}  // namespace
}  // namespace switchboard
