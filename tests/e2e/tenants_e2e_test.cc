// Copyright 2026 The Switchboard Authors.
//
// Tenants, end to end: the real server with --tenants-dir. Each call names
// its tenant in the metadata key x-switchboard-tenant. Nothing crosses
// tenants (contact ids, agents, statistics, offer streams); an unknown
// tenant is NOT_FOUND and a bad name INVALID_ARGUMENT; a bad file is
// refused for its tenant alone; Admin creates, updates, deletes and lists
// tenants; one tenant flooded over its calls-per-second limit is refused
// while another's calls all succeed. Counts are asserted, never times;
// every loop is bounded.

#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "e2e/e2e_testing.h"
#include "e2e/server_process.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kTenantKey[] = "x-switchboard-tenant";

void WriteFile(const std::string& path, absl::string_view text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

// A client context for `tenant` ("" = no metadata), with a deadline.
void ForTenant(grpc::ClientContext* context, absl::string_view tenant) {
  SetDeadline(context);
  if (!tenant.empty()) context->AddMetadata(kTenantKey, std::string(tenant));
}

// ServerTest's stubs, with the server started by each test (Start) once
// its tenant files are written.
class TenantsE2eTest : public ServerTest {
 protected:
  void SetUp() override {
    dir_ = E2eTempPath("tenants");
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  // DIR/<name>.textproto (and the e2e model beside it, as DIR/<name>.model).
  void AddTenantFile(absl::string_view name, absl::string_view extra = "") {
    WriteFile(ConfigPath(name), SampleConfigWithoutTraining(extra));
    fs::copy_file(SWITCHBOARD_E2E_MODEL,
                  fs::path(dir_) / absl::StrCat(name, ".model"),
                  fs::copy_options::overwrite_existing);
  }
  std::string ConfigPath(absl::string_view name) const {
    return (fs::path(dir_) / absl::StrCat(name, ".textproto")).string();
  }

  void Start(std::vector<std::string> extra_args = {}) {
    ServerProcessOptions options;
    options.tenants_dir = dir_;
    options.extra_args = std::move(extra_args);
    StartServer(options);
  }

  grpc::Status RouteIn(absl::string_view tenant, const v1::Contact& contact,
                       v1::RouteResponse* response = nullptr) {
    grpc::ClientContext context;
    ForTenant(&context, tenant);
    v1::RouteRequest request;
    *request.mutable_contact() = contact;
    v1::RouteResponse scratch;
    return routing_->Route(&context, request,
                           response != nullptr ? response : &scratch);
  }
  grpc::Status ContactIn(absl::string_view tenant, const std::string& id,
                         v1::ContactStatus* status) {
    grpc::ClientContext context;
    ForTenant(&context, tenant);
    v1::GetContactRequest request;
    request.set_contact_id(id);
    return routing_->GetContact(&context, request, status);
  }
  grpc::Status StatsOf(absl::string_view tenant, v1::Stats* stats) {
    grpc::ClientContext context;
    ForTenant(&context, tenant);
    return routing_->GetStats(&context, v1::GetStatsRequest(), stats);
  }
  grpc::Status ReloadAll(v1::ReloadResponse* response) {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(60));
    return admin_->Reload(&context, v1::ReloadRequest(), response);
  }
  std::vector<std::string> TenantNames() {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListTenantsResponse list;
    EXPECT_THAT(admin_->ListTenants(&context, v1::ListTenantsRequest(), &list),
                GrpcOk());
    std::vector<std::string> names;
    for (const v1::TenantInfo& t : list.tenants()) names.push_back(t.tenant());
    return names;
  }

  std::string dir_;
};

TEST_F(TenantsE2eTest, ContactsAgentsStatsAndOffersArePerTenant) {
  AddTenantFile("gemeente-a");
  AddTenantFile("gemeente-b");
  Start();
  EXPECT_THAT(TenantNames(), ElementsAre("gemeente-a", "gemeente-b"));

  ASSERT_THAT(RouteIn("gemeente-a", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcOk());
  ASSERT_THAT(RouteIn("gemeente-a", SampleContact(v1::CHANNEL_CHAT, "c-2")),
              GrpcOk());
  // The same id in the other tenant is another contact (another channel
  // and text: in one engine it would be ALREADY_EXISTS).
  ASSERT_THAT(RouteIn("gemeente-b", SampleContact(v1::CHANNEL_LETTER, "c-1")),
              GrpcOk());

  v1::ContactStatus status;
  ASSERT_THAT(ContactIn("gemeente-a", "c-1", &status), GrpcOk());
  EXPECT_EQ(status.channel(), v1::CHANNEL_EMAIL);
  ASSERT_THAT(ContactIn("gemeente-b", "c-1", &status), GrpcOk());
  EXPECT_EQ(status.channel(), v1::CHANNEL_LETTER);
  EXPECT_THAT(ContactIn("gemeente-b", "c-2", &status),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("c-2")));

  v1::Stats a, b;
  ASSERT_THAT(StatsOf("gemeente-a", &a), GrpcOk());
  ASSERT_THAT(StatsOf("gemeente-b", &b), GrpcOk());
  EXPECT_EQ(a.total().counters().received(), 2u);
  EXPECT_EQ(b.total().counters().received(), 1u);

  // An agent registered in a is unknown to b: presence and offer stream.
  {
    grpc::ClientContext context;
    ForTenant(&context, "gemeente-a");
    v1::RegisterAgentRequest request;
    request.mutable_agent()->set_id("only-in-a");
    request.mutable_agent()->set_name("Alleen A");
    v1::RegisterAgentResponse response;
    ASSERT_THAT(agents_->RegisterAgent(&context, request, &response),
                GrpcOk());
    EXPECT_TRUE(response.created());
  }
  {
    grpc::ClientContext context;
    ForTenant(&context, "gemeente-b");
    v1::SetPresenceRequest request;
    request.set_agent_id("only-in-a");
    request.set_presence(v1::AVAILABLE);
    v1::SetPresenceResponse response;
    EXPECT_THAT(agents_->SetPresence(&context, request, &response),
                GrpcStatusIs(grpc::StatusCode::NOT_FOUND,
                             HasSubstr("only-in-a")));
  }
  {
    grpc::ClientContext context;
    ForTenant(&context, "gemeente-b");
    v1::StreamOffersRequest request;
    request.set_agent_id("only-in-a");
    std::unique_ptr<grpc::ClientReader<v1::AgentUpdate>> reader =
        agents_->StreamOffers(&context, request);
    v1::AgentUpdate update;
    int reads = 0;
    while (reads < 10 && reader->Read(&update)) ++reads;
    EXPECT_EQ(reads, 0);
    EXPECT_THAT(reader->Finish(),
                GrpcStatusIs(grpc::StatusCode::NOT_FOUND,
                             HasSubstr("only-in-a")));
  }
  // Statistics of b show nothing of a's agent or contacts.
  ASSERT_THAT(StatsOf("gemeente-b", &b), GrpcOk());
  EXPECT_EQ(b.total().counters().received(), 1u);
  ASSERT_THAT(StatsOf("gemeente-a", &a), GrpcOk());
  EXPECT_EQ(a.agents_offline() + a.agents_away() + a.agents_available(),
            b.agents_offline() + b.agents_away() + b.agents_available() + 1);
}

TEST_F(TenantsE2eTest, AnAgentOfTheSameIdInTwoTenantsGetsOnlyItsTenantsOffers) {
  AddTenantFile("a");
  AddTenantFile("b");
  Start();
  const v1::EngineConfig config = SampleConfigProto();
  // In each tenant: the sample's agents away, and "desk" (every skill)
  // available: it takes every contact of its tenant.
  for (const char* tenant : {"a", "b"}) {
    for (const v1::Agent& agent : config.agents()) {
      grpc::ClientContext context;
      ForTenant(&context, tenant);
      v1::SetPresenceRequest request;
      request.set_agent_id(agent.id());
      request.set_presence(v1::AWAY);
      v1::SetPresenceResponse response;
      ASSERT_THAT(agents_->SetPresence(&context, request, &response), GrpcOk());
    }
    grpc::ClientContext context;
    ForTenant(&context, tenant);
    v1::RegisterAgentRequest request;
    request.mutable_agent()->set_id("desk");
    request.mutable_agent()->set_name("Desk");
    request.mutable_agent()->set_presence(v1::AVAILABLE);
    for (const std::string& skill : config.skills()) {
      v1::SkillLevel* s = request.mutable_agent()->add_skills();
      s->set_skill(skill);
      s->set_level(10);
    }
    v1::RegisterAgentResponse response;
    ASSERT_THAT(agents_->RegisterAgent(&context, request, &response), GrpcOk());
  }
  auto open = [&](grpc::ClientContext* context, const char* tenant) {
    SetDeadline(context, absl::Seconds(60));
    context->AddMetadata(kTenantKey, tenant);
    v1::StreamOffersRequest request;
    request.set_agent_id("desk");
    return agents_->StreamOffers(context, request);
  };
  grpc::ClientContext a_context, b_context;
  auto a_offers = open(&a_context, "a");
  auto b_offers = open(&b_context, "b");

  ASSERT_THAT(RouteIn("a", SampleContact(v1::CHANNEL_EMAIL, "work-1")),
              GrpcOk());
  v1::AgentUpdate update;
  ASSERT_TRUE(a_offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  EXPECT_EQ(update.offer().contact_id(), "work-1");
  // b's desk of the same id was not offered a's contact: the first thing
  // on its stream is b's own.
  ASSERT_THAT(RouteIn("b", SampleContact(v1::CHANNEL_CHAT, "work-2")),
              GrpcOk());
  ASSERT_TRUE(b_offers->Read(&update));
  ASSERT_TRUE(update.has_offer()) << update.DebugString();
  EXPECT_EQ(update.offer().contact_id(), "work-2");
  v1::Stats a, b;
  ASSERT_THAT(StatsOf("a", &a), GrpcOk());
  ASSERT_THAT(StatsOf("b", &b), GrpcOk());
  EXPECT_EQ(a.total().counters().offered(), 1u);
  EXPECT_EQ(b.total().counters().offered(), 1u);
  CancelAndFinish(&a_context, a_offers.get());
  CancelAndFinish(&b_context, b_offers.get());
}

TEST_F(TenantsE2eTest, UnknownTenantsAndBadNamesAreRefusedNamingThem) {
  AddTenantFile("a");
  Start();
  EXPECT_THAT(RouteIn("nope", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND,
                           HasSubstr("tenant nope not found")));
  EXPECT_THAT(RouteIn("Not_A_Name", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           HasSubstr("Not_A_Name")));
  // Without the metadata: "default", which this server does not have.
  EXPECT_THAT(RouteIn("", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND,
                           HasSubstr("tenant default not found")));
  v1::Stats stats;
  EXPECT_THAT(StatsOf("nope", &stats),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("nope")));
  // The server's own part of GetInfo answers without a tenant.
  v1::Info info;
  EXPECT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
  EXPECT_EQ(info.tenant(), "");
  // A RouteStream for an unknown tenant ends at once with NOT_FOUND.
  grpc::ClientContext context;
  ForTenant(&context, "nope");
  auto stream = routing_->RouteStream(&context);
  stream->WritesDone();
  v1::RouteStreamResponse answer;
  int reads = 0;
  while (reads < 10 && stream->Read(&answer)) ++reads;
  EXPECT_EQ(reads, 0);
  EXPECT_THAT(stream->Finish(),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("nope")));
  // The tenant that exists serves.
  EXPECT_THAT(RouteIn("a", SampleContact(v1::CHANNEL_EMAIL, "c-1")), GrpcOk());
}

