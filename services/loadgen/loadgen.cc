// Copyright 2026 The Switchboard Authors.

#include "loadgen/loadgen.h"

#include <grpcpp/support/proto_buffer_reader.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "loadgen/rss_sampler.h"
#include "loadgen/stream_load.h"
#include "loadgen/unary_load.h"
#include "loadgen/workload.h"
#include "switchboard/tenant/tenant_name.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard::loadgen {
namespace {

// ", tenants t1..t3", ", tenant a" or "" (the setup line of a report).
std::string TenantsSetup(const TenantSpread& t) {
  if (t.tenants > 0) return absl::StrCat(", tenants t1..t", t.tenants);
  if (!t.tenant.empty()) return absl::StrCat(", tenant ", t.tenant);
  return "";
}

constexpr char kRouteMethod[] = "/switchboard.v1.Routing/Route";
constexpr char kRouteStreamMethod[] = "/switchboard.v1.Routing/RouteStream";
constexpr char kEchoMethod[] = "/switchboard.v1.Diagnostics/Echo";
constexpr char kReportEventMethod[] = "/switchboard.v1.Routing/ReportEvent";

constexpr absl::Duration kConnectTimeout = absl::Seconds(10);

absl::Status OutOfRange(absl::string_view flag, absl::string_view range) {
  return absl::InvalidArgumentError(absl::StrCat(flag, " must be in ", range));
}

bool Within(absl::Duration d, absl::Duration low, absl::Duration high) {
  return d >= low && d <= high;
}

// A connection of its own per client thread: channels with the same
// arguments would otherwise share one.
std::vector<std::shared_ptr<grpc::Channel>> Connect(
    const std::string& server,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials,
    int threads) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < threads; ++i) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetMaxReceiveMessageSize(-1);
    channels.push_back(grpc::CreateCustomChannel(server, credentials, args));
  }
  return channels;
}

absl::Status WaitConnected(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::string& server) {
  const Clock::time_point deadline =
      Clock::now() + absl::ToChronoNanoseconds(kConnectTimeout);
  for (const auto& channel : channels) {
    if (!channel->WaitForConnected(SystemDeadline(deadline))) {
      return absl::UnavailableError(
          absl::StrCat("cannot connect to ", server, " within ",
                       absl::FormatDuration(kConnectTimeout)));
    }
  }
  return absl::OkStatus();
}

