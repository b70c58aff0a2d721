// Copyright 2026 The Switchboard Authors.
//
// Bad input through the library, table-driven: malformed contacts (invalid
// UTF-8, empty text, huge bodies, unknown enum values, timestamps in the
// future or before 1970), unknown ids, events out of order, duplicate
// agents, malformed and contradictory configurations (in code and as
// files), and corrupt or truncated model files. Every row expects a status
// code and a message that names what was wrong; after every bad row the
// same engine still takes a good contact. (The same table over gRPC is
// tests/e2e/bad_input_e2e_test.cc.)

#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "convert/config_convert.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/model_file.h"
#include "switchboard/clock.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/engine.h"
#include "switchboard/events/event.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/stats/stats.h"
#include "switchboard/util/crc32.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::ReadFile;
using ::switchboard::test_util::SampleFile;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TempPath;
using ::switchboard::test_util::TestConfig;
using ::switchboard::test_util::WriteFile;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// One row of a table: what is wrong, the code it must give, and a piece of
// the message that names it.
template <typename Input>
struct Row {
  std::string name;
  Input spoil;
  absl::StatusCode code;
  std::string message;
};

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override { engine_ = NewEngine(TestConfig()); }

  std::unique_ptr<Engine> NewEngine(EngineConfig config) {
    EngineOptions options;
    options.config = std::move(config);
    options.clock = &clock_;
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(options));
    EXPECT_THAT(engine, IsOk());
    return engine.ok() ? *std::move(engine) : nullptr;
  }

  // A contact every row starts from: good as it is.
  Contact GoodContact(absl::string_view id) {
    Contact c = MakeContact(id, Channel::kEmail,
                            "Ik wil bezwaar maken tegen mijn aanslag.");
    c.subject = "Bezwaar";
    return c;
  }

  // The engine keeps serving: a good contact still goes through.
  void ExpectServing() {
    const std::string id = absl::StrCat("good-", ++good_);
    EXPECT_THAT(engine_->Submit(GoodContact(id)), IsOk()) << id;
    EXPECT_THAT(engine_->GetContact(id), IsOk());
  }

  uint64_t Received() const {
    return engine_->Stats({})
        .total.counters[static_cast<int>(Counter::kReceived)];
  }

  FakeClock clock_;
  std::unique_ptr<Engine> engine_;
  int good_ = 0;
};

// ---------------------------------------------------------------------------
// Contacts.

