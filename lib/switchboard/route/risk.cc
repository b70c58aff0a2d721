// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/risk.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"

namespace switchboard {

RiskAssessment AssessRisk(const RiskInput& input, const RiskOptions& options) {
  RiskAssessment r;
  float score = 0;
  auto add = [&](float weight, std::string reason) {
    if (weight <= 0) return;
    score += weight;
    r.reasons.push_back(std::move(reason));
  };
  if (input.type == ContactType::kComplaint) add(options.complaint, "complaint");
  if (input.type == ContactType::kObjection) {
    add(options.objection, "objection to a decision");
  }
  if (input.channel == Channel::kLetter || input.channel == Channel::kEmail) {
    add(options.written_channel,
        absl::StrCat("written channel (", ChannelName(input.channel), ")"));
  }
  if (input.same_matter > 0) {
    add(std::min(options.repeat * static_cast<float>(input.same_matter),
                 options.repeat_max),
        absl::StrCat(input.same_matter, " earlier contact",
                     input.same_matter == 1 ? "" : "s",
                     " on the same matter"));
  }
  if (input.earlier_unfavourable) {
    add(options.unfavourable_outcome, "an earlier outcome against the citizen");
  }
  // Rounded to hundredths so that a score and a threshold written alike
  // compare alike (0.35 + 0.25 is 0.6000001 in floats).
  r.score = std::min(1.0f, std::round(score * 100.0f) / 100.0f);
  r.high = r.score > 0 && r.score >= options.call_back_at;
  return r;
}

}  // namespace switchboard
