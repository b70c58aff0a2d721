// Copyright 2026 The Switchboard Authors.
//
// End-to-end: Routing.Route, Classify, ReportEvent and GetStats against
// the real server binary.

#include <string>

#include "absl/strings/str_cat.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class RoutingE2eTest : public ServerTest {};

TEST_F(RoutingE2eTest, RoutesOneContactFromEveryChannel) {
  const v1::EngineConfig config = SampleConfigProto();
  int n = 0;
  for (v1::Channel channel : kEveryChannel) {
    SCOPED_TRACE(v1::Channel_Name(channel));
    const std::string id = absl::StrCat("every-", n++);
    v1::RouteResponse response;
    ASSERT_THAT(Route(routing_.get(), SampleContact(channel, id), &response),
                GrpcOk());
    const v1::Decision& d = response.decision();
    EXPECT_EQ(d.contact_id(), id);
    EXPECT_THAT(d.action(), ::testing::AnyOf(v1::DECISION_ACTION_ROUTE,
                                             v1::DECISION_ACTION_TRIAGE));
    EXPECT_THAT(d.department(), Not(IsEmpty()));
    EXPECT_THAT(d.reason(), Not(IsEmpty()));
    EXPECT_TRUE(QueueTakes(config, d.queue(), d.department(), channel))
        << "queue " << d.queue() << " of " << d.department()
        << " does not take this channel";
    if (d.action() == v1::DECISION_ACTION_ROUTE) {
      EXPECT_EQ(d.label(), d.department()) << "the sample's labels are its "
                                              "department ids";
      EXPECT_GT(d.confidence(), 0.0f);
    } else {
      EXPECT_EQ(d.queue(), config.thresholds().triage_queue());
    }
  }
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(), 7u);
  EXPECT_EQ(
      stats.total().counters().routed() + stats.total().counters().triaged(),
      7u);
  EXPECT_EQ(stats.total().decide().count(), 7u);
}

TEST_F(RoutingE2eTest, ClassifyChangesNothing) {
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::ClassifyRequest request;
  *request.mutable_contact() = SampleContact(v1::CHANNEL_EMAIL, "preview-1");
  v1::ClassifyResponse response;
  ASSERT_THAT(routing_->Classify(&context, request, &response), GrpcOk());
  EXPECT_EQ(response.label(), "taxes");
  EXPECT_EQ(response.decision().department(), "taxes");
  EXPECT_GT(response.confidence(), 0.5f);
  ASSERT_GE(response.alternatives_size(), 1);
  EXPECT_EQ(response.alternatives(0).label(), "taxes");

  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(), 0u);
  // Not routed: the same id can be routed now.
  v1::RouteResponse routed;
  EXPECT_THAT(Route(routing_.get(), request.contact(), &routed), GrpcOk());
}

TEST_F(RoutingE2eTest, GetStatsFiltersByChannelAndDepartment) {
  v1::RouteResponse a, b;
  ASSERT_THAT(Route(routing_.get(), SampleContact(v1::CHANNEL_EMAIL, "f1"), &a),
              GrpcOk());
  ASSERT_THAT(Route(routing_.get(), SampleContact(v1::CHANNEL_CHAT, "f2"), &b),
              GrpcOk());
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::GetStatsRequest request;
  request.set_channel(v1::CHANNEL_EMAIL);
  v1::Stats stats;
  ASSERT_THAT(routing_->GetStats(&context, request, &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(), 1u);

  // The two went to different departments (WOZ objection: taxes; bins:
  // waste), so a filter that ignored the department would count both.
  ASSERT_FALSE(a.decision().department().empty());
  ASSERT_NE(a.decision().department(), b.decision().department());
  grpc::ClientContext by_department;
  SetDeadline(&by_department);
  request.Clear();
  request.set_department(a.decision().department());
  ASSERT_THAT(routing_->GetStats(&by_department, request, &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(), 1u);
  EXPECT_FALSE(stats.queues().empty());
  bool holds_a = false;
  for (const v1::QueueStats& q : stats.queues()) {
    EXPECT_EQ(q.department(), a.decision().department());
    if (q.queue() == a.decision().queue()) holds_a = true;
  }
  EXPECT_TRUE(holds_a) << a.decision().queue();
}

TEST_F(RoutingE2eTest, ReportEventTransfersAndAbandons) {
  v1::RouteResponse routed;
  ASSERT_THAT(
      Route(routing_.get(), SampleContact(v1::CHANNEL_LETTER, "ev-1"), &routed),
      GrpcOk());
  const std::string to =
      routed.decision().department() == "general" ? "taxes" : "general";
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ReportEventRequest request;
    request.set_contact_id("ev-1");
    request.mutable_transfer()->set_to_department(to);
    request.mutable_transfer()->set_reason("wrong department");
    v1::ReportEventResponse response;
    EXPECT_THAT(routing_->ReportEvent(&context, request, &response), GrpcOk());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ReportEventRequest request;
    request.set_contact_id("ev-1");
    request.mutable_abandon();
    v1::ReportEventResponse response;
    EXPECT_THAT(routing_->ReportEvent(&context, request, &response), GrpcOk());
  }
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().transferred_out(), 1u);
  EXPECT_EQ(stats.total().counters().abandoned(), 1u);
  ASSERT_EQ(stats.transfers_size(), 1);
  EXPECT_EQ(stats.transfers(0).to_department(), to);
}

TEST_F(RoutingE2eTest, ReportEventWithoutAnEventIsInvalid) {
  v1::RouteResponse routed;
  ASSERT_THAT(
      Route(routing_.get(), SampleContact(v1::CHANNEL_CHAT, "ev-2"), &routed),
      GrpcOk());
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::ReportEventRequest request;
  request.set_contact_id("ev-2");
  v1::ReportEventResponse response;
  EXPECT_THAT(routing_->ReportEvent(&context, request, &response),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           HasSubstr("event is not set")));
  ExpectServing();
}

}  // namespace
}  // namespace switchboard::e2e
