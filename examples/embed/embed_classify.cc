// Copyright 2026 The Switchboard Authors.
//
// embed_classify: how a contact-centre product embeds Switchboard's
// classifier. Trains on the bundled sample set (or loads a model given as
// the first argument), then normalizes and classifies contacts from
// several channels and prints label, confidence, alternatives and evidence.
//
//   build/examples/embed_classify [MODEL]

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"

namespace sb = switchboard;

int main(int argc, char** argv) {
  absl::StatusOr<std::unique_ptr<sb::Classifier>> classifier;
  if (argc > 1) {
    classifier = sb::Classifier::Load(argv[1]);
  } else {
    absl::StatusOr<std::vector<sb::Example>> examples = sb::LoadExamples(
        SWITCHBOARD_SAMPLE_DIR "/contacts_train.csv", sb::DatasetOptions());
    if (!examples.ok()) {
      std::cerr << examples.status() << "\n";
      return 1;
    }
    classifier = sb::Classifier::Train(*examples, sb::ClassifierOptions());
  }
  if (!classifier.ok()) {
    std::cerr << classifier.status() << "\n";
    return 1;
  }

  std::vector<sb::Contact> contacts(4);
  contacts[0].id = "e-1";
  contacts[0].channel = sb::Channel::kEmail;
  contacts[0].subject = "Re: aanslag";
  contacts[0].body =
      "Goedemiddag,\n\nIk begrijp de WOZ-waarde op mijn aanslag niet, die is "
      "veel te hoog.\n\nMet vriendelijke groet,\nPiet\n\nOp 2 mei 2026 om "
      "09:00 schreef Gemeente Wilgendam:\n> Wij hebben uw vraag ontvangen.";
  contacts[1].id = "p-2";
  contacts[1].channel = sb::Channel::kPhone;
  contacts[1].ivr_choice = "9";
  contacts[1].body =
      "ja eh hallo ik ben mijn paspoort ehm kwijtgeraakt op vakantie";
  contacts[2].id = "s-3";
  contacts[2].channel = sb::Channel::kSocial;
  contacts[2].body =
      "@gemeentewilgendam de kliko is wéér niet geleegd 😡 #afval "
      "https://example.org/foto";
  contacts[3].id = "m-4";
  contacts[3].channel = sb::Channel::kMessaging;
  contacts[3].body =
      "hoi, kan ik ff een bezoekersvergunning voor parkeren krijgen?";

  for (const sb::Contact& c : contacts) {
    absl::StatusOr<sb::NormalizedContact> n = sb::Normalize(c, {});
    if (!n.ok()) {
      std::cerr << n.status() << "\n";  // Bad input: report, go on.
      continue;
    }
    sb::Prediction p = (*classifier)->Classify(*n);
    std::cout << absl::StrFormat("%-9s %s -> %s (%.2f)",
                                 sb::ChannelName(c.channel), c.id, p.label,
                                 p.confidence);
    for (size_t i = 1; i < p.alternatives.size(); ++i) {
      std::cout << absl::StrFormat(", %s %.2f", p.alternatives[i].label,
                                   p.alternatives[i].probability);
    }
    std::cout << "\n    text: " << n->text << "\n    because:";
    for (const sb::Evidence& e :
         (*classifier)->Explain(n->text, n->signals, p.label, 3)) {
      std::cout << absl::StrFormat(" %s %+.2f", e.feature, e.contribution);
    }
    std::cout << "\n";
  }
  return 0;
}
