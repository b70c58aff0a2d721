// Copyright 2026 The Switchboard Authors.
//
// test_certificates.h: the certificates of the TLS and authentication e2e
// tests, made once per test program with the openssl command: a CA, a
// server certificate for 127.0.0.1 and localhost, client certificates from
// the CA (CN test-client, CN stranger), and a second CA the servers do not
// know with a client certificate of its own (CN other-client).
//
//   TlsCredentials("ca", "client")   trusts ca.pem, presents client.pem

#ifndef SWITCHBOARD_TESTS_E2E_TEST_CERTIFICATES_H_
#define SWITCHBOARD_TESTS_E2E_TEST_CERTIFICATES_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {

// Runs `command` with the shell, its output (stdout and stderr) to
// `output_path`; its exit code (-1 when it did not exit normally).
inline int RunShell(const std::string& command,
                    const std::string& output_path) {
  const int status =
      std::system(absl::StrCat(command, " > ", output_path, " 2>&1").c_str());
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The certificates, made once for the whole suite.
struct Certificates {
  std::string dir;
  std::string File(absl::string_view name) const {
    return absl::StrCat(dir, "/", name);
  }
};

inline const Certificates& Certs() {
  static const Certificates* const certs = [] {
    auto* c = new Certificates{E2eTempPath("tls")};
    const std::string d = c->dir;
    const std::string log = absl::StrCat(d, "/openssl.log");
    // Elliptic-curve keys: made at once (RSA keys take a while).
    const std::string key =
        "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    const std::string script = absl::StrCat(
        "set -e; mkdir -p ", d, "; cd ", d, "; ",
        // The CA and the unknown one.
        "openssl req -x509 ", key,
        " -keyout ca.key -out ca.pem -days 2 -subj '/CN=Switchboard test "
        "CA'; ",
        "openssl req -x509 ", key,
        " -keyout other-ca.key -out other-ca.pem -days 2 -subj '/CN=Unknown "
        "CA'; ",
        // The server's certificate, for 127.0.0.1 and localhost.
        "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext; ",
        "openssl req ", key,
        " -keyout server.key -out server.csr -subj '/CN=localhost'; ",
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key "
        "-CAcreateserial -out server.pem -days 2 -extfile server.ext; ",
        // Client certificates from each CA.
        "printf 'extendedKeyUsage=clientAuth\\n' > client.ext; ",
        "openssl req ", key,
        " -keyout client.key -out client.csr -subj '/CN=test-client'; ",
        "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key "
        "-CAcreateserial -out client.pem -days 2 -extfile client.ext; ",
        "openssl req ", key,
        " -keyout other-client.key -out other-client.csr "
        "-subj '/CN=other-client'; ",
        "openssl x509 -req -in other-client.csr -CA other-ca.pem "
        "-CAkey other-ca.key -CAcreateserial -out other-client.pem -days 2 "
        "-extfile client.ext; ",
        "openssl req ", key,
        " -keyout stranger.key -out stranger.csr -subj '/CN=stranger'; ",
        "openssl x509 -req -in stranger.csr -CA ca.pem -CAkey ca.key "
        "-CAcreateserial -out stranger.pem -days 2 -extfile client.ext");
    std::system(absl::StrCat("mkdir -p ", d).c_str());
    const int code = RunShell(absl::StrCat("bash -c \"", script, "\""), log);
    EXPECT_EQ(code, 0) << "openssl failed: " << ReadWholeFile(log);
    return c;
  }();
  return *certs;
}

// Client credentials trusting `ca`, with a client certificate when
// `client` names one ("client" -> client.pem and client.key).
inline std::shared_ptr<grpc::ChannelCredentials> TlsCredentials(
    absl::string_view ca, absl::string_view client = "") {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs =
      ReadWholeFile(Certs().File(absl::StrCat(ca, ".pem")));
  if (!client.empty()) {
    options.pem_cert_chain =
        ReadWholeFile(Certs().File(absl::StrCat(client, ".pem")));
    options.pem_private_key =
        ReadWholeFile(Certs().File(absl::StrCat(client, ".key")));
  }
  return grpc::SslCredentials(options);
}

}  // namespace switchboard::e2e

#endif  // SWITCHBOARD_TESTS_E2E_TEST_CERTIFICATES_H_
