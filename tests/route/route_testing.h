// Copyright 2026 The Switchboard Authors.
//
// route_testing.h: a configuration for routing tests, for the made-up
// municipality of Wilgendam (the one data/sample is about), and small
// builders for contacts and predictions.
//
// TestConfig() in short (every item is there for a test to lean on):
//
//   skills       dutch english taxes parking waste complaints senior
//   departments  taxes      labels {taxes}       skills {taxes 2}
//                parking    labels {parking}     skills {parking 1}
//                waste      labels {waste}       skills {waste 1}
//                complaints labels {complaints}  skills {complaints 3}
//                triage     no labels, no skills (rules and thresholds only)
//   queues       taxes-phone    phone   (widen after 2 min, dropping
//                                        "taxes"; overflow to "triage"
//                                        after 10 min)
//                taxes-written  email, letter, web_form
//                taxes-online   catch-all: chat, social, messaging
//                parking-phone  phone, best skill match
//                parking        catch-all
//                waste          catch-all, round robin
//                complaints     catch-all, SLA target 48 h (overrides the
//                                        channel's)
//                triage         catch-all, the thresholds' triage queue
//   rules        manual-triage   attribute route=manual         -> triage
//                ivr-complaints  phone, IVR choice "7"          -> complaints,
//                                                                  priority 5
//                repeat-complaint  label complaints, >= 2 earlier contacts
//                                  -> complaints, priority 8, + complaints 5
//                                  (over the department's 3), senior 1
//                vip             attribute vip=true             -> priority 10,
//                                  + senior 1 (no department: the model's)
//   thresholds   triage below 0.5, default priority 0
//   agents       anna (dutch, english, taxes 4, senior), bram (dutch,
//                parking 3, waste 2), chris (english, complaints 4),
//                dewi (dutch, every department's skill; triage), all offline
//   default_department  none: a label of no department goes to triage
//
// Labels in data/sample that belong to no department here: benefits,
// housing, passports_id, general.

#ifndef SWITCHBOARD_TESTS_ROUTE_ROUTE_TESTING_H_
#define SWITCHBOARD_TESTS_ROUTE_ROUTE_TESTING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"

namespace switchboard::test_util {

// Designated initializers leave the fields they do not name at their
// documented defaults on purpose; GCC 12's -Wextra warns about that.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
inline EngineConfig TestConfig() {
  EngineConfig c;
  c.skills = {"dutch", "english",    "taxes", "parking",
              "waste", "complaints", "senior"};

  c.departments = {
      {.id = "taxes",
       .name = "Belastingen",
       .labels = {"taxes"},
       .skills = {{"taxes", 2}}},
      {.id = "parking",
       .name = "Parkeren",
       .labels = {"parking"},
       .skills = {{"parking", 1}}},
      {.id = "waste",
       .name = "Afval",
       .labels = {"waste"},
       .skills = {{"waste", 1}}},
      {.id = "complaints",
       .name = "Klachten",
       .labels = {"complaints"},
       .skills = {{"complaints", 3}}},
      {.id = "triage", .name = "Triage"},
  };

  c.queues = {
      {.id = "taxes-phone",
       .department = "taxes",
       .channels = {Channel::kPhone},
       .escalation = {{.after = absl::Minutes(2),
                       .kind = EscalationKind::kWidenSkills,
                       .drop_skills = {"taxes"}},
                      {.after = absl::Minutes(10),
                       .kind = EscalationKind::kOverflow,
                       .overflow_queue = "triage"}}},
      {.id = "taxes-written",
       .department = "taxes",
       .channels = {Channel::kEmail, Channel::kLetter, Channel::kWebForm}},
      {.id = "taxes-online", .department = "taxes"},
      {.id = "parking-phone",
       .department = "parking",
       .channels = {Channel::kPhone},
       .strategy = AssignmentStrategy::kBestSkillMatch},
      {.id = "parking", .department = "parking"},
      {.id = "waste",
       .department = "waste",
       .strategy = AssignmentStrategy::kRoundRobin},
      {.id = "complaints",
       .department = "complaints",
       .sla_target = absl::Hours(48)},
      {.id = "triage", .department = "triage"},
  };

  c.rules = {
      {.name = "manual-triage",
       .when = {.attributes = {{"route", "manual"}}},
       .then = {.triage = true}},
      {.name = "ivr-complaints",
       .when = {.channels = {Channel::kPhone}, .ivr_choices = {"7"}},
       .then = {.department = "complaints", .priority = 5}},
      {.name = "repeat-complaint",
       .when = {.min_earlier_contacts = 2, .labels = {"complaints"}},
       .then = {.department = "complaints",
                .priority = 8,
                .required_skills = {{"complaints", 5}, {"senior", 1}}}},
      {.name = "vip",
       .when = {.attributes = {{"vip", "true"}}},
       .then = {.priority = 10, .required_skills = {{"senior", 1}}}},
  };

  c.thresholds.triage_below = 0.5f;
  c.thresholds.triage_queue = "triage";
  c.thresholds.default_priority = 0;

  c.agents = {
      {.id = "anna",
       .name = "Anna de Vries",
       .skills = {{"dutch", 5}, {"english", 3}, {"taxes", 4}, {"senior", 1}}},
      {.id = "bram",
       .name = "Bram Jansen",
       .skills = {{"dutch", 5}, {"parking", 3}, {"waste", 2}}},
      {.id = "chris",
       .name = "Chris Bakker",
       .skills = {{"english", 5}, {"complaints", 4}}},
      {.id = "dewi",
       .name = "Dewi Visser",
       .skills = {{"dutch", 4},
                  {"taxes", 2},
                  {"parking", 2},
                  {"waste", 2},
                  {"complaints", 3}}},
  };
  return c;
}
#pragma GCC diagnostic pop

inline Contact MakeContact(absl::string_view id, Channel channel,
                           absl::string_view body) {
  Contact c;
  c.id = std::string(id);
  c.channel = channel;
  c.body = std::string(body);
  return c;
}

// The normalized form of `contact` without running the normalizer: its body
// as the text. Rules and the decider only read `text` and `channel`.
inline NormalizedContact NormalizedOf(const Contact& contact) {
  NormalizedContact n;
  n.channel = contact.channel;
  n.text = contact.body;
  return n;
}

// A prediction of `label` with `confidence`, and `others` after it among the
// alternatives. Labels must outlive the prediction (string literals do).
inline Prediction MakePrediction(
    absl::string_view label, float confidence,
    std::vector<std::pair<absl::string_view, float>> others = {}) {
  Prediction p;
  p.label = label;
  p.confidence = confidence;
  p.alternatives.push_back({label, confidence});
  for (const auto& [l, prob] : others) p.alternatives.push_back({l, prob});
  return p;
}

}  // namespace switchboard::test_util

#endif  // SWITCHBOARD_TESTS_ROUTE_ROUTE_TESTING_H_
