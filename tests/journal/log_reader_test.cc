// Copyright 2026 The Switchboard Authors.
//
// Reading a journal back: good records are replayed in order; a torn tail
// (what a crash leaves) is reported and cut at every possible length; a
// flipped byte is caught by the checksum; damage before the last segment
// stops the start unless repair is asked for.

#include "switchboard/journal/log_reader.h"

#include <filesystem>
#include <string>
#include <vector>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/journal_testing.h"
#include "switchboard/journal/log_format.h"

namespace switchboard::journal {
namespace {

using ::switchboard::test_util::AbandonSegment;
using ::switchboard::test_util::FreshDir;
using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::ReadFileBytes;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TempPath;
using ::switchboard::test_util::WriteFileBytes;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

std::vector<std::string> Ids(absl::string_view data, SegmentScan* scan) {
  std::vector<std::string> ids;
  *scan = ScanSegment(data, [&](const Record& r) {
    ids.push_back(r.contact_id);
    return absl::OkStatus();
  });
  return ids;
}

TEST(ScanSegmentTest, ReadsEveryRecordInOrder) {
  SegmentScan scan;
  const std::string data = AbandonSegment(3);
  EXPECT_THAT(Ids(data, &scan), ElementsAre("c-0", "c-1", "c-2"));
  EXPECT_THAT(scan.problem, IsOk());
  EXPECT_EQ(scan.records, 3u);
  EXPECT_EQ(scan.good_bytes, data.size());
}

TEST(ScanSegmentTest, EveryTruncationIsATornTailAfterTheLastWholeRecord) {
  const std::string data = AbandonSegment(3);
  const std::string two = AbandonSegment(2);
  for (size_t n = two.size() + 1; n < data.size(); ++n) {
    SegmentScan scan;
    EXPECT_THAT(Ids(data.substr(0, n), &scan), SizeIs(2)) << n;
    EXPECT_TRUE(scan.torn) << n;
    EXPECT_EQ(scan.good_bytes, two.size()) << n;
    EXPECT_THAT(scan.problem,
                StatusIs(absl::StatusCode::kDataLoss, HasSubstr("torn")));
  }
}

TEST(ScanSegmentTest, AFlippedByteAnywhereInARecordIsCaught) {
  const std::string data = AbandonSegment(3);
  const std::string one = AbandonSegment(1);
  const std::string two = AbandonSegment(2);
  for (size_t i = one.size(); i < two.size(); ++i) {
    std::string bad = data;
    bad[i] ^= 0x20;
    SegmentScan scan;
    std::vector<std::string> ids = Ids(bad, &scan);
    // The second record is never replayed: the damage is found at it.
    EXPECT_THAT(ids, ElementsAre("c-0")) << "byte " << i;
    EXPECT_FALSE(scan.problem.ok()) << "byte " << i;
    EXPECT_EQ(scan.good_bytes, one.size()) << "byte " << i;
  }
}

TEST(ScanSegmentTest, BadMagicAndHugeLengthsAreCorruptNotTorn) {
  std::string data = AbandonSegment(1);
  data[0] = 'X';
  SegmentScan scan;
  EXPECT_THAT(Ids(data, &scan), SizeIs(0));
  EXPECT_FALSE(scan.torn);
  EXPECT_THAT(scan.problem, StatusIs(absl::StatusCode::kDataLoss,
                                     HasSubstr("bad magic")));

  std::string huge(kSegmentMagic, kSegmentHeaderSize);
  huge += std::string("\0\0\0\0\xff\xff\xff\x7f\x08", 9);
  EXPECT_THAT(Ids(huge, &scan), SizeIs(0));
  EXPECT_FALSE(scan.torn);
  EXPECT_THAT(scan.problem, StatusIs(absl::StatusCode::kDataLoss,
                                     HasSubstr("over the limit")));
}

TEST(ScanSegmentTest, AnEmptyFileIsAnEmptySegment) {
  SegmentScan scan;
  EXPECT_THAT(Ids("", &scan), SizeIs(0));
  EXPECT_THAT(scan.problem, IsOk());
}

TEST(SegmentNameTest, RoundTripsAndRejectsOtherFiles) {
  EXPECT_EQ(SegmentName(42), "journal-0000000042.log");
  EXPECT_EQ(ParseSegmentName("journal-0000000042.log"), 42u);
  EXPECT_EQ(ParseSegmentName("journal-0000000042.log.corrupt"), 0u);
  EXPECT_EQ(ParseSegmentName("journal-.log"), 0u);
  EXPECT_EQ(ParseSegmentName("journal-12a.log"), 0u);
  EXPECT_EQ(ParseSegmentName("notes.txt"), 0u);
}

class ReadJournalTest : public ::testing::Test {
 protected:
  std::string dir_ = FreshDir(TempPath("journal"));
  std::string Seg(uint64_t n) { return dir_ + "/" + SegmentName(n); }
  absl::StatusOr<ReadReport> Read(bool repair, std::vector<std::string>* ids) {
    ReadOptions o;
    o.dir = dir_;
    o.repair = repair;
    return ReadJournal(o, [&](const Record& r) {
      ids->push_back(r.contact_id);
      return absl::OkStatus();
    });
  }
};

TEST_F(ReadJournalTest, ReadsSegmentsInNumberOrder) {
  WriteFileBytes(Seg(10), AbandonSegment(2, 2));
  WriteFileBytes(Seg(9), AbandonSegment(2, 0));
  WriteFileBytes(dir_ + "/README", "not a segment");
  std::vector<std::string> ids;
  absl::StatusOr<ReadReport> r = Read(false, &ids);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_THAT(ids, ElementsAre("c-0", "c-1", "c-2", "c-3"));
  EXPECT_EQ(r->records, 4u);
  EXPECT_THAT(r->segments, SizeIs(2));
  EXPECT_THAT(r->problems, SizeIs(0));
}

TEST_F(ReadJournalTest, ATornTailOfTheLastSegmentIsReportedAndCut) {
  const std::string whole = AbandonSegment(3);
  const std::string good = AbandonSegment(2);
  WriteFileBytes(Seg(1), AbandonSegment(1, 100));
  WriteFileBytes(Seg(2), whole.substr(0, whole.size() - 4));
  std::vector<std::string> ids;
  absl::StatusOr<ReadReport> r = Read(false, &ids);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_THAT(ids, ElementsAre("c-100", "c-0", "c-1"));
  ASSERT_THAT(r->problems, SizeIs(1));
  EXPECT_THAT(r->problems[0], HasSubstr("torn record"));
  EXPECT_THAT(r->problems[0], HasSubstr(SegmentName(2)));
  EXPECT_EQ(r->cut_bytes, whole.size() - 4 - good.size());
  // Cut: the file now ends at the last good record, and reads clean.
  EXPECT_EQ(ReadFileBytes(Seg(2)), good);
  ids.clear();
  r = Read(false, &ids);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_THAT(r->problems, SizeIs(0));
  EXPECT_THAT(ids, SizeIs(3));
}

TEST_F(ReadJournalTest, ACorruptTailOfTheLastSegmentIsCutToo) {
  std::string data = AbandonSegment(3);
  data[data.size() - 2] ^= 1;  // In the last record's payload.
  WriteFileBytes(Seg(1), data);
  std::vector<std::string> ids;
  absl::StatusOr<ReadReport> r = Read(false, &ids);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_THAT(ids, ElementsAre("c-0", "c-1"));
  ASSERT_THAT(r->problems, SizeIs(1));
  EXPECT_THAT(r->problems[0], HasSubstr("corrupt record"));
  EXPECT_THAT(r->problems[0], HasSubstr("checksum"));
}

TEST_F(ReadJournalTest, DamageBeforeTheLastSegmentStopsTheStart) {
  std::string first = AbandonSegment(3);
  first[first.size() - 2] ^= 1;
  WriteFileBytes(Seg(1), first);
  WriteFileBytes(Seg(2), AbandonSegment(2, 10));
  std::vector<std::string> ids;
  absl::StatusOr<ReadReport> r = Read(false, &ids);
  EXPECT_THAT(r.status(),
              StatusIs(absl::StatusCode::kDataLoss,
                       AllOf(HasSubstr(SegmentName(1)), HasSubstr("checksum"),
                             HasSubstr("1 later segment(s) were not replayed"),
                             HasSubstr("--journal-repair"))));
  // Nothing was changed on disk.
  EXPECT_EQ(ReadFileBytes(Seg(1)), first);
  EXPECT_TRUE(std::filesystem::exists(Seg(2)));
}

TEST_F(ReadJournalTest, RepairCutsAtTheDamageAndSetsLaterSegmentsAside) {
  std::string first = AbandonSegment(3);
  first[first.size() - 2] ^= 1;
  WriteFileBytes(Seg(1), first);
  WriteFileBytes(Seg(2), AbandonSegment(2, 10));
  std::vector<std::string> ids;
  absl::StatusOr<ReadReport> r = Read(true, &ids);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_THAT(ids, ElementsAre("c-0", "c-1"));
  EXPECT_THAT(r->problems, SizeIs(2));
  EXPECT_FALSE(std::filesystem::exists(Seg(2)));
  EXPECT_TRUE(std::filesystem::exists(Seg(2) + ".corrupt"));
}

TEST_F(ReadJournalTest, AMissingDirectoryIsNotFound) {
  std::vector<std::string> ids;
  ReadOptions o;
  o.dir = dir_ + "/nope";
  EXPECT_THAT(ReadJournal(o, [](const Record&) { return absl::OkStatus(); })
                  .status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nope")));
}

TEST_F(ReadJournalTest, AnErrorFromTheCallerStopsTheRead) {
  WriteFileBytes(Seg(1), AbandonSegment(3));
  ReadOptions o;
  o.dir = dir_;
  int seen = 0;
  absl::StatusOr<ReadReport> r = ReadJournal(o, [&](const Record&) {
    return ++seen == 2 ? absl::AbortedError("enough") : absl::OkStatus();
  });
  EXPECT_THAT(r.status(),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("enough")));
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace switchboard::journal
