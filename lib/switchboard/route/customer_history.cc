// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/customer_history.h"

#include <algorithm>
#include <utility>

namespace switchboard {
namespace {

int64_t WindowNanos(absl::Duration window) {
  // ToInt64Nanoseconds saturates: InfiniteDuration(), and any window past
  // 292 years, is INT64_MAX, for ever.
  return absl::ToInt64Nanoseconds(window);
}

// The heap bytes of `s` (none while it fits in the string itself).
size_t HeapBytes(const std::string& s) {
  static const size_t kInline = std::string().capacity();
  return s.capacity() > kInline ? s.capacity() + 1 : 0;
}

size_t HeapBytes(const EarlierContact& c) {
  return HeapBytes(c.contact_id) + HeapBytes(c.department);
}

}  // namespace

CustomerHistory::CustomerHistory(absl::Duration window)
    : window_ns_(WindowNanos(window)) {}

void CustomerHistory::set_window(absl::Duration window) {
  window_ns_.store(WindowNanos(window), std::memory_order_relaxed);
}

absl::Duration CustomerHistory::window() const {
  const int64_t ns = window_ns_.load(std::memory_order_relaxed);
  return ns == kInfiniteWindow ? absl::InfiniteDuration()
                               : absl::Nanoseconds(ns);
}

absl::Time CustomerHistory::Cutoff(absl::Time now) const {
  const int64_t ns = window_ns_.load(std::memory_order_relaxed);
  return ns == kInfiniteWindow ? absl::InfinitePast()
                               : now - absl::Nanoseconds(ns);
}

size_t CustomerHistory::Customer::Forget(absl::Time cutoff) {
  size_t gone = 0;
  while (gone < newest.size() && newest[gone].received <= cutoff) ++gone;
  newest.erase(newest.begin(), newest.begin() + gone);
  if (unfavourable != nullptr && unfavourable->received <= cutoff) {
    unfavourable.reset();
    ++gone;
  }
  return gone;
}

void CustomerHistory::Customer::Evict() {
  EarlierContact& oldest = newest.front();
  if (oldest.outcome == Outcome::kUnfavourable &&
      (unfavourable == nullptr || unfavourable->received < oldest.received)) {
    if (unfavourable == nullptr) {
      unfavourable = std::make_unique<EarlierContact>(std::move(oldest));
    } else {
      *unfavourable = std::move(oldest);
    }
  }
  newest.erase(newest.begin());
}

std::vector<EarlierContact> CustomerHistory::Earlier(uint64_t key,
                                                     absl::Time now,
                                                     size_t max) const {
  std::vector<EarlierContact> out;
  max = std::min(max, kMaxEarlier);
  if (key == 0 || max == 0) return out;
  const absl::Time cutoff = Cutoff(now);
  auto within = [&](const EarlierContact& c) {
    return c.received > cutoff && c.received <= now;
  };
  Shard& shard = ShardFor(key);
  absl::MutexLock lock(&shard.mu);
  auto found = shard.by_customer.find(key);
  if (found == shard.by_customer.end()) return out;
  const Customer& customer = found->second;
  out.reserve(std::min(max, customer.size()));
  // The unfavourable one is normally older than all of `newest`, but a
  // contact stamped earlier than the others may have come in since: it
  // takes its place in order of receipt.
  const EarlierContact* unfavourable = customer.unfavourable.get();
  if (unfavourable != nullptr && !within(*unfavourable)) unfavourable = nullptr;
  for (auto c = customer.newest.rbegin();
       c != customer.newest.rend() && out.size() < max; ++c) {
    if (c->received <= cutoff) break;  // Oldest last: the rest are older.
    if (c->received > now) continue;   // Received later than this one.
    if (unfavourable != nullptr && unfavourable->received > c->received) {
      out.push_back(*unfavourable);
      unfavourable = nullptr;
      if (out.size() == max) break;
    }
    out.push_back(*c);
  }
  if (unfavourable != nullptr && out.size() < max) out.push_back(*unfavourable);
  return out;
}

void CustomerHistory::Add(uint64_t key, EarlierContact contact) {
  if (key == 0) return;
  const absl::Time received = contact.received;
  const absl::Time cutoff = Cutoff(received);
  {
    Shard& shard = ShardFor(key);
    absl::MutexLock lock(&shard.mu);
    Customer& customer = shard.by_customer[key];
    customer.Forget(cutoff);
    // Kept in order of receipt (a contact may arrive stamped earlier than
    // the last one).
    size_t pos = customer.newest.size();
    while (pos > 0 && customer.newest[pos - 1].received > received) --pos;
    if (customer.newest.size() == kMaxRemembered) {
      if (pos == 0) return;  // Older than the newest 16: not one of them.
      customer.Evict();
      --pos;
    }
    customer.newest.insert(customer.newest.begin() + pos, std::move(contact));
  }
  const uint64_t n = adds_.fetch_add(1, std::memory_order_relaxed);
  if (n % 1024 == 1023) {
    PruneShard(shards_[(n / 1024) % kShards], received);
  }
}

bool CustomerHistory::SetOutcome(uint64_t key, const EarlierContact& resolved) {
  if (key == 0 || !resolved.outcome.has_value()) return false;
  const Outcome outcome = *resolved.outcome;
  Shard& shard = ShardFor(key);
  absl::MutexLock lock(&shard.mu);
  auto found = shard.by_customer.find(key);
  if (found == shard.by_customer.end()) return false;
  Customer& customer = found->second;
  for (auto c = customer.newest.rbegin(); c != customer.newest.rend(); ++c) {
    if (c->contact_id == resolved.contact_id) {
      c->outcome = outcome;
      return true;
    }
  }
  if (customer.unfavourable != nullptr &&
      customer.unfavourable->contact_id == resolved.contact_id) {
    if (outcome == Outcome::kUnfavourable) return true;
    // Kept only for that outcome.
    customer.unfavourable.reset();
    if (customer.empty()) shard.by_customer.erase(found);
    return true;
  }
  // One that fell out of the newest 16 is worth keeping only when it was
  // resolved against the customer.
  const bool fell_out = customer.newest.size() == kMaxRemembered &&
                        resolved.received <= customer.newest.front().received;
  if (outcome != Outcome::kUnfavourable || !fell_out) return false;
  if (customer.unfavourable != nullptr &&
      customer.unfavourable->received >= resolved.received) {
    return false;  // A newer one is kept: it stays in the window longer.
  }
  customer.unfavourable = std::make_unique<EarlierContact>(resolved);
  return true;
}

size_t CustomerHistory::PruneShard(Shard& shard, absl::Time now) const {
  const absl::Time cutoff = Cutoff(now);
  size_t dropped = 0;
  absl::MutexLock lock(&shard.mu);
  for (auto it = shard.by_customer.begin(); it != shard.by_customer.end();) {
    dropped += it->second.Forget(cutoff);
    if (it->second.empty()) {
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

size_t CustomerHistory::contacts() const {
  size_t n = 0;
  for (Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    for (const auto& [key, customer] : shard.by_customer) n += customer.size();
  }
  return n;
}

size_t CustomerHistory::ApproximateMemoryUsage() const {
  size_t bytes = sizeof(*this);
  for (Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    // A slot and a control byte per bucket.
    bytes += shard.by_customer.capacity() *
             (sizeof(std::pair<const uint64_t, Customer>) + 1);
    for (const auto& [key, customer] : shard.by_customer) {
      if (customer.newest.capacity() > 1) {  // Out of line.
        bytes += customer.newest.capacity() * sizeof(EarlierContact);
      }
      for (const EarlierContact& c : customer.newest) bytes += HeapBytes(c);
      if (customer.unfavourable != nullptr) {
        bytes += sizeof(EarlierContact) + HeapBytes(*customer.unfavourable);
      }
    }
  }
  return bytes;
}

}  // namespace switchboard
