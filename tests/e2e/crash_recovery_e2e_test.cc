// Copyright 2026 The Switchboard Authors.
//
// Durability, end to end: the real server with --journal is killed with
// SIGKILL in the middle of a load of contacts (RouteStream) and events
// (ReportEvent abandon, agent registration), restarted on the same journal,
// and every contact and event acknowledged before the kill must be there,
// exactly once. The kill comes at a different moment in each run (after a
// different number of acknowledgements); each run is bounded in time and
// count.

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "e2e/e2e_testing.h"
#include "e2e/server_process.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard::e2e {
namespace {

using ::testing::HasSubstr;

constexpr int kMaxContacts = 30'000;  // Sent at most, per run.
// The bound on each run's load (its calls' deadlines, the abandoning loop):
// a bound, not a speed test.
constexpr absl::Duration kLoadBound = absl::Seconds(120);

struct Acked {
  std::string department, queue;
};

// What the client heard back before the kill.
struct Heard {
  absl::Mutex mu;
  std::map<std::string, Acked> contacts ABSL_GUARDED_BY(mu);
  std::vector<std::string> abandoned ABSL_GUARDED_BY(mu);
  std::deque<std::string> to_abandon ABSL_GUARDED_BY(mu);
  int sent ABSL_GUARDED_BY(mu) = 0;
};

class CrashRecoveryE2eTest : public ::testing::TestWithParam<int> {
 protected:
  std::unique_ptr<ServerProcess> StartServer() {
    ServerProcessOptions options;
    options.extra_args = {"--journal", journal_dir_};
    options.log_path = Path(absl::StrCat("server-", starts_++, ".log"));
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(options);
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? *std::move(server) : nullptr;
  }

  // A path of this run's own (the parameterized test's name has a '/').
  std::string Path(absl::string_view name) const {
    return absl::StrCat(::testing::TempDir(), "switchboard_crash_", getpid(),
                        "_", GetParam(), "_", name);
  }

  std::string journal_dir_ = Path("journal");
  int starts_ = 0;
};

TEST_P(CrashRecoveryE2eTest, EverythingAcknowledgedBeforeAKillSurvivesIt) {
  const int kill_after = GetParam();
  std::filesystem::remove_all(journal_dir_);
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  auto channel = server->Channel();
  auto routing = v1::Routing::NewStub(channel);
  auto agents = v1::Agents::NewStub(channel);

  // An agent registered over the API (not in the configuration).
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::RegisterAgentRequest request;
    request.mutable_agent()->set_id("night-shift");
    request.mutable_agent()->set_name("Night shift");
    request.mutable_agent()->set_presence(v1::AWAY);
    v1::RegisterAgentResponse response;
    ASSERT_THAT(agents->RegisterAgent(&context, request, &response), GrpcOk());
  }

  Heard heard;
  std::atomic<bool> killed{false};
  const std::string run = absl::StrCat("k", kill_after, "-");

  // Events: every third acknowledged contact is abandoned, on its own
  // connection, while the stream goes on.
  std::thread events([&] {
    auto stub = v1::Routing::NewStub(server->Channel());
    const absl::Time end = absl::Now() + kLoadBound;
    while (!killed.load() && absl::Now() < end) {
      std::string id;
      {
        absl::MutexLock lock(&heard.mu);
        if (!heard.to_abandon.empty()) {
          id = heard.to_abandon.front();
          heard.to_abandon.pop_front();
        }
      }
      if (id.empty()) {
        absl::SleepFor(absl::Milliseconds(1));
        continue;
      }
      grpc::ClientContext context;
      SetDeadline(&context, kLoadBound);
      v1::ReportEventRequest request;
      request.set_contact_id(id);
      request.mutable_abandon();
      v1::ReportEventResponse response;
      if (stub->ReportEvent(&context, request, &response).ok()) {
        absl::MutexLock lock(&heard.mu);
        heard.abandoned.push_back(id);
      }
    }
  });

  // Contacts on one stream; the reader kills the server once `kill_after`
  // answers have come back and at least one abandonment was acknowledged
  // (it reads on until then, so that the kill always falls on a load of
  // both kinds, however slow the machine). The deadlines bound the run; they
  // are far beyond what even ASan on a busy machine needs, so the kill, not a
  // deadline, ends it.
  int answers = 0;
  bool killed_by_reader = false;
  {
    grpc::ClientContext context;
    SetDeadline(&context, kLoadBound);
    auto stream = routing->RouteStream(&context);
    std::thread writer([&] {
      for (int i = 0; i < kMaxContacts && !killed.load(); ++i) {
        v1::RouteRequest request;
        *request.mutable_contact() = SampleContact(
            kEveryChannel[i % 7], absl::StrCat(run, i));
        if (!stream->Write(request)) break;
        absl::MutexLock lock(&heard.mu);
        ++heard.sent;
      }
      stream->WritesDone();
    });
    v1::RouteStreamResponse answer;
    while (stream->Read(&answer)) {
      if (answer.has_decision()) {
        absl::MutexLock lock(&heard.mu);
        heard.contacts[answer.contact_id()] = {answer.decision().department(),
                                               answer.decision().queue()};
        if (answer.sequence() % 3 == 0) {
          heard.to_abandon.push_back(answer.contact_id());
        }
      }
      ++answers;
      bool kill_now = false;
      if (answers >= kill_after) {
        absl::MutexLock lock(&heard.mu);
        kill_now = !heard.abandoned.empty();
      }
      if (kill_now) {
        ASSERT_TRUE(server->Stop(absl::Seconds(10), SIGKILL).ok());
        killed = true;
        killed_by_reader = true;
        break;
      }
    }
    if (!killed.load()) {  // Fewer answers than kill_after: kill now.
      ASSERT_TRUE(server->Stop(absl::Seconds(10), SIGKILL).ok());
      killed = true;
    }
    // What the stream still holds was sent before the kill: read it too
    // (each answer read is an acknowledgement to account for).
    for (int i = 0; i < kMaxContacts && stream->Read(&answer); ++i) {
      if (answer.has_decision()) {
        absl::MutexLock lock(&heard.mu);
        heard.contacts[answer.contact_id()] = {answer.decision().department(),
                                               answer.decision().queue()};
      }
    }
    writer.join();
    stream->Finish();  // UNAVAILABLE: the server is gone.
  }
  events.join();

