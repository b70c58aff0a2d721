// Copyright 2026 The Switchboard Authors.

#include "cli/flags.h"

#include <cstdlib>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace switchboard::cli {
namespace {

const FlagSpec* FindFlag(const CommandSpec& spec, absl::string_view name) {
  for (const FlagSpec& f : spec.flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace

bool ParsedFlags::Has(absl::string_view name) const {
  return values_.find(name) != values_.end();
}

std::string ParsedFlags::Get(absl::string_view name) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  const FlagSpec* f = FindFlag(*spec_, name);
  return f ? f->default_value : "";
}

absl::StatusOr<double> ParsedFlags::GetDouble(absl::string_view name) const {
  std::string v = Get(name);
  double d;
  if (!absl::SimpleAtod(v, &d)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " expects a number, got \"", v, "\""));
  }
  return d;
}

absl::StatusOr<int64_t> ParsedFlags::GetInt(absl::string_view name) const {
  std::string v = Get(name);
  int64_t i;
  if (!absl::SimpleAtoi(v, &i)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " expects an integer, got \"", v, "\""));
  }
  return i;
}

absl::StatusOr<ParsedFlags> ParseFlags(const CommandSpec& spec,
                                       const std::vector<std::string>& args) {
  ParsedFlags out;
  out.spec_ = &spec;
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
      out.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      out.help_ = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(spec.name, ": unknown option \"", a, "\" (see --help)"));
    }
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const FlagSpec* f = FindFlag(spec, name);
    if (f == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          spec.name, ": unknown option --", name, " (see --help)"));
    }
    if (f->value_name.empty()) {
      if (has_value) {
        return absl::InvalidArgumentError(
            absl::StrCat(spec.name, ": --", name, " takes no value"));
      }
      value = "true";
    } else if (!has_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            spec.name, ": --", name, " needs a value (", f->value_name, ")"));
      }
      value = args[++i];
    }
    out.values_[name] = value;
  }
  if (out.help_) return out;
  for (const FlagSpec& f : spec.flags) {
    if (f.required && !out.Has(f.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat(spec.name, ": --", f.name, " is required (see --help)"));
    }
  }
  if (spec.positional_help.empty() && !out.positional_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(spec.name, ": unexpected argument \"",
                     out.positional_.front(), "\" (see --help)"));
  }
  return out;
}

std::string HelpText(const CommandSpec& spec) {
  std::string out =
      absl::StrCat("usage: ", spec.usage, "\n\n", spec.summary, "\n");
  if (!spec.positional_help.empty()) {
    absl::StrAppend(&out, "\n", spec.positional_help, "\n");
  }
  out += "\noptions:\n";
  for (const FlagSpec& f : spec.flags) {
    std::string left = absl::StrCat("--", f.name);
    if (!f.value_name.empty()) absl::StrAppend(&left, " ", f.value_name);
    std::string right = f.help;
    if (f.required) absl::StrAppend(&right, " (required)");
    if (!f.default_value.empty() && !f.value_name.empty()) {
      absl::StrAppend(&right, " [default: ", f.default_value, "]");
    }
    absl::StrAppendFormat(&out, "  %-26s %s\n", left, right);
  }
  absl::StrAppendFormat(&out, "  %-26s %s\n", "-h, --help", "show this help");
  return out;
}

std::vector<FlagSpec> ClientTlsFlags() {
  return {{"tls-ca", "FILE", "",
           "TLS: verify the server against these PEM CA certificates"},
          {"tls-cert", "FILE", "",
           "mutual TLS: this client's PEM certificate (with --tls-key)"},
          {"tls-key", "FILE", "", "mutual TLS: the PEM key of --tls-cert"}};
}

tls::ClientTls ClientTlsFromFlags(const ParsedFlags& flags) {
  return tls::ClientTls{.ca_file = flags.Get("tls-ca"),
                        .cert_file = flags.Get("tls-cert"),
                        .key_file = flags.Get("tls-key")};
}

std::vector<FlagSpec> ClientTokenFlags() {
  return {{"token-file", "FILE", "",
           "send the bearer token in FILE (its first line; default: the "
           "environment variable SWITCHBOARD_TOKEN, if set)"}};
}

absl::StatusOr<std::string> ClientTokenFromFlags(const ParsedFlags& flags) {
  const std::string path = flags.Get("token-file");
  if (path.empty()) {
    const char* env = std::getenv("SWITCHBOARD_TOKEN");
    return std::string(absl::StripAsciiWhitespace(env == nullptr ? "" : env));
  }
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--token-file ", path, ": cannot be read"));
  }
  std::string token(absl::StripAsciiWhitespace(line));
  if (token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--token-file ", path, ": the first line is empty"));
  }
  return token;
}

}  // namespace switchboard::cli
