// Copyright 2026 The Switchboard Authors.
//
// `switchboard audit`: over journals an engine wrote (a single tenant's
// directory, a tenant per directory, a deleted tenant's set aside), one
// line per change with its principal, oldest first; the filters; a torn
// tail is reported and nothing is cut; bad flags and directories are
// errors that name them.

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "cli/commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/journal_testing.h"
#include "route/route_testing.h"
#include "switchboard/clock.h"
#include "switchboard/engine.h"
#include "switchboard/events/acting.h"
#include "switchboard/journal/journal.h"

namespace switchboard::cli {
namespace {

namespace fs = std::filesystem;
using ::switchboard::test_util::FreshDir;
using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::TempPath;
using ::switchboard::test_util::TestConfig;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result Audit(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  Result r;
  r.code = RunAudit(args, Io{in, out, err});
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// Writes one tenant's journal in `dir`: a contact accepted by ann's
// credential and resolved, at `start` plus a second per step.
void WriteJournal(const std::string& dir, absl::Time start,
                  absl::string_view agent_principal) {
  FakeClock clock(start);
  journal::JournalOptions jo;
  jo.dir = dir;
  jo.clock = &clock;
  journal::Journal journal(jo);
  ASSERT_THAT(
      journal.Open([](const journal::Record&) { return absl::OkStatus(); })
          .status(),
      IsOk());
  EngineOptions eo;
  eo.config = TestConfig();
  eo.clock = &clock;
  eo.journal = &journal;
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(std::move(eo));
  ASSERT_THAT(engine.status(), IsOk());
  Engine& e = **engine;
  {
    ActingAs acting("admin-all");
    ASSERT_THAT(e.RecordAdminAction("created the tenant"), IsOk());
  }
  clock.Advance(absl::Seconds(1));
  const Contact c = MakeContact("c-1", Channel::kEmail, "my tax bill");
  const Prediction p = MakePrediction("taxes", 0.9f);
  ASSERT_THAT(e.SubmitClassified(c, NormalizedOf(c), &p).status(), IsOk());
  ActingAs acting(agent_principal);
  clock.Advance(absl::Seconds(1));
  ASSERT_THAT(e.SetPresence("anna", Presence::kAvailable), IsOk());
  clock.Advance(absl::Seconds(1));
  ASSERT_THAT(e.Accept("c-1", "anna"), IsOk());
  clock.Advance(absl::Seconds(1));
  ASSERT_THAT(e.Resolve("c-1", Outcome::kFavourable), IsOk());
}

const absl::Time kStart = absl::FromUnixSeconds(1'796'000'000);  // 2026-11

TEST(AuditCommandTest, OneTenantsJournalLineByLine) {
  const std::string dir = FreshDir(TempPath("audit-single"));
  WriteJournal(dir, kStart, "agent-default-anna");
  Result r = Audit({"--journal", dir});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::vector<std::string> lines = Lines(r.out);
  // No submit (the customer's text) and no tick.
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_THAT(lines[0], HasSubstr("\tdefault\tadmin-all\tadmin\t"
                                  "detail=created the tenant"));
  EXPECT_THAT(lines[1], HasSubstr("\tdefault\tagent-default-anna\tpresence\t"
                                  "agent=anna"));
  EXPECT_THAT(lines[2], HasSubstr("\tdefault\tagent-default-anna\taccept\t"
                                  "contact=c-1 agent=anna"));
  EXPECT_THAT(lines[3], HasSubstr("\tresolve\tcontact=c-1"));
  EXPECT_EQ(
      lines[0].substr(0, 24),
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", kStart, absl::UTCTimeZone()));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("my tax bill")));
}

TEST(AuditCommandTest, EveryTenantIncludingDeletedOnesOldestFirst) {
  const std::string root = FreshDir(TempPath("audit-tenants"));
  WriteJournal((fs::path(root) / "acme").string(),
               kStart + absl::Milliseconds(2500), "agent-acme-ann");
  WriteJournal((fs::path(root) / "gone.deleted-1796000100").string(), kStart,
               "agent-gone-ann");
  Result r = Audit({"--journal", root});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> tenants;
  for (const std::string& line : Lines(r.out)) {
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    ASSERT_GE(cols.size(), 4u) << line;
    tenants.push_back(cols[1]);
  }
  // gone's steps at +0 +2 +3 +4 s, acme's at +2.5 +4.5 +5.5 +6.5 s.
  EXPECT_THAT(tenants, ElementsAre("gone", "gone", "acme", "gone", "gone",
                                   "acme", "acme", "acme"));

  Result acme = Audit({"--journal", root, "--tenant", "acme"});
  ASSERT_EQ(acme.code, 0) << acme.err;
  EXPECT_EQ(Lines(acme.out).size(), 4u);
  EXPECT_THAT(acme.out, ::testing::Not(HasSubstr("\tgone\t")));

  Result ann = Audit({"--journal", root, "--principal", "agent-gone-ann"});
  ASSERT_EQ(ann.code, 0) << ann.err;
  EXPECT_EQ(Lines(ann.out).size(), 3u) << ann.out;

  const std::string since = absl::FormatTime(
      absl::RFC3339_full, kStart + absl::Seconds(5), absl::UTCTimeZone());
  Result late = Audit({"--journal", root, "--since", since});
  ASSERT_EQ(late.code, 0) << late.err;
  EXPECT_EQ(Lines(late.out).size(), 2u) << late.out;
  Result early = Audit({"--journal", root, "--until", since});
  ASSERT_EQ(early.code, 0) << early.err;
  EXPECT_EQ(Lines(early.out).size(), 6u) << early.out;
}

TEST(AuditCommandTest, ATornTailIsReportedAndLeftAlone) {
  const std::string dir = FreshDir(TempPath("audit-torn"));
  WriteJournal(dir, kStart, "agent-default-anna");
  fs::path segment;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    segment = e.path();
  }
  ASSERT_FALSE(segment.empty());
  const uintmax_t size = fs::file_size(segment);
  fs::resize_file(segment, size - 3);  // The last record, cut short.
  Result r = Audit({"--journal", dir});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr(segment.string()));
  EXPECT_THAT(r.err, HasSubstr("torn"));
  EXPECT_EQ(Lines(r.out).size(), 3u) << r.out;  // The resolve is gone.
  EXPECT_EQ(fs::file_size(segment), size - 3);  // Read, not repaired.
}

TEST(AuditCommandTest, DamageInsideASegmentFails) {
  const std::string dir = FreshDir(TempPath("audit-damaged"));
  WriteJournal(dir, kStart, "agent-default-anna");
  fs::path segment;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    segment = e.path();
  }
  {
    std::fstream f(segment, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(20);
    f.put('\xff');
  }
  Result r = Audit({"--journal", dir});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(segment.string()));
}

TEST(AuditCommandTest, BadFlagsAndDirectoriesNameWhatIsWrong) {
  const std::string empty = FreshDir(TempPath("audit-empty"));
  Result none = Audit({"--journal", empty});
  EXPECT_EQ(none.code, 1);
  EXPECT_THAT(none.err, HasSubstr("holds no journal"));
  EXPECT_THAT(none.out, IsEmpty());

  Result missing = Audit({"--journal", empty + "/nope"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("is not a directory"));

  const std::string dir = FreshDir(TempPath("audit-flags"));
  WriteJournal(dir, kStart, "agent-default-anna");
  Result since = Audit({"--journal", dir, "--since", "yesterday"});
  EXPECT_EQ(since.code, 2);
  EXPECT_THAT(since.err,
              HasSubstr("--since: \"yesterday\" is not an RFC 3339"));
  Result tenant = Audit({"--journal", dir, "--tenant", "acme"});
  EXPECT_EQ(tenant.code, 1);
  EXPECT_THAT(tenant.err, HasSubstr("--tenant acme: no journal"));
  Result no_flag = Audit({});
  EXPECT_EQ(no_flag.code, 2);
  EXPECT_THAT(no_flag.err, HasSubstr("--journal"));
}

}  // namespace
}  // namespace switchboard::cli
