// Copyright 2026 The Switchboard Authors.
//
// Durability per tenant, end to end: a server with --tenants-dir (three
// tenants) and --journal J journals tenant T to J/T. It is killed with
// SIGKILL in the middle of a load on all three (a RouteStream each, the
// same contact ids in every tenant on a different channel), restarted on
// the same directories, and every contact acknowledged before the kill is
// back in its own tenant, with its tenant's channel, and in no other.
// Counts are asserted, never times; every loop is bounded.

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "e2e/e2e_testing.h"
#include "e2e/server_process.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard::e2e {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxContacts = 20'000;  // Sent at most, per tenant.
constexpr int kKillAfter = 300;       // Acknowledgements per tenant.
constexpr absl::Duration kLoadBound = absl::Seconds(120);

struct TenantLoad {
  std::string name;
  v1::Channel channel;
  absl::Mutex mu;
  std::set<std::string> acked ABSL_GUARDED_BY(mu);
  int sent ABSL_GUARDED_BY(mu) = 0;
};

class TenantsCrashE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = E2eTempPath("tenants_crash");
    fs::remove_all(root_);
    fs::create_directories(tenants_dir());
    std::string config = ReadWholeFile(SampleFile("config.textproto"));
    config = absl::StrReplaceAll(
        config,
        {{"training { data: \"contacts_train.csv\" type_column: \"type\" }",
          ""}});
    for (const char* name : {"t1", "t2", "t3"}) {
      std::ofstream(fs::path(tenants_dir()) / absl::StrCat(name, ".textproto"))
          << config;
      fs::copy_file(SWITCHBOARD_E2E_MODEL,
                    fs::path(tenants_dir()) / absl::StrCat(name, ".model"));
    }
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string tenants_dir() const { return root_ + "/tenants"; }
  std::string journal_dir() const { return root_ + "/journal"; }

  std::unique_ptr<ServerProcess> StartServer() {
    ServerProcessOptions options;
    options.tenants_dir = tenants_dir();
    options.extra_args = {"--journal", journal_dir()};
    options.log_path = absl::StrCat(root_, "/server-", starts_++, ".log");
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(options);
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? *std::move(server) : nullptr;
  }

  std::string root_;
  int starts_ = 0;
};

