// Copyright 2026 The Switchboard Authors.
//
// End-to-end: the citizen service over gRPC against the real server on the
// sample configuration -- self-service and asking for a person, a repeated
// complaint by letter with its call-back task, masked personal data, and
// the counters of all of it in GetStats.

#include <string>

#include "absl/strings/str_cat.h"
#include "e2e/e2e_testing.h"

namespace switchboard::e2e {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class CitizenE2eTest : public ServerTest {
 protected:
  grpc::Status GetContact(const std::string& id, v1::ContactStatus* status) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::GetContactRequest request;
    request.set_contact_id(id);
    return routing_->GetContact(&context, request, status);
  }

  grpc::Status AskForPerson(const std::string& id) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ReportEventRequest request;
    request.set_contact_id(id);
    request.mutable_ask_for_person();
    v1::ReportEventResponse response;
    return routing_->ReportEvent(&context, request, &response);
  }

  static v1::Contact Make(const std::string& id, v1::Channel channel,
                          const std::string& body,
                          const std::string& customer = "") {
    v1::Contact c;
    c.set_id(id);
    c.set_channel(channel);
    c.set_body(body);
    c.set_customer_ref(customer);
    return c;
  }
};

TEST_F(CitizenE2eTest, SelfServiceAndThenAPerson) {
  v1::RouteResponse r;
  ASSERT_THAT(Route(routing_.get(),
                    Make("s1", v1::CHANNEL_CHAT,
                         "Klant: Wanneer wordt het afval bij mij opgehaald?"),
                    &r),
              GrpcOk());
  const v1::Decision& d = r.decision();
  ASSERT_EQ(d.action(), v1::DECISION_ACTION_SELF_SERVICE) << d.reason();
  EXPECT_THAT(d.answer(), HasSubstr("afvalkalender"));
  EXPECT_EQ(d.answer_language(), "nl");
  EXPECT_EQ(d.language(), "nl");
  EXPECT_EQ(d.contact_type(), v1::CONTACT_TYPE_QUESTION);
  EXPECT_EQ(d.queue(), "waste-chat");  // Where a person would take it.

  v1::ContactStatus status;
  ASSERT_THAT(GetContact("s1", &status), GrpcOk());
  EXPECT_EQ(status.state(), v1::CONTACT_STATE_SELF_SERVED);

  ASSERT_THAT(AskForPerson("s1"), GrpcOk());
  ASSERT_THAT(GetContact("s1", &status), GrpcOk());
  // The sample's agents are available: it goes to one at once.
  EXPECT_THAT(status.state(), ::testing::AnyOf(v1::CONTACT_STATE_WAITING,
                                               v1::CONTACT_STATE_OFFERED));
  EXPECT_EQ(status.queue(), "waste-chat");
  // Only once.
  grpc::Status again = AskForPerson("s1");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(again.error_message(), HasSubstr("not self-served"));

  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().self_served(), 1u);
  EXPECT_EQ(stats.total().counters().self_service_escalated(), 1u);
  EXPECT_DOUBLE_EQ(stats.total().deflection_rate(), 1.0);
  EXPECT_DOUBLE_EQ(stats.total().self_service_escalation_rate(), 1.0);
  EXPECT_EQ(stats.total().counters().language_dutch(), 1u);
  EXPECT_EQ(stats.total().counters().type_question(), 1u);
}

TEST_F(CitizenE2eTest, ARepeatedComplaintByLetterGetsACallBack) {
  v1::RouteResponse first, second;
  ASSERT_THAT(
      Route(routing_.get(),
            Make("k1", v1::CHANNEL_EMAIL,
                 "Ik heb een klacht over de behandeling van mijn aanslag "
                 "onroerendezaakbelasting.",
                 "K-1001"),
            &first),
      GrpcOk());
  EXPECT_FALSE(first.decision().repeat_contact());
  ASSERT_THAT(
      Route(routing_.get(),
            Make("k2", v1::CHANNEL_LETTER,
                 "Geachte heer/mevrouw, opnieuw dien ik een klacht in over de "
                 "aanslag onroerendezaakbelasting. Mijn BSN is 111222333. "
                 "Hoogachtend, J. de Vries",
                 "K-1001"),
            &second),
      GrpcOk());
  const v1::Decision& d = second.decision();
  EXPECT_EQ(d.contact_type(), v1::CONTACT_TYPE_COMPLAINT) << d.contact_type_source();
  EXPECT_TRUE(d.repeat_contact());
  EXPECT_THAT(d.earlier_contacts(), ElementsAre("k1"));
  EXPECT_GE(d.risk(), 0.6f);
  EXPECT_THAT(d.risk_reasons(), Contains("written channel (letter)"));
  EXPECT_EQ(d.personal_data().bsn(), 1u);
  ASSERT_TRUE(d.call_back().recommended());
  ASSERT_TRUE(d.call_back().scheduled()) << d.call_back().reason();
  EXPECT_EQ(d.call_back().task_id(), "k2/call-back");
  EXPECT_THAT(d.call_back().queue(), HasSubstr("-phone"));

  v1::ContactStatus task;
  ASSERT_THAT(GetContact("k2/call-back", &task), GrpcOk());
  EXPECT_EQ(task.channel(), v1::CHANNEL_PHONE);
  EXPECT_EQ(task.call_back_for(), "k2");
  v1::ContactStatus letter;
  ASSERT_THAT(GetContact("k2", &letter), GrpcOk());
  EXPECT_EQ(letter.call_back_task(), "k2/call-back");
  EXPECT_THAT(letter.text(), HasSubstr("[BSN]"));
  EXPECT_THAT(letter.text(), Not(HasSubstr("111222333")));
  EXPECT_TRUE(letter.decision().repeat_contact());

  v1::Stats stats;
  ASSERT_THAT(GetStats(routing_.get(), &stats), GrpcOk());
  EXPECT_EQ(stats.total().counters().call_backs_scheduled(), 1u);
  EXPECT_EQ(stats.total().counters().repeat_contacts(), 1u);
  EXPECT_EQ(stats.total().counters().personal_data_bsn(), 1u);
  EXPECT_GE(stats.total().counters().type_complaint(), 1u);
}

}  // namespace
}  // namespace switchboard::e2e
