// Copyright 2026 The Switchboard Authors.
//
// Authentication and authorization (services/auth, services/server/
// call_gate.h) over real connections to the real server. The tokens are
// made by the real `switchboard token new`; the certificates at test time
// with openssl (e2e/test_certificates.h).
//
//   - A table over mutual TLS: (credential, tenant, method, agent) ->
//     the code, for every method and every role; a credential of another
//     tenant, role or agent is PERMISSION_DENIED; no, a malformed, an
//     unknown or an expired credential is UNAUTHENTICATED; a certificate
//     named in the tokens file is a credential; one from an unknown CA
//     does not get through the handshake.
//   - ListTenants shows only the tenants of the credential.
//   - An agent's day with tokens: register, offers, accept, complete.
//   - Abuse limits: calls per credential, streams per connection and per
//     tenant, each RESOURCE_EXHAUSTED naming the limit, others served.
//   - SIGHUP re-reads the tokens file; a broken one keeps the old.
//   - route and loadgen with --token-file; token new's errors; serve's
//     refusals (a non-loopback address without authentication, a bad
//     tokens file).

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "auth/role.h"
#include "e2e/auth_testing.h"
#include "e2e/e2e_testing.h"
#include "e2e/server_process.h"
#include "e2e/test_certificates.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::e2e {
namespace {

namespace fs = std::filesystem;
using auth::Method;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = grpc::StatusCode;

// Who calls: the authorization header ("" for none) and the client
// certificate the channel presents ("client", "stranger").
struct Who {
  std::string label;  // For failure messages.
  std::string header;
  std::string cert = "client";
};

Who Bearer(absl::string_view label, absl::string_view token) {
  return Who{std::string(label), absl::StrCat("Bearer ", token)};
}

// Calls `method` of the server behind `channel` as `who`, for `tenant`,
// acting for `agent` (the Agents methods), with a request whose answer,
// once let in, is known (see AllowedCode).
class Caller {
 public:
  explicit Caller(std::shared_ptr<grpc::Channel> channel)
      : routing_(v1::Routing::NewStub(channel)),
        agents_(v1::Agents::NewStub(channel)),
        admin_(v1::Admin::NewStub(channel)),
        diagnostics_(v1::Diagnostics::NewStub(channel)) {}

