// Copyright 2026 The Switchboard Authors.
//
// Masking: personal data (BSN, IBAN, phone, e-mail, postcode, date of
// birth) is replaced by its kind ([BSN], ...) before anything else reads
// the text, when the configuration asks for it; the counts per kind are
// kept as facts.

#include <utility>

#include "switchboard/pipeline/pipeline.h"
#include "switchboard/protect/personal_data.h"

namespace switchboard {
namespace pipeline {

void MaskStage(PreparedContact* p) {
  if (!p->generation->config().mask_personal_data) return;
  // Nothing to find: the text stays as it is (no copy).
  if (!MayHoldPersonalData(p->normalized.text)) return;
  MaskedText masked = MaskPersonalData(p->normalized.text);
  p->normalized.text = std::move(masked.text);
  p->facts.personal_data = masked.counts;
}

}  // namespace pipeline
}  // namespace switchboard
