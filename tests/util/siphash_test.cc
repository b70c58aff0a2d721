// Copyright 2026 The Switchboard Authors.

#include "switchboard/util/siphash.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

std::string Bytes(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>(i));
  return s;
}

// The reference vectors of the SipHash paper (appendix A) and of the
// reference implementation's vectors.h: key 00 01 .. 0f, message 00 01 ..
// (n-1), for n = 0, 1, 7, 8, 15 (the paper's example) and 63.
TEST(SipHashTest, MatchesTheReferenceVectors) {
  absl::StatusOr<SipHashKey> key = SipHashKeyFromBytes(Bytes(16));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(SipHash24(*key, Bytes(0)), 0x726fdb47dd0e0e31ull);
  EXPECT_EQ(SipHash24(*key, Bytes(1)), 0x74f839c593dc67fdull);
  EXPECT_EQ(SipHash24(*key, Bytes(7)), 0xab0200f58b01d137ull);
  EXPECT_EQ(SipHash24(*key, Bytes(8)), 0x93f5f5799a932462ull);
  EXPECT_EQ(SipHash24(*key, Bytes(15)), 0xa129ca6149be45e5ull);
  EXPECT_EQ(SipHash24(*key, Bytes(63)), 0x958a324ceb064572ull);
}

TEST(SipHashTest, DependsOnTheKey) {
  const SipHashKey a{1, 2}, b{1, 3};
  EXPECT_NE(SipHash24(a, "K-1001"), SipHash24(b, "K-1001"));
  EXPECT_EQ(SipHash24(a, "K-1001"), SipHash24(a, "K-1001"));
  EXPECT_NE(SipHash24(a, "K-1001"), SipHash24(a, "K-1002"));
}

TEST(SipHashTest, KeyMustBeSixteenBytes) {
  absl::StatusOr<SipHashKey> key = SipHashKeyFromBytes("short");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(key.status().message()),
              testing::HasSubstr("16 bytes, not 5"));
}

TEST(SipHashTest, RandomKeysDiffer) {
  EXPECT_FALSE(RandomSipHashKey() == RandomSipHashKey());
}

}  // namespace
}  // namespace switchboard
