// Copyright 2026 The Switchboard Authors.
//
// Intake: the contact is checked (ValidateContact: id, enums, times, UTF-8,
// sizes) and normalized for its channel; it gets its received time (the
// clock's now when the channel gave none) and its customer's pseudonym.

#include "switchboard/pipeline/pipeline.h"

#include <utility>

namespace switchboard {
namespace pipeline {
namespace {

void Stamp(const PipelineContext& context, const Contact& contact,
           PreparedContact* p) {
  p->received = contact.received_at == absl::InfinitePast()
                    ? context.clock->Now()
                    : contact.received_at;
  p->customer_key = CustomerPseudonym(*context.customer_key, contact.customer_ref);
}

}  // namespace

uint64_t CustomerPseudonym(const SipHashKey& key, absl::string_view ref) {
  if (ref.empty()) return 0;
  const uint64_t h = SipHash24(key, ref);
  return h == 0 ? 1 : h;
}

absl::Status IntakeStage(const PipelineContext& context, const Contact& contact,
                         PreparedContact* p) {
  if (absl::Status s = ValidateContact(contact, context.clock->Now()); !s.ok()) {
    return s;
  }
  absl::StatusOr<NormalizedContact> normalized =
      Normalize(contact, *context.normalize);
  if (!normalized.ok()) return normalized.status();
  p->normalized = *std::move(normalized);
  Stamp(context, contact, p);
  return absl::OkStatus();
}

absl::Status IntakeNormalizedStage(const PipelineContext& context,
                                   const Contact& contact,
                                   const NormalizedContact& normalized,
                                   PreparedContact* p) {
  if (absl::Status s = ValidateContact(contact, context.clock->Now()); !s.ok()) {
    return s;
  }
  p->normalized = normalized;
  Stamp(context, contact, p);
  return absl::OkStatus();
}

}  // namespace pipeline
}  // namespace switchboard