  grpc::Status Call(const Who& who, Method method, const std::string& tenant,
                    const std::string& agent) {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(30));
    context.AddMetadata("x-switchboard-tenant", tenant);
    if (!who.header.empty()) context.AddMetadata("authorization", who.header);
    const v1::Contact contact =
        SampleContact(v1::CHANNEL_EMAIL, absl::StrCat("auth-", ++calls_));
    switch (method) {
      case Method::kRoute: {
        v1::RouteRequest r;
        *r.mutable_contact() = contact;
        v1::RouteResponse out;
        return routing_->Route(&context, r, &out);
      }
      case Method::kRouteStream: {
        auto stream = routing_->RouteStream(&context);
        v1::RouteRequest r;
        *r.mutable_contact() = contact;
        stream->Write(r);
        stream->WritesDone();
        v1::RouteStreamResponse answer;
        while (stream->Read(&answer)) {
        }
        return stream->Finish();
      }
      case Method::kClassify: {
        v1::ClassifyRequest r;
        *r.mutable_contact() = contact;
        v1::ClassifyResponse out;
        return routing_->Classify(&context, r, &out);
      }
      case Method::kReportEvent: {
        v1::ReportEventRequest r;
        r.set_contact_id("nobody");
        r.mutable_first_response();
        v1::ReportEventResponse out;
        return routing_->ReportEvent(&context, r, &out);
      }
      case Method::kGetStats: {
        v1::Stats out;
        return routing_->GetStats(&context, v1::GetStatsRequest(), &out);
      }
      case Method::kGetContact: {
        v1::GetContactRequest r;
        r.set_contact_id("nobody");
        v1::ContactStatus out;
        return routing_->GetContact(&context, r, &out);
      }
      case Method::kRegisterAgent: {
        // A skill the configuration does not have: refused once let in,
        // so that no row registers the agent.
        v1::RegisterAgentRequest r;
        r.mutable_agent()->set_id(agent);
        v1::SkillLevel* s = r.mutable_agent()->add_skills();
        s->set_skill("juggling");
        s->set_level(1);
        v1::RegisterAgentResponse out;
        return agents_->RegisterAgent(&context, r, &out);
      }
      case Method::kSetPresence: {
        v1::SetPresenceRequest r;
        r.set_agent_id(agent);
        r.set_presence(v1::AVAILABLE);
        v1::SetPresenceResponse out;
        return agents_->SetPresence(&context, r, &out);
      }
      case Method::kStreamOffers: {
        v1::StreamOffersRequest r;
        r.set_agent_id(agent);
        auto reader = agents_->StreamOffers(&context, r);
        v1::AgentUpdate update;
        while (reader->Read(&update)) {
        }
        return reader->Finish();
      }
      case Method::kAccept: {
        v1::AcceptRequest r;
        r.set_agent_id(agent);
        r.set_contact_id("nobody");
        v1::AcceptResponse out;
        return agents_->Accept(&context, r, &out);
      }
      case Method::kReject: {
        v1::RejectRequest r;
        r.set_agent_id(agent);
        r.set_contact_id("nobody");
        v1::RejectResponse out;
        return agents_->Reject(&context, r, &out);
      }
      case Method::kComplete: {
        v1::CompleteRequest r;
        r.set_agent_id(agent);
        r.set_contact_id("nobody");
        r.set_outcome(v1::OUTCOME_FAVOURABLE);
        v1::CompleteResponse out;
        return agents_->Complete(&context, r, &out);
      }
      case Method::kReload: {
        v1::ReloadResponse out;
        return admin_->Reload(&context, v1::ReloadRequest(), &out);
      }
      case Method::kGetInfo: {
        v1::Info out;
        return admin_->GetInfo(&context, v1::GetInfoRequest(), &out);
      }
      case Method::kCreateTenant: {
        v1::CreateTenantRequest r;
        r.set_tenant(tenant);
        r.set_config_path(absl::StrCat(tenant, ".textproto"));
        v1::TenantInfo out;
        return admin_->CreateTenant(&context, r, &out);
      }
      case Method::kUpdateTenant: {
        v1::UpdateTenantRequest r;
        r.set_tenant(tenant);
        r.set_config_path(absl::StrCat(tenant, ".textproto"));
        r.set_model_path(absl::StrCat(tenant, ".model"));
        v1::TenantInfo out;
        return admin_->UpdateTenant(&context, r, &out);
      }
      case Method::kDeleteTenant: {
        v1::DeleteTenantRequest r;
        r.set_tenant(tenant);
        v1::DeleteTenantResponse out;
        return admin_->DeleteTenant(&context, r, &out);
      }
      case Method::kListTenants: {
        v1::ListTenantsResponse out;
        return admin_->ListTenants(&context, v1::ListTenantsRequest(), &out);
      }
      case Method::kEcho: {
        v1::EchoRequest r;
        r.set_payload("ping");
        v1::EchoResponse out;
        return diagnostics_->Echo(&context, r, &out);
      }
    }
    return grpc::Status(Code::INTERNAL, "no such method in the test");
  }

 private:
  std::unique_ptr<v1::Routing::Stub> routing_;
  std::unique_ptr<v1::Agents::Stub> agents_;
  std::unique_ptr<v1::Admin::Stub> admin_;
  std::unique_ptr<v1::Diagnostics::Stub> diagnostics_;
  int calls_ = 0;
};

// The answer to Caller's request once the call is let in: the requests
// name no contact, an unknown skill and an unregistered agent, so that
// they change nothing, and each tenant holds an open contact (DeleteTenant
// without force is refused).
Code AllowedCode(Method method) {
  switch (method) {
    case Method::kReportEvent:
    case Method::kGetContact:
    case Method::kSetPresence:
    case Method::kStreamOffers:
    case Method::kAccept:
    case Method::kReject:
    case Method::kComplete:
      return Code::NOT_FOUND;
    case Method::kRegisterAgent:
      return Code::INVALID_ARGUMENT;
    case Method::kCreateTenant:
      return Code::ALREADY_EXISTS;
    case Method::kDeleteTenant:
      return Code::FAILED_PRECONDITION;
    default:
      return Code::OK;
  }
}

