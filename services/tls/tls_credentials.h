// Copyright 2026 The Switchboard Authors.
//
// tls_credentials.h: TLS for the gRPC side, from PEM files, and the rule
// that keeps a server without TLS on loopback.
//
//   serve --tls-cert server.pem --tls-key server.key      TLS
//         ... --tls-client-ca ca.pem                       mutual TLS: every
//                                                          client presents a
//                                                          certificate signed
//                                                          by ca.pem
//   route / loadgen --tls-ca ca.pem [--tls-cert client.pem --tls-key
//         client.key]
//
// gRPC's own TLS (grpc::SslServerCredentials, grpc::SslCredentials, over
// the system's OpenSSL) does the handshake and the verification; this file
// only reads the files and names what is wrong with them.
//
// Secure by default: a server without both TLS and authentication (a
// tokens file, or client certificates) listens on loopback only. A
// non-loopback address without them is refused unless the operator passes
// --insecure, which says in so many words that anyone who reaches the port
// can do anything.

#ifndef SWITCHBOARD_SERVICES_TLS_TLS_CREDENTIALS_H_
#define SWITCHBOARD_SERVICES_TLS_TLS_CREDENTIALS_H_

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace switchboard::tls {

struct ServerTls {
  std::string cert_file;       // PEM certificate chain of the server.
  std::string key_file;        // PEM private key of that certificate.
  std::string client_ca_file;  // When set: mutual TLS, clients verified
                               // against these PEM CA certificates.
  bool enabled() const { return !cert_file.empty() || !key_file.empty(); }
};

// The server's credentials: insecure when `tls` is not enabled, else TLS
// (and client verification with a client CA). INVALID_ARGUMENT naming the
// flag and the file when one is missing, unreadable or holds no PEM block
// of the kind expected (a key without a certificate, or the reverse, too).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(
    const ServerTls& tls);

struct ClientTls {
  std::string ca_file;    // PEM CA certificates that signed the server's.
  std::string cert_file;  // For mutual TLS: the client's certificate...
  std::string key_file;   // ...and its key.
  bool enabled() const {
    return !ca_file.empty() || !cert_file.empty() || !key_file.empty();
  }
};

// The channel's credentials: insecure when `tls` is not enabled, else TLS
// verifying the server against `ca_file` (the system's roots when empty).
// Errors as ServerCredentials'.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const ClientTls& tls);

// True for a loopback listen address: 127.x.x.x, localhost, ::1 (with or
// without brackets, with a port), and unix: sockets. "0.0.0.0", "[::]" and
// every other host are not.
bool IsLoopbackAddress(absl::string_view address);

// OK for a loopback address, with TLS and authentication
// (`authenticates`: a tokens file or a client CA), or with `insecure`;
// otherwise FAILED_PRECONDITION naming what is missing, why the server
// will not listen there and what to pass.
absl::Status CheckListenAddress(absl::string_view address, bool tls,
                                bool authenticates, bool insecure);

}  // namespace switchboard::tls

#endif  // SWITCHBOARD_SERVICES_TLS_TLS_CREDENTIALS_H_
