// Copyright 2026 The Switchboard Authors.
//
// stream_load.h: drives a bidirectional stream method (RouteStream) with a
// few long streams, each keeping a window of requests written but not yet
// answered, from a few client threads on gRPC's asynchronous API (a
// CompletionQueue per thread, the generic stub, raw bytes).
//
// Each request's latency runs from its write to its answer. The stream
// must answer every request, in order (the caller's check sees the
// expected sequence number); a request the stream ended without answering
// counts as failed with the stream's status. When the measurement ends the
// streams half-close and read the answers still due.

#ifndef SWITCHBOARD_SERVICES_LOADGEN_STREAM_LOAD_H_
#define SWITCHBOARD_SERVICES_LOADGEN_STREAM_LOAD_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "loadgen/load_run.h"

namespace switchboard::loadgen {

struct StreamLoadOptions {
  LoadLimits limits;
  // The full method name, e.g. "/switchboard.v1.Routing/RouteStream".
  std::string method;
  int streams = 2;
  // Requests written and not yet answered, per stream (at most).
  int window = 512;
  // The tenant of each stream (by its index).
  TenantSpread tenants;
};

// Checks an answer that should be the one to request `sequence` (counted
// from 0 on its stream): OK, or the error the request failed with.
using AnswerCheck =
    std::function<absl::Status(const grpc::ByteBuffer&, uint64_t sequence)>;

// Runs the load: stream i on channels[i % channels.size()], one client
// thread per channel used; request n of stream i is make_request(i, n).
// Every stream has ended when this returns.
LoadResult RunStreamLoad(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const StreamLoadOptions& options, const RequestFn& make_request,
    const AnswerCheck& check);

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_STREAM_LOAD_H_
