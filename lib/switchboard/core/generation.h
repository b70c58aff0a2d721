// Copyright 2026 The Switchboard Authors.

#ifndef SWITCHBOARD_CORE_GENERATION_H_
#define SWITCHBOARD_CORE_GENERATION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/route/agent_pool.h"
#include "switchboard/route/decider.h"

namespace switchboard {
namespace core {

// Everything derived from one configuration and classifier. Immutable once
// built; Reload swaps in a new one. The routing core works with the current
// one (RoutingCore::generation()); Submit and Preview, which decide outside
// the engine's lock, hold a shared_ptr to the one they used, and the engine
// decides again when a reload came in between.
struct Generation {
  uint64_t number = 1;
  absl::Time loaded_at;
  Decider decider;
  std::shared_ptr<const Classifier> classifier;
  std::shared_ptr<const Classifier> type_classifier;
  absl::flat_hash_map<std::string, int> skill_index;
  std::vector<SkillNeeds> department_needs;  // Per config department.
  std::vector<int> stats_department;  // Config department -> Recorder index.

  const EngineConfig& config() const { return decider.config(); }

  // Skill names to indexes; unknown skills are left out, levels clamped
  // to 1..10.
  SkillNeeds ToNeeds(const std::vector<SkillLevel>& skills) const;

  // Number `number`, loaded at `now`; stats_department is left to the
  // engine (it owns the Recorder).
  static std::shared_ptr<Generation> Make(
      Decider decider, std::shared_ptr<const Classifier> classifier,
      std::shared_ptr<const Classifier> type_classifier, uint64_t number,
      absl::Time now);
};

}  // namespace core
}  // namespace switchboard

#endif  // SWITCHBOARD_CORE_GENERATION_H_
