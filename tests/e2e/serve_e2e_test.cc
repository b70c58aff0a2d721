// Copyright 2026 The Switchboard Authors.
//
// End-to-end: the `switchboard serve` command itself. What it prints, the
// start-up failures (exit 1 with a message that says why), SIGINT.

#include <signal.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "e2e/e2e_testing.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace switchboard::e2e {
namespace {

using ::testing::HasSubstr;

// Starts a server that is expected to fail; returns what it printed.
std::string StartFailing(ServerProcessOptions options) {
  options.log_path = E2eTempPath("serve.log");
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(options);
  EXPECT_THAT(server.status().message(), HasSubstr("exited with 1"));
  return ReadWholeFile(options.log_path);
}

TEST(ServeE2eTest, PrintsWhereItServesAndStopsOnSigint) {
  ServerProcessOptions options;
  options.log_path = E2eTempPath("serve.log");
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<int> exit_code = (*server)->Stop(absl::Seconds(30), SIGINT);
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_EQ(*exit_code, 0);
  const std::string log = ReadWholeFile(options.log_path);
  EXPECT_THAT(log, HasSubstr(absl::StrCat(
                       "switchboard: serving on ", (*server)->address(),
                       " (config ", SampleFile("config.textproto"), ", model ",
                       SWITCHBOARD_E2E_MODEL, ")")));
  EXPECT_THAT(log, HasSubstr("SIGINT, shutting down"));
  EXPECT_THAT(log, HasSubstr("switchboard: stopped"));
}

// Signals that arrive while the server shuts down (a second SIGTERM, a
// SIGHUP) do not kill it at the end: it still exits 0.
TEST(ServeE2eTest, SignalsDuringTheShutdownDoNotKillIt) {
  ServerProcessOptions options;
  options.log_path = E2eTempPath("serve.log");
  options.extra_args = {"--shutdown-grace-ms", "1500"};
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  // A health Watch keeps the shutdown going until the grace period ends.
  auto health = grpc::health::v1::Health::NewStub((*server)->Channel());
  grpc::ClientContext watch_context;
  SetDeadline(&watch_context, absl::Seconds(30));
  auto watch = health->Watch(&watch_context, {});
  grpc::health::v1::HealthCheckResponse update;
  ASSERT_TRUE(watch->Read(&update));

  (*server)->Signal(SIGTERM);
  bool shutting_down = false;
  for (const absl::Time give_up = absl::Now() + absl::Seconds(10);
       !shutting_down && absl::Now() < give_up;
       absl::SleepFor(absl::Milliseconds(10))) {
    shutting_down = absl::StrContains(ReadWholeFile(options.log_path),
                                      "SIGTERM, shutting down");
  }
  ASSERT_TRUE(shutting_down);
  (*server)->Signal(SIGHUP);
  (*server)->Signal(SIGTERM);
  // Signal 0: only wait.
  absl::StatusOr<int> exit_code = (*server)->Stop(absl::Seconds(30), 0);
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_EQ(*exit_code, 0);
  EXPECT_THAT(ReadWholeFile(options.log_path),
              HasSubstr("switchboard: stopped"));
  watch_context.TryCancel();
  for (int i = 0; i < 10 && watch->Read(&update); ++i) {
  }
  watch->Finish();
}

TEST(ServeE2eTest, ABusyPortIsAnError) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> first =
      ServerProcess::Start({});
  ASSERT_TRUE(first.ok()) << first.status();
  ServerProcessOptions second;
  second.extra_args = {"--listen", (*first)->address()};
  EXPECT_THAT(
      StartFailing(second),
      HasSubstr(absl::StrCat("cannot listen on ", (*first)->address())));
  // The first one is unharmed.
  auto admin = v1::Admin::NewStub((*first)->Channel());
  v1::Info info;
  EXPECT_THAT(GetInfo(admin.get(), &info), GrpcOk());
}

