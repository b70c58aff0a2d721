// Copyright 2026 The Switchboard Authors.
//
// End-to-end: an agent's desktop. Register, receive offers on StreamOffers,
// accept, respond, complete, and see the latencies in GetStats.

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {
namespace {

using ::testing::HasSubstr;

constexpr char kAgent[] = "e2e-agent";

class AgentsE2eTest : public ServerTest {
 protected:
  // The server's options; the sample configuration by default.
  virtual ServerProcessOptions Options() { return {}; }

  void SetUp() override {
    StartServer(Options());
    if (HasFatalFailure()) return;
    // Only our agent takes work: the sample's agents go away.
    for (int i = 1; i <= 10; ++i) {
      ASSERT_THAT(
          SetPresence(absl::StrCat("a", i < 10 ? "0" : "", i), v1::AWAY),
          GrpcOk());
    }
    // Every skill of the sample at the top level: it can take any contact.
    v1::Agent agent;
    agent.set_id(kAgent);
    agent.set_name("E2E Tester");
    const v1::EngineConfig config = SampleConfigProto();
    for (const std::string& skill : config.skills()) {
      v1::SkillLevel* s = agent.add_skills();
      s->set_skill(skill);
      s->set_level(10);
    }
    agent.set_presence(v1::AVAILABLE);
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::RegisterAgentRequest request;
    *request.mutable_agent() = agent;
    v1::RegisterAgentResponse response;
    ASSERT_THAT(agents_->RegisterAgent(&context, request, &response), GrpcOk());
    EXPECT_TRUE(response.created());
  }

  grpc::Status SetPresence(const std::string& agent, v1::Presence presence) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::SetPresenceRequest request;
    request.set_agent_id(agent);
    request.set_presence(presence);
    v1::SetPresenceResponse response;
    return agents_->SetPresence(&context, request, &response);
  }

  grpc::Status Accept(const std::string& contact) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::AcceptRequest request;
    request.set_agent_id(kAgent);
    request.set_contact_id(contact);
    v1::AcceptResponse response;
    return agents_->Accept(&context, request, &response);
  }

  grpc::Status Complete(const std::string& contact) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::CompleteRequest request;
    request.set_agent_id(kAgent);
    request.set_contact_id(contact);
    request.set_outcome(v1::OUTCOME_FAVOURABLE);
    v1::CompleteResponse response;
    return agents_->Complete(&context, request, &response);
  }

  grpc::Status Report(const std::string& contact,
                      void (*set)(v1::ReportEventRequest*)) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ReportEventRequest request;
    request.set_contact_id(contact);
    set(&request);
    v1::ReportEventResponse response;
    return routing_->ReportEvent(&context, request, &response);
  }

  // Opens the agent's offer stream (bounded by a deadline).
  std::unique_ptr<grpc::ClientReader<v1::AgentUpdate>> OpenOffers(
      grpc::ClientContext* context) {
    SetDeadline(context, absl::Seconds(60));
    v1::StreamOffersRequest request;
    request.set_agent_id(kAgent);
    return agents_->StreamOffers(context, request);
  }
};

