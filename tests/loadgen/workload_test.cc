// Copyright 2026 The Switchboard Authors.
//
// Tests for services/loadgen/workload.h: reading a dataset, and the
// requests RequestMaker makes (each a valid RouteRequest with its own id).

#include "loadgen/workload.h"

#include <grpcpp/support/proto_buffer_reader.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/v1/service.pb.h"

namespace switchboard::loadgen {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::SampleFile;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TempPath;
using ::switchboard::test_util::WriteFile;
using ::testing::HasSubstr;
using ::testing::SizeIs;

v1::RouteRequest Parse(grpc::ByteBuffer bytes) {
  grpc::ProtoBufferReader reader(&bytes);
  v1::RouteRequest request;
  EXPECT_TRUE(request.ParseFromZeroCopyStream(&reader));
  return request;
}

v1::Contact MakeContact(v1::Channel channel, const std::string& body) {
  v1::Contact c;
  c.set_channel(channel);
  c.set_body(body);
  return c;
}

TEST(WorkloadTest, ReadsTheSampleTestSet) {
  absl::StatusOr<Workload> w =
      Workload::FromCsv(SampleFile("contacts_test.csv"));
  ASSERT_THAT(w, IsOk());
  EXPECT_EQ(w->size(), 110u);
  EXPECT_THAT(w->ChannelMix(), HasSubstr("email 24"));
  for (const v1::Contact& c : w->contacts()) {
    EXPECT_NE(c.channel(), v1::CHANNEL_UNSPECIFIED);
    EXPECT_FALSE(c.body().empty());
    EXPECT_TRUE(c.id().empty());  // Ids are the maker's.
  }
}

TEST(WorkloadTest, RefusesAFileWithoutTheColumnsOrWithAnUnknownChannel) {
  const std::string no_text = TempPath("loadgen_no_text.csv");
  WriteFile(no_text, "channel,body\nemail,hello\n");
  EXPECT_THAT(Workload::FromCsv(no_text),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("needs the columns channel and text")));
  const std::string bad_channel = TempPath("loadgen_bad_channel.csv");
  WriteFile(bad_channel, "channel,text\nemail,hello\npigeon,coo\n");
  EXPECT_THAT(Workload::FromCsv(bad_channel),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrCat(bad_channel, ":3"))));
  const std::string empty = TempPath("loadgen_empty.csv");
  WriteFile(empty, "channel,text\n");
  EXPECT_THAT(
      Workload::FromCsv(empty),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no contacts")));
}

TEST(RequestMakerTest, MakesTheContactInTurnWithItsOwnId) {
  v1::Contact email = MakeContact(v1::CHANNEL_EMAIL, "Beste meneer, ...");
  email.set_subject("Re: uw aanslag");
  absl::StatusOr<Workload> w = Workload::FromContacts(
      {email, MakeContact(v1::CHANNEL_CHAT, "hoi")}, "test");
  ASSERT_THAT(w, IsOk());
  const RequestMaker maker(*w, "lg-r0-");
  std::set<std::string> ids;
  for (uint64_t n : {uint64_t{0}, uint64_t{1}, uint64_t{2}, uint64_t{17},
                     uint64_t{123456789012}, uint64_t{999999999999}}) {
    SCOPED_TRACE(n);
    const v1::RouteRequest request = Parse(maker.Make(n));
    EXPECT_EQ(request.contact().id(), maker.IdOf(n));
    const v1::Contact& expected = w->contacts()[n % 2];
    EXPECT_EQ(request.contact().channel(), expected.channel());
    EXPECT_EQ(request.contact().body(), expected.body());
    EXPECT_EQ(request.contact().subject(), expected.subject());
    ids.insert(request.contact().id());
  }
  EXPECT_THAT(ids, SizeIs(6));
  EXPECT_EQ(maker.IdOf(17), "lg-r0-000000000017");
  EXPECT_EQ(maker.IdOf(123456789012), "lg-r0-123456789012");
}

TEST(RequestMakerTest, AverageBytesIsTheMeanRequestSize) {
  absl::StatusOr<Workload> w = Workload::FromContacts(
      {MakeContact(v1::CHANNEL_CHAT, std::string(100, 'a')),
       MakeContact(v1::CHANNEL_CHAT, std::string(300, 'b'))},
      "test");
  ASSERT_THAT(w, IsOk());
  const RequestMaker maker(*w, "p-");
  const size_t a = maker.Make(0).Length(), b = maker.Make(1).Length();
  EXPECT_EQ(maker.average_bytes(), (a + b) / 2);
  EXPECT_GT(b, a);
}

TEST(RequestMakerTest, ContactsWithoutAChannelAreRefused) {
  EXPECT_THAT(
      Workload::FromContacts({v1::Contact()}, "test"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no channel")));
  EXPECT_THAT(
      Workload::FromContacts({}, "test"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no contacts")));
}

}  // namespace
}  // namespace switchboard::loadgen
