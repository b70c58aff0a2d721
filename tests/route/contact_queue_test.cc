// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/contact_queue.h"

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kT0 = absl::FromUnixSeconds(1'767'225'600);
constexpr double kAging = 1.0;  // Effective priority +1 per minute waited.

// Builds entries with increasing sequence numbers and contact indexes
// 0, 1, 2, ... so that a queue's order reads as a list of contact indexes.
class EntryMaker {
 public:
  explicit EntryMaker(double aging = kAging) : aging_(aging) {}
  QueueEntry operator()(int priority, absl::Time enqueued) {
    ++seq_;
    return QueueEntry::Make(priority, enqueued, aging_, seq_, next_contact_++);
  }

 private:
  double aging_;
  uint64_t seq_ = 100;
  uint32_t next_contact_ = 0;
};

std::vector<uint32_t> Order(const ContactQueue& q) {
  std::vector<uint32_t> out;
  for (const QueueEntry& e : q) out.push_back(e.contact);
  return out;
}

TEST(ContactQueueEntryTest, MakeKeepsItsInputs) {
  const QueueEntry e = QueueEntry::Make(3, kT0, kAging, 42, 7);
  EXPECT_EQ(e.enqueued_ns, absl::ToUnixNanos(kT0));
  EXPECT_EQ(e.seq, 42u);
  EXPECT_EQ(e.contact, 7u);
  // At the moment it is queued, the effective priority is the priority.
  EXPECT_THAT(e.EffectivePriority(kT0, kAging), DoubleNear(3.0, 1e-6));
}

TEST(ContactQueueEntryTest, HigherPriorityFirstAtTheSameTime) {
  EntryMaker make;
  const QueueEntry low = make(0, kT0);
  const QueueEntry high = make(5, kT0);
  EXPECT_TRUE(high < low);
  EXPECT_FALSE(low < high);
}

TEST(ContactQueueEntryTest, OlderFirstAtTheSamePriority) {
  EntryMaker make;
  const QueueEntry older = make(2, kT0);
  const QueueEntry newer = make(2, kT0 + absl::Seconds(1));
  EXPECT_TRUE(older < newer);
  EXPECT_FALSE(newer < older);
}

TEST(ContactQueueEntryTest, SequenceBreaksExactTies) {
  const QueueEntry a = QueueEntry::Make(1, kT0, kAging, 10, 0);
  const QueueEntry b = QueueEntry::Make(1, kT0, kAging, 11, 1);
  EXPECT_TRUE(a < b);
  EXPECT_FALSE(b < a);
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(a == a);
}

TEST(ContactQueueEntryTest, WithoutAgingOrderIsPriorityThenAge) {
  EntryMaker make(/*aging=*/0.0);
  const QueueEntry old_low = make(0, kT0);
  const QueueEntry new_high = make(1, kT0 + absl::Hours(5));
  const QueueEntry new_low = make(0, kT0 + absl::Hours(1));
  EXPECT_TRUE(new_high < old_low);
  EXPECT_TRUE(old_low < new_low);
  EXPECT_THAT(old_low.EffectivePriority(kT0 + absl::Hours(9), 0.0),
              DoubleNear(0.0, 1e-6));
}

TEST(ContactQueueEntryTest, EffectivePriorityGrowsPerMinuteWaited) {
  const QueueEntry e = QueueEntry::Make(2, kT0, /*aging_per_minute=*/1.5, 1, 0);
  EXPECT_THAT(e.EffectivePriority(kT0 + absl::Minutes(4), 1.5),
              DoubleNear(2.0 + 6.0, 1e-6));
  EXPECT_THAT(e.EffectivePriority(kT0 + absl::Seconds(30), 1.5),
              DoubleNear(2.0 + 0.75, 1e-6));
}

TEST(ContactQueueEntryTest,
     OldLowPriorityOvertakesNewHighPriorityAfterEnoughMinutes) {
  EntryMaker make;
  // Priority 0 at t0. A priority-5 contact arriving within 5 minutes goes
  // ahead of it; one arriving 6 minutes later does not.
  const QueueEntry old_low = make(0, kT0);
  const QueueEntry high_after_4 = make(5, kT0 + absl::Minutes(4));
  const QueueEntry high_after_6 = make(5, kT0 + absl::Minutes(6));

  const absl::Time at4 = kT0 + absl::Minutes(4);
  EXPECT_THAT(old_low.EffectivePriority(at4, kAging), DoubleNear(4.0, 1e-6));
  EXPECT_THAT(high_after_4.EffectivePriority(at4, kAging),
              DoubleNear(5.0, 1e-6));
  EXPECT_TRUE(high_after_4 < old_low);

  const absl::Time at6 = kT0 + absl::Minutes(6);
  EXPECT_THAT(old_low.EffectivePriority(at6, kAging), DoubleNear(6.0, 1e-6));
  EXPECT_THAT(high_after_6.EffectivePriority(at6, kAging),
              DoubleNear(5.0, 1e-6));
  EXPECT_TRUE(old_low < high_after_6);

  // The order is fixed at enqueue: an hour later it is still the same.
  const absl::Time later = kT0 + absl::Hours(1);
  EXPECT_GT(old_low.EffectivePriority(later, kAging),
            high_after_6.EffectivePriority(later, kAging));
  EXPECT_LT(old_low.EffectivePriority(later, kAging),
            high_after_4.EffectivePriority(later, kAging));
}

TEST(ContactQueueEntryTest, WithPriorityKeepsAgeAndIdentity) {
  EntryMaker make;
  const QueueEntry a = make(0, kT0);
  const QueueEntry b = make(0, kT0 + absl::Minutes(1));
  const QueueEntry b_urgent = b.WithPriority(10, kAging);
  EXPECT_EQ(b_urgent.enqueued_ns, b.enqueued_ns);
  EXPECT_EQ(b_urgent.seq, b.seq);
  EXPECT_EQ(b_urgent.contact, b.contact);
  EXPECT_TRUE(b_urgent == b);  // Same contact: same seq.
  EXPECT_TRUE(b_urgent < a);
  EXPECT_THAT(b_urgent.EffectivePriority(kT0 + absl::Minutes(3), kAging),
              DoubleNear(12.0, 1e-6));
}

TEST(ContactQueueTest, EmptyQueue) {
  ContactQueue q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(q.begin(), q.end());
  EXPECT_EQ(q.OldestEnqueue(), absl::InfiniteFuture());
  EXPECT_FALSE(q.Erase(QueueEntry::Make(0, kT0, kAging, 1, 0)));
}

TEST(ContactQueueTest, IteratesBestFirst) {
  EntryMaker make;
  ContactQueue q;
  q.Push(make(0, kT0));                      // 0
  q.Push(make(0, kT0 + absl::Seconds(10)));  // 1
  q.Push(make(3, kT0 + absl::Seconds(20)));  // 2
  q.Push(make(1, kT0 + absl::Minutes(3)));   // 3
  EXPECT_EQ(q.size(), 4u);
  EXPECT_FALSE(q.empty());
  // Effective priorities at t0+3m: 0 -> 3.0, 1 -> 2.83, 2 -> 5.67, 3 -> 1.
  EXPECT_THAT(Order(q), ElementsAre(2, 0, 1, 3));
  EXPECT_EQ(q.front().contact, 2u);
}

TEST(ContactQueueTest, EraseAndPushAgainKeepsTheSamePlace) {
  EntryMaker make;
  ContactQueue q;
  const QueueEntry a = make(0, kT0);
  const QueueEntry b = make(0, kT0 + absl::Seconds(5));
  const QueueEntry c = make(0, kT0 + absl::Seconds(10));
  q.Push(a);
  q.Push(b);
  q.Push(c);
  ASSERT_THAT(Order(q), ElementsAre(0, 1, 2));

  // b is offered (leaves the queue) while a newer contact d arrives...
  EXPECT_TRUE(q.Erase(b));
  EXPECT_FALSE(q.Erase(b));  // Already gone.
  const QueueEntry d = make(0, kT0 + absl::Seconds(30));
  q.Push(d);
  EXPECT_THAT(Order(q), ElementsAre(0, 2, 3));

  // ...then the offer is rejected: b goes back between a and c, ahead of d.
  q.Push(b);
  EXPECT_THAT(Order(q), ElementsAre(0, 1, 2, 3));
  EXPECT_EQ(q.size(), 4u);
}

TEST(ContactQueueTest, EraseFindsTheEntryEvenWhenNotAtTheFront) {
  EntryMaker make;
  ContactQueue q;
  const QueueEntry a = make(5, kT0);
  const QueueEntry b = make(0, kT0);
  const QueueEntry c = make(0, kT0 + absl::Seconds(1));
  q.Push(a);
  q.Push(b);
  q.Push(c);
  EXPECT_TRUE(q.Erase(c));
  EXPECT_TRUE(q.Erase(a));
  EXPECT_THAT(Order(q), ElementsAre(1));
  EXPECT_TRUE(q.Erase(b));
  EXPECT_TRUE(q.empty());
}

TEST(ContactQueueTest, OldestEnqueueIsTheOldestEvenWhenNotAtTheFront) {
  // Without aging an urgent newcomer goes first, but the oldest wait is
  // still the old contact's.
  EntryMaker make(/*aging=*/0.0);
  ContactQueue q;
  const QueueEntry old_low = make(0, kT0);
  const QueueEntry new_high = make(9, kT0 + absl::Minutes(30));
  q.Push(new_high);
  q.Push(old_low);
  EXPECT_EQ(q.front().contact, new_high.contact);
  EXPECT_EQ(q.OldestEnqueue(), kT0);

  ASSERT_TRUE(q.Erase(old_low));
  EXPECT_EQ(q.OldestEnqueue(), kT0 + absl::Minutes(30));
  ASSERT_TRUE(q.Erase(new_high));
  EXPECT_EQ(q.OldestEnqueue(), absl::InfiniteFuture());
  EXPECT_THAT(Order(q), IsEmpty());
}

}  // namespace
}  // namespace switchboard
