// Copyright 2026 The Switchboard Authors.
//
// route_client: a C++ program that talks to a running `switchboard serve`
// over gRPC. It links only the generated code (switchboard_proto), not the
// library: this is what another service in a contact centre would do.
//
// It routes a contact from each of several channels with Routing.Route,
// prints each decision, then reads the statistics with Routing.GetStats and
// prints a summary. A failed call prints its gRPC status code and message;
// the exit status is 1 when any call failed.
//
//   # in one terminal (see examples/README.md):
//   build/services/switchboard serve --listen 127.0.0.1:50051 --config
//   data/sample/config.textproto
//   # in another:
//   build/examples/route_client --server 127.0.0.1:50051

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "switchboard/v1/service.grpc.pb.h"

namespace v1 = switchboard::v1;

namespace {

constexpr char kUsage[] = "usage: route_client --server HOST:PORT\n";

// Every call gets a deadline: a server that does not answer is an error,
// not a hang.
constexpr std::chrono::seconds kDeadline(10);

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
}

// gRPC C++ has no name function for its status codes.
const char* CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? kNames[i] : "?";
}

void PrintStatus(const std::string& what, const grpc::Status& status) {
  std::cerr << what << " failed: " << CodeName(status.error_code()) << ": "
            << status.error_message() << "\n";
}

// "CHANNEL_EMAIL" -> "EMAIL": enum value names without their prefix.
std::string Short(const std::string& name, const std::string& prefix) {
  return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

v1::Contact MakeContact(const std::string& id, v1::Channel channel,
                        const std::string& body,
                        const std::string& ivr_choice = "") {
  v1::Contact c;
  c.set_id(id);
  c.set_channel(channel);
  c.set_body(body);
  c.set_ivr_choice(ivr_choice);
  return c;
}

// Contact ids must be unique on the server (a repeat is ALREADY_EXISTS):
// the process id keeps two runs apart.
std::vector<v1::Contact> SampleContacts() {
  const std::string p = "cpp" + std::to_string(getpid()) + "-";
  return {
      MakeContact(p + "phone", v1::CHANNEL_PHONE,
                  "ja goedemiddag, ik ben mijn paspoort kwijt, hoe vraag ik "
                  "een nieuwe aan",
                  "3"),
      MakeContact(p + "email", v1::CHANNEL_EMAIL,
                  "Geachte heer, mevrouw,\n\nIk maak bezwaar tegen de "
                  "WOZ-waarde op mijn aanslag.\n\nMet vriendelijke groet,\n"
                  "J. de Wit"),
      MakeContact(p + "chat", v1::CHANNEL_CHAT,
                  "Klant: de container is deze week niet geleegd\n"
                  "Medewerker: dat spijt me"),
      MakeContact(p + "letter", v1::CHANNEL_LETTER,
                  "Hierbij vraag ik een parkeervergunning aan voor mijn "
                  "nieuwe auto."),
      MakeContact(p + "sms", v1::CHANNEL_MESSAGING,
                  "hoi, ik wil ff een klacht indienen over de behandeling aan "
                  "de balie"),
  };
}

void PrintDecision(const v1::Contact& contact, const v1::Decision& d) {
  std::printf(
      "%-9s %-16s %-12s %-13s %-20s p%-3d %.2f  %s\n",
      Short(v1::Channel_Name(contact.channel()), "CHANNEL_").c_str(),
      d.contact_id().c_str(),
      Short(v1::DecisionAction_Name(d.action()), "DECISION_ACTION_").c_str(),
      d.department().c_str(), d.queue().c_str(), d.priority(), d.confidence(),
      d.reason().c_str());
}

void PrintStats(const v1::Stats& stats) {
  const v1::SegmentStats& t = stats.total();
  const v1::Counters& c = t.counters();
  std::printf(
      "\nserver totals: received %llu, routed %llu, triaged %llu, "
      "offered %llu, accepted %llu, resolved %llu\n",
      static_cast<unsigned long long>(c.received()),
      static_cast<unsigned long long>(c.routed()),
      static_cast<unsigned long long>(c.triaged()),
      static_cast<unsigned long long>(c.offered()),
      static_cast<unsigned long long>(c.accepted()),
      static_cast<unsigned long long>(c.resolved()));
  const auto ms = [](const google::protobuf::Duration& d) {
    return d.seconds() * 1e3 + d.nanos() / 1e6;
  };
  std::printf("time to decide: p50 %.3f ms, p99 %.3f ms over %llu contacts\n",
              ms(t.decide().p50()), ms(t.decide().p99()),
              static_cast<unsigned long long>(t.decide().count()));
  std::printf("agents: %llu available, %llu away, %llu offline\n",
              static_cast<unsigned long long>(stats.agents_available()),
              static_cast<unsigned long long>(stats.agents_away()),
              static_cast<unsigned long long>(stats.agents_offline()));
  for (const v1::QueueStats& q : stats.queues()) {
    if (q.waiting() > 0) {
      std::printf("  waiting in %-20s %llu\n", q.queue().c_str(),
                  static_cast<unsigned long long>(q.waiting()));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string server;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--server" && i + 1 < argc) {
      server = argv[++i];
    } else if (arg.rfind("--server=", 0) == 0) {
      server = arg.substr(9);
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (server.empty()) {
    std::cerr << kUsage;
    return 2;
  }

  // One channel (connection) for all calls; plaintext on a trusted network.
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  std::unique_ptr<v1::Routing::Stub> routing = v1::Routing::NewStub(channel);

  int failures = 0;
  for (const v1::Contact& contact : SampleContacts()) {
    v1::RouteRequest request;
    *request.mutable_contact() = contact;
    v1::RouteResponse response;
    grpc::ClientContext context;
    SetDeadline(context);
    grpc::Status status = routing->Route(&context, request, &response);
    if (!status.ok()) {
      PrintStatus("Route " + contact.id(), status);
      ++failures;
      continue;
    }
    PrintDecision(contact, response.decision());
  }

  v1::GetStatsRequest request;  // No filter: every channel and department.
  v1::Stats stats;
  grpc::ClientContext context;
  SetDeadline(context);
  grpc::Status status = routing->GetStats(&context, request, &stats);
  if (!status.ok()) {
    PrintStatus("GetStats", status);
    return 1;
  }
  PrintStats(stats);
  return failures == 0 ? 0 : 1;
}
