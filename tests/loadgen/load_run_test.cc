// Copyright 2026 The Switchboard Authors.

#include "loadgen/load_run.h"

#include "gtest/gtest.h"
#include "loadgen/loadgen.h"

namespace switchboard::loadgen {
namespace {

TEST(TenantSpreadTest, NoTenantOneTenantOrTheCallsInTurn) {
  EXPECT_EQ(TenantSpread{}.Of(7), "");
  EXPECT_EQ((TenantSpread{.tenant = "quiet"}).Of(7), "quiet");
  const TenantSpread three{.tenants = 3};
  EXPECT_EQ(three.Of(0), "t1");
  EXPECT_EQ(three.Of(1), "t2");
  EXPECT_EQ(three.Of(2), "t3");
  EXPECT_EQ(three.Of(3), "t1");
}

TEST(TenantSpreadTest, TheOptionsAreChecked) {
  LoadgenOptions o;
  o.server = "127.0.0.1:1";
  EXPECT_TRUE(ValidateOptions(o).ok());
  o.tenants.tenants = 1001;
  EXPECT_FALSE(ValidateOptions(o).ok());
  o.tenants = TenantSpread{.tenant = "a", .tenants = 2};
  EXPECT_EQ(ValidateOptions(o).code(), absl::StatusCode::kInvalidArgument);
  o.tenants = TenantSpread{.tenant = "Not A Name"};
  EXPECT_EQ(ValidateOptions(o).code(), absl::StatusCode::kInvalidArgument);
  o.tenants = TenantSpread{.tenant = "quiet"};
  EXPECT_TRUE(ValidateOptions(o).ok());
}

}  // namespace
}  // namespace switchboard::loadgen