// The table, written out again here (not read from role.h).
const std::set<Method> kRouterMethods = {
    Method::kRoute,       Method::kRouteStream, Method::kClassify,
    Method::kReportEvent, Method::kGetContact,  Method::kEcho};
const std::set<Method> kAgentMethods = {
    Method::kRegisterAgent, Method::kSetPresence, Method::kStreamOffers,
    Method::kAccept,        Method::kReject,      Method::kComplete,
    Method::kEcho};
const std::set<Method> kSupervisorMethods = {
    Method::kGetStats, Method::kGetContact, Method::kEcho};
const std::set<Method> kAdminMethods = {
    Method::kReload,       Method::kGetInfo,      Method::kCreateTenant,
    Method::kUpdateTenant, Method::kDeleteTenant, Method::kListTenants,
    Method::kEcho};

// A tenants directory (acme, globex) served over mutual TLS with a tokens
// file of one credential per role.
class AuthTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = E2eTempPath("tenants");
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const char* t : {"acme", "globex"}) {
      WriteText(absl::StrCat(dir_, "/", t, ".textproto"),
                SampleConfigWithoutTraining());
      fs::copy_file(SWITCHBOARD_E2E_MODEL, absl::StrCat(dir_, "/", t, ".model"),
                    fs::copy_options::overwrite_existing);
    }
    crm_ = TokenNew("--tenant acme --role router --name crm");
    ann_ = TokenNew("--tenant acme --role agent --agent ann --name desk-ann");
    wall_ = TokenNew("--tenant acme --role supervisor --name wallboard");
    acme_ops_ = TokenNew("--tenant acme --role admin --name acme-ops");
    ops_ = TokenNew("--tenant '*' --role admin --name ops");
    globex_crm_ = TokenNew("--tenant globex --role router");
    Issued old = TokenNew(
        "--tenant acme --role router --name old "
        "--expires-in 1h");
    const size_t at = old.line.find("expires=");
    ASSERT_NE(at, std::string::npos) << old.line;
    old.line.replace(at, old.line.find(' ', at) - at,
                     "expires=2020-01-01T00:00:00Z");
    old_ = old;
    unknown_ = TokenNew("--tenant acme --role router");  // Not in the file.
    tokens_ = absl::StrCat(dir_, "/../", "tokens-", getpid(), ".txt");
    WriteText(
        tokens_,
        absl::StrCat("# made by switchboard token new\n", crm_.line, "\n",
                     ann_.line, "\n", wall_.line, "\n", acme_ops_.line, "\n",
                     ops_.line, "\n", globex_crm_.line, "\n", old_.line, "\n",
                     "desk-cert tenant=acme role=supervisor "
                     "cert-cn=test-client\n"));
    ServerProcessOptions options;
    options.tenants_dir = dir_;
    options.extra_args = {"--tls-cert",      Certs().File("server.pem"),
                          "--tls-key",       Certs().File("server.key"),
                          "--tls-client-ca", Certs().File("ca.pem"),
                          "--tokens",        tokens_};
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    for (const char* cert : {"client", "stranger"}) {
      callers_.emplace(cert,
                       std::make_unique<Caller>(grpc::CreateChannel(
                           server_->address(), TlsCredentials("ca", cert))));
    }
    // An open contact in each tenant (DeleteTenant without force is then
    // refused, whatever order the rows run in).
    ASSERT_THAT(Call(Bearer("crm", crm_.token), Method::kRoute, "acme"),
                GrpcOk());
    ASSERT_THAT(
        Call(Bearer("globex", globex_crm_.token), Method::kRoute, "globex"),
        GrpcOk());
  }

  void TearDown() override {
    callers_.clear();
    server_.reset();
    fs::remove_all(dir_);
    fs::remove(tokens_);
  }

  grpc::Status Call(const Who& who, Method method, const std::string& tenant,
                    const std::string& agent = "ann") {
    return callers_.at(who.cert)->Call(who, method, tenant, agent);
  }

  struct Row {
    Who who;
    std::string tenant;
    Method method;
    std::string agent;
    Code expected;
  };

  void Check(const Row& row) {
    const grpc::Status s = Call(row.who, row.method, row.tenant, row.agent);
    const std::string where = absl::StrCat(
        row.who.label, " on ", row.tenant, ": ", auth::MethodName(row.method),
        " as ", row.agent, " -> ", s.error_code(), " ", s.error_message());
    EXPECT_EQ(s.error_code(), row.expected) << where;
    if (row.expected == Code::PERMISSION_DENIED ||
        row.expected == Code::UNAUTHENTICATED) {
      EXPECT_FALSE(s.error_message().empty()) << where;
      EXPECT_THAT(s.error_message(), Not(HasSubstr("sbt_"))) << where;
    }
  }

  std::string dir_, tokens_;
  Issued crm_, ann_, wall_, acme_ops_, ops_, globex_crm_, old_, unknown_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::unique_ptr<Caller>> callers_;
};

