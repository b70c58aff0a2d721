// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/model_file.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/util/crc32.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr size_t kVersionOffset = 8;
constexpr size_t kHeaderCrcOffset = 28;

uint32_t GetU32(const std::string& bytes, size_t offset) {
  uint32_t v;
  std::memcpy(&v, bytes.data() + offset, sizeof(v));
  return v;
}

void PutU32(std::string& bytes, size_t offset, uint32_t v) {
  std::memcpy(bytes.data() + offset, &v, sizeof(v));
}

ModelParts SmallParts() {
  ModelParts p;
  p.features.word_ngram_max = 1;
  p.features.char_ngram_min = 3;
  p.features.char_ngram_max = 4;
  p.features.strip_accents = false;
  p.labels = {"paspoort", "parkeren", "afval \"grof\""};
  p.hashes = {11, 22};
  p.idf = {1.5f, 2.25f};
  p.blocks = {0, 1};
  p.weights = {0.5f, -1, 2, 3, 4, -5};
  p.bias = {0.1f, 0.2f, -0.3f};
  p.temperature = 1.75f;
  return p;
}

// --- EncodeModel / DecodeModel ----------------------------------------------

TEST(ModelFileTest, EncodeDecodeRoundTrip) {
  const ModelParts p = SmallParts();
  const std::string bytes = EncodeModel(p);
  absl::StatusOr<ModelParts> q = DecodeModel(bytes, "m");
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->features.word_ngram_max, 1);
  EXPECT_EQ(q->features.char_ngram_min, 3);
  EXPECT_EQ(q->features.char_ngram_max, 4);
  EXPECT_FALSE(q->features.strip_accents);
  EXPECT_EQ(q->labels, p.labels);
  EXPECT_EQ(q->hashes, p.hashes);
  EXPECT_EQ(q->idf, p.idf);
  EXPECT_EQ(q->blocks, p.blocks);
  EXPECT_EQ(q->weights, p.weights);
  EXPECT_EQ(q->bias, p.bias);
  EXPECT_EQ(q->temperature, p.temperature);
  EXPECT_EQ(EncodeModel(*q), bytes);
}

TEST(ModelFileTest, HeaderLayout) {
  const std::string bytes = EncodeModel(SmallParts());
  ASSERT_GT(bytes.size(), kModelHeaderSize);
  EXPECT_EQ(bytes.substr(0, 8), "SWBMODEL");
  EXPECT_EQ(GetU32(bytes, kVersionOffset), kModelFormatVersion);
  EXPECT_EQ(GetU32(bytes, 12), kModelHeaderSize);
  uint64_t payload_size;
  std::memcpy(&payload_size, bytes.data() + 16, sizeof(payload_size));
  EXPECT_EQ(payload_size, bytes.size() - kModelHeaderSize);
  EXPECT_EQ(GetU32(bytes, 24), Crc32c(bytes.substr(kModelHeaderSize)));
  EXPECT_EQ(GetU32(bytes, kHeaderCrcOffset),
            Crc32c(bytes.substr(0, kHeaderCrcOffset)));
}

