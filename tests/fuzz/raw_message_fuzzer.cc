// Copyright 2026 The Switchboard Authors.
//
// raw_message_fuzzer.cc: libFuzzer target for the gRPC edge's own parsing
// of request bytes (services/server/raw_message.h: ParseRawMessage, and
// DiagnoseParseFailure when protobuf refuses the bytes), which every method
// with a string in its request goes through before anything else.
//
// Input: byte 0 picks the request type (every request message of
// switchboard.v1.Routing, Agents and Admin that is registered raw); the
// rest is the request's wire bytes, in one slice or, when byte 0 is odd,
// split into two (a message gRPC received in two pieces).
//
// Checks besides "no crash": an error is INVALID_ARGUMENT and its message
// names a field path ("contact.body: not valid UTF-8 at byte N") or says
// the message type; a request that parses serializes again and parses back
// to an equal message (nothing of it was lost or invented).

#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "fuzz_check.h"
#include "server/raw_message.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard::server {
namespace {

// A new, empty message of request type `k` (modulo their number).
std::unique_ptr<google::protobuf::Message> NewRequest(uint8_t k) {
  switch (k % 15) {
    case 0: return std::make_unique<v1::RouteRequest>();
    case 1: return std::make_unique<v1::ClassifyRequest>();
    case 2: return std::make_unique<v1::ReportEventRequest>();
    case 3: return std::make_unique<v1::GetStatsRequest>();
    case 4: return std::make_unique<v1::GetContactRequest>();
    case 5: return std::make_unique<v1::RegisterAgentRequest>();
    case 6: return std::make_unique<v1::SetPresenceRequest>();
    case 7: return std::make_unique<v1::StreamOffersRequest>();
    case 8: return std::make_unique<v1::AcceptRequest>();
    case 9: return std::make_unique<v1::RejectRequest>();
    case 10: return std::make_unique<v1::CompleteRequest>();
    case 11: return std::make_unique<v1::CreateTenantRequest>();
    case 12: return std::make_unique<v1::UpdateTenantRequest>();
    case 13: return std::make_unique<v1::DeleteTenantRequest>();
    default: return std::make_unique<v1::ReloadRequest>();
  }
}

grpc::ByteBuffer BufferOf(const uint8_t* data, size_t size, bool split) {
  if (!split || size < 2) {
    grpc::Slice slice(data, size);
    return grpc::ByteBuffer(&slice, 1);
  }
  const size_t half = size / 2;
  grpc::Slice slices[2] = {grpc::Slice(data, half),
                           grpc::Slice(data + half, size - half)};
  return grpc::ByteBuffer(slices, 2);
}

}  // namespace
}  // namespace switchboard::server

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace switchboard::server;
  if (size == 0) return 0;
  std::unique_ptr<google::protobuf::Message> request = NewRequest(data[0] / 2);
  const grpc::ByteBuffer buffer = BufferOf(data + 1, size - 1, data[0] % 2);
  const absl::Status status = ParseRawMessage(buffer, request.get());
  if (!status.ok()) {
    FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    const absl::string_view message = status.message();
    const size_t utf8 = message.find(": not valid UTF-8 at byte ");
    // "<field path>: not valid UTF-8 at byte N", the path not empty, or
    // "the request is not a valid switchboard.v1.X message ...".
    FUZZ_CHECK((utf8 != absl::string_view::npos && utf8 > 0) ||
               absl::StartsWith(message,
                                absl::StrCat("the request is not a valid ",
                                             request->GetDescriptor()->full_name(),
                                             " message")));
    return 0;
  }
  // What parsed survives a round trip through the bytes the server sends.
  const grpc::ByteBuffer again = SerializeRawMessage(*request);
  std::unique_ptr<google::protobuf::Message> copy = NewRequest(data[0] / 2);
  FUZZ_CHECK(ParseRawMessage(again, copy.get()).ok());
  // Equal as messages (not as bytes: a map's entries and unknown fields
  // may come out in another order).
  FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*copy, *request));
  return 0;
}