TEST_F(AuthTableTest, EveryRoleAgainstEveryMethod) {
  struct Credential {
    Who who;
    std::set<Method> allowed;
  };
  std::set<Method> acme_admin = kAdminMethods;
  acme_admin.erase(Method::kReload);  // A tenants directory: needs tenant=*.
  const Credential credentials[] = {
      {Bearer("crm (router)", crm_.token), kRouterMethods},
      {Bearer("desk-ann (agent)", ann_.token), kAgentMethods},
      {Bearer("wallboard (supervisor)", wall_.token), kSupervisorMethods},
      {Bearer("acme-ops (admin of acme)", acme_ops_.token), acme_admin},
      {Bearer("ops (admin of *)", ops_.token), kAdminMethods},
      {Who{"desk-cert (certificate, supervisor)", ""}, kSupervisorMethods},
  };
  int rows = 0;
  for (const Credential& c : credentials) {
    for (Method m : auth::kAllMethods) {
      Check(Row{
          c.who, "acme", m, "ann",
          c.allowed.count(m) > 0 ? AllowedCode(m) : Code::PERMISSION_DENIED});
      ++rows;
    }
  }
  EXPECT_EQ(rows, 6 * 19);
  // The method errors name the credential, its role and the method.
  const grpc::Status s =
      Call(Bearer("crm", crm_.token), Method::kGetStats, "acme");
  EXPECT_THAT(s.error_message(),
              HasSubstr("credential crm has role router, which may not call "
                        "switchboard.v1.Routing/GetStats"));
}

TEST_F(AuthTableTest, ACredentialReachesItsOwnTenantAndAgentAlone) {
  const Who crm = Bearer("crm", crm_.token);
  const Who ann = Bearer("desk-ann", ann_.token);
  const Who acme_ops = Bearer("acme-ops", acme_ops_.token);
  const Who ops = Bearer("ops", ops_.token);
  const Who globex = Bearer("globex-crm", globex_crm_.token);
  const Row rows[] = {
      {crm, "globex", Method::kRoute, "", Code::PERMISSION_DENIED},
      {crm, "globex", Method::kRouteStream, "", Code::PERMISSION_DENIED},
      {crm, "globex", Method::kGetContact, "", Code::PERMISSION_DENIED},
      {crm, "default", Method::kRoute, "", Code::PERMISSION_DENIED},
      {globex, "acme", Method::kRoute, "", Code::PERMISSION_DENIED},
      {globex, "globex", Method::kClassify, "", Code::OK},
      {ann, "globex", Method::kSetPresence, "ann", Code::PERMISSION_DENIED},
      {ann, "acme", Method::kRegisterAgent, "bob", Code::PERMISSION_DENIED},
      {ann, "acme", Method::kSetPresence, "bob", Code::PERMISSION_DENIED},
      {ann, "acme", Method::kStreamOffers, "bob", Code::PERMISSION_DENIED},
      {ann, "acme", Method::kAccept, "bob", Code::PERMISSION_DENIED},
      {ann, "acme", Method::kReject, "bob", Code::PERMISSION_DENIED},
      {ann, "acme", Method::kComplete, "bob", Code::PERMISSION_DENIED},
      {acme_ops, "globex", Method::kGetInfo, "", Code::PERMISSION_DENIED},
      {acme_ops, "globex", Method::kCreateTenant, "", Code::PERMISSION_DENIED},
      {acme_ops, "globex", Method::kUpdateTenant, "", Code::PERMISSION_DENIED},
      {acme_ops, "globex", Method::kDeleteTenant, "", Code::PERMISSION_DENIED},
      {ops, "globex", Method::kGetInfo, "", Code::OK},
      {ops, "globex", Method::kUpdateTenant, "", Code::OK},
      {ops, "globex", Method::kDeleteTenant, "", Code::FAILED_PRECONDITION},
  };
  for (const Row& row : rows) Check(row);
  EXPECT_THAT(Call(crm, Method::kRoute, "globex").error_message(),
              HasSubstr("credential crm is for tenant acme, not globex"));
  EXPECT_THAT(Call(ann, Method::kAccept, "acme", "bob").error_message(),
              HasSubstr("credential desk-ann acts for agent ann, not bob"));
  EXPECT_THAT(Call(acme_ops, Method::kReload, "acme").error_message(),
              HasSubstr("needs tenant=*"));
}