std::vector<Row<std::function<void(Contact&)>>> ContactRows(absl::Time now) {
  using C = Contact&;
  const absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
  return {
      // Invalid UTF-8, in each field that reaches the engine.
      {"body: lead byte without continuation",
       [](C c) { c.body = "abc\xc3\x28 def"; }, kInvalid,
       "contact bad: body is not valid UTF-8 at byte 3"},
      {"body: overlong encoding of '/'", [](C c) { c.body = "ab\xc0\xaf"; },
       kInvalid, "body is not valid UTF-8 at byte 2"},
      {"body: UTF-16 surrogate", [](C c) { c.body = "x\xed\xa0\x80y"; },
       kInvalid, "body is not valid UTF-8 at byte 1"},
      {"body: cut off inside a character",
       [](C c) { c.body = "euro \xe2\x82"; }, kInvalid,
       "body is not valid UTF-8 at byte 5"},
      {"subject", [](C c) { c.subject = "\xff"; }, kInvalid,
       "contact bad: subject is not valid UTF-8 at byte 0"},
      {"id", [](C c) { c.id = "bad-\xfe"; }, kInvalid,
       // The id is shown escaped, so the message itself stays UTF-8.
       "contact bad-\\xfe: id is not valid UTF-8 at byte 4"},
      {"attribute value", [](C c) { c.attributes["vip"] = "ja\xff"; }, kInvalid,
       "attribute \"vip\" is not valid UTF-8 at byte 2"},
      {"customer_ref", [](C c) { c.customer_ref = "\x80"; }, kInvalid,
       "customer_ref is not valid UTF-8 at byte 0"},
      // Empty text.
      {"empty id", [](C c) { c.id.clear(); }, kInvalid, "contact id is empty"},
      {"empty subject and body",
       [](C c) {
         c.subject.clear();
         c.body.clear();
       },
       kInvalid, "contact bad: no text to classify after normalizing (email)"},
      {"only white space",
       [](C c) {
         c.subject = " \t";
         c.body = "\n\n  \r\n";
       },
       kInvalid, "no text to classify"},
      {"only a quoted reply and a device signature",
       [](C c) {
         c.subject.clear();
         c.body = "> wat u eerder schreef\n>\nVerzonden vanaf mijn iPhone";
       },
       kInvalid, "no text to classify"},
      // Huge fields: refused whole (never truncated), naming the limit.
      {"10 MB body", [](C c) { c.body.assign(10 << 20, 'a'); }, kInvalid,
       "contact bad: body is 10485760 bytes, over the limit of 262144"},
      {"body one byte over the limit",
       [](C c) { c.body.assign(256 * 1024 + 1, 'a'); }, kInvalid,
       "body is 262145 bytes, over the limit of 262144"},
      {"5000-byte subject", [](C c) { c.subject.assign(5000, 's'); }, kInvalid,
       "subject is 5000 bytes, over the limit of 4096"},
      {"2000-byte id", [](C c) { c.id.assign(2000, 'i'); }, kInvalid,
       "id is 2000 bytes, over the limit of 1024"},
      // Unknown enum values (a number cast to the enum).
      {"channel 99", [](C c) { c.channel = static_cast<Channel>(99); },
       kInvalid, "contact bad: unknown channel value 99"},
      {"channel unspecified", [](C c) { c.channel = Channel::kUnspecified; },
       kInvalid, "contact bad: unknown channel"},
      {"preferred reply channel 42",
       [](C c) { c.preferred_reply_channel = static_cast<Channel>(42); },
       kInvalid, "preferred_reply_channel: unknown channel value 42"},
      // Timestamps.
      {"received an hour from now",
       [now](C c) { c.received_at = now + absl::Hours(1); }, kInvalid,
       "received_at 2026-01-01T01:00:00+00:00 is 1h after now "
       "(2026-01-01T00:00:00+00:00); at most 5m is allowed"},
      {"received just over the allowed skew",
       [now](C c) {
         c.received_at = now + absl::Minutes(5) + absl::Seconds(1);
       },
       kInvalid, "is 5m1s after now"},
      {"received at the end of time",
       [](C c) { c.received_at = absl::InfiniteFuture(); }, kInvalid,
       "received_at infinite-future"},
      {"received in 1969",
       [](C c) { c.received_at = absl::UnixEpoch() - absl::Seconds(100); },
       kInvalid,
       "contact bad: received_at 1969-12-31T23:58:20+00:00 is before "
       "1970-01-01"},
      {"received in year 1",
       [](C c) { c.received_at = absl::FromUnixSeconds(-62135596800); },
       kInvalid, "is before 1970-01-01"},
  };
}

