// Copyright 2026 The Switchboard Authors.

#include "switchboard/config/data_policy.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(DataPolicyTest, EveryRowSaysWhatHowLongAndWhy) {
  EngineConfig config;
  config.retention.contact_text = absl::Hours(24 * 14);
  config.retention.contact_text_reason = "om de klacht af te handelen";
  config.retention.customer_history = absl::Hours(24 * 90);
  const std::vector<DataPolicyRow> rows =
      ExplainDataPolicy(config, absl::Minutes(30));
  ASSERT_GE(rows.size(), 7u);
  for (const DataPolicyRow& r : rows) {
    EXPECT_FALSE(r.data.empty());
    EXPECT_FALSE(r.kept_as.empty()) << r.data;
    EXPECT_FALSE(r.how_long.empty()) << r.data;
    EXPECT_FALSE(r.reason.empty()) << r.data;
  }
  std::string all;
  for (const DataPolicyRow& r : rows) {
    absl::StrAppend(&all, r.data, " | ", r.kept_as, " | ", r.how_long, " | ",
                    r.reason, "\n");
  }
  EXPECT_THAT(all, HasSubstr("14 days after receipt"));
  EXPECT_THAT(all, HasSubstr("om de klacht af te handelen"));
  EXPECT_THAT(all, HasSubstr("90 days"));
  EXPECT_THAT(all, HasSubstr("30 minutes"));
  EXPECT_THAT(all, HasSubstr("keyed hash"));
  EXPECT_THAT(all, HasSubstr("masked"));
  EXPECT_THAT(all, Not(HasSubstr("NOT MASKED")));
  const std::string table = FormatDataPolicy(rows, 120);
  EXPECT_THAT(table, HasSubstr("DATA"));
  EXPECT_THAT(table, HasSubstr("om de klacht af te"));
  for (absl::string_view line : absl::StrSplit(table, '\n')) {
    EXPECT_LE(line.size(), 120u) << line;
  }

  config.mask_personal_data = false;
  EXPECT_THAT(FormatDataPolicy(ExplainDataPolicy(config, absl::Hours(1))),
              HasSubstr("NOT MASKED"));
}

TEST(DataPolicyTest, HumanDurations) {
  EXPECT_EQ(HumanDuration(absl::Hours(24 * 30)), "30 days");
  EXPECT_EQ(HumanDuration(absl::Hours(1)), "1 hour");
  EXPECT_EQ(HumanDuration(absl::Minutes(90)), "90 minutes");
  EXPECT_EQ(HumanDuration(absl::InfiniteDuration()), "for ever");
  EXPECT_EQ(HumanDuration(absl::Milliseconds(1500)), "1.5s");
}

}  // namespace
}  // namespace switchboard