TEST_F(AuthTableTest, EveryMethodRefusesAMissingBadOrExpiredCredential) {
  const Who callers[] = {
      Who{"no credential (certificate not in the file)", "", "stranger"},
      Who{"basic auth", "Basic dXNlcjpwYXNzd29yZA=="},
      Who{"a short token", "Bearer sbt_short"},
      Bearer("a token not in the file", unknown_.token),
      Bearer("an expired token", old_.token),
  };
  for (const Who& who : callers) {
    for (Method m : auth::kAllMethods) {
      Check(Row{who, "acme", m, "ann", Code::UNAUTHENTICATED});
    }
  }
  EXPECT_THAT(Call(callers[0], Method::kRoute, "acme").error_message(),
              HasSubstr("unknown certificate: no cert-cn=stranger"));
  EXPECT_THAT(Call(callers[1], Method::kRoute, "acme").error_message(),
              HasSubstr("malformed credential"));
  EXPECT_THAT(Call(callers[3], Method::kRoute, "acme").error_message(),
              HasSubstr("unknown token"));
  EXPECT_THAT(Call(callers[4], Method::kRoute, "acme").error_message(),
              HasSubstr("credential old expired at 2020-01-01T00:00:00"));
  // A certificate from a CA the server does not know: no handshake, so
  // no call at all (UNAVAILABLE), whatever token it carries.
  Caller unknown_ca(grpc::CreateChannel(server_->address(),
                                        TlsCredentials("ca", "other-client")));
  for (Method m : {Method::kRoute, Method::kGetInfo, Method::kEcho}) {
    EXPECT_EQ(unknown_ca.Call(Bearer("crm", crm_.token), m, "acme", "ann")
                  .error_code(),
              Code::UNAVAILABLE);
  }
}

TEST_F(AuthTableTest, ListTenantsShowsOnlyTheCredentialsTenants) {
  auto list = [&](const Issued& who) {
    grpc::ClientContext context;
    SetDeadline(&context);
    context.AddMetadata("authorization", absl::StrCat("Bearer ", who.token));
    v1::ListTenantsResponse out;
    auto admin = v1::Admin::NewStub(grpc::CreateChannel(
        server_->address(), TlsCredentials("ca", "client")));
    EXPECT_THAT(admin->ListTenants(&context, v1::ListTenantsRequest(), &out),
                GrpcOk());
    std::vector<std::string> names;
    for (const v1::TenantInfo& t : out.tenants()) names.push_back(t.tenant());
    std::sort(names.begin(), names.end());
    return names;
  };
  EXPECT_THAT(list(acme_ops_), ::testing::ElementsAre("acme"));
  EXPECT_THAT(list(ops_), ::testing::ElementsAre("acme", "globex"));
}

// A single-tenant server on loopback with a tokens file (no TLS: loopback
// allows it) and the flags given.
std::unique_ptr<ServerProcess> StartWithTokens(
    const std::string& tokens, std::vector<std::string> flags = {},
    const std::string& log = "") {
  ServerProcessOptions options;
  options.extra_args = {"--tokens", tokens};
  for (std::string& f : flags) options.extra_args.push_back(std::move(f));
  options.log_path = log;
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(options);
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *std::move(server) : nullptr;
}

void ExpectStopsCleanly(ServerProcess& server) {
  absl::StatusOr<int> code = server.Stop();
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);
}

