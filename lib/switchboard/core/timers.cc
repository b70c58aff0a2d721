// Copyright 2026 The Switchboard Authors.
//
// The routing core's timers: offer timeouts, escalation steps, retries of
// contacts every able agent declined, and the purges of texts (data
// minimisation) and of finished records. Each deadline is checked against
// its record when it comes due (life and generation counters), so a
// cancelled one is simply dropped.

#include <algorithm>
#include <string>
#include <vector>

#include "switchboard/core/routing_core.h"

namespace switchboard {
namespace core {

bool RoutingCore::FireOne(absl::Time now) {
  // Drop cancelled deadlines at the fronts, then find the earliest due one.
  auto live = [&](DeadlineFifo& fifo, auto is_live) {
    while (!fifo.empty() && !is_live(fifo.front())) fifo.pop();
  };
  auto offer_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && c.offer_gen == d.gen &&
           c.state == ContactState::kOffered;
  };
  auto escalation_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && c.escalation_gen == d.gen &&
           (c.state == ContactState::kWaiting ||
            c.state == ContactState::kOffered);
  };
  auto purge_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && (c.state == ContactState::kResolved ||
                                c.state == ContactState::kAbandoned ||
                                c.state == ContactState::kSelfServed);
  };
  auto retry_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && c.offer_gen == d.gen &&
           c.state == ContactState::kWaiting;
  };
  DeadlineFifo* best = nullptr;
  auto text_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && !c.text.empty();
  };
  enum { kOffer, kEscalation, kPurge, kRetry, kText } kind = kOffer;
  auto consider = [&](DeadlineFifo& fifo, decltype(kind) k) {
    if (!fifo.empty() && fifo.front().at <= now &&
        (best == nullptr || fifo.front().at < best->front().at)) {
      best = &fifo;
      kind = k;
    }
  };
  live(offer_timeouts_, offer_live);
  consider(offer_timeouts_, kOffer);
  for (std::vector<DeadlineFifo>& steps : escalations_) {
    for (DeadlineFifo& fifo : steps) {
      live(fifo, escalation_live);
      consider(fifo, kEscalation);
    }
  }
  live(purges_, purge_live);
  consider(purges_, kPurge);
  live(retries_, retry_live);
  consider(retries_, kRetry);
  live(text_purges_, text_live);
  consider(text_purges_, kText);
  if (best == nullptr) return false;
  const Deadline d = best->front();
  best->pop();
  switch (kind) {
    case kOffer:
      ReturnOffer(d.contact, EventType::kOfferTimedOut);
      break;
    case kEscalation:
      Escalate(d.contact);
      break;
    case kRetry:
      contacts_[d.contact].rejected_by.clear();
      TryAssign(d.contact);
      break;
    case kText: {
      // Data minimisation: the citizen's words go; where the contact went
      // and how long each step took stay.
      std::string().swap(contacts_[d.contact].text);
      break;
    }
    case kPurge: {
      ContactRecord& c = contacts_[d.contact];
      contact_index_.erase(c.id);
      ++c.life;
      free_slots_.push_back(d.contact);
      break;
    }
  }
  return true;
}

bool RoutingCore::FireDue() {
  bool fired = false;
  while (FireOne(now_)) fired = true;
  return fired;
}

absl::Time RoutingCore::NextDeadline() const {
  absl::Time next = absl::InfiniteFuture();
  auto front = [&](const DeadlineFifo& fifo) {
    if (!fifo.empty()) next = std::min(next, fifo.front().at);
  };
  front(offer_timeouts_);
  for (const auto& steps : escalations_) {
    for (const DeadlineFifo& fifo : steps) front(fifo);
  }
  front(purges_);
  front(retries_);
  front(text_purges_);
  return next;
}

}  // namespace core
}  // namespace switchboard
