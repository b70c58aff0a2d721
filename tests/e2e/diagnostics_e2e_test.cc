// Copyright 2026 The Switchboard Authors.
//
// End-to-end: Diagnostics.Echo (the gRPC stack's ceiling for `switchboard
// loadgen`) against the real server binary.

#include <string>

#include "e2e/e2e_testing.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace switchboard::e2e {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

class DiagnosticsE2eTest : public ServerTest {
 protected:
  grpc::Status Echo(const std::string& payload, v1::EchoResponse* response) {
    auto diagnostics = v1::Diagnostics::NewStub(channel_);
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::EchoRequest request;
    request.set_payload(payload);
    return diagnostics->Echo(&context, request, response);
  }
};

TEST_F(DiagnosticsE2eTest, EchoReturnsThePayload) {
  std::string binary;  // Every byte value, NUL included: bytes, not UTF-8.
  for (int i = 0; i < 256; ++i) binary.push_back(static_cast<char>(i));
  for (const std::string& payload : {std::string(), std::string("ping"), binary,
                                     std::string(100'000, 'x')}) {
    SCOPED_TRACE(payload.size());
    v1::EchoResponse response;
    ASSERT_THAT(Echo(payload, &response), GrpcOk());
    EXPECT_EQ(response.payload(), payload);
  }
}

TEST_F(DiagnosticsE2eTest, EchoChangesNoStatistics) {
  v1::EchoResponse response;
  ASSERT_THAT(Echo("ping", &response), GrpcOk());
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(), 0u);
}

TEST_F(DiagnosticsE2eTest, HealthReportsTheServiceServing) {
  auto health = Health::NewStub(channel_);
  grpc::ClientContext context;
  SetDeadline(&context);
  HealthCheckRequest request;
  request.set_service("switchboard.v1.Diagnostics");
  HealthCheckResponse response;
  ASSERT_THAT(health->Check(&context, request, &response), GrpcOk());
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace switchboard::e2e
