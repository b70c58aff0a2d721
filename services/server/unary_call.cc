// Copyright 2026 The Switchboard Authors.

#include "server/unary_call.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "server/grpc_status.h"

namespace switchboard::server {

absl::Status CheckCallAlive(grpc::CallbackServerContext* context,
                            absl::string_view what) {
  if (context->deadline() <= std::chrono::system_clock::now()) {
    return absl::DeadlineExceededError(
        absl::StrCat("the client's deadline passed before the call was "
                     "handled; ",
                     what));
  }
  if (context->IsCancelled()) {
    return absl::CancelledError(
        absl::StrCat("the client cancelled the call; ", what));
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context,
                                      const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace switchboard::server
