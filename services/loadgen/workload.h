// Copyright 2026 The Switchboard Authors.
//
// workload.h: what `switchboard loadgen` sends. A Workload is the contacts
// of a dataset file (the mix of channels and texts to route); a
// RequestMaker turns them into serialized switchboard.v1.RouteRequests,
// each with a contact id of its own, cheaply enough for a client thread
// that sends 100,000 of them a second.
//
//   absl::StatusOr<Workload> w = Workload::FromCsv("contacts_test.csv");
//   RequestMaker maker(*w, "lg4711-r0-");
//   grpc::ByteBuffer request = maker.Make(17);  // id "lg4711-r0-000000000017"

#ifndef SWITCHBOARD_SERVICES_LOADGEN_WORKLOAD_H_
#define SWITCHBOARD_SERVICES_LOADGEN_WORKLOAD_H_

#include <grpcpp/support/byte_buffer.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "switchboard/v1/contact.pb.h"

namespace switchboard::loadgen {

class Workload {
 public:
  // Reads a CSV file with the columns channel and text (the body), and
  // optionally subject, ivr_choice and language (a hint); other columns
  // (id, label...) are ignored. INVALID_ARGUMENT naming the file and line
  // for an unknown channel, or the file when a column is missing or it has
  // no rows; the CSV reader's errors otherwise.
  static absl::StatusOr<Workload> FromCsv(const std::string& path);

  // Contacts given directly (their ids are ignored). INVALID_ARGUMENT when
  // empty or when a contact has no channel.
  static absl::StatusOr<Workload> FromContacts(
      std::vector<v1::Contact> contacts, std::string source);

  size_t size() const { return contacts_.size(); }
  const std::vector<v1::Contact>& contacts() const { return contacts_; }
  // The file (or the name given to FromContacts).
  const std::string& source() const { return source_; }

  // "chat 120, email 98, ..." in channel order: the mix sent.
  std::string ChannelMix() const;

 private:
  Workload(std::vector<v1::Contact> contacts, std::string source)
      : contacts_(std::move(contacts)), source_(std::move(source)) {}

  std::vector<v1::Contact> contacts_;
  std::string source_;
};

// Makes the requests of one sender: request n is the workload's contact
// n % size() with the id `prefix` + n in kIdDigits digits (zero-padded), so
// ids never repeat for one prefix. Each contact is serialized once; Make()
// copies its bytes and writes the digits in. Immutable after construction:
// thread-safe.
class RequestMaker {
 public:
  static constexpr int kIdDigits = 12;

  // `workload` must outlive the maker.
  RequestMaker(const Workload& workload, std::string prefix);

  // The serialized RouteRequest for request n (n < 10^kIdDigits).
  grpc::ByteBuffer Make(uint64_t n) const;
  // The contact id of request n.
  std::string IdOf(uint64_t n) const;

  // The mean size in bytes of a serialized request (over the workload's
  // contacts): what Echo's payload is sized on.
  size_t average_bytes() const { return average_bytes_; }

 private:
  struct Template {
    std::string bytes;     // RouteRequest with the id of request 0
    size_t digits_at = 0;  // offset of the id's digits in `bytes`
  };

  std::string prefix_;
  std::vector<Template> templates_;
  size_t average_bytes_ = 0;
};

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_WORKLOAD_H_
