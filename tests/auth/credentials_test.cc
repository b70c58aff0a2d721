// Copyright 2026 The Switchboard Authors.
//
// The tokens file (services/auth/credentials.h): what a good file gives,
// and a table of bad lines -> the error naming file, line and fault.

#include "auth/credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"

namespace switchboard::auth {
namespace {

using ::testing::HasSubstr;

TEST(CredentialsTest, AGoodFileFindsEachCredential) {
  const std::string router = NewToken();
  const std::string agent = NewToken();
  const std::string text = absl::StrCat(
      "# the acme contact centre\n\n",
      "crm tenant=acme role=router hash=", FormatDigest(HashToken(router)),
      "   # the CRM\n",
      "desk-ann\ttenant=acme role=agent agent=ann "
      "expires=2027-01-02T03:04:05Z hash=",
      FormatDigest(HashToken(agent)), "\n",
      "ops tenant=* role=admin cert-cn=ops.example.org\n");
  absl::StatusOr<Credentials> c = Credentials::Parse(text, "tokens.txt");
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->all().size(), 3u);

  const Credential* crm = c->FindToken(router);
  ASSERT_NE(crm, nullptr);
  EXPECT_EQ(crm->name, "crm");
  EXPECT_EQ(crm->tenant, "acme");
  EXPECT_EQ(crm->role, Role::kRouter);
  EXPECT_FALSE(crm->expires.has_value());

  const Credential* ann = c->FindToken(agent);
  ASSERT_NE(ann, nullptr);
  EXPECT_EQ(ann->name, "desk-ann");
  EXPECT_EQ(ann->agent, "ann");
  ASSERT_TRUE(ann->expires.has_value());
  EXPECT_EQ(*ann->expires, absl::FromUnixSeconds(1798859045));

  EXPECT_EQ(c->FindToken(NewToken()), nullptr);
  const Credential* ops = c->FindCertificate("ops.example.org");
  ASSERT_NE(ops, nullptr);
  EXPECT_EQ(ops->tenant, "*");
  EXPECT_EQ(c->FindCertificate("other.example.org"), nullptr);

  // ToLine writes what Parse reads.
  for (const Credential& one : c->all()) {
    absl::StatusOr<Credentials> again = Credentials::Parse(one.ToLine(), "x");
    ASSERT_TRUE(again.ok()) << one.ToLine() << ": " << again.status();
    EXPECT_EQ(again->all()[0].ToLine(), one.ToLine());
  }
}

TEST(CredentialsTest, AnEmptyFileAdmitsNoOne) {
  absl::StatusOr<Credentials> c = Credentials::Parse("# nobody yet\n", "t");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->all().empty());
  EXPECT_EQ(c->FindToken(NewToken()), nullptr);
}

TEST(CredentialsTest, EveryBadLineIsNamed) {
  const std::string h = FormatDigest(HashToken(NewToken()));
  struct Row {
    std::string text;
    std::string error;
  };
  const Row rows[] = {
      {"crm role=router hash=" + h, "tokens:1: tenant= is missing"},
      {"crm tenant=acme hash=" + h, "tokens:1: role= is missing"},
      {"crm tenant=acme role=boss hash=" + h,
       "role=boss is not router, agent, supervisor or admin"},
      {"crm tenant=Acme! role=router hash=" + h, "tenant=: "},
      {"crm tenant=acme role=router", "exactly one of hash="},
      {"crm tenant=acme role=router cert-cn=x hash=" + h, "exactly one of"},
      {"crm tenant=acme role=router hash=blake2b:12", "hash=: hash has 2"},
      {"crm tenant=acme role=agent hash=" + h, "role=agent needs agent="},
      {"crm tenant=acme role=router agent=ann hash=" + h,
       "agent= is only for role=agent"},
      {"crm tenant=acme role=router expires=tomorrow hash=" + h,
       "expires=tomorrow is not an RFC 3339 time"},
      {"crm tenant=acme role=router colour=red hash=" + h,
       "unknown key colour="},
      {"crm tenant=acme tenant=b role=router hash=" + h, "tenant= given twice"},
      {"crm tenant=acme role=router hash", "'hash' is not key=value"},
      {"crm tenant= role=router hash=" + h, "tenant= has no value"},
      {"cr/m tenant=acme role=router hash=" + h, "outside A-Z a-z"},
      {"crm tenant=acme role=router cert-cn=a\x01"
       "b",
       "not printable ASCII"},
      {"# first\ncrm tenant=acme role=router hash=" + h +
           "\ncrm tenant=b role=router cert-cn=x",
       "tokens:3: name crm is used twice"},
      {"a tenant=acme role=router hash=" + h +
           "\nb tenant=b role=admin hash=" + h,
       "tokens:2: the same hash= is on two lines"},
      {"a tenant=acme role=router cert-cn=x\nb tenant=b role=admin cert-cn=x",
       "tokens:2: cert-cn=x is on two lines"},
  };
  for (const Row& row : rows) {
    absl::StatusOr<Credentials> c = Credentials::Parse(row.text, "tokens");
    ASSERT_FALSE(c.ok()) << row.text;
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(c.status().message(), HasSubstr(row.error)) << row.text;
    EXPECT_THAT(c.status().message(), HasSubstr("tokens:")) << row.text;
  }
}

TEST(CredentialsTest, LoadNamesAMissingFile) {
  absl::StatusOr<std::shared_ptr<const Credentials>> c =
      Credentials::Load("/nonexistent/tokens.txt");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(),
              HasSubstr("tokens file /nonexistent/tokens.txt: cannot be read"));
  const std::string path = absl::StrCat(::testing::TempDir(), "tokens_ok.txt");
  std::ofstream(path) << "a tenant=x role=supervisor cert-cn=x\n";
  c = Credentials::Load(path);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ((*c)->all().size(), 1u);
}

}  // namespace
}  // namespace switchboard::auth
