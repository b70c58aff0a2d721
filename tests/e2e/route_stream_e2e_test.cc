// Copyright 2026 The Switchboard Authors.
//
// End-to-end: Routing.RouteStream, bulk ingestion on one stream.

#include <atomic>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {
namespace {

using ::testing::HasSubstr;

class RouteStreamE2eTest : public ServerTest {};

v1::RouteRequest Request(const v1::Contact& contact) {
  v1::RouteRequest request;
  *request.mutable_contact() = contact;
  return request;
}

TEST_F(RouteStreamE2eTest, TenThousandContactsEachGetOneDecisionInOrder) {
  constexpr int kContacts = 10'000;
  const absl::Time start = absl::Now();
  grpc::ClientContext context;
  // A bound, not a speed test: far beyond what even ASan on a busy machine
  // needs (the test's own ctest timeout is 180 s).
  SetDeadline(&context, absl::Seconds(150));
  auto stream = routing_->RouteStream(&context);
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; i < kContacts; ++i) {
      const v1::Channel channel = kEveryChannel[i % 7];
      if (!stream->Write(
              Request(SampleContact(channel, absl::StrCat("bulk-", i))))) {
        break;
      }
      written.fetch_add(1);
    }
    stream->WritesDone();
  });
  int answers = 0, out_of_order = 0, wrong_id = 0, not_decided = 0;
  std::string first_problem;
  v1::RouteStreamResponse response;
  // Bounded: at most one more read than contacts (the end of the stream).
  while (answers <= kContacts && stream->Read(&response)) {
    const std::string id = absl::StrCat("bulk-", answers);
    if (response.sequence() != static_cast<uint64_t>(answers)) ++out_of_order;
    if (response.contact_id() != id) ++wrong_id;
    if (!response.has_decision() || response.decision().contact_id() != id) {
      ++not_decided;
      if (first_problem.empty()) first_problem = response.DebugString();
    }
    ++answers;
  }
  writer.join();
  EXPECT_THAT(stream->Finish(), GrpcOk());
  EXPECT_EQ(written.load(), kContacts);
  EXPECT_EQ(answers, kContacts);
  EXPECT_EQ(out_of_order, 0);
  EXPECT_EQ(wrong_id, 0);
  EXPECT_EQ(not_decided, 0) << "first: " << first_problem;

  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(),
            static_cast<uint64_t>(kContacts));
  EXPECT_EQ(
      stats.total().counters().routed() + stats.total().counters().triaged(),
      static_cast<uint64_t>(kContacts));
  // How long it took is printed, not asserted (bench/ measures speed).
  const absl::Duration took = absl::Now() - start;
  std::cout << kContacts << " contacts over one RouteStream in "
            << absl::FormatDuration(took) << "\n";
}

TEST_F(RouteStreamE2eTest, AContactThatFailsGetsAnErrorAndTheStreamGoesOn) {
  v1::Contact no_channel = SampleContact(v1::CHANNEL_CHAT, "s-2");
  no_channel.clear_channel();
  v1::Contact bad_utf8 = SampleContact(v1::CHANNEL_EMAIL, "s-4");
  bad_utf8.set_body("Beste, \xff\xfe kapot");
  const v1::RouteRequest requests[] = {
      Request(SampleContact(v1::CHANNEL_CHAT, "s-1")),   Request(no_channel),
      Request(SampleContact(v1::CHANNEL_EMAIL, "s-3")),  Request(bad_utf8),
      Request(SampleContact(v1::CHANNEL_PHONE, "s-1")),  // repeated id
      Request(SampleContact(v1::CHANNEL_LETTER, "s-6")),
  };
  grpc::ClientContext context;
  SetDeadline(&context, absl::Seconds(30));
  auto stream = routing_->RouteStream(&context);
  for (const v1::RouteRequest& r : requests) ASSERT_TRUE(stream->Write(r));
  stream->WritesDone();
  std::vector<v1::RouteStreamResponse> answers;
  v1::RouteStreamResponse response;
  while (answers.size() <= std::size(requests) && stream->Read(&response)) {
    answers.push_back(response);
  }
  EXPECT_THAT(stream->Finish(), GrpcOk());
  ASSERT_EQ(answers.size(), std::size(requests));
  for (size_t i = 0; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i].sequence(), i);
  }
  EXPECT_TRUE(answers[0].has_decision());
  ASSERT_TRUE(answers[1].has_error());
  EXPECT_EQ(answers[1].error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(answers[1].error().message(), HasSubstr("contact.channel"));
  EXPECT_EQ(answers[1].contact_id(), "s-2");
  EXPECT_TRUE(answers[2].has_decision());
  ASSERT_TRUE(answers[3].has_error());
  EXPECT_EQ(answers[3].error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(answers[3].error().message(),
              HasSubstr("contact.body: not valid UTF-8 at byte 7"));
  ASSERT_TRUE(answers[4].has_error());
  EXPECT_EQ(answers[4].error().code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(answers[4].contact_id(), "s-1");
  EXPECT_TRUE(answers[5].has_decision());
}

TEST_F(RouteStreamE2eTest, AClientThatCancelsLeavesTheServerServing) {
  grpc::ClientContext context;
  SetDeadline(&context, absl::Seconds(30));
  auto stream = routing_->RouteStream(&context);
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(stream->Write(
        Request(SampleContact(v1::CHANNEL_CHAT, absl::StrCat("cancel-", i)))));
  }
  v1::RouteStreamResponse response;
  ASSERT_TRUE(stream->Read(&response));
  context.TryCancel();
  int more = 0;
  while (more < 1000 && stream->Read(&response)) ++more;
  EXPECT_THAT(stream->Finish(),
              GrpcStatusIs(grpc::StatusCode::CANCELLED, ::testing::_));
  ExpectServing();
  // Whatever was routed before the cancel stays routed, once.
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_GE(stats.total().counters().received(), 1u);
  EXPECT_LE(stats.total().counters().received(), 100u);
}

}  // namespace
}  // namespace switchboard::e2e