TEST_F(TenantsE2eTest, ABadFileIsRefusedForItsTenantAloneAndReloadAppliesTheDir) {
  AddTenantFile("good");
  WriteFile(ConfigPath("broken"), "departments { id: ");  // A syntax error.
  Start();
  v1::Info info;
  ASSERT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
  ASSERT_EQ(info.tenant_problems_size(), 1);
  EXPECT_THAT(info.tenant_problems(0),
              AllOf(HasSubstr("tenant broken"), HasSubstr("broken.textproto")));
  EXPECT_THAT(TenantNames(), ElementsAre("good"));
  EXPECT_THAT(RouteIn("good", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcOk());
  EXPECT_THAT(RouteIn("broken", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("broken")));

  // Reload: "broken" still refused (named in the error), a new file
  // added, "good" changed (a limit), all while "good" keeps its contact.
  AddTenantFile("added");
  WriteFile(ConfigPath("good"), SampleConfigWithoutTraining(
                                    "tenant_limits { max_open_contacts: 1 }"));
  v1::ReloadResponse reloaded;
  EXPECT_THAT(ReloadAll(&reloaded),
              GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                           AllOf(HasSubstr("1 tenant(s) refused"),
                                 HasSubstr("tenant broken"))));
  EXPECT_THAT(TenantNames(), ElementsAre("added", "good"));
  EXPECT_THAT(RouteIn("added", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcOk());
  v1::ContactStatus status;
  EXPECT_THAT(ContactIn("good", "c-1", &status), GrpcOk());
  EXPECT_THAT(RouteIn("good", SampleContact(v1::CHANNEL_CHAT, "c-2")),
              GrpcStatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                           AllOf(HasSubstr("tenant good"),
                                 HasSubstr("limit of 1 open contacts"))));

  // Mended, and a file removed: Reload applies both, and succeeds.
  AddTenantFile("broken");
  fs::remove(ConfigPath("added"));
  // "added" holds c-1: not deleted without force; the rest applies.
  EXPECT_THAT(ReloadAll(&reloaded),
              GrpcStatusIs(grpc::StatusCode::FAILED_PRECONDITION,
                           HasSubstr("tenant added holds 1 open contacts")));
  EXPECT_THAT(TenantNames(), ElementsAre("added", "broken", "good"));
  EXPECT_THAT(RouteIn("broken", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcOk());
}

TEST_F(TenantsE2eTest, AdminCreatesUpdatesDeletesAndListsTenants) {
  AddTenantFile("first");
  Start(AdminFileDirArgs());  // A tenant from a file outside DIR.
  const std::string outside = E2eTempPath("outside.textproto");
  WriteFile(outside, SampleConfigWithoutTraining(
                         "tenant_limits { calls_per_second: 50 }"));
  {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(60));
    v1::CreateTenantRequest request;
    request.set_tenant("second");
    request.set_config_path(outside);
    request.set_model_path(SWITCHBOARD_E2E_MODEL);
    v1::TenantInfo info;
    ASSERT_THAT(admin_->CreateTenant(&context, request, &info), GrpcOk());
    EXPECT_EQ(info.tenant(), "second");
    EXPECT_EQ(info.generation(), 1u);
    EXPECT_EQ(info.limits().calls_per_second(), 50);
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::CreateTenantRequest request;
    request.set_tenant("Second!");
    request.set_config_path(outside);
    v1::TenantInfo info;
    EXPECT_THAT(admin_->CreateTenant(&context, request, &info),
                GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                             HasSubstr("Second!")));
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::CreateTenantRequest request;
    request.set_tenant("first");
    v1::TenantInfo info;
    EXPECT_THAT(admin_->CreateTenant(&context, request, &info),
                GrpcStatusIs(grpc::StatusCode::ALREADY_EXISTS,
                             HasSubstr("tenant first")));
  }
  EXPECT_THAT(TenantNames(), ElementsAre("first", "second"));
  // A Reload leaves the Admin's tenant (its file is outside the dir).
  v1::ReloadResponse reloaded;
  ASSERT_THAT(ReloadAll(&reloaded), GrpcOk());
  EXPECT_THAT(TenantNames(), ElementsAre("first", "second"));

  // Update: a bad file is refused and the tenant keeps its generation.
  const std::string broken = E2eTempPath("broken.textproto");
  WriteFile(broken, "queues { id: ");
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::UpdateTenantRequest request;
    request.set_tenant("second");
    request.set_config_path(broken);
    v1::TenantInfo info;
    EXPECT_THAT(admin_->UpdateTenant(&context, request, &info),
                GrpcStatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                             AllOf(HasSubstr("tenant second"),
                                   HasSubstr("broken.textproto"))));
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::UpdateTenantRequest request;
    request.set_tenant("second");  // Its own file again.
    v1::TenantInfo info;
    ASSERT_THAT(admin_->UpdateTenant(&context, request, &info), GrpcOk());
    EXPECT_EQ(info.generation(), 2u);
  }

  // Delete: refused with open contacts unless forced.
  ASSERT_THAT(RouteIn("second", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcOk());
  ASSERT_THAT(RouteIn("second", SampleContact(v1::CHANNEL_PHONE, "c-2")),
              GrpcOk());
  auto delete_tenant = [&](const std::string& name, bool force,
                           v1::DeleteTenantResponse* response) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::DeleteTenantRequest request;
    request.set_tenant(name);
    request.set_force(force);
    return admin_->DeleteTenant(&context, request, response);
  };
  v1::DeleteTenantResponse deleted;
  EXPECT_THAT(delete_tenant("second", false, &deleted),
              GrpcStatusIs(grpc::StatusCode::FAILED_PRECONDITION,
                           HasSubstr("tenant second holds 2 open contacts")));
  ASSERT_THAT(delete_tenant("second", true, &deleted), GrpcOk());
  EXPECT_EQ(deleted.abandoned(), 2u);
  EXPECT_THAT(RouteIn("second", SampleContact(v1::CHANNEL_EMAIL, "c-3")),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("second")));
  EXPECT_THAT(delete_tenant("second", true, &deleted),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("second")));

  // A tenant of the directory, deleted, is not brought back by a Reload.
  ASSERT_THAT(delete_tenant("first", false, &deleted), GrpcOk());
  ASSERT_THAT(ReloadAll(&reloaded), GrpcOk());
  EXPECT_THAT(TenantNames(), ElementsAre());
  EXPECT_TRUE(fs::exists(ConfigPath("first") + ".deleted"));
  fs::remove(outside);
  fs::remove(broken);
}

