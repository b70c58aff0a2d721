// Copyright 2026 The Switchboard Authors.
//
// Language detection on BANKING77's dev split (1,003 English questions to a
// bank): the share detected as English. Registered with the `dataset`
// label (`ctest -L dataset`); reads ../shared/data/banking77 and fails when
// it is missing, so a broken data setup is never mistaken for a pass.

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "switchboard/classify/dataset.h"
#include "switchboard/classify/language.h"

namespace switchboard {
namespace {

// Measured 0.9980 (1,001 of 1,003; the other two "und": "limits on top ups"
// and "unsupported transfer declined" hold no word of any profile). The
// floor is the target of issue 7.
constexpr double kEnglishShareFloor = 0.97;

TEST(LanguageBanking77Test, DetectsEnglishOnTheDevSplit) {
  const std::string path =
      std::string(SWITCHBOARD_SHARED_DATA_DIR) + "/banking77/dev.csv";
  ASSERT_TRUE(std::filesystem::exists(path))
      << path
      << " is missing: this test needs the shared BANKING77 data "
         "(set -DSWITCHBOARD_SHARED_DATA_DIR=... when configuring)";
  absl::StatusOr<std::vector<Example>> dev =
      LoadExamples(path, DatasetOptions());
  ASSERT_TRUE(dev.ok()) << dev.status();
  ASSERT_EQ(dev->size(), 1003u);

  std::map<std::string, int> codes;
  size_t english = 0;
  for (const Example& e : *dev) {
    const LanguageGuess g = DetectLanguage(e.text);
    ++codes[g.code];
    if (g.code == "en") {
      ++english;
    } else {
      std::printf("  line %zu: %s (%.2f): %s\n", e.line, g.code.c_str(),
                  g.confidence, e.text.c_str());
    }
  }
  const double share = static_cast<double>(english) / dev->size();
  std::printf("banking77 dev: %.4f detected en (%zu of %zu);", share, english,
              dev->size());
  for (const auto& [code, n] : codes) std::printf(" %s %d", code.c_str(), n);
  std::printf("\n");
  EXPECT_GE(share, kEnglishShareFloor);
}

}  // namespace
}  // namespace switchboard
