// Copyright 2026 The Switchboard Authors.

#include "switchboard/contact.h"

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::testing::HasSubstr;

TEST(ChannelNameTest, RoundTripsThroughParseChannel) {
  for (Channel channel : kAllChannels) {
    absl::StatusOr<Channel> parsed = ParseChannel(ChannelName(channel));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, channel) << ChannelName(channel);
  }
}

TEST(ChannelNameTest, NamesAreStable) {
  EXPECT_EQ(ChannelName(Channel::kUnspecified), "unspecified");
  EXPECT_EQ(ChannelName(Channel::kPhone), "phone");
  EXPECT_EQ(ChannelName(Channel::kWebForm), "web_form");
  EXPECT_EQ(ChannelName(Channel::kMessaging), "messaging");
}

struct AliasCase {
  const char* name;
  Channel channel;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const AliasCase& c, std::ostream* os) {
  *os << '"' << c.name << '"';
}

class ParseChannelAliasTest : public ::testing::TestWithParam<AliasCase> {};

TEST_P(ParseChannelAliasTest, Accepts) {
  absl::StatusOr<Channel> parsed = ParseChannel(GetParam().name);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, GetParam().channel);
}

INSTANTIATE_TEST_SUITE_P(
    Aliases, ParseChannelAliasTest,
    ::testing::Values(AliasCase{"sms", Channel::kMessaging},
                      AliasCase{"WhatsApp", Channel::kMessaging},
                      AliasCase{"webform", Channel::kWebForm},
                      AliasCase{"Web-Form", Channel::kWebForm},
                      AliasCase{"mail", Channel::kEmail},
                      AliasCase{"post", Channel::kLetter},
                      AliasCase{"voice", Channel::kPhone},
                      AliasCase{"  EMAIL ", Channel::kEmail}));

class ParseChannelUnknownTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseChannelUnknownTest, IsInvalidArgumentNamingTheInput) {
  absl::StatusOr<Channel> parsed = ParseChannel(GetParam());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(parsed.status().message()),
              HasSubstr(std::string("\"") + GetParam() + "\""));
}

INSTANTIATE_TEST_SUITE_P(Unknown, ParseChannelUnknownTest,
                         ::testing::Values("", "fax", "unspecified", "e-mail",
                                           "tele phone"));

TEST(ContactTest, DefaultIsVisiblyIncomplete) {
  Contact contact;
  EXPECT_EQ(contact.channel, Channel::kUnspecified);
  EXPECT_EQ(contact.received_at, absl::InfinitePast());
  EXPECT_FALSE(contact.preferred_reply_channel.has_value());
}

}  // namespace
}  // namespace switchboard