// Payloads whose checksum matches but whose content is wrong.
TEST(ModelFileTest, InconsistentPayloadIsDataLoss) {
  struct Case {
    const char* name;
    void (*change)(ModelParts&);
    const char* message;
  };
  const Case cases[] = {
      {"weights", [](ModelParts& p) { p.weights.pop_back(); }, "weights are"},
      {"bias", [](ModelParts& p) { p.bias.push_back(0); }, "weights are"},
      {"one label",
       [](ModelParts& p) {
         p.labels.resize(1);
         p.weights.resize(2);
         p.bias.resize(1);
       },
       "1 labels"},
      {"options", [](ModelParts& p) { p.features.word_ngram_max = 9; },
       "word_ngram_max"},
      {"temperature", [](ModelParts& p) { p.temperature = 0; }, "temperature"},
      {"nan temperature", [](ModelParts& p) { p.temperature = NAN; },
       "temperature"},
      // Found by tests/fuzz/model_file_fuzzer: each of these made every
      // confidence NaN, or overflowed the softmax, instead of being refused.
      {"tiny temperature", [](ModelParts& p) { p.temperature = 1e-30f; },
       "temperature 1e-30 is outside [0.01, 100]"},
      {"huge temperature", [](ModelParts& p) { p.temperature = 1e30f; },
       "temperature"},
      {"nan weight", [](ModelParts& p) { p.weights[3] = NAN; },
       "weight 3 is nan"},
      {"infinite weight", [](ModelParts& p) { p.weights[0] = INFINITY; },
       "weight 0 is inf"},
      {"huge weight", [](ModelParts& p) { p.weights[5] = -3e38f; },
       "weight 5 is -3e+38, outside +-1e+06"},
      {"nan bias", [](ModelParts& p) { p.bias[1] = NAN; }, "bias 1 is nan"},
      {"infinite idf", [](ModelParts& p) { p.idf[1] = -INFINITY; },
       "idf value 1 is -inf"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ModelParts p = SmallParts();
    c.change(p);
    EXPECT_THAT(DecodeModel(EncodeModel(p), "m.model"),
                StatusIs(absl::StatusCode::kDataLoss,
                         AllOf(HasSubstr("m.model"), HasSubstr(c.message))));
  }
}

// --- Classifier files --------------------------------------------------------

class ModelFileClassifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<Classifier>> c =
        Classifier::Train(test_util::TinyExamples(), ClassifierOptions());
    ASSERT_TRUE(c.ok()) << c.status();
    classifier_ = c->release();
  }
  static void TearDownTestSuite() {
    delete classifier_;
    classifier_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(classifier_, nullptr);
    bytes_ = classifier_->Serialize();
    path_ = test_util::TempPath("model.swb");
  }
  void TearDown() override { std::remove(path_.c_str()); }

  absl::StatusOr<std::unique_ptr<Classifier>> LoadBytes(
      absl::string_view bytes) {
    test_util::WriteFile(path_, bytes);
    return Classifier::Load(path_);
  }

  static std::vector<std::string> Texts() {
    std::vector<std::string> texts;
    for (const Example& e : test_util::TinyExamples()) texts.push_back(e.text);
    for (const char* t :
         {"passport", "my bin", "parking permit for visitors", "", "???",
          "een nieuw paspoort aanvragen", "grofvuil ophalen", "x y z"}) {
      texts.push_back(t);
    }
    return texts;
  }

  static Classifier* classifier_;
  std::string bytes_;
  std::string path_;
};

Classifier* ModelFileClassifierTest::classifier_ = nullptr;

TEST_F(ModelFileClassifierTest, SaveLoadRoundTripPredictsIdentically) {
  ASSERT_TRUE(classifier_->Save(path_).ok());
  absl::StatusOr<std::unique_ptr<Classifier>> loaded = Classifier::Load(path_);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const Classifier& c = **loaded;
  EXPECT_EQ(c.labels(), classifier_->labels());
  EXPECT_EQ(c.num_features(), classifier_->num_features());
  EXPECT_EQ(c.temperature(), classifier_->temperature());
  const int k = static_cast<int>(c.labels().size());
  for (const std::string& text : Texts()) {
    SCOPED_TRACE(text);
    Prediction a = classifier_->Classify(text, {}, k);
    Prediction b = c.Classify(text, {}, k);
    EXPECT_EQ(a.label, b.label);
    EXPECT_EQ(a.confidence, b.confidence);
    ASSERT_EQ(a.alternatives.size(), b.alternatives.size());
    for (size_t i = 0; i < a.alternatives.size(); ++i) {
      EXPECT_EQ(a.alternatives[i].label, b.alternatives[i].label);
      EXPECT_EQ(a.alternatives[i].probability, b.alternatives[i].probability);
    }
  }
  EXPECT_EQ(c.Serialize(), bytes_);
}

