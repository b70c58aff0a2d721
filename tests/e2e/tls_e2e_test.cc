// Copyright 2026 The Switchboard Authors.
//
// TLS on the gRPC side (services/tls/tls_credentials.h), over real
// connections to the real server: certificates made at test time with the
// openssl command (a CA, a server certificate for 127.0.0.1, a client
// certificate, and a second CA the server does not know with a client
// certificate of its own).
//
//   - TLS: a client that trusts the CA routes; a plain-text client and one
//     that trusts another CA do not get in.
//   - Mutual TLS (--tls-client-ca): a client with a certificate from the CA
//     gets in; one without a certificate, or with one from the unknown CA,
//     does not.
//   - `switchboard route` and `switchboard loadgen` with --tls-ca (and a
//     client certificate) work over TLS.
//   - The server refuses a non-loopback address without TLS and
//     authentication (before it binds anything), and bad TLS flags, naming
//     what is wrong.

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "e2e/e2e_testing.h"
#include "e2e/server_process.h"
#include "e2e/test_certificates.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::e2e {
namespace {

using ::testing::HasSubstr;

// Admin.GetInfo over a new channel with `credentials`, waiting at most 5 s
// for the connection (a refused handshake never connects).
grpc::Status InfoOver(const ServerProcess& server,
                      const std::shared_ptr<grpc::ChannelCredentials>& creds) {
  auto channel = grpc::CreateChannel(server.address(), creds);
  auto admin = v1::Admin::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(5));
  v1::Info info;
  return admin->GetInfo(&context, v1::GetInfoRequest(), &info);
}

