// Copyright 2026 The Switchboard Authors.

#include "switchboard/pipeline/pipeline.h"

#include <utility>

namespace switchboard {
namespace pipeline {

absl::StatusOr<PreparedContact> Prepare(
    const PipelineContext& context,
    std::shared_ptr<const core::Generation> generation,
    const Contact& contact) {
  // Built in place in the answer (returned without moving a contact).
  absl::StatusOr<PreparedContact> result{absl::in_place};
  PreparedContact& p = *result;
  p.generation = std::move(generation);
  if (absl::Status s = IntakeStage(context, contact, &p); !s.ok()) return s;
  MaskStage(&p);
  LanguageStage(contact, &p);
  ContactTypeStage(&p);
  HistoryStage(context, &p);
  const std::optional<Prediction> prediction = ClassifyStage(context, p);
  DecideStage(contact, prediction ? &*prediction : nullptr, &p);
  return result;
}

absl::StatusOr<PreparedContact> PrepareClassified(
    const PipelineContext& context,
    std::shared_ptr<const core::Generation> generation,
    const Contact& contact, const NormalizedContact& normalized,
    const Prediction* prediction) {
  // Built in place in the answer (returned without moving a contact).
  absl::StatusOr<PreparedContact> result{absl::in_place};
  PreparedContact& p = *result;
  p.generation = std::move(generation);
  if (absl::Status s = IntakeNormalizedStage(context, contact, normalized, &p);
      !s.ok()) {
    return s;
  }
  MaskStage(&p);
  LanguageStage(contact, &p);
  ContactTypeStage(&p);
  HistoryStage(context, &p);
  DecideStage(contact, prediction, &p);
  return result;
}

}  // namespace pipeline
}  // namespace switchboard
