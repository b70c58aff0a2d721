// Copyright 2026 The Switchboard Authors.
//
// History: the customer's earlier contacts within the history window
// (newest first), looked up by pseudonym; none without a customer
// reference. The decision reads them for repeat contacts and risk.

#include "switchboard/pipeline/pipeline.h"

namespace switchboard {
namespace pipeline {

void HistoryStage(const PipelineContext& context, PreparedContact* p) {
  p->facts.earlier = context.history->Earlier(p->customer_key, p->received);
}

}  // namespace pipeline
}  // namespace switchboard
