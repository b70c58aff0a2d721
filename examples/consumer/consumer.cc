// Copyright 2026 The Switchboard Authors.
//
// consumer: the smallest embedder, built against an installed Switchboard
// (examples/consumer/CMakeLists.txt). A configuration in code, a classifier
// trained on six sentences, one contact routed by an Engine and one by a
// tenant of a TenantHost; prints the decisions and exits 0 when both went
// where they should.

#include <iostream>
#include <memory>
#include <vector>

#include "switchboard/classify/classifier.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/engine.h"
#include "switchboard/tenant/tenant_host.h"

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
  sb::TenantOptions tenant_options;
  tenant_options.engine = options;
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
  if (d->department != "waste") return 1;

  // The same contact centre as a tenant of a host of many.
  sb::TenantHost host;
  absl::StatusOr<std::shared_ptr<sb::Tenant>> tenant =
      host.CreateTenant("gemeente-a", std::move(tenant_options));
  if (!tenant.ok()) {
    std::cerr << "tenant: " << tenant.status() << "\n";
    return 1;
  }
  absl::StatusOr<sb::Decision> t = (*tenant)->Submit(contact);
  if (!t.ok()) {
    std::cerr << "tenant submit: " << t.status() << "\n";
    return 1;
  }
  std::cout << "consumer: tenant " << (*tenant)->name() << ": " << contact.id << " -> "
            << t->department << "\n";
  return t->department == "waste" && host.TenantNames().size() == 1 ? 0 : 1;
}
