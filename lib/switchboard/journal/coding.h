// Copyright 2026 The Switchboard Authors.
//
// coding.h: the byte encoding of journal records, in the manner of
// leveldb's util/coding.h: little-endian fixed-width integers, varints
// (zigzag for signed values) and length-prefixed strings. The decoder checks
// every bound, so a corrupt or hostile record is an error, never a read past
// the end.

#ifndef SWITCHBOARD_JOURNAL_CODING_H_
#define SWITCHBOARD_JOURNAL_CODING_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace switchboard::journal {

void PutFixed32(std::string* dst, uint32_t v);
void PutVarint64(std::string* dst, uint64_t v);
void PutSigned64(std::string* dst, int64_t v);  // Zigzag varint.
void PutString(std::string* dst, absl::string_view s);
void PutFloat(std::string* dst, float v);

uint32_t DecodeFixed32(const char* p);

// Reads from the front of `in_`; every Get returns false (and leaves the
// decoder failed) when the input ends early or a value is out of range.
class Decoder {
 public:
  explicit Decoder(absl::string_view in) : in_(in) {}

  bool GetVarint64(uint64_t* v);
  bool GetSigned64(int64_t* v);
  bool GetString(std::string* s);
  bool GetFloat(float* v);
  // A varint that must be <= max (an enum, a count).
  bool GetBounded(uint64_t max, uint64_t* v);

  bool done() const { return in_.empty(); }
  bool failed() const { return failed_; }

 private:
  bool Fail() {
    failed_ = true;
    return false;
  }
  absl::string_view in_;
  bool failed_ = false;
};

}  // namespace switchboard::journal

#endif  // SWITCHBOARD_JOURNAL_CODING_H_
