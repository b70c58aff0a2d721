// Copyright 2026 The Switchboard Authors.
//
// unary_load.h: drives one unary method (Route, Echo) with many calls in
// flight from a few client threads, on gRPC's asynchronous API (a
// CompletionQueue per thread, the generic stub: requests and responses are
// raw bytes, made and checked by the caller).
//
// Closed loop (rate 0): each thread keeps its share of `concurrency` calls
// in flight, starting a new call as each one ends. Open loop (rate R):
// calls are due at fixed intervals (R a second over all threads) whatever
// the answers do; a call's latency is counted from when it was due, so a
// server that falls behind shows it in the latency (no coordinated
// omission). `concurrency` then caps the calls in flight.
//
// With a follow-up method, each successful call is followed at once by a
// second call (e.g. Routing.ReportEvent abandoning the contact just
// routed); the pair counts as one call: it fails when either fails, its
// latency runs from when the first was due to the second's answer, and it
// holds its place in flight until the second ends.

#ifndef SWITCHBOARD_SERVICES_LOADGEN_UNARY_LOAD_H_
#define SWITCHBOARD_SERVICES_LOADGEN_UNARY_LOAD_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "loadgen/load_run.h"

namespace switchboard::loadgen {

struct UnaryLoadOptions {
  LoadLimits limits;
  // The full method name, e.g. "/switchboard.v1.Routing/Route".
  std::string method;
  // Calls in flight over all threads (at most).
  int concurrency = 64;
  // Calls started a second over all threads; 0: as fast as answers come.
  double rate = 0;
  // Called after each successful call, e.g.
  // "/switchboard.v1.Routing/ReportEvent"; "": none.
  std::string follow_up_method;
  // Whether a successful call's response needs its follow-up (e.g. a
  // contact answered by self-service has nothing to abandon). Null: every
  // one does.
  std::function<bool(const grpc::ByteBuffer&)> follow_up_if;
  // The tenant of each call (by the sender's call number; a follow-up goes
  // to its call's tenant).
  TenantSpread tenants;
};

// Checks a successful call's response; an error counts the call as
// failed with that status. Null: every response is fine.
using ResponseCheck = std::function<absl::Status(const grpc::ByteBuffer&)>;

// Runs the load: one client thread per channel (sender i uses
// channels[i]), until the limits say stop. Request n of sender i is
// make_request(i, n); with a follow-up method, its follow-up is
// make_follow_up(i, n) and the follow-up's response is not looked at
// beyond its status. Every call ends (answered, failed or cancelled)
// before this returns.
LoadResult RunUnaryLoad(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const UnaryLoadOptions& options, const RequestFn& make_request,
    const ResponseCheck& check, const RequestFn& make_follow_up = nullptr);

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_UNARY_LOAD_H_
