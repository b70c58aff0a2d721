// Copyright 2026 The Switchboard Authors.

#include "switchboard/core/generation.h"

#include <algorithm>
#include <utility>

namespace switchboard {
namespace core {

SkillNeeds Generation::ToNeeds(const std::vector<SkillLevel>& skills) const {
  SkillNeeds needs;
  for (const SkillLevel& s : skills) {
    auto it = skill_index.find(s.skill);
    if (it == skill_index.end()) continue;
    needs.push_back({static_cast<uint16_t>(it->second),
                     static_cast<uint8_t>(std::clamp(s.level, 1, 10))});
  }
  return needs;
}

std::shared_ptr<Generation> Generation::Make(
    Decider decider, std::shared_ptr<const Classifier> classifier,
    std::shared_ptr<const Classifier> type_classifier, uint64_t number,
    absl::Time now) {
  auto g = std::make_shared<Generation>(
      Generation{number, now, std::move(decider), std::move(classifier),
                 std::move(type_classifier), {}, {}, {}});
  const EngineConfig& config = g->config();
  for (size_t i = 0; i < config.skills.size(); ++i) {
    g->skill_index[config.skills[i]] = static_cast<int>(i);
  }
  for (const DepartmentConfig& d : config.departments) {
    g->department_needs.push_back(g->ToNeeds(d.skills));
  }
  return g;
}

}  // namespace core
}  // namespace switchboard
