// Copyright 2026 The Switchboard Authors.
//
// raw_message.h: request and response bodies as raw gRPC byte buffers, for
// the methods that carry a contact (Route, RouteStream, Classify).
//
// Why: the contact's text fields are proto3 `string`s, and protobuf refuses
// to parse a string that is not valid UTF-8. Left to gRPC, such a request
// fails with INTERNAL and an empty message. These methods are registered
// "raw" instead, so the server parses the bytes itself and answers
// INVALID_ARGUMENT naming the field and the byte, e.g.
// `contact.body: not valid UTF-8 at byte 212`.

#ifndef SWITCHBOARD_SERVICES_SERVER_RAW_MESSAGE_H_
#define SWITCHBOARD_SERVICES_SERVER_RAW_MESSAGE_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

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

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_RAW_MESSAGE_H_
