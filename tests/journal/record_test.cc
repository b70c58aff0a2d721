// Copyright 2026 The Switchboard Authors.
//
// Journal records: every type encodes and decodes to the same fields, and a
// damaged payload is an error, never a wrong record.

#include "switchboard/journal/record.h"

#include <string>

#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard::journal {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::testing::HasSubstr;

const absl::Time kAt = absl::FromUnixMillis(1'767'225'600'123);

Decision SampleDecision() {
  Decision d;
  d.contact_id = "c-1";
  d.action = DecisionAction::kTriage;
  d.department = "taxes";
  d.queue = "taxes-written";
  d.priority = -3;
  d.required_skills = {{"taxes", 2}, {"dutch", 5}};
  d.label = "taxes";
  d.confidence = 0.8125f;
  d.alternatives = {{"taxes", 0.8125f}, {"parking", 0.125f}};
  d.sla_deadline = absl::InfiniteFuture();
  d.reason = "model: taxes 0.81";
  d.rule = "vip";
  return d;
}

TEST(RecordTest, SubmitRoundTrips) {
  std::string payload;
  EncodeSubmit(kAt, "c-1", Channel::kLetter, "Geachte heer, mijn aanslag",
               42, kAt - absl::Seconds(3), SampleDecision(), &payload);
  absl::StatusOr<Record> r =
      DecodeRecord(static_cast<uint8_t>(RecordType::kSubmit), payload);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_EQ(r->type, RecordType::kSubmit);
  EXPECT_EQ(r->at, kAt);
  EXPECT_EQ(r->contact_id, "c-1");
  EXPECT_EQ(r->channel, Channel::kLetter);
  EXPECT_EQ(r->text, "Geachte heer, mijn aanslag");
  EXPECT_EQ(r->customer_key, 42u);
  EXPECT_EQ(r->received, kAt - absl::Seconds(3));
  const Decision want = SampleDecision();
  const Decision& got = r->decision;
  EXPECT_EQ(got.contact_id, "c-1");
  EXPECT_EQ(got.action, want.action);
  EXPECT_EQ(got.department, want.department);
  EXPECT_EQ(got.queue, want.queue);
  EXPECT_EQ(got.priority, want.priority);
  ASSERT_EQ(got.required_skills.size(), 2u);
  EXPECT_EQ(got.required_skills[1].skill, "dutch");
  EXPECT_EQ(got.required_skills[1].level, 5);
  EXPECT_EQ(got.label, want.label);
  EXPECT_EQ(got.confidence, want.confidence);
  ASSERT_EQ(got.alternatives.size(), 2u);
  EXPECT_EQ(got.alternatives[1].label, "parking");
  EXPECT_EQ(got.alternatives[1].probability, 0.125f);
  EXPECT_EQ(got.sla_deadline, absl::InfiniteFuture());
  EXPECT_EQ(got.reason, want.reason);
  EXPECT_EQ(got.rule, want.rule);
}

TEST(RecordTest, RegisterAgentRoundTrips) {
  AgentConfig a;
  a.id = "a-7";
  a.name = "Fatima El Amrani";
  a.skills = {{"taxes", 3}};
  a.capacity = {{Channel::kChat, 2}, {Channel::kEmail, 0}};
  a.presence = Presence::kAway;
  std::string payload;
  EncodeRegisterAgent(kAt, a, &payload);
  absl::StatusOr<Record> r =
      DecodeRecord(static_cast<uint8_t>(RecordType::kRegisterAgent), payload);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_EQ(r->agent_id, "a-7");
  EXPECT_EQ(r->agent.name, "Fatima El Amrani");
  ASSERT_EQ(r->agent.skills.size(), 1u);
  EXPECT_EQ(r->agent.skills[0].level, 3);
  EXPECT_EQ(r->agent.capacity, a.capacity);
  EXPECT_EQ(r->agent.presence, Presence::kAway);
}

TEST(RecordTest, StepsRoundTrip) {
  for (RecordType t :
       {RecordType::kPresence, RecordType::kAccept, RecordType::kReject,
        RecordType::kFirstResponse, RecordType::kTransfer, RecordType::kResolve,
        RecordType::kAbandon, RecordType::kSatisfaction, RecordType::kTick,
        RecordType::kReload, RecordType::kAskForPerson, RecordType::kAdmin}) {
    SCOPED_TRACE(RecordTypeName(t));
    std::string payload;
    EncodeStep(t, kAt, "c-9", "a-1", "parking", "wrong department", 2,
               &payload);
    absl::StatusOr<Record> r = DecodeRecord(static_cast<uint8_t>(t), payload);
    ASSERT_THAT(r.status(), IsOk());
    EXPECT_EQ(r->type, t);
    EXPECT_EQ(r->at, kAt);
    EXPECT_EQ(r->contact_id, "c-9");
    EXPECT_EQ(r->agent_id, "a-1");
    EXPECT_EQ(r->department, "parking");
    EXPECT_EQ(r->detail, "wrong department");
    EXPECT_EQ(r->value, 2);
  }
}

