// Copyright 2026 The Switchboard Authors.
//
// Decision: the generation's rules (first match wins) and thresholds turn
// the text, prediction and facts into a queue, triage, or a self-service
// answer, with the SLA deadline and, for a dissatisfied citizen, a
// call-back; stamped with the generation that decided.

#include "switchboard/pipeline/pipeline.h"

namespace switchboard {
namespace pipeline {

void DecideStage(const Contact& contact, const Prediction* prediction,
                 PreparedContact* p) {
  p->decision = p->generation->decider.Decide(
      contact, p->normalized, prediction, p->facts, p->received, &p->index);
  p->decision.generation = p->generation->number;
}

}  // namespace pipeline
}  // namespace switchboard
