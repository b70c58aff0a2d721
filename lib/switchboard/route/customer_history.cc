// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/customer_history.h"

#include <utility>

namespace switchboard {

void CustomerHistory::set_window(absl::Duration window) {
  absl::MutexLock lock(&window_mu_);
  window_ = window;
}

absl::Duration CustomerHistory::window() const {
  absl::MutexLock lock(&window_mu_);
  return window_;
}

absl::Time CustomerHistory::Cutoff(absl::Time now) const {
  const absl::Duration w = window();
  return w == absl::InfiniteDuration() ? absl::InfinitePast() : now - w;
}

std::vector<EarlierContact> CustomerHistory::Earlier(uint64_t key,
                                                     absl::Time now,
                                                     size_t max) const {
  std::vector<EarlierContact> out;
  if (key == 0 || max == 0) return out;
  const absl::Time cutoff = Cutoff(now);
  Shard& shard = ShardFor(key);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.by_customer.find(key);
  if (it == shard.by_customer.end()) return out;
  const std::deque<EarlierContact>& contacts = it->second;
  for (auto c = contacts.rbegin(); c != contacts.rend() && out.size() < max;
       ++c) {
    if (c->received <= cutoff) break;  // Oldest last: the rest are older.
    if (c->received > now) continue;   // Received later than this one.
    out.push_back(*c);
  }
  return out;
}

void CustomerHistory::Add(uint64_t key, EarlierContact contact) {
  if (key == 0) return;
  const absl::Time received = contact.received;
  const absl::Time cutoff = Cutoff(received);
  {
    Shard& shard = ShardFor(key);
    absl::MutexLock lock(&shard.mu);
    std::deque<EarlierContact>& contacts = shard.by_customer[key];
    while (!contacts.empty() && contacts.front().received <= cutoff) {
      contacts.pop_front();
    }
    // Kept in order of receipt (a contact may arrive stamped earlier than
    // the last one).
    auto pos = contacts.end();
    while (pos != contacts.begin() && (pos - 1)->received > contact.received) {
      --pos;
    }
    contacts.insert(pos, std::move(contact));
  }
  const uint64_t n = adds_.fetch_add(1, std::memory_order_relaxed);
  if (n % 1024 == 1023) {
    PruneShard(shards_[(n / 1024) % kShards], received);
  }
}

bool CustomerHistory::SetOutcome(uint64_t key, absl::string_view contact_id,
                                 Outcome outcome) {
  if (key == 0) return false;
  Shard& shard = ShardFor(key);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.by_customer.find(key);
  if (it == shard.by_customer.end()) return false;
  for (auto c = it->second.rbegin(); c != it->second.rend(); ++c) {
    if (c->contact_id == contact_id) {
      c->outcome = outcome;
      return true;
    }
  }
  return false;
}

size_t CustomerHistory::PruneShard(Shard& shard, absl::Time now) const {
  const absl::Time cutoff = Cutoff(now);
  size_t dropped = 0;
  absl::MutexLock lock(&shard.mu);
  for (auto it = shard.by_customer.begin(); it != shard.by_customer.end();) {
    std::deque<EarlierContact>& contacts = it->second;
    while (!contacts.empty() && contacts.front().received <= cutoff) {
      contacts.pop_front();
      ++dropped;
    }
    if (contacts.empty()) {
      shard.by_customer.erase(it++);
    } else {
      ++it;
    }
  }
  return dropped;
}

size_t CustomerHistory::Prune(absl::Time now) {
  size_t dropped = 0;
  for (Shard& shard : shards_) dropped += PruneShard(shard, now);
  return dropped;
}

size_t CustomerHistory::customers() const {
  size_t n = 0;
  for (Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    n += shard.by_customer.size();
  }
  return n;
}

}  // namespace switchboard
