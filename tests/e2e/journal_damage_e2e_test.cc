// Copyright 2026 The Switchboard Authors.
//
// Bad journals, end to end: a torn tail (what a crash leaves) is cut and
// reported and the server serves; damage before the last segment stops the
// start with a message naming the file, unless --journal-repair is given.

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "e2e/e2e_testing.h"
#include "e2e/server_process.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;

class JournalDamageE2eTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::remove_all(journal_); }

  absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      std::vector<std::string> extra = {}) {
    ServerProcessOptions options;
    options.extra_args = {"--journal", journal_};
    for (std::string& e : extra) options.extra_args.push_back(std::move(e));
    options.log_path = log_ = E2eTempPath(absl::StrCat("server-", runs_++));
    return ServerProcess::Start(options);
  }

  // Starts a server, routes `n` contacts, stops it cleanly.
  void RunOnce(int n, const std::string& prefix) {
    absl::StatusOr<std::unique_ptr<ServerProcess>> server = Start();
    ASSERT_TRUE(server.ok()) << server.status();
    auto routing = v1::Routing::NewStub((*server)->Channel());
    for (int i = 0; i < n; ++i) {
      v1::RouteResponse response;
      ASSERT_THAT(Route(routing.get(),
                        SampleContact(v1::CHANNEL_EMAIL,
                                      absl::StrCat(prefix, i)),
                        &response),
                  GrpcOk());
    }
    ASSERT_TRUE((*server)->Stop().ok());
  }

  std::string Segment(int n) {
    return absl::StrCat(journal_, "/journal-", std::string(10 - 1, '0'), n,
                        ".log");
  }

  int Present(v1::Routing::Stub* routing, const std::string& prefix, int n) {
    int present = 0;
    for (int i = 0; i < n; ++i) {
      grpc::ClientContext context;
      SetDeadline(&context);
      v1::GetContactRequest request;
      request.set_contact_id(absl::StrCat(prefix, i));
      v1::ContactStatus status;
      if (routing->GetContact(&context, request, &status).ok()) ++present;
    }
    return present;
  }

  std::string journal_ = E2eTempPath("journal");
  std::string log_;
  int runs_ = 0;
};

TEST_F(JournalDamageE2eTest, ATornTailIsCutReportedAndTheServerServes) {
  RunOnce(20, "t-");
  // A crash in the middle of writing the last record.
  const std::string seg = Segment(1);
  fs::resize_file(seg, fs::file_size(seg) - 7);

  absl::StatusOr<std::unique_ptr<ServerProcess>> server = Start();
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = (*server)->Channel();
  auto routing = v1::Routing::NewStub(channel);
  auto admin = v1::Admin::NewStub(channel);
  v1::Info info;
  ASSERT_THAT(GetInfo(admin.get(), &info), GrpcOk());
  ASSERT_EQ(info.journal().problems_size(), 1);
  EXPECT_THAT(info.journal().problems(0),
              AllOf(HasSubstr("journal-0000000001.log"),
                    HasSubstr("torn record"), HasSubstr("cut")));
  EXPECT_GT(info.journal().cut_bytes(), 0u);
  EXPECT_THAT(ReadWholeFile(log_), HasSubstr("torn record"));
  // The last contact's record was the torn one: never replayed.
  EXPECT_EQ(Present(routing.get(), "t-", 20), 19);
  // And it serves.
  v1::RouteResponse response;
  EXPECT_THAT(Route(routing.get(), SampleContact(v1::CHANNEL_CHAT, "after"),
                    &response),
              GrpcOk());
}

TEST_F(JournalDamageE2eTest, DamageBeforeTheLastSegmentNeedsRepair) {
  RunOnce(10, "a-");
  RunOnce(10, "b-");
  // A flipped byte in the middle of the first segment.
  {
    std::fstream f(Segment(1), std::ios::in | std::ios::out | std::ios::binary);
    const auto size = fs::file_size(Segment(1));
    f.seekg(static_cast<std::streamoff>(size / 2));
    char c;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x40);
    f.seekp(static_cast<std::streamoff>(size / 2));
    f.write(&c, 1);
  }
  absl::StatusOr<std::unique_ptr<ServerProcess>> refused = Start();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(ReadWholeFile(log_),
              AllOf(HasSubstr("journal-0000000001.log"),
                    HasSubstr("later segment(s) were not replayed"),
                    HasSubstr("--journal-repair")));

  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      Start({"--journal-repair"});
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = (*server)->Channel();
  auto routing = v1::Routing::NewStub(channel);
  const int a = Present(routing.get(), "a-", 10);
  EXPECT_GT(a, 0);
  EXPECT_LT(a, 10);
  EXPECT_EQ(Present(routing.get(), "b-", 10), 0);  // Set aside.
  EXPECT_TRUE(fs::exists(Segment(2) + ".corrupt"));
}

}  // namespace
}  // namespace switchboard::e2e