TEST_F(TenantsE2eTest, AFloodedTenantIsRefusedWhileAnotherTenantsCallsSucceed) {
  // A bucket of 5 that refills one call every 20 s: the 50 calls (10x the
  // bucket) would need 900 s to all get through, so some are refused
  // however slow the machine (no timing is assumed).
  AddTenantFile("flooded", "tenant_limits { calls_per_second: 0.05 burst: 5 }");
  AddTenantFile("quiet");
  Start();
  constexpr int kCalls = 50;
  int flooded_ok = 0, flooded_refused = 0, quiet_ok = 0;
  std::string refusal;
  std::thread flood([&] {
    for (int i = 0; i < kCalls; ++i) {
      grpc::Status s = RouteIn(
          "flooded", SampleContact(v1::CHANNEL_EMAIL, absl::StrCat("f-", i)));
      if (s.ok()) {
        ++flooded_ok;
      } else if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        ++flooded_refused;
        refusal = s.error_message();
      }
    }
  });
  for (int i = 0; i < kCalls; ++i) {
    if (RouteIn("quiet", SampleContact(v1::CHANNEL_EMAIL, absl::StrCat("q-", i)))
            .ok()) {
      ++quiet_ok;
    }
  }
  flood.join();
  EXPECT_EQ(quiet_ok, kCalls);
  EXPECT_EQ(flooded_ok + flooded_refused, kCalls);
  EXPECT_GE(flooded_ok, 5);
  EXPECT_GE(flooded_refused, 1);
  EXPECT_THAT(refusal, AllOf(HasSubstr("tenant flooded"),
                             HasSubstr("limit of 0.05 calls per second")));
  // What was refused was not taken.
  v1::Stats stats;
  ASSERT_THAT(StatsOf("quiet", &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(), static_cast<uint64_t>(kCalls));
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListTenantsResponse list;
    ASSERT_THAT(admin_->ListTenants(&context, v1::ListTenantsRequest(), &list),
                GrpcOk());
    ASSERT_EQ(list.tenants_size(), 2);
    EXPECT_EQ(list.tenants(0).tenant(), "flooded");
    EXPECT_GE(list.tenants(0).refused_calls(),
              static_cast<uint64_t>(flooded_refused));
    EXPECT_EQ(list.tenants(1).refused_calls(), 0u);
  }
}

