// Copyright 2026 The Switchboard Authors.

#include "switchboard/journal/log_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "switchboard/journal/coding.h"
#include "switchboard/journal/log_format.h"
#include "switchboard/util/crc32.h"

namespace switchboard::journal {
namespace fs = std::filesystem;

SegmentScan ScanSegment(
    absl::string_view data,
    absl::FunctionRef<absl::Status(const Record&)> on_record) {
  SegmentScan scan;
  auto bad = [&](uint64_t at, bool torn, absl::string_view what) {
    scan.good_bytes = at;
    scan.torn = torn;
    scan.problem = absl::DataLossError(absl::StrCat(
        torn ? "torn record" : "corrupt record", " at byte ", at, " of ",
        data.size(), ": ", what));
    return scan;
  };
  if (data.empty()) return scan;  // Created, nothing written yet.
  if (data.size() < kSegmentHeaderSize) {
    return bad(0, true, "the segment header is incomplete");
  }
  if (std::memcmp(data.data(), kSegmentMagic, kSegmentHeaderSize) != 0) {
    return bad(0, false, "not a Switchboard journal segment (bad magic)");
  }
  uint64_t pos = kSegmentHeaderSize;
  while (pos < data.size()) {
    const uint64_t left = data.size() - pos;
    if (left < kFrameHeaderSize) {
      return bad(pos, true, "the frame header is incomplete");
    }
    const char* frame = data.data() + pos;
    const uint32_t stored = DecodeFixed32(frame);
    const uint32_t length = DecodeFixed32(frame + 4);
    const auto type = static_cast<uint8_t>(frame[8]);
    if (length > kMaxPayload) {
      return bad(pos, false,
                 absl::StrCat("length ", length, " is over the limit of ",
                              kMaxPayload));
    }
    if (left - kFrameHeaderSize < length) {
      return bad(pos, true,
                 absl::StrCat("the frame needs ", length,
                              " payload bytes, the file has ",
                              left - kFrameHeaderSize));
    }
    const absl::string_view payload(frame + kFrameHeaderSize, length);
    const uint32_t crc = Crc32c(payload, Crc32c(absl::string_view(frame + 8, 1)));
    if (UnmaskCrc(stored) != crc) {
      return bad(pos, false, "checksum mismatch");
    }
    absl::StatusOr<Record> record = DecodeRecord(type, payload);
    if (!record.ok()) return bad(pos, false, record.status().message());
    if (absl::Status s = on_record(*record); !s.ok()) {
      scan.good_bytes = pos;
      scan.stopped = true;
      scan.problem = s;
      return scan;
    }
    pos += kFrameHeaderSize + length;
    ++scan.records;
  }
  scan.good_bytes = pos;
  return scan;
}

std::string SegmentName(uint64_t number) {
  return absl::StrFormat("journal-%010d.log", number);
}

uint64_t ParseSegmentName(absl::string_view name) {
  if (!absl::ConsumePrefix(&name, "journal-") ||
      !absl::ConsumeSuffix(&name, ".log") || name.empty()) {
    return 0;
  }
  for (char c : name) {
    if (c < '0' || c > '9') return 0;
  }
  uint64_t n = 0;
  if (!absl::SimpleAtoi(name, &n)) return 0;
  return n;
}

namespace {

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::UnavailableError(absl::StrCat(
        "cannot read journal segment ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

absl::Status Truncate(const std::string& path, uint64_t size) {
  std::error_code ec;
  fs::resize_file(path, size, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat(
        "cannot cut journal segment ", path, ": ", ec.message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ReadReport> ReadJournal(
    const ReadOptions& options,
    absl::FunctionRef<absl::Status(const Record&)> on_record) {
  std::error_code ec;
  if (!fs::is_directory(options.dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat("journal directory ", options.dir, " does not exist"));
  }
  std::vector<std::pair<uint64_t, std::string>> files;
  for (const fs::directory_entry& e : fs::directory_iterator(options.dir, ec)) {
    const uint64_t n = ParseSegmentName(e.path().filename().string());
    if (n > 0 && e.is_regular_file()) files.emplace_back(n, e.path().string());
  }
  if (ec) {
    return absl::UnavailableError(absl::StrCat(
        "cannot list journal directory ", options.dir, ": ", ec.message()));
  }
  std::sort(files.begin(), files.end());

  ReadReport report;
  for (size_t i = 0; i < files.size(); ++i) {
    const auto& [number, path] = files[i];
    absl::StatusOr<std::string> data = ReadWholeFile(path);
    if (!data.ok()) return data.status();
    SegmentInfo info;
    info.number = number;
    info.path = path;
    SegmentScan scan = ScanSegment(*data, [&](const Record& r) {
      if (r.type == RecordType::kSubmit && !r.text.empty()) {
        info.newest_text = std::max(info.newest_text, r.received);
      }
      return on_record(r);
    });
    report.records += scan.records;
    if (scan.stopped) {
      return absl::Status(
          scan.problem.code(),
          absl::StrCat(SegmentName(number), " byte ", scan.good_bytes, ": ",
                       scan.problem.message()));
    }
    info.bytes = data->size();
    if (!scan.problem.ok()) {
      const bool last = i + 1 == files.size();
      const uint64_t cut = data->size() - scan.good_bytes;
      if (!last && !options.repair) {
        return absl::DataLossError(absl::StrCat(
            "journal segment ", path, ": ", scan.problem.message(), "; ",
            files.size() - i - 1,
            " later segment(s) were not replayed. This is damage, not a "
            "crash's torn tail: restore the journal from a copy, or start "
            "with repair (serve --journal-repair) to cut the journal here "
            "and set the later segments aside as *.corrupt"));
      }
      if (absl::Status s = Truncate(path, scan.good_bytes); !s.ok()) return s;
      info.bytes = scan.good_bytes;
      report.cut_bytes += cut;
      report.problems.push_back(absl::StrCat(
          SegmentName(number), ": ", scan.problem.message(), "; cut ", cut,
          " bytes (", scan.records, " good records kept)"));
      if (!last) {
        for (size_t j = i + 1; j < files.size(); ++j) {
          const std::string aside = files[j].second + ".corrupt";
          fs::rename(files[j].second, aside, ec);
          report.problems.push_back(absl::StrCat(
              SegmentName(files[j].first), ": set aside as ", aside,
              ec ? absl::StrCat(" FAILED: ", ec.message()) : ""));
        }
        report.bytes += info.bytes;
        report.segments.push_back(std::move(info));
        break;
      }
    }
    report.bytes += info.bytes;
    report.segments.push_back(std::move(info));
  }
  return report;
}

}  // namespace switchboard::journal
