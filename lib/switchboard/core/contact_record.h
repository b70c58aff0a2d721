// Copyright 2026 The Switchboard Authors.

// One contact as the routing core holds it (ContactRecord), and the index
// from contact id to record (ContactIndex). Internal to the routing core
// (core/routing_core.h); not installed.

#ifndef SWITCHBOARD_CORE_CONTACT_RECORD_H_
#define SWITCHBOARD_CORE_CONTACT_RECORD_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/contact.h"
#include "switchboard/engine.h"
#include "switchboard/route/agent_pool.h"
#include "switchboard/route/contact_queue.h"
#include "switchboard/route/decision.h"

namespace switchboard {
namespace core {

struct ContactRecord {
  std::string id;
  Channel channel = Channel::kUnspecified;
  std::string text;  // Normalized; "" once purged (text_retention).
  std::string label;  // The classifier's top label.
  int department = -1;        // Index into the current config.
  int stats_department = -1;  // The Recorder's slot for that department.
  int queue = -1;
  int priority = 0;
  SkillNeeds needs;
  ContactState state = ContactState::kWaiting;
  absl::Time received;
  absl::Time sla_deadline;
  absl::Time accepted = absl::InfinitePast();
  absl::Time offered_at = absl::InfinitePast();
  bool first_response = false;
  QueueEntry entry;
  int agent = -1;          // Offered to / accepted by.
  uint32_t life = 0;       // Bumped when the record's slot is reused.
  uint32_t offer_gen = 0;  // Bumped to cancel a pending offer timeout.
  uint32_t escalation_gen = 0;
  int escalation_step = 0;  // Next step to apply.
  bool transferred = false;
  absl::InlinedVector<int, 2> rejected_by;
  uint64_t customer_key = 0;  // CustomerKey of its customer_ref, 0: none.
  std::string call_back_for;  // A call-back task: the contact it follows.
  std::string call_back_task;  // The call-back task made for this contact.
  // What Submit answered: a repeated Submit of the same contact gets it
  // again (idempotent), and the journal records it.
  Decision decision;
};

// Contact id -> record index, in shards. One big hash map rehashes all its
// entries when it doubles, under the routing lock: at a few hundred
// thousand contacts that stalled every caller for tens of milliseconds. A
// shard holds 1/64 of the ids, so its rehash is 64 times shorter, and the
// shards grow at different moments.
class ContactIndex {
 public:
  bool contains(absl::string_view id) const {
    return Shard(id).contains(id);
  }
  // The record index of `id`, or nullptr.
  const uint32_t* find(absl::string_view id) const {
    const Map& m = Shard(id);
    auto it = m.find(id);
    return it == m.end() ? nullptr : &it->second;
  }
  void emplace(absl::string_view id, uint32_t idx) {
    Shard(id).emplace(id, idx);
  }
  void erase(absl::string_view id) { Shard(id).erase(id); }

 private:
  using Map = absl::flat_hash_map<std::string, uint32_t>;
  static constexpr size_t kShards = 64;
  Map& Shard(absl::string_view id) {
    return shards_[absl::HashOf(id) >> 58];  // The top 6 bits: 64 shards.
  }
  const Map& Shard(absl::string_view id) const {
    return shards_[absl::HashOf(id) >> 58];  // The top 6 bits: 64 shards.
  }
  std::array<Map, kShards> shards_;
};

}  // namespace core
}  // namespace switchboard

#endif  // SWITCHBOARD_CORE_CONTACT_RECORD_H_
