// Copyright 2026 The Switchboard Authors.
//
// The loopback rule and the file checks of services/tls/tls_credentials.h
// (the handshakes themselves: tests/e2e/tls_e2e_test.cc).

#include "tls/tls_credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"

namespace switchboard::tls {
namespace {

using ::testing::HasSubstr;

TEST(IsLoopbackAddressTest, LoopbackHostsAndUnixSocketsOnly) {
  for (const char* a : {"127.0.0.1:50051", "127.0.0.1:0", "127.1.2.3:8080",
                        "localhost:50051", "LOCALHOST:1", "[::1]:50051", "::1",
                        "unix:/tmp/switchboard.sock", "unix-abstract:sb"}) {
    EXPECT_TRUE(IsLoopbackAddress(a)) << a;
  }
  for (const char* a :
       {"0.0.0.0:50051", "[::]:50051", "10.0.0.5:50051", "192.168.1.1:1",
        "128.0.0.1:50051", "127.0.0.256:1", "127.0.0:1", "127.0.0.1.5:1",
        "example.com:50051", "localhost.example.com:1", "[::1:1", ""}) {
    EXPECT_FALSE(IsLoopbackAddress(a)) << a;
  }
}

TEST(CheckListenAddressTest, ANonLoopbackAddressNeedsTlsAndAuthOrInsecure) {
  // address, tls, authenticates, insecure
  EXPECT_TRUE(CheckListenAddress("127.0.0.1:1", false, false, false).ok());
  EXPECT_TRUE(CheckListenAddress("0.0.0.0:1", true, true, false).ok());
  EXPECT_TRUE(CheckListenAddress("0.0.0.0:1", false, false, true).ok());
  struct Row {
    bool tls, auth;
    const char* missing;
  };
  for (const Row& row : {Row{false, false, "without TLS and authentication"},
                         Row{true, false, "without authentication"},
                         Row{false, true, "without TLS:"}}) {
    const absl::Status s =
        CheckListenAddress("10.1.2.3:50051", row.tls, row.auth, false);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << row.missing;
    EXPECT_THAT(s.message(), HasSubstr("will not listen on 10.1.2.3:50051"));
    EXPECT_THAT(s.message(), HasSubstr(row.missing));
    EXPECT_THAT(s.message(), HasSubstr("--tls-cert and --tls-key"));
    EXPECT_THAT(s.message(), HasSubstr("--tokens FILE"));
    EXPECT_THAT(s.message(), HasSubstr("--insecure"));
  }
}

std::string WriteFile(absl::string_view name, absl::string_view text) {
  const std::string path = absl::StrCat(::testing::TempDir(), "tls_test_", name);
  std::ofstream(path, std::ios::trunc) << text;
  return path;
}

TEST(ServerCredentialsTest, NoTlsIsInsecureAndEveryBadFileIsNamed) {
  EXPECT_TRUE(ServerCredentials(ServerTls{}).ok());
  const std::string cert =
      WriteFile("cert.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n"
                            "-----END CERTIFICATE-----\n");
  const std::string key =
      WriteFile("key.pem", "-----BEGIN PRIVATE KEY-----\nMIIB\n"
                           "-----END PRIVATE KEY-----\n");
  const std::string junk = WriteFile("junk.pem", "not a PEM file\n");
  struct Case {
    ServerTls tls;
    const char* error;
  } cases[] = {
      {{.cert_file = cert}, "--tls-cert needs --tls-key too"},
      {{.key_file = key}, "--tls-key needs --tls-cert too"},
      {{.client_ca_file = cert}, "--tls-client-ca needs --tls-cert and --tls-key"},
      {{.cert_file = "/nonexistent.pem", .key_file = key},
       "--tls-cert: cannot read /nonexistent.pem"},
      {{.cert_file = junk, .key_file = key}, "holds no PEM certificate"},
      {{.cert_file = cert, .key_file = junk}, "holds no PEM private key"},
      {{.cert_file = cert, .key_file = key, .client_ca_file = junk},
       "--tls-client-ca: "},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> creds =
        ServerCredentials(c.tls);
    ASSERT_FALSE(creds.ok()) << c.error;
    EXPECT_EQ(creds.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(creds.status().message(), HasSubstr(c.error));
  }
  // Well-formed PEM files are accepted here (gRPC checks the contents when
  // the server starts: tests/e2e/tls_e2e_test.cc).
  EXPECT_TRUE(ServerCredentials({.cert_file = cert, .key_file = key}).ok());
}

TEST(ChannelCredentialsTest, NoTlsIsInsecureAndBadFilesAreNamed) {
  EXPECT_TRUE(ChannelCredentials(ClientTls{}).ok());
  const std::string junk = WriteFile("junk2.pem", "nothing");
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> creds =
      ChannelCredentials({.ca_file = junk});
  ASSERT_FALSE(creds.ok());
  EXPECT_THAT(creds.status().message(), HasSubstr("--tls-ca: "));
  creds = ChannelCredentials({.key_file = junk});
  ASSERT_FALSE(creds.ok());
  EXPECT_THAT(creds.status().message(), HasSubstr("--tls-key needs --tls-cert"));
}

}  // namespace
}  // namespace switchboard::tls
