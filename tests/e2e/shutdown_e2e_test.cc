// Copyright 2026 The Switchboard Authors.
//
// End-to-end: SIGTERM with calls in flight. The server stops accepting,
// lets calls finish, ends agent streams with UNAVAILABLE and exits 0 within
// the grace period; every OK answer a client got carried a decision, and
// no client hangs.

#include <atomic>
#include <iostream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {
namespace {

using ::testing::HasSubstr;

constexpr absl::Duration kGrace = absl::Seconds(3);
// The deadline of every long call: far past kGrace, so a call that ends
// before it was ended by the server.
constexpr absl::Duration kClientDeadline = absl::Minutes(2);

class ShutdownE2eTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerProcessOptions options;
    options.extra_args = {"--shutdown-grace-ms",
                          absl::StrCat(absl::ToInt64Milliseconds(kGrace))};
    StartServer(options);
  }
};

TEST_F(ShutdownE2eTest, SigtermWithCallsInFlightIsClean) {
  // An agent's desktop, waiting for offers.
  grpc::ClientContext offers_context;
  SetDeadline(&offers_context, kClientDeadline);
  v1::StreamOffersRequest offers_request;
  offers_request.set_agent_id("a01");
  auto offers = agents_->StreamOffers(&offers_context, offers_request);
  grpc::Status offers_status;
  std::atomic<int> updates{0};
  std::thread desktop([&] {
    v1::AgentUpdate update;
    while (updates.load() < 100'000 && offers->Read(&update)) {
      updates.fetch_add(1);
    }
    offers_status = offers->Finish();
  });

  // Bulk ingestion on a stream, until the server goes away.
  constexpr int kMaxStreamed = 200'000;
  grpc::ClientContext stream_context;
  SetDeadline(&stream_context, kClientDeadline);
  auto stream = routing_->RouteStream(&stream_context);
  std::atomic<int> streamed_ok{0}, streamed_bad{0};
  absl::Notification stream_busy;
  std::thread writer([&] {
    for (int i = 0; i < kMaxStreamed; ++i) {
      v1::RouteRequest request;
      *request.mutable_contact() =
          SampleContact(kEveryChannel[i % 7], absl::StrCat("st-", i));
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  grpc::Status stream_status;
  std::thread reader([&] {
    v1::RouteStreamResponse response;
    while (streamed_ok.load() + streamed_bad.load() <= kMaxStreamed &&
           stream->Read(&response)) {
      if (response.has_decision() &&
          response.decision().contact_id() == response.contact_id()) {
        if (streamed_ok.fetch_add(1) + 1 == 200) stream_busy.Notify();
      } else {
        streamed_bad.fetch_add(1);
      }
    }
    stream_status = stream->Finish();
  });

  // Unary calls in a loop from another thread, on their own channel.
  std::atomic<int> unary_ok{0}, unary_ok_without_decision{0};
  std::atomic<int> unary_failed{0};
  grpc::Status last_unary_failure;
  absl::Notification unary_busy;
  std::thread caller([&] {
    auto stub = v1::Routing::NewStub(server_->Channel());
    for (int i = 0; i < 100'000; ++i) {
      grpc::ClientContext context;
      SetDeadline(&context, kClientDeadline);
      v1::RouteRequest request;
      *request.mutable_contact() =
          SampleContact(v1::CHANNEL_CHAT, absl::StrCat("un-", i));
      v1::RouteResponse response;
      grpc::Status status = stub->Route(&context, request, &response);
      if (status.ok()) {
        if (response.decision().contact_id() != request.contact().id()) {
          unary_ok_without_decision.fetch_add(1);
        }
        if (unary_ok.fetch_add(1) + 1 == 20) unary_busy.Notify();
      } else {
        unary_failed.fetch_add(1);
        last_unary_failure = status;
        break;  // The server is going away.
      }
    }
  });

  // EXPECT, not ASSERT: the threads must be joined whatever happens, and
  // stopping the server is what ends them.
  EXPECT_TRUE(stream_busy.WaitForNotificationWithTimeout(absl::Seconds(60)));
  EXPECT_TRUE(unary_busy.WaitForNotificationWithTimeout(absl::Seconds(60)));
  // Not timed: the clients' deadlines (kClientDeadline) are far beyond the
  // grace period, so the statuses below show that the server ended their
  // calls (UNAVAILABLE), not their own deadlines, however slow the machine.
  const absl::Time sigterm = absl::Now();
  absl::StatusOr<int> exit_code = server_->Stop(kClientDeadline);
  const absl::Duration took = absl::Now() - sigterm;
  EXPECT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_EQ(exit_code.value_or(-1), 0);
  std::cout << "exit took " << took << " (grace " << kGrace << ")" << std::endl;

  // Every client ends (their deadlines bound them in any case).
  desktop.join();
  writer.join();
  reader.join();
  caller.join();
  EXPECT_THAT(offers_status, GrpcStatusIs(grpc::StatusCode::UNAVAILABLE,
                                          HasSubstr("shutting down")));
  EXPECT_EQ(stream_status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << stream_status.error_message();
  EXPECT_EQ(streamed_bad.load(), 0);
  EXPECT_GE(streamed_ok.load(), 200);
  EXPECT_EQ(unary_ok_without_decision.load(), 0);
  EXPECT_GE(unary_ok.load(), 20);
  // The call that met the shutdown was refused, not half done: gRPC ends a
  // call that arrives while the server stops as UNAVAILABLE, or as
  // CANCELLED when it was read but not yet handed to a handler.
  EXPECT_EQ(unary_failed.load(), 1);
  EXPECT_THAT(last_unary_failure.error_code(),
              ::testing::AnyOf(grpc::StatusCode::UNAVAILABLE,
                               grpc::StatusCode::CANCELLED))
      << last_unary_failure.error_message();
}

}  // namespace
}  // namespace switchboard::e2e
