// Copyright 2026 The Switchboard Authors.
//
// model_file.h: the on-disk format of a trained classifier.
//
//   header (32 bytes, little-endian)
//     magic "SWBMODEL" | u32 format version | u32 header size (32)
//     u64 payload size | u32 CRC-32C of payload | u32 CRC-32C of the above
//   payload
//     featurizer options, labels, vocabulary (hash, idf, block per feature),
//     weights (features x labels, float32), bias, temperature
//
// A reader refuses (with the file name in the message) anything that is not
// exactly what a writer of this version produced: wrong magic
// (INVALID_ARGUMENT), another version (FAILED_PRECONDITION), a short file or
// a checksum mismatch (DATA_LOSS), and inconsistent sizes or numbers no
// training writes inside a payload whose checksum matches (DATA_LOSS): a
// weight, bias or idf value that is not finite or beyond +-1e6, a
// temperature outside [0.01, 100].

#ifndef SWITCHBOARD_CLASSIFY_MODEL_FILE_H_
#define SWITCHBOARD_CLASSIFY_MODEL_FILE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "switchboard/classify/featurizer.h"

namespace switchboard {

inline constexpr uint32_t kModelFormatVersion = 1;
inline constexpr size_t kModelHeaderSize = 32;
// Longest label a model file holds (Train refuses longer ones).
inline constexpr size_t kMaxLabelBytes = 4096;

// Everything a model file holds, as plain arrays.
struct ModelParts {
  FeaturizerOptions features;
  std::vector<std::string> labels;
  std::vector<uint64_t> hashes;
  std::vector<float> idf;
  std::vector<uint8_t> blocks;
  std::vector<float> weights;  // hashes.size() x labels.size(), row-major
  std::vector<float> bias;     // labels.size()
  float temperature = 1.0f;
};

std::string EncodeModel(const ModelParts& parts);
absl::StatusOr<ModelParts> DecodeModel(absl::string_view bytes,
                                       absl::string_view name);

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_MODEL_FILE_H_
