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

// `c` resolved with `outcome`, as the engine reports it.
EarlierContact Resolved(EarlierContact c, Outcome outcome) {
  c.outcome = outcome;
  return c;
}

// Contact i of a customer: "c<i>" at kT0 + i seconds.
EarlierContact Nth(int i) {
  return At(absl::StrCat("c", i), kT0 + absl::Seconds(i));
}

// The ids "c<last>", "c<last - 1>", ... down to "c<first>".
std::vector<std::string> NewestFirst(int last, int first) {
  std::vector<std::string> ids;
  for (int i = last; i >= first; --i) ids.push_back(absl::StrCat("c", i));
  return ids;
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
  EXPECT_TRUE(h.SetOutcome(7, Resolved(At("a", kT0), Outcome::kUnfavourable)));
  EXPECT_FALSE(
      h.SetOutcome(7, Resolved(At("nope", kT0), Outcome::kUnfavourable)));
  EXPECT_FALSE(h.SetOutcome(9, Resolved(At("a", kT0), Outcome::kFavourable)));
  EXPECT_FALSE(h.SetOutcome(7, At("a", kT0)));  // No outcome.
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
  // 160 contacts each, of which the newest 16 are remembered: the last 4
  // rounds of the 4 threads (i = 1,951, 1,901, 1,851, 1,801 for key 2).
  const std::vector<EarlierContact> e =
      h.Earlier(2, kT0 + absl::Seconds(3'000), 1'000);
  ASSERT_EQ(e.size(), CustomerHistory::kMaxRemembered);
  EXPECT_EQ(e.front().received, kT0 + absl::Seconds(1'951));
  EXPECT_EQ(e.back().received, kT0 + absl::Seconds(1'801));
  EXPECT_EQ(h.contacts(), 50 * CustomerHistory::kMaxRemembered);
}

TEST(CustomerHistoryTest, KeepsTheNewestSixteenContactsOfACustomer) {
  CustomerHistory h(absl::Hours(24 * 30));
  for (int i = 1; i <= 20; ++i) h.Add(7, Nth(i));
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(1))),
              testing::ElementsAreArray(NewestFirst(20, 5)));
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(1), 3)),
              ElementsAre("c20", "c19", "c18"));
  // Stamped before all 16: not one of the newest, so not remembered.
  h.Add(7, Nth(2));
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(1))),
              testing::ElementsAreArray(NewestFirst(20, 5)));
  // Stamped among them: it is, and the oldest goes.
  h.Add(7, At("between", kT0 + absl::Seconds(10) + absl::Milliseconds(1)));
  const std::vector<std::string> ids = Ids(h.Earlier(7, kT0 + absl::Hours(1)));
  ASSERT_EQ(ids.size(), CustomerHistory::kMaxRemembered);
  EXPECT_EQ(ids[10], "between");
  EXPECT_EQ(ids.back(), "c6");
  // An outcome for one that was forgotten is not recorded...
  EXPECT_FALSE(h.SetOutcome(7, Resolved(Nth(3), Outcome::kFavourable)));
  // ...for one remembered it is.
  EXPECT_TRUE(h.SetOutcome(7, Resolved(Nth(12), Outcome::kFavourable)));
  EXPECT_EQ(h.Earlier(7, kT0 + absl::Hours(1))[8].outcome,
            Outcome::kFavourable);
}

