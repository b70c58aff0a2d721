// Copyright 2026 The Switchboard Authors.

#include "server/offer_hub.h"

#include <algorithm>
#include <utility>

#include "convert/agent_convert.h"

namespace switchboard::server {
namespace {

// The events the hub acts on; the rest (received, decided, queued, ...) are
// not queued at all, which keeps the listener's work under the engine's
// lock to a type test for most events.
bool Wanted(EventType type) {
  switch (type) {
    case EventType::kOffered:
    case EventType::kOfferRejected:
    case EventType::kOfferTimedOut:
    case EventType::kAccepted:
    case EventType::kTransferred:
    case EventType::kResolved:
    case EventType::kAbandoned:
      return true;
    default:
      return false;
  }
}

// The OfferWithdrawn reason for an event that ends an offer; "" when the
// desktop needs no message (it accepted or rejected the offer itself).
std::string WithdrawReason(EventType type) {
  switch (type) {
    case EventType::kOfferTimedOut:
      return "timed out";
    case EventType::kAbandoned:
      return "abandoned";
    case EventType::kTransferred:
      return "transferred";
    default:
      return "";
  }
}

}  // namespace

OfferHub::OfferHub(Engine* engine)
    : engine_(engine), inbox_(std::make_shared<Inbox>()) {
  // The listener holds the inbox, not the hub: the engine keeps listeners
  // for its whole life, which may be longer than the hub's.
  engine_->AddListener([inbox = inbox_](const Event& e) {
    if (!Wanted(e.type)) return;
    absl::MutexLock lock(&inbox->mu);
    if (inbox->stopped) return;
    inbox->events.push_back(HubEvent{e.type, e.contact_id, e.agent_id});
  });
  dispatcher_ = std::thread([this] { DispatchLoop(); });
}

OfferHub::~OfferHub() { Shutdown(); }

void OfferHub::Shutdown(const absl::Status& status) {
  {
    absl::MutexLock lock(&mu_);
    if (!shut_down_) {
      shut_down_ = true;
      shutdown_status_ = status;
      for (auto& [sink, sub] : subscribers_) sink->Close(status);
    }
  }
  {
    absl::MutexLock lock(&inbox_->mu);
    inbox_->stopped = true;
  }
  if (dispatcher_.joinable()) dispatcher_.join();
}

absl::Status OfferHub::Subscribe(const std::string& agent_id, OfferSink* sink) {
  absl::MutexLock lock(&mu_);
  if (shut_down_) return shutdown_status_;
  // Under mu_, so that the dispatcher cannot send this stream an offer
  // between the snapshot and the registration; it skips what is sent here.
  absl::StatusOr<std::vector<ContactView>> pending =
      engine_->OffersFor(agent_id);
  if (!pending.ok()) return pending.status();
  auto sub = std::make_unique<Subscriber>();
  sub->agent_id = agent_id;
  sub->sink = sink;
  Subscriber* s = sub.get();
  subscribers_[sink] = std::move(sub);
  by_agent_[agent_id].push_back(s);
  for (const ContactView& view : *pending) Offer(s, view);
  return absl::OkStatus();
}

void OfferHub::Unsubscribe(OfferSink* sink) {
  absl::MutexLock lock(&mu_);
  auto it = subscribers_.find(sink);
  if (it == subscribers_.end()) return;
  Subscriber* sub = it->second.get();
  auto erase_from = [sub](std::vector<Subscriber*>& list) {
    list.erase(std::remove(list.begin(), list.end(), sub), list.end());
  };
  for (const std::string& contact_id : sub->offered) {
    auto c = by_contact_.find(contact_id);
    if (c == by_contact_.end()) continue;
    erase_from(c->second);
    if (c->second.empty()) by_contact_.erase(c);
  }
  auto a = by_agent_.find(sub->agent_id);
  if (a != by_agent_.end()) {
    erase_from(a->second);
    if (a->second.empty()) by_agent_.erase(a);
  }
  subscribers_.erase(it);
}

void OfferHub::DispatchLoop() {
  std::vector<HubEvent> batch;
  while (true) {
    {
      absl::MutexLock lock(&inbox_->mu);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(inbox_->mu) {
        return inbox_->stopped || !inbox_->events.empty();
      };
      inbox_->mu.Await(absl::Condition(&ready));
      if (inbox_->stopped) return;
      batch.swap(inbox_->events);
    }
    absl::MutexLock lock(&mu_);
    for (const HubEvent& event : batch) Dispatch(event);
    batch.clear();
  }
}

void OfferHub::Dispatch(const HubEvent& event) {
  if (event.type != EventType::kOffered) {
    Withdraw(event.contact_id, WithdrawReason(event.type));
    return;
  }
  auto agent = by_agent_.find(event.agent_id);
  if (agent == by_agent_.end() || agent->second.empty()) return;
  // The event may be late: send the offer only if it still stands.
  absl::StatusOr<ContactView> view = engine_->GetContact(event.contact_id);
  if (!view.ok() || view->state != ContactState::kOffered ||
      view->agent_id != event.agent_id) {
    return;
  }
  for (Subscriber* sub : agent->second) Offer(sub, *view);
}

void OfferHub::Offer(Subscriber* sub, const ContactView& view) {
  if (!sub->offered.insert(view.id).second) return;
  by_contact_[view.id].push_back(sub);
  v1::AgentUpdate update;
  *update.mutable_offer() = OfferToProto(view);
  sub->sink->Send(update);
}

void OfferHub::Withdraw(const std::string& contact_id,
                        const std::string& reason) {
  auto it = by_contact_.find(contact_id);
  if (it == by_contact_.end()) return;
  v1::AgentUpdate update;
  update.mutable_withdrawn()->set_contact_id(contact_id);
  update.mutable_withdrawn()->set_reason(reason);
  for (Subscriber* sub : it->second) {
    sub->offered.erase(contact_id);
    if (!reason.empty()) sub->sink->Send(update);
  }
  by_contact_.erase(it);
}

}  // namespace switchboard::server
