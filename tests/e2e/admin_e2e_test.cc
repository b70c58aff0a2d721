// Copyright 2026 The Switchboard Authors.
//
// End-to-end: Admin.Reload while contacts stream in, refused reloads, the
// files a reload may name, SIGHUP, and Admin.GetInfo.

#include <signal.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class AdminE2eTest : public ServerTest {
 protected:
  // Reloads name files in the temp dir and the e2e model.
  void SetUp() override {
    ServerProcessOptions options;
    options.extra_args = AdminFileDirArgs();
    StartServer(options);
  }

  grpc::Status Reload(const std::string& config, v1::ReloadResponse* response,
                      const std::string& model = "") {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(30));
    v1::ReloadRequest request;
    request.set_config_path(config);
    request.set_model_path(model);
    return admin_->Reload(&context, request, response);
  }
};

TEST_F(AdminE2eTest, GetInfoDescribesWhatIsLoaded) {
  v1::Info info;
  ASSERT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
  EXPECT_EQ(info.generation(), 1u);
  EXPECT_THAT(info.version(),
              ::testing::MatchesRegex("[0-9]+\\.[0-9]+\\.[0-9]+"));
  EXPECT_EQ(info.config_path(), SampleFile("config.textproto"));
  EXPECT_EQ(info.model_source(), SWITCHBOARD_E2E_MODEL);
  EXPECT_THAT(info.model_labels(), Contains("taxes"));
  EXPECT_EQ(info.departments(), 9);
  EXPECT_EQ(info.queues(), 25);
  EXPECT_EQ(info.rules(), 3);
  EXPECT_EQ(info.agents(), 10);
  EXPECT_GT(info.started_at().seconds(), 0);
  EXPECT_GE(info.loaded_at().seconds(), info.started_at().seconds() - 1);
}

TEST_F(AdminE2eTest, ReloadMidStreamLosesAndDuplicatesNothing) {
  // The second configuration: a queue renamed (its contacts move to the
  // renamed one) and a department added.
  const std::string second = WriteSampleConfigVariant(
      "second.textproto",
      {{"queues { id: \"general-written\"", "queues { id: \"general-post\""},
       {"departments { id: \"triage\"",
        "departments { id: \"culture\" name: \"Cultuur\" }\n"
        "queues { id: \"culture-all\" department: \"culture\" }\n"
        "departments { id: \"triage\""}});
  constexpr int kContacts = 4000;
  grpc::ClientContext context;
  SetDeadline(&context, absl::Seconds(120));
  auto stream = routing_->RouteStream(&context);
  absl::Notification reload_started, reload_done;
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; i < kContacts; ++i) {
      // Half before the reload, a quarter racing with it, and the last
      // quarter once it returned: the stream spans the reload however fast
      // or slow this machine is.
      if (i == kContacts / 2) {
        reload_started.WaitForNotificationWithTimeout(absl::Seconds(60));
      }
      if (i == 3 * kContacts / 4) {
        reload_done.WaitForNotificationWithTimeout(absl::Seconds(60));
      }
      v1::RouteRequest request;
      *request.mutable_contact() =
          SampleContact(kEveryChannel[i % 7], absl::StrCat("reload-", i));
      if (!stream->Write(request)) break;
      written.fetch_add(1);
    }
    stream->WritesDone();
  });
  std::atomic<int> answers{0};
  std::atomic<int> bad{0};
  absl::Notification some_answered;
  std::thread reader([&] {
    v1::RouteStreamResponse response;
    while (answers.load() <= kContacts && stream->Read(&response)) {
      const int n = answers.load();
      if (response.sequence() != static_cast<uint64_t>(n) ||
          response.contact_id() != absl::StrCat("reload-", n) ||
          !response.has_decision()) {
        bad.fetch_add(1);
      }
      if (answers.fetch_add(1) + 1 == kContacts / 4) some_answered.Notify();
    }
  });
  // EXPECT, not ASSERT: the threads must be joined whatever happens.
  EXPECT_TRUE(some_answered.WaitForNotificationWithTimeout(absl::Seconds(60)));
  reload_started.Notify();
  v1::ReloadResponse reloaded;
  const grpc::Status reload_status = Reload(second, &reloaded);
  const int answered_at_reload = answers.load();
  reload_done.Notify();
  writer.join();
  reader.join();
  EXPECT_THAT(stream->Finish(), GrpcOk());
  ASSERT_THAT(reload_status, GrpcOk());
  EXPECT_LT(answered_at_reload, kContacts) << "the reload was not mid-stream";
  EXPECT_EQ(reloaded.info().generation(), 2u);
  EXPECT_EQ(reloaded.info().config_path(), second);
  EXPECT_EQ(reloaded.info().departments(), 10);
  EXPECT_EQ(reloaded.info().queues(), 26);

  EXPECT_EQ(written.load(), kContacts);
  EXPECT_EQ(answers.load(), kContacts);
  EXPECT_EQ(bad.load(), 0);
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(),
            static_cast<uint64_t>(kContacts));
  // Nobody waits in the queue that is gone; the renamed one exists.
  bool renamed = false;
  uint64_t waiting = 0;
  for (const v1::QueueStats& q : stats.queues()) {
    EXPECT_NE(q.queue(), "general-written");
    if (q.queue() == "general-post") renamed = true;
    waiting += q.waiting();
  }
  EXPECT_TRUE(renamed);
  // Every contact is waiting, offered or with an agent: none lost.
  EXPECT_EQ(waiting + stats.total().counters().offered() -
                stats.total().counters().offer_rejected() -
                stats.total().counters().offer_timed_out(),
            static_cast<uint64_t>(kContacts))
      << stats.total().counters().DebugString();

  v1::Info info;
  ASSERT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
  EXPECT_EQ(info.generation(), 2u);
}

