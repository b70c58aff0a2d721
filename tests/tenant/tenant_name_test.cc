// Copyright 2026 The Switchboard Authors.

#include "switchboard/tenant/tenant_name.h"

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

TEST(TenantNameTest, AcceptsLowerCaseDigitsAndDashesUpTo63) {
  EXPECT_THAT(ValidateTenantName("default"), IsOk());
  EXPECT_THAT(ValidateTenantName("gemeente-a"), IsOk());
  EXPECT_THAT(ValidateTenantName("t1"), IsOk());
  EXPECT_THAT(ValidateTenantName("-"), IsOk());
  EXPECT_THAT(ValidateTenantName(std::string(63, 'a')), IsOk());
}

TEST(TenantNameTest, RefusesOthersNamingThem) {
  EXPECT_THAT(ValidateTenantName(""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  EXPECT_THAT(ValidateTenantName(std::string(64, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("64 characters long; at most 63")));
  EXPECT_THAT(ValidateTenantName("Gemeente"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("\"Gemeente\""),
                             HasSubstr("character 1 is not one of [a-z0-9-]"))));
  EXPECT_THAT(ValidateTenantName("a_b"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("character 2")));
  EXPECT_THAT(ValidateTenantName("../etc"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"../etc\"")));
  EXPECT_THAT(ValidateTenantName(std::string("a\0b", 3)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a\\x00")));
}

TEST(TenantNameTest, TenantErrorPrefixesOnce) {
  EXPECT_THAT(TenantError("a", absl::OkStatus()), IsOk());
  const absl::Status once =
      TenantError("a", absl::InvalidArgumentError("f.textproto: bad"));
  EXPECT_THAT(once, StatusIs(absl::StatusCode::kInvalidArgument,
                             testing::Eq("tenant a: f.textproto: bad")));
  EXPECT_EQ(TenantError("a", once), once);
  EXPECT_EQ(TenantError("a", absl::NotFoundError("tenant ab: x")).message(),
            "tenant a: tenant ab: x");
}

}  // namespace
}  // namespace switchboard
