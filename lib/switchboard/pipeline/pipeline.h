// Copyright 2026 The Switchboard Authors.
//
// The pipeline: what happens to a contact before the routing core takes it
// in, as a straight line of named stages, each in its own file:
//
//   intake_stage.cc        validate, normalize, received time, the
//                          customer's pseudonym
//   mask_stage.cc          personal data masked (the later stages, the
//                          store, the journal and the events see only that)
//   language_stage.cc      the language (or the channel's hint)
//   contact_type_stage.cc  question, complaint, objection, ... (the type
//                          model, else cues in the text)
//   history_stage.cc       the customer's earlier contacts
//   classify_stage.cc      the department model's prediction
//   decide_stage.cc        rules and thresholds: the decision
//
// Engine::Submit and Preview run Prepare; SubmitClassified, which brings its
// own normalization and prediction, runs PrepareClassified. Both run outside
// the engine's lock, against the generation they are given. Internal: not
// installed.

#ifndef SWITCHBOARD_PIPELINE_PIPELINE_H_
#define SWITCHBOARD_PIPELINE_PIPELINE_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/contact.h"
#include "switchboard/core/generation.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/route/customer_history.h"
#include "switchboard/route/decider.h"
#include "switchboard/route/decision.h"
#include "switchboard/util/siphash.h"

namespace switchboard {
namespace pipeline {

// What the engine lends every stage.
struct PipelineContext {
  Clock* clock = nullptr;
  const NormalizeOptions* normalize = nullptr;
  const SipHashKey* customer_key = nullptr;  // For the pseudonyms.
  const CustomerHistory* history = nullptr;
  int alternatives = 1;  // Predictions kept besides the top one.
};

// One contact on its way: each stage fills in its part.
struct PreparedContact {
  std::shared_ptr<const core::Generation> generation;  // Decided with this.
  NormalizedContact normalized;
  absl::Time received;
  uint64_t customer_key = 0;  // CustomerPseudonym of its customer_ref.
  ContactFacts facts;
  Decision decision;
  Decider::Index index;  // Into generation's configuration.
};

// The whole line for a contact as it arrives.
absl::StatusOr<PreparedContact> Prepare(
    const PipelineContext& context,
    std::shared_ptr<const core::Generation> generation,
    const Contact& contact);
// The line for a contact normalized and classified by the caller
// (`prediction` may be null: rules only).
absl::StatusOr<PreparedContact> PrepareClassified(
    const PipelineContext& context,
    std::shared_ptr<const core::Generation> generation,
    const Contact& contact, const NormalizedContact& normalized,
    const Prediction* prediction);

// The stages, in their order.
absl::Status IntakeStage(const PipelineContext& context, const Contact& contact,
                         PreparedContact* p);
// For a contact the caller normalized: checked, and its times and
// pseudonym.
absl::Status IntakeNormalizedStage(const PipelineContext& context,
                                   const Contact& contact,
                                   const NormalizedContact& normalized,
                                   PreparedContact* p);
void MaskStage(PreparedContact* p);
void LanguageStage(const Contact& contact, PreparedContact* p);
void ContactTypeStage(PreparedContact* p);
void HistoryStage(const PipelineContext& context, PreparedContact* p);
std::optional<Prediction> ClassifyStage(const PipelineContext& context,
                                        const PreparedContact& p);
void DecideStage(const Contact& contact, const Prediction* prediction,
                 PreparedContact* p);

// The pseudonym of a customer reference: SipHash-2-4 under the engine's
// key (util/siphash.h). The history of earlier contacts is keyed by it,
// and the journal stores it instead of the reference. 0 means "none".
uint64_t CustomerPseudonym(const SipHashKey& key, absl::string_view ref);

}  // namespace pipeline
}  // namespace switchboard

#endif  // SWITCHBOARD_PIPELINE_PIPELINE_H_