TEST_F(TenantsCrashE2eTest, EveryAcknowledgedContactComesBackInItsOwnTenant) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  TenantLoad loads[3];
  loads[0].name = "t1";
  loads[0].channel = v1::CHANNEL_EMAIL;
  loads[1].name = "t2";
  loads[1].channel = v1::CHANNEL_CHAT;
  loads[2].name = "t3";
  loads[2].channel = v1::CHANNEL_LETTER;

  std::atomic<bool> killed{false};
  auto channel = server->Channel();
  auto routing = v1::Routing::NewStub(channel);
  std::vector<std::thread> readers;
  for (TenantLoad& load : loads) {
    readers.emplace_back([&, l = &load] {
      grpc::ClientContext context;
      SetDeadline(&context, kLoadBound);
      context.AddMetadata("x-switchboard-tenant", l->name);
      auto stream = routing->RouteStream(&context);
      std::thread writer([&] {
        for (int i = 0; i < kMaxContacts && !killed.load(); ++i) {
          v1::RouteRequest request;
          // Most ids are in every tenant; every fifth is this tenant's
          // alone.
          *request.mutable_contact() = SampleContact(
              l->channel, i % 5 == 0 ? absl::StrCat(l->name, "-only-", i)
                                     : absl::StrCat("c-", i));
          if (!stream->Write(request)) break;
          absl::MutexLock lock(&l->mu);
          ++l->sent;
        }
        stream->WritesDone();
      });
      v1::RouteStreamResponse answer;
      for (int i = 0; i < kMaxContacts && stream->Read(&answer); ++i) {
        if (!answer.has_decision()) continue;
        absl::MutexLock lock(&l->mu);
        l->acked.insert(answer.contact_id());
      }
      writer.join();
      stream->Finish();  // UNAVAILABLE once the server is gone.
    });
  }
  // Kill once every tenant has had kKillAfter answers (bounded: at most
  // kLoadBound of polling, then the kill comes anyway).
  const absl::Time end = absl::Now() + kLoadBound;
  while (absl::Now() < end) {
    bool all = true;
    for (TenantLoad& load : loads) {
      absl::MutexLock lock(&load.mu);
      all = all && static_cast<int>(load.acked.size()) >= kKillAfter;
    }
    if (all) break;
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_TRUE(server->Stop(absl::Seconds(10), SIGKILL).ok());
  killed = true;
  for (std::thread& t : readers) t.join();
  server.reset();

  // Each tenant's own journal directory and customer key.
  for (TenantLoad& load : loads) {
    EXPECT_TRUE(fs::exists(fs::path(journal_dir()) / load.name / "customer.key"))
        << load.name;
    absl::MutexLock lock(&load.mu);
    EXPECT_GE(static_cast<int>(load.acked.size()), kKillAfter) << load.name;
    std::cout << load.name << ": " << load.acked.size()
              << " acknowledged of " << load.sent << " sent before the kill"
              << std::endl;
  }

  server = StartServer();
  ASSERT_NE(server, nullptr);
  routing = v1::Routing::NewStub(server->Channel());
  auto contact_in = [&](const std::string& tenant, const std::string& id,
                        v1::ContactStatus* status) {
    grpc::ClientContext context;
    SetDeadline(&context);
    context.AddMetadata("x-switchboard-tenant", tenant);
    v1::GetContactRequest request;
    request.set_contact_id(id);
    return routing->GetContact(&context, request, status);
  };
  for (TenantLoad& load : loads) {
    absl::MutexLock lock(&load.mu);
    int missing = 0, wrong_channel = 0;
    for (const std::string& id : load.acked) {
      v1::ContactStatus status;
      if (!contact_in(load.name, id, &status).ok()) {
        ++missing;
      } else if (status.channel() != load.channel) {
        ++wrong_channel;
      }
    }
    EXPECT_EQ(missing, 0) << load.name;
    EXPECT_EQ(wrong_channel, 0) << load.name;
    // In no other tenant: its own ids are unknown there, and a shared id
    // found there is the other tenant's contact (its channel), not this
    // one's.
    for (TenantLoad& other : loads) {
      if (&other == &load) continue;
      int own_checked = 0, leaked = 0, mixed = 0;
      for (const std::string& id : load.acked) {
        v1::ContactStatus status;
        const grpc::Status s = contact_in(other.name, id, &status);
        if (absl::StartsWith(id, load.name)) {
          ++own_checked;
          if (s.error_code() != grpc::StatusCode::NOT_FOUND) ++leaked;
        } else if (s.ok() && status.channel() != other.channel) {
          ++mixed;
        }
      }
      EXPECT_GT(own_checked, 0) << load.name;
      EXPECT_EQ(leaked, 0) << load.name << " -> " << other.name;
      EXPECT_EQ(mixed, 0) << load.name << " -> " << other.name;
    }
  }
  auto admin = v1::Admin::NewStub(server->Channel());
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListTenantsResponse list;
    ASSERT_THAT(admin->ListTenants(&context, v1::ListTenantsRequest(), &list),
                GrpcOk());
    ASSERT_EQ(list.tenants_size(), 3);
    for (const v1::TenantInfo& t : list.tenants()) {
      EXPECT_GT(t.journal().replayed_records(), 0u) << t.tenant();
      EXPECT_EQ(t.journal().replay_errors(), 0u) << t.tenant();
      EXPECT_EQ(t.journal().dir(),
                (fs::path(journal_dir()) / t.tenant()).string());
    }
  }
  EXPECT_TRUE(server->Stop().ok());
}

}  // namespace
}  // namespace switchboard::e2e