grpc::ByteBuffer EchoRequestOf(size_t payload_bytes) {
  v1::EchoRequest request;
  std::string payload(payload_bytes, '\0');
  for (size_t i = 0; i < payload.size(); ++i) {
    payload[i] = static_cast<char>('a' + i % 26);
  }
  request.set_payload(std::move(payload));
  const std::string bytes = request.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// A ReportEventRequest abandoning contact `contact_id`.
grpc::ByteBuffer AbandonRequestOf(const std::string& contact_id) {
  v1::ReportEventRequest request;
  request.set_contact_id(contact_id);
  request.mutable_abandon();
  const std::string bytes = request.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// A RouteStreamResponse: the answer to request `sequence`, its error if it
// is one.
absl::Status CheckStreamAnswer(const grpc::ByteBuffer& bytes,
                               uint64_t sequence) {
  grpc::ByteBuffer copy(bytes);  // Shares the slices.
  grpc::ProtoBufferReader reader(&copy);
  v1::RouteStreamResponse answer;
  if (!reader.status().ok() || !answer.ParseFromZeroCopyStream(&reader)) {
    return absl::DataLossError(
        absl::StrCat("answer ", sequence, " is not a RouteStreamResponse"));
  }
  if (answer.sequence() != sequence) {
    return absl::InternalError(absl::StrCat("answer out of order: sequence ",
                                            answer.sequence(), " where ",
                                            sequence, " was due"));
  }
  if (answer.has_error()) {
    const std::string& message = answer.error().message();
    return absl::Status(
        static_cast<absl::StatusCode>(answer.error().code()),
        absl::StrContains(message, answer.contact_id())
            ? message
            : absl::StrCat("contact ", answer.contact_id(), ": ", message));
  }
  if (!answer.has_decision()) {
    return absl::DataLossError(absl::StrCat(
        "answer ", sequence, " has neither a decision nor an error"));
  }
  return absl::OkStatus();
}

// Request makers for `senders` senders, ids `prefix`<tag><i>-.
std::vector<RequestMaker> Makers(const Workload& workload,
                                 const std::string& prefix, char tag,
                                 int senders) {
  std::vector<RequestMaker> makers;
  for (int i = 0; i < senders; ++i) {
    makers.emplace_back(workload,
                        absl::StrCat(prefix, "-", std::string(1, tag), i, "-"));
  }
  return makers;
}

// Runs one mode; `run` gives the id prefix and the size of Echo's payload.
ModeReport RunMode(Mode mode, const LoadgenOptions& options,
                   const Workload& workload,
                   const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                   const LoadgenReport& run) {
  const std::string& id_prefix = run.id_prefix;
  ModeReport report;
  report.mode = mode;
  const std::string threads = absl::StrCat(
      channels.size(), channels.size() == 1 ? " thread" : " threads");
  if (mode == Mode::kStream) {
    StreamLoadOptions stream;
    stream.limits = options.limits;
    stream.method = kRouteStreamMethod;
    stream.streams = options.streams;
    stream.window = options.window;
    stream.tenants = options.tenants;
    const std::vector<RequestMaker> makers =
        Makers(workload, id_prefix, 's', options.streams);
    report.setup = absl::StrCat(options.streams, " streams x window ",
                                options.window, ", ", threads,
                                TenantsSetup(options.tenants));
    report.result = RunStreamLoad(
        channels, stream,
        [&](int sender, uint64_t n) { return makers[sender].Make(n); },
        CheckStreamAnswer);
    return report;
  }
  UnaryLoadOptions unary;
  unary.limits = options.limits;
  unary.concurrency = options.concurrency;
  unary.rate = options.rate;
  unary.tenants = options.tenants;
  report.setup = absl::StrCat(
      options.concurrency, " in flight, ", threads,
      options.rate > 0 ? absl::StrFormat(", paced at %.0f/s", options.rate)
                       : "",
      TenantsSetup(options.tenants));
  if (mode == Mode::kEcho) {
    unary.method = kEchoMethod;
    const grpc::ByteBuffer request = EchoRequestOf(run.request_bytes);
    const size_t request_bytes = request.Length();
    report.result = RunUnaryLoad(
        channels, unary, [&](int, uint64_t) { return request; },
        [&](const grpc::ByteBuffer& response) {
          // EchoResponse has EchoRequest's encoding: the same bytes back.
          if (response.Length() == request_bytes) return absl::OkStatus();
          return absl::DataLossError(
              absl::StrCat("Echo answered ", response.Length(),
                           " bytes to a request of ", request_bytes));
        });
    return report;
  }
  unary.method = kRouteMethod;
  const std::vector<RequestMaker> makers =
      Makers(workload, id_prefix, 'r', static_cast<int>(channels.size()));
  if (options.finish == Finish::kAbandon) {
    unary.follow_up_method = kReportEventMethod;
    // A contact answered by self-service waits for nobody: nothing to
    // abandon.
    unary.follow_up_if = [](const grpc::ByteBuffer& response) {
      v1::RouteResponse r;
      grpc::ByteBuffer copy(response);
      grpc::ProtoBufferReader reader(&copy);
      return !r.ParseFromZeroCopyStream(&reader) ||
             r.decision().action() != v1::DECISION_ACTION_SELF_SERVICE;
    };
    report.setup += ", each then abandoned (unless self-served)";
  }
  report.result = RunUnaryLoad(
      channels, unary,
      [&](int sender, uint64_t n) { return makers[sender].Make(n); },
      [](const grpc::ByteBuffer& response) {
        if (response.Length() > 0) return absl::OkStatus();
        return absl::DataLossError("an empty RouteResponse (no decision)");
      },
      [&](int sender, uint64_t n) {
        return AbandonRequestOf(makers[sender].IdOf(n));
      });
  return report;
}

}  // namespace

absl::Status ValidateOptions(const LoadgenOptions& o) {
  if (o.server.empty()) {
    return absl::InvalidArgumentError("server must not be empty");
  }
  if (o.tenants.tenants < 0 || o.tenants.tenants > 1000) {
    return OutOfRange("tenants", "0..1000");
  }
  if (o.tenants.tenants > 0 && !o.tenants.tenant.empty()) {
    return absl::InvalidArgumentError(
        "tenant and tenants: give one (a tenant, or N tenants t1..tN)");
  }
  if (!o.tenants.tenant.empty()) {
    if (absl::Status s = ValidateTenantName(o.tenants.tenant); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("tenant: ", s.message()));
    }
  }
  if (o.modes.empty()) {
    return absl::InvalidArgumentError("mode must name at least one mode");
  }
  if (o.threads < 1 || o.threads > 64) return OutOfRange("threads", "1..64");
  if (o.concurrency < 1 || o.concurrency > 100'000) {
    return OutOfRange("concurrency", "1..100000");
  }
  if (o.streams < 1 || o.streams > 1024) {
    return OutOfRange("streams", "1..1024");
  }
  if (o.window < 1 || o.window > 100'000) {
    return OutOfRange("window", "1..100000");
  }
  if (!(o.rate >= 0 && o.rate <= 1e8)) {
    return OutOfRange("rate", "0..100000000 calls a second");
  }
  if (!Within(o.limits.warmup, absl::ZeroDuration(), absl::Minutes(10))) {
    return OutOfRange("warmup", "0 s..10 min");
  }
  if (!Within(o.limits.duration, absl::Milliseconds(1), absl::Hours(1))) {
    return OutOfRange("duration", "1 ms..1 h");
  }
  if (!Within(o.limits.deadline, absl::Milliseconds(1), absl::Minutes(10))) {
    return OutOfRange("deadline", "1 ms..10 min");
  }
  if (o.finish != Finish::kNone && std::find(o.modes.begin(), o.modes.end(),
                                             Mode::kStream) != o.modes.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "finish ", FinishName(o.finish),
        " applies to the route mode only; the stream mode would leave its "
        "contacts waiting: run the route mode alone (or with echo)"));
  }
  if (o.server_pid < 0) {
    return absl::InvalidArgumentError("server-pid must not be negative");
  }
  if (!Within(o.rss_interval, absl::Milliseconds(1), absl::Hours(1))) {
    return OutOfRange("rss-interval", "1 ms..1 h");
  }
  return absl::OkStatus();
}

