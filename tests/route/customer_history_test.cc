// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/customer_history.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kT0 = absl::FromUnixSeconds(1'800'000'000);

std::vector<std::string> Ids(const std::vector<EarlierContact>& v) {
  std::vector<std::string> ids;
  for (const EarlierContact& c : v) ids.push_back(c.contact_id);
  return ids;
}

EarlierContact At(std::string id, absl::Time t, std::string dept = "taxes") {
  EarlierContact c;
  c.contact_id = std::move(id);
  c.received = t;
  c.department = std::move(dept);
  return c;
}

TEST(CustomerHistoryTest, EarlierContactsWithinTheWindowNewestFirst) {
  CustomerHistory h(absl::Hours(24 * 30));
  h.Add(7, At("a", kT0));
  h.Add(7, At("b", kT0 + absl::Hours(24)));
  h.Add(8, At("x", kT0 + absl::Hours(1)));  // Another customer.
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(48), 10)),
              ElementsAre("b", "a"));
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(48), 1)), ElementsAre("b"));
  // 30 days after "a", it has left the window; "b" has not.
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(24 * 30), 10)),
              ElementsAre("b"));
  EXPECT_THAT(h.Earlier(7, kT0 + absl::Hours(24 * 62), 10), IsEmpty());
  // Key 0 is "no customer reference": never remembered.
  h.Add(0, At("anon", kT0));
  EXPECT_THAT(h.Earlier(0, kT0 + absl::Hours(1), 10), IsEmpty());
}

TEST(CustomerHistoryTest, ContactsStampedOutOfOrderAreKeptInOrder) {
  CustomerHistory h(absl::Hours(24));
  h.Add(7, At("late", kT0 + absl::Hours(2)));
  h.Add(7, At("early", kT0 + absl::Hours(1)));
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(3), 10)),
              ElementsAre("late", "early"));
  // Earlier() as of a moment between them sees only the earlier one.
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Minutes(90), 10)),
              ElementsAre("early"));
}

TEST(CustomerHistoryTest, OutcomeIsRecorded) {
  CustomerHistory h(absl::Hours(24));
  h.Add(7, At("a", kT0));
  EXPECT_TRUE(h.SetOutcome(7, "a", Outcome::kUnfavourable));
  EXPECT_FALSE(h.SetOutcome(7, "nope", Outcome::kFavourable));
  EXPECT_FALSE(h.SetOutcome(9, "a", Outcome::kFavourable));
  const std::vector<EarlierContact> e = h.Earlier(7, kT0 + absl::Hours(1), 10);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].outcome, Outcome::kUnfavourable);
}

TEST(CustomerHistoryTest, PruneForgetsWhatLeftTheWindow) {
  CustomerHistory h(absl::Hours(1));
  for (uint64_t k = 1; k <= 100; ++k) h.Add(k, At("c", kT0));
  h.Add(1000, At("recent", kT0 + absl::Minutes(90)));
  EXPECT_EQ(h.customers(), 101u);
  EXPECT_EQ(h.Prune(kT0 + absl::Minutes(100)), 100u);
  EXPECT_EQ(h.customers(), 1u);
  // A shorter window after a reload applies at once.
  h.set_window(absl::Minutes(5));
  EXPECT_THAT(h.Earlier(1000, kT0 + absl::Minutes(100), 10), IsEmpty());
}

TEST(CustomerHistoryTest, AddSweepsOldCustomersAsItGoes) {
  // Every 1,024 adds sweep one shard, so each shard is swept once per
  // 65,536 adds: memory follows the customers within the window plus at
  // most one sweep cycle, not all customers ever seen.
  CustomerHistory h(absl::Minutes(1));
  absl::Time t = kT0;
  constexpr uint64_t kAdds = 200'000;
  for (uint64_t k = 1; k <= kAdds; ++k) {
    t += absl::Milliseconds(10);
    h.Add(k * 0x9e3779b97f4a7c15ull, At("c", t));
  }
  // Within the last minute: 6,000 distinct customers; plus the cycle.
  EXPECT_LT(h.customers(), 6'000u + 65'536u + 1'024u);
  const size_t before = h.customers();
  EXPECT_EQ(h.Prune(t), before - 6'000u);
  EXPECT_EQ(h.customers(), 6'000u);
}

TEST(CustomerHistoryTest, ThreadsAddAndReadAtOnce) {
  CustomerHistory h(absl::Hours(1));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&h, t] {
      for (int i = 0; i < 2'000; ++i) {
        const uint64_t key = static_cast<uint64_t>(i % 50 + 1);
        h.Add(key, At(absl::StrCat(t, "-", i), kT0 + absl::Seconds(i)));
        h.Earlier(key, kT0 + absl::Seconds(i + 1), 5);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(h.customers(), 50u);
  EXPECT_EQ(h.Earlier(1, kT0 + absl::Seconds(3'000), 1'000).size(), 160u);
}

}  // namespace
}  // namespace switchboard
