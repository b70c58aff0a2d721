// Copyright 2026 The Switchboard Authors.
//
// normalize_fuzzer.cc: libFuzzer target for Normalize() (every channel's
// cleaner) and the featurizer that reads its output.
//
// Input layout, so that seeds are readable text:
//   byte 0   channel: value % 10; 0 unspecified, 1..7 the channels in enum
//            order (phone, email, chat, social, letter, web_form,
//            messaging), 8 and 9 an out-of-range value (200)
//   byte 1   flags: bit 0 keep_agent_turns, bit 1 tiny size limits (64-byte
//            body, 16-byte fields), bit 2 the whole rest is the body
//   rest     body NUL subject NUL ivr_choice NUL attribute key NUL value
//            (fields that are not there are empty)
//
// Checks besides "no crash": a normalized contact has non-empty text, valid
// UTF-8, whitespace collapsed, distinct "kind:value" signals; an error is
// INVALID_ARGUMENT whose message starts with "contact " and is valid UTF-8;
// the featurizer's named and hashed features agree.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "fuzz_check.h"
#include "switchboard/classify/featurizer.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

bool IsUtf8(absl::string_view s) {
  return FindInvalidUtf8(s) == absl::string_view::npos;
}

void CheckCollapsed(absl::string_view text) {
  FUZZ_CHECK(!absl::StartsWith(text, " ") && !absl::EndsWith(text, " "));
  FUZZ_CHECK(!absl::StrContains(text, "  "));
  FUZZ_CHECK(text.find_first_of("\t\n\r\v\f") == absl::string_view::npos);
}

void CheckFeatures(const NormalizedContact& n) {
  const Featurizer featurizer{FeaturizerOptions()};
  FeatureHashes hashes;
  featurizer.Extract(n.text, n.signals, hashes);
  std::vector<NamedFeature> named = featurizer.ExtractNamed(n.text, n.signals);
  std::vector<uint64_t> a = hashes.word;
  a.insert(a.end(), hashes.chars.begin(), hashes.chars.end());
  std::vector<uint64_t> b;
  for (const NamedFeature& f : named) {
    FUZZ_CHECK(IsUtf8(f.name));
    b.push_back(f.hash);
  }
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  FUZZ_CHECK(a == b);
}

void Run(absl::string_view input) {
  if (input.size() < 2) return;
  Contact contact;
  contact.id = "fuzz-1";
  const int channel = static_cast<uint8_t>(input[0]) % 10;
  contact.channel = static_cast<Channel>(channel <= 7 ? channel : 200);
  const uint8_t flags = static_cast<uint8_t>(input[1]);
  NormalizeOptions options;
  options.keep_agent_turns = flags & 1;
  if (flags & 2) {
    options.max_body_bytes = 64;
    options.max_field_bytes = 16;
  }
  input.remove_prefix(2);
  if (flags & 4) {
    contact.body = std::string(input);
  } else {
    std::vector<std::string> parts =
        absl::StrSplit(input, absl::MaxSplits('\0', 4));
    parts.resize(5);
    contact.body = parts[0];
    contact.subject = parts[1];
    contact.ivr_choice = parts[2];
    if (!parts[3].empty() || !parts[4].empty()) {
      contact.attributes[parts[3]] = parts[4];
    }
  }

  absl::StatusOr<NormalizedContact> n = Normalize(contact, options);
  if (!n.ok()) {
    FUZZ_CHECK(n.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(absl::StartsWith(n.status().message(), "contact fuzz-1: "));
    FUZZ_CHECK(IsUtf8(n.status().message()));
    return;
  }
  FUZZ_CHECK(n->channel == contact.channel);
  FUZZ_CHECK(!n->text.empty());
  FUZZ_CHECK(IsUtf8(n->text));
  CheckCollapsed(n->text);
  absl::flat_hash_set<std::string> seen;
  for (const std::string& s : n->signals) {
    FUZZ_CHECK(IsUtf8(s));
    FUZZ_CHECK(s.find(':') != std::string::npos && s.find(':') > 0);
    FUZZ_CHECK(seen.insert(s).second);
  }
  CheckFeatures(*n);
}

}  // namespace
}  // namespace switchboard

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  switchboard::Run(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