std::string DefaultIdPrefix() {
  return absl::StrFormat(
      "lg%dx%x", getpid(),
      static_cast<uint32_t>(absl::ToUnixSeconds(absl::Now())));
}

absl::StatusOr<LoadgenReport> RunLoadgen(const LoadgenOptions& options,
                                         std::ostream& progress) {
  if (absl::Status s = ValidateOptions(options); !s.ok()) return s;
  absl::StatusOr<Workload> workload = Workload::FromCsv(options.contacts_path);
  if (!workload.ok()) return workload.status();

  LoadgenReport report;
  report.server = options.server;
  report.dataset = workload->source();
  report.contacts = workload->size();
  report.channel_mix = workload->ChannelMix();
  report.client_threads = options.threads;
  report.limits = options.limits;
  report.rate = options.rate;
  report.finish = options.finish;
  report.server_pid = options.server_pid;
  report.rss_interval = options.rss_interval;
  if (options.server_pid != 0) {
    if (absl::StatusOr<int64_t> rss = ReadRssKib(options.server_pid);
        !rss.ok()) {
      return rss.status();
    }
  }
  report.id_prefix =
      options.id_prefix.empty() ? DefaultIdPrefix() : options.id_prefix;
  report.request_bytes =
      Makers(*workload, report.id_prefix, 'r', 1).front().average_bytes();

  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      tls::ChannelCredentials(options.tls);
  if (!credentials.ok()) return credentials.status();
  const std::vector<std::shared_ptr<grpc::Channel>> channels =
      Connect(options.server, *credentials, options.threads);
  if (absl::Status s = WaitConnected(channels, options.server); !s.ok()) {
    return s;
  }
  for (Mode mode : options.modes) {
    progress << "loadgen: " << ModeName(mode) << ": "
             << absl::FormatDuration(options.limits.warmup) << " warmup, then "
             << absl::FormatDuration(options.limits.duration)
             << (options.limits.count
                     ? absl::StrCat(" or ", options.limits.count, " calls")
                     : "")
             << std::endl;
    std::optional<RssSampler> sampler;
    if (options.server_pid != 0) {
      sampler.emplace(options.server_pid, options.rss_interval);
    }
    report.modes.push_back(RunMode(mode, options, *workload, channels, report));
    if (sampler) report.modes.back().rss = sampler->Stop();
  }
  return report;
}

}  // namespace switchboard::loadgen
