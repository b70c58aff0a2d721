// Copyright 2026 The Switchboard Authors.
//
// loadgen.h: `switchboard loadgen`, a load generator for a Switchboard
// server. It sends the contacts of a dataset file as fast as the server
// takes them (or at a set rate) and measures throughput and latency of
// Routing.Route (unary) and Routing.RouteStream; in the same run it calls
// Diagnostics.Echo with a payload the size of the mean RouteRequest, the
// ceiling of the gRPC stack on this machine, so Route's throughput can be
// read as a share of what gRPC alone allows.
//
//   LoadgenOptions options;
//   options.server = "127.0.0.1:50051";
//   options.contacts_path = "data/sample/contacts_test.csv";
//   absl::StatusOr<LoadgenReport> report = RunLoadgen(options, std::cerr);
//   std::cout << FormatReport(*report);
//
// The server keeps every contact routed, and its queues have a maximum
// length: point it at a server started for load (bench/config/
// loadgen.textproto), not at one that serves people.
//
// A soak: with `finish` = kAbandon each routed contact is abandoned at
// once (Routing.ReportEvent), so a server started with a short
// --finished-retention holds a steady number of contacts; with
// `server_pid` the server's resident size is sampled through the run.
//
//   options.modes = {Mode::kRoute};
//   options.finish = Finish::kAbandon;
//   options.server_pid = server_pid;
//   options.limits.warmup = absl::Seconds(15);
//   options.limits.duration = absl::Seconds(45);
//   // report->modes[0].rss: the samples; SummarizeRss(...).growth()

#ifndef SWITCHBOARD_SERVICES_LOADGEN_LOADGEN_H_
#define SWITCHBOARD_SERVICES_LOADGEN_LOADGEN_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "loadgen/load_run.h"
#include "loadgen/report.h"
#include "tls/tls_credentials.h"

namespace switchboard::loadgen {

struct LoadgenOptions {
  // host:port of the server (required).
  std::string server;
  // TLS to the server (none by default).
  tls::ClientTls tls;
  // The dataset: a CSV file with columns channel and text (see Workload).
  std::string contacts_path;
  // Run one after the other, each for the limits below. Default: all.
  std::vector<Mode> modes = {Mode::kEcho, Mode::kRoute, Mode::kStream};
  // Client threads, each with its own connection (1..64).
  int threads = 1;
  // Unary calls in flight over all threads (1..100,000).
  int concurrency = 64;
  // RouteStream: streams (1..1,024) and requests in flight on each
  // (1..100,000).
  int streams = 2;
  int window = 512;
  // Unary calls started a second (open loop); 0: closed loop.
  double rate = 0;
  // Warmup (0..10 min), duration (1 ms..1 h), count (0: none) and the
  // deadline of each call (1 ms..10 min), for each mode.
  LoadLimits limits;
  // Contact ids are `id_prefix`-<mode><sender>-<12 digits>. "": a prefix
  // from the process id and the time (DefaultIdPrefix), so that runs
  // against the same server do not collide (ids are unique on a server).
  std::string id_prefix;
  // The route mode's contacts (the stream mode cannot be combined with
  // anything but kNone). With kAbandon a call is the pair Route and
  // ReportEvent; the rate counts pairs.
  Finish finish = Finish::kNone;
  // The server's process id on this machine: its resident size is sampled
  // every `rss_interval` (1 ms..1 h) during each mode. 0: not sampled.
  int server_pid = 0;
  absl::Duration rss_interval = absl::Seconds(1);
  // The tenant of each call (x-switchboard-tenant): one tenant, or the
  // calls (streams) spread over t1..tN (`tenants` 0..1000). Default: no
  // metadata, the server's "default" tenant.
  TenantSpread tenants;
};

// INVALID_ARGUMENT naming the option out of its range (see above).
absl::Status ValidateOptions(const LoadgenOptions& options);

// "lg<pid>x<seconds, hex>".
std::string DefaultIdPrefix();

// Loads the dataset, checks that server_pid (if given) can be read
// (NOT_FOUND otherwise), connects (UNAVAILABLE when the server cannot be
// reached within 10 s) and runs each mode, saying what it runs on
// `progress`. Failed calls do not make this fail: they are in the report
// (see RunFailure).
absl::StatusOr<LoadgenReport> RunLoadgen(const LoadgenOptions& options,
                                         std::ostream& progress);

}  // namespace switchboard::loadgen

#endif  // SWITCHBOARD_SERVICES_LOADGEN_LOADGEN_H_
