// Copyright 2026 The Switchboard Authors.
//
// journal_fuzzer.cc: libFuzzer target for the journal reader: ScanSegment
// (the segment header, record frames, checksums), DecodeRecord (every
// record type) and the engine's Replay of what they accept, which is what
// `switchboard serve --journal` does at start-up with whatever the disk
// holds.
//
// Frames carry CRC-32Cs, so random bytes rarely get past them. Byte 0 of
// the input picks:
//   even  the rest is a segment file as it is;
//   odd   the rest is records, each [type][payload length, 1 byte][payload],
//         which the fuzzer frames with correct checksums after the segment
//         magic; bytes left over that do not make a whole record are
//         appended as they are (a torn or damaged tail).
//
// Checks besides "no crash": a scan's good prefix is within the data, every
// byte when there is no problem, and an error is DATA_LOSS; scanning only
// the good prefix (what recovery cuts the file to) finds the same records
// and no problem; every record re-encodes to a payload that decodes and
// encodes the same (segments are rewritten that way when text is purged).
// The records are replayed into an engine on the sample configuration,
// which then ticks, reports statistics and looks up every contact.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/stubs/logging.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "convert/config_convert.h"
#include "fuzz_check.h"
#include "switchboard/clock.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/engine.h"
#include "switchboard/journal/coding.h"
#include "switchboard/journal/log_format.h"
#include "switchboard/journal/log_reader.h"
#include "switchboard/journal/record.h"
#include "switchboard/util/crc32.h"

namespace switchboard {
namespace {

namespace j = journal;

const EngineConfig* config = nullptr;

// [type][length][payload]... -> a segment with correct frames.
std::string FrameRecords(absl::string_view in) {
  std::string out(j::kSegmentMagic, j::kSegmentHeaderSize);
  while (in.size() >= 2 && in.size() - 2 >= static_cast<uint8_t>(in[1])) {
    const char type = in[0];
    const absl::string_view payload = in.substr(2, static_cast<uint8_t>(in[1]));
    in.remove_prefix(2 + payload.size());
    const uint32_t crc =
        Crc32c(payload, Crc32c(absl::string_view(&type, 1)));
    j::PutFixed32(&out, j::MaskCrc(crc));
    j::PutFixed32(&out, static_cast<uint32_t>(payload.size()));
    out += type;
    out.append(payload.data(), payload.size());
  }
  out.append(in.data(), in.size());
  return out;
}

void CheckRoundTrip(const j::Record& r) {
  std::string encoded;
  j::EncodeRecord(r, &encoded);
  absl::StatusOr<j::Record> again =
      j::DecodeRecord(static_cast<uint8_t>(r.type), encoded);
  FUZZ_CHECK(again.ok());
  std::string reencoded;
  j::EncodeRecord(*again, &reencoded);
  FUZZ_CHECK(reencoded == encoded);
}

void Run(absl::string_view input) {
  if (input.empty()) return;
  const bool frame = static_cast<uint8_t>(input[0]) & 1;
  input.remove_prefix(1);
  const std::string data = frame ? FrameRecords(input) : std::string(input);

  std::vector<j::Record> records;
  const j::SegmentScan scan =
      j::ScanSegment(data, [&](const j::Record& r) -> absl::Status {
        CheckRoundTrip(r);
        records.push_back(r);
        return absl::OkStatus();
      });
  FUZZ_CHECK(!scan.stopped);
  FUZZ_CHECK(scan.records == records.size());
  FUZZ_CHECK(scan.good_bytes <= data.size());
  FUZZ_CHECK(scan.problem.ok() == (scan.good_bytes == data.size()));
  if (!scan.problem.ok()) {
    FUZZ_CHECK(scan.problem.code() == absl::StatusCode::kDataLoss);
    FUZZ_CHECK(!scan.torn || scan.good_bytes < data.size());
  }
  // What recovery keeps after cutting a bad tail.
  uint64_t kept = 0;
  const j::SegmentScan cut = j::ScanSegment(
      absl::string_view(data).substr(0, scan.good_bytes),
      [&](const j::Record&) {
        ++kept;
        return absl::OkStatus();
      });
  FUZZ_CHECK(cut.problem.ok());
  FUZZ_CHECK(kept == scan.records && cut.good_bytes == scan.good_bytes);

  if (records.empty()) return;
  FakeClock clock;
  EngineOptions options;
  options.config = *config;
  options.clock = &clock;
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(std::move(options));
  FUZZ_CHECK(engine.ok());
  absl::Time last = absl::InfinitePast();
  for (const j::Record& r : records) {
    // A record the configuration cannot apply is an error to report, as
    // the server does; anything but a crash is fine here.
    (void)(*engine)->Replay(r);
    last = std::max(last, r.at);
  }
  clock.Set(std::min(last, absl::FromUnixSeconds(4'000'000'000)) +
            absl::Hours(1));
  (*engine)->Tick();
  (void)(*engine)->NextDeadline();
  (void)(*engine)->Stats({});
  for (const j::Record& r : records) {
    if (!r.contact_id.empty()) (void)(*engine)->GetContact(r.contact_id);
  }
}

}  // namespace
}  // namespace switchboard

// The engine's configuration: the project's sample, read once.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  absl::StatusOr<switchboard::EngineConfig> config =
      switchboard::LoadConfigFile(SWITCHBOARD_SAMPLE_DIR "/config.textproto");
  FUZZ_CHECK(config.ok());
  switchboard::config = new switchboard::EngineConfig(*std::move(config));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  switchboard::Run(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
