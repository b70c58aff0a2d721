// Copyright 2026 The Switchboard Authors.
//
// End-to-end: bad input over gRPC against the real server, table-driven.
// The same rows as tests/bad_input_test.cc where the wire can carry them
// (invalid UTF-8 in every request with a string, empty text, huge bodies
// against --max-message-bytes, unknown enum values, timestamps in the
// future or before 1970, unknown ids, events out of order, duplicate
// agents, malformed configurations and corrupt models through
// Admin.Reload). Each row expects a gRPC code and a message naming what
// was wrong; after each, the same server still routes a good contact.

#include <google/protobuf/unknown_field_set.h>

#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kAgent[] = "tester";

// Writes `bytes` to a temp file named after `name`; returns its path.
std::string WriteBytes(absl::string_view name, absl::string_view bytes) {
  const std::string path = E2eTempPath(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  EXPECT_TRUE(out.good()) << "cannot write " << path;
  return path;
}

// A contact row: how a good contact is spoiled.
struct ContactRow {
  std::string name;
  std::function<void(v1::Contact&)> spoil;
  grpc::StatusCode code;
  std::string message;
};

class BadInputE2eTest : public ServerTest {
 protected:
  void SetUp() override {
    // Every sample agent offline, so contacts wait until our agent is
    // there: the rows decide what is offered when.
    ServerProcessOptions options;
    options.config = WriteSampleConfigVariant(
        "offline.textproto", {{"presence: AVAILABLE", "presence: OFFLINE"}});
    options.extra_args = AdminFileDirArgs();  // The reloads' files.
    StartServer(options);
  }

  // A good contact, routed: the server keeps serving.
  void ExpectRoutes() {
    v1::RouteResponse response;
    const std::string id = absl::StrCat("good-", ++good_);
    EXPECT_THAT(
        Route(routing_.get(), SampleContact(v1::CHANNEL_EMAIL, id), &response),
        GrpcOk());
    EXPECT_EQ(response.decision().contact_id(), id);
    ExpectServing();
  }

  grpc::Status RouteOne(const v1::Contact& contact) {
    v1::RouteResponse response;
    return Route(routing_.get(), contact, &response);
  }

  grpc::Status ClassifyOne(const v1::Contact& contact) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ClassifyRequest request;
    *request.mutable_contact() = contact;
    v1::ClassifyResponse response;
    return routing_->Classify(&context, request, &response);
  }

  grpc::Status Register(const v1::Agent& agent, bool* created = nullptr) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::RegisterAgentRequest request;
    *request.mutable_agent() = agent;
    v1::RegisterAgentResponse response;
    grpc::Status status = agents_->RegisterAgent(&context, request, &response);
    if (created != nullptr) *created = response.created();
    return status;
  }

  grpc::Status SetPresence(const std::string& agent, int presence) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::SetPresenceRequest request;
    request.set_agent_id(agent);
    request.set_presence(static_cast<v1::Presence>(presence));
    v1::SetPresenceResponse response;
    return agents_->SetPresence(&context, request, &response);
  }

  grpc::Status Accept(const std::string& contact, const std::string& agent) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::AcceptRequest request;
    request.set_agent_id(agent);
    request.set_contact_id(contact);
    v1::AcceptResponse response;
    return agents_->Accept(&context, request, &response);
  }

  grpc::Status Reject(const std::string& contact, const std::string& agent) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::RejectRequest request;
    request.set_agent_id(agent);
    request.set_contact_id(contact);
    v1::RejectResponse response;
    return agents_->Reject(&context, request, &response);
  }

  grpc::Status Complete(const std::string& contact, const std::string& agent,
                        int outcome = v1::OUTCOME_NEUTRAL) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::CompleteRequest request;
    request.set_agent_id(agent);
    request.set_contact_id(contact);
    request.set_outcome(static_cast<v1::Outcome>(outcome));
    v1::CompleteResponse response;
    return agents_->Complete(&context, request, &response);
  }

  grpc::Status Report(const v1::ReportEventRequest& request) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ReportEventResponse response;
    return routing_->ReportEvent(&context, request, &response);
  }

  static v1::ReportEventRequest Event(const std::string& contact) {
    v1::ReportEventRequest request;
    request.set_contact_id(contact);
    return request;
  }

  // StreamOffers for `agent`: the status it ends with when it ends at once
  // (a bad request); OK when it stays open (then it is cancelled).
  grpc::Status OpenOffers(const std::string& agent) {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(2));
    v1::StreamOffersRequest request;
    request.set_agent_id(agent);
    std::unique_ptr<grpc::ClientReader<v1::AgentUpdate>> stream =
        agents_->StreamOffers(&context, request);
    v1::AgentUpdate update;
    if (stream->Read(&update)) return CancelAndFinish(&context, stream.get());
    return stream->Finish();
  }

  grpc::Status Reload(const std::string& config, const std::string& model,
                      v1::ReloadResponse* response = nullptr) {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(30));
    v1::ReloadRequest request;
    request.set_config_path(config);
    request.set_model_path(model);
    v1::ReloadResponse scratch;
    return admin_->Reload(&context, request,
                          response != nullptr ? response : &scratch);
  }

  v1::Info Info() {
    v1::Info info;
    EXPECT_THAT(GetInfo(admin_.get(), &info), GrpcOk());
    return info;
  }

  // Our agent, with every skill of the sample configuration, taking one
  // letter at a time and nothing else: the good contacts (email) never
  // reach it, and a letter routed while it is available is offered to it.
  v1::Agent Tester(v1::Presence presence) {
    v1::Agent agent;
    agent.set_id(kAgent);
    agent.set_name("Bad Input Tester");
    const v1::EngineConfig config = SampleConfigProto();
    for (const std::string& skill : config.skills()) {
      v1::SkillLevel* s = agent.add_skills();
      s->set_skill(skill);
      s->set_level(10);
    }
    v1::ChannelCapacity* letters = agent.add_capacity();
    letters->set_channel(v1::CHANNEL_LETTER);
    letters->set_capacity(1);
    agent.set_presence(presence);
    return agent;
  }

  int good_ = 0;
};

