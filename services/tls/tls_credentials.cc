// Copyright 2026 The Switchboard Authors.

#include "tls/tls_credentials.h"

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace switchboard::tls {
namespace {

// What a PEM file given to `flag` must hold.
enum class Pem { kCertificate, kPrivateKey };

// The contents of `path`, given as `flag`, when it holds a PEM block of
// `kind` ("-----BEGIN CERTIFICATE-----", "-----BEGIN ... PRIVATE KEY-----").
absl::StatusOr<std::string> ReadPem(absl::string_view flag,
                                    const std::string& path, Pem kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read ", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string pem = text.str();
  const bool ok =
      kind == Pem::kCertificate
          ? absl::StrContains(pem, "-----BEGIN CERTIFICATE-----")
          : absl::StrContains(pem, "-----BEGIN ") &&
                absl::StrContains(pem, "PRIVATE KEY-----");
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, ": ", path, " holds no PEM ",
        kind == Pem::kCertificate ? "certificate (-----BEGIN CERTIFICATE-----)"
                                  : "private key (-----BEGIN ... PRIVATE "
                                    "KEY-----)"));
  }
  return pem;
}

// Both of a certificate and its key, or neither.
absl::Status CheckPair(absl::string_view cert_flag, const std::string& cert,
                       absl::string_view key_flag, const std::string& key) {
  if (cert.empty() != key.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        cert.empty() ? key_flag : cert_flag, " needs ",
        cert.empty() ? cert_flag : key_flag, " too (a certificate and its key)"));
  }
  return absl::OkStatus();
}

// A certificate chain and its key, read from --tls-cert and --tls-key.
struct CertAndKey {
  std::string cert;
  std::string key;
};

// Both files read, or both empty when neither is given.
absl::StatusOr<CertAndKey> ReadCertAndKey(const std::string& cert_file,
                                          const std::string& key_file) {
  if (absl::Status s = CheckPair("--tls-cert", cert_file, "--tls-key", key_file);
      !s.ok()) {
    return s;
  }
  if (cert_file.empty()) return CertAndKey{};
  absl::StatusOr<std::string> cert =
      ReadPem("--tls-cert", cert_file, Pem::kCertificate);
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key =
      ReadPem("--tls-key", key_file, Pem::kPrivateKey);
  if (!key.ok()) return key.status();
  return CertAndKey{*std::move(cert), *std::move(key)};
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(
    const ServerTls& tls) {
  if (!tls.enabled()) {
    if (!tls.client_ca_file.empty()) {
      return absl::InvalidArgumentError(
          "--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is "
          "TLS first)");
    }
    return grpc::InsecureServerCredentials();
  }
  absl::StatusOr<CertAndKey> own = ReadCertAndKey(tls.cert_file, tls.key_file);
  if (!own.ok()) return own.status();
  grpc::SslServerCredentialsOptions options(
      GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_key_cert_pairs.push_back({own->key, own->cert});
  if (!tls.client_ca_file.empty()) {
    absl::StatusOr<std::string> ca =
        ReadPem("--tls-client-ca", tls.client_ca_file, Pem::kCertificate);
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
    options.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const ClientTls& tls) {
  if (!tls.enabled()) return grpc::InsecureChannelCredentials();
  absl::StatusOr<CertAndKey> own = ReadCertAndKey(tls.cert_file, tls.key_file);
  if (!own.ok()) return own.status();
  grpc::SslCredentialsOptions options;
  if (!tls.ca_file.empty()) {
    absl::StatusOr<std::string> ca =
        ReadPem("--tls-ca", tls.ca_file, Pem::kCertificate);
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
  }
  options.pem_cert_chain = std::move(own->cert);  // Empty: no client
  options.pem_private_key = std::move(own->key);  // certificate.
  return grpc::SslCredentials(options);
}

bool IsLoopbackAddress(absl::string_view address) {
  address = absl::StripAsciiWhitespace(address);
  if (absl::StartsWith(address, "unix:") ||
      absl::StartsWith(address, "unix-abstract:")) {
    return true;
  }
  absl::string_view host = address;
  if (absl::StartsWith(host, "[")) {  // [v6]:port
    const size_t close = host.find(']');
    if (close == absl::string_view::npos) return false;
    host = host.substr(1, close - 1);
  } else if (std::count(host.begin(), host.end(), ':') == 1) {
    host = host.substr(0, host.find(':'));  // host:port
  }
  if (absl::EqualsIgnoreCase(host, "localhost") || host == "::1") return true;
  // 127.0.0.0/8: four numbers, the first 127.
  std::vector<absl::string_view> parts = absl::StrSplit(host, '.');
  if (parts.size() != 4 || parts[0] != "127") return false;
  for (absl::string_view p : parts) {
    int n = 0;
    if (p.empty() || p.size() > 3 || !absl::SimpleAtoi(p, &n) || n > 255) {
      return false;
    }
  }
  return true;
}

absl::Status CheckListenAddress(absl::string_view address, bool tls,
                                bool authenticates, bool insecure) {
  if (IsLoopbackAddress(address) || insecure || (tls && authenticates)) {
    return absl::OkStatus();
  }
  std::string missing;
  if (!tls) missing = "TLS";
  if (!authenticates) {
    absl::StrAppend(&missing, missing.empty() ? "" : " and ", "authentication");
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "will not listen on ", address, " without ", missing,
      ": it is not a loopback address, and there anyone who reaches it "
      "could route, read contacts and act as any agent. Pass --tls-cert and "
      "--tls-key for TLS, and --tokens FILE (bearer tokens) or "
      "--tls-client-ca (client certificates) for authentication; or "
      "--insecure to listen there anyway"));
}

}  // namespace switchboard::tls