TEST_F(AgentsE2eTest, OfferAcceptRespondCompleteShowsInStats) {
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  const v1::Contact contact = SampleContact(v1::CHANNEL_EMAIL, "work-1");
  v1::RouteResponse routed;
  ASSERT_THAT(Route(routing_.get(), contact, &routed), GrpcOk());

  v1::AgentUpdate update;
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  const v1::Offer& offer = update.offer();
  EXPECT_EQ(offer.contact_id(), "work-1");
  EXPECT_EQ(offer.channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(offer.department(), routed.decision().department());
  EXPECT_EQ(offer.queue(), routed.decision().queue());
  EXPECT_THAT(offer.text(), HasSubstr("WOZ"));
  EXPECT_GT(offer.expires_at().seconds(), offer.offered_at().seconds());

  ASSERT_THAT(Accept("work-1"), GrpcOk());
  ASSERT_THAT(
      Report("work-1",
             [](v1::ReportEventRequest* r) { r->mutable_first_response(); }),
      GrpcOk());
  ASSERT_THAT(Complete("work-1"), GrpcOk());
  // Done: completing again is a step out of order.
  EXPECT_THAT(
      Complete("work-1"),
      GrpcStatusIs(grpc::StatusCode::FAILED_PRECONDITION, HasSubstr("work-1")));

  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  const v1::SegmentStats& total = stats.total();
  EXPECT_GE(total.wait().count(), 1u);
  EXPECT_GE(total.first_response().count(), 1u);
  EXPECT_GE(total.handle().count(), 1u);
  EXPECT_GE(total.resolution().count(), 1u);
  EXPECT_EQ(total.counters().accepted(), 1u);
  EXPECT_EQ(total.counters().resolved(), 1u);
  EXPECT_EQ(total.counters().favourable(), 1u);
  EXPECT_EQ(stats.agents_available(), 1u);
  EXPECT_EQ(stats.agents_away(), 10u);

  EXPECT_EQ(CancelAndFinish(&stream_context, offers.get()).error_code(),
            grpc::StatusCode::CANCELLED);
}

TEST_F(AgentsE2eTest, AStreamOpenedLaterGetsThePendingOffer) {
  v1::RouteResponse routed;
  ASSERT_THAT(Route(routing_.get(), SampleContact(v1::CHANNEL_CHAT, "early-1"),
                    &routed),
              GrpcOk());
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  v1::AgentUpdate update;
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  EXPECT_EQ(update.offer().contact_id(), "early-1");
  CancelAndFinish(&stream_context, offers.get());
}

// A desktop's stream that reaches its deadline ends on the server too (the
// reactor is cancelled, finishes and leaves the hub); the offers made after
// it go to the agent's next stream, and the server goes on.
TEST_F(AgentsE2eTest, AStreamEndedByItsDeadlineLeavesTheOffersToTheNext) {
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(absl::StrCat("stream ", i));
    // Each stream gets the pending offers, then its deadline ends it. When
    // the deadline passes before all of them were read (a slow machine),
    // the next stream, with twice the deadline, gets them all again: what
    // is asserted does not depend on the machine's speed.
    int updates = 0;
    absl::Duration timeout = absl::Milliseconds(200);
    for (int attempt = 0; attempt < 8 && (attempt == 0 || updates < i);
         ++attempt, timeout *= 2) {
      grpc::ClientContext context;
      SetDeadline(&context, timeout);
      v1::StreamOffersRequest request;
      request.set_agent_id(kAgent);
      auto offers = agents_->StreamOffers(&context, request);
      // Bounded: the pending offers, then the end of the stream.
      v1::AgentUpdate update;
      updates = 0;
      while (updates < 10 && offers->Read(&update)) {
        EXPECT_TRUE(update.has_offer()) << update.DebugString();
        ++updates;
      }
      EXPECT_LE(updates, i);  // Never more than the contacts routed so far.
      EXPECT_THAT(
          offers->Finish(),
          GrpcStatusIs(grpc::StatusCode::DEADLINE_EXCEEDED, ::testing::_));
    }
    EXPECT_EQ(updates, i);  // The contacts routed so far, all offered.
    // Offered while no stream is open (or while the ended one is being
    // dropped): the hub must not write to the stream that ended.
    v1::RouteResponse routed;
    ASSERT_THAT(Route(routing_.get(),
                      SampleContact(v1::CHANNEL_CHAT, absl::StrCat("late-", i)),
                      &routed),
                GrpcOk());
  }
  ExpectServing();
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  for (int i = 0; i < 3; ++i) {
    v1::AgentUpdate update;
    ASSERT_TRUE(offers->Read(&update));
    ASSERT_TRUE(update.has_offer()) << update.DebugString();
    EXPECT_EQ(update.offer().contact_id(), absl::StrCat("late-", i));
  }
  EXPECT_THAT(Accept("late-0"), GrpcOk());
  CancelAndFinish(&stream_context, offers.get());
}