// ---------------------------------------------------------------------------
// Contacts: Route, Classify and RouteStream.

std::vector<ContactRow> ContactRows() {
  using C = v1::Contact&;
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  const int64_t now = absl::ToUnixSeconds(absl::Now());
  return {
      {"body not UTF-8", [](C c) { c.set_body("abc\xc3\x28 def"); }, kInvalid,
       "contact.body: not valid UTF-8 at byte 3"},
      {"subject not UTF-8", [](C c) { c.set_subject("\xff"); }, kInvalid,
       "contact.subject: not valid UTF-8 at byte 0"},
      {"id not UTF-8", [](C c) { c.set_id("bad-\xfe"); }, kInvalid,
       "contact.id: not valid UTF-8 at byte 4"},
      {"attribute not UTF-8",
       [](C c) { (*c.mutable_attributes())["vip"] = "ja\xff"; }, kInvalid,
       "contact.attributes.value: not valid UTF-8 at byte 2"},
      {"empty id", [](C c) { c.clear_id(); }, kInvalid, "contact.id: is empty"},
      {"empty text",
       [](C c) {
         c.clear_subject();
         c.clear_body();
       },
       kInvalid, "contact bad: no text to classify after normalizing (email)"},
      {"only white space",
       [](C c) {
         c.set_subject("  ");
         c.set_body("\n\t ");
       },
       kInvalid, "no text to classify"},
      {"1 MiB body (under the message limit, over the body limit)",
       [](C c) { c.set_body(std::string(1 << 20, 'a')); }, kInvalid,
       "contact bad: body is 1048576 bytes, over the limit of 262144"},
      {"2000-byte id", [](C c) { c.set_id(std::string(2000, 'i')); }, kInvalid,
       "id is 2000 bytes, over the limit of 1024"},
      {"channel 99", [](C c) { c.set_channel(static_cast<v1::Channel>(99)); },
       kInvalid, "contact bad: channel: unknown channel value 99"},
      {"channel unspecified", [](C c) { c.clear_channel(); }, kInvalid,
       "contact.channel: not set"},
      {"preferred reply channel 42",
       [](C c) { c.set_preferred_reply_channel(static_cast<v1::Channel>(42)); },
       kInvalid, "preferred_reply_channel: unknown channel value 42"},
      {"received an hour from now",
       [now](C c) { c.mutable_received_at()->set_seconds(now + 3600); },
       kInvalid, "after now"},
      {"received in the year 9999",
       [](C c) { c.mutable_received_at()->set_seconds(253402214400); },
       kInvalid, "received_at 9999-12-31T00:00:00+00:00 is"},
      {"received in 1969",
       [](C c) { c.mutable_received_at()->set_seconds(-100); }, kInvalid,
       "received_at 1969-12-31T23:58:20+00:00 is before 1970-01-01"},
      {"received_at with negative nanos",
       [now](C c) {
         c.mutable_received_at()->set_seconds(now);
         c.mutable_received_at()->set_nanos(-1);
       },
       kInvalid, "received_at has nanos -1 outside [0, 999999999]"},
  };
}

