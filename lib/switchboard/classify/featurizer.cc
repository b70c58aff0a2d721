// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/featurizer.h"

#include <utf8proc.h>

#include "absl/strings/str_cat.h"
#include "switchboard/text/case_fold.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

// FNV-1a over code points: the hash of an n-gram depends only on its code
// points, so an n-gram extended one character at a time hashes the same as
// the n-gram hashed whole.
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr uint64_t kCharSeed = 0xcbf29ce484222325ULL;
constexpr uint64_t kWordSeed = 0x84222325cbf29ce4ULL;
constexpr uint64_t kSignalSeed = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kBigramSalt = 0xd6e8feb86659fd93ULL;

inline uint64_t Step(uint64_t h, char32_t c) {
  return (h ^ static_cast<uint64_t>(c)) * kFnvPrime;
}

// MurmurHash3's 64-bit finalizer: spreads FNV's weak high bits, so that the
// vocabulary's open-addressing table can use the low bits directly.
inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v' || c == 0xA0;
}

inline bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z') || c == '_';
  }
  utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
         cat == UTF8PROC_CATEGORY_ND;
}

std::string Encode(const char32_t* begin, const char32_t* end) {
  std::string s;
  for (const char32_t* p = begin; p != end; ++p) AppendUtf8(*p, s);
  return s;
}

// Sinks for Walk(): one collects hashes, one also names them.
struct HashSink {
  FeatureHashes& out;
  static constexpr bool kNamed = false;
  void Word(uint64_t h, const char32_t*, const char32_t*, absl::string_view) {
    out.word.push_back(h);
  }
  void Char(uint64_t h, const char32_t*, const char32_t*) {
    out.chars.push_back(h);
  }
};

struct NamedSink {
  std::vector<NamedFeature>& out;
  static constexpr bool kNamed = true;
  void Word(uint64_t h, const char32_t* b, const char32_t* e,
            absl::string_view name) {
    out.push_back(
        {h, FeatureBlock::kWord,
         name.empty() ? absl::StrCat("w:", Encode(b, e)) : std::string(name)});
  }
  void Char(uint64_t h, const char32_t* b, const char32_t* e) {
    out.push_back({h, FeatureBlock::kChar, absl::StrCat("c:", Encode(b, e))});
  }
};

}  // namespace

absl::Status FeaturizerOptions::Validate() const {
  if (word_ngram_max < 1 || word_ngram_max > 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("word_ngram_max must be 1..4, got ", word_ngram_max));
  }
  if (char_ngram_min < 1 || char_ngram_max > 8 ||
      char_ngram_min > char_ngram_max) {
    return absl::InvalidArgumentError(
        absl::StrCat("char n-gram range must satisfy 1 <= min <= max <= 8, "
                     "got ",
                     char_ngram_min, "..", char_ngram_max));
  }
  return absl::OkStatus();
}

template <typename Sink>
void Featurizer::Walk(absl::string_view text,
                      absl::Span<const std::string> signals, Sink& sink) const {
  thread_local std::vector<char32_t> cps;
  thread_local std::vector<uint64_t> word_hashes;
  thread_local std::vector<std::pair<size_t, size_t>> word_spans;
  // Decode, with one padding space at both ends so that every
  // whitespace-separated word is surrounded by spaces. Plain ASCII, the
  // common case, needs neither utf8proc nor an allocation.
  cps.clear();
  cps.push_back(' ');
  bool ascii = true;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    for (unsigned char c : text) {
      char32_t lower = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
      cps.push_back(IsSpace(lower) ? U' ' : lower);
    }
  } else {
    const std::string folded = CaseFold(
        text, CaseFoldOptions{.strip_accents = options_.strip_accents});
    for (char32_t c : DecodeUtf8(folded)) cps.push_back(IsSpace(c) ? U' ' : c);
  }
  cps.push_back(' ');
  const size_t n = cps.size();
  const char32_t* data = cps.data();

  // Character n-grams inside each space-padded word.
  const size_t cmin = static_cast<size_t>(options_.char_ngram_min);
  const size_t cmax = static_cast<size_t>(options_.char_ngram_max);
  size_t i = 0;
  while (i + 1 < n) {
    // A word spans [start, end) of non-spaces, padded by the spaces at
    // start-1 and end.
    while (i + 1 < n && data[i + 1] == ' ') ++i;
    if (i + 1 >= n) break;
    size_t start = i + 1;
    size_t end = start;
    while (end < n && data[end] != ' ') ++end;
    const size_t lo = start - 1, hi = end + 1;  // padded word [lo, hi)
    for (size_t s = lo; s < hi; ++s) {
      uint64_t h = kCharSeed;
      for (size_t len = 1; len <= cmax && s + len <= hi; ++len) {
        h = Step(h, data[s + len - 1]);
        if (len >= cmin) sink.Char(Mix(h), data + s, data + s + len);
      }
    }
    i = end;
  }

  // Word unigrams over runs of letters/digits, then higher n-grams.
  word_hashes.clear();
  word_spans.clear();
  for (size_t k = 0; k < n;) {
    if (!IsWordChar(data[k])) {
      ++k;
      continue;
    }
    size_t start = k;
    uint64_t h = kWordSeed;
    while (k < n && IsWordChar(data[k])) h = Step(h, data[k++]);
    word_hashes.push_back(Mix(h));
    word_spans.emplace_back(start, k);
    sink.Word(word_hashes.back(), data + start, data + k, {});
  }
  for (int g = 2; g <= options_.word_ngram_max; ++g) {
    for (size_t k = 0; k + g <= word_hashes.size(); ++k) {
      uint64_t h = word_hashes[k];
      for (int j = 1; j < g; ++j) h = Mix(h * kBigramSalt + word_hashes[k + j]);
      sink.Word(h, data + word_spans[k].first,
                data + word_spans[k + g - 1].second, {});
    }
  }

  for (const std::string& signal : signals) {
    uint64_t h = kSignalSeed;
    for (unsigned char c : signal) h = Step(h, c);
    if constexpr (Sink::kNamed) {
      sink.Word(Mix(h), nullptr, nullptr, absl::StrCat("s:", signal));
    } else {
      sink.Word(Mix(h), nullptr, nullptr, {});
    }
  }
}

void Featurizer::Extract(absl::string_view text,
                         absl::Span<const std::string> signals,
                         FeatureHashes& out) const {
  HashSink sink{out};
  Walk(text, signals, sink);
}

std::vector<NamedFeature> Featurizer::ExtractNamed(
    absl::string_view text, absl::Span<const std::string> signals) const {
  std::vector<NamedFeature> out;
  NamedSink sink{out};
  Walk(text, signals, sink);
  return out;
}

}  // namespace switchboard