TEST(AuthE2eTest, AnAgentsDayWithTokens) {
  const Issued crm = TokenNew("--tenant default --role router");
  const Issued ann = TokenNew("--tenant default --role agent --agent ann");
  const Issued wall = TokenNew("--tenant default --role supervisor");
  const std::string tokens = E2eTempPath("tokens.txt");
  WriteText(tokens,
            absl::StrCat(crm.line, "\n", ann.line, "\n", wall.line, "\n"));
  std::unique_ptr<ServerProcess> server = StartWithTokens(tokens);
  ASSERT_NE(server, nullptr);
  auto channel = server->Channel();
  AgentDayWithTokens(channel, crm, ann, "", "day-1");
  if (HasFatalFailure()) return;
  auto routing = v1::Routing::NewStub(channel);
  {
    grpc::ClientContext context;
    WithToken(&context, wall);
    v1::GetContactRequest r;
    r.set_contact_id("day-1");
    v1::ContactStatus out;
    ASSERT_THAT(routing->GetContact(&context, r, &out), GrpcOk());
    EXPECT_EQ(out.state(), v1::CONTACT_STATE_RESOLVED);
  }
  ExpectStopsCleanly(*server);
}

TEST(AuthE2eTest, AbuseLimitsNameTheLimitAndOthersAreServed) {
  // One call each (0.01 a second, a burst of 1), one stream per
  // connection, two per tenant.
  std::vector<Issued> who;
  std::string text;
  for (int i = 0; i < 8; ++i) {
    who.push_back(
        TokenNew(absl::StrCat("--tenant default --role router "
                              "--name r",
                              i)));
    absl::StrAppend(&text, who.back().line, "\n");
  }
  const std::string tokens = E2eTempPath("tokens.txt");
  WriteText(tokens, text);
  std::unique_ptr<ServerProcess> server = StartWithTokens(
      tokens, {"--calls-per-credential", "0.01", "--max-streams-per-connection",
               "1", "--max-streams-per-tenant", "2"});
  ASSERT_NE(server, nullptr);

  // Calls per credential: r0's second call is refused; r1 is served.
  auto routing = v1::Routing::NewStub(server->Channel());
  auto route = [&](const Issued& as, const std::string& id) {
    grpc::ClientContext context;
    WithToken(&context, as);
    v1::RouteRequest r;
    *r.mutable_contact() = SampleContact(v1::CHANNEL_CHAT, id);
    v1::RouteResponse out;
    return routing->Route(&context, r, &out);
  };
  EXPECT_THAT(route(who[0], "limit-1"), GrpcOk());
  EXPECT_THAT(route(who[0], "limit-2"),
              GrpcStatusIs(Code::RESOURCE_EXHAUSTED,
                           HasSubstr("credential r0 is over its limit of "
                                     "0.01 calls per second "
                                     "(--calls-per-credential)")));
  EXPECT_THAT(route(who[1], "limit-3"), GrpcOk());

  // Streams: each on its own connection unless said otherwise.
  auto connection = [&] {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return v1::Routing::NewStub(server->Channel(args));
  };
  struct Open {
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<
        grpc::ClientReaderWriter<v1::RouteRequest, v1::RouteStreamResponse>>
        stream;
  };
  // Opens a stream as `as` and routes one contact on it: true when the
  // answer came (the stream is open), else the stream's status in *status.
  auto open = [&](v1::Routing::Stub* stub, const Issued& as,
                  const std::string& id, Open* out, grpc::Status* status) {
    out->context = std::make_unique<grpc::ClientContext>();
    WithToken(out->context.get(), as);
    out->stream = stub->RouteStream(out->context.get());
    v1::RouteRequest r;
    *r.mutable_contact() = SampleContact(v1::CHANNEL_CHAT, id);
    v1::RouteStreamResponse answer;
    if (out->stream->Write(r) && out->stream->Read(&answer)) return true;
    *status = out->stream->Finish();
    return false;
  };
  auto close = [](Open* o) {
    o->stream->WritesDone();
    v1::RouteStreamResponse answer;
    while (o->stream->Read(&answer)) {
    }
    return o->stream->Finish();
  };
  auto a = connection();
  auto b = connection();
  auto c = connection();
  Open s1, s2, s3, s4;
  grpc::Status status;
  ASSERT_TRUE(open(a.get(), who[2], "stream-1", &s1, &status))
      << status.error_message();
  // A second stream on connection a: refused; the first goes on.
  EXPECT_FALSE(open(a.get(), who[3], "stream-2", &s2, &status));
  EXPECT_THAT(status, GrpcStatusIs(Code::RESOURCE_EXHAUSTED,
                                   HasSubstr("--max-streams-per-connection")));
  ASSERT_TRUE(open(b.get(), who[4], "stream-3", &s3, &status))
      << status.error_message();
  // A third stream of the tenant: refused, on a connection of its own.
  EXPECT_FALSE(open(c.get(), who[5], "stream-4", &s4, &status));
  EXPECT_THAT(status, GrpcStatusIs(Code::RESOURCE_EXHAUSTED,
                                   HasSubstr("tenant default has 2 streams "
                                             "open, the limit "
                                             "(--max-streams-per-tenant)")));
  // Once one closes, its place is free.
  EXPECT_THAT(close(&s1), GrpcOk());
  Open s5;
  ASSERT_TRUE(open(c.get(), who[6], "stream-5", &s5, &status))
      << status.error_message();
  EXPECT_THAT(close(&s3), GrpcOk());
  EXPECT_THAT(close(&s5), GrpcOk());
  // Unary calls were never limited by the streams.
  EXPECT_THAT(route(who[7], "limit-4"), GrpcOk());
  ExpectStopsCleanly(*server);
}