TEST_F(AgentsE2eTest, AnAbandonedOfferIsWithdrawn) {
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  v1::RouteResponse routed;
  ASSERT_THAT(Route(routing_.get(), SampleContact(v1::CHANNEL_PHONE, "gone-1"),
                    &routed),
              GrpcOk());
  v1::AgentUpdate update;
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer());
  ASSERT_THAT(
      Report("gone-1", [](v1::ReportEventRequest* r) { r->mutable_abandon(); }),
      GrpcOk());
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_withdrawn()) << update.DebugString();
  EXPECT_EQ(update.withdrawn().contact_id(), "gone-1");
  EXPECT_EQ(update.withdrawn().reason(), "abandoned");
  // Too late to accept.
  EXPECT_THAT(
      Accept("gone-1"),
      GrpcStatusIs(grpc::StatusCode::FAILED_PRECONDITION, HasSubstr("gone-1")));
  CancelAndFinish(&stream_context, offers.get());
}

// Transferring an offered contact withdraws the offer on the desktop with
// the reason "transferred"; the contact then waits in the other
// department's queue, and (this agent takes every skill) comes back as a
// new offer from there.
TEST_F(AgentsE2eTest, ATransferredOfferIsWithdrawn) {
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  v1::RouteResponse routed;
  ASSERT_THAT(Route(routing_.get(), SampleContact(v1::CHANNEL_CHAT, "moved-1"),
                    &routed),
              GrpcOk());
  v1::AgentUpdate update;
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  ASSERT_EQ(update.offer().contact_id(), "moved-1");
  const std::string to =
      routed.decision().department() == "general" ? "taxes" : "general";
  void (*to_general)(v1::ReportEventRequest*) = [](v1::ReportEventRequest* r) {
    r->mutable_transfer()->set_to_department("general");
    r->mutable_transfer()->set_reason("wrong department");
  };
  void (*to_taxes)(v1::ReportEventRequest*) = [](v1::ReportEventRequest* r) {
    r->mutable_transfer()->set_to_department("taxes");
    r->mutable_transfer()->set_reason("wrong department");
  };
  ASSERT_THAT(Report("moved-1", to == "general" ? to_general : to_taxes),
              GrpcOk());
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_withdrawn()) << update.DebugString();
  EXPECT_EQ(update.withdrawn().contact_id(), "moved-1");
  EXPECT_EQ(update.withdrawn().reason(), "transferred");
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  EXPECT_EQ(update.offer().contact_id(), "moved-1");
  v1::ContactStatus status;
  ASSERT_THAT(GetContact(routing_.get(), "moved-1", &status), GrpcOk());
  EXPECT_EQ(status.department(), to);
  CancelAndFinish(&stream_context, offers.get());
}

// An agent registered at run time (not in the configuration) stays
// registered through Admin.Reload, with its presence: it is still offered
// work afterwards, and the sample's agents stay away.
TEST_F(AgentsE2eTest, ReloadKeepsAnAgentRegisteredAtRunTime) {
  {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(30));
    v1::ReloadRequest request;
    v1::ReloadResponse response;
    ASSERT_THAT(admin_->Reload(&context, request, &response), GrpcOk());
    EXPECT_EQ(response.info().generation(), 2u);
    EXPECT_EQ(response.info().agents(), 11);  // The sample's 10 and ours.
  }
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  v1::RouteResponse routed;
  ASSERT_THAT(Route(routing_.get(), SampleContact(v1::CHANNEL_EMAIL, "after-1"),
                    &routed),
              GrpcOk());
  v1::AgentUpdate update;
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  EXPECT_EQ(update.offer().contact_id(), "after-1");
  EXPECT_THAT(Accept("after-1"), GrpcOk());
  CancelAndFinish(&stream_context, offers.get());
}

