// Copyright 2026 The Switchboard Authors.
//
// End-to-end: standard gRPC health checking and server reflection, as a
// generic tool would use them (through mirrors of their protos). This
// server trains its model at start-up (no --model), covering that path.

#include <google/protobuf/descriptor.pb.h>

#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "e2e/e2e_testing.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "reflection.grpc.pb.h"

namespace switchboard::e2e {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::grpc::reflection::v1alpha::ServerReflection;
using ::grpc::reflection::v1alpha::ServerReflectionRequest;
using ::grpc::reflection::v1alpha::ServerReflectionResponse;
using ::testing::Contains;
using ::testing::IsSupersetOf;

class HealthReflectionE2eTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerProcessOptions options;
    options.train_at_startup = true;
    options.extra_args = {"--shutdown-grace-ms", "1000"};
    StartServer(options);
  }

  grpc::Status Check(const std::string& service,
                     HealthCheckResponse* response) {
    auto health = Health::NewStub(channel_);
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(5));
    HealthCheckRequest request;
    request.set_service(service);
    return health->Check(&context, request, response);
  }
};

TEST_F(HealthReflectionE2eTest, HealthIsServingUntilShutdown) {
  for (const char* service :
       {"", "switchboard.v1.Routing", "switchboard.v1.Agents",
        "switchboard.v1.Admin"}) {
    HealthCheckResponse response;
    ASSERT_THAT(Check(service, &response), GrpcOk()) << service;
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << service;
  }
  HealthCheckResponse unknown;
  EXPECT_THAT(Check("no.such.Service", &unknown),
              GrpcStatusIs(grpc::StatusCode::NOT_FOUND, ::testing::_));

  // A watcher sees SERVING, then NOT_SERVING (or the end of the stream)
  // when the server shuts down. gRPC's health service keeps a Watch open
  // until the shutdown's grace period (1 s) ends: the exit takes that long.
  // Nothing here is timed: the watch's own deadline is far beyond any
  // grace period, so that a stream the server ends shows as the server's
  // doing (not DEADLINE_EXCEEDED) however slow the machine is.
  auto health = Health::NewStub(channel_);
  grpc::ClientContext watch_context;
  SetDeadline(&watch_context, absl::Minutes(2));
  HealthCheckRequest request;
  auto watch = health->Watch(&watch_context, request);
  HealthCheckResponse update;
  ASSERT_TRUE(watch->Read(&update));
  EXPECT_EQ(update.status(), HealthCheckResponse::SERVING);

  const absl::Time sigterm = absl::Now();
  absl::StatusOr<int> exit_code = server_->Stop(absl::Seconds(110));
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_EQ(*exit_code, 0);
  std::cout << "exit took " << (absl::Now() - sigterm) << " (grace 1 s)"
            << std::endl;
  std::vector<HealthCheckResponse::ServingStatus> after;
  while (after.size() < 10 && watch->Read(&update)) {
    after.push_back(update.status());
  }
  const grpc::Status watch_end = watch->Finish();
  EXPECT_NE(watch_end.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << "the server exited, but not before the watch's own deadline";
  for (HealthCheckResponse::ServingStatus s : after) {
    EXPECT_NE(s, HealthCheckResponse::SERVING);
  }
  HealthCheckResponse response;
  EXPECT_THAT(Check("", &response),
              GrpcStatusIs(grpc::StatusCode::UNAVAILABLE, ::testing::_));
}

TEST_F(HealthReflectionE2eTest, ReflectionListsAndDescribesTheServices) {
  auto reflection = ServerReflection::NewStub(channel_);
  grpc::ClientContext context;
  SetDeadline(&context, absl::Seconds(10));
  auto stream = reflection->ServerReflectionInfo(&context);

  ServerReflectionRequest list;
  list.set_list_services("");
  ASSERT_TRUE(stream->Write(list));
  ServerReflectionResponse listed;
  ASSERT_TRUE(stream->Read(&listed));
  ASSERT_TRUE(listed.has_list_services_response()) << listed.DebugString();
  std::vector<std::string> names;
  for (const auto& s : listed.list_services_response().service()) {
    names.push_back(s.name());
  }
  EXPECT_THAT(names,
              IsSupersetOf({"switchboard.v1.Routing", "switchboard.v1.Agents",
                            "switchboard.v1.Admin", "grpc.health.v1.Health"}));

  ServerReflectionRequest describe;
  describe.set_file_containing_symbol("switchboard.v1.Routing");
  ASSERT_TRUE(stream->Write(describe));
  ServerReflectionResponse described;
  ASSERT_TRUE(stream->Read(&described));
  ASSERT_TRUE(described.has_file_descriptor_response())
      << described.DebugString();
  std::vector<std::string> services, files;
  for (const std::string& bytes :
       described.file_descriptor_response().file_descriptor_proto()) {
    google::protobuf::FileDescriptorProto file;
    ASSERT_TRUE(file.ParseFromString(bytes));
    files.push_back(file.name());
    for (const auto& service : file.service()) {
      services.push_back(service.name());
    }
  }
  EXPECT_THAT(files, Contains("switchboard/v1/service.proto"));
  EXPECT_THAT(services, IsSupersetOf({"Routing", "Agents", "Admin"}));

  // Every listed service can be described, health too (libgrpc++'s health
  // service has no descriptor of its own: a generic client used to get
  // "Symbol not found" here).
  for (const std::string& name : names) {
    ServerReflectionRequest request;
    request.set_file_containing_symbol(name);
    ASSERT_TRUE(stream->Write(request));
    ServerReflectionResponse response;
    ASSERT_TRUE(stream->Read(&response));
    ASSERT_TRUE(response.has_file_descriptor_response())
        << name << ": " << response.DebugString();
    bool found = false;
    for (const std::string& bytes :
         response.file_descriptor_response().file_descriptor_proto()) {
      google::protobuf::FileDescriptorProto file;
      ASSERT_TRUE(file.ParseFromString(bytes));
      for (const auto& service : file.service()) {
        if (absl::StrCat(file.package(), ".", service.name()) != name) continue;
        found = true;
        EXPECT_GT(service.method_size(), 0) << name;
        if (name == "grpc.health.v1.Health") {
          EXPECT_EQ(file.name(), "grpc/health/v1/health.proto");
          EXPECT_EQ(service.method(0).name(), "Check");
        }
      }
    }
    EXPECT_TRUE(found) << name << " is not in the file reflection gave";
  }
  stream->WritesDone();
  EXPECT_THAT(stream->Finish(), GrpcOk());
}

}  // namespace
}  // namespace switchboard::e2e