TEST_F(BadInputE2eTest, BadContactsAreRefusedNamingTheFieldAndTheServerGoesOn) {
  for (const ContactRow& row : ContactRows()) {
    SCOPED_TRACE(row.name);
    v1::Contact contact = SampleContact(v1::CHANNEL_EMAIL, "bad");
    row.spoil(contact);
    EXPECT_THAT(RouteOne(contact),
                GrpcStatusIs(row.code, HasSubstr(row.message)));
    EXPECT_THAT(ClassifyOne(contact),
                GrpcStatusIs(row.code, HasSubstr(row.message)));
    ExpectRoutes();
  }
  // The same rows on one RouteStream: each gets its error, in order, and
  // the good contact after them its decision.
  {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(30));
    auto stream = routing_->RouteStream(&context);
    const std::vector<ContactRow> rows = ContactRows();
    for (const ContactRow& row : rows) {
      v1::RouteRequest request;
      *request.mutable_contact() = SampleContact(v1::CHANNEL_EMAIL, "bad");
      row.spoil(*request.mutable_contact());
      ASSERT_TRUE(stream->Write(request));
    }
    v1::RouteRequest good;
    *good.mutable_contact() = SampleContact(v1::CHANNEL_EMAIL, "after-stream");
    ASSERT_TRUE(stream->Write(good));
    ASSERT_TRUE(stream->WritesDone());
    v1::RouteStreamResponse response;
    for (size_t i = 0; i < rows.size(); ++i) {
      SCOPED_TRACE(rows[i].name);
      ASSERT_TRUE(stream->Read(&response));
      EXPECT_EQ(response.sequence(), i);
      ASSERT_TRUE(response.has_error());
      EXPECT_EQ(response.error().code(), static_cast<int>(rows[i].code));
      EXPECT_THAT(response.error().message(), HasSubstr(rows[i].message));
    }
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.decision().contact_id(), "after-stream");
    EXPECT_FALSE(stream->Read(&response));
    EXPECT_THAT(stream->Finish(), GrpcOk());
  }
  // Only the good contacts were taken.
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().received(),
            static_cast<uint64_t>(good_ + 1));
}

// A body over --max-message-bytes never reaches the engine: gRPC refuses
// the message with RESOURCE_EXHAUSTED naming the limit ("Received message
// larger than max (10485794 vs. 4194304)"), and the server goes on (on
// other calls and on the same channel).
TEST_F(BadInputE2eTest, ATenMegabyteBodyIsOverTheMessageLimit) {
  v1::Contact huge = SampleContact(v1::CHANNEL_EMAIL, "huge");
  huge.set_body(std::string(10 << 20, 'a'));
  EXPECT_THAT(RouteOne(huge), GrpcStatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                           AllOf(HasSubstr("larger than max"),
                                                 HasSubstr("vs. 4194304)"))));
  ExpectRoutes();
  {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(30));
    auto stream = routing_->RouteStream(&context);
    v1::RouteRequest request;
    *request.mutable_contact() = huge;
    stream->Write(request);  // May fail once the server has refused it.
    stream->WritesDone();
    v1::RouteStreamResponse response;
    EXPECT_FALSE(stream->Read(&response));
    EXPECT_THAT(stream->Finish(),
                GrpcStatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                             HasSubstr("vs. 4194304)")));
  }
  ExpectRoutes();
  // "huge" was never taken: the id is free.
  huge.set_body("Mijn aanslag klopt niet.");
  EXPECT_THAT(RouteOne(huge), GrpcOk());
}

