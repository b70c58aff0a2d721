// Copyright 2026 The Switchboard Authors.
//
// The journal when its file operations fail (injected through
// JournalOptions::file_system): a failed write, sync or segment roll fails
// the records on their way and every later one (the failure is sticky); a
// restart reads back what was durable, a torn record cut; a failed text
// purge is counted and retried, and appending goes on.

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/fault_injection.h"
#include "journal/journal_testing.h"
#include "switchboard/clock.h"
#include "switchboard/journal/journal.h"

namespace switchboard::journal {
namespace {

using ::switchboard::test_util::FaultInjectionFileSystem;
using ::switchboard::test_util::FreshDir;
using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TempPath;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

const absl::Time kT = absl::FromUnixSeconds(1'767'225'600);

uint64_t AppendAbandon(Journal& j, absl::string_view id) {
  return j.Append(RecordType::kAbandon, [&](std::string* out) {
    EncodeStep(RecordType::kAbandon, kT, id, "", "", "", 0, out);
  });
}

absl::Status NoRecords(const Record&) {
  return absl::InternalError("unexpected record");
}

class JournalFaultTest : public ::testing::Test {
 protected:
  JournalOptions Options() {
    JournalOptions o;
    o.dir = dir_;
    o.clock = &clock_;
    o.file_system = &fs_;
    return o;
  }

  // The contact ids a fresh journal on dir_ reads back, and its report.
  std::vector<std::string> Restart(ReadReport* report = nullptr) {
    std::vector<std::string> ids;
    JournalOptions o = Options();
    o.file_system = nullptr;  // The real disk, as after a restart.
    Journal j(o);
    absl::StatusOr<ReadReport> r = j.Open([&](const Record& rec) {
      ids.push_back(rec.contact_id);
      return absl::OkStatus();
    });
    EXPECT_THAT(r.status(), IsOk());
    if (r.ok() && report != nullptr) *report = *r;
    // And the restarted journal writes again.
    EXPECT_THAT(j.WaitDurable(AppendAbandon(j, "after-restart")), IsOk());
    return ids;
  }

  std::string dir_ = FreshDir(TempPath("jf"));
  FakeClock clock_;
  FaultInjectionFileSystem fs_;
};

TEST_F(JournalFaultTest, AFailedWriteFailsItsRecordAndEveryLaterOne) {
  Journal j(Options());
  ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
  ASSERT_THAT(j.WaitDurable(AppendAbandon(j, "c-1")), IsOk());
  EXPECT_THAT(j.health(), IsOk());

  fs_.FailAppends(absl::UnavailableError("injected: no space left"));
  const uint64_t lost = AppendAbandon(j, "c-2");
  EXPECT_THAT(j.WaitDurable(lost),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("no space")));
  EXPECT_THAT(j.health(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_GE(fs_.injected_failures(), 1);

  // The disk is back, the journal is not: nothing more is written.
  fs_.Heal();
  const int appends = fs_.appends();
  const uint64_t later = AppendAbandon(j, "c-3");
  EXPECT_THAT(j.WaitDurable(later), StatusIs(absl::StatusCode::kUnavailable));
  absl::Status called = absl::UnknownError("not called");
  j.OnDurable(later, [&](absl::Status s) { called = s; });
  EXPECT_THAT(called, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(fs_.appends(), appends);
  EXPECT_EQ(j.stats().records, 1u);  // Durable: c-1 only.
}

TEST_F(JournalFaultTest, ARestartReadsBackWhatWasDurableTornRecordCut) {
  {
    Journal j(Options());
    ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
    ASSERT_THAT(j.WaitDurable(AppendAbandon(j, "c-1")), IsOk());
    ASSERT_THAT(j.WaitDurable(AppendAbandon(j, "c-2")), IsOk());
    // The next write gets 6 bytes to the disk, then fails: a torn frame.
    fs_.FailAppends(absl::UnavailableError("injected: I/O error"), 6);
    EXPECT_THAT(j.WaitDurable(AppendAbandon(j, "c-3")),
                StatusIs(absl::StatusCode::kUnavailable));
  }
  ReadReport report;
  EXPECT_THAT(Restart(&report), ElementsAre("c-1", "c-2"));
  EXPECT_EQ(report.records, 2u);
  EXPECT_EQ(report.cut_bytes, 6u);
  EXPECT_THAT(report.problems, SizeIs(1));
}

TEST_F(JournalFaultTest, AFailedSyncFailsTheBatch) {
  Journal j(Options());
  ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
  fs_.FailSyncs(absl::UnavailableError("injected: sync failed"));
  absl::Status called = absl::UnknownError("not called");
  absl::Notification done;
  const uint64_t seq = AppendAbandon(j, "c-1");
  j.OnDurable(seq, [&](absl::Status s) {
    called = s;
    done.Notify();
  });
  EXPECT_THAT(j.WaitDurable(seq),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("sync")));
  done.WaitForNotification();  // Runs on the writer thread.
  EXPECT_THAT(called, StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(JournalFaultTest, ASegmentThatCannotBeCreatedStopsTheJournal) {
  JournalOptions o = Options();
  o.segment_bytes = 1;  // Every batch closes its segment.
  Journal j(o);
  ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
  fs_.FailCreates(absl::UnavailableError("injected: read-only file system"));
  // c-1 is written and durable; then its segment closes and the next
  // cannot be created. (Whether the waiter wakes before or after that
  // failure, c-1 was durable: OK.)
  const uint64_t first = AppendAbandon(j, "c-1");
  EXPECT_THAT(j.WaitDurable(first), IsOk());
  const uint64_t seq = AppendAbandon(j, "c-2");
  EXPECT_THAT(j.WaitDurable(seq),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("read-only")));
  EXPECT_THAT(j.health(), StatusIs(absl::StatusCode::kUnavailable));
  // After the failure, what was durable before it still is.
  EXPECT_THAT(j.WaitDurable(first), IsOk());
  absl::Status called = absl::UnknownError("not called");
  j.OnDurable(first, [&](absl::Status s) { called = s; });
  EXPECT_THAT(called, IsOk());
}

TEST_F(JournalFaultTest, AFailedTextPurgeIsCountedRetriedAndNotFatal) {
  JournalOptions o = Options();
  o.segment_bytes = 1;
  o.text_retention = absl::Hours(1);
  o.housekeeping = absl::Milliseconds(1);
  Journal j(o);
  ASSERT_THAT(j.Open(NoRecords).status(), IsOk());
  Decision d;
  d.queue = "taxes-written";
  for (int i = 0; i < 2; ++i) {
    ASSERT_THAT(j.WaitDurable(j.Append(
                    RecordType::kSubmit,
                    [&](std::string* out) {
                      EncodeSubmit(kT, absl::StrCat("s-", i), Channel::kEmail,
                                   "mijn tekst", 0, clock_.Now(), d, out);
                    },
                    clock_.Now())),
                IsOk());
  }
  // Waits (bounded) for a housekeeping pass that ran at or after `at`.
  auto pass_at = [&](absl::Time at) {
    for (int i = 0; i < 30'000 && j.stats().last_housekeeping < at; ++i) {
      absl::SleepFor(absl::Milliseconds(1));
    }
    return j.stats().last_housekeeping >= at;
  };
  // Both batches closed their segments (the writer rolls after releasing
  // a batch's callers): two closed, one open.
  for (int i = 0; i < 30'000 && j.stats().segments < 3; ++i) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  ASSERT_EQ(j.stats().segments, 3u);
  // The rewrite's copy cannot be created: counted, nothing purged, and the
  // journal still writes.
  fs_.FailCreates(absl::UnavailableError("injected: cannot create"));
  clock_.Advance(absl::Hours(2));
  ASSERT_TRUE(pass_at(clock_.Now()));
  JournalStats s = j.stats();
  EXPECT_GE(s.purge_failures, 1u);
  EXPECT_THAT(s.last_purge_error, HasSubstr("cannot create"));
  EXPECT_EQ(s.texts_purged, 0u);
  EXPECT_THAT(j.health(), IsOk());
  // Healed: the next pass purges both.
  fs_.Heal();
  clock_.Advance(absl::Seconds(1));
  ASSERT_TRUE(pass_at(clock_.Now()));
  EXPECT_EQ(j.stats().texts_purged, 2u);
  EXPECT_THAT(j.WaitDurable(AppendAbandon(j, "c-1")), IsOk());
}

}  // namespace
}  // namespace switchboard::journal
