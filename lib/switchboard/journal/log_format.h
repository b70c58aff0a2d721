// Copyright 2026 The Switchboard Authors.
//
// log_format.h: how journal records are framed on disk.
//
// A journal is a directory of segment files, journal-0000000001.log,
// journal-0000000002.log, ..., replayed in number order. A writer never
// appends to a segment it did not create: every start begins a new one.
//
// A segment starts with the 8-byte magic "SWBJRNL1", then records:
//
//   checksum : fixed32  masked CRC-32C of type and payload
//   length   : fixed32  payload bytes (at most kMaxPayload)
//   type     : uint8    RecordType (record.h)
//   payload  : length bytes (record.h's encoding)
//
// The checksum is what tells a complete record from a torn or damaged one:
// a crash can leave a partial record at the end of the last segment (torn:
// the frame runs past the end of the file), and a damaged disk can change
// bytes anywhere (corrupt: the checksum does not match). As in leveldb, the
// stored CRC is masked so that a CRC of data that itself holds CRCs stays
// well distributed.

#ifndef SWITCHBOARD_JOURNAL_LOG_FORMAT_H_
#define SWITCHBOARD_JOURNAL_LOG_FORMAT_H_

#include <cstddef>
#include <cstdint>

namespace switchboard::journal {

inline constexpr char kSegmentMagic[8] = {'S', 'W', 'B', 'J',
                                          'R', 'N', 'L', '1'};
inline constexpr size_t kSegmentHeaderSize = 8;
inline constexpr size_t kFrameHeaderSize = 9;  // checksum, length, type.
// Far above any real record (a contact body is limited well below this),
// so that a corrupt length is caught before it is trusted.
inline constexpr uint32_t kMaxPayload = 64u << 20;

inline constexpr uint32_t kMaskDelta = 0xa282ead8u;
inline uint32_t MaskCrc(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + kMaskDelta;
}
inline uint32_t UnmaskCrc(uint32_t masked) {
  const uint32_t rot = masked - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

}  // namespace switchboard::journal

#endif  // SWITCHBOARD_JOURNAL_LOG_FORMAT_H_