// ---------------------------------------------------------------------------
// Agents and events: invalid UTF-8 in ids, unknown enum values, unknown ids,
// events out of order.

// The state a row's letter is in before the bad call.
enum class Setup { kNone, kWaiting, kOffered, kAccepted, kResolved };

struct EventRow {
  std::string name;
  Setup setup;
  grpc::StatusCode code;
  std::string message;
};

TEST_F(BadInputE2eTest, BadAgentAndEventCallsAreRefusedAndTheServerGoesOn) {
  ASSERT_THAT(Register(Tester(v1::OFFLINE)), GrpcOk());
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  const auto kNotFound = grpc::StatusCode::NOT_FOUND;
  const auto kOrder = grpc::StatusCode::FAILED_PRECONDITION;
  std::string id;  // The row's letter.
  // Each row's call, by name (below, with the table).
  std::vector<std::pair<EventRow, std::function<grpc::Status()>>> rows;
  auto add = [&rows](EventRow row, std::function<grpc::Status()> call) {
    rows.emplace_back(std::move(row), std::move(call));
  };
  // Invalid UTF-8 in every request that carries an id or a name.
  add({"SetPresence agent_id", Setup::kNone, kInvalid,
       "agent_id: not valid UTF-8 at byte 0"},
      [&] { return SetPresence("\xff", v1::AVAILABLE); });
  add({"Accept agent_id", Setup::kOffered, kInvalid,
       "agent_id: not valid UTF-8 at byte 1"},
      [&] {
        return Accept(id,
                      "t\xff"
                      "ster");
      });
  add({"Accept contact_id", Setup::kOffered, kInvalid,
       "contact_id: not valid UTF-8 at byte 0"},
      [&] { return Accept("\xc3", kAgent); });
  add({"Reject contact_id", Setup::kOffered, kInvalid,
       "contact_id: not valid UTF-8 at byte 3"},
      [&] { return Reject("abc\xe2\x82", kAgent); });
  add({"Complete agent_id", Setup::kAccepted, kInvalid,
       "agent_id: not valid UTF-8 at byte 0"},
      [&] { return Complete(id, "\x80"); });
  add({"RegisterAgent agent.id", Setup::kNone, kInvalid,
       "agent.id: not valid UTF-8 at byte 2"},
      [&] {
        v1::Agent agent = Tester(v1::AVAILABLE);
        agent.set_id("ev\xe9");
        return Register(agent);
      });
  add({"RegisterAgent skill name", Setup::kNone, kInvalid,
       "agent.skills.skill: not valid UTF-8 at byte 0"},
      [&] {
        v1::Agent agent = Tester(v1::AVAILABLE);
        agent.mutable_skills(0)->set_skill("\xfe");
        return Register(agent);
      });
  add({"StreamOffers agent_id", Setup::kNone, kInvalid,
       "agent_id: not valid UTF-8 at byte 0"},
      [&] { return OpenOffers("\xff"); });
  add({"ReportEvent contact_id", Setup::kNone, kInvalid,
       "contact_id: not valid UTF-8 at byte 0"},
      [&] {
        v1::ReportEventRequest r = Event("\xff");
        r.mutable_first_response();
        return Report(r);
      });
  add({"ReportEvent transfer.to_department", Setup::kWaiting, kInvalid,
       "transfer.to_department: not valid UTF-8 at byte 0"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_transfer()->set_to_department("\xff");
        return Report(r);
      });
  add({"ReportEvent transfer.reason", Setup::kWaiting, kInvalid,
       "transfer.reason: not valid UTF-8 at byte 5"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_transfer()->set_to_department("taxes");
        r.mutable_transfer()->set_reason("wrong\xff");
        return Report(r);
      });
  add({"GetStats department", Setup::kNone, kInvalid,
       "department: not valid UTF-8 at byte 0"},
      [&] {
        grpc::ClientContext context;
        SetDeadline(&context);
        v1::GetStatsRequest request;
        request.set_department("\xff");
        v1::Stats stats;
        return routing_->GetStats(&context, request, &stats);
      });
  add({"Reload config_path", Setup::kNone, kInvalid,
       "config_path: not valid UTF-8 at byte 4"},
      [&] { return Reload("/tmp\xff.textproto", ""); });
  // Unknown enum values.
  add({"presence 99", Setup::kNone, kInvalid,
       "presence: unknown presence value 99"},
      [&] { return SetPresence(kAgent, 99); });
  add({"agent presence 99", Setup::kNone, kInvalid,
       "agent.presence: unknown presence value 99"},
      [&] {
        v1::Agent agent = Tester(v1::AVAILABLE);
        agent.set_presence(static_cast<v1::Presence>(99));
        return Register(agent);
      });
  add({"agent capacity channel 99", Setup::kNone, kInvalid,
       "agent.capacity[0].channel: unknown channel value 99"},
      [&] {
        v1::Agent agent = Tester(v1::AVAILABLE);
        agent.mutable_capacity(0)->set_channel(static_cast<v1::Channel>(99));
        return Register(agent);
      });
  add({"Complete outcome 99", Setup::kAccepted, kInvalid,
       "outcome: unknown outcome value 99"},
      [&] { return Complete(id, kAgent, 99); });
  add({"resolve outcome 99", Setup::kAccepted, kInvalid,
       "resolve.outcome: unknown outcome value 99"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_resolve()->set_outcome(static_cast<v1::Outcome>(99));
        return Report(r);
      });
  add({"unknown event kind", Setup::kAccepted, kInvalid,
       "event is not set (one of first_response, transfer, resolve"},
      [&] {
        // Field 42: an event kind a newer client might send.
        v1::ReportEventRequest r = Event(id);
        r.GetReflection()->MutableUnknownFields(&r)->AddLengthDelimited(42, "");
        return Report(r);
      });
  add({"GetStats channel 99", Setup::kNone, kInvalid,
       "channel: unknown channel value 99"},
      [&] {
        grpc::ClientContext context;
        SetDeadline(&context);
        v1::GetStatsRequest request;
        request.set_channel(static_cast<v1::Channel>(99));
        v1::Stats stats;
        return routing_->GetStats(&context, request, &stats);
      });
  add({"satisfaction 0", Setup::kResolved, kInvalid, "is 0; expected 1..10"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_satisfaction()->set_score(0);
        return Report(r);
      });
  // Unknown ids.
  add({"presence of an unknown agent", Setup::kNone, kNotFound,
       "unknown agent nobody"},
      [&] { return SetPresence("nobody", v1::AVAILABLE); });
  add({"offers of an unknown agent", Setup::kNone, kNotFound,
       "unknown agent nobody"},
      [&] { return OpenOffers("nobody"); });
  add({"accept of an unknown contact", Setup::kNone, kNotFound,
       "unknown contact ghost"},
      [&] { return Accept("ghost", kAgent); });
  add({"accept by an unknown agent", Setup::kOffered, kNotFound,
       "unknown agent nobody"},
      [&] { return Accept(id, "nobody"); });
  add({"complete of an unknown contact", Setup::kNone, kNotFound,
       "unknown contact ghost"},
      [&] { return Complete("ghost", kAgent); });
  add({"complete by an unknown agent", Setup::kAccepted, kNotFound,
       "unknown agent nobody"},
      [&] { return Complete(id, "nobody"); });
  add({"transfer to an unknown department", Setup::kWaiting, kNotFound,
       "unknown department nowhere"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_transfer()->set_to_department("nowhere");
        return Report(r);
      });
  add({"satisfaction for an unknown contact", Setup::kNone, kNotFound,
       "unknown contact ghost"},
      [&] {
        v1::ReportEventRequest r = Event("ghost");
        r.mutable_satisfaction()->set_score(9);
        return Report(r);
      });
  // Events out of order.
  add({"resolve before accept", Setup::kWaiting, kOrder,
       "is waiting, not accepted"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_resolve()->set_outcome(v1::OUTCOME_FAVOURABLE);
        return Report(r);
      });
  add({"first response on a waiting contact", Setup::kWaiting, kOrder,
       "is waiting, not accepted"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_first_response();
        return Report(r);
      });
  add({"accept of a contact never offered", Setup::kWaiting, kOrder,
       "is not offered to agent tester (it is waiting)"},
      [&] { return Accept(id, kAgent); });
  add({"reject of a contact never offered", Setup::kWaiting, kOrder,
       "is not offered to agent tester (it is waiting)"},
      [&] { return Reject(id, kAgent); });
  add({"complete of an offered contact", Setup::kOffered, kOrder,
       "is not in the hands of agent tester (it is offered, with agent "
       "tester)"},
      [&] { return Complete(id, kAgent); });
  add({"accept twice", Setup::kAccepted, kOrder,
       "is not offered to agent tester (it is accepted)"},
      [&] { return Accept(id, kAgent); });
  add({"abandon of an accepted contact", Setup::kAccepted, kOrder,
       "is accepted, not waiting or offered"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_abandon();
        return Report(r);
      });
  add({"resolve twice", Setup::kResolved, kOrder, "is resolved, not accepted"},
      [&] {
        v1::ReportEventRequest r = Event(id);
        r.mutable_resolve();
        return Report(r);
      });
  add({"complete after resolve", Setup::kResolved, kOrder,
       "is not in the hands of agent tester (it is resolved)"},
      [&] { return Complete(id, kAgent); });

  int n = 0;
  for (const auto& [row, call] : rows) {
    SCOPED_TRACE(row.name);
    id = absl::StrCat("letter-", ++n);
    if (row.setup != Setup::kNone) {
      // The letter waits (our agent is offline), is offered when it comes
      // online (it is the only agent, and the only letter), ...
      ASSERT_THAT(RouteOne(SampleContact(v1::CHANNEL_LETTER, id)), GrpcOk());
      if (row.setup != Setup::kWaiting) {
        ASSERT_THAT(SetPresence(kAgent, v1::AVAILABLE), GrpcOk());
        ASSERT_THAT(SetPresence(kAgent, v1::OFFLINE), GrpcOk());
      }
      if (row.setup == Setup::kAccepted || row.setup == Setup::kResolved) {
        ASSERT_THAT(Accept(id, kAgent), GrpcOk());
      }
      if (row.setup == Setup::kResolved) {
        ASSERT_THAT(Complete(id, kAgent), GrpcOk());
      }
    }
    EXPECT_THAT(call(), GrpcStatusIs(row.code, HasSubstr(row.message)));
    ExpectRoutes();
    // Clear the letter away (abandon it, or complete it when accepted), so
    // that the next row's letter is the only one.
    if (row.setup == Setup::kWaiting || row.setup == Setup::kOffered) {
      v1::ReportEventRequest r = Event(id);
      r.mutable_abandon();
      EXPECT_THAT(Report(r), GrpcOk());
    } else if (row.setup == Setup::kAccepted) {
      EXPECT_THAT(Complete(id, kAgent), GrpcOk());
    }
  }
  // Our agent is as registered, once, and still works.
  ASSERT_THAT(SetPresence(kAgent, v1::AVAILABLE), GrpcOk());
  ASSERT_THAT(RouteOne(SampleContact(v1::CHANNEL_LETTER, "last")), GrpcOk());
  EXPECT_THAT(Accept("last", kAgent), GrpcOk());
}