TEST_F(BadInputTest, ContactsAreRefusedNamingTheFieldAndTheEngineGoesOn) {
  // The fake clock's start, which the messages above show.
  ASSERT_EQ(clock_.Now(), absl::FromUnixSeconds(1'767'225'600));
  for (const auto& row : ContactRows(clock_.Now())) {
    SCOPED_TRACE(row.name);
    Contact c = GoodContact("bad");
    row.spoil(c);
    EXPECT_THAT(engine_->Submit(c), StatusIs(row.code, HasSubstr(row.message)));
    EXPECT_THAT(engine_->Preview(c),
                StatusIs(row.code, HasSubstr(row.message)));
    // Nothing was taken.
    EXPECT_THAT(engine_->GetContact(c.id),
                StatusIs(absl::StatusCode::kNotFound, HasSubstr("unknown")));
    ExpectServing();
  }
  EXPECT_EQ(Received(), static_cast<uint64_t>(good_));
}

// SubmitClassified skips normalization (the caller did it), but the id,
// channel and timestamps are checked there too.
TEST_F(BadInputTest, SubmitClassifiedChecksIdChannelAndTime) {
  const absl::Time now = clock_.Now();
  const std::vector<Row<std::function<void(Contact&)>>> rows = {
      {"id not UTF-8", [](Contact& c) { c.id = "\xc3"; },
       absl::StatusCode::kInvalidArgument, "id is not valid UTF-8 at byte 0"},
      {"empty id", [](Contact& c) { c.id.clear(); },
       absl::StatusCode::kInvalidArgument, "contact id is empty"},
      {"channel 99", [](Contact& c) { c.channel = static_cast<Channel>(99); },
       absl::StatusCode::kInvalidArgument, "unknown channel value 99"},
      {"future",
       [now](Contact& c) { c.received_at = now + absl::Hours(24 * 365); },
       absl::StatusCode::kInvalidArgument, "is 8760h after now"},
      {"1969",
       [](Contact& c) {
         c.received_at = absl::UnixEpoch() - absl::Nanoseconds(1);
       },
       absl::StatusCode::kInvalidArgument, "is before 1970-01-01"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    Contact c = GoodContact("bad");
    row.spoil(c);
    EXPECT_THAT(engine_->SubmitClassified(c, NormalizedOf(c), nullptr),
                StatusIs(row.code, HasSubstr(row.message)));
    ExpectServing();
  }
}

// What the checks let through: the edges of the allowed ranges.
TEST_F(BadInputTest, TheEdgesOfTheLimitsAreAccepted) {
  const absl::Time now = clock_.Now();
  std::vector<Contact> good;
  good.push_back(GoodContact("skew-edge"));
  good.back().received_at = now + kMaxReceivedAtSkew;
  good.push_back(GoodContact("epoch"));
  good.back().received_at = absl::UnixEpoch();
  good.push_back(GoodContact(std::string(kMaxContactIdBytes, 'x')));
  good.push_back(GoodContact("body-at-limit"));
  good.back().body.assign(NormalizeOptions().max_body_bytes, 'a');
  good.push_back(GoodContact("unicode-\xc3\xa9\xe2\x82\xac"));  // é€
  for (const Contact& c : good) {
    SCOPED_TRACE(c.id.substr(0, 20));
    EXPECT_THAT(engine_->Submit(c), IsOk());
  }
}

// ---------------------------------------------------------------------------
// Unknown enum values and ids, events out of order.

// Which state a row's contact is put in before the bad call.
enum class Setup { kNone, kWaiting, kOffered, kAccepted, kResolved };

struct EventRow {
  std::string name;
  Setup setup;
  // The bad call, on the contact `id`.
  std::function<absl::Status(Engine&, const std::string& id)> call;
  absl::StatusCode code;
  std::string message;
};

std::vector<EventRow> EventRows() {
  using E = Engine&;
  using Id = const std::string&;
  const auto kInvalid = absl::StatusCode::kInvalidArgument;
  const auto kNotFound = absl::StatusCode::kNotFound;
  const auto kOrder = absl::StatusCode::kFailedPrecondition;
  return {
      // Unknown enum values.
      {"presence 7", Setup::kNone,
       [](E e, Id) { return e.SetPresence("anna", static_cast<Presence>(7)); },
       kInvalid, "agent \"anna\": unknown presence 7"},
      {"outcome 9", Setup::kAccepted,
       [](E e, Id id) { return e.Resolve(id, static_cast<Outcome>(9)); },
       kInvalid, ": unknown outcome value 9"},
      {"agent registered with presence 5", Setup::kNone,
       [](E e, Id) {
         AgentConfig a;
         a.id = "eve";
         a.presence = static_cast<Presence>(5);
         return e.RegisterAgent(a).status();
       },
       kInvalid, "agent eve: unknown presence 5"},
      {"agent capacity for channel 77", Setup::kNone,
       [](E e, Id) {
         AgentConfig a;
         a.id = "eve";
         a.capacity = {{static_cast<Channel>(77), 1}};
         return e.RegisterAgent(a).status();
       },
       kInvalid, "agent eve: capacity: unknown channel 77"},
      {"agent id not UTF-8", Setup::kNone,
       [](E e, Id) {
         AgentConfig a;
         a.id = "ev\xe9";  // Latin-1, not UTF-8.
         return e.RegisterAgent(a).status();
       },
       kInvalid, "agent.id is not valid UTF-8 at byte 2"},
      {"satisfaction 0", Setup::kResolved,
       [](E e, Id id) { return e.RecordSatisfaction(id, 0); }, kInvalid,
       "is 0; expected 1..10"},
      {"satisfaction 11", Setup::kResolved,
       [](E e, Id id) { return e.RecordSatisfaction(id, 11); }, kInvalid,
       "is 11; expected 1..10"},
      // Unknown ids.
      {"presence of an unknown agent", Setup::kNone,
       [](E e, Id) { return e.SetPresence("nobody", Presence::kAvailable); },
       kNotFound, "unknown agent nobody"},
      {"accept by an unknown agent", Setup::kWaiting,
       [](E e, Id id) { return e.Accept(id, "nobody"); }, kNotFound,
       "unknown agent nobody"},
      {"accept of an unknown contact", Setup::kNone,
       [](E e, Id) { return e.Accept("ghost", "anna"); }, kNotFound,
       "unknown contact ghost"},
      {"transfer to an unknown department", Setup::kWaiting,
       [](E e, Id id) { return e.Transfer(id, "nowhere", "test"); }, kNotFound,
       "unknown department nowhere"},
      {"first response for an unknown contact", Setup::kNone,
       [](E e, Id) { return e.FirstResponse("ghost"); }, kNotFound,
       "unknown contact ghost"},
      {"satisfaction for an unknown contact", Setup::kNone,
       [](E e, Id) { return e.RecordSatisfaction("ghost", 8); }, kNotFound,
       "unknown contact ghost"},
      {"abandon of an unknown contact", Setup::kNone,
       [](E e, Id) { return e.Abandon("ghost"); }, kNotFound,
       "unknown contact ghost"},
      {"offers of an unknown agent", Setup::kNone,
       [](E e, Id) { return e.OffersFor("nobody").status(); }, kNotFound,
       "unknown agent nobody"},
      // Events out of order.
      {"resolve before accept", Setup::kWaiting,
       [](E e, Id id) { return e.Resolve(id, Outcome::kFavourable); }, kOrder,
       "is waiting, not accepted"},
      {"resolve of an offered contact", Setup::kOffered,
       [](E e, Id id) { return e.Resolve(id, Outcome::kNeutral); }, kOrder,
       "is offered, not accepted"},
      {"first response on a waiting contact", Setup::kWaiting,
       [](E e, Id id) { return e.FirstResponse(id); }, kOrder,
       "is waiting, not accepted"},
      {"accept of a contact never offered", Setup::kWaiting,
       [](E e, Id id) { return e.Accept(id, "anna"); }, kOrder,
       "is not offered to agent anna (it is waiting)"},
      {"reject of a contact never offered", Setup::kWaiting,
       [](E e, Id id) { return e.Reject(id, "anna"); }, kOrder,
       "is not offered to agent anna (it is waiting)"},
      {"accept by another agent than the one offered", Setup::kOffered,
       [](E e, Id id) { return e.Accept(id, "bram"); }, kOrder,
       "is not offered to agent bram (it is offered)"},
      {"accept twice", Setup::kAccepted,
       [](E e, Id id) { return e.Accept(id, "anna"); }, kOrder,
       "is not offered to agent anna (it is accepted)"},
      {"resolve twice", Setup::kResolved,
       [](E e, Id id) { return e.Resolve(id, Outcome::kNeutral); }, kOrder,
       "is resolved, not accepted"},
      {"abandon after resolve", Setup::kResolved,
       [](E e, Id id) { return e.Abandon(id); }, kOrder,
       "is resolved, not waiting or offered"},
      {"abandon of an accepted contact", Setup::kAccepted,
       [](E e, Id id) { return e.Abandon(id); }, kOrder,
       "is accepted, not waiting or offered"},
      {"transfer after resolve", Setup::kResolved,
       [](E e, Id id) { return e.Transfer(id, "parking", "late"); }, kOrder,
       "is resolved, not waiting, offered or accepted"},
      {"second first response", Setup::kAccepted,
       [](E e, Id id) {
         absl::Status first = e.FirstResponse(id);
         if (!first.ok()) return first;
         return e.FirstResponse(id);
       },
       kOrder, "already has its first response recorded"},
  };
}

TEST_F(BadInputTest, UnknownValuesIdsAndEventsOutOfOrderAreRefused) {
  int n = 0;
  for (const EventRow& row : EventRows()) {
    SCOPED_TRACE(row.name);
    const std::string id = absl::StrCat("ev-", ++n);
    // A fresh engine per row, so that the row's contact is the only one
    // waiting. Without a classifier it goes to triage, which needs no
    // skills; every agent is offline, so it waits until anna comes online.
    engine_ = NewEngine(TestConfig());
    ASSERT_NE(engine_, nullptr);
    if (row.setup != Setup::kNone) {
      ASSERT_THAT(engine_->Submit(GoodContact(id)), IsOk());
      if (row.setup != Setup::kWaiting) {
        ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
        absl::StatusOr<ContactView> v = engine_->GetContact(id);
        ASSERT_THAT(v, IsOk());
        ASSERT_EQ(v->state, ContactState::kOffered);
        ASSERT_EQ(v->agent_id, "anna");
        ASSERT_THAT(engine_->SetPresence("anna", Presence::kOffline), IsOk());
      }
      if (row.setup == Setup::kAccepted || row.setup == Setup::kResolved) {
        ASSERT_THAT(engine_->Accept(id, "anna"), IsOk());
      }
      if (row.setup == Setup::kResolved) {
        ASSERT_THAT(engine_->Resolve(id, Outcome::kNeutral), IsOk());
      }
    }
    absl::StatusOr<ContactView> before = engine_->GetContact(id);
    EXPECT_THAT(row.call(*engine_, id),
                StatusIs(row.code, HasSubstr(row.message)));
    // A refused event changes nothing about the contact.
    absl::StatusOr<ContactView> after = engine_->GetContact(id);
    ASSERT_EQ(before.ok(), after.ok());
    if (before.ok() && row.name != "second first response") {
      EXPECT_EQ(before->state, after->state);
      EXPECT_EQ(before->agent_id, after->agent_id);
      EXPECT_EQ(before->queue, after->queue);
    }
    // Statistics (which count agents by presence) still work.
    EXPECT_EQ(engine_->Stats({}).agents_offline +
                  engine_->Stats({}).agents_available +
                  engine_->Stats({}).agents_away,
              engine_->Info().agents);
    ExpectServing();
  }
}

// ---------------------------------------------------------------------------
// Duplicate agents.

TEST_F(BadInputTest, DuplicateAgentIdsInAConfigurationAreRefused) {
  EngineConfig config = TestConfig();
  config.agents.push_back(config.agents[0]);  // anna again, as #5.
  EngineOptions options;
  options.config = config;
  options.clock = &clock_;
  EXPECT_THAT(
      Engine::Create(std::move(options)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("agent \"anna\": declared twice (#1 and #5)")));
  EXPECT_THAT(engine_->Reload({.config = config}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("agent \"anna\": declared twice")));
  EXPECT_EQ(engine_->Info().generation, 1u);
  ExpectServing();
}

TEST_F(BadInputTest, RegisteringAKnownAgentAgainUpdatesItAndAddsNoOther) {
  const size_t agents = engine_->Info().agents;
  AgentConfig anna = TestConfig().agents[0];
  anna.name = "Anna de Vries-Bakker";
  anna.presence = Presence::kAvailable;  // Ignored on update: presence stays.
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<bool> created = engine_->RegisterAgent(anna);
    ASSERT_THAT(created, IsOk());
    EXPECT_FALSE(*created);
  }
  EXPECT_EQ(engine_->Info().agents, agents);
  EXPECT_EQ(engine_->Stats({}).agents_offline, agents);
  // One agent anna: one offer for one contact, not two.
  ASSERT_THAT(engine_->Submit(GoodContact("one")), IsOk());
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAvailable), IsOk());
  absl::StatusOr<std::vector<ContactView>> offers = engine_->OffersFor("anna");
  ASSERT_THAT(offers, IsOk());
  EXPECT_EQ(offers->size(), 1u);
  ExpectServing();
}

