// Copyright 2026 The Switchboard Authors.
//
// consumer: the smallest embedder, built against an installed Switchboard
// (examples/consumer/CMakeLists.txt). A configuration in code, a classifier
// trained on six sentences, one contact routed; prints the decision and
// exits 0 when it went where it should.

#include <iostream>
#include <memory>
#include <vector>

#include "switchboard/classify/classifier.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/engine.h"

namespace sb = switchboard;

int main() {
  sb::EngineConfig config;
  config.skills = {"taxes", "waste", "triage"};
  config.departments = {
      {.id = "taxes", .name = "Belastingen", .labels = {"taxes"}},
      {.id = "waste", .name = "Afval", .labels = {"waste"}},
      {.id = "triage", .name = "Triage"},
  };
  config.queues = {{.id = "taxes", .department = "taxes"},
                   {.id = "waste", .department = "waste"},
                   {.id = "triage", .department = "triage"}};
  config.thresholds.triage_below = 0.4f;
  config.thresholds.triage_queue = "triage";

  std::vector<sb::Example> examples;
  for (const char* text : {"bezwaar tegen mijn aanslag onroerendezaakbelasting",
                           "mijn belastingaanslag klopt niet",
                           "kwijtschelding van gemeentelijke belastingen"}) {
    examples.push_back({.text = text, .label = "taxes"});
  }
  for (const char* text :
       {"de kliko is niet geleegd", "wanneer wordt het grofvuil opgehaald",
        "mijn afvalcontainer is kapot"}) {
    examples.push_back({.text = text, .label = "waste"});
  }
  sb::ClassifierOptions classifier_options;
  classifier_options.parallel = false;
  absl::StatusOr<std::unique_ptr<sb::Classifier>> model =
      sb::Classifier::Train(examples, classifier_options);
  if (!model.ok()) {
    std::cerr << "train: " << model.status() << "\n";
    return 1;
  }
  sb::EngineOptions options;
  options.config = config;
  options.classifier = std::shared_ptr<const sb::Classifier>(*std::move(model));
  absl::StatusOr<std::unique_ptr<sb::Engine>> engine =
      sb::Engine::Create(std::move(options));
  if (!engine.ok()) {
    std::cerr << "engine: " << engine.status() << "\n";
    return 1;
  }
  sb::Contact contact;
  contact.id = "c1";
  contact.channel = sb::Channel::kEmail;
  contact.body = "De kliko in onze straat is al twee weken niet geleegd";
  absl::StatusOr<sb::Decision> d = (*engine)->Submit(contact);
  if (!d.ok()) {
    std::cerr << "submit: " << d.status() << "\n";
    return 1;
  }
  std::cout << "consumer: " << contact.id << " -> " << d->department << " / "
            << d->queue << " (" << d->reason << ")\n";
  return d->department == "waste" ? 0 : 1;
}