TEST_F(TenantsE2eTest, SighupAppliesTheDirectory) {
  AddTenantFile("first");
  Start();
  AddTenantFile("second");
  server_->Signal(SIGHUP);
  // The reload runs on the server's signal thread: ask until it is there
  // (bounded: at most 600 lists, whatever the time).
  std::vector<std::string> names;
  for (int i = 0; i < 600; ++i) {
    names = TenantNames();
    if (names.size() == 2) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_THAT(names, ElementsAre("first", "second"));
  EXPECT_THAT(RouteIn("second", SampleContact(v1::CHANNEL_EMAIL, "c-1")),
              GrpcOk());
}

TEST_F(TenantsE2eTest, LoadgenSpreadsItsCallsOverTheTenants) {
  for (const char* name : {"t1", "t2", "t3"}) AddTenantFile(name);
  Start();
  // The real load generator, bounded by its own count and duration.
  const std::string command = absl::StrCat(
      SWITCHBOARD_SERVER_BINARY, " loadgen --server ", server_->address(),
      " --tenants 3 --mode route --count 300 --duration 30 --warmup 0",
      " --contacts ", SampleFile("contacts_test.csv"), " > /dev/null 2>&1");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  uint64_t total = 0;
  for (const char* name : {"t1", "t2", "t3"}) {
    v1::Stats stats;
    ASSERT_THAT(StatsOf(name, &stats), GrpcOk());
    EXPECT_GT(stats.total().counters().received(), 0u) << name;
    total += stats.total().counters().received();
  }
  EXPECT_GE(total, 300u);
}

// CreateTenant and UpdateTenant read files only inside the tenants
// directory when no --config-dir widens it (services/server/admin_files.h).
TEST_F(TenantsE2eTest, TenantCallsReadOnlyFilesInsideTheTenantsDirectory) {
  AddTenantFile("first");
  Start();
  const std::string outside = E2eTempPath("outside-tenant.textproto");
  WriteFile(outside, SampleConfigWithoutTraining(""));
  struct Row {
    std::string path;
    grpc::StatusCode code;
    std::string message;
  };
  const Row rows[] = {
      {outside, grpc::StatusCode::PERMISSION_DENIED,
       "is outside the configuration directories (" + dir_},
      {"../first.textproto", grpc::StatusCode::INVALID_ARGUMENT,
       "config_path: ../first.textproto: a path with \"..\" is refused"},
      {"/etc/passwd", grpc::StatusCode::PERMISSION_DENIED,
       "config_path: /etc/passwd is outside"},
  };
  for (const Row& row : rows) {
    grpc::ClientContext create_context;
    SetDeadline(&create_context);
    v1::CreateTenantRequest create;
    create.set_tenant("second");
    create.set_config_path(row.path);
    v1::TenantInfo info;
    EXPECT_THAT(admin_->CreateTenant(&create_context, create, &info),
                GrpcStatusIs(row.code, HasSubstr(row.message)))
        << row.path;
    grpc::ClientContext update_context;
    SetDeadline(&update_context);
    v1::UpdateTenantRequest update;
    update.set_tenant("first");
    update.set_config_path(row.path);
    EXPECT_THAT(admin_->UpdateTenant(&update_context, update, &info),
                GrpcStatusIs(row.code, HasSubstr(row.message)))
        << row.path;
  }
  // A relative name is taken from the tenants directory.
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::UpdateTenantRequest update;
  update.set_tenant("first");
  update.set_config_path("first.textproto");
  v1::TenantInfo info;
  EXPECT_THAT(admin_->UpdateTenant(&context, update, &info), GrpcOk());
}

}  // namespace
}  // namespace switchboard::e2e