TEST_F(AgentsE2eTest, ARejectedOfferCannotBeCompleted) {
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  v1::RouteResponse routed;
  ASSERT_THAT(
      Route(routing_.get(), SampleContact(v1::CHANNEL_LETTER, "no-1"), &routed),
      GrpcOk());
  v1::AgentUpdate update;
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer());
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::RejectRequest request;
  request.set_agent_id(kAgent);
  request.set_contact_id("no-1");
  v1::RejectResponse response;
  EXPECT_THAT(agents_->Reject(&context, request, &response), GrpcOk());
  // Not in the agent's hands: completing it is refused.
  EXPECT_THAT(Complete("no-1"),
              GrpcStatusIs(grpc::StatusCode::FAILED_PRECONDITION,
                           HasSubstr("not in the hands of agent")));
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().offer_rejected(), 1u);
  CancelAndFinish(&stream_context, offers.get());
}

TEST_F(AgentsE2eTest, RegisteringAgainUpdatesTheAgent) {
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::RegisterAgentRequest request;
  request.mutable_agent()->set_id(kAgent);
  request.mutable_agent()->set_name("Renamed");
  v1::SkillLevel* s = request.mutable_agent()->add_skills();
  s->set_skill("taxes");
  s->set_level(5);
  v1::RegisterAgentResponse response;
  ASSERT_THAT(agents_->RegisterAgent(&context, request, &response), GrpcOk());
  EXPECT_FALSE(response.created());

  grpc::ClientContext bad_context;
  SetDeadline(&bad_context);
  request.mutable_agent()->mutable_skills(0)->set_skill("juggling");
  EXPECT_THAT(
      agents_->RegisterAgent(&bad_context, request, &response),
      GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("juggling")));
  ExpectServing();
}

class OfferTimeoutE2eTest : public AgentsE2eTest {
 protected:
  ServerProcessOptions Options() override {
    ServerProcessOptions options;
    options.config = WriteSampleConfigVariant(
        "short-offers.textproto",
        {{"offer_timeout { seconds: 20 }", "offer_timeout { seconds: 1 }"}});
    return options;
  }
};

// The server's ticker fires the engine's timers: an offer nobody accepts
// times out, is withdrawn from the desktop, and comes back.
TEST_F(OfferTimeoutE2eTest, AnUnansweredOfferTimesOutAndIsWithdrawn) {
  grpc::ClientContext stream_context;
  auto offers = OpenOffers(&stream_context);
  v1::RouteResponse routed;
  ASSERT_THAT(Route(routing_.get(), SampleContact(v1::CHANNEL_EMAIL, "slow-1"),
                    &routed),
              GrpcOk());
  v1::AgentUpdate update;
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer());
  // The offer says how long it stands: the configured 1 s, on the server's
  // clock (not when this client happened to read it).
  auto to_time = [](const google::protobuf::Timestamp& t) {
    return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  };
  const absl::Time expires_at = to_time(update.offer().expires_at());
  EXPECT_EQ(expires_at - to_time(update.offer().offered_at()),
            absl::Seconds(1));
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_withdrawn()) << update.DebugString();
  EXPECT_EQ(update.withdrawn().contact_id(), "slow-1");
  EXPECT_EQ(update.withdrawn().reason(), "timed out");
  // Withdrawn only once it expired (server and test share the clock).
  EXPECT_GE(absl::Now(), expires_at);
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_GE(stats.total().counters().offer_timed_out(), 1u);
  // Only this agent can take it: it is offered again (after one more
  // timeout, the engine's rule for a contact only decliners can take).
  ASSERT_TRUE(offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  EXPECT_EQ(update.offer().contact_id(), "slow-1");
  EXPECT_THAT(Accept("slow-1"), GrpcOk());
  CancelAndFinish(&stream_context, offers.get());
}

}  // namespace
}  // namespace switchboard::e2e