// A million contacts from one customer reference: the history holds what
// it held after the first 16, and another customer is unaffected.
TEST(CustomerHistoryTest, AMillionContactsFromOneCustomerStayBounded) {
  CustomerHistory h(absl::Hours(24 * 30));
  const size_t empty = h.ApproximateMemoryUsage();
  h.Add(8, At("other-1", kT0));
  h.Add(8, At("other-2", kT0 + absl::Seconds(1)));
  const size_t other = h.ApproximateMemoryUsage();
  constexpr int kContacts = 1'000'000;
  size_t after_first_100 = 0;
  for (int i = 1; i <= kContacts; ++i) {
    h.Add(7, At(absl::StrCat("c", i), kT0 + absl::Milliseconds(i)));
    if (i == 100) after_first_100 = h.ApproximateMemoryUsage();
  }
  const absl::Time now = kT0 + absl::Hours(2);
  EXPECT_EQ(h.customers(), 2u);
  EXPECT_EQ(h.contacts(), CustomerHistory::kMaxRemembered + 2);
  EXPECT_EQ(h.ApproximateMemoryUsage(), after_first_100);
  // The heavy customer's state: 16 contacts with short ids (no heap
  // strings), a few KiB at most, where all its contacts would take
  // ~100 MB.
  const size_t heavy = h.ApproximateMemoryUsage() - other;
  EXPECT_LE(heavy, CustomerHistory::kMaxEarlier * sizeof(EarlierContact) +
                       sizeof(EarlierContact) + 256);
  EXPECT_LT(other - empty, 4'096u);
  const std::vector<EarlierContact> e = h.Earlier(7, now);
  ASSERT_EQ(e.size(), CustomerHistory::kMaxRemembered);
  EXPECT_EQ(e.front().contact_id, absl::StrCat("c", kContacts));
  EXPECT_EQ(e.back().contact_id, absl::StrCat("c", kContacts - 15));
  EXPECT_THAT(Ids(h.Earlier(8, now)), ElementsAre("other-2", "other-1"));
  // Resolving its latest contact still finds it.
  EXPECT_TRUE(h.SetOutcome(
      7, Resolved(At(absl::StrCat("c", kContacts), kT0), Outcome::kNeutral)));
}

TEST(CustomerHistoryTest, AnUnfavourableOutcomeOutlivesTheNewestSixteen) {
  CustomerHistory h(absl::Hours(1));
  h.Add(7, Nth(1));
  ASSERT_TRUE(h.SetOutcome(7, Resolved(Nth(1), Outcome::kUnfavourable)));
  for (int i = 2; i <= 40; ++i) h.Add(7, Nth(i));
  // The newest 16 and, older than them, the one resolved against the
  // customer.
  const std::vector<EarlierContact> e = h.Earlier(7, kT0 + absl::Minutes(1));
  ASSERT_EQ(e.size(), CustomerHistory::kMaxEarlier);
  EXPECT_EQ(e.front().contact_id, "c40");
  EXPECT_EQ(e.back().contact_id, "c1");
  EXPECT_EQ(e.back().outcome, Outcome::kUnfavourable);
  EXPECT_EQ(h.contacts(), CustomerHistory::kMaxEarlier);
  // It leaves with the window like the others.
  EXPECT_THAT(Ids(h.Earlier(7, kT0 + absl::Hours(1) + absl::Seconds(1))),
              testing::ElementsAreArray(NewestFirst(40, 25)));
  EXPECT_EQ(h.Prune(kT0 + absl::Hours(1) + absl::Seconds(1)), 1u);
  EXPECT_EQ(h.contacts(), CustomerHistory::kMaxRemembered);
}

TEST(CustomerHistoryTest, AContactResolvedAfterItFellOutIsKeptWhenUnfavourable) {
  CustomerHistory h(absl::Hours(1));
  for (int i = 1; i <= 20; ++i) h.Add(7, Nth(i));  // c1..c4 fell out.
  EXPECT_FALSE(h.SetOutcome(7, Resolved(Nth(2), Outcome::kFavourable)));
  EXPECT_TRUE(h.SetOutcome(7, Resolved(Nth(3), Outcome::kUnfavourable)));
  // An older unfavourable one adds nothing: the newer stays longer.
  EXPECT_FALSE(h.SetOutcome(7, Resolved(Nth(1), Outcome::kUnfavourable)));
  // A newer one replaces it.
  EXPECT_TRUE(h.SetOutcome(7, Resolved(Nth(4), Outcome::kUnfavourable)));
  // Not one that was never added, newer than the oldest remembered.
  EXPECT_FALSE(h.SetOutcome(
      7, Resolved(At("unknown", kT0 + absl::Minutes(5)),
                  Outcome::kUnfavourable)));
  const std::vector<EarlierContact> e = h.Earlier(7, kT0 + absl::Minutes(1));
  ASSERT_EQ(e.size(), CustomerHistory::kMaxEarlier);
  EXPECT_EQ(e.back().contact_id, "c4");
  EXPECT_EQ(e.back().outcome, Outcome::kUnfavourable);
  // Corrected to a favourable outcome, there is nothing to keep it for.
  EXPECT_TRUE(h.SetOutcome(7, Resolved(Nth(4), Outcome::kFavourable)));
  EXPECT_EQ(h.Earlier(7, kT0 + absl::Minutes(1)).size(),
            CustomerHistory::kMaxRemembered);
}

TEST(CustomerHistoryTest, TheWindowRoundTrips) {
  CustomerHistory h(absl::InfiniteDuration());
  EXPECT_EQ(h.window(), absl::InfiniteDuration());
  h.Add(7, At("old", absl::UnixEpoch()));
  EXPECT_THAT(Ids(h.Earlier(7, kT0)), ElementsAre("old"));
  h.set_window(absl::Hours(24 * 30));
  EXPECT_EQ(h.window(), absl::Hours(24 * 30));
  EXPECT_THAT(h.Earlier(7, kT0), IsEmpty());
}

}  // namespace
}  // namespace switchboard
