// Copyright 2026 The Switchboard Authors.

#include "server/raw_message.h"

#include <google/protobuf/unknown_field_set.h>
#include <grpc/slice.h>
#include <grpcpp/support/proto_buffer_reader.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "switchboard/text/utf8.h"

namespace switchboard::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// Nested messages deeper than this are not inspected (the requests this is
// used for nest three levels at most).
constexpr int kMaxDepth = 16;

// The first invalid UTF-8 string under `bytes` (parsed as `type`), as an
// error naming its path; OK when there is none. `malformed` is set when the
// bytes are not a protobuf message at all.
absl::Status FindBadString(absl::string_view bytes, const Descriptor* type,
                           const std::string& path, int depth,
                           bool* malformed) {
  UnknownFieldSet fields;
  if (!fields.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    *malformed = true;
    return absl::OkStatus();
  }
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    if (field.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    const FieldDescriptor* f = type->FindFieldByNumber(field.number());
    if (f == nullptr) continue;
    const std::string name =
        path.empty() ? f->name() : absl::StrCat(path, ".", f->name());
    const std::string& value = field.length_delimited();
    if (f->type() == FieldDescriptor::TYPE_STRING) {
      const size_t bad = FindInvalidUtf8(value);
      if (bad != absl::string_view::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": not valid UTF-8 at byte ", bad));
      }
    } else if (f->type() == FieldDescriptor::TYPE_MESSAGE &&
               depth < kMaxDepth) {
      absl::Status s =
          FindBadString(value, f->message_type(), name, depth + 1, malformed);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status DiagnoseParseFailure(absl::string_view bytes,
                                  const Descriptor* type) {
  bool malformed = false;
  absl::Status s = FindBadString(bytes, type, "", 0, &malformed);
  if (!s.ok()) return s;
  return absl::InvalidArgumentError(
      absl::StrCat("the request is not a valid ", type->full_name(), " message",
                   malformed ? " (malformed protobuf encoding)" : ""));
}

absl::Status ParseRawMessage(const grpc::ByteBuffer& buffer,
                             google::protobuf::Message* message) {
  // ByteBuffer copies share the slices (reference counted): cheap.
  grpc::ByteBuffer copy(buffer);
  {
    grpc::ProtoBufferReader reader(&copy);
    if (reader.status().ok() && message->ParseFromZeroCopyStream(&reader)) {
      return absl::OkStatus();
    }
  }
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (buffer.Dump(&slices).ok()) {
    for (const grpc::Slice& slice : slices) {
      bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
  }
  return DiagnoseParseFailure(bytes, message->GetDescriptor());
}

grpc::ByteBuffer SerializeRawMessage(const google::protobuf::Message& message) {
  // Straight into the slice gRPC sends (no intermediate string).
  const size_t size = message.ByteSizeLong();
  grpc_slice slice = grpc_slice_malloc(size);
  message.SerializeWithCachedSizesToArray(GRPC_SLICE_START_PTR(slice));
  grpc::Slice owned(slice, grpc::Slice::STEAL_REF);
  return grpc::ByteBuffer(&owned, 1);
}

}  // namespace switchboard::server
