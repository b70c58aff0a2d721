// Copyright 2026 The Switchboard Authors.
//
// e2e_testing.h: helpers shared by the end-to-end tests: starting a server
// (see server_process.h), sample contacts for every channel, deadlines,
// a gRPC status matcher, and edited copies of the sample configuration.

#ifndef SWITCHBOARD_TESTS_E2E_E2E_TESTING_H_
#define SWITCHBOARD_TESTS_E2E_E2E_TESTING_H_

#include <google/protobuf/text_format.h>
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "e2e/server_process.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/v1/config.pb.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::e2e {

// Matches a grpc::Status with `code` and a message matching `message`.
MATCHER_P2(GrpcStatusIs, code, message,
           absl::StrCat("is a gRPC status with code ", code,
                        " and a message that ",
                        ::testing::DescribeMatcher<std::string>(message))) {
  *result_listener << "which is code " << arg.error_code() << " \""
                   << arg.error_message() << "\"";
  return arg.error_code() == code &&
         ::testing::ExplainMatchResult(message, arg.error_message(),
                                       result_listener);
}

MATCHER(GrpcOk, "is an OK gRPC status") {
  *result_listener << "which is code " << arg.error_code() << " \""
                   << arg.error_message() << "\"";
  return arg.ok();
}

inline std::string SampleFile(absl::string_view name) {
  return absl::StrCat(SWITCHBOARD_SAMPLE_DIR, "/", name);
}

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

// A path under the test temp dir unique to this process and test.
inline std::string E2eTempPath(absl::string_view name) {
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  return absl::StrCat(::testing::TempDir(), "switchboard_e2e_", getpid(), "_",
                      info != nullptr ? info->name() : "setup", "_", name);
}

// `serve --config-dir` for a test whose Admin calls name files it wrote to
// the test temp dir, and the e2e model (the server reads Admin files only
// inside these directories: services/server/admin_files.h).
inline std::vector<std::string> AdminFileDirArgs() {
  const std::string model = SWITCHBOARD_E2E_MODEL;
  return {"--config-dir",
          absl::StrCat(::testing::TempDir(), ":",
                       model.substr(0, model.rfind('/')))};
}

// Writes the sample configuration with every (from, to) replacement made,
// to a temp file; returns its path. The `training` section is dropped (its
// relative path would not resolve from the temp dir; the servers of these
// tests load the e2e model).
inline std::string WriteSampleConfigVariant(
    absl::string_view name,
    std::initializer_list<std::pair<absl::string_view, absl::string_view>>
        replacements) {
  std::string text = ReadWholeFile(SampleFile("config.textproto"));
  text = absl::StrReplaceAll(text, replacements);
  text = absl::StrReplaceAll(
      text, {{"training { data: \"contacts_train.csv\" type_column: \"type\" }", ""}});
  const std::string path = E2eTempPath(name);
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  EXPECT_TRUE(out.good()) << "cannot write " << path;
  return path;
}

// The sample configuration as its proto (for checks on decisions).
// The sample configuration without its training section (so that a
// tenant loads the model beside it instead of training), with `extra`
// appended (e.g. a tenant_limits section).
inline std::string SampleConfigWithoutTraining(absl::string_view extra = "") {
  std::string text = ReadWholeFile(SampleFile("config.textproto"));
  text = absl::StrReplaceAll(
      text, {{"training { data: \"contacts_train.csv\" type_column: \"type\" }",
              ""}});
  return absl::StrCat(text, "\n", extra, "\n");
}

inline v1::EngineConfig SampleConfigProto() {
  v1::EngineConfig config;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      ReadWholeFile(SampleFile("config.textproto")), &config));
  return config;
}

// Whether queue `queue_id` of `config` belongs to `department` and takes
// contacts of `channel` (a queue without channels takes every channel no
// other queue of its department lists).
inline bool QueueTakes(const v1::EngineConfig& config,
                       const std::string& queue_id,
                       const std::string& department, v1::Channel channel) {
  const v1::Queue* queue = nullptr;
  for (const v1::Queue& q : config.queues()) {
    if (q.id() == queue_id) queue = &q;
  }
  if (queue == nullptr || queue->department() != department) return false;
  auto lists = [channel](const v1::Queue& q) {
    for (int c : q.channels()) {
      if (c == channel) return true;
    }
    return false;
  };
  if (queue->channels_size() > 0) return lists(*queue);
  for (const v1::Queue& q : config.queues()) {
    if (q.department() == department && q.id() != queue_id && lists(q)) {
      return false;
    }
  }
  return true;
}

