// Copyright 2026 The Switchboard Authors.
//
// durability.h: acknowledging a change only once it is durable. The server
// runs the engine with wait_for_journal = false, so that no gRPC thread
// blocks on the disk: a handler makes its change, then finishes the call
// from the journal's callback when the change's record is durable (or with
// the journal's error). Without a journal, at once.

#ifndef SWITCHBOARD_SERVICES_SERVER_DURABILITY_H_
#define SWITCHBOARD_SERVICES_SERVER_DURABILITY_H_

#include <functional>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "switchboard/journal/journal.h"

namespace switchboard::server {

class Durability {
 public:
  // `journal` may be null (nothing to wait for). Not owned.
  explicit Durability(journal::Journal* journal) : journal_(journal) {}

  // Calls `done` once every record appended so far is durable — which
  // includes the change this thread just made — with OK or the journal's
  // error. From the journal's writer thread, or at once on this one.
  void After(std::function<void(absl::Status)> done) const;

 private:
  journal::Journal* const journal_;
};

// Finishes a unary call that made a change: an error at once; OK once the
// change is durable (or with the journal's error, UNAVAILABLE).
grpc::ServerUnaryReactor* FinishDurable(grpc::CallbackServerContext* context,
                                        const absl::Status& status,
                                        const Durability& durability);

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_DURABILITY_H_