// Registering a known agent again updates it: no second agent.
TEST_F(BadInputE2eTest, ADuplicateAgentIsAnUpdateNotASecondAgent) {
  const int agents = Info().agents();
  bool created = false;
  ASSERT_THAT(Register(Tester(v1::OFFLINE), &created), GrpcOk());
  EXPECT_TRUE(created);
  EXPECT_EQ(Info().agents(), agents + 1);
  for (int i = 0; i < 3; ++i) {
    ASSERT_THAT(Register(Tester(v1::AVAILABLE), &created), GrpcOk());
    EXPECT_FALSE(created);
  }
  // A sample agent registered again, too.
  v1::Agent a01 = SampleConfigProto().agents(0);
  ASSERT_EQ(a01.id(), "a01");
  ASSERT_THAT(Register(a01, &created), GrpcOk());
  EXPECT_FALSE(created);
  EXPECT_EQ(Info().agents(), agents + 1);
  // Presence is kept on update: the tester is still offline, so a letter
  // waits.
  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.agents_available(), 0u);
  EXPECT_EQ(stats.agents_offline(), static_cast<uint64_t>(agents + 1));
  ExpectRoutes();
}

// ---------------------------------------------------------------------------
// Admin.Reload with a malformed or contradictory configuration file, or a
// corrupt model: refused, and the running generation keeps serving.

