// Copyright 2026 The Switchboard Authors.
//
// The audit trail end to end: a server with tokens, a tenants directory
// and a journal; an admin creates a tenant, its agent registers, takes an
// offer and completes it, the admin deletes the tenant; after the server
// stops, `switchboard audit` prints each of those changes with the name of
// the credential that made it (the deleted tenant's journal included).

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "e2e/auth_testing.h"
#include "e2e/e2e_testing.h"
#include "e2e/server_process.h"
#include "e2e/test_certificates.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;

// The audit lines (time cut off) that hold `needle`.
std::vector<std::string> Matching(const std::string& text,
                                  absl::string_view needle) {
  std::vector<std::string> found;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StrContains(line, needle)) {
      found.emplace_back(line.substr(line.find('\t') + 1));
    }
  }
  return found;
}

TEST(AuditE2eTest, EveryChangeNamesTheCredentialThatMadeIt) {
  const std::string tenants = E2eTempPath("audit-tenants");
  const std::string journal = E2eTempPath("audit-journal");
  fs::remove_all(tenants);
  fs::remove_all(journal);
  fs::create_directories(tenants);
  const Issued admin = TokenNew("--tenant '*' --role admin --name ops-admin");
  const Issued crm = TokenNew("--tenant acme --role router --name acme-crm");
  const Issued ann =
      TokenNew("--tenant acme --role agent --agent ann --name desk-ann");
  const std::string tokens = E2eTempPath("audit-tokens.txt");
  WriteText(tokens,
            absl::StrCat(admin.line, "\n", crm.line, "\n", ann.line, "\n"));
  ServerProcessOptions options;
  options.tenants_dir = tenants;
  options.extra_args = {"--tokens", tokens, "--journal", journal};
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = (*server)->Channel();
  auto admin_stub = v1::Admin::NewStub(channel);

  // The admin adds tenant acme from its file in the tenants directory.
  WriteText((fs::path(tenants) / "acme.textproto").string(),
            SampleConfigWithoutTraining());
  fs::copy_file(SWITCHBOARD_E2E_MODEL, fs::path(tenants) / "acme.model");
  {
    grpc::ClientContext context;
    WithToken(&context, admin);
    SetDeadline(&context, absl::Seconds(60));
    v1::CreateTenantRequest r;
    r.set_tenant("acme");
    v1::TenantInfo out;
    ASSERT_THAT(admin_stub->CreateTenant(&context, r, &out), GrpcOk());
  }
  // Ann's day in acme.
  AgentDayWithTokens(channel, crm, ann, "acme", "audit-1");
  if (HasFatalFailure()) return;
  {
    grpc::ClientContext context;
    WithToken(&context, admin);
    v1::DeleteTenantRequest r;
    r.set_tenant("acme");
    v1::DeleteTenantResponse out;
    ASSERT_THAT(admin_stub->DeleteTenant(&context, r, &out), GrpcOk());
  }
  absl::StatusOr<int> code = (*server)->Stop();
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);

  const std::string out = E2eTempPath("audit.out");
  ASSERT_EQ(RunShell(absl::StrCat(SWITCHBOARD_SERVER_BINARY,
                                  " audit --journal ", journal),
                     out),
            0)
      << ReadWholeFile(out);
  const std::string trail = ReadWholeFile(out);
  EXPECT_THAT(
      Matching(trail, "\tadmin\t"),
      Contains(absl::StrCat("acme\tops-admin\tadmin\tdetail=created "
                            "the tenant from ",
                            (fs::path(tenants) / "acme.textproto").string())));
  EXPECT_THAT(Matching(trail, "\tregister_agent\t"),
              Contains("acme\tdesk-ann\tregister_agent\tagent=ann"));
  EXPECT_THAT(Matching(trail, "\taccept\t"),
              Contains("acme\tdesk-ann\taccept\tcontact=audit-1 agent=ann"));
  EXPECT_THAT(Matching(trail, "\tresolve\t"),
              Contains(HasSubstr("acme\tdesk-ann\tresolve\tcontact=audit-1")));
  EXPECT_THAT(Matching(trail, "deleted"),
              Contains("acme\tops-admin\tadmin\tdetail=deleted the tenant"));
  // The router's contact arrived, but its text is not in the trail.
  EXPECT_THAT(trail, ::testing::Not(HasSubstr("\tsubmit\t")));

  // One credential's changes.
  ASSERT_EQ(
      RunShell(absl::StrCat(SWITCHBOARD_SERVER_BINARY, " audit --journal ",
                            journal, " --principal ops-admin"),
               out),
      0);
  EXPECT_EQ(Matching(ReadWholeFile(out), "\t").size(), 2u)
      << ReadWholeFile(out);
  fs::remove_all(tenants);
  fs::remove_all(journal);
}

}  // namespace
}  // namespace switchboard::e2e
