// Copyright 2026 The Switchboard Authors.
//
// The journal writer: what is appended (from many threads) is durable when
// WaitDurable / OnDurable say so and reads back in order after a restart;
// segments roll; the interval policy syncs less often than it writes; text
// past its retention is removed from closed segments on disk.

#include "switchboard/journal/journal.h"

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/journal_testing.h"

namespace switchboard::journal {
namespace {

using ::switchboard::test_util::FreshDir;
using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::ReadFileBytes;
using ::switchboard::test_util::TempPath;
using ::testing::ElementsAreArray;
using ::testing::Ge;
using ::testing::SizeIs;

uint64_t AppendAbandon(Journal& j, absl::string_view id, absl::Time at) {
  return j.Append(RecordType::kAbandon, [&](std::string* out) {
    EncodeStep(RecordType::kAbandon, at, id, "", "", "", 0, out);
  });
}

std::vector<std::string> ReadIds(const std::string& dir) {
  std::vector<std::string> ids;
  ReadOptions o;
  o.dir = dir;
  absl::StatusOr<ReadReport> r = ReadJournal(o, [&](const Record& rec) {
    ids.push_back(rec.contact_id);
    return absl::OkStatus();
  });
  EXPECT_THAT(r.status(), IsOk());
  return ids;
}

absl::Status NoRecords(const Record&) {
  return absl::InternalError("unexpected record");
}

TEST(JournalTest, WhatIsDurableReadsBackInOrderAfterARestart) {
  const std::string dir = FreshDir(TempPath("j"));
  const absl::Time t = absl::FromUnixSeconds(1'767'225'600);
  std::vector<std::string> order;
  {
    JournalOptions o;
    o.dir = dir;
    Journal j(o);
    ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
    // Four threads append; the journal's order is the order of Append.
    absl::Mutex mu;
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w) {
      threads.emplace_back([&, w] {
        for (int i = 0; i < 250; ++i) {
          const std::string id = absl::StrCat("w", w, "-", i);
          uint64_t seq;
          {
            absl::MutexLock lock(&mu);
            seq = AppendAbandon(j, id, t);
            order.push_back(id);
          }
          ASSERT_THAT(j.WaitDurable(seq), IsOk());
        }
      });
    }
    for (std::thread& th : threads) th.join();
    const JournalStats s = j.stats();
    EXPECT_EQ(s.records, 1000u);
    EXPECT_GE(s.syncs, 1u);
    EXPECT_LE(s.batches, 1000u);
  }
  EXPECT_THAT(ReadIds(dir), ElementsAreArray(order));

  // A second start reads the first's records and writes a new segment.
  std::vector<std::string> replayed;
  {
    JournalOptions o;
    o.dir = dir;
    Journal j(o);
    absl::StatusOr<ReadReport> r = j.Open([&](const Record& rec) {
      replayed.push_back(rec.contact_id);
      return absl::OkStatus();
    });
    ASSERT_THAT(r.status(), IsOk());
    EXPECT_EQ(r->records, 1000u);
    ASSERT_THAT(j.WaitDurable(AppendAbandon(j, "after-restart", t)), IsOk());
  }
  EXPECT_THAT(replayed, ElementsAreArray(order));
  std::vector<std::string> all = ReadIds(dir);
  ASSERT_THAT(all, SizeIs(1001));
  EXPECT_EQ(all.back(), "after-restart");
  EXPECT_TRUE(std::filesystem::exists(dir + "/" + SegmentName(2)));
}

TEST(JournalTest, OnDurableCallsBackInSequenceOrder) {
  const std::string dir = FreshDir(TempPath("j"));
  JournalOptions o;
  o.dir = dir;
  Journal j(o);
  ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
  absl::Mutex mu;
  std::vector<uint64_t> done;
  std::atomic<int> ok{0};
  for (int i = 0; i < 100; ++i) {
    const uint64_t seq = AppendAbandon(j, absl::StrCat("c", i), absl::Now());
    j.OnDurable(seq, [&, seq](absl::Status s) {
      if (s.ok()) ok.fetch_add(1);
      absl::MutexLock lock(&mu);
      done.push_back(seq);
    });
  }
  ASSERT_THAT(j.WaitDurable(j.appended()), IsOk());
  // The writer runs the callbacks just after it marks their records
  // durable: wait for them (bounded).
  for (int i = 0; i < 500; ++i) {
    {
      absl::MutexLock lock(&mu);
      if (done.size() == 100) break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  // A callback for a record durable already runs at once.
  bool at_once = false;
  j.OnDurable(1, [&](absl::Status s) { at_once = s.ok(); });
  EXPECT_TRUE(at_once);
  absl::MutexLock lock(&mu);
  EXPECT_EQ(ok.load(), 100);
  ASSERT_THAT(done, SizeIs(100));
  EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
}

TEST(JournalTest, SegmentsRollAtTheirSize) {
  const std::string dir = FreshDir(TempPath("j"));
  {
    JournalOptions o;
    o.dir = dir;
    o.segment_bytes = 200;
    Journal j(o);
    ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
    for (int i = 0; i < 50; ++i) {
      ASSERT_THAT(j.WaitDurable(AppendAbandon(j, absl::StrCat("c", i),
                                              absl::Now())),
                  IsOk());
    }
    EXPECT_THAT(j.stats().segments, Ge(5u));
  }
  EXPECT_THAT(ReadIds(dir), SizeIs(50));
}

TEST(JournalTest, TheIntervalPolicySyncsLessOftenThanItWrites) {
  const std::string dir = FreshDir(TempPath("j"));
  JournalOptions o;
  o.dir = dir;
  o.sync = SyncPolicy::kInterval;
  o.sync_interval = absl::Seconds(30);
  Journal j(o);
  ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
  for (int i = 0; i < 20; ++i) {
    ASSERT_THAT(
        j.WaitDurable(AppendAbandon(j, absl::StrCat("c", i), absl::Now())),
        IsOk());
  }
  const JournalStats s = j.stats();
  EXPECT_EQ(s.records, 20u);
  EXPECT_GE(s.batches, 1u);
  EXPECT_EQ(s.syncs, 0u);  // Written, released, not yet flushed to disk.
}

TEST(JournalTest, TextPastItsRetentionLeavesClosedSegments) {
  const std::string dir = FreshDir(TempPath("j"));
  FakeClock clock;
  const absl::Time t0 = clock.Now();
  JournalOptions o;
  o.dir = dir;
  o.clock = &clock;
  o.segment_bytes = 1;  // Every batch closes its segment.
  o.text_retention = absl::Hours(24);
  o.housekeeping = absl::Milliseconds(5);
  Journal j(o);
  ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
  Decision d;
  d.department = "taxes";
  d.queue = "taxes-written";
  for (int i = 0; i < 3; ++i) {
    const uint64_t seq = j.Append(
        RecordType::kSubmit,
        [&](std::string* out) {
          EncodeSubmit(t0, absl::StrCat("c", i), Channel::kEmail,
                       absl::StrCat("mijn BSN staat in brief ", i), 0, t0, d,
                       out);
        },
        t0);
    ASSERT_THAT(j.WaitDurable(seq), IsOk());
  }
  ASSERT_THAT(j.WaitDurable(AppendAbandon(j, "closer", t0)), IsOk());
  auto text_on_disk = [&] {
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (absl::StrContains(ReadFileBytes(e.path().string()), "mijn BSN")) {
        return true;
      }
    }
    return false;
  };
  ASSERT_TRUE(text_on_disk());
  // Not yet: one hour short of the retention. Wait (bounded by count) for
  // a housekeeping pass that ran at this instant, then check what it did.
  clock.Advance(absl::Hours(23));
  const absl::Time not_yet = clock.Now();
  const uint64_t passes = j.stats().housekeeping_passes;
  for (int i = 0; i < 30'000 && j.stats().last_housekeeping < not_yet; ++i) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  ASSERT_GE(j.stats().last_housekeeping, not_yet);
  EXPECT_GT(j.stats().housekeeping_passes, passes);
  EXPECT_TRUE(text_on_disk());
  EXPECT_EQ(j.stats().texts_purged, 0u);
  clock.Advance(absl::Hours(1));
  for (int i = 0; i < 400 && j.stats().texts_purged < 3; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(j.stats().texts_purged, 3u);
  EXPECT_FALSE(text_on_disk());
  // The records are all still there, with their routing.
  ReadOptions ro;
  ro.dir = dir;
  int submits = 0;
  ASSERT_THAT(ReadJournal(ro,
                          [&](const Record& r) {
                            if (r.type == RecordType::kSubmit) {
                              ++submits;
                              EXPECT_EQ(r.text, "");
                              EXPECT_EQ(r.decision.queue, "taxes-written");
                            }
                            return absl::OkStatus();
                          })
                  .status(),
              IsOk());
  EXPECT_EQ(submits, 3);
}

}  // namespace
}  // namespace switchboard::journal
