// Copyright 2026 The Switchboard Authors.
//
// Who may call what (services/auth/authorizer.h): every role against every
// method, tenant scopes, agent binding, and each way a credential fails.

#include "auth/authorizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "absl/strings/str_cat.h"

namespace switchboard::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RoleTest, TheTableOfTheIssue) {
  const std::set<Method> router = {Method::kRoute,      Method::kRouteStream,
                                   Method::kClassify,   Method::kReportEvent,
                                   Method::kGetContact, Method::kEcho};
  const std::set<Method> agent = {Method::kRegisterAgent, Method::kSetPresence,
                                  Method::kStreamOffers,  Method::kAccept,
                                  Method::kReject,        Method::kComplete,
                                  Method::kEcho};
  const std::set<Method> supervisor = {Method::kGetStats, Method::kGetContact,
                                       Method::kEcho};
  const std::set<Method> admin = {Method::kReload,       Method::kGetInfo,
                                  Method::kCreateTenant, Method::kUpdateTenant,
                                  Method::kDeleteTenant, Method::kListTenants,
                                  Method::kEcho};
  for (Method m : kAllMethods) {
    EXPECT_EQ(RoleAllows(Role::kRouter, m), router.count(m) > 0)
        << MethodName(m);
    EXPECT_EQ(RoleAllows(Role::kAgent, m), agent.count(m) > 0) << MethodName(m);
    EXPECT_EQ(RoleAllows(Role::kSupervisor, m), supervisor.count(m) > 0)
        << MethodName(m);
    EXPECT_EQ(RoleAllows(Role::kAdmin, m), admin.count(m) > 0) << MethodName(m);
    EXPECT_EQ(IsAgentMethod(m), agent.count(m) > 0 && m != Method::kEcho);
  }
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("root").has_value());
}

class AuthenticateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_ = NewToken();
    expired_ = NewToken();
    absl::StatusOr<Credentials> c = Credentials::Parse(
        absl::StrCat("crm tenant=acme role=router hash=",
                     FormatDigest(HashToken(router_)), "\n",
                     "old tenant=acme role=router "
                     "expires=2026-01-01T00:00:00Z hash=",
                     FormatDigest(HashToken(expired_)), "\n",
                     "ops tenant=* role=admin cert-cn=ops.example.org\n"),
        "tokens");
    ASSERT_TRUE(c.ok()) << c.status();
    credentials_ = *std::move(c);
  }

  absl::StatusOr<const Credential*> With(std::optional<std::string> header,
                                         std::vector<std::string> certs = {}) {
    return Authenticate(
        credentials_, CallIdentity{std::move(header), std::move(certs)}, now_);
  }

  std::string router_, expired_;
  Credentials credentials_;
  absl::Time now_ = absl::FromUnixSeconds(1796000000);  // 2026-12
};

TEST_F(AuthenticateTest, AKnownTokenOrCertificateIsItsCredential) {
  absl::StatusOr<const Credential*> c = With("Bearer " + router_);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ((*c)->name, "crm");
  c = With("bearer  " + router_);  // The scheme is case-insensitive.
  ASSERT_TRUE(c.ok()) << c.status();
  c = With(std::nullopt, {"someone", "ops.example.org"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ((*c)->name, "ops");
  // A token wins over a certificate.
  c = With("Bearer " + router_, {"ops.example.org"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->name, "crm");
}

TEST_F(AuthenticateTest, EachFailureIsUnauthenticatedAndSaysWhich) {
  struct Row {
    std::optional<std::string> header;
    std::vector<std::string> certs;
    std::string error;
  };
  const std::string unknown = NewToken();
  const Row rows[] = {
      {std::nullopt, {}, "no credential"},
      {"Basic dXNlcjpwYXNz", {}, "malformed credential"},
      {"Bearer", {}, "malformed credential"},
      {"Bearer sbt_short", {}, "malformed credential: the token has 9"},
      {"Bearer " + router_.substr(0, 46) + "!", {}, "outside base64url"},
      {"Bearer " + unknown, {}, "unknown token"},
      {"Bearer " + expired_,
       {},
       "credential old expired at 2026-01-01T00:00:00"},
      {std::nullopt,
       {"stranger.example.org"},
       "unknown certificate: no cert-cn=stranger.example.org"},
      // A bad token is not rescued by a good certificate.
      {"Bearer " + unknown, {"ops.example.org"}, "unknown token"},
  };
  for (const Row& row : rows) {
    absl::StatusOr<const Credential*> c = With(row.header, row.certs);
    ASSERT_FALSE(c.ok()) << row.error;
    EXPECT_EQ(c.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_THAT(c.status().message(), HasSubstr(row.error));
    EXPECT_THAT(c.status().message(), Not(HasSubstr("sbt_")));
  }
}

TEST(AuthorizeTest, TenantRoleAndAgentAreEachPermissionDenied) {
  Credential router{.name = "crm", .tenant = "acme", .role = Role::kRouter};
  Credential any{.name = "ops", .tenant = "*", .role = Role::kAdmin};
  Credential ann{.name = "desk-ann",
                 .tenant = "acme",
                 .role = Role::kAgent,
                 .agent = "ann"};

  EXPECT_TRUE(Authorize(router, Method::kRoute, "acme").ok());
  absl::Status s = Authorize(router, Method::kRoute, "globex");
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("is for tenant acme, not globex"));
  s = Authorize(router, Method::kGetStats, "acme");
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("role router, which may not call "
                                     "switchboard.v1.Routing/GetStats"));
  // Echo: any role, no tenant.
  EXPECT_TRUE(Authorize(ann, Method::kEcho, "").ok());

  EXPECT_TRUE(Authorize(any, Method::kReload, kAnyTenant).ok());
  EXPECT_TRUE(Authorize(any, Method::kCreateTenant, "globex").ok());
  Credential acme_admin{
      .name = "acme-ops", .tenant = "acme", .role = Role::kAdmin};
  EXPECT_TRUE(Authorize(acme_admin, Method::kUpdateTenant, "acme").ok());
  s = Authorize(acme_admin, Method::kReload, kAnyTenant);
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("needs tenant=*"));
  EXPECT_TRUE(Authorize(acme_admin, Method::kListTenants, "").ok());
  EXPECT_TRUE(CoversTenant(acme_admin, "acme"));
  EXPECT_FALSE(CoversTenant(acme_admin, "globex"));
  EXPECT_TRUE(CoversTenant(any, "globex"));

  EXPECT_TRUE(AuthorizeAgent(ann, "ann").ok());
  s = AuthorizeAgent(ann, "bob");
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("acts for agent ann, not bob"));
  EXPECT_TRUE(AuthorizeAgent(router, "bob").ok());  // Not an agent role.
}

}  // namespace
}  // namespace switchboard::auth
