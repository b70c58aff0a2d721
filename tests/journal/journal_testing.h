// Copyright 2026 The Switchboard Authors.
//
// journal_testing.h: building journal segments byte by byte for tests of
// the reader (framing as log_format.h describes it), and reading files.

#ifndef SWITCHBOARD_TESTS_JOURNAL_JOURNAL_TESTING_H_
#define SWITCHBOARD_TESTS_JOURNAL_JOURNAL_TESTING_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "switchboard/journal/coding.h"
#include "switchboard/journal/log_format.h"
#include "switchboard/journal/record.h"
#include "switchboard/util/crc32.h"

namespace switchboard::test_util {

// One framed record.
inline std::string Frame(journal::RecordType type, absl::string_view payload) {
  const char t = static_cast<char>(type);
  std::string out;
  journal::PutFixed32(&out, journal::MaskCrc(Crc32c(
                                payload, Crc32c(absl::string_view(&t, 1)))));
  journal::PutFixed32(&out, static_cast<uint32_t>(payload.size()));
  out.push_back(t);
  out.append(payload.data(), payload.size());
  return out;
}

// A segment of `n` abandon records for contacts c-0 .. c-(n-1).
inline std::string AbandonSegment(int n, int first = 0) {
  std::string s(journal::kSegmentMagic, journal::kSegmentHeaderSize);
  for (int i = first; i < first + n; ++i) {
    std::string payload;
    journal::EncodeStep(journal::RecordType::kAbandon,
                        absl::FromUnixSeconds(1'767'225'600 + i),
                        absl::StrCat("c-", i), "", "", "", 0, &payload);
    s += Frame(journal::RecordType::kAbandon, payload);
  }
  return s;
}

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFileBytes(const std::string& path, absl::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// A fresh empty directory under the test's temp dir.
inline std::string FreshDir(const std::string& path) {
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

}  // namespace switchboard::test_util

#endif  // SWITCHBOARD_TESTS_JOURNAL_JOURNAL_TESTING_H_
