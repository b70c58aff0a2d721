// Copyright 2026 The Switchboard Authors.
//
// agents_service.h: switchboard.v1.Agents over the engine (callback API):
// register agents, set presence, accept / reject / complete, and
// StreamOffers, a server stream per agent fed by the OfferHub. The stream
// ends with UNAVAILABLE when the server shuts down, NOT_FOUND at once for
// an unknown agent.

#ifndef SWITCHBOARD_SERVICES_SERVER_AGENTS_SERVICE_H_
#define SWITCHBOARD_SERVICES_SERVER_AGENTS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "server/offer_hub.h"
#include "server/durability.h"
#include "switchboard/engine.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::server {

class AgentsService final : public v1::Agents::CallbackService {
 public:
  // Neither is owned; both must outlive the service.
  // None is owned; all must outlive the service. Changes are acknowledged
  // once `durability` says they are durable.
  AgentsService(Engine* engine, OfferHub* hub, const Durability* durability)
      : engine_(engine), hub_(hub), durability_(durability) {}

  grpc::ServerUnaryReactor* RegisterAgent(
      grpc::CallbackServerContext* context,
      const v1::RegisterAgentRequest* request,
      v1::RegisterAgentResponse* response) override;
  grpc::ServerUnaryReactor* SetPresence(
      grpc::CallbackServerContext* context,
      const v1::SetPresenceRequest* request,
      v1::SetPresenceResponse* response) override;
  grpc::ServerWriteReactor<v1::AgentUpdate>* StreamOffers(
      grpc::CallbackServerContext* context,
      const v1::StreamOffersRequest* request) override;
  grpc::ServerUnaryReactor* Accept(grpc::CallbackServerContext* context,
                                   const v1::AcceptRequest* request,
                                   v1::AcceptResponse* response) override;
  grpc::ServerUnaryReactor* Reject(grpc::CallbackServerContext* context,
                                   const v1::RejectRequest* request,
                                   v1::RejectResponse* response) override;
  // Resolves the contact after checking that this agent accepted it:
  // NOT_FOUND for an unknown contact or agent, FAILED_PRECONDITION when the
  // contact is not in this agent's hands.
  grpc::ServerUnaryReactor* Complete(grpc::CallbackServerContext* context,
                                     const v1::CompleteRequest* request,
                                     v1::CompleteResponse* response) override;

 private:
  Engine* const engine_;
  OfferHub* const hub_;
  const Durability* const durability_;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_AGENTS_SERVICE_H_