TEST_F(ModelFileClassifierTest, SerializeIsDeterministic) {
  EXPECT_EQ(classifier_->Serialize(), bytes_);
  absl::StatusOr<std::unique_ptr<Classifier>> again =
      Classifier::Train(test_util::TinyExamples(), ClassifierOptions());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->Serialize(), bytes_);
}

TEST_F(ModelFileClassifierTest, SaveWritesTheSerializedBytes) {
  ASSERT_TRUE(classifier_->Save(path_).ok());
  EXPECT_EQ(test_util::ReadFile(path_), bytes_);
  // Saving over an existing file replaces it and leaves no temporary file.
  test_util::WriteFile(path_, "old contents");
  ASSERT_TRUE(classifier_->Save(path_).ok());
  EXPECT_EQ(test_util::ReadFile(path_), bytes_);
  const std::string dir = std::filesystem::path(path_).parent_path().string();
  const std::string base = std::filesystem::path(path_).filename().string();
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_FALSE(
        absl::StartsWith(entry.path().filename().string(), base + ".tmp"))
        << entry.path();
  }
}

TEST_F(ModelFileClassifierTest, SaveToAMissingDirectoryFails) {
  const std::string path = test_util::TempPath("no/such/dir/model.swb");
  EXPECT_FALSE(classifier_->Save(path).ok());
}

TEST_F(ModelFileClassifierTest, TruncatedInsideTheMagicIsNotAModel) {
  for (size_t cut : {0, 1, 4, 7}) {
    SCOPED_TRACE(cut);
    EXPECT_THAT(LoadBytes(bytes_.substr(0, cut)),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr(path_),
                               HasSubstr("not a Switchboard model"))));
  }
}

TEST_F(ModelFileClassifierTest, TruncatedFileIsDataLoss) {
  const size_t n = bytes_.size();
  for (size_t cut : {size_t{8}, size_t{12}, size_t{20}, size_t{31}, size_t{32},
                     size_t{33}, size_t{40}, n / 2, n - 5, n - 1}) {
    SCOPED_TRACE(cut);
    EXPECT_THAT(LoadBytes(bytes_.substr(0, cut)),
                StatusIs(absl::StatusCode::kDataLoss,
                         AllOf(HasSubstr(path_), HasSubstr("truncated"))));
  }
}

TEST_F(ModelFileClassifierTest, FlippedPayloadByteIsChecksumMismatch) {
  for (size_t pos : {kModelHeaderSize, kModelHeaderSize + 13, bytes_.size() / 2,
                     bytes_.size() - 1}) {
    SCOPED_TRACE(pos);
    std::string corrupt = bytes_;
    corrupt[pos] = static_cast<char>(corrupt[pos] ^ 0x10);
    EXPECT_THAT(LoadBytes(corrupt),
                StatusIs(absl::StatusCode::kDataLoss,
                         AllOf(HasSubstr(path_),
                               HasSubstr("payload checksum mismatch"))));
  }
}

TEST_F(ModelFileClassifierTest, FlippedHeaderByteIsChecksumMismatch) {
  for (size_t pos :
       {size_t{8}, size_t{13}, size_t{17}, size_t{25}, size_t{30}}) {
    SCOPED_TRACE(pos);
    std::string corrupt = bytes_;
    corrupt[pos] = static_cast<char>(corrupt[pos] ^ 0x01);
    EXPECT_THAT(LoadBytes(corrupt),
                StatusIs(absl::StatusCode::kDataLoss,
                         HasSubstr("header checksum mismatch")));
  }
}