TEST(ServeE2eTest, ABadConfigurationIsAnError) {
  ServerProcessOptions options;
  options.config = WriteSampleConfigVariant(
      "bad.textproto", {{"department: \"taxes\"", "department: \"taxs\""}});
  EXPECT_THAT(StartFailing(options), HasSubstr("taxs"));
}

TEST(ServeE2eTest, NoModelAndNoTrainingDataIsAnError) {
  ServerProcessOptions options;
  // The variant has no `training` section.
  options.config = WriteSampleConfigVariant("no-training.textproto", {});
  options.train_at_startup = true;
  EXPECT_THAT(StartFailing(options),
              HasSubstr("no model: give --model FILE, or name training data"));
}

TEST(ServeE2eTest, AMissingModelIsAnError) {
  ServerProcessOptions options;
  options.model = E2eTempPath("missing.model");
  EXPECT_THAT(StartFailing(options), HasSubstr("missing.model"));
}

// --finished-retention: an abandoned contact stays known (a satisfaction
// score for it is taken) for that long, then its record is recycled
// (NOT_FOUND); a waiting contact is never recycled.
TEST(ServeE2eTest, FinishedContactsAreForgottenAfterTheRetention) {
  ServerProcessOptions options;
  options.extra_args = {"--finished-retention", "1s"};
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto routing = v1::Routing::NewStub((*server)->Channel());
  auto report = [&](const std::string& id,
                    void (*set)(v1::ReportEventRequest*)) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ReportEventRequest request;
    request.set_contact_id(id);
    set(&request);
    v1::ReportEventResponse response;
    return routing->ReportEvent(&context, request, &response);
  };
  auto abandon = [](v1::ReportEventRequest* r) { r->mutable_abandon(); };
  auto satisfied = [](v1::ReportEventRequest* r) {
    r->mutable_satisfaction()->set_score(8);
  };
  v1::RouteResponse routed;
  ASSERT_THAT(
      Route(routing.get(), SampleContact(v1::CHANNEL_EMAIL, "gone"), &routed),
      GrpcOk());
  ASSERT_THAT(
      Route(routing.get(), SampleContact(v1::CHANNEL_CHAT, "waits"), &routed),
      GrpcOk());
  // Not timed: how fast the calls go does not matter. The record may be
  // recycled only once the retention has passed since the abandonment, so
  // the first NOT_FOUND answer must come back at least 1 s after the
  // abandonment was sent (on the same clock); until then a satisfaction
  // score is taken. It must be forgotten in the end (bounded wait).
  const absl::Time abandon_sent = absl::Now();
  ASSERT_THAT(report("gone", abandon), GrpcOk());
  grpc::Status status;
  int known = 0;
  while (absl::Now() < abandon_sent + absl::Seconds(60)) {
    status = report("gone", satisfied);
    if (!status.ok()) break;
    ++known;
    absl::SleepFor(absl::Milliseconds(50));
  }
  const absl::Duration forgotten_after = absl::Now() - abandon_sent;
  EXPECT_THAT(status,
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("gone")));
  EXPECT_GE(forgotten_after, absl::Seconds(1))
      << "recycled before the retention passed (" << known
      << " scores taken first)";
  EXPECT_THAT(report("waits", satisfied), GrpcOk());
}

TEST(ServeE2eTest, ABadFinishedRetentionIsAnError) {
  for (const char* bad : {"soon", "-1s", "inf", "10"}) {
    ServerProcessOptions options;
    options.log_path = E2eTempPath("serve.log");
    options.extra_args = {"--finished-retention", bad};
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(options);
    EXPECT_THAT(server.status().message(), HasSubstr("exited with 2")) << bad;
    EXPECT_THAT(ReadWholeFile(options.log_path),
                HasSubstr(absl::StrCat("--finished-retention must be a "
                                       "duration of at least 0 such as 30s, "
                                       "10m or 2h, not \"",
                                       bad, "\"")));
  }
}

}  // namespace
}  // namespace switchboard::e2e
