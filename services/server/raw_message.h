// Copyright 2026 The Switchboard Authors.
//
// raw_message.h: request and response bodies as raw gRPC byte buffers, for
// every method whose request has a string in it (all but Admin.GetInfo and
// Diagnostics.Echo).
//
// Why: the requests' text fields and ids are proto3 `string`s, and protobuf
// refuses to parse a string that is not valid UTF-8. Left to gRPC, such a
// request fails with INTERNAL and an empty message. These methods are
// registered "raw" instead, so the server parses the bytes itself and
// answers INVALID_ARGUMENT naming the field and the byte, e.g.
// `contact.body: not valid UTF-8 at byte 212`, `agent_id: not valid UTF-8
// at byte 0`.

#ifndef SWITCHBOARD_SERVICES_SERVER_RAW_MESSAGE_H_
#define SWITCHBOARD_SERVICES_SERVER_RAW_MESSAGE_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/durability.h"
#include "server/unary_call.h"

namespace switchboard::server {

// Parses `buffer` into `message`. On failure, INVALID_ARGUMENT naming the
// first string field (as a path from the request, e.g. "contact.body") that
// is not valid UTF-8 and the byte offset in it, or saying that the message
// is malformed.
absl::Status ParseRawMessage(const grpc::ByteBuffer& buffer,
                             google::protobuf::Message* message);

// Why `bytes` do not parse as `type`: the INVALID_ARGUMENT described above.
// Exposed for tests.
absl::Status DiagnoseParseFailure(absl::string_view bytes,
                                  const google::protobuf::Descriptor* type);

// Serializes `message` into a byte buffer for a raw reply.
grpc::ByteBuffer SerializeRawMessage(const google::protobuf::Message& message);

// A unary method registered raw, written as if typed: parses the request
// as `Request` (ParseRawMessage's error when it does not parse), calls
// `handle(request, &response)` -> absl::Status, and finishes the call with
// that status, sending `response` when it is OK.
//
//   return FinishRawUnary<v1::AcceptRequest, v1::AcceptResponse>(
//       context, *request, response,
//       [&](const v1::AcceptRequest& r, v1::AcceptResponse*) {
//         return engine_->Accept(r.contact_id(), r.agent_id());
//       });
//
// A handler that changes something passes `durability`: the call is then
// acknowledged once the change is durable (durability.h).
template <typename Request, typename Response, typename Handle>
grpc::ServerUnaryReactor* FinishRawUnary(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer& request_bytes,
                                         grpc::ByteBuffer* response_bytes,
                                         Handle handle,
                                         const Durability* durability = nullptr) {
  Request request;
  Response response;
  absl::Status status = ParseRawMessage(request_bytes, &request);
  if (status.ok()) status = handle(request, &response);
  if (status.ok()) *response_bytes = SerializeRawMessage(response);
  if (durability != nullptr) return FinishDurable(context, status, *durability);
  return FinishUnary(context, status);
}

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_RAW_MESSAGE_H_