TEST_F(ModelFileClassifierTest, OtherFormatVersionIsFailedPrecondition) {
  std::string other = bytes_;
  PutU32(other, kVersionOffset, kModelFormatVersion + 1);
  // A consistent header, so that only the version differs.
  PutU32(other, kHeaderCrcOffset, Crc32c(other.substr(0, kHeaderCrcOffset)));
  EXPECT_THAT(LoadBytes(other),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr(path_),
                             HasSubstr(absl::StrCat("format version ",
                                                    kModelFormatVersion + 1)),
                             HasSubstr(absl::StrCat("reads version ",
                                                    kModelFormatVersion)))));
}

TEST_F(ModelFileClassifierTest, WrongHeaderSizeIsDataLoss) {
  std::string other = bytes_;
  PutU32(other, 12, 64);
  PutU32(other, kHeaderCrcOffset, Crc32c(other.substr(0, kHeaderCrcOffset)));
  EXPECT_THAT(LoadBytes(other), StatusIs(absl::StatusCode::kDataLoss,
                                         HasSubstr("header size 64")));
}

TEST_F(ModelFileClassifierTest, TrailingBytesAreDataLoss) {
  EXPECT_THAT(LoadBytes(bytes_ + "extra"),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("5 unexpected bytes after the payload")));
}

TEST_F(ModelFileClassifierTest, OtherFilesAreNotModels) {
  for (absl::string_view bytes :
       {absl::string_view("text,label\nhello,greet\n"),
        absl::string_view("SWBMODEX and more bytes than a header has......"),
        absl::string_view("\x7F"
                          "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                          16)}) {
    EXPECT_THAT(LoadBytes(bytes),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("is not a Switchboard model file")));
  }
}

TEST_F(ModelFileClassifierTest, MissingFileIsNotFound) {
  const std::string missing = test_util::TempPath("missing.swb");
  EXPECT_THAT(Classifier::Load(missing),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(missing)));
}

TEST_F(ModelFileClassifierTest, FromBytesRejectsRepeatedLabelsAndHashes) {
  ModelParts p = SmallParts();
  p.labels[2] = p.labels[0];
  EXPECT_THAT(Classifier::FromBytes(EncodeModel(p), "mem"),
              StatusIs(absl::StatusCode::kDataLoss,
                       AllOf(HasSubstr("mem"), HasSubstr("repeated label"))));
  p = SmallParts();
  p.hashes[1] = p.hashes[0];
  EXPECT_THAT(Classifier::FromBytes(EncodeModel(p), "mem"),
              StatusIs(absl::StatusCode::kDataLoss,
                       AllOf(HasSubstr("mem"), HasSubstr("repeats a hash"))));
}

TEST_F(ModelFileClassifierTest, FromBytesUsesTheStoredParts) {
  absl::StatusOr<std::unique_ptr<Classifier>> c =
      Classifier::FromBytes(EncodeModel(SmallParts()), "mem");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_THAT((*c)->labels(),
              ElementsAre("paspoort", "parkeren", "afval \"grof\""));
  EXPECT_EQ((*c)->num_features(), 2u);
  EXPECT_EQ((*c)->temperature(), 1.75f);
  EXPECT_EQ((*c)->featurizer_options().char_ngram_min, 3);
  // No known feature: the prior, softmax(bias / T).
  Prediction p = (*c)->Classify("", {}, 3);
  EXPECT_EQ(p.label, "parkeren");
  EXPECT_EQ(p.alternatives.back().label, "afval \"grof\"");
}

// Found by tests/fuzz/model_file_fuzzer: empty arrays were copied with
// memcpy from a null pointer (undefined behaviour, reported by UBSan).
TEST_F(ModelFileClassifierTest, ModelWithoutFeaturesGivesThePrior) {
  ModelParts p = SmallParts();
  p.hashes.clear();
  p.idf.clear();
  p.blocks.clear();
  p.weights.clear();
  absl::StatusOr<std::unique_ptr<Classifier>> c =
      Classifier::FromBytes(EncodeModel(p), "mem");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ((*c)->num_features(), 0u);
  EXPECT_EQ((*c)->Classify("paspoort", {}, 3).label, "parkeren");
}

}  // namespace
}  // namespace switchboard
