// Copyright 2026 The Switchboard Authors.

#include "loadgen/workload.h"

#include <google/protobuf/io/coded_stream.h>
#include <grpc/slice.h>
#include <grpcpp/support/slice.h>

#include <cstring>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "convert/contact_convert.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/contact.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard::loadgen {

namespace {

using google::protobuf::io::CodedOutputStream;

// Writes n as RequestMaker::kIdDigits decimal digits (zero-padded) at out.
void WriteIdDigits(uint64_t n, char* out) {
  for (int i = RequestMaker::kIdDigits - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + n % 10);
    n /= 10;
  }
}

}  // namespace

absl::StatusOr<Workload> Workload::FromCsv(const std::string& path) {
  absl::StatusOr<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) return table.status();
  auto column = [&](absl::string_view name) -> int {
    absl::StatusOr<size_t> i = table->ColumnIndex(name);
    return i.ok() ? static_cast<int>(*i) : -1;
  };
  const int channel = column("channel"), text = column("text"),
            subject = column("subject"), ivr = column("ivr_choice"),
            language = column("language");
  if (channel < 0 || text < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": needs the columns channel and text"));
  }
  std::vector<v1::Contact> contacts;
  contacts.reserve(table->rows.size());
  for (const CsvRow& row : table->rows) {
    absl::StatusOr<Channel> ch = ParseChannel(row.fields[channel]);
    if (!ch.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", row.line, ": ", ch.status().message()));
    }
    v1::Contact c;
    c.set_channel(ChannelToProto(*ch));
    c.set_body(row.fields[text]);
    if (subject >= 0) c.set_subject(row.fields[subject]);
    if (ivr >= 0) c.set_ivr_choice(row.fields[ivr]);
    if (language >= 0) c.set_language_hint(row.fields[language]);
    contacts.push_back(std::move(c));
  }
  return FromContacts(std::move(contacts), path);
}

absl::StatusOr<Workload> Workload::FromContacts(
    std::vector<v1::Contact> contacts, std::string source) {
  if (contacts.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": no contacts to send"));
  }
  for (size_t i = 0; i < contacts.size(); ++i) {
    if (contacts[i].channel() == v1::CHANNEL_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ": contact ", i, " has no channel"));
    }
    contacts[i].clear_id();
  }
  return Workload(std::move(contacts), std::move(source));
}

std::string Workload::ChannelMix() const {
  std::map<int, int> counts;  // By channel number: the enum's order.
  for (const v1::Contact& c : contacts_) ++counts[c.channel()];
  std::vector<std::string> parts;
  for (const auto& [channel, n] : counts) {
    absl::StatusOr<Channel> ch = ChannelFromProto(channel, "channel");
    parts.push_back(absl::StrCat(ch.ok() ? ChannelName(*ch) : "?", " ", n));
  }
  return absl::StrJoin(parts, ", ");
}

RequestMaker::RequestMaker(const Workload& workload, std::string prefix)
    : prefix_(std::move(prefix)) {
  const std::string first_id = IdOf(0);
  size_t total = 0;
  for (const v1::Contact& contact : workload.contacts()) {
    v1::RouteRequest request;
    *request.mutable_contact() = contact;
    request.mutable_contact()->set_id(first_id);
    Template t;
    t.bytes = request.SerializeAsString();
    // Protobuf writes fields in number order: RouteRequest.contact (1)
    // opens with Contact.id (1). Tag, length, tag, length, then the id.
    const size_t contact_bytes = request.contact().ByteSizeLong();
    t.digits_at = 1 + CodedOutputStream::VarintSize64(contact_bytes) + 1 +
                  CodedOutputStream::VarintSize64(first_id.size()) +
                  prefix_.size();
    if (t.bytes.compare(t.digits_at - prefix_.size(), first_id.size(),
                        first_id) != 0) {
      // Not where the encoding puts it (cannot happen with protobuf's
      // serializer); the first occurrence is then the best guess.
      t.digits_at = t.bytes.find(first_id) + prefix_.size();
    }
    total += t.bytes.size();
    templates_.push_back(std::move(t));
  }
  average_bytes_ = templates_.empty() ? 0 : total / templates_.size();
}

grpc::ByteBuffer RequestMaker::Make(uint64_t n) const {
  const Template& t = templates_[n % templates_.size()];
  grpc_slice slice = grpc_slice_malloc(t.bytes.size());
  char* bytes = reinterpret_cast<char*>(GRPC_SLICE_START_PTR(slice));
  std::memcpy(bytes, t.bytes.data(), t.bytes.size());
  WriteIdDigits(n, bytes + t.digits_at);
  grpc::Slice owned(slice, grpc::Slice::STEAL_REF);
  return grpc::ByteBuffer(&owned, 1);
}

std::string RequestMaker::IdOf(uint64_t n) const {
  std::string id = prefix_;
  id.resize(prefix_.size() + kIdDigits);
  WriteIdDigits(n, id.data() + prefix_.size());
  return id;
}

}  // namespace switchboard::loadgen