// ---------------------------------------------------------------------------
// Contradictory configurations, in code: refused by Engine::Create, and by
// Reload with the running configuration kept.

std::vector<Row<std::function<void(EngineConfig&)>>> ConfigRows() {
  using C = EngineConfig&;
  const auto kInvalid = absl::StatusCode::kInvalidArgument;
  auto queue = [](C c, absl::string_view id) -> QueueConfig& {
    for (QueueConfig& q : c.queues) {
      if (q.id == id) return q;
    }
    ADD_FAILURE() << "no queue " << id;
    return c.queues[0];
  };
  return {
      {"queue for an unknown department",
       [](C c) { c.queues.push_back({.id = "x", .department = "nowhere"}); },
       kInvalid, "queue \"x\": unknown department \"nowhere\""},
      {"duplicate department id",
       [](C c) { c.departments.push_back({.id = "waste"}); }, kInvalid,
       "department \"waste\": declared twice (#3 and #6)"},
      {"duplicate queue id",
       [](C c) { c.queues.push_back({.id = "waste", .department = "waste"}); },
       kInvalid, "queue \"waste\": declared twice"},
      {"duplicate skill", [](C c) { c.skills.push_back("taxes"); }, kInvalid,
       "skill \"taxes\": declared twice"},
      {"department id not UTF-8",
       [](C c) { c.departments.push_back({.id = "afv\xe4l"}); }, kInvalid,
       "department #6: id is not valid UTF-8 at byte 3"},
      {"empty queue id", [](C c) { c.queues[2].id.clear(); }, kInvalid,
       "queue #3: empty id"},
      {"overflow cycle",
       [queue](C c) {
         queue(c, "triage")
             .escalation.push_back({.after = absl::Minutes(20),
                                    .kind = EscalationKind::kOverflow,
                                    .overflow_queue = "taxes-phone"});
       },
       kInvalid,
       "overflow steps form a cycle: taxes-phone -> triage -> "
       "taxes-phone"},
      {"overflow to an unknown queue",
       [queue](C c) {
         queue(c, "waste")
             .escalation.push_back({.after = absl::Minutes(1),
                                    .kind = EscalationKind::kOverflow,
                                    .overflow_queue = "void"});
       },
       kInvalid, "queue \"waste\""},
      {"negative SLA target",
       [](C c) { c.sla.by_channel[Channel::kPhone] = absl::Seconds(-30); },
       kInvalid, "sla: target -30s for channel phone must be positive"},
      {"negative queue SLA",
       [queue](C c) { queue(c, "waste").sla_target = -absl::Hours(1); },
       kInvalid, "queue \"waste\": SLA target -1h must be positive"},
      {"triage threshold above 1",
       [](C c) { c.thresholds.triage_below = 1.5f; }, kInvalid,
       "thresholds: triage_below 1.5 outside [0, 1]"},
      {"triage threshold NaN",
       [](C c) { c.thresholds.triage_below = std::nanf(""); }, kInvalid,
       "thresholds: triage_below nan outside [0, 1]"},
      {"negative aging", [](C c) { c.thresholds.aging_per_minute = -1; },
       kInvalid, "aging_per_minute -1 must be finite and not negative"},
      {"unknown triage queue", [](C c) { c.thresholds.triage_queue = "limbo"; },
       kInvalid, "thresholds: unknown triage_queue \"limbo\""},
      {"rule confidence out of range",
       [](C c) { c.rules[0].when.min_confidence = 2.0f; }, kInvalid,
       "rule \"manual-triage\": min_confidence 2 outside [0, 1]"},
      {"rule with a bad pattern",
       [](C c) { c.rules[0].when.text_pattern = "(unclosed"; }, kInvalid,
       "manual-triage"},
      {"queue max_length 0", [queue](C c) { queue(c, "waste").max_length = 0; },
       kInvalid, "queue \"waste\": max_length 0 must be at least 1"},
      {"queue strategy 9",
       [queue](C c) {
         queue(c, "waste").strategy = static_cast<AssignmentStrategy>(9);
       },
       kInvalid, "queue \"waste\": unknown strategy 9"},
      {"queue channel 99",
       [queue](C c) {
         queue(c, "taxes-phone").channels.push_back(static_cast<Channel>(99));
       },
       kInvalid, "queue \"taxes-phone\": invalid channel #99"},
      {"agent skill level 11", [](C c) { c.agents[0].skills[0].level = 11; },
       kInvalid, "agent \"anna\": skill \"dutch\" has level 11, outside 1..10"},
      {"agent of an unknown skill",
       [](C c) {
         c.agents[1].skills.push_back({"juggling", 3});
       },
       kInvalid, "agent \"bram\": unknown skill \"juggling\""},
      {"agent presence 3",
       [](C c) { c.agents[2].presence = static_cast<Presence>(3); }, kInvalid,
       "agent \"chris\": unknown presence 3"},
      {"zero offer timeout",
       [](C c) { c.offer_timeout = absl::ZeroDuration(); }, kInvalid,
       "offer_timeout 0 must be positive"},
      {"label in two departments",
       [](C c) { c.departments[1].labels.push_back("taxes"); }, kInvalid,
       "label \"taxes\" already belongs to department \"taxes\""},
      {"unknown default department",
       [](C c) { c.default_department = "elsewhere"; }, kInvalid,
       "default_department: unknown department \"elsewhere\""},
  };
}