// A sample contact of each channel (Dutch and English, like the sample set).
inline v1::Contact SampleContact(v1::Channel channel, const std::string& id) {
  v1::Contact c;
  c.set_id(id);
  c.set_channel(channel);
  switch (channel) {
    case v1::CHANNEL_PHONE:
      c.set_body(
          "ehm ja goedemorgen uh mijn paspoort verloopt volgende maand en ik "
          "wil eh een afspraak maken om een nieuwe aan te vragen");
      c.set_ivr_choice("9");
      break;
    case v1::CHANNEL_EMAIL:
      c.set_subject("Re: uw aanslag");
      c.set_body(
          "Beste meneer, mevrouw,\n\nIk wil bezwaar maken tegen de WOZ-waarde "
          "op de aanslag van dit jaar.\n\nMet vriendelijke groet");
      break;
    case v1::CHANNEL_CHAT:
      c.set_body(
          "Customer: Hi, the bins on our street were not emptied this week.");
      break;
    case v1::CHANNEL_SOCIAL:
      c.set_body(
          "@GemeenteWilgendam al 3 weken wacht ik op antwoord over mijn "
          "bijstandsuitkering #wilgendam");
      break;
    case v1::CHANNEL_LETTER:
      c.set_subject("Verzoek parkeervergunning");
      c.set_body(
          "Geachte heer/mevrouw,\nHierbij vraag ik een bewoners-\n"
          "parkeervergunning aan voor mijn nieuwe auto.\nHoogachtend,\n"
          "J. de Boer");
      break;
    case v1::CHANNEL_WEB_FORM:
      c.set_subject("Moving house");
      c.set_body(
          "Name: Sam Taylor\nSubject: Moving house\nYour question: I am "
          "moving to Wilgendam next month, how do I register my new address?");
      break;
    case v1::CHANNEL_MESSAGING:
      c.set_body("hoi mijn kliko is kapot, kan ik een nieuwe krijgen?");
      break;
    default:
      c.set_body("Ik heb een vraag.");
      break;
  }
  return c;
}

inline constexpr v1::Channel kEveryChannel[] = {
    v1::CHANNEL_PHONE,    v1::CHANNEL_EMAIL,  v1::CHANNEL_CHAT,
    v1::CHANNEL_SOCIAL,   v1::CHANNEL_LETTER, v1::CHANNEL_WEB_FORM,
    v1::CHANNEL_MESSAGING};

inline void SetDeadline(grpc::ClientContext* context,
                        absl::Duration timeout = absl::Seconds(10)) {
  context->set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout)));
}

inline grpc::Status Route(v1::Routing::Stub* stub, const v1::Contact& contact,
                          v1::RouteResponse* response) {
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::RouteRequest request;
  *request.mutable_contact() = contact;
  return stub->Route(&context, request, response);
}

inline grpc::Status GetStats(v1::Routing::Stub* stub, v1::Stats* stats) {
  grpc::ClientContext context;
  SetDeadline(&context);
  return stub->GetStats(&context, v1::GetStatsRequest(), stats);
}

inline grpc::Status GetContact(v1::Routing::Stub* stub, const std::string& id,
                               v1::ContactStatus* status) {
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::GetContactRequest request;
  request.set_contact_id(id);
  return stub->GetContact(&context, request, status);
}

inline grpc::Status GetInfo(v1::Admin::Stub* stub, v1::Info* info) {
  grpc::ClientContext context;
  SetDeadline(&context);
  return stub->GetInfo(&context, v1::GetInfoRequest(), info);
}

// Cancels a server stream and reads what is left (at most `max_reads`
// messages), then finishes it.
template <typename Message>
grpc::Status CancelAndFinish(grpc::ClientContext* context,
                             grpc::ClientReader<Message>* reader,
                             int max_reads = 10'000) {
  context->TryCancel();
  Message scratch;
  for (int i = 0; i < max_reads && reader->Read(&scratch); ++i) {
  }
  return reader->Finish();
}

// A fixture with a server on the sample configuration and stubs for it.
class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer({}); }

  void StartServer(const ServerProcessOptions& options) {
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = server_->Channel();
    routing_ = v1::Routing::NewStub(channel_);
    agents_ = v1::Agents::NewStub(channel_);
    admin_ = v1::Admin::NewStub(channel_);
  }

  // The server answers (checked after each error).
  void ExpectServing() {
    v1::Info info;
    EXPECT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
    EXPECT_GE(info.generation(), 1u);
  }

  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Routing::Stub> routing_;
  std::unique_ptr<v1::Agents::Stub> agents_;
  std::unique_ptr<v1::Admin::Stub> admin_;
};

}  // namespace switchboard::e2e

#endif  // SWITCHBOARD_TESTS_E2E_E2E_TESTING_H_
