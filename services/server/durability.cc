// Copyright 2026 The Switchboard Authors.

#include "server/durability.h"

#include <utility>

#include "server/grpc_status.h"

namespace switchboard::server {

void Durability::After(std::function<void(absl::Status)> done) const {
  if (journal_ == nullptr) {
    done(absl::OkStatus());
    return;
  }
  journal_->OnDurable(journal_->appended(), std::move(done));
}

grpc::ServerUnaryReactor* FinishDurable(grpc::CallbackServerContext* context,
                                        const absl::Status& status,
                                        const Durability& durability) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!status.ok()) {
    reactor->Finish(ToGrpcStatus(status));
    return reactor;
  }
  durability.After([reactor](absl::Status durable) {
    reactor->Finish(ToGrpcStatus(durable));
  });
  return reactor;
}

}  // namespace switchboard::server
