// Copyright 2026 The Switchboard Authors.
//
// config_fuzzer.cc: libFuzzer target for the configuration loader
// (services/convert/config_convert.h: ParseConfig, the protobuf text format
// or JSON, then the library's ValidateConfig) and for a Decider built from
// what it accepts.
//
// Input: byte 0 picks the format (even: text format, odd: JSON); the rest is
// the configuration file.
//
// Checks besides "no crash": an error is INVALID_ARGUMENT naming the file; a
// configuration ParseConfig accepts also passes Decider::Create (both
// validate, they must agree), and deciding contacts of every channel, with
// and without a prediction, lands each in a queue and department that exist.

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "convert/config_convert.h"
#include "fuzz_check.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/route/decider.h"

namespace switchboard {
namespace {

void CheckDecision(const Decider& decider, const Decision& d,
                   const Decider::Index& index) {
  FUZZ_CHECK(d.action == DecisionAction::kRoute ||
             d.action == DecisionAction::kTriage ||
             d.action == DecisionAction::kSelfService);
  FUZZ_CHECK((d.action == DecisionAction::kSelfService) == !d.answer.empty());
  FUZZ_CHECK(d.risk >= 0 && d.risk <= 1);
  if (index.call_back_queue >= 0) {
    FUZZ_CHECK(d.call_back.recommended && d.call_back.scheduled);
    FUZZ_CHECK(index.call_back_queue == decider.QueueIndex(d.call_back.queue));
  } else {
    FUZZ_CHECK(!d.call_back.scheduled);
  }
  FUZZ_CHECK(index.queue >= 0 && index.queue == decider.QueueIndex(d.queue));
  FUZZ_CHECK(index.department >= 0 &&
             index.department == decider.DepartmentIndex(d.department));
  FUZZ_CHECK(decider.config().queues[index.queue].department == d.department);
}

void DecideSome(const Decider& decider) {
  const EngineConfig& config = decider.config();
  // Labels worth trying: every department's, and one no department has.
  std::vector<std::string> labels = {"no-such-label"};
  for (const DepartmentConfig& dep : config.departments) {
    labels.insert(labels.end(), dep.labels.begin(), dep.labels.end());
  }
  const absl::Time received = absl::FromUnixSeconds(1'700'000'000);
  for (Channel channel : kAllChannels) {
    Contact contact;
    contact.id = "fuzz-1";
    contact.channel = channel;
    contact.body = "Dringend: mijn parkeervergunning en de aanslag";
    contact.ivr_choice = "7";
    contact.attributes["vip"] = "true";
    NormalizedContact normalized;
    normalized.channel = channel;
    normalized.text = contact.body;
    normalized.signals = {"ivr:7"};
    // No history; and three earlier contacts of the customer, one on the
    // same matter resolved against them (repeat, risk and call-back paths).
    ContactFacts none;
    none.language = "nl";
    ContactFacts history = none;
    history.type = ContactType::kComplaint;
    for (int i = 0; i < 3; ++i) {
      EarlierContact e;
      e.contact_id = absl::StrCat("old-", i);
      e.received = received - absl::Hours(i + 1);
      e.department = i == 0 && !config.departments.empty()
                         ? config.departments[0].id
                         : "elsewhere";
      if (i == 0) e.outcome = Outcome::kUnfavourable;
      history.earlier.push_back(e);
    }
    for (const ContactFacts* facts : {&none, &history}) {
      Decider::Index index;
      CheckDecision(decider,
                    decider.Decide(contact, normalized, nullptr, *facts,
                                   received, &index),
                    index);
    }
    for (const std::string& label : labels) {
      for (float confidence : {0.05f, 0.99f}) {
        Prediction p;
        p.label = label;
        p.confidence = confidence;
        p.alternatives.push_back({label, confidence});
        p.alternatives.push_back({"no-such-label", 1 - confidence});
        Decider::Index index;
        CheckDecision(
            decider,
            decider.Decide(contact, normalized, &p, history, received, &index),
            index);
      }
    }
  }
}

void Run(absl::string_view input) {
  if (input.empty()) return;
  const bool json = static_cast<uint8_t>(input[0]) & 1;
  input.remove_prefix(1);
  absl::StatusOr<EngineConfig> config = ParseConfig(input, json, "fuzz.cfg");
  if (!config.ok()) {
    FUZZ_CHECK(config.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(absl::StartsWith(config.status().message(), "fuzz.cfg:"));
    return;
  }
  FUZZ_CHECK(ValidateConfig(*config).ok());
  absl::StatusOr<Decider> decider = Decider::Create(*config);
  FUZZ_CHECK(decider.ok());
  DecideSome(*decider);
}

}  // namespace
}  // namespace switchboard

// Protobuf logs (e.g. about invalid UTF-8 in a string field) to stderr at
// every input; that is noise here, and slow.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  switchboard::Run(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