TEST_F(BadInputTest, ContradictoryConfigurationsAreRefusedAndTheOldOneStays) {
  for (const auto& row : ConfigRows()) {
    SCOPED_TRACE(row.name);
    EngineConfig config = TestConfig();
    row.spoil(config);
    EXPECT_THAT(ValidateConfig(config),
                StatusIs(row.code, HasSubstr(row.message)));
    EngineOptions options;
    options.config = config;
    options.clock = &clock_;
    EXPECT_THAT(Engine::Create(std::move(options)),
                StatusIs(row.code, HasSubstr(row.message)));
    EXPECT_THAT(engine_->Reload({.config = config}),
                StatusIs(row.code, HasSubstr(row.message)));
    EXPECT_EQ(engine_->Info().generation, 1u);
    EXPECT_EQ(engine_->Info().departments, TestConfig().departments.size());
    ExpectServing();
  }
}

// ---------------------------------------------------------------------------
// Malformed configuration files (the text format of config.proto), through
// ParseConfig and LoadConfigFile.

std::vector<Row<std::function<std::string(std::string)>>> ConfigFileRows() {
  using S = std::string;
  const auto kInvalid = absl::StatusCode::kInvalidArgument;
  auto replace = [](S text, absl::string_view from, absl::string_view to) {
    EXPECT_NE(text.find(std::string(from)), S::npos) << from;
    return absl::StrReplaceAll(text, {{from, to}});
  };
  return {
      {"empty file", [](S) { return S(); }, kInvalid,
       "thresholds: triage_queue is not set"},
      {"unterminated message", [](S t) { return t + "\nqueues { id: \"x\""; },
       kInvalid, "cfg.textproto:"},
      {"syntax error",
       [replace](S t) {
         return replace(t, "offer_timeout { seconds: 20 }",
                        "offer_timeout { seconds: : 20 }");
       },
       kInvalid, "cfg.textproto:"},
      {"unknown field", [](S t) { return t + "\ncolour: \"red\"\n"; }, kInvalid,
       "colour"},
      {"unknown enum value",
       [replace](S t) {
         return replace(t, "strategy: ROUND_ROBIN", "strategy: ROUND_ABOUT");
       },
       kInvalid, "ROUND_ABOUT"},
      {"unknown channel name",
       [replace](S t) {
         return replace(t, "channels: CHANNEL_PHONE strategy: LONGEST_IDLE",
                        "channels: CHANNEL_PIGEON strategy: LONGEST_IDLE");
       },
       kInvalid, "CHANNEL_PIGEON"},
      {"binary garbage", [](S) { return S("\x00\x01\xff\xfe SWBMODEL", 13); },
       kInvalid, "cfg.textproto:"},
      {"queue for an unknown department",
       [](S t) {
         return t + "\nqueues { id: \"x\" department: \"nowhere\" }\n";
       },
       kInvalid, "cfg.textproto: queue \"x\": unknown department \"nowhere\""},
      {"duplicate department",
       [](S t) { return t + "\ndepartments { id: \"waste\" }\n"; }, kInvalid,
       "department \"waste\": declared twice"},
      {"duplicate agent", [](S t) { return t + "\nagents { id: \"a03\" }\n"; },
       kInvalid, "agent \"a03\": declared twice (#3 and #11)"},
      {"overflow cycle",
       [replace](S t) {
         return replace(
             t,
             "queues { id: \"general-phone\" department: \"general\" "
             "channels: CHANNEL_PHONE strategy: LONGEST_IDLE }",
             "queues { id: \"general-phone\" department: \"general\" "
             "channels: CHANNEL_PHONE strategy: LONGEST_IDLE escalation { "
             "after { seconds: 600 } kind: OVERFLOW overflow_queue: "
             "\"taxes-phone\" } }");
       },
       kInvalid, "overflow steps form a cycle"},
      {"negative SLA",
       [replace](S t) {
         return replace(t, "target { seconds: 30 }", "target { seconds: -30 }");
       },
       kInvalid, "negative"},
      {"threshold out of range",
       [replace](S t) {
         return replace(t, "triage_below: 0.45", "triage_below: 45");
       },
       kInvalid, "triage_below 45 outside [0, 1]"},
      {"department id not UTF-8",
       [](S t) { return t + "\ndepartments { id: \"d\xe9p\" }\n"; }, kInvalid,
       "cfg.textproto"},
  };
}

