// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/vocabulary.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace switchboard {
namespace {

inline uint64_t Key(uint64_t hash) { return hash == 0 ? 1 : hash; }

}  // namespace

Vocabulary Vocabulary::Build(absl::Span<const FeatureHashes> docs,
                             size_t min_df, size_t max_features) {
  // Document frequency per hash, remembering the block.
  absl::flat_hash_map<uint64_t, std::pair<uint32_t, uint8_t>> df;
  absl::flat_hash_set<uint64_t> seen;
  for (const FeatureHashes& doc : docs) {
    seen.clear();
    for (uint64_t h : doc.word) {
      if (seen.insert(Key(h)).second) {
        auto& e = df[Key(h)];
        ++e.first;
        e.second = static_cast<uint8_t>(FeatureBlock::kWord);
      }
    }
    for (uint64_t h : doc.chars) {
      if (seen.insert(Key(h)).second) {
        auto& e = df[Key(h)];
        ++e.first;
        e.second = static_cast<uint8_t>(FeatureBlock::kChar);
      }
    }
  }
  std::vector<std::pair<uint64_t, std::pair<uint32_t, uint8_t>>> entries;
  entries.reserve(df.size());
  for (const auto& e : df) {
    if (e.second.first >= min_df) entries.push_back(e);
  }
  // Most frequent first, then by hash: deterministic whatever the map order.
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    if (a.second.first != b.second.first)
      return a.second.first > b.second.first;
    return a.first < b.first;
  });
  if (entries.size() > max_features) entries.resize(max_features);

  Vocabulary v;
  const double n = static_cast<double>(docs.size());
  for (const auto& e : entries) {
    v.hashes_.push_back(e.first);
    // Smoothed idf, as scikit-learn: ln((1 + n) / (1 + df)) + 1.
    v.idf_.push_back(
        static_cast<float>(std::log((1.0 + n) / (1.0 + e.second.first)) + 1.0));
    v.blocks_.push_back(e.second.second);
  }
  v.BuildTable();
  return v;
}

absl::StatusOr<Vocabulary> Vocabulary::FromParts(std::vector<uint64_t> hashes,
                                                 std::vector<float> idf,
                                                 std::vector<uint8_t> blocks) {
  if (hashes.size() != idf.size() || hashes.size() != blocks.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vocabulary arrays differ in length: ", hashes.size(), " hashes, ",
        idf.size(), " idf values, ", blocks.size(), " blocks"));
  }
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i] >= kNumFeatureBlocks) {
      return absl::InvalidArgumentError(
          absl::StrCat("vocabulary entry ", i, " has unknown block ",
                       static_cast<int>(blocks[i])));
    }
  }
  Vocabulary v;
  v.hashes_ = std::move(hashes);
  v.idf_ = std::move(idf);
  v.blocks_ = std::move(blocks);
  v.BuildTable();
  for (size_t i = 0; i < v.hashes_.size(); ++i) {
    if (v.Find(v.hashes_[i]) != static_cast<int64_t>(i)) {
      return absl::InvalidArgumentError(
          absl::StrCat("vocabulary entry ", i, " repeats a hash"));
    }
  }
  return v;
}

void Vocabulary::BuildTable() {
  size_t cap = 16;
  while (cap < hashes_.size() * 2) cap <<= 1;
  table_.assign(cap, Slot{0, 0});
  mask_ = cap - 1;
  for (size_t i = 0; i < hashes_.size(); ++i) {
    uint64_t key = Key(hashes_[i]);
    uint64_t pos = key & mask_;
    while (table_[pos].key != 0 && table_[pos].key != key) {
      pos = (pos + 1) & mask_;
    }
    if (table_[pos].key == 0) table_[pos] = Slot{key, static_cast<uint32_t>(i)};
  }
}

int64_t Vocabulary::Find(uint64_t hash) const {
  if (table_.empty()) return -1;
  const uint64_t key = Key(hash);
  uint64_t pos = key & mask_;
  while (true) {
    const Slot& s = table_[pos];
    if (s.key == key) return s.value;
    if (s.key == 0) return -1;
    pos = (pos + 1) & mask_;
  }
}

void Vocabulary::AddBlock(absl::Span<const uint64_t> hashes,
                          SparseVector& out) const {
  // Term counts in a per-thread array indexed by feature; only the touched
  // entries are reset, so the cost is proportional to the text, not to the
  // vocabulary.
  thread_local std::vector<uint32_t> counts;
  if (counts.size() < hashes_.size()) counts.resize(hashes_.size(), 0);
  const size_t first = out.index.size();
  for (uint64_t h : hashes) {
    int64_t i = Find(h);
    if (i < 0) continue;
    if (counts[i]++ == 0) out.index.push_back(static_cast<uint32_t>(i));
  }
  double norm2 = 0;
  for (size_t k = first; k < out.index.size(); ++k) {
    uint32_t i = out.index[k];
    // Sublinear tf: 1 + ln(count); most n-grams occur once (ln 1 = 0).
    const uint32_t count = counts[i];
    float v = count == 1
                  ? idf_[i]
                  : (1.0f + std::log(static_cast<float>(count))) * idf_[i];
    counts[i] = 0;
    out.value.push_back(v);
    norm2 += static_cast<double>(v) * v;
  }
  if (norm2 > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm2));
    for (size_t k = first; k < out.value.size(); ++k) out.value[k] *= inv;
  }
}

void Vocabulary::Vectorize(const FeatureHashes& features,
                           SparseVector& out) const {
  out.Clear();
  AddBlock(features.word, out);
  AddBlock(features.chars, out);
}

}  // namespace switchboard
