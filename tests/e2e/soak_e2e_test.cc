// Copyright 2026 The Switchboard Authors.
//
// End-to-end soak (issue 6): about a minute of Route at a high rate against
// the real server, in a steady state (each contact is abandoned as soon as
// it is routed, and the server recycles finished contacts after 100 ms),
// with the server's resident size sampled every second. Memory must stay
// flat: under 10% growth from the end of the warmup to the end. Label
// `soak`: run alone with `ctest -L soak`.
//
// Why 100 ms: the engine keeps the records of recycled contacts for reuse,
// so its memory follows the most contacts it ever held at once. With a
// retention of seconds, that peak rises whenever a stall of this shared
// machine is followed by the load catching up, and the resident size steps
// up with it (bounded, but up to +13% in 45 s here); with 100 ms the
// contacts held are bounded by the calls in flight, and growth means a leak.
// For the same reason the calls in flight are capped near what the rate
// needs: the resident size keeps the high-water mark of the bursts.
//
// Two runs: without the journal, and with `serve --journal DIR` (the
// default policy: fdatasync per group commit before acknowledging).
//
// The load is `switchboard loadgen`'s (services/loadgen), run in-process:
// --mode route --finish abandon --rate R --server-pid PID.

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "e2e/e2e_testing.h"
#include "loadgen/loadgen.h"
#include "loadgen/report.h"

namespace switchboard::e2e {
namespace {

using loadgen::LoadgenOptions;
using loadgen::LoadgenReport;
using loadgen::ModeReport;
using loadgen::RssSummary;

constexpr absl::Duration kWarmup = absl::Seconds(15);
constexpr absl::Duration kDuration = absl::Seconds(45);
constexpr double kMaxGrowth = 0.10;

class SoakE2eTest : public ::testing::Test {
 protected:
  // Starts the server with `extra_args` (and a 100 ms finished retention),
  // runs the soak against it at `rate` contacts a second (each a Route and
  // a ReportEvent) with at most `in_flight` calls in flight, and checks the
  // load, the memory and the server's statistics; leaves the server
  // running in server_.
  void RunSoak(std::vector<std::string> extra_args, double rate,
               int in_flight) {
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed memory in a quarantine (256 MiB) and
    // slows the server several times: the resident size would measure the
    // quarantine filling, and the rate would not hold.
    GTEST_SKIP() << "the soak measures memory; not under AddressSanitizer";
#endif
    ServerProcessOptions server_options;
    server_options.extra_args = {"--finished-retention", "100ms"};
    server_options.extra_args.insert(server_options.extra_args.end(),
                                     extra_args.begin(), extra_args.end());
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(server_options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);

    LoadgenOptions options;
    options.server = server_->address();
    options.contacts_path = SampleFile("contacts_test.csv");
    options.modes = {loadgen::Mode::kRoute};
    options.finish = loadgen::Finish::kAbandon;
    options.rate = rate;
    options.concurrency = in_flight;
    options.limits.warmup = kWarmup;
    options.limits.duration = kDuration;
    options.limits.count =
        static_cast<uint64_t>(rate * absl::ToDoubleSeconds(kDuration) * 1.01);
    options.server_pid = server_->pid();
    options.rss_interval = absl::Seconds(1);
    // A stall of this shared machine must not turn into failed calls: the
    // soak is about memory.
    options.limits.deadline = absl::Seconds(60);
    absl::StatusOr<LoadgenReport> report =
        loadgen::RunLoadgen(options, std::cerr);
    ASSERT_TRUE(report.ok()) << report.status();
    std::cout << loadgen::FormatReport(*report) << std::flush;
    ASSERT_EQ(report->modes.size(), 1u);
    const ModeReport& route = report->modes[0];

    // No errors, in the warmup or after it, and load in both phases. A
    // soak checks memory, not speed: how many calls a busy machine managed
    // is measured in bench/, never asserted here (the count cap bounds it
    // from above).
    EXPECT_EQ(route.result.tally.errors(), 0u)
        << route.result.tally.first_error();
    EXPECT_EQ(route.result.warmup.errors(), 0u)
        << route.result.warmup.first_error();
    EXPECT_FALSE(route.result.gave_up);
    EXPECT_GT(route.result.warmup.ok(), 0u);
    EXPECT_GT(route.result.tally.ok(), 0u);
    EXPECT_LE(route.result.tally.ok(), options.limits.count);  // After the warmup.
    std::cout << "soak: " << route.result.tally.ok() << " contacts in "
              << absl::ToDoubleSeconds(kDuration) << " s after the warmup ("
              << route.throughput() << "/s, asked " << rate << "/s)"
              << std::endl;

    // Samples on both sides of the end of the warmup (one a second; a busy
    // machine may take them late, so their number is not asserted).
    ASSERT_FALSE(route.rss.empty());
    std::optional<RssSummary> rss = loadgen::SummarizeRss(route.rss, kWarmup);
    ASSERT_TRUE(rss.has_value());
    EXPECT_GT(rss->warmup_end_kib, 0);
    EXPECT_LT(rss->growth(), kMaxGrowth)
        << "server RSS " << rss->warmup_end_kib << " KiB at the end of the "
        << "warmup, " << rss->end_kib << " KiB at the end";

    // The server saw the steady state the load claims: every contact
    // routed was abandoned, none waits.
    auto routing = v1::Routing::NewStub(server_->Channel());
    v1::Stats stats;
    ASSERT_THAT(GetStats(routing.get(), &stats), GrpcOk());
    const v1::Counters& counters = stats.total().counters();
    EXPECT_EQ(counters.received(),
              route.result.tally.ok() + route.result.warmup.ok());
    // (A contact answered by self-service is not queued: nothing to
    // abandon.)
    EXPECT_EQ(counters.abandoned() + counters.self_served(),
              counters.received());
    for (const v1::QueueStats& queue : stats.queues()) {
      EXPECT_EQ(queue.waiting(), 0u) << queue.queue();
    }
    routed_ = counters.received();
  }

