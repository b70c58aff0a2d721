// Copyright 2026 The Switchboard Authors.
//
// vocabulary.h: maps the hashed n-grams seen in training to dense feature
// indices, with their inverse document frequency, and turns the features of
// one text into a TF-IDF vector (sublinear term frequency, each block
// L2-normalized on its own, as scikit-learn's FeatureUnion of two
// TfidfVectorizers does).
//
// Thread-safe for concurrent Vectorize calls (per-thread scratch space);
// immutable after construction.

#ifndef SWITCHBOARD_CLASSIFY_VOCABULARY_H_
#define SWITCHBOARD_CLASSIFY_VOCABULARY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "switchboard/classify/featurizer.h"

namespace switchboard {

// A sparse feature vector: parallel arrays of indices and values.
struct SparseVector {
  std::vector<uint32_t> index;
  std::vector<float> value;

  void Clear() {
    index.clear();
    value.clear();
  }
  size_t size() const { return index.size(); }
};

class Vocabulary {
 public:
  Vocabulary() = default;

  // Keeps every n-gram that occurs in at least `min_df` documents; when
  // there are more than `max_features`, the most frequent are kept (ties
  // broken by hash, so the result is deterministic).
  static Vocabulary Build(absl::Span<const FeatureHashes> docs, size_t min_df,
                          size_t max_features);

  // Rebuilds a vocabulary from its stored parts (model loading). Fails with
  // INVALID_ARGUMENT when the arrays differ in length, a block is out of
  // range or a hash repeats.
  static absl::StatusOr<Vocabulary> FromParts(std::vector<uint64_t> hashes,
                                              std::vector<float> idf,
                                              std::vector<uint8_t> blocks);

  size_t size() const { return hashes_.size(); }
  // Dense index of `hash`, or -1 when it was not in the training data.
  int64_t Find(uint64_t hash) const;

  const std::vector<uint64_t>& hashes() const { return hashes_; }
  const std::vector<float>& idf() const { return idf_; }
  const std::vector<uint8_t>& blocks() const { return blocks_; }

  // Writes the TF-IDF vector of `features` into `out` (cleared first).
  // Unknown n-grams are ignored.
  void Vectorize(const FeatureHashes& features, SparseVector& out) const;

 private:
  struct Slot {
    uint64_t key;
    uint32_t value;
  };
  void BuildTable();
  void AddBlock(absl::Span<const uint64_t> hashes, SparseVector& out) const;

  std::vector<uint64_t> hashes_;
  std::vector<float> idf_;
  std::vector<uint8_t> blocks_;
  // Open addressing, linear probing; key 0 marks an empty slot (a real hash
  // of 0 is stored as 1 and looked up the same way).
  std::vector<Slot> table_;
  uint64_t mask_ = 0;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_CLASSIFY_VOCABULARY_H_