TEST_F(BadInputE2eTest, BadConfigurationFilesAreRefusedOnReload) {
  const v1::Info before = Info();
  struct ConfigRow {
    std::string name;
    std::string file;  // Its path.
    grpc::StatusCode code;
    std::string message;
  };
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  auto variant = [](absl::string_view name, absl::string_view from,
                    absl::string_view to) {
    return WriteSampleConfigVariant(name, {{from, to}});
  };
  const std::string triage_queue =
      "queues { id: \"triage\" department: \"triage\" strategy: ROUND_ROBIN }";
  const std::vector<ConfigRow> rows = {
      {"syntax error",
       variant("syntax.textproto", "offer_timeout { seconds: 20 }",
               "offer_timeout { seconds: : 20 }"),
       kInvalid, "syntax.textproto:"},
      {"unterminated message",
       variant("unterminated.textproto", triage_queue,
               "queues { id: \"triage\" department: \"triage\""),
       kInvalid, "unterminated.textproto:"},
      {"unknown field",
       variant("field.textproto", triage_queue,
               absl::StrCat(triage_queue, "\ncolour: \"red\"")),
       kInvalid, "colour"},
      {"unknown enum value",
       variant("enum.textproto", "strategy: ROUND_ROBIN",
               "strategy: ROUND_ABOUT"),
       kInvalid, "ROUND_ABOUT"},
      {"queue for an unknown department",
       variant("dept.textproto", triage_queue,
               absl::StrCat(triage_queue,
                            "\nqueues { id: \"x\" department: \"nowhere\" }")),
       kInvalid, "queue \"x\": unknown department \"nowhere\""},
      {"duplicate department",
       variant("dupdept.textproto", triage_queue,
               absl::StrCat(triage_queue,
                            "\ndepartments { id: \"waste\" name: \"Afval\" }")),
       kInvalid, "department \"waste\": declared twice"},
      {"duplicate queue",
       variant("dupqueue.textproto", triage_queue,
               absl::StrCat(triage_queue, "\n", triage_queue)),
       kInvalid, "queue \"triage\": declared twice"},
      {"duplicate agent",
       variant("dupagent.textproto", triage_queue,
               absl::StrCat(triage_queue, "\nagents { id: \"a03\" }")),
       kInvalid, "agent \"a03\": declared twice"},
      {"overflow cycle",
       variant("cycle.textproto",
               "queues { id: \"general-phone\" department: \"general\" "
               "channels: CHANNEL_PHONE strategy: LONGEST_IDLE }",
               "queues { id: \"general-phone\" department: \"general\" "
               "channels: CHANNEL_PHONE strategy: LONGEST_IDLE escalation { "
               "after { seconds: 600 } kind: OVERFLOW overflow_queue: "
               "\"taxes-phone\" } }"),
       kInvalid, "overflow steps form a cycle"},
      {"negative SLA",
       variant("sla.textproto", "target { seconds: 30 }",
               "target { seconds: -30 }"),
       kInvalid, "is negative (-30 s)"},
      {"threshold out of range",
       variant("threshold.textproto", "triage_below: 0.45", "triage_below: 45"),
       kInvalid, "thresholds: triage_below 45 outside [0, 1]"},
      // The text format takes any bytes in a string. A department id that
      // is not UTF-8 would be in every statistics answer (and decision for
      // it), which clients cannot parse.
      {"department id not UTF-8",
       variant("utf8.textproto", triage_queue,
               absl::StrCat(triage_queue,
                            "\ndepartments { id: \"d\xe9p\" }"
                            "\nqueues { id: \"dep\" department: \"d\xe9p\" }")),
       kInvalid, "department #10: id is not valid UTF-8 at byte 1"},
      {"empty file", WriteBytes("empty.textproto", ""), kInvalid,
       "thresholds: triage_queue is not set"},
      {"missing file", E2eTempPath("missing.textproto"),
       grpc::StatusCode::NOT_FOUND, "missing.textproto"},
  };
  for (const ConfigRow& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_THAT(Reload(row.file, ""),
                GrpcStatusIs(row.code, AllOf(HasSubstr(row.file),
                                             HasSubstr(row.message))));
    const v1::Info after = Info();
    EXPECT_EQ(after.generation(), before.generation());
    EXPECT_EQ(after.config_path(), before.config_path());
    EXPECT_EQ(after.departments(), before.departments());
    ExpectRoutes();
  }
}

