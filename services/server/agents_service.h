// Copyright 2026 The Switchboard Authors.
//
// agents_service.h: switchboard.v1.Agents over the engines (callback API),
// each call for the tenant its metadata names (tenant_metadata.h): agents
// and offers of one tenant are unknown to another.
// register agents, set presence, accept / reject / complete, and
// StreamOffers, a server stream per agent fed by the OfferHub. The stream
// ends with UNAVAILABLE when the server shuts down, NOT_FOUND at once for
// an unknown agent. Requests are parsed by the service (raw_message.h), so
// an id that is not UTF-8 is INVALID_ARGUMENT naming the field.

#ifndef SWITCHBOARD_SERVICES_SERVER_AGENTS_SERVICE_H_
#define SWITCHBOARD_SERVICES_SERVER_AGENTS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "server/call_gate.h"
#include "server/durability.h"
#include "server/engine_host.h"
#include "server/offer_hub.h"
#include "switchboard/engine.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::server {

// Every method raw (see raw_message.h): each request carries an id.
using AgentsServiceBase = v1::Agents::WithRawCallbackMethod_RegisterAgent<
    v1::Agents::WithRawCallbackMethod_SetPresence<
        v1::Agents::WithRawCallbackMethod_StreamOffers<
            v1::Agents::WithRawCallbackMethod_Accept<
                v1::Agents::WithRawCallbackMethod_Reject<
                    v1::Agents::WithRawCallbackMethod_Complete<
                        v1::Agents::Service>>>>>>;

class AgentsService final : public AgentsServiceBase {
 public:
  // `host` and `gate` are not owned and must outlive the service. Changes
  // are acknowledged once the tenant's journal has them (durability.h);
  // every call passes the gate first (call_gate.h), and an agent
  // credential acts only for its own agent.
  AgentsService(EngineHost* host, CallGate* gate) : host_(host), gate_(gate) {}

  // Requests are v1::RegisterAgentRequest, v1::SetPresenceRequest, ...;
  // responses as in service.proto.
  grpc::ServerUnaryReactor* RegisterAgent(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* SetPresence(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  // Writes serialized v1::AgentUpdate messages.
  grpc::ServerWriteReactor<grpc::ByteBuffer>* StreamOffers(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* request) override;
  grpc::ServerUnaryReactor* Accept(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Reject(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;
  // Resolves the contact after checking that this agent accepted it:
  // NOT_FOUND for an unknown contact or agent, FAILED_PRECONDITION when the
  // contact is not in this agent's hands.
  grpc::ServerUnaryReactor* Complete(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* request,
                                     grpc::ByteBuffer* response) override;

 private:
  absl::Status CompleteOn(grpc::CallbackServerContext* context,
                          Engine& engine, const v1::CompleteRequest& request);

  EngineHost* const host_;
  CallGate* const gate_;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_AGENTS_SERVICE_H_
