// Copyright 2026 The Switchboard Authors.
//
// crc32.h: CRC-32C (Castagnoli), used as the checksum of model files and,
// later, journal records. Software table implementation; fast enough for
// files of tens of megabytes.

#ifndef SWITCHBOARD_UTIL_CRC32_H_
#define SWITCHBOARD_UTIL_CRC32_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace switchboard {

// Extends `crc` (0 to start) with `data` and returns the new CRC-32C.
uint32_t Crc32c(absl::string_view data, uint32_t crc = 0);

}  // namespace switchboard

#endif  // SWITCHBOARD_UTIL_CRC32_H_
