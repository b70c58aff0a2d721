// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/model_file.h"

#include <cmath>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "switchboard/util/crc32.h"

namespace switchboard {
namespace {

constexpr char kMagic[8] = {'S', 'W', 'B', 'M', 'O', 'D', 'E', 'L'};
// Sanity bounds, far above any real model, that stop a crafted file from
// asking for absurd allocations.
constexpr uint64_t kMaxLabels = 100'000;
constexpr uint64_t kMaxFeatures = 50'000'000;
// Bounds on the numbers: far outside what training writes (weights and
// biases of a few units, idf = ln((1 + n) / (1 + df)) + 1, a temperature
// fitted in [0.05, 20]) and inside what keeps classification finite. A NaN,
// an infinity or 1e38 in a file whose checksum matches would otherwise make
// every confidence NaN (or overflow the softmax) instead of being refused.
constexpr float kMaxAbsValue = 1e6f;
constexpr float kMinTemperature = 0.01f;
constexpr float kMaxTemperature = 100.0f;

template <typename T>
void Put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}

template <typename T>
void PutArray(std::string& out, const std::vector<T>& v) {
  Put<uint64_t>(out, v.size());
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

class Reader {
 public:
  Reader(absl::string_view data, absl::string_view name)
      : data_(data), name_(name) {}

  template <typename T>
  absl::Status Get(T& v, absl::string_view what) {
    if (data_.size() - pos_ < sizeof(T)) return Short(what);
    std::memcpy(&v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return absl::OkStatus();
  }

  template <typename T>
  absl::Status GetArray(std::vector<T>& v, uint64_t max,
                        absl::string_view what) {
    uint64_t n = 0;
    if (absl::Status s = Get(n, what); !s.ok()) return s;
    if (n > max) {
      return absl::DataLossError(absl::StrCat(
          "model ", name_, ": ", what, " has ", n, " entries, over ", max));
    }
    if ((data_.size() - pos_) / sizeof(T) < n) return Short(what);
    v.resize(n);
    // An empty vector's data() may be null, and memcpy from or to null is
    // undefined even for 0 bytes (a model with no features has empty
    // arrays).
    if (n > 0) std::memcpy(v.data(), data_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return absl::OkStatus();
  }

  absl::Status GetString(std::string& s, absl::string_view what) {
    uint32_t n = 0;
    if (absl::Status st = Get(n, what); !st.ok()) return st;
    if (n > kMaxLabelBytes) {
      return absl::DataLossError(
          absl::StrCat("model ", name_, ": ", what, " entry of ", n,
                       " bytes, over the limit of ", kMaxLabelBytes));
    }
    if (data_.size() - pos_ < n) return Short(what);
    s.assign(data_.data() + pos_, n);
    pos_ += n;
    return absl::OkStatus();
  }

  bool AtEnd() const { return pos_ == data_.size(); }

 private:
  absl::Status Short(absl::string_view what) const {
    return absl::DataLossError(
        absl::StrCat("model ", name_, ": payload ends early in ", what));
  }
  absl::string_view data_;
  absl::string_view name_;
  size_t pos_ = 0;
};

absl::Status Corrupt(absl::string_view name, absl::string_view what) {
  return absl::DataLossError(
      absl::StrCat("model ", name, " is corrupt: ", what));
}

// OK when every value is finite and within +-kMaxAbsValue; else DATA_LOSS
// naming the first that is not.
absl::Status CheckValues(const std::vector<float>& values,
                         absl::string_view what, absl::string_view name) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (!(std::abs(values[i]) <= kMaxAbsValue)) {  // false for NaN too
      return Corrupt(name, absl::StrCat(what, " ", i, " is ", values[i],
                                        ", outside +-", kMaxAbsValue));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::string EncodeModel(const ModelParts& p) {
  std::string payload;
  Put<int32_t>(payload, p.features.word_ngram_max);
  Put<int32_t>(payload, p.features.char_ngram_min);
  Put<int32_t>(payload, p.features.char_ngram_max);
  Put<uint8_t>(payload, p.features.strip_accents ? 1 : 0);
  Put<uint32_t>(payload, static_cast<uint32_t>(p.labels.size()));
  for (const std::string& l : p.labels) {
    Put<uint32_t>(payload, static_cast<uint32_t>(l.size()));
    payload += l;
  }
  PutArray(payload, p.hashes);
  PutArray(payload, p.idf);
  PutArray(payload, p.blocks);
  PutArray(payload, p.weights);
  PutArray(payload, p.bias);
  Put<float>(payload, p.temperature);

  std::string out(kMagic, sizeof(kMagic));
  Put<uint32_t>(out, kModelFormatVersion);
  Put<uint32_t>(out, kModelHeaderSize);
  Put<uint64_t>(out, payload.size());
  Put<uint32_t>(out, Crc32c(payload));
  Put<uint32_t>(out, Crc32c(out));
  out += payload;
  return out;
}

absl::StatusOr<ModelParts> DecodeModel(absl::string_view bytes,
                                       absl::string_view name) {
  if (bytes.size() < sizeof(kMagic) ||
      std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(name,
                     " is not a Switchboard model file (no SWBMODEL "
                     "magic at the start)"));
  }
  if (bytes.size() < kModelHeaderSize) {
    return absl::DataLossError(absl::StrCat(
        "model ", name, " is truncated: ", bytes.size(),
        " bytes, shorter than the ", kModelHeaderSize, "-byte header"));
  }
  Reader header(bytes.substr(sizeof(kMagic), kModelHeaderSize - sizeof(kMagic)),
                name);
  uint32_t version = 0, header_size = 0, payload_crc = 0, header_crc = 0;
  uint64_t payload_size = 0;
  (void)header.Get(version, "header");
  (void)header.Get(header_size, "header");
  (void)header.Get(payload_size, "header");
  (void)header.Get(payload_crc, "header");
  (void)header.Get(header_crc, "header");
  if (Crc32c(bytes.substr(0, kModelHeaderSize - 4)) != header_crc) {
    return Corrupt(name, "header checksum mismatch");
  }
  if (version != kModelFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("model ", name, " has format version ", version,
                     "; this build reads version ", kModelFormatVersion,
                     " (retrain the model with this version)"));
  }
  if (header_size != kModelHeaderSize) {
    return Corrupt(name, absl::StrCat("header size ", header_size));
  }
  absl::string_view payload = bytes.substr(kModelHeaderSize);
  if (payload.size() < payload_size) {
    return absl::DataLossError(
        absl::StrCat("model ", name, " is truncated: payload has ",
                     payload.size(), " of ", payload_size, " bytes"));
  }
  if (payload.size() > payload_size) {
    return Corrupt(name, absl::StrCat(payload.size() - payload_size,
                                      " unexpected bytes after the payload"));
  }
  if (Crc32c(payload) != payload_crc) {
    return Corrupt(name, "payload checksum mismatch");
  }

  ModelParts p;
  Reader r(payload, name);
  int32_t w = 0, cmin = 0, cmax = 0;
  uint8_t strip = 0;
  uint32_t num_labels = 0;
  absl::Status s = r.Get(w, "options");
  if (s.ok()) s = r.Get(cmin, "options");
  if (s.ok()) s = r.Get(cmax, "options");
  if (s.ok()) s = r.Get(strip, "options");
  if (s.ok()) s = r.Get(num_labels, "labels");
  if (!s.ok()) return s;
  p.features.word_ngram_max = w;
  p.features.char_ngram_min = cmin;
  p.features.char_ngram_max = cmax;
  p.features.strip_accents = strip != 0;
  if (absl::Status v = p.features.Validate(); !v.ok()) {
    return Corrupt(name, v.message());
  }
  if (num_labels < 2 || num_labels > kMaxLabels) {
    return Corrupt(name, absl::StrCat(num_labels, " labels"));
  }
  p.labels.resize(num_labels);
  for (std::string& l : p.labels) {
    if (s = r.GetString(l, "labels"); !s.ok()) return s;
  }
  if (s = r.GetArray(p.hashes, kMaxFeatures, "vocabulary"); !s.ok()) return s;
  if (s = r.GetArray(p.idf, kMaxFeatures, "idf"); !s.ok()) return s;
  if (s = r.GetArray(p.blocks, kMaxFeatures, "blocks"); !s.ok()) return s;
  if (s = r.GetArray(p.weights, kMaxFeatures * kMaxLabels, "weights");
      !s.ok()) {
    return s;
  }
  if (s = r.GetArray(p.bias, kMaxLabels, "bias"); !s.ok()) return s;
  if (s = r.Get(p.temperature, "temperature"); !s.ok()) return s;
  if (!r.AtEnd()) return Corrupt(name, "trailing bytes in payload");
  if (p.weights.size() != p.hashes.size() * num_labels ||
      p.bias.size() != num_labels) {
    return Corrupt(name, absl::StrCat("weights are ", p.weights.size(),
                                      " values for ", p.hashes.size(),
                                      " features x ", num_labels, " labels"));
  }
  if (!(p.temperature >= kMinTemperature && p.temperature <= kMaxTemperature)) {
    return Corrupt(name,
                   absl::StrCat("temperature ", p.temperature, " is outside [",
                                kMinTemperature, ", ", kMaxTemperature, "]"));
  }
  if (s = CheckValues(p.idf, "idf value", name); !s.ok()) return s;
  if (s = CheckValues(p.weights, "weight", name); !s.ok()) return s;
  if (s = CheckValues(p.bias, "bias", name); !s.ok()) return s;
  return p;
}

}  // namespace switchboard