class TlsTest : public ::testing::Test {
 protected:
  void StartTlsServer(bool mutual) {
    ServerProcessOptions options;
    options.extra_args = {"--tls-cert", Certs().File("server.pem"),
                          "--tls-key", Certs().File("server.key")};
    if (mutual) {
      options.extra_args.push_back("--tls-client-ca");
      options.extra_args.push_back(Certs().File("ca.pem"));
    }
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(TlsTest, AClientTrustingTheCaRoutesAndOthersDoNotGetIn) {
  StartTlsServer(/*mutual=*/false);
  // Trusting the CA: in, and a contact routes.
  auto channel = grpc::CreateChannel(server_->address(), TlsCredentials("ca"));
  auto routing = v1::Routing::NewStub(channel);
  v1::RouteResponse response;
  ASSERT_THAT(Route(routing.get(), SampleContact(v1::CHANNEL_EMAIL, "tls-1"),
                    &response),
              GrpcOk());
  EXPECT_FALSE(response.decision().queue().empty());
  // Plain text to a TLS port, or a client that trusts another CA: no.
  EXPECT_EQ(InfoOver(*server_, grpc::InsecureChannelCredentials()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(InfoOver(*server_, TlsCredentials("other-ca")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // Without a client CA a client certificate is not asked for: one from
  // the unknown CA changes nothing.
  EXPECT_THAT(InfoOver(*server_, TlsCredentials("ca", "other-client")),
              GrpcOk());
}

TEST_F(TlsTest, MutualTlsAdmitsOnlyClientsWithACertificateFromTheClientCa) {
  StartTlsServer(/*mutual=*/true);
  EXPECT_THAT(InfoOver(*server_, TlsCredentials("ca", "client")), GrpcOk());
  EXPECT_EQ(InfoOver(*server_, TlsCredentials("ca")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(InfoOver(*server_, TlsCredentials("ca", "other-client")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(InfoOver(*server_, grpc::InsecureChannelCredentials()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, TheRouteAndLoadgenCommandsWorkOverTls) {
  StartTlsServer(/*mutual=*/true);
  const std::string out = E2eTempPath("route.out");
  const std::string route = absl::StrCat(
      SWITCHBOARD_SERVER_BINARY, " route --server ", server_->address(),
      " --deadline 30 --channel email");
  EXPECT_EQ(RunShell(absl::StrCat(route, " --tls-ca ", Certs().File("ca.pem"),
                             " --tls-cert ", Certs().File("client.pem"),
                             " --tls-key ", Certs().File("client.key"),
                             " 'Mijn aanslag klopt niet'"),
                out),
            0)
      << ReadWholeFile(out);
  EXPECT_THAT(ReadWholeFile(out), HasSubstr("server: received 1, routed 1"));
  // Without its client certificate the mutual-TLS server lets it not in.
  EXPECT_NE(RunShell(absl::StrCat(route, " --tls-ca ", Certs().File("ca.pem"),
                             " 'Mijn aanslag klopt niet'"),
                out),
            0);
  // A key without its certificate is a usage error, named.
  EXPECT_EQ(RunShell(absl::StrCat(route, " --tls-key ", Certs().File("client.key"),
                             " 'x'"),
                out),
            2);
  EXPECT_THAT(ReadWholeFile(out), HasSubstr("--tls-key needs --tls-cert"));
  // The load generator, bounded in time and count.
  EXPECT_EQ(
      RunShell(absl::StrCat(SWITCHBOARD_SERVER_BINARY, " loadgen --server ",
                            server_->address(), " --mode echo --duration 1 "
                            "--warmup 0 --count 200 --tls-ca ",
                            Certs().File("ca.pem"), " --tls-cert ",
                            Certs().File("client.pem"), " --tls-key ",
                            Certs().File("client.key")),
               out),
      0)
      << ReadWholeFile(out);
  EXPECT_THAT(ReadWholeFile(out), HasSubstr("echo"));
}

// `serve` itself, without ServerProcess (these never listen).
std::string Serve(absl::string_view flags) {
  return absl::StrCat(SWITCHBOARD_SERVER_BINARY, " serve --config ",
                      SampleFile("config.textproto"), " --model ",
                      SWITCHBOARD_E2E_MODEL, " ", flags);
}

TEST(TlsServeTest, ANonLoopbackAddressWithoutTlsIsRefusedBeforeBinding) {
  const std::string out = E2eTempPath("serve.out");
  EXPECT_EQ(RunShell(Serve("--listen 0.0.0.0:0"), out), 2);
  const std::string text = ReadWholeFile(out);
  EXPECT_THAT(text, HasSubstr("will not listen on 0.0.0.0:0 without TLS"));
  EXPECT_THAT(text, HasSubstr("--insecure"));
  EXPECT_EQ(RunShell(Serve("--listen [::]:0"), out), 2);
}

TEST(TlsServeTest, BadTlsFlagsAreRefusedNamingTheFlagAndFile) {
  const std::string out = E2eTempPath("serve.out");
  EXPECT_NE(RunShell(Serve(absl::StrCat("--listen 127.0.0.1:0 --tls-cert ",
                                   Certs().File("server.pem"))),
                out),
            0);
  EXPECT_THAT(ReadWholeFile(out), HasSubstr("--tls-cert needs --tls-key"));
  EXPECT_NE(RunShell(Serve("--listen 127.0.0.1:0 --tls-cert /nonexistent/cert.pem "
                      "--tls-key /nonexistent/key.pem"),
                out),
            0);
  EXPECT_THAT(ReadWholeFile(out),
              HasSubstr("--tls-cert: cannot read /nonexistent/cert.pem"));
  // A key file given as the certificate: no PEM certificate in it.
  EXPECT_NE(RunShell(Serve(absl::StrCat("--listen 127.0.0.1:0 --tls-cert ",
                                   Certs().File("server.key"), " --tls-key ",
                                   Certs().File("server.key"))),
                out),
            0);
  EXPECT_THAT(ReadWholeFile(out), HasSubstr("holds no PEM certificate"));
  EXPECT_NE(RunShell(Serve(absl::StrCat("--listen 127.0.0.1:0 --tls-client-ca ",
                                   Certs().File("ca.pem"))),
                out),
            0);
  EXPECT_THAT(ReadWholeFile(out),
              HasSubstr("--tls-client-ca needs --tls-cert and --tls-key"));
}

}  // namespace
}  // namespace switchboard::e2e