TEST(AuthE2eTest, SighupRereadsTheTokensFileAndABrokenOneKeepsTheOld) {
  const Issued crm = TokenNew("--tenant default --role router --name crm");
  const Issued late = TokenNew("--tenant default --role router --name late");
  const std::string tokens = E2eTempPath("tokens.txt");
  const std::string log = E2eTempPath("serve.log");
  WriteText(tokens, crm.line + "\n");
  std::unique_ptr<ServerProcess> server = StartWithTokens(tokens, {}, log);
  ASSERT_NE(server, nullptr);
  auto diagnostics = v1::Diagnostics::NewStub(server->Channel());
  auto echo = [&](const Issued& as) {
    grpc::ClientContext context;
    WithToken(&context, as);
    v1::EchoResponse out;
    return diagnostics->Echo(&context, v1::EchoRequest(), &out).error_code();
  };
  EXPECT_EQ(echo(crm), Code::OK);
  EXPECT_EQ(echo(late), Code::UNAUTHENTICATED);
  WriteText(tokens, absl::StrCat(crm.line, "\n", late.line, "\n"));
  server->Signal(SIGHUP);
  // Bounded: the reload is seen within 20 s or the test fails.
  Code seen = Code::UNAUTHENTICATED;
  for (int i = 0; i < 200 && seen != Code::OK; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    seen = echo(late);
  }
  EXPECT_EQ(seen, Code::OK);
  // A broken file: refused, the credentials stay.
  WriteText(tokens, "late tenant=default role=boss hash=blake2b:00\n");
  server->Signal(SIGHUP);
  bool refused = false;
  for (int i = 0; i < 200 && !refused; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    refused =
        ReadWholeFile(log).find("tokens reload failed") != std::string::npos;
  }
  EXPECT_TRUE(refused) << ReadWholeFile(log);
  EXPECT_THAT(ReadWholeFile(log), HasSubstr(absl::StrCat(tokens, ":1: ")));
  EXPECT_EQ(echo(crm), Code::OK);
  EXPECT_EQ(echo(late), Code::OK);
  ExpectStopsCleanly(*server);
}

