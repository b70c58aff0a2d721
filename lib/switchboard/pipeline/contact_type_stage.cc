// Copyright 2026 The Switchboard Authors.
//
// Contact type (question, complaint, objection, request, compliment): the
// type model's answer when it is confident enough, else cues in the text;
// the source says which, and why the model was passed over.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "switchboard/classify/contact_type.h"
#include "switchboard/pipeline/pipeline.h"

namespace switchboard {
namespace pipeline {

void ContactTypeStage(PreparedContact* p) {
  const core::Generation& g = *p->generation;
  ContactFacts& facts = p->facts;
  std::string unsure;
  if (g.type_classifier) {
    const Prediction prediction = g.type_classifier->Classify(p->normalized, 1);
    absl::StatusOr<ContactType> type = ParseContactType(prediction.label);
    if (type.ok() &&
        prediction.confidence >= g.config().contact_type.min_confidence) {
      facts.type = *type;
      facts.type_source = absl::StrFormat("model %.2f", prediction.confidence);
      return;
    }
    unsure = absl::StrFormat("model unsure (%s %.2f); ",
                             std::string(prediction.label),
                             prediction.confidence);
  }
  ContactTypeCue cue = ContactTypeFromCues(p->normalized.text);
  facts.type = cue.type;
  facts.type_source = cue.cue.empty()
                          ? absl::StrCat(unsure, "no cue")
                          : absl::StrCat(unsure, "cue \"", cue.cue, "\"");
}

}  // namespace pipeline
}  // namespace switchboard
