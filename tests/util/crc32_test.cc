// Copyright 2026 The Switchboard Authors.

#include "switchboard/util/crc32.h"

#include <cstdint>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

struct Crc32cVector {
  const char* name;
  std::string data;
  uint32_t crc;
};

void PrintTo(const Crc32cVector& c, std::ostream* os) { *os << c.name; }

class Crc32cVectorTest : public ::testing::TestWithParam<Crc32cVector> {};

TEST_P(Crc32cVectorTest, MatchesKnownValue) {
  EXPECT_EQ(Crc32c(GetParam().data), GetParam().crc)
      << std::hex << "got 0x" << Crc32c(GetParam().data) << ", want 0x"
      << GetParam().crc;
}

std::string Ascending(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>(i));
  return s;
}

std::string Descending(int n) {
  std::string s;
  for (int i = n - 1; i >= 0; --i) s.push_back(static_cast<char>(i));
  return s;
}

// The check value of the CRC catalogue and the iSCSI test vectors of
// RFC 3720, appendix B.4.
INSTANTIATE_TEST_SUITE_P(
    Known, Crc32cVectorTest,
    ::testing::Values(
        Crc32cVector{"Empty", "", 0x00000000u},
        Crc32cVector{"CheckString", "123456789", 0xE3069283u},
        Crc32cVector{"ThirtyTwoZeros", std::string(32, '\0'), 0x8A9136AAu},
        Crc32cVector{"ThirtyTwoOnes", std::string(32, '\xFF'), 0x62A8AB43u},
        Crc32cVector{"Ascending", Ascending(32), 0x46DD794Eu},
        Crc32cVector{"Descending", Descending(32), 0x113FDB5Cu}),
    [](const ::testing::TestParamInfo<Crc32cVector>& info) {
      return info.param.name;
    });

TEST(Crc32cTest, ExtendingPiecewiseEqualsWhole) {
  const std::string data =
      "Beste gemeente, ik wil graag een parkeervergunning aanvragen.";
  const uint32_t whole = Crc32c(data);
  for (size_t cut = 0; cut <= data.size(); ++cut) {
    SCOPED_TRACE(cut);
    const std::string head = data.substr(0, cut);
    const std::string tail = data.substr(cut);
    EXPECT_EQ(Crc32c(tail, Crc32c(head)), whole);
  }
}

TEST(Crc32cTest, ExtendingByteByByteEqualsWhole) {
  const std::string data = Ascending(256);
  uint32_t crc = 0;
  for (char c : data) crc = Crc32c(std::string(1, c), crc);
  EXPECT_EQ(crc, Crc32c(data));
}

TEST(Crc32cTest, ExtendingWithNothingKeepsTheCrc) {
  const uint32_t crc = Crc32c("123456789");
  EXPECT_EQ(Crc32c("", crc), crc);
}

TEST(Crc32cTest, DetectsASingleFlippedBit) {
  const std::string data = "payload of a model file";
  const uint32_t crc = Crc32c(data);
  for (size_t i = 0; i < data.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string corrupt = data;
      corrupt[i] = static_cast<char>(corrupt[i] ^ (1 << bit));
      EXPECT_NE(Crc32c(corrupt), crc) << "byte " << i << " bit " << bit;
    }
  }
}

}  // namespace
}  // namespace switchboard
