// Copyright 2026 The Switchboard Authors.
//
// model_file_fuzzer.cc: libFuzzer target for the model loader
// (Classifier::FromBytes, which Classifier::Load calls with the file's
// bytes: DecodeModel, then the vocabulary and weights).
//
// The header carries CRC-32Cs of itself and the payload, so random bytes
// rarely get past it. Byte 0 of the input picks:
//   even  the rest is the model file as it is (header checks);
//   odd   the rest is a payload, and the fuzzer puts a correct header with
//         correct checksums in front (the payload decoder).
//
// Checks besides "no crash": an error is one of the documented codes and
// names the model; a model that loads classifies text into a probability
// in [0, 1] for one of its labels, alternatives best first, and survives
// Serialize -> FromBytes -> Serialize unchanged.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "fuzz_check.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/model_file.h"
#include "switchboard/util/crc32.h"

namespace switchboard {
namespace {

template <typename T>
void Put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}

// The header model_file.h describes, for `payload`.
std::string WithHeader(absl::string_view payload) {
  std::string out = "SWBMODEL";
  Put<uint32_t>(out, kModelFormatVersion);
  Put<uint32_t>(out, kModelHeaderSize);
  Put<uint64_t>(out, payload.size());
  Put<uint32_t>(out, Crc32c(payload));
  Put<uint32_t>(out, Crc32c(out));
  out.append(payload.data(), payload.size());
  return out;
}

void CheckPrediction(const Classifier& c, const Prediction& p) {
  FUZZ_CHECK(!p.alternatives.empty());
  FUZZ_CHECK(p.label == p.alternatives[0].label);
  FUZZ_CHECK(std::isfinite(p.confidence) && p.confidence >= 0 &&
             p.confidence <= 1);
  for (size_t i = 0; i < p.alternatives.size(); ++i) {
    const ScoredLabel& a = p.alternatives[i];
    FUZZ_CHECK(std::isfinite(a.probability) && a.probability >= 0 &&
               a.probability <= 1);
    if (i > 0) FUZZ_CHECK(a.probability <= p.alternatives[i - 1].probability);
    bool known = false;
    for (const std::string& l : c.labels()) known = known || l == a.label;
    FUZZ_CHECK(known);
  }
}

void Run(absl::string_view input) {
  if (input.empty()) return;
  const bool fix_header = static_cast<uint8_t>(input[0]) & 1;
  input.remove_prefix(1);
  const std::string bytes = fix_header ? WithHeader(input) : std::string(input);

  absl::StatusOr<std::unique_ptr<Classifier>> model =
      Classifier::FromBytes(bytes, "fuzz.model");
  if (!model.ok()) {
    const absl::StatusCode code = model.status().code();
    FUZZ_CHECK(code == absl::StatusCode::kInvalidArgument ||
               code == absl::StatusCode::kFailedPrecondition ||
               code == absl::StatusCode::kDataLoss);
    FUZZ_CHECK(absl::StrContains(model.status().message(), "fuzz.model"));
    return;
  }
  const Classifier& c = **model;
  FUZZ_CHECK(c.labels().size() >= 2);
  for (absl::string_view text :
       {"", "mijn parkeervergunning is verlopen", "card arrived"}) {
    CheckPrediction(c, c.Classify(text, {}, 3));
    CheckPrediction(c, c.Classify(text, {"ivr:3"}, 100));
    (void)c.Explain(text, {}, c.labels()[0], 5);
  }

  const std::string saved = c.Serialize();
  absl::StatusOr<std::unique_ptr<Classifier>> again =
      Classifier::FromBytes(saved, "saved.model");
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK((*again)->Serialize() == saved);
}

}  // namespace
}  // namespace switchboard

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  switchboard::Run(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