  void StopServer() {
    absl::StatusOr<int> exit_code = server_->Stop();
    ASSERT_TRUE(exit_code.ok()) << exit_code.status();
    EXPECT_EQ(*exit_code, 0);
  }

  void TearDown() override {
    if (!journal_dir_.empty()) std::filesystem::remove_all(journal_dir_);
  }

  std::unique_ptr<ServerProcess> server_;
  uint64_t routed_ = 0;      // Contacts the server received.
  std::string journal_dir_;  // Removed at the end, whatever happened.
};

TEST_F(SoakE2eTest, MemoryStaysFlatUnderAMinuteOfRoutingAndAbandoning) {
  // 4,000 contacts (8,000 calls) a second: about 60% of the most the
  // two-core development VM did with client and server on it and other
  // builds running. 32 in flight: about four times what that needs at the
  // usual 1-2 ms a call. More lets a stall of the machine be followed by a
  // bigger burst, and the resident size keeps the high-water mark of those
  // (+13% in one run with 128), which is not what this test is after.
  RunSoak({}, 4000, 32);
  if (HasFatalFailure() || IsSkipped()) return;
  StopServer();
}

// The same with the write-ahead journal on (group commit, fdatasync per
// batch): every Route and every abandonment is journaled before it is
// acknowledged; the journal's buffers must not grow either.
TEST_F(SoakE2eTest, MemoryStaysFlatWithTheJournalOn) {
  const std::string dir = journal_dir_ = E2eTempPath("journal");
  std::filesystem::remove_all(dir);
  // Every call waits for its batch's fdatasync (about 7 ms here, much more
  // while other builds write): 2,000 contacts (4,000 journaled calls) a
  // second, 64 in flight, about twice what that needs.
  RunSoak({"--journal", dir}, 2000, 64);
  if (HasFatalFailure() || IsSkipped()) return;
  // It was on: at least a record per contact routed and per abandonment.
  auto admin = v1::Admin::NewStub(server_->Channel());
  v1::Info info;
  ASSERT_THAT(GetInfo(admin.get(), &info), GrpcOk());
  ASSERT_TRUE(info.has_journal());
  EXPECT_EQ(info.journal().dir(), dir);
  EXPECT_GE(info.journal().records_written(), 2 * routed_);
  EXPECT_GT(info.journal().syncs(), 0u);
  std::cout << "journal: " << info.journal().records_written() << " records in "
            << info.journal().batches() << " batches, "
            << info.journal().syncs() << " syncs, " << info.journal().segments()
            << " segment(s)" << std::endl;
  StopServer();
}

}  // namespace
}  // namespace switchboard::e2e
