// Copyright 2026 The Switchboard Authors.
//
// flags.h: a small per-subcommand flag parser for the `switchboard` tool.
// Each subcommand declares its flags (with help text and defaults); unknown
// flags and missing values are errors that name the flag.

#ifndef SWITCHBOARD_SERVICES_CLI_FLAGS_H_
#define SWITCHBOARD_SERVICES_CLI_FLAGS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tls/tls_credentials.h"

namespace switchboard::cli {

struct FlagSpec {
  std::string name;           // without "--"
  std::string value_name;     // e.g. "FILE"; empty for a boolean switch
  std::string default_value;  // shown in help; used when absent
  std::string help;
  bool required = false;
};

struct CommandSpec {
  std::string name;
  std::string usage;  // e.g. "switchboard train --data FILE.csv --out MODEL"
  std::string summary;
  std::vector<FlagSpec> flags;
  std::string positional_help;  // empty: no positional arguments allowed
};

class ParsedFlags {
 public:
  bool Has(absl::string_view name) const;
  std::string Get(absl::string_view name) const;  // value or default
  absl::StatusOr<double> GetDouble(absl::string_view name) const;
  absl::StatusOr<int64_t> GetInt(absl::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  bool help() const { return help_; }

 private:
  friend absl::StatusOr<ParsedFlags> ParseFlags(
      const CommandSpec&, const std::vector<std::string>&);
  const CommandSpec* spec_ = nullptr;
  std::map<std::string, std::string, std::less<>> values_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

// Parses `args` (after the subcommand name). Accepts "--name value",
// "--name=value", "--switch", "-h"/"--help", and "--" before positional
// arguments. Missing required flags are reported unless --help is given.
absl::StatusOr<ParsedFlags> ParseFlags(const CommandSpec& spec,
                                       const std::vector<std::string>& args);

// The --help text of a subcommand.
std::string HelpText(const CommandSpec& spec);

// The flags of a command that calls a server over TLS: --tls-ca (the CA
// that signed the server's certificate) and, for mutual TLS, --tls-cert
// and --tls-key (tls/tls_credentials.h).
std::vector<FlagSpec> ClientTlsFlags();
tls::ClientTls ClientTlsFromFlags(const ParsedFlags& flags);

// --token-file FILE: the bearer token a command sends (the file holds the
// token that `switchboard token new` printed, on its first line); without
// the flag, the environment variable SWITCHBOARD_TOKEN; neither: "" (no
// credential). Never a flag value: a command line shows in `ps`.
std::vector<FlagSpec> ClientTokenFlags();
absl::StatusOr<std::string> ClientTokenFromFlags(const ParsedFlags& flags);

}  // namespace switchboard::cli

#endif  // SWITCHBOARD_SERVICES_CLI_FLAGS_H_
