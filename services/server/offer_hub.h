// Copyright 2026 The Switchboard Authors.
//
// offer_hub.h: delivers offers to agents' desktops. The engine reports each
// offer (and each offer that goes elsewhere: timed out, abandoned,
// transferred) as an event; the hub turns those into AgentUpdates on the
// StreamOffers streams of the agent concerned.
//
// Events arrive under the engine's lock, so the listener only queues them;
// a dispatcher thread reads the contact from the engine and sends. A stream
// that opens gets the offers already pending for its agent first; each
// stream remembers which contacts it was offered, so an offer is sent to it
// once, and a withdrawal only when it had the offer.
//
// Thread-safe. Sinks are called with the hub's lock held: they must only
// queue (never block, never call the hub).

#ifndef SWITCHBOARD_SERVICES_SERVER_OFFER_HUB_H_
#define SWITCHBOARD_SERVICES_SERVER_OFFER_HUB_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "switchboard/engine.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard::server {

// One agent's stream, as the hub sees it (the StreamOffers reactor).
class OfferSink {
 public:
  virtual ~OfferSink() = default;
  // Queues an update for the desktop. Must not block.
  virtual void Send(const v1::AgentUpdate& update) = 0;
  // Ends the stream with `status` (after the write in flight, if any).
  virtual void Close(const absl::Status& status) = 0;
};

class OfferHub {
 public:
  // Adds a listener to `engine` (not owned; must outlive the hub's
  // dispatcher, i.e. until Shutdown returns) and starts the dispatcher.
  explicit OfferHub(Engine* engine);
  // Shutdown().
  ~OfferHub();

  OfferHub(const OfferHub&) = delete;
  OfferHub& operator=(const OfferHub&) = delete;

  // Registers `sink` for `agent_id` and sends it the agent's pending
  // offers. NOT_FOUND for an unknown agent, UNAVAILABLE once the hub shuts
  // down; then `sink` is not registered.
  absl::Status Subscribe(const std::string& agent_id, OfferSink* sink);
  // Forgets `sink` (a no-op when it is not registered). Call before the
  // sink is destroyed.
  void Unsubscribe(OfferSink* sink);

  // Closes every stream with `status` (by default UNAVAILABLE "server
  // shutting down"; NOT_FOUND when the tenant is deleted), refuses new
  // ones with it and stops the dispatcher. Idempotent: the first status
  // stays.
  void Shutdown(
      const absl::Status& status = absl::UnavailableError("server shutting down"));

 private:
  struct Subscriber {
    std::string agent_id;
    OfferSink* sink = nullptr;
    absl::flat_hash_set<std::string> offered;  // Contacts it was offered.
  };
  // What the hub needs of an engine event.
  struct HubEvent {
    EventType type;
    std::string contact_id;
    std::string agent_id;
  };
  // Filled by the listener, drained by the dispatcher. Shared with the
  // listener, which the engine keeps as long as it lives.
  struct Inbox {
    absl::Mutex mu;
    std::vector<HubEvent> events ABSL_GUARDED_BY(mu);
    bool stopped ABSL_GUARDED_BY(mu) = false;
  };

  void DispatchLoop();
  void Dispatch(const HubEvent& event) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Sends the offer of `view` to `sub` unless it has it already.
  void Offer(Subscriber* sub, const ContactView& view)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Takes `contact_id` back from every stream that has it; sends an
  // OfferWithdrawn with `reason` unless the reason is empty.
  void Withdraw(const std::string& contact_id, const std::string& reason)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  Engine* const engine_;
  const std::shared_ptr<Inbox> inbox_;

  absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status shutdown_status_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<OfferSink*, std::unique_ptr<Subscriber>> subscribers_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::vector<Subscriber*>> by_agent_
      ABSL_GUARDED_BY(mu_);
  // Contact id -> the streams it was offered on (for withdrawals).
  absl::flat_hash_map<std::string, std::vector<Subscriber*>> by_contact_
      ABSL_GUARDED_BY(mu_);

  std::thread dispatcher_;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_OFFER_HUB_H_