TEST_F(BadInputTest, MalformedConfigurationFilesAreRefusedNamingTheFile) {
  const std::string sample = ReadFile(SampleFile("config.textproto"));
  ASSERT_THAT(ParseConfig(sample, false, "cfg.textproto"), IsOk());
  for (const auto& row : ConfigFileRows()) {
    SCOPED_TRACE(row.name);
    const std::string text = row.spoil(sample);
    EXPECT_THAT(ParseConfig(text, false, "cfg.textproto"),
                StatusIs(row.code, HasSubstr(row.message)));
    const std::string path = TempPath("cfg.textproto");
    WriteFile(path, text);
    absl::StatusOr<EngineConfig> loaded = LoadConfigFile(path);
    EXPECT_THAT(loaded, StatusIs(row.code, HasSubstr(path)));
    ExpectServing();
  }
  EXPECT_THAT(LoadConfigFile(TempPath("missing.textproto")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing")));
  // JSON too.
  EXPECT_THAT(
      ParseConfig("{\"skills\": [\"a\"", true, "cfg.json"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cfg.json")));
  EXPECT_THAT(
      ParseConfig("{\"colour\": 1}", true, "cfg.json"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("colour")));
}

// ---------------------------------------------------------------------------
// Corrupt and truncated model files.

class BadModelTest : public BadInputTest {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Classifier>> model =
        Classifier::Train(test_util::TinyExamples(), ClassifierOptions());
    ASSERT_THAT(model, IsOk());
    model_ = (*model)->Serialize();
    ASSERT_GT(model_.size(), 200u);
    EngineOptions options;
    options.config = TestConfig();
    options.classifier = std::shared_ptr<const Classifier>(*std::move(model));
    options.clock = &clock_;
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(options));
    ASSERT_THAT(engine, IsOk());
    engine_ = *std::move(engine);
  }

  std::string Flipped(size_t at) const {
    std::string bytes = model_;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x5a);
    return bytes;
  }

  // A model file of format version 7, checksums right.
  std::string OtherVersion() const {
    std::string bytes = model_;
    bytes[8] = 7;  // The u32 version, little-endian.
    const uint32_t crc = Crc32c(absl::string_view(bytes).substr(0, 28));
    for (int i = 0; i < 4; ++i)
      bytes[28 + i] = static_cast<char>(crc >> (8 * i));
    return bytes;
  }

  std::string model_;  // A good model file's bytes.
};

TEST_F(BadModelTest, CorruptAndTruncatedModelsAreRefusedNamingTheFile) {
  const std::string& good = model_;
  const size_t n = good.size();
  const auto kInvalid = absl::StatusCode::kInvalidArgument;
  const auto kDataLoss = absl::StatusCode::kDataLoss;
  const std::vector<Row<std::string>> rows = {
      {"empty file", "", kInvalid,
       "is not a Switchboard model file (no SWBMODEL magic at the start)"},
      {"wrong magic", "SWBMODEX" + good.substr(8), kInvalid,
       "no SWBMODEL magic"},
      {"a text file", "skills: \"dutch\"\n", kInvalid, "no SWBMODEL magic"},
      {"truncated to 4 bytes", good.substr(0, 4), kInvalid,
       "no SWBMODEL magic"},
      {"truncated to 8 bytes", good.substr(0, 8), kDataLoss,
       "is truncated: 8 bytes, shorter than the 32-byte header"},
      {"truncated to 31 bytes", good.substr(0, 31), kDataLoss,
       "is truncated: 31 bytes, shorter than the 32-byte header"},
      {"header only", good.substr(0, 32), kDataLoss,
       absl::StrCat("is truncated: payload has 0 of ", n - 32, " bytes")},
      {"truncated in the middle", good.substr(0, n / 2), kDataLoss,
       absl::StrCat("is truncated: payload has ", n / 2 - 32, " of ")},
      {"last byte missing", good.substr(0, n - 1), kDataLoss, "is truncated"},
      {"a byte too many", good + "x", kDataLoss,
       "1 unexpected bytes after the payload"},
      {"flipped byte in the magic", Flipped(3), kInvalid, "no SWBMODEL magic"},
      {"flipped byte in the header", Flipped(12), kDataLoss,
       "header checksum mismatch"},
      {"other format version", OtherVersion(),
       absl::StatusCode::kFailedPrecondition,
       "has format version 7; this build reads version 1"},
      {"flipped first payload byte", Flipped(32), kDataLoss,
       "payload checksum mismatch"},
      {"flipped byte in the middle", Flipped(n / 2), kDataLoss,
       "payload checksum mismatch"},
      {"flipped last byte", Flipped(n - 1), kDataLoss,
       "payload checksum mismatch"},
  };
  const std::vector<std::string> labels = engine_->Info().model_labels;
  ASSERT_EQ(labels.size(), 3u);
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_THAT(Classifier::FromBytes(row.spoil, "m.model"),
                StatusIs(row.code,
                         AllOf(HasSubstr("m.model"), HasSubstr(row.message))));
    const std::string path = TempPath("bad.model");
    WriteFile(path, row.spoil);
    EXPECT_THAT(
        Classifier::Load(path),
        StatusIs(row.code, AllOf(HasSubstr(path), HasSubstr(row.message))));
    // The engine goes on with the model it has.
    EXPECT_EQ(engine_->Info().model_labels, labels);
    ExpectServing();
  }
  // Every truncation, not only the ones above, is refused cleanly.
  for (size_t len = 0; len < n; len += (len < 64 ? 1 : 97)) {
    EXPECT_THAT(Classifier::FromBytes(good.substr(0, len), "m.model"),
                Not(IsOk()))
        << len;
  }
  ASSERT_THAT(Classifier::FromBytes(good, "m.model"), IsOk());
}

}  // namespace
}  // namespace switchboard
