// Copyright 2026 The Switchboard Authors.

#include "auth/credentials.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "switchboard/tenant/tenant_name.h"

namespace switchboard::auth {
namespace {

constexpr size_t kMaxNameLength = 128;

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '_' || c == '.' || c == '@';
}

}  // namespace

absl::Status CheckCredentialName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("name must have 1 to ", kMaxNameLength, " characters"));
  }
  for (char c : name) {
    if (!IsNameChar(c)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "name ", name, " has a character outside A-Z a-z 0-9 - _ . @"));
    }
  }
  return absl::OkStatus();
}

namespace {

// Printable ASCII only (no control bytes in a principal or a map key).
absl::Status CheckValue(absl::string_view key, absl::string_view value) {
  if (value.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(key, "= has no value"));
  }
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7e) {
      return absl::InvalidArgumentError(
          absl::StrCat(key, "= has a byte that is not printable ASCII"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Credential> ParseLine(absl::string_view line) {
  std::vector<absl::string_view> words =
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  Credential c;
  if (absl::Status s = CheckCredentialName(words[0]); !s.ok()) return s;
  c.name = std::string(words[0]);
  absl::flat_hash_set<absl::string_view> seen;
  bool has_role = false;
  for (size_t i = 1; i < words.size(); ++i) {
    const absl::string_view word = words[i];
    const size_t eq = word.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", word, "' is not key=value"));
    }
    const absl::string_view key = word.substr(0, eq);
    const absl::string_view value = word.substr(eq + 1);
    if (!seen.insert(key).second) {
      return absl::InvalidArgumentError(absl::StrCat(key, "= given twice"));
    }
    if (absl::Status s = CheckValue(key, value); !s.ok()) return s;
    if (key == "tenant") {
      if (value != kAnyTenant) {
        if (absl::Status s = ValidateTenantName(value); !s.ok()) {
          return absl::InvalidArgumentError(
              absl::StrCat("tenant=: ", s.message()));
        }
      }
      c.tenant = std::string(value);
    } else if (key == "role") {
      std::optional<Role> role = ParseRole(value);
      if (!role) {
        return absl::InvalidArgumentError(absl::StrCat(
            "role=", value, " is not router, agent, supervisor or admin"));
      }
      c.role = *role;
      has_role = true;
    } else if (key == "agent") {
      c.agent = std::string(value);
    } else if (key == "expires") {
      absl::Time t;
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, value, &t, &error)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "expires=", value, " is not an RFC 3339 time (", error, ")"));
      }
      c.expires = t;
    } else if (key == "hash") {
      absl::StatusOr<TokenDigest> digest = ParseDigest(value);
      if (!digest.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("hash=: ", digest.status().message()));
      }
      c.digest = *digest;
    } else if (key == "cert-cn") {
      c.cert_cn = std::string(value);
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown key ", key,
          "= (keys: tenant, role, agent, expires, hash, cert-cn)"));
    }
  }
  if (c.tenant.empty()) {
    return absl::InvalidArgumentError(
        "tenant= is missing (a tenant name, or * for every tenant)");
  }
  if (!has_role) return absl::InvalidArgumentError("role= is missing");
  if (c.role == Role::kAgent && c.agent.empty()) {
    return absl::InvalidArgumentError(
        "role=agent needs agent= (the agent id it acts for)");
  }
  if (c.role != Role::kAgent && !c.agent.empty()) {
    return absl::InvalidArgumentError("agent= is only for role=agent");
  }
  if (c.digest.has_value() == !c.cert_cn.empty()) {
    return absl::InvalidArgumentError(
        "exactly one of hash= (a token's digest) and cert-cn= (a client "
        "certificate's common name) is needed");
  }
  return c;
}

}  // namespace

std::string Credential::ToLine() const {
  std::string line =
      absl::StrCat(name, " tenant=", tenant, " role=", RoleName(role));
  if (!agent.empty()) absl::StrAppend(&line, " agent=", agent);
  if (expires) {
    absl::StrAppend(
        &line, " expires=",
        absl::FormatTime(absl::RFC3339_sec, *expires, absl::UTCTimeZone()));
  }
  if (digest) {
    absl::StrAppend(&line, " hash=", FormatDigest(*digest));
  } else {
    absl::StrAppend(&line, " cert-cn=", cert_cn);
  }
  return line;
}

absl::StatusOr<Credentials> Credentials::Parse(absl::string_view text,
                                               absl::string_view origin) {
  Credentials out;
  absl::flat_hash_set<std::string> names;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    const size_t hash = line.find('#');
    if (hash != absl::string_view::npos) line = line.substr(0, hash);
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    auto error = [&](absl::string_view message) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ":", number, ": ", message));
    };
    absl::StatusOr<Credential> c = ParseLine(line);
    if (!c.ok()) return error(c.status().message());
    if (!names.insert(c->name).second) {
      return error(absl::StrCat("name ", c->name, " is used twice"));
    }
    const size_t index = out.all_.size();
    if (c->digest) {
      std::string key(reinterpret_cast<const char*>(c->digest->data()),
                      c->digest->size());
      if (!out.by_digest_.emplace(std::move(key), index).second) {
        return error("the same hash= is on two lines");
      }
    } else if (!out.by_cert_.emplace(c->cert_cn, index).second) {
      return error(absl::StrCat("cert-cn=", c->cert_cn, " is on two lines"));
    }
    out.all_.push_back(*std::move(c));
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const Credentials>> Credentials::Load(
    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("tokens file ", path, ": cannot be read"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  absl::StatusOr<Credentials> parsed = Parse(text.str(), path);
  if (!parsed.ok()) return parsed.status();
  return std::make_shared<const Credentials>(*std::move(parsed));
}

const Credential* Credentials::FindToken(absl::string_view token) const {
  const TokenDigest digest = HashToken(token);
  auto it = by_digest_.find(absl::string_view(
      reinterpret_cast<const char*>(digest.data()), digest.size()));
  if (it == by_digest_.end()) return nullptr;
  const Credential& c = all_[it->second];
  return DigestsEqual(*c.digest, digest) ? &c : nullptr;
}

const Credential* Credentials::FindCertificate(
    absl::string_view common_name) const {
  auto it = by_cert_.find(common_name);
  return it == by_cert_.end() ? nullptr : &all_[it->second];
}

}  // namespace switchboard::auth