TEST(AuthE2eTest, RouteAndLoadgenSendTheirTokenFile) {
  const Issued crm = TokenNew("--tenant default --role router --name crm");
  const std::string tokens = E2eTempPath("tokens.txt");
  WriteText(tokens, crm.line + "\n");
  const std::string token_file = E2eTempPath("crm.token");
  WriteText(token_file, crm.token + "\n");
  std::unique_ptr<ServerProcess> server = StartWithTokens(tokens);
  ASSERT_NE(server, nullptr);
  const std::string out = E2eTempPath("client.out");
  const std::string route =
      absl::StrCat(SWITCHBOARD_SERVER_BINARY, " route --server ",
                   server->address(), " --deadline 30 --channel email");
  EXPECT_EQ(RunShell(absl::StrCat(route, " --token-file ", token_file,
                                  " 'Mijn aanslag klopt niet'"),
                     out),
            0)
      << ReadWholeFile(out);
  // A router routes; the statistics are a supervisor's.
  EXPECT_THAT(
      ReadWholeFile(out),
      HasSubstr("statistics not shown: credential crm has role router"));
  EXPECT_EQ(RunShell(absl::StrCat("SWITCHBOARD_TOKEN=", crm.token, " ", route,
                                  " 'Nog een vraag'"),
                     out),
            0)
      << ReadWholeFile(out);
  EXPECT_NE(RunShell(absl::StrCat(route, " 'Zonder token'"), out), 0);
  EXPECT_THAT(ReadWholeFile(out), HasSubstr("UNAUTHENTICATED"));
  EXPECT_EQ(
      RunShell(absl::StrCat(route, " --token-file /nonexistent/t 'x'"), out),
      2);
  EXPECT_THAT(ReadWholeFile(out),
              HasSubstr("--token-file /nonexistent/t: cannot be read"));
  const std::string loadgen = absl::StrCat(
      SWITCHBOARD_SERVER_BINARY, " loadgen --server ", server->address(),
      " --mode echo --duration 1 --warmup 0 --count 200");
  EXPECT_EQ(RunShell(absl::StrCat(loadgen, " --token-file ", token_file), out),
            0)
      << ReadWholeFile(out);
  EXPECT_NE(RunShell(loadgen, out), 0);
  ExpectStopsCleanly(*server);
}

TEST(AuthE2eTest, TokenNewNamesWhatIsWrong) {
  const std::string out = E2eTempPath("token.out");
  const std::string token =
      absl::StrCat(SWITCHBOARD_SERVER_BINARY, " token new");
  struct Row {
    std::string args;
    std::string error;
  };
  for (const Row& row : {
           Row{"--tenant acme --role boss", "role=boss is not router"},
           Row{"--tenant acme --role agent", "role=agent needs agent="},
           Row{"--tenant Acme! --role router --name crm", "tenant=: "},
           Row{"--tenant acme --role router --name 'c r m'", "outside A-Z"},
           Row{"--tenant acme --role router --expires-in soon",
               "--expires-in must be a positive duration"},
           Row{"--role router", "--tenant"},
       }) {
    EXPECT_EQ(RunShell(absl::StrCat(token, " ", row.args), out), 2) << row.args;
    EXPECT_THAT(ReadWholeFile(out), HasSubstr(row.error)) << row.args;
  }
  EXPECT_EQ(RunShell(absl::StrCat(SWITCHBOARD_SERVER_BINARY, " token"), out),
            2);
}

// `serve` itself, without ServerProcess (these never listen).
std::string Serve(absl::string_view flags) {
  return absl::StrCat(SWITCHBOARD_SERVER_BINARY, " serve --config ",
                      SampleFile("config.textproto"), " --model ",
                      SWITCHBOARD_E2E_MODEL, " ", flags);
}

TEST(AuthServeTest, ServeRefusesNoAuthenticationAwayFromLoopbackAndBadTokens) {
  const std::string out = E2eTempPath("serve.out");
  // TLS without authentication, on every interface: refused, saying so.
  EXPECT_EQ(
      RunShell(Serve(absl::StrCat("--listen 0.0.0.0:0 --tls-cert ",
                                  Certs().File("server.pem"), " --tls-key ",
                                  Certs().File("server.key"))),
               out),
      2);
  EXPECT_THAT(ReadWholeFile(out),
              HasSubstr("will not listen on 0.0.0.0:0 without authentication"));
  // A tokens file with a bad line: refused, naming the file and line.
  const std::string tokens = E2eTempPath("bad-tokens.txt");
  WriteText(tokens, "# ok\nops tenant=* role=root cert-cn=x\n");
  EXPECT_EQ(
      RunShell(Serve(absl::StrCat("--listen 127.0.0.1:0 --tokens ", tokens)),
               out),
      1);
  EXPECT_THAT(ReadWholeFile(out),
              HasSubstr(absl::StrCat(tokens, ":2: role=root is not router")));
  EXPECT_EQ(
      RunShell(Serve("--listen 127.0.0.1:0 --calls-per-credential -1"), out),
      2);
  EXPECT_THAT(ReadWholeFile(out), HasSubstr("--calls-per-credential"));
}

}  // namespace
}  // namespace switchboard::e2e