TEST(RecordTest, PrincipalsRoundTrip) {
  for (RecordType t : {RecordType::kAccept, RecordType::kTransfer,
                       RecordType::kReload, RecordType::kAdmin}) {
    SCOPED_TRACE(RecordTypeName(t));
    std::string payload;
    EncodeStep(t, kAt, "c-9", "a-1", "", "created the tenant", 1, &payload,
               "desk-ann");
    absl::StatusOr<Record> r = DecodeRecord(static_cast<uint8_t>(t), payload);
    ASSERT_THAT(r.status(), IsOk());
    EXPECT_EQ(r->principal, "desk-ann");
    EXPECT_EQ(r->detail, "created the tenant");
    std::string again;
    EncodeRecord(*r, &again);
    EXPECT_EQ(again, payload);
  }
  AgentConfig a;
  a.id = "a-7";
  std::string payload;
  EncodeRegisterAgent(kAt, a, &payload, "admin-all");
  absl::StatusOr<Record> r =
      DecodeRecord(static_cast<uint8_t>(RecordType::kRegisterAgent), payload);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_EQ(r->principal, "admin-all");
  EXPECT_EQ(r->agent_id, "a-7");
}

TEST(RecordTest, RecordsWithoutAPrincipalStillDecode) {
  // What every journal written before principals holds: the same bytes
  // as a record made on no one's behalf.
  std::string without;
  EncodeStep(RecordType::kAccept, kAt, "c-1", "a-1", "", "", 0, &without);
  std::string empty;
  EncodeStep(RecordType::kAccept, kAt, "c-1", "a-1", "", "", 0, &empty, "");
  EXPECT_EQ(without, empty);
  absl::StatusOr<Record> r =
      DecodeRecord(static_cast<uint8_t>(RecordType::kAccept), without);
  ASSERT_THAT(r.status(), IsOk());
  EXPECT_EQ(r->principal, "");
  // A principal field that is present must name someone.
  std::string blank = without;
  blank.push_back('\0');  // An empty string: length 0.
  EXPECT_THAT(
      DecodeRecord(static_cast<uint8_t>(RecordType::kAccept), blank).status(),
      StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RecordTest, EncodeRecordMatchesTheTypedEncoders) {
  std::string direct;
  EncodeSubmit(kAt, "c-1", Channel::kChat, "hoi", 0, kAt, SampleDecision(),
               &direct);
  absl::StatusOr<Record> r =
      DecodeRecord(static_cast<uint8_t>(RecordType::kSubmit), direct);
  ASSERT_THAT(r.status(), IsOk());
  std::string again;
  EncodeRecord(*r, &again);
  EXPECT_EQ(again, direct);
}

TEST(RecordTest, EveryTruncationIsAnError) {
  std::string payload;
  EncodeSubmit(kAt, "c-1", Channel::kEmail, "text", 7, kAt, SampleDecision(),
               &payload);
  for (size_t n = 0; n < payload.size(); ++n) {
    EXPECT_THAT(DecodeRecord(static_cast<uint8_t>(RecordType::kSubmit),
                             payload.substr(0, n))
                    .status(),
                StatusIs(absl::StatusCode::kDataLoss, HasSubstr("submit")))
        << "prefix of " << n << " bytes";
  }
}

TEST(RecordTest, ValuesOutOfRangeAreErrors) {
  std::string payload;
  EncodeStep(RecordType::kResolve, kAt, "c", "", "", "", 9, &payload);
  EXPECT_THAT(
      DecodeRecord(static_cast<uint8_t>(RecordType::kResolve), payload)
          .status(),
      StatusIs(absl::StatusCode::kDataLoss, HasSubstr("out of range")));
  std::string unknown_channel;
  EncodeSubmit(kAt, "c", static_cast<Channel>(9), "", 0, kAt, Decision(),
               &unknown_channel);
  EXPECT_FALSE(
      DecodeRecord(static_cast<uint8_t>(RecordType::kSubmit), unknown_channel)
          .ok());
  EXPECT_THAT(DecodeRecord(0, "").status(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("unknown type")));
  EXPECT_THAT(DecodeRecord(200, "").status(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("unknown type")));
}

TEST(RecordTest, BytesLeftOverAreAnError) {
  std::string payload;
  // (After the optional principal, the last field.)
  EncodeStep(RecordType::kAbandon, kAt, "c", "", "", "", 0, &payload,
             "desk-ann");
  payload += "x";
  EXPECT_THAT(
      DecodeRecord(static_cast<uint8_t>(RecordType::kAbandon), payload)
          .status(),
      StatusIs(absl::StatusCode::kDataLoss, HasSubstr("left over")));
}

}  // namespace
}  // namespace switchboard::journal