TEST_F(BadInputE2eTest, CorruptModelFilesAreRefusedOnReload) {
  const v1::Info before = Info();
  const std::string good = ReadWholeFile(SWITCHBOARD_E2E_MODEL);
  const size_t n = good.size();
  ASSERT_GT(n, 100u);
  auto flipped = [&good](size_t at) {
    std::string bytes = good;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x5a);
    return bytes;
  };
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  const auto kDataLoss = grpc::StatusCode::DATA_LOSS;
  struct ModelRow {
    std::string name;
    std::string bytes;
    grpc::StatusCode code;
    std::string message;
  };
  const std::vector<ModelRow> rows = {
      {"empty file", "", kInvalid, "no SWBMODEL magic"},
      {"wrong magic", "NOTMODEL" + good.substr(8), kInvalid,
       "no SWBMODEL magic"},
      {"a configuration file", ReadWholeFile(SampleFile("config.textproto")),
       kInvalid, "no SWBMODEL magic"},
      {"truncated to 4 bytes", good.substr(0, 4), kInvalid,
       "no SWBMODEL magic"},
      {"truncated to 31 bytes", good.substr(0, 31), kDataLoss,
       "is truncated: 31 bytes, shorter than the 32-byte header"},
      {"header only", good.substr(0, 32), kDataLoss,
       "is truncated: payload has 0 of"},
      {"truncated in the middle", good.substr(0, n / 2), kDataLoss,
       "is truncated"},
      {"last byte missing", good.substr(0, n - 1), kDataLoss, "is truncated"},
      {"flipped header byte", flipped(12), kDataLoss,
       "header checksum mismatch"},
      {"flipped payload byte", flipped(n / 2), kDataLoss,
       "payload checksum mismatch"},
      {"flipped last byte", flipped(n - 1), kDataLoss,
       "payload checksum mismatch"},
  };
  for (const ModelRow& row : rows) {
    SCOPED_TRACE(row.name);
    const std::string path = WriteBytes("bad.model", row.bytes);
    EXPECT_THAT(
        Reload("", path),
        GrpcStatusIs(row.code, AllOf(HasSubstr(path), HasSubstr(row.message))));
    const v1::Info after = Info();
    EXPECT_EQ(after.generation(), before.generation());
    EXPECT_EQ(after.model_source(), before.model_source());
    EXPECT_EQ(after.model_labels_size(), before.model_labels_size());
    ExpectRoutes();
  }
  EXPECT_THAT(
      Reload("", E2eTempPath("missing.model")),
      GrpcStatusIs(grpc::StatusCode::NOT_FOUND, HasSubstr("missing.model")));
  // The good model still reloads.
  EXPECT_THAT(Reload("", SWITCHBOARD_E2E_MODEL), GrpcOk());
  EXPECT_EQ(Info().generation(), before.generation() + 1);
  ExpectRoutes();
}

}  // namespace
}  // namespace switchboard::e2e
