// Copyright 2026 The Switchboard Authors.
//
// Bearer tokens (services/auth/token.h): their shape, their digest (the
// BLAKE2b-256 test vector of the empty string) and its text form.

#include "auth/token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace switchboard::auth {
namespace {

using ::testing::HasSubstr;

TEST(TokenTest, NewTokensHaveTheShapeAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = NewToken();
    EXPECT_EQ(token.size(), kTokenLength);
    EXPECT_TRUE(CheckTokenShape(token).ok()) << token;
    EXPECT_TRUE(seen.insert(token).second) << "repeated: " << token;
  }
}

TEST(TokenTest, ABadShapeIsNamedWithoutTheToken) {
  const std::string good = NewToken();
  EXPECT_THAT(CheckTokenShape("xyz_" + good.substr(4)).message(),
              HasSubstr("does not start with sbt_"));
  EXPECT_THAT(CheckTokenShape(good + "A").message(),
              HasSubstr("48 characters, not 47"));
  std::string bad = good;
  bad[10] = '+';
  const absl::Status s = CheckTokenShape(bad);
  EXPECT_THAT(s.message(), HasSubstr("outside base64url"));
  EXPECT_THAT(std::string(s.message()), ::testing::Not(HasSubstr(bad)));
}

TEST(TokenTest, TheDigestIsBlake2b256) {
  // BLAKE2b-256("") from RFC 7693's reference implementation.
  EXPECT_EQ(FormatDigest(HashToken("")),
            "blake2b:0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf"
            "12fe3a8");
  EXPECT_NE(HashToken("sbt_a"), HashToken("sbt_b"));
}

TEST(TokenTest, DigestsRoundTripAndBadOnesAreNamed) {
  const TokenDigest d = HashToken(NewToken());
  absl::StatusOr<TokenDigest> back = ParseDigest(FormatDigest(d));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(DigestsEqual(*back, d));
  TokenDigest other = d;
  other[31] ^= 1;
  EXPECT_FALSE(DigestsEqual(other, d));
  EXPECT_THAT(ParseDigest("sha256:00").status().message(),
              HasSubstr("must start with blake2b:"));
  EXPECT_THAT(ParseDigest("blake2b:00").status().message(),
              HasSubstr("2 hex digits"));
  EXPECT_THAT(ParseDigest("blake2b:" + std::string(64, 'g')).status().message(),
              HasSubstr("not a hex digit"));
  // Upper case is read too.
  std::string upper = FormatDigest(d);
  for (size_t i = 8; i < upper.size(); ++i) upper[i] = std::toupper(upper[i]);
  ASSERT_TRUE(ParseDigest(upper).ok());
  EXPECT_TRUE(DigestsEqual(*ParseDigest(upper), d));
}

}  // namespace
}  // namespace switchboard::auth