  absl::MutexLock lock(&heard.mu);
  // The load got going: the kill came after `kill_after` answers, each a
  // decision, and after at least one acknowledged abandonment.
  ASSERT_TRUE(killed_by_reader) << "the stream ended after " << answers
                                << " answers, before " << kill_after;
  ASSERT_GE(static_cast<int>(heard.contacts.size()), kill_after);
  ASSERT_FALSE(heard.abandoned.empty()) << "no abandonment before the kill";
  SCOPED_TRACE(absl::StrCat("sent ", heard.sent, ", acknowledged ",
                            heard.contacts.size(), ", abandoned ",
                            heard.abandoned.size()));

  // Restart on the same journal.
  server = StartServer();
  ASSERT_NE(server, nullptr);
  channel = server->Channel();
  routing = v1::Routing::NewStub(channel);
  agents = v1::Agents::NewStub(channel);
  auto admin = v1::Admin::NewStub(channel);
  v1::Info info;
  ASSERT_THAT(GetInfo(admin.get(), &info), GrpcOk());
  ASSERT_TRUE(info.has_journal());
  EXPECT_EQ(info.journal().replay_errors(), 0u);
  EXPECT_GE(info.journal().replayed_records(),
            heard.contacts.size() + heard.abandoned.size() + 1);

  // Every contact sent is there at most once; every acknowledged one is.
  int present = 0, abandoned_present = 0;
  for (int i = 0; i < heard.sent; ++i) {
    const std::string id = absl::StrCat(run, i);
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::GetContactRequest request;
    request.set_contact_id(id);
    v1::ContactStatus status;
    grpc::Status s = routing->GetContact(&context, request, &status);
    auto acked = heard.contacts.find(id);
    if (!s.ok()) {
      ASSERT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << id;
      EXPECT_EQ(acked, heard.contacts.end())
          << "acknowledged contact " << id << " was lost";
      continue;
    }
    ++present;
    if (status.state() == v1::CONTACT_STATE_ABANDONED) ++abandoned_present;
    if (acked != heard.contacts.end()) {
      EXPECT_EQ(status.queue(), acked->second.queue) << id;
      EXPECT_EQ(status.department(), acked->second.department) << id;
    }
  }
  for (const std::string& id : heard.abandoned) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::GetContactRequest request;
    request.set_contact_id(id);
    v1::ContactStatus status;
    ASSERT_THAT(routing->GetContact(&context, request, &status), GrpcOk());
    EXPECT_EQ(status.state(), v1::CONTACT_STATE_ABANDONED)
        << "acknowledged abandonment of " << id << " was lost";
  }
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing.get(), &stats), GrpcOk());
  // Exactly once: the engine counted each present contact once.
  EXPECT_EQ(stats.total().counters().received(), static_cast<uint64_t>(present));
  EXPECT_EQ(stats.total().counters().abandoned(),
            static_cast<uint64_t>(abandoned_present));
  EXPECT_GE(abandoned_present, static_cast<int>(heard.abandoned.size()));
  std::cout << "[ crash    ] killed after " << kill_after << " answers: sent "
            << heard.sent << ", acknowledged " << heard.contacts.size()
            << ", present after restart " << present << ", abandonments "
            << "acknowledged " << heard.abandoned.size() << " / present "
            << abandoned_present << "; replayed "
            << info.journal().replayed_records() << " records"
            << (info.journal().problems().empty()
                    ? ""
                    : absl::StrCat("; ", info.journal().problems(0)))
            << std::endl;

  // The agent is still registered.
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::SetPresenceRequest request;
    request.set_agent_id("night-shift");
    request.set_presence(v1::AWAY);
    v1::SetPresenceResponse response;
    EXPECT_THAT(agents->SetPresence(&context, request, &response), GrpcOk());
  }

  // A client that never heard its answers resubmits: the same decision,
  // no second contact.
  int resubmitted = 0;
  for (const auto& [id, acked] : heard.contacts) {
    if (++resubmitted > 200) break;
    const int i = std::stoi(id.substr(run.size()));
    v1::RouteResponse response;
    ASSERT_THAT(Route(routing.get(), SampleContact(kEveryChannel[i % 7], id),
                      &response),
                GrpcOk());
    EXPECT_EQ(response.decision().queue(), acked.queue) << id;
  }
  ASSERT_THAT(GetStats(routing.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(), static_cast<uint64_t>(present));
  absl::StatusOr<int> exit_code = server->Stop();
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_EQ(*exit_code, 0);
}

// The kill after 1, 400, 3,000 and 12,000 acknowledged contacts.
INSTANTIATE_TEST_SUITE_P(KillMoments, CrashRecoveryE2eTest,
                         ::testing::Values(1, 400, 3000, 12000));

}  // namespace
}  // namespace switchboard::e2e
