// Copyright 2026 The Switchboard Authors.
//
// auth_testing.h: bearer tokens for the e2e tests, made by the real
// `switchboard token new`, and the files and headers that carry them.

#ifndef SWITCHBOARD_TESTS_E2E_AUTH_TESTING_H_
#define SWITCHBOARD_TESTS_E2E_AUTH_TESTING_H_

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "e2e/e2e_testing.h"
#include "e2e/test_certificates.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::e2e {

// A token and its tokens-file line, from `switchboard token new ARGS`.
struct Issued {
  std::string token;
  std::string line;
};

inline Issued TokenNew(const std::string& args) {
  const std::string out = E2eTempPath("token-new.out");
  const int code = RunShell(
      absl::StrCat(SWITCHBOARD_SERVER_BINARY, " token new ", args), out);
  const std::string text = ReadWholeFile(out);
  EXPECT_EQ(code, 0) << text;
  std::vector<std::string> lines =
      absl::StrSplit(text, '\n', absl::SkipEmpty());
  if (lines.size() != 2) {
    ADD_FAILURE() << "token new printed: " << text;
    return {};
  }
  EXPECT_THAT(lines[0], ::testing::StartsWith("sbt_"));
  EXPECT_THAT(lines[1], ::testing::Not(::testing::HasSubstr(lines[0])));
  return Issued{lines[0], lines[1]};
}

inline void WriteText(const std::string& path, absl::string_view text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

// A deadline and `who`'s token on `context`.
inline void WithToken(grpc::ClientContext* context, const Issued& who) {
  SetDeadline(context, absl::Seconds(30));
  context->AddMetadata("authorization", absl::StrCat("Bearer ", who.token));
}

// An agent's day with tokens on `channel`, in `tenant` ("" for the
// server's default): `agent` (role agent, for agent "ann") registers ann,
// available with every skill of the sample configuration, and opens her
// offer stream; `router` routes email `contact_id`; ann is offered it,
// accepts it and completes it (favourable); her stream is cancelled.
// Callers check HasFatalFailure().
inline void AgentDayWithTokens(const std::shared_ptr<grpc::Channel>& channel,
                               const Issued& router, const Issued& agent,
                               const std::string& tenant,
                               const std::string& contact_id) {
  auto agents = v1::Agents::NewStub(channel);
  auto routing = v1::Routing::NewStub(channel);
  auto as = [&](grpc::ClientContext* context, const Issued& who) {
    WithToken(context, who);
    if (!tenant.empty()) context->AddMetadata("x-switchboard-tenant", tenant);
  };
  {
    grpc::ClientContext context;
    as(&context, agent);
    v1::RegisterAgentRequest r;
    r.mutable_agent()->set_id("ann");
    r.mutable_agent()->set_presence(v1::AVAILABLE);
    const v1::EngineConfig config = SampleConfigProto();
    for (const std::string& skill : config.skills()) {
      v1::SkillLevel* s = r.mutable_agent()->add_skills();
      s->set_skill(skill);
      s->set_level(10);
    }
    v1::RegisterAgentResponse out;
    ASSERT_THAT(agents->RegisterAgent(&context, r, &out), GrpcOk());
  }
  grpc::ClientContext stream_context;
  as(&stream_context, agent);
  v1::StreamOffersRequest offers_request;
  offers_request.set_agent_id("ann");
  auto offers = agents->StreamOffers(&stream_context, offers_request);
  {
    grpc::ClientContext context;
    as(&context, router);
    v1::RouteRequest r;
    *r.mutable_contact() = SampleContact(v1::CHANNEL_EMAIL, contact_id);
    v1::RouteResponse out;
    ASSERT_THAT(routing->Route(&context, r, &out), GrpcOk());
  }
  v1::AgentUpdate update;
  std::string offered;
  for (int i = 0; i < 100 && offered.empty() && offers->Read(&update); ++i) {
    if (update.has_offer()) offered = update.offer().contact_id();
  }
  ASSERT_EQ(offered, contact_id);
  {
    grpc::ClientContext context;
    as(&context, agent);
    v1::AcceptRequest r;
    r.set_agent_id("ann");
    r.set_contact_id(contact_id);
    v1::AcceptResponse out;
    ASSERT_THAT(agents->Accept(&context, r, &out), GrpcOk());
  }
  {
    grpc::ClientContext context;
    as(&context, agent);
    v1::CompleteRequest r;
    r.set_agent_id("ann");
    r.set_contact_id(contact_id);
    r.set_outcome(v1::OUTCOME_FAVOURABLE);
    v1::CompleteResponse out;
    ASSERT_THAT(agents->Complete(&context, r, &out), GrpcOk());
  }
  EXPECT_EQ(CancelAndFinish(&stream_context, offers.get()).error_code(),
            grpc::StatusCode::CANCELLED);
}

}  // namespace switchboard::e2e

#endif  // SWITCHBOARD_TESTS_E2E_AUTH_TESTING_H_
