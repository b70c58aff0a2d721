// Copyright 2026 The Switchboard Authors.
//
// Classification: the department model's calibrated prediction of the
// masked text, with `alternatives` runners-up; none when the engine runs on
// rules alone (no classifier).

#include "switchboard/pipeline/pipeline.h"

namespace switchboard {
namespace pipeline {

std::optional<Prediction> ClassifyStage(const PipelineContext& context,
                                        const PreparedContact& p) {
  if (!p.generation->classifier) return std::nullopt;
  return p.generation->classifier->Classify(p.normalized, context.alternatives);
}

}  // namespace pipeline
}  // namespace switchboard
