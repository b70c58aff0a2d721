// Copyright 2026 The Switchboard Authors.
//
// featurizer.h: turns text into hashed n-gram features, the input of the
// linear classifier:
//
//   - word n-grams (1..word_ngram_max) over runs of letters and digits;
//   - character n-grams (char_ngram_min..char_ngram_max) inside each
//     whitespace-separated word padded with a space on both sides (the
//     "char_wb" analyzer of scikit-learn), which makes the model robust to
//     spelling variants, inflection and Dutch compounds;
//   - channel signals ("ivr:3") as tokens of their own.
//
// Text is case-folded with Unicode rules first (and accents stripped by
// default). N-grams are hashed to 64 bits without building strings, which
// keeps classification allocation-light; the vocabulary (vocabulary.h) maps
// the hashes of n-grams seen in training to dense indices.
//
// Thread-safe: Extract is const and keeps no state between calls.

#ifndef SWITCHBOARD_CLASSIFY_FEATURIZER_H_
#define SWITCHBOARD_CLASSIFY_FEATURIZER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace switchboard {

struct FeaturizerOptions {
  // Word n-grams 1..word_ngram_max. Default 2 (unigrams and bigrams).
  int word_ngram_max = 2;
  // Character n-gram lengths, in code points including the padding spaces.
  // Default 2..5.
  int char_ngram_min = 2;
  int char_ngram_max = 5;
  // Remove diacritics before extracting ("één" == "een"). Default true.
  bool strip_accents = true;

  // INVALID_ARGUMENT when a value is out of range (word 1..4, char 1..8,
  // min <= max).
  absl::Status Validate() const;
};

// The two feature blocks; each is weighted and L2-normalized separately.
enum class FeatureBlock : uint8_t { kWord = 0, kChar = 1 };
inline constexpr int kNumFeatureBlocks = 2;

// Hashed features of one text, per block, in order of occurrence
// (duplicates included: they are term counts).
struct FeatureHashes {
  std::vector<uint64_t> word;  // Word n-grams and signals.
  std::vector<uint64_t> chars;

  void Clear() {
    word.clear();
    chars.clear();
  }
};

// A feature with the n-gram it came from, for explanations.
struct NamedFeature {
  uint64_t hash;
  FeatureBlock block;
  std::string name;  // e.g. "w:card arrived", "c: tran", "s:ivr:3"
};

class Featurizer {
 public:
  explicit Featurizer(const FeaturizerOptions& options) : options_(options) {}

  const FeaturizerOptions& options() const { return options_; }

  // Appends the features of `text` and `signals` to `out` (not cleared).
  void Extract(absl::string_view text, absl::Span<const std::string> signals,
               FeatureHashes& out) const;

  // The same features with readable names (slow path, for Explain()).
  std::vector<NamedFeature> ExtractNamed(
      absl::string_view text, absl::Span<const std::string> signals) const;

 private:
  template <typename Sink>
  void Walk(absl::string_view text, absl::Span<const std::string> signals,
            Sink& sink) const;

  FeaturizerOptions options_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_FEATURIZER_H_
