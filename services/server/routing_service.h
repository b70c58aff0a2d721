// Copyright 2026 The Switchboard Authors.
//
// routing_service.h: switchboard.v1.Routing over the engines (callback
// API). Each call is for the tenant its metadata names (tenant_metadata.h):
// an unknown tenant is NOT_FOUND, a bad name INVALID_ARGUMENT; a call over
// the tenant's limits RESOURCE_EXHAUSTED (a RouteStream item gets that
// error and the stream goes on).
// Every method takes its request as raw bytes (see raw_message.h) so that
// a contact with text, an id or a name that is not UTF-8 is refused with
// INVALID_ARGUMENT naming the field.
//
// RouteStream answers each request in order with one RouteStreamResponse
// (a decision or an error: the stream goes on after a contact fails), keeps
// one read and one write in flight, and stops reading while too many
// answers wait to be written (flow control towards a client that does not
// read). It ends OK once the client half-closes and every answer is
// written; on Shutdown, with UNAVAILABLE after the answers to the requests
// already read.

#ifndef SWITCHBOARD_SERVICES_SERVER_ROUTING_SERVICE_H_
#define SWITCHBOARD_SERVICES_SERVER_ROUTING_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "server/call_gate.h"
#include "server/durability.h"
#include "server/engine_host.h"
#include "switchboard/engine.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::server {

class RouteStreamReactor;

using RoutingServiceBase = v1::Routing::WithRawCallbackMethod_Route<
    v1::Routing::WithRawCallbackMethod_RouteStream<
        v1::Routing::WithRawCallbackMethod_Classify<
            v1::Routing::WithRawCallbackMethod_ReportEvent<
                v1::Routing::WithRawCallbackMethod_GetStats<
                    v1::Routing::WithRawCallbackMethod_GetContact<
                        v1::Routing::Service>>>>>>;

class RoutingService final : public RoutingServiceBase {
 public:
  // `host` and `gate` are not owned and must outlive the service. Changes
  // are acknowledged once the tenant's journal has them (durability.h);
  // every call passes the gate first (call_gate.h).
  RoutingService(EngineHost* host, CallGate* gate) : host_(host), gate_(gate) {}

  grpc::ServerUnaryReactor* Route(grpc::CallbackServerContext* context,
                                  const grpc::ByteBuffer* request,
                                  grpc::ByteBuffer* response) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* RouteStream(
      grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* Classify(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* request,
                                     grpc::ByteBuffer* response) override;
  // A v1::ReportEventRequest; answers a v1::ReportEventResponse.
  grpc::ServerUnaryReactor* ReportEvent(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  // A v1::GetStatsRequest; answers v1::Stats.
  grpc::ServerUnaryReactor* GetStats(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* request,
                                     grpc::ByteBuffer* response) override;
  // A v1::GetContactRequest; answers v1::ContactStatus.
  grpc::ServerUnaryReactor* GetContact(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;

  // Ends every open RouteStream (see above) and refuses new ones with
  // UNAVAILABLE. Unary calls are not affected (the gRPC server's own
  // shutdown lets them finish).
  void Shutdown();

 private:
  friend class RouteStreamReactor;

  absl::Status ReportEventOn(grpc::CallbackServerContext* context,
                             ServedTenant& tenant,
                             const v1::ReportEventRequest& request);
  // One stream item: parse, route, answer.
  static v1::RouteStreamResponse RouteOne(ServedTenant& tenant,
                                          const grpc::ByteBuffer& request,
                                          uint64_t sequence);
  // Registers a stream; false once shutting down.
  bool AddStream(RouteStreamReactor* stream);
  void RemoveStream(RouteStreamReactor* stream);

  EngineHost* const host_;
  CallGate* const gate_;
  absl::Mutex streams_mu_;
  bool shutting_down_ ABSL_GUARDED_BY(streams_mu_) = false;
  absl::flat_hash_set<RouteStreamReactor*> streams_
      ABSL_GUARDED_BY(streams_mu_);
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_ROUTING_SERVICE_H_