TEST_F(AdminE2eTest, ABadReloadIsRefusedAndTheRunningConfigurationStays) {
  const std::string broken = WriteSampleConfigVariant(
      "broken.textproto", {{"department: \"taxes\"", "department: \"taxs\""}});
  v1::ReloadResponse response;
  EXPECT_THAT(
      Reload(broken, &response),
      GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("taxs")));
  EXPECT_THAT(Reload(E2eTempPath("missing.textproto"), &response),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND,
                           HasSubstr("missing.textproto")));
  EXPECT_THAT(
      Reload("", &response, E2eTempPath("missing.model")),
      GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("missing.model")));
  v1::Info info;
  ASSERT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
  EXPECT_EQ(info.generation(), 1u);
  EXPECT_EQ(info.config_path(), SampleFile("config.textproto"));
  v1::RouteResponse routed;
  EXPECT_THAT(
      Route(routing_.get(), SampleContact(v1::CHANNEL_EMAIL, "after"), &routed),
      GrpcOk());
}

TEST_F(AdminE2eTest, ReloadWithNoPathsReloadsTheStartupFiles) {
  v1::ReloadResponse response;
  ASSERT_THAT(Reload("", &response, SWITCHBOARD_E2E_MODEL), GrpcOk());
  EXPECT_EQ(response.info().generation(), 2u);
  EXPECT_EQ(response.info().config_path(), SampleFile("config.textproto"));
  EXPECT_EQ(response.info().model_source(), SWITCHBOARD_E2E_MODEL);
}

TEST_F(AdminE2eTest, SighupReloadsTheStartupConfiguration) {
  server_->Signal(SIGHUP);
  // Bounded wait for the reload (the signal is handled asynchronously).
  v1::Info info;
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (absl::Now() < give_up) {
    ASSERT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
    if (info.generation() >= 2) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(info.generation(), 2u);
  ExpectServing();
}

// The paths a Reload may name (services/server/admin_files.h), over the
// real call: each refused with the code and a message naming it, and the
// running configuration stays.
TEST_F(AdminE2eTest, ReloadReadsOnlyFilesInsideTheConfigurationDirectories) {
  const std::string link = E2eTempPath("link-out.textproto");
  std::filesystem::remove(link);
  std::filesystem::create_symlink("/etc/hostname", link);
  const std::string link_name = link.substr(link.rfind('/') + 1);
  struct Row {
    std::string config, model;
    grpc::StatusCode code;
    std::string message;
  };
  const Row rows[] = {
      {"../etc/passwd", "", grpc::StatusCode::INVALID_ARGUMENT,
       "config_path: ../etc/passwd: a path with \"..\" is refused"},
      {"/etc/passwd", "", grpc::StatusCode::PERMISSION_DENIED,
       "config_path: /etc/passwd is outside the configuration directories"},
      {link_name, "", grpc::StatusCode::PERMISSION_DENIED,
       "leads outside the configuration directories"},
      {"no-such-config.textproto", "", grpc::StatusCode::NOT_FOUND,
       "config_path: no-such-config.textproto does not exist"},
      {"", "/etc/passwd", grpc::StatusCode::PERMISSION_DENIED,
       "model_path: /etc/passwd is outside"},
  };
  for (const Row& row : rows) {
    v1::ReloadResponse response;
    EXPECT_THAT(Reload(row.config, &response, row.model),
                GrpcStatusIs(row.code, HasSubstr(row.message)))
        << row.config << " " << row.model;
  }
  std::filesystem::remove(link);
  v1::Info info;
  ASSERT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
  EXPECT_EQ(info.generation(), 1u);  // Nothing was reloaded.
  ExpectServing();
}

// Without --config-dir, only the configuration file's own directory.
class AdminDefaultDirsE2eTest : public ServerTest {};

TEST_F(AdminDefaultDirsE2eTest, ReloadReadsOnlyTheConfigurationFilesDirectory) {
  const std::string elsewhere = WriteSampleConfigVariant("elsewhere.textproto", {});
  grpc::ClientContext context;
  SetDeadline(&context, absl::Seconds(30));
  v1::ReloadRequest request;
  request.set_config_path(elsewhere);
  v1::ReloadResponse response;
  EXPECT_THAT(admin_->Reload(&context, request, &response),
              GrpcStatusIs(grpc::StatusCode::PERMISSION_DENIED,
                           HasSubstr(absl::StrCat(
                               "is outside the configuration directories (",
                               SWITCHBOARD_SAMPLE_DIR))));
  ExpectServing();
}

}  // namespace
}  // namespace switchboard::e2e
