// Copyright 2026 The Switchboard Authors.
//
// Scenario tests of the Engine facade, driven the way an embedder drives it:
// submit contacts, set agents' presence, accept, resolve; time moves only
// when a test advances the FakeClock and calls Tick().

#include "switchboard/engine.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "stats/stats_testing.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/events/event.h"
#include "switchboard/normalize/normalizer.h"
#include "switchboard/route/decision.h"
#include "switchboard/stats/stats.h"

namespace switchboard {

// Readable failures for events.
void PrintTo(const Event& e, std::ostream* os) {
  *os << EventTypeName(e.type) << "{contact=" << e.contact_id
      << " agent=" << e.agent_id << " queue=" << e.queue
      << " detail=" << e.detail << "}";
}

namespace {

using ::switchboard::test_util::DurationNear;
using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::MakePrediction;
using ::switchboard::test_util::NormalizedOf;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TestConfig;
using ::testing::AllOf;
using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::FloatEq;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

// The precision the latency histogram promises for a quantile.
constexpr double kHistogramPrecision = 1.0 / 16;

MATCHER_P2(Skill, name, level, "") {
  return arg.skill == name && arg.level == level;
}

MATCHER_P3(Transferred, from, to, count, "") {
  return arg.from_department == from && arg.to_department == to &&
         arg.count == static_cast<uint64_t>(count);
}

QueueConfig& QueueNamed(EngineConfig& config, absl::string_view id) {
  for (QueueConfig& q : config.queues) {
    if (q.id == id) return q;
  }
  ADD_FAILURE() << "no queue " << id;
  return config.queues.front();
}

AgentConfig& AgentNamed(EngineConfig& config, absl::string_view id) {
  for (AgentConfig& a : config.agents) {
    if (a.id == id) return a;
  }
  ADD_FAILURE() << "no agent " << id;
  return config.agents.front();
}

class EngineTest : public ::testing::Test {
 protected:
  using Offer = std::pair<std::string, std::string>;  // contact, agent

  void SetUp() override { Build(TestConfig()); }

  // (Re)creates the engine with `config`, no classifier and the fake clock,
  // recording every event.
  void Build(EngineConfig config) {
    EngineOptions options;
    options.config = std::move(config);
    options.clock = &clock_;
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(std::move(options));
    ASSERT_THAT(engine, IsOk());
    engine_ = *std::move(engine);
    events_.clear();
    engine_->AddListener([this](const Event& e) { events_.push_back(e); });
  }

  // Submits a contact that the embedder's own model labelled `label`.
  absl::StatusOr<Decision> SubmitLabelled(absl::string_view id, Channel channel,
                                          absl::string_view label,
                                          float confidence = 0.9f) {
    const Contact c = MakeContact(id, channel, absl::StrCat("text of ", id));
    const Prediction p = MakePrediction(label, confidence);
    return engine_->SubmitClassified(c, NormalizedOf(c), &p);
  }

  // The same, asserting success.
  void Labelled(absl::string_view id, Channel channel,
                absl::string_view label) {
    ASSERT_THAT(SubmitLabelled(id, channel, label), IsOk()) << id;
  }

  void Available(absl::string_view agent) {
    ASSERT_THAT(engine_->SetPresence(agent, Presence::kAvailable), IsOk());
  }

  void AdvanceAndTick(absl::Duration d) {
    clock_.Advance(d);
    engine_->Tick();
  }

  // Every offer so far, in order.
  std::vector<Offer> Offers() const {
    std::vector<Offer> out;
    for (const Event& e : events_) {
      if (e.type == EventType::kOffered)
        out.emplace_back(e.contact_id, e.agent_id);
    }
    return out;
  }

  std::vector<EventType> TypesOf(absl::string_view contact) const {
    std::vector<EventType> out;
    for (const Event& e : events_) {
      if (e.contact_id == contact) out.push_back(e.type);
    }
    return out;
  }

  std::vector<Event> EventsOf(EventType type) const {
    std::vector<Event> out;
    for (const Event& e : events_) {
      if (e.type == type) out.push_back(e);
    }
    return out;
  }

  SegmentStats Total(const StatsFilter& filter = {}) const {
    return engine_->Stats(filter).total;
  }

  QueueStats Queue(absl::string_view id) const {
    for (const QueueStats& q : engine_->Stats({}).queues) {
      if (q.queue == id) return q;
    }
    ADD_FAILURE() << "no queue " << id << " in the stats";
    return {};
  }

  FakeClock clock_;
  std::vector<Event> events_;
  std::unique_ptr<Engine> engine_;
};

// --- Decisions ---------------------------------------------------------------

TEST_F(EngineTest, RulesApplyTopDownAndTheFirstMatchWins) {
  // Both "manual-triage" (first) and "ivr-complaints" (second) match.
  Contact both = MakeContact("c-1", Channel::kPhone, "ik heb een klacht");
  both.ivr_choice = "7";
  both.attributes["route"] = "manual";
  absl::StatusOr<Decision> d = engine_->Submit(both);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->contact_id, "c-1");
  EXPECT_EQ(d->rule, "manual-triage");
  EXPECT_EQ(d->action, DecisionAction::kTriage);
  EXPECT_EQ(d->queue, "triage");
  EXPECT_EQ(d->department, "triage");

  Contact ivr = MakeContact("c-2", Channel::kPhone, "ik heb een klacht");
  ivr.ivr_choice = "7";
  d = engine_->Submit(ivr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->rule, "ivr-complaints");
  EXPECT_EQ(d->action, DecisionAction::kRoute);
  EXPECT_EQ(d->department, "complaints");
  EXPECT_EQ(d->queue, "complaints");
  EXPECT_EQ(d->priority, 5);
  EXPECT_THAT(d->required_skills, ElementsAre(Skill("complaints", 3)));
  EXPECT_THAT(d->reason, HasSubstr("ivr-complaints"));

  // A rule naming no department sets priority and skills; the model picks
  // the department.
  Contact vip = MakeContact("c-3", Channel::kEmail, "mijn aanslag klopt niet");
  vip.attributes["vip"] = "true";
  const Prediction taxes = MakePrediction("taxes", 0.9f);
  d = engine_->SubmitClassified(vip, NormalizedOf(vip), &taxes);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->rule, "vip");
  EXPECT_EQ(d->department, "taxes");
  EXPECT_EQ(d->queue, "taxes-written");
  EXPECT_EQ(d->priority, 10);
  EXPECT_THAT(d->required_skills,
              ElementsAre(Skill("taxes", 2), Skill("senior", 1)));

  const SegmentStats total = Total();
  EXPECT_EQ(total.count(Counter::kReceived), 3u);
  EXPECT_EQ(total.count(Counter::kRouted), 2u);
  EXPECT_EQ(total.count(Counter::kTriaged), 1u);
}

TEST_F(EngineTest, WithoutRuleOrClassifierTheDefaultIsTriage) {
  const Contact c =
      MakeContact("c-1", Channel::kEmail, "Beste, een vraag over iets.");
  absl::StatusOr<Decision> d = engine_->Submit(c);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->action, DecisionAction::kTriage);
  EXPECT_EQ(d->queue, "triage");
  EXPECT_EQ(d->rule, "");
  EXPECT_EQ(d->priority, 0);  // Thresholds::default_priority.
  EXPECT_THAT(d->reason, HasSubstr("no rule matched"));
  EXPECT_EQ(Queue("triage").waiting, 1u);
}

TEST_F(EngineTest, DefaultPriorityComesFromTheThresholds) {
  EngineConfig config = TestConfig();
  config.thresholds.default_priority = 3;
  Build(config);
  absl::StatusOr<Decision> d =
      SubmitLabelled("c-1", Channel::kEmail, "parking");
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->priority, 3);
  EXPECT_EQ(d->queue, "parking");
}

TEST_F(EngineTest, PreviewChangesNothing) {
  Contact ivr = MakeContact("c-1", Channel::kPhone, "ik heb een klacht");
  ivr.ivr_choice = "7";
  absl::StatusOr<Decision> preview = engine_->Preview(ivr);
  ASSERT_THAT(preview, IsOk());
  EXPECT_EQ(preview->department, "complaints");
  EXPECT_THAT(events_, IsEmpty());
  EXPECT_EQ(Total().count(Counter::kReceived), 0u);
  EXPECT_EQ(Queue("complaints").waiting, 0u);
  // The same contact can still be submitted.
  absl::StatusOr<Decision> d = engine_->Submit(ivr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->reason, preview->reason);
}

TEST_F(EngineTest, CustomerHistoryCountsEarlierContacts) {
  // "repeat-complaint" needs two earlier contacts from the same customer.
  const Prediction complaint = MakePrediction("complaints", 0.9f);
  std::vector<Decision> decisions;
  for (int i = 1; i <= 3; ++i) {
    Contact c = MakeContact(absl::StrCat("k-", i), Channel::kEmail, "klacht");
    c.customer_ref = "K-100";
    absl::StatusOr<Decision> d =
        engine_->SubmitClassified(c, NormalizedOf(c), &complaint);
    ASSERT_THAT(d, IsOk());
    decisions.push_back(*d);
  }
  EXPECT_EQ(decisions[0].rule, "");
  // A repeat contact gets the repeat boost (default +5) on top.
  EXPECT_EQ(decisions[0].priority, 0);
  EXPECT_EQ(decisions[1].rule, "");
  EXPECT_EQ(decisions[1].priority, 0 + 5);
  EXPECT_EQ(decisions[2].rule, "repeat-complaint");
  EXPECT_EQ(decisions[2].priority, 8 + 5);
  EXPECT_THAT(decisions[2].required_skills,
              ElementsAre(Skill("complaints", 5), Skill("senior", 1)));

  // Another customer starts from zero.
  Contact other = MakeContact("k-9", Channel::kEmail, "klacht");
  other.customer_ref = "K-200";
  absl::StatusOr<Decision> d =
      engine_->SubmitClassified(other, NormalizedOf(other), &complaint);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->rule, "");
}

TEST_F(EngineTest, LowConfidenceGoesToTriageWithAlternatives) {
  const Contact c = MakeContact("c-1", Channel::kEmail, "iets met de auto");
  const Prediction p =
      MakePrediction("taxes", 0.42f, {{"parking", 0.31f}, {"waste", 0.10f}});
  absl::StatusOr<Decision> d =
      engine_->SubmitClassified(c, NormalizedOf(c), &p);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->action, DecisionAction::kTriage);
  EXPECT_EQ(d->queue, "triage");
  EXPECT_EQ(d->department, "triage");
  EXPECT_EQ(d->label, "taxes");
  EXPECT_THAT(d->confidence, FloatEq(0.42f));
  EXPECT_THAT(d->alternatives, ElementsAre(Field(&LabelScore::label, "taxes"),
                                           Field(&LabelScore::label, "parking"),
                                           Field(&LabelScore::label, "waste")));
  EXPECT_THAT(d->reason, HasSubstr("below 0.50"));
  EXPECT_THAT(d->reason, HasSubstr("parking 0.31"));
  EXPECT_EQ(Queue("triage").waiting, 1u);
  EXPECT_EQ(Queue("taxes-written").waiting, 0u);

  // At the threshold (inclusive) the model decides.
  const Contact sure = MakeContact("c-2", Channel::kEmail, "mijn aanslag");
  const Prediction at = MakePrediction("taxes", 0.5f, {{"parking", 0.3f}});
  d = engine_->SubmitClassified(sure, NormalizedOf(sure), &at);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->action, DecisionAction::kRoute);
  EXPECT_EQ(d->queue, "taxes-written");
  EXPECT_THAT(d->alternatives, SizeIs(2));

  // A triage worker (no skills needed) gets the triaged contact.
  Available("bram");
  EXPECT_THAT(Offers(), ElementsAre(Offer("c-1", "bram")));
}

// --- Queue order -------------------------------------------------------------

TEST_F(EngineTest, HigherPriorityIsOfferedFirst) {
  Labelled("low", Channel::kPhone, "complaints");  // Priority 0.
  clock_.Advance(absl::Minutes(1));
  Contact ivr = MakeContact("high", Channel::kPhone, "klacht");
  ivr.ivr_choice = "7";  // "ivr-complaints": priority 5.
  ASSERT_THAT(engine_->Submit(ivr), IsOk());
  EXPECT_THAT(Offers(), IsEmpty());

  // chris takes one call at a time: the priority-5 call first, although
  // the other waited a minute longer.
  Available("chris");
  EXPECT_THAT(Offers(), ElementsAre(Offer("high", "chris")));
  EXPECT_THAT(
      engine_->Accept("low", "chris"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("low")));
  ASSERT_THAT(engine_->Accept("high", "chris"), IsOk());
  ASSERT_THAT(engine_->Resolve("high", Outcome::kFavourable), IsOk());
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("high", "chris"), Offer("low", "chris")));
}

TEST_F(EngineTest, AgingLetsALongWaitingContactGoFirst) {
  // Aging 1 per minute: after 6 minutes the priority-0 contact is at 6,
  // ahead of a fresh priority-5 one.
  Labelled("old", Channel::kPhone, "complaints");
  clock_.Advance(absl::Minutes(6));
  Contact ivr = MakeContact("urgent", Channel::kPhone, "klacht");
  ivr.ivr_choice = "7";
  ASSERT_THAT(engine_->Submit(ivr), IsOk());

  Available("chris");
  EXPECT_THAT(Offers(), ElementsAre(Offer("old", "chris")));
  ASSERT_THAT(engine_->Accept("old", "chris"), IsOk());
  ASSERT_THAT(engine_->Resolve("old", Outcome::kNeutral), IsOk());
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("old", "chris"), Offer("urgent", "chris")));
}

// --- Escalation --------------------------------------------------------------

TEST_F(EngineTest, EscalationWidensSkillsAfterTheTimeout) {
  const absl::Time t0 = clock_.Now();
  Labelled("t-1", Channel::kPhone, "taxes");  // taxes-phone, needs taxes 2.
  EXPECT_EQ(engine_->NextDeadline(), t0 + absl::Minutes(2));

  // bram has no taxes skill: no offer until the queue widens the skills.
  Available("bram");
  EXPECT_THAT(Offers(), IsEmpty());
  AdvanceAndTick(absl::Minutes(2) - absl::Seconds(1));
  EXPECT_THAT(Offers(), IsEmpty());
  EXPECT_THAT(EventsOf(EventType::kEscalated), IsEmpty());

  AdvanceAndTick(absl::Seconds(1));
  ASSERT_THAT(EventsOf(EventType::kEscalated),
              ElementsAre(AllOf(Field(&Event::contact_id, "t-1"),
                                Field(&Event::detail, HasSubstr("widened")))));
  EXPECT_THAT(Offers(), ElementsAre(Offer("t-1", "bram")));
  ASSERT_THAT(engine_->Accept("t-1", "bram"), IsOk());

  const SegmentStats taxes = Total({.department = "taxes"});
  EXPECT_EQ(taxes.count(Counter::kEscalated), 1u);
  EXPECT_EQ(taxes.of(Metric::kWait).max, absl::Minutes(2));

  // Accepted: the overflow step at 10 minutes no longer applies.
  AdvanceAndTick(absl::Minutes(10));
  EXPECT_THAT(EventsOf(EventType::kEscalated), SizeIs(1));
  EXPECT_EQ(Queue("triage").waiting, 0u);
  EXPECT_THAT(engine_->Resolve("t-1", Outcome::kFavourable), IsOk());
}

TEST_F(EngineTest, EscalationOverflowsToAnotherQueueKeepingAge) {
  const absl::Time t0 = clock_.Now();
  Labelled("t-1", Channel::kPhone, "taxes");
  AdvanceAndTick(absl::Minutes(2));  // Widens; nobody is available.
  AdvanceAndTick(absl::Minutes(8) - absl::Milliseconds(1));
  EXPECT_EQ(Queue("taxes-phone").waiting, 1u);
  EXPECT_EQ(engine_->NextDeadline(), t0 + absl::Minutes(10));

  AdvanceAndTick(absl::Milliseconds(1));
  EXPECT_EQ(Queue("taxes-phone").waiting, 0u);
  const QueueStats triage = Queue("triage");
  EXPECT_EQ(triage.waiting, 1u);
  EXPECT_EQ(triage.oldest_wait, absl::Minutes(10));  // Age kept.
  ASSERT_THAT(EventsOf(EventType::kEscalated), SizeIs(2));
  EXPECT_EQ(EventsOf(EventType::kEscalated)[1].detail, "overflow to triage");
  const Event queued = EventsOf(EventType::kQueued).back();
  EXPECT_EQ(queued.contact_id, "t-1");
  EXPECT_EQ(queued.queue, "triage");
  EXPECT_EQ(queued.department, "triage");

  clock_.Advance(absl::Minutes(1));
  Available("dewi");
  EXPECT_THAT(Offers(), ElementsAre(Offer("t-1", "dewi")));
  ASSERT_THAT(engine_->Accept("t-1", "dewi"), IsOk());
  // The wait counts from the first queueing: 11 minutes.
  EXPECT_EQ(Total({.department = "triage"}).of(Metric::kWait).max,
            absl::Minutes(11));
  EXPECT_EQ(Total().count(Counter::kEscalated), 2u);
}

TEST_F(EngineTest, OverflowStillAppliesWhenAnOfferedContactComesBack) {
  // An overflow step that falls due while the contact is offered waits for
  // it: if the offer comes back (rejected, timed out), the contact still
  // overflows, rather than staying in a queue it should have left.
  const absl::Time t0 = clock_.Now();
  Labelled("t-1", Channel::kPhone, "taxes");
  AdvanceAndTick(absl::Minutes(2));  // Widens; nobody is available.
  clock_.Set(t0 + absl::Minutes(9) + absl::Seconds(50));
  Available("bram");
  ASSERT_THAT(Offers(), ElementsAre(Offer("t-1", "bram")));

  AdvanceAndTick(absl::Seconds(10));       // t0 + 10 min: the overflow is due.
  EXPECT_EQ(Queue("triage").waiting, 0u);  // In bram's hands, not moved.
  AdvanceAndTick(absl::Seconds(10));       // The offer times out.
  ASSERT_THAT(EventsOf(EventType::kOfferTimedOut), SizeIs(1));
  engine_->Tick();

  EXPECT_EQ(Queue("taxes-phone").waiting, 0u);
  const QueueStats triage = Queue("triage");
  EXPECT_EQ(triage.waiting, 1u);
  EXPECT_EQ(triage.oldest_wait, absl::Minutes(10) + absl::Seconds(10));
  ASSERT_THAT(EventsOf(EventType::kEscalated), SizeIs(2));
  EXPECT_EQ(EventsOf(EventType::kEscalated)[1].detail, "overflow to triage");
}

TEST_F(EngineTest, ARejectedContactKeepsItsEscalationSchedule) {
  const absl::Time t0 = clock_.Now();
  Available("anna");
  Labelled("t-1", Channel::kPhone, "taxes");
  ASSERT_THAT(Offers(), ElementsAre(Offer("t-1", "anna")));
  clock_.Advance(absl::Seconds(30));
  ASSERT_THAT(engine_->Reject("t-1", "anna"), IsOk());
  // anna goes on a break, so the re-offer after a pause finds nobody.
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAway), IsOk());
  // (A cancelled offer timeout may still be reported, earlier.)
  EXPECT_LE(engine_->NextDeadline(), t0 + absl::Minutes(2));

  // Each step applies once, at its own time: widen at 2 min (nothing
  // more), overflow at 10 min.
  clock_.Set(t0 + absl::Minutes(2));
  engine_->Tick();
  EXPECT_THAT(EventsOf(EventType::kEscalated),
              ElementsAre(Field(&Event::detail, HasSubstr("widened"))));
  EXPECT_EQ(Queue("taxes-phone").waiting, 1u);
  EXPECT_EQ(Queue("triage").waiting, 0u);

  clock_.Set(t0 + absl::Minutes(10));
  engine_->Tick();
  EXPECT_THAT(EventsOf(EventType::kEscalated), SizeIs(2));
  EXPECT_EQ(Queue("triage").waiting, 1u);
}

TEST_F(EngineTest, EscalationOfATransferredContactCountsFromItsFirstQueueing) {
  const absl::Time t0 = clock_.Now();
  Labelled("x", Channel::kPhone, "waste");  // Waits in waste from t0.
  clock_.Advance(absl::Minutes(1));
  Labelled("y", Channel::kPhone, "taxes");  // taxes-phone; widens at t0+3m.
  clock_.Advance(absl::Seconds(30));
  // x joins taxes-phone behind y but keeps its age: it widens at t0+2m.
  ASSERT_THAT(engine_->Transfer("x", "taxes", "about tax"), IsOk());
  EXPECT_EQ(engine_->NextDeadline(), t0 + absl::Minutes(2));
  clock_.Advance(absl::Seconds(15));
  Available("bram");  // No taxes skill.
  EXPECT_THAT(Offers(), IsEmpty());

  clock_.Set(t0 + absl::Minutes(2));
  engine_->Tick();
  EXPECT_THAT(EventsOf(EventType::kEscalated),
              ElementsAre(Field(&Event::contact_id, "x")));
  EXPECT_THAT(Offers(), ElementsAre(Offer("x", "bram")));
  ASSERT_THAT(engine_->Accept("x", "bram"), IsOk());

  clock_.Set(t0 + absl::Minutes(3));
  engine_->Tick();
  EXPECT_THAT(EventsOf(EventType::kEscalated),
              ElementsAre(Field(&Event::contact_id, "x"),
                          Field(&Event::contact_id, "y")));
}

// --- Queue limit -------------------------------------------------------------

TEST_F(EngineTest, FullQueueRefusesWithResourceExhaustedAndRecordsNothing) {
  EngineConfig config = TestConfig();
  QueueNamed(config, "waste").max_length = 2;
  Build(config);
  Labelled("w-1", Channel::kEmail, "waste");
  Labelled("w-2", Channel::kEmail, "waste");
  EXPECT_THAT(SubmitLabelled("w-3", Channel::kEmail, "waste"),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("w-3"), HasSubstr("waste"))));

  EXPECT_THAT(TypesOf("w-3"), IsEmpty());
  const SegmentStats total = Total();
  EXPECT_EQ(total.count(Counter::kReceived), 2u);
  EXPECT_EQ(total.count(Counter::kQueued), 2u);
  EXPECT_EQ(Queue("waste").waiting, 2u);
  // Other queues are not affected.
  EXPECT_THAT(SubmitLabelled("t-1", Channel::kEmail, "taxes"), IsOk());

  // Once there is room, the refused contact can come in under its own id:
  // the engine kept nothing of it.
  Available("bram");
  EXPECT_EQ(Queue("waste").waiting, 0u);
  EXPECT_THAT(SubmitLabelled("w-3", Channel::kEmail, "waste"), IsOk());
}

// --- Strategies --------------------------------------------------------------

TEST_F(EngineTest, LongestIdleOffersToTheAgentIdleLongest) {
  // taxes-written uses the default strategy, longest idle.
  Available("dewi");
  clock_.Advance(absl::Minutes(1));
  Available("anna");
  Labelled("e-1", Channel::kEmail, "taxes");  // dewi: idle longer.
  Labelled("e-2", Channel::kEmail, "taxes");  // anna: dewi has one.
  ASSERT_THAT(engine_->Accept("e-1", "dewi"), IsOk());
  ASSERT_THAT(engine_->Accept("e-2", "anna"), IsOk());
  clock_.Advance(absl::Minutes(1));
  ASSERT_THAT(engine_->Resolve("e-2", Outcome::kFavourable), IsOk());
  clock_.Advance(absl::Minutes(1));
  ASSERT_THAT(engine_->Resolve("e-1", Outcome::kFavourable), IsOk());
  // anna has been idle since before dewi.
  Labelled("e-3", Channel::kEmail, "taxes");
  EXPECT_THAT(Offers(), ElementsAre(Offer("e-1", "dewi"), Offer("e-2", "anna"),
                                    Offer("e-3", "anna")));
}

TEST_F(EngineTest, LeastOccupiedOffersToTheLowestShareOfCapacity) {
  EngineConfig config = TestConfig();
  QueueNamed(config, "taxes-written").strategy =
      AssignmentStrategy::kLeastOccupied;
  AgentNamed(config, "anna").capacity = {{Channel::kEmail, 4}};
  AgentNamed(config, "dewi").capacity = {{Channel::kEmail, 2}};
  Build(config);
  Available("anna");
  clock_.Advance(absl::Minutes(1));
  Available("dewi");
  for (int i = 1; i <= 7; ++i) {
    Labelled(absl::StrCat("e-", i), Channel::kEmail, "taxes");
  }
  // Shares before each pick (anna/4, dewi/2): 0,0 -> anna (idle longer);
  // 1/4,0 -> dewi; 1/4,1/2 -> anna; 2/4,1/2 -> anna (tie, idle longer);
  // 3/4,1/2 -> dewi; dewi full -> anna; both full -> e-7 waits. Longest
  // idle would have given e-4 to dewi (one contact against two).
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("e-1", "anna"), Offer("e-2", "dewi"),
                          Offer("e-3", "anna"), Offer("e-4", "anna"),
                          Offer("e-5", "dewi"), Offer("e-6", "anna")));
  EXPECT_EQ(Queue("taxes-written").waiting, 1u);
}

TEST_F(EngineTest, RoundRobinRotatesThroughTheAgents) {
  // The waste queue rotates. dewi has been idle longest, so longest idle
  // would start with her; round robin goes in agent order from the start.
  Available("dewi");
  clock_.Advance(absl::Minutes(1));
  Available("bram");
  Available("anna");   // No waste skill: skipped.
  Available("chris");  // Idem.
  for (int i = 1; i <= 4; ++i) {
    Labelled(absl::StrCat("w-", i), Channel::kEmail, "waste");
  }
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("w-1", "bram"), Offer("w-2", "dewi"),
                          Offer("w-3", "bram"), Offer("w-4", "dewi")));
}

TEST_F(EngineTest, BestSkillMatchOffersToTheMostSkilledAgent) {
  EngineConfig config = TestConfig();
  AgentNamed(config, "anna").skills.push_back({"parking", 1});
  Build(config);
  // Idle order anna, dewi, bram; parking levels anna 1, bram 3, dewi 2.
  Available("anna");
  clock_.Advance(absl::Minutes(1));
  Available("dewi");
  clock_.Advance(absl::Minutes(1));
  Available("bram");
  // parking-phone picks the best skill match; one call per agent.
  for (int i = 1; i <= 4; ++i) {
    Labelled(absl::StrCat("p-", i), Channel::kPhone, "parking");
  }
  EXPECT_THAT(Offers(), ElementsAre(Offer("p-1", "bram"), Offer("p-2", "dewi"),
                                    Offer("p-3", "anna")));
  EXPECT_EQ(Queue("parking-phone").waiting, 1u);
}

// --- Capacity ----------------------------------------------------------------

TEST_F(EngineTest, AnAgentTakesThreeChatsButNotAFourth) {
  Available("anna");
  for (int i = 1; i <= 4; ++i) {
    Labelled(absl::StrCat("chat-", i), Channel::kChat, "taxes");
  }
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("chat-1", "anna"), Offer("chat-2", "anna"),
                          Offer("chat-3", "anna")));
  EXPECT_EQ(Queue("taxes-online").waiting, 1u);

  // Other channels have their own capacity: one call, and e-mails.
  Labelled("call-1", Channel::kPhone, "taxes");
  Labelled("call-2", Channel::kPhone, "taxes");
  Labelled("mail-1", Channel::kEmail, "taxes");
  EXPECT_THAT(Offers(), SizeIs(5));
  EXPECT_EQ(Offers()[3], Offer("call-1", "anna"));
  EXPECT_EQ(Offers()[4], Offer("mail-1", "anna"));
  EXPECT_EQ(Queue("taxes-phone").waiting, 1u);

  // Finishing one chat makes room for the fourth at once.
  for (int i = 1; i <= 3; ++i) {
    ASSERT_THAT(engine_->Accept(absl::StrCat("chat-", i), "anna"), IsOk());
  }
  ASSERT_THAT(engine_->Resolve("chat-2", Outcome::kNeutral), IsOk());
  EXPECT_EQ(Offers().back(), Offer("chat-4", "anna"));
  EXPECT_EQ(Queue("taxes-online").waiting, 0u);
  EXPECT_EQ(Queue("taxes-phone").waiting, 1u);  // Still one call at a time.
}

// --- Offers ------------------------------------------------------------------

TEST_F(EngineTest, OfferThenAccept) {
  Labelled("e-1", Channel::kEmail, "taxes");
  clock_.Advance(absl::Seconds(30));
  Available("anna");
  EXPECT_THAT(Offers(), ElementsAre(Offer("e-1", "anna")));
  clock_.Advance(absl::Seconds(5));
  ASSERT_THAT(engine_->Accept("e-1", "anna"), IsOk());
  EXPECT_THAT(
      engine_->Accept("e-1", "anna"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("accepted")));

  const SegmentStats s = Total();
  EXPECT_EQ(s.count(Counter::kOffered), 1u);
  EXPECT_EQ(s.count(Counter::kAccepted), 1u);
  EXPECT_EQ(s.of(Metric::kWait).count, 1u);
  EXPECT_EQ(s.of(Metric::kWait).max, absl::Seconds(35));
  EXPECT_EQ(Queue("taxes-written").waiting, 0u);
}

TEST_F(EngineTest, RejectedOfferGoesBackInItsOldPlaceAndToAnotherAgent) {
  const absl::Time t0 = clock_.Now();
  // Calls to the waste queue; each agent takes one call at a time.
  Labelled("w-1", Channel::kPhone, "waste");
  clock_.Advance(absl::Minutes(1));
  Labelled("w-2", Channel::kPhone, "waste");
  clock_.Advance(absl::Minutes(1));
  Labelled("w-3", Channel::kPhone, "waste");
  clock_.Advance(absl::Minutes(1));

  Available("bram");
  EXPECT_THAT(Offers(), ElementsAre(Offer("w-1", "bram")));
  ASSERT_THAT(engine_->Reject("w-1", "bram"), IsOk());
  // bram gets the next contact, not the one he turned down.
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("w-1", "bram"), Offer("w-2", "bram")));
  // w-1 is back ahead of w-3, with its age.
  const QueueStats waste = Queue("waste");
  EXPECT_EQ(waste.waiting, 2u);
  EXPECT_EQ(waste.oldest_wait, absl::Minutes(3));

  clock_.Advance(absl::Minutes(1));
  Available("dewi");
  EXPECT_EQ(Offers().back(), Offer("w-1", "dewi"));
  ASSERT_THAT(engine_->Accept("w-1", "dewi"), IsOk());
  EXPECT_EQ(Total().of(Metric::kWait).max, clock_.Now() - t0);
  EXPECT_EQ(Total().count(Counter::kOfferRejected), 1u);
  EXPECT_THAT(
      TypesOf("w-1"),
      ElementsAre(EventType::kReceived, EventType::kClassified,
                  EventType::kDecided, EventType::kQueued, EventType::kOffered,
                  EventType::kOfferRejected, EventType::kQueued,
                  EventType::kOffered, EventType::kAccepted));
}

TEST_F(EngineTest, AContactOnlyDeclinedAgentsCanTakeIsOfferedAgainLater) {
  Labelled("w-1", Channel::kPhone, "waste");
  Available("bram");
  ASSERT_THAT(Offers(), ElementsAre(Offer("w-1", "bram")));
  ASSERT_THAT(engine_->Reject("w-1", "bram"), IsOk());
  // Nobody else can take it, and bram is not asked again at once...
  EXPECT_THAT(Offers(), ElementsAre(Offer("w-1", "bram")));
  EXPECT_EQ(Queue("waste").waiting, 1u);
  // ...but after one offer timeout (20 s) he is: it must not wait for ever.
  AdvanceAndTick(absl::Seconds(19));
  EXPECT_THAT(Offers(), SizeIs(1));
  AdvanceAndTick(absl::Seconds(1));
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("w-1", "bram"), Offer("w-1", "bram")));
  EXPECT_THAT(engine_->Accept("w-1", "bram"), IsOk());
}

TEST_F(EngineTest, OfferTimeoutRequeuesKeepingAge) {
  const absl::Time t0 = clock_.Now();
  Labelled("w-1", Channel::kPhone, "waste");
  clock_.Advance(absl::Seconds(5));
  Labelled("w-2", Channel::kPhone, "waste");
  clock_.Advance(absl::Seconds(5));
  Available("bram");
  EXPECT_THAT(Offers(), ElementsAre(Offer("w-1", "bram")));
  EXPECT_EQ(engine_->NextDeadline(), t0 + absl::Seconds(30));  // 10 s + 20 s

  AdvanceAndTick(absl::Seconds(19));
  EXPECT_THAT(EventsOf(EventType::kOfferTimedOut), IsEmpty());
  AdvanceAndTick(absl::Seconds(1));
  ASSERT_THAT(EventsOf(EventType::kOfferTimedOut),
              ElementsAre(AllOf(Field(&Event::contact_id, "w-1"),
                                Field(&Event::agent_id, "bram"))));
  // bram moves on to w-2; w-1 waits again with its original age.
  EXPECT_EQ(Offers().back(), Offer("w-2", "bram"));
  EXPECT_THAT(
      engine_->Accept("w-1", "bram"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("w-1")));
  const QueueStats waste = Queue("waste");
  EXPECT_EQ(waste.waiting, 1u);
  EXPECT_EQ(waste.oldest_wait, absl::Seconds(30));
  EXPECT_EQ(Total().count(Counter::kOfferTimedOut), 1u);

  Available("dewi");
  EXPECT_EQ(Offers().back(), Offer("w-1", "dewi"));
  ASSERT_THAT(engine_->Accept("w-1", "dewi"), IsOk());
  EXPECT_EQ(Total().of(Metric::kWait).max, absl::Seconds(30));

  // The accepted contact's old timers do nothing.
  AdvanceAndTick(absl::Minutes(5));
  EXPECT_THAT(EventsOf(EventType::kOfferTimedOut), SizeIs(2));  // + w-2's.
  EXPECT_THAT(engine_->Resolve("w-1", Outcome::kFavourable), IsOk());
}

TEST_F(EngineTest, AFreedAgentGetsTheWaitingBacklogAtOnce) {
  Available("bram");
  Labelled("w-1", Channel::kPhone, "waste");
  Labelled("w-2", Channel::kPhone, "waste");
  EXPECT_THAT(Offers(), ElementsAre(Offer("w-1", "bram")));
  ASSERT_THAT(engine_->Accept("w-1", "bram"), IsOk());
  ASSERT_THAT(engine_->Resolve("w-1", Outcome::kFavourable), IsOk());
  // No Tick: the offer is made within Resolve.
  EXPECT_EQ(Offers().back(), Offer("w-2", "bram"));
  EXPECT_THAT(engine_->Accept("w-2", "bram"), IsOk());

  // An agent who is away gets nothing; back, she gets the backlog.
  ASSERT_THAT(engine_->SetPresence("dewi", Presence::kAway), IsOk());
  Labelled("w-3", Channel::kPhone, "waste");
  EXPECT_EQ(Queue("waste").waiting, 1u);
  Available("dewi");
  EXPECT_EQ(Offers().back(), Offer("w-3", "dewi"));
}

// --- Transfer ----------------------------------------------------------------

TEST_F(EngineTest, TransferKeepsAgeAndCountsAgainstRightFirstTime) {
  Labelled("x-1", Channel::kEmail, "taxes");
  clock_.Advance(absl::Minutes(1));
  Available("anna");
  ASSERT_THAT(engine_->Accept("x-1", "anna"), IsOk());
  clock_.Advance(absl::Minutes(1));
  ASSERT_THAT(engine_->Transfer("x-1", "parking", "about a parking permit"),
              IsOk());

  const std::vector<Event> transfers = EventsOf(EventType::kTransferred);
  ASSERT_THAT(transfers, SizeIs(1));
  EXPECT_EQ(transfers[0].contact_id, "x-1");
  EXPECT_EQ(transfers[0].from_department, "taxes");
  EXPECT_EQ(transfers[0].department, "parking");
  EXPECT_EQ(transfers[0].detail, "about a parking permit");
  EXPECT_EQ(transfers[0].agent_id, "anna");
  const QueueStats parking = Queue("parking");
  EXPECT_EQ(parking.waiting, 1u);
  EXPECT_EQ(parking.oldest_wait, absl::Minutes(2));  // Original age.

  // A newer parking contact queues behind the transferred one.
  Labelled("p-1", Channel::kEmail, "parking");
  clock_.Advance(absl::Minutes(1));
  Available("bram");
  EXPECT_THAT(Offers(), ElementsAre(Offer("x-1", "anna"), Offer("x-1", "bram"),
                                    Offer("p-1", "bram")));
  ASSERT_THAT(engine_->Accept("x-1", "bram"), IsOk());
  ASSERT_THAT(engine_->Accept("p-1", "bram"), IsOk());
  ASSERT_THAT(engine_->Resolve("x-1", Outcome::kFavourable), IsOk());
  ASSERT_THAT(engine_->Resolve("p-1", Outcome::kFavourable), IsOk());

  const StatsSnapshot s = engine_->Stats({.department = "parking"});
  EXPECT_EQ(s.total.count(Counter::kTransferredIn), 1u);
  EXPECT_EQ(s.total.count(Counter::kResolved), 2u);
  EXPECT_EQ(s.total.count(Counter::kResolvedFirstTime), 1u);
  EXPECT_THAT(s.total.right_first_time(), DoubleEq(0.5));
  // The citizen waited once: x-1's wait (and SLA) counted when anna first
  // accepted it in taxes, not again in parking; parking's wait is p-1's.
  EXPECT_EQ(s.total.of(Metric::kWait).count, 1u);
  EXPECT_EQ(s.total.of(Metric::kWait).max, absl::Minutes(1));
  EXPECT_EQ(
      s.total.count(Counter::kSlaMet) + s.total.count(Counter::kSlaMissed), 1u);
  const SegmentStats taxes = Total({.department = "taxes"});
  EXPECT_EQ(taxes.of(Metric::kWait).count, 1u);
  EXPECT_EQ(taxes.of(Metric::kWait).max, absl::Minutes(1));
  EXPECT_EQ(Total({.department = "taxes"}).count(Counter::kTransferredOut), 1u);
  EXPECT_THAT(engine_->Stats({}).transfers,
              ElementsAre(Transferred("taxes", "parking", 1)));
  EXPECT_THAT(s.transfers, ElementsAre(Transferred("taxes", "parking", 1)));
  EXPECT_THAT(engine_->Stats({.department = "waste"}).transfers, IsEmpty());

  // The citizen's words with the department a person chose.
  EXPECT_THAT(engine_->CorrectedExamples(),
              ElementsAre(AllOf(Field(&Example::text, "text of x-1"),
                                Field(&Example::label, "parking"))));
  EXPECT_EQ(engine_->Stats({}).corrected_examples, 1u);
}

TEST_F(EngineTest, TransferOfAWaitingContactAndTransferErrors) {
  Labelled("x-1", Channel::kPhone, "taxes");
  ASSERT_THAT(engine_->Transfer("x-1", "waste", "bins"), IsOk());
  EXPECT_EQ(Queue("taxes-phone").waiting, 0u);
  EXPECT_EQ(Queue("waste").waiting, 1u);

  EXPECT_THAT(engine_->Transfer("x-1", "nowhere", "?"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nowhere")));
  EXPECT_THAT(engine_->Transfer("x-1", "waste", "again"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("waste")));
  EXPECT_THAT(engine_->Transfer("x-9", "parking", "?"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("x-9")));
  ASSERT_THAT(engine_->Abandon("x-1"), IsOk());
  EXPECT_THAT(
      engine_->Transfer("x-1", "parking", "too late"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("abandoned")));
  EXPECT_THAT(engine_->CorrectedExamples(), SizeIs(1));
}

// --- Abandon and satisfaction -----------------------------------------------

TEST_F(EngineTest, AbandonWhileWaitingAndWhileOffered) {
  Labelled("a-1", Channel::kPhone, "taxes");  // SLA 30 s.
  clock_.Advance(absl::Seconds(40));
  ASSERT_THAT(engine_->Abandon("a-1"), IsOk());
  EXPECT_EQ(Queue("taxes-phone").waiting, 0u);
  EXPECT_THAT(
      engine_->Abandon("a-1"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("abandoned")));

  Labelled("a-2", Channel::kPhone, "taxes");
  Labelled("a-3", Channel::kPhone, "taxes");
  Available("anna");
  EXPECT_THAT(Offers(), ElementsAre(Offer("a-2", "anna")));
  // Hanging up while offered frees anna for the next call at once.
  ASSERT_THAT(engine_->Abandon("a-2"), IsOk());
  EXPECT_EQ(Offers().back(), Offer("a-3", "anna"));
  ASSERT_THAT(engine_->Accept("a-3", "anna"), IsOk());
  EXPECT_THAT(
      engine_->Abandon("a-3"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("accepted")));

  const SegmentStats s = Total();
  EXPECT_EQ(s.count(Counter::kAbandoned), 2u);
  EXPECT_EQ(s.count(Counter::kSlaMissed), 1u);  // a-1, after 40 s.
  EXPECT_EQ(s.count(Counter::kSlaMet), 1u);     // a-3.
  EXPECT_THAT(s.abandonment_rate(), DoubleEq(2.0 / 3.0));
  EXPECT_THAT(EventsOf(EventType::kAbandoned),
              ElementsAre(Field(&Event::agent_id, ""),
                          Field(&Event::agent_id, "anna")));
}

TEST_F(EngineTest, SatisfactionScores) {
  Available("bram");
  Labelled("s-1", Channel::kEmail, "waste");
  Labelled("s-2", Channel::kEmail, "waste");
  for (const char* id : {"s-1", "s-2"}) {
    ASSERT_THAT(engine_->Accept(id, "bram"), IsOk());
    ASSERT_THAT(engine_->Resolve(id, Outcome::kFavourable), IsOk());
  }
  ASSERT_THAT(engine_->RecordSatisfaction("s-1", 8), IsOk());
  ASSERT_THAT(engine_->RecordSatisfaction("s-2", 5), IsOk());
  EXPECT_THAT(engine_->RecordSatisfaction("s-1", 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1..10")));
  EXPECT_THAT(engine_->RecordSatisfaction("s-1", 11),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("11")));
  EXPECT_THAT(engine_->RecordSatisfaction("s-9", 7),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("s-9")));

  const SegmentStats s = Total({.department = "waste"});
  EXPECT_EQ(s.satisfaction_count, 2u);
  EXPECT_THAT(s.satisfaction_mean, DoubleEq(6.5));
  EXPECT_EQ(Total({.department = "taxes"}).satisfaction_count, 0u);
  EXPECT_THAT(EventsOf(EventType::kSatisfaction),
              ElementsAre(Field(&Event::score, 8), Field(&Event::score, 5)));
}

TEST_F(EngineTest, FinishedContactsAreForgottenAfterTheRetention) {
  Available("bram");
  Labelled("w-1", Channel::kEmail, "waste");
  ASSERT_THAT(engine_->Accept("w-1", "bram"), IsOk());
  ASSERT_THAT(engine_->Resolve("w-1", Outcome::kFavourable), IsOk());

  // Within finished_retention (default 1 hour) the contact is known: a late
  // satisfaction score counts, its id cannot be reused for another contact,
  // and the same contact again gets its decision back (idempotent).
  AdvanceAndTick(absl::Minutes(59));
  EXPECT_THAT(engine_->RecordSatisfaction("w-1", 9), IsOk());
  EXPECT_THAT(SubmitLabelled("w-1", Channel::kLetter, "waste"),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("w-1")));
  absl::StatusOr<Decision> again =
      SubmitLabelled("w-1", Channel::kEmail, "waste");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->queue, "waste");
  EXPECT_EQ(Total().count(Counter::kReceived), 1u);

  AdvanceAndTick(absl::Minutes(1));
  EXPECT_THAT(engine_->RecordSatisfaction("w-1", 9),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("w-1")));
  EXPECT_THAT(
      engine_->Resolve("w-1", Outcome::kFavourable),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("unknown contact")));
  // The id is free again, and the new contact (in the recycled record)
  // lives a normal life.
  ASSERT_THAT(SubmitLabelled("w-1", Channel::kPhone, "waste"), IsOk());
  EXPECT_EQ(Offers().back(), Offer("w-1", "bram"));
  ASSERT_THAT(engine_->Accept("w-1", "bram"), IsOk());
  ASSERT_THAT(engine_->Resolve("w-1", Outcome::kNeutral), IsOk());

  const SegmentStats s = Total({.department = "waste"});
  EXPECT_EQ(s.count(Counter::kReceived), 2u);
  EXPECT_EQ(s.count(Counter::kResolved), 2u);
  EXPECT_EQ(s.satisfaction_count, 1u);
}

TEST_F(EngineTest, RecycledRecordsIgnoreTheirPreviousContactsTimers) {
  EngineOptions options;
  options.config = TestConfig();
  options.clock = &clock_;
  options.finished_retention = absl::Seconds(1);
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(std::move(options));
  ASSERT_THAT(engine, IsOk());
  engine_ = *std::move(engine);
  events_.clear();
  engine_->AddListener([this](const Event& e) { events_.push_back(e); });

  const absl::Time t0 = clock_.Now();
  // "old" waits in taxes-phone behind "first" (escalation at t0+2m and
  // t0+2m+1ms), then is abandoned and its record recycled while its
  // escalation deadline is still queued behind first's.
  Labelled("first", Channel::kPhone, "taxes");
  clock_.Advance(absl::Milliseconds(1));
  Labelled("old", Channel::kPhone, "taxes");
  ASSERT_THAT(engine_->Abandon("old"), IsOk());
  AdvanceAndTick(absl::Seconds(1));
  ASSERT_THAT(
      engine_->RecordSatisfaction("old", 5),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("unknown contact")));
  // The new contact takes the recycled record, in the parking queue.
  Labelled("new", Channel::kPhone, "parking");

  clock_.Set(t0 + absl::Minutes(3));
  engine_->Tick();
  // Only "first" escalates; nothing happens to "new" on old's deadline.
  for (const Event& e : EventsOf(EventType::kEscalated)) {
    EXPECT_EQ(e.contact_id, "first");
  }
  EXPECT_THAT(EventsOf(EventType::kEscalated), SizeIs(1));
  EXPECT_EQ(Queue("parking-phone").waiting, 1u);
}

// --- Statistics --------------------------------------------------------------

TEST_F(EngineTest, LatencyPercentilesFromKnownInputs) {
  Available("anna");
  // Contact i waits i x 10 s, gets a first response 5 s after it is
  // accepted and is resolved 10 s after that.
  for (int i = 1; i <= 20; ++i) {
    const std::string id = absl::StrCat("e-", i);
    Labelled(id, Channel::kEmail, "taxes");
    clock_.Advance(absl::Seconds(10 * i));
    ASSERT_THAT(engine_->Accept(id, "anna"), IsOk());
    clock_.Advance(absl::Seconds(5));
    ASSERT_THAT(engine_->FirstResponse(id), IsOk());
    clock_.Advance(absl::Seconds(10));
    ASSERT_THAT(engine_->Resolve(id, Outcome::kFavourable), IsOk());
  }
  const SegmentStats s = Total({.channel = Channel::kEmail});

  const LatencySummary& wait = s.of(Metric::kWait);
  EXPECT_EQ(wait.count, 20u);
  // Ranks: p50 the 10th (100 s), p90 the 18th (180 s), p99 the 20th.
  EXPECT_THAT(wait.p50, DurationNear(absl::Seconds(100), kHistogramPrecision));
  EXPECT_THAT(wait.p90, DurationNear(absl::Seconds(180), kHistogramPrecision));
  EXPECT_THAT(wait.p99, DurationNear(absl::Seconds(200), kHistogramPrecision));
  EXPECT_EQ(wait.max, absl::Seconds(200));
  EXPECT_EQ(wait.min, absl::Seconds(10));
  EXPECT_EQ(wait.mean, absl::Seconds(105));

  const LatencySummary& first = s.of(Metric::kFirstResponse);
  EXPECT_EQ(first.count, 20u);
  EXPECT_THAT(first.p50, DurationNear(absl::Seconds(105), kHistogramPrecision));
  EXPECT_EQ(first.max, absl::Seconds(205));

  const LatencySummary& handle = s.of(Metric::kHandle);
  EXPECT_EQ(handle.count, 20u);
  EXPECT_EQ(handle.min, absl::Seconds(15));
  EXPECT_EQ(handle.max, absl::Seconds(15));

  const LatencySummary& resolution = s.of(Metric::kResolution);
  EXPECT_THAT(resolution.p90,
              DurationNear(absl::Seconds(195), kHistogramPrecision));
  EXPECT_EQ(resolution.max, absl::Seconds(215));

  // Decided at once: the decide time is zero.
  EXPECT_EQ(s.of(Metric::kDecide).count, 20u);
  EXPECT_EQ(s.of(Metric::kDecide).max, absl::ZeroDuration());
  EXPECT_EQ(s.count(Counter::kResolved), 20u);
  EXPECT_EQ(s.count(Counter::kFavourable), 20u);
  EXPECT_THAT(s.right_first_time(), DoubleEq(1.0));
}

TEST_F(EngineTest, DecideTimeCountsFromReceivedAt) {
  Contact c = MakeContact("c-1", Channel::kPhone, "klacht");
  c.ivr_choice = "7";
  c.received_at = clock_.Now() - absl::Seconds(3);
  absl::StatusOr<Decision> d = engine_->Submit(c);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->sla_deadline, c.received_at + absl::Hours(48));
  EXPECT_EQ(Total().of(Metric::kDecide).max, absl::Seconds(3));
}

TEST_F(EngineTest, SlaMetAndMissed) {
  Available("anna");
  const absl::Duration waits[] = {absl::Seconds(10), absl::Seconds(30),
                                  absl::Seconds(45)};
  int i = 0;
  for (absl::Duration wait : waits) {
    const std::string id = absl::StrCat("t-", ++i);
    const absl::Time received = clock_.Now();
    absl::StatusOr<Decision> d = SubmitLabelled(id, Channel::kPhone, "taxes");
    ASSERT_THAT(d, IsOk());
    EXPECT_EQ(d->sla_deadline, received + absl::Seconds(30));  // Phone.
    clock_.Advance(wait);
    ASSERT_THAT(engine_->Accept(id, "anna"), IsOk());
    ASSERT_THAT(engine_->Resolve(id, Outcome::kNeutral), IsOk());
  }
  SegmentStats s = Total({.channel = Channel::kPhone});
  EXPECT_EQ(s.count(Counter::kSlaMet), 2u);  // 10 s, and 30 s exactly.
  EXPECT_EQ(s.count(Counter::kSlaMissed), 1u);
  EXPECT_THAT(s.sla_attainment(), DoubleEq(2.0 / 3.0));

  // The complaints queue overrides the channel's target with 48 hours.
  Contact ivr = MakeContact("c-1", Channel::kPhone, "klacht");
  ivr.ivr_choice = "7";
  const absl::Time received = clock_.Now();
  absl::StatusOr<Decision> d = engine_->Submit(ivr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->sla_deadline, received + absl::Hours(48));
  clock_.Advance(absl::Hours(1));
  Available("chris");
  ASSERT_THAT(engine_->Accept("c-1", "chris"), IsOk());
  s = Total({.department = "complaints"});
  EXPECT_EQ(s.count(Counter::kSlaMet), 1u);
  EXPECT_EQ(s.count(Counter::kSlaMissed), 0u);
}

TEST_F(EngineTest, StatsFilterByChannelAndDepartment) {
  Labelled("e-1", Channel::kEmail, "taxes");
  Labelled("e-2", Channel::kEmail, "taxes");
  Labelled("p-1", Channel::kPhone, "taxes");
  Labelled("e-3", Channel::kEmail, "parking");
  Contact ivr = MakeContact("c-1", Channel::kPhone, "klacht");
  ivr.ivr_choice = "7";
  ASSERT_THAT(engine_->Submit(ivr), IsOk());

  auto received = [&](const StatsFilter& f) {
    return Total(f).count(Counter::kReceived);
  };
  EXPECT_EQ(received({}), 5u);
  EXPECT_EQ(received({.channel = Channel::kEmail}), 3u);
  EXPECT_EQ(received({.channel = Channel::kPhone}), 2u);
  EXPECT_EQ(received({.channel = Channel::kChat}), 0u);
  EXPECT_EQ(received({.department = "taxes"}), 3u);
  EXPECT_EQ(received({.channel = Channel::kEmail, .department = "taxes"}), 2u);
  EXPECT_EQ(received({.channel = Channel::kPhone, .department = "parking"}),
            0u);
  EXPECT_EQ(received({.department = "no-such-department"}), 0u);

  const StatsSnapshot taxes = engine_->Stats({.department = "taxes"});
  EXPECT_EQ(taxes.total.department, "taxes");
  EXPECT_THAT(
      taxes.segments,
      UnorderedElementsAre(AllOf(Field(&SegmentStats::channel, Channel::kEmail),
                                 Field(&SegmentStats::department, "taxes")),
                           AllOf(Field(&SegmentStats::channel, Channel::kPhone),
                                 Field(&SegmentStats::department, "taxes"))));
  std::vector<std::pair<std::string, uint64_t>> waiting;
  for (const QueueStats& q : taxes.queues)
    waiting.emplace_back(q.queue, q.waiting);
  EXPECT_THAT(waiting, UnorderedElementsAre(Pair("taxes-phone", 1u),
                                            Pair("taxes-written", 2u),
                                            Pair("taxes-online", 0u)));

  const StatsSnapshot all = engine_->Stats({});
  EXPECT_THAT(all.segments,
              SizeIs(4));  // email/phone x taxes, parking, complaints
  EXPECT_THAT(all.queues, SizeIs(8));
  EXPECT_EQ(all.agents_offline, 4u);
  EXPECT_EQ(all.agents_available, 0u);
  ASSERT_THAT(engine_->SetPresence("anna", Presence::kAway), IsOk());
  Available("bram");
  const StatsSnapshot later = engine_->Stats({});
  EXPECT_EQ(later.agents_offline, 2u);
  EXPECT_EQ(later.agents_available, 1u);
  EXPECT_EQ(later.agents_away, 1u);
  EXPECT_EQ(later.taken_at, clock_.Now());
}

// --- Events ------------------------------------------------------------------

TEST_F(EngineTest, EventsOfOneContactsLifeInOrder) {
  const absl::Time t0 = clock_.Now();
  Available("anna");
  clock_.Advance(absl::Seconds(1));
  Labelled("e-1", Channel::kEmail, "taxes");
  clock_.Advance(absl::Seconds(1));
  ASSERT_THAT(engine_->Accept("e-1", "anna"), IsOk());
  clock_.Advance(absl::Seconds(1));
  ASSERT_THAT(engine_->FirstResponse("e-1"), IsOk());
  clock_.Advance(absl::Seconds(1));
  ASSERT_THAT(engine_->Resolve("e-1", Outcome::kFavourable), IsOk());

  ASSERT_THAT(events_, SizeIs(9));
  const Event& presence = events_[0];
  EXPECT_EQ(presence.type, EventType::kAgentPresence);
  EXPECT_EQ(presence.agent_id, "anna");
  EXPECT_EQ(presence.detail, PresenceName(Presence::kAvailable));
  EXPECT_EQ(presence.contact_id, "");

  EXPECT_THAT(TypesOf("e-1"),
              ElementsAre(EventType::kReceived, EventType::kClassified,
                          EventType::kDecided, EventType::kQueued,
                          EventType::kOffered, EventType::kAccepted,
                          EventType::kFirstResponse, EventType::kResolved));
  const Event& classified = events_[2];
  EXPECT_EQ(classified.detail, "taxes");
  EXPECT_THAT(events_[3].detail, HasSubstr("model"));  // Decided: the reason.
  const Event& queued = events_[4];
  EXPECT_EQ(queued.queue, "taxes-written");
  EXPECT_EQ(queued.department, "taxes");
  EXPECT_EQ(events_[5].agent_id, "anna");  // Offered.
  EXPECT_EQ(events_[6].agent_id, "anna");  // Accepted.
  const Event& resolved = events_[8];
  EXPECT_EQ(resolved.outcome, Outcome::kFavourable);
  EXPECT_EQ(resolved.agent_id, "anna");

  const absl::Time times[] = {t0,
                              t0 + absl::Seconds(1),
                              t0 + absl::Seconds(1),
                              t0 + absl::Seconds(1),
                              t0 + absl::Seconds(1),
                              t0 + absl::Seconds(1),
                              t0 + absl::Seconds(2),
                              t0 + absl::Seconds(3),
                              t0 + absl::Seconds(4)};
  for (size_t i = 0; i < events_.size(); ++i) {
    EXPECT_EQ(events_[i].time, times[i])
        << "event " << i << ": " << EventTypeName(events_[i].type);
  }

  // Without a prediction there is no "classified" event.
  ASSERT_THAT(engine_->Submit(MakeContact("e-2", Channel::kEmail, "vraag")),
              IsOk());
  EXPECT_THAT(TypesOf("e-2"),
              ElementsAre(EventType::kReceived, EventType::kDecided,
                          EventType::kQueued, EventType::kOffered));
}

// --- Errors ------------------------------------------------------------------

TEST_F(EngineTest, UnknownContactOrAgentIsNotFound) {
  Labelled("e-1", Channel::kEmail, "taxes");
  constexpr auto kNotFound = absl::StatusCode::kNotFound;
  EXPECT_THAT(engine_->Accept("nope", "anna"),
              StatusIs(kNotFound, HasSubstr("nope")));
  EXPECT_THAT(engine_->Accept("e-1", "zoe"),
              StatusIs(kNotFound, HasSubstr("zoe")));
  EXPECT_THAT(engine_->Reject("nope", "anna"),
              StatusIs(kNotFound, HasSubstr("nope")));
  EXPECT_THAT(engine_->Reject("e-1", "zoe"),
              StatusIs(kNotFound, HasSubstr("zoe")));
  EXPECT_THAT(engine_->SetPresence("zoe", Presence::kAvailable),
              StatusIs(kNotFound, HasSubstr("zoe")));
  EXPECT_THAT(engine_->FirstResponse("nope"),
              StatusIs(kNotFound, HasSubstr("nope")));
  EXPECT_THAT(engine_->Resolve("nope", Outcome::kNeutral),
              StatusIs(kNotFound, HasSubstr("nope")));
  EXPECT_THAT(engine_->Abandon("nope"), StatusIs(kNotFound, HasSubstr("nope")));
  EXPECT_THAT(engine_->RecordSatisfaction("nope", 5),
              StatusIs(kNotFound, HasSubstr("nope")));
}

TEST_F(EngineTest, StepsOutOfOrderAreFailedPrecondition) {
  constexpr auto kFailed = absl::StatusCode::kFailedPrecondition;
  Labelled("e-1", Channel::kEmail, "taxes");
  // Waiting, not offered to anyone.
  EXPECT_THAT(engine_->Accept("e-1", "anna"),
              StatusIs(kFailed, AllOf(HasSubstr("e-1"), HasSubstr("anna"),
                                      HasSubstr("waiting"))));
  EXPECT_THAT(engine_->Reject("e-1", "anna"),
              StatusIs(kFailed, HasSubstr("e-1")));
  EXPECT_THAT(engine_->FirstResponse("e-1"),
              StatusIs(kFailed, HasSubstr("waiting")));
  EXPECT_THAT(engine_->Resolve("e-1", Outcome::kFavourable),
              StatusIs(kFailed, HasSubstr("waiting")));

  Available("anna");
  // Offered to anna, not to dewi.
  EXPECT_THAT(engine_->Accept("e-1", "dewi"),
              StatusIs(kFailed, HasSubstr("dewi")));
  EXPECT_THAT(engine_->Resolve("e-1", Outcome::kFavourable),
              StatusIs(kFailed, HasSubstr("offered")));
  ASSERT_THAT(engine_->Accept("e-1", "anna"), IsOk());
  ASSERT_THAT(engine_->FirstResponse("e-1"), IsOk());
  EXPECT_THAT(engine_->FirstResponse("e-1"),
              StatusIs(kFailed, HasSubstr("first response")));
  EXPECT_THAT(engine_->Reject("e-1", "anna"),
              StatusIs(kFailed, HasSubstr("accepted")));
  ASSERT_THAT(engine_->Resolve("e-1", Outcome::kFavourable), IsOk());
  EXPECT_THAT(engine_->Resolve("e-1", Outcome::kFavourable),
              StatusIs(kFailed, HasSubstr("resolved")));
}

TEST_F(EngineTest, DuplicateIdIsAlreadyExists) {
  Labelled("e-1", Channel::kEmail, "taxes");
  EXPECT_THAT(SubmitLabelled("e-1", Channel::kPhone, "waste"),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("e-1")));
  EXPECT_THAT(engine_->Submit(MakeContact("e-1", Channel::kChat, "hallo")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("e-1")));
  // The first contact is untouched.
  EXPECT_EQ(Total().count(Counter::kReceived), 1u);
  EXPECT_EQ(Queue("taxes-written").waiting, 1u);
  EXPECT_EQ(Queue("waste").waiting, 0u);
}

TEST_F(EngineTest, InvalidContactIsInvalidArgumentNamingTheField) {
  constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;
  EXPECT_THAT(
      engine_->Submit(MakeContact("c-1", Channel::kEmail, "caf\xC3 au lait")),
      StatusIs(kInvalid,
               AllOf(HasSubstr("c-1"), HasSubstr("body"), HasSubstr("UTF-8"))));
  Contact subject = MakeContact("c-2", Channel::kEmail, "ok");
  subject.subject = "\xFF\xFE";
  EXPECT_THAT(
      engine_->Submit(subject),
      StatusIs(kInvalid, AllOf(HasSubstr("c-2"), HasSubstr("subject"))));
  EXPECT_THAT(engine_->Submit(MakeContact("", Channel::kEmail, "hallo")),
              StatusIs(kInvalid, AllOf(HasSubstr("id"), HasSubstr("empty"))));
  EXPECT_THAT(
      engine_->Submit(MakeContact("c-3", Channel::kUnspecified, "x")),
      StatusIs(kInvalid, AllOf(HasSubstr("c-3"), HasSubstr("channel"))));

  const Prediction p = MakePrediction("taxes", 0.9f);
  const Contact no_id = MakeContact("", Channel::kEmail, "hallo");
  EXPECT_THAT(engine_->SubmitClassified(no_id, NormalizedOf(no_id), &p),
              StatusIs(kInvalid, AllOf(HasSubstr("id"), HasSubstr("empty"))));
  const Contact no_channel = MakeContact("c-4", Channel::kUnspecified, "x");
  EXPECT_THAT(
      engine_->SubmitClassified(no_channel, NormalizedOf(no_channel), &p),
      StatusIs(kInvalid, AllOf(HasSubstr("c-4"), HasSubstr("channel"))));

  // Nothing was taken.
  EXPECT_THAT(events_, IsEmpty());
  EXPECT_EQ(Total().count(Counter::kReceived), 0u);
  // Preview checks the same way.
  EXPECT_THAT(
      engine_->Preview(MakeContact("c-5", Channel::kEmail, "caf\xC3 au lait")),
      StatusIs(kInvalid, HasSubstr("body")));
}

TEST(EngineCreateTest, BadConfigIsRefusedNamingTheProblem) {
  FakeClock clock;
  auto create = [&](EngineConfig config, int alternatives = 3) {
    EngineOptions options;
    options.config = std::move(config);
    options.clock = &clock;
    options.alternatives = alternatives;
    return Engine::Create(std::move(options));
  };
  ASSERT_THAT(create(TestConfig()), IsOk());

  constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;
  EngineConfig unknown_department = TestConfig();
  QueueNamed(unknown_department, "waste").department = "wastes";
  EXPECT_THAT(create(unknown_department),
              StatusIs(kInvalid, AllOf(HasSubstr("waste"),
                                       HasSubstr("unknown department"))));

  EngineConfig duplicate_agent = TestConfig();
  duplicate_agent.agents.push_back(duplicate_agent.agents.front());
  EXPECT_THAT(create(duplicate_agent), StatusIs(kInvalid, HasSubstr("anna")));

  EngineConfig unknown_skill = TestConfig();
  AgentNamed(unknown_skill, "bram").skills.push_back({"juggling", 2});
  EXPECT_THAT(create(unknown_skill), StatusIs(kInvalid, HasSubstr("juggling")));

  EngineConfig bad_overflow = TestConfig();
  QueueNamed(bad_overflow, "taxes-phone").escalation[1].overflow_queue =
      "nowhere";
  EXPECT_THAT(create(bad_overflow), StatusIs(kInvalid, HasSubstr("nowhere")));

  EngineConfig bad_regex = TestConfig();
  bad_regex.rules[0].when.text_pattern = "(unclosed";
  EXPECT_THAT(create(bad_regex),
              StatusIs(kInvalid, HasSubstr(bad_regex.rules[0].name)));

  EngineConfig no_triage = TestConfig();
  no_triage.thresholds.triage_queue = "";
  EXPECT_THAT(create(no_triage), StatusIs(kInvalid, HasSubstr("triage_queue")));

  // Overflow steps that lead back to where they started would move a
  // contact round the cycle forever: every queue's steps count from the
  // first queueing, so once all are past they would all fire in one Tick.
  EngineConfig cycle = TestConfig();
  QueueNamed(cycle, "triage").escalation = {{.after = absl::Minutes(15),
                                             .kind = EscalationKind::kOverflow,
                                             .overflow_queue = "taxes-phone"}};
  EXPECT_THAT(create(cycle), StatusIs(kInvalid, AllOf(HasSubstr("taxes-phone"),
                                                      HasSubstr("triage"),
                                                      HasSubstr("cycle"))));

  EXPECT_THAT(create(TestConfig(), /*alternatives=*/0),
              StatusIs(kInvalid, HasSubstr("alternatives")));
}

// --- An embedder with a trained model ---------------------------------------

TEST(EngineEmbedderTest, SubmitClassifiesWithTheEnginesModel) {
  absl::StatusOr<std::unique_ptr<Classifier>> model =
      Classifier::Train(test_util::TinyExamples(), ClassifierOptions());
  ASSERT_THAT(model, IsOk());
  std::shared_ptr<const Classifier> classifier = *std::move(model);

  FakeClock clock;
  EngineOptions options;
  options.config = TestConfig();
  options.classifier = classifier;
  options.clock = &clock;
  absl::StatusOr<std::unique_ptr<Engine>> created =
      Engine::Create(std::move(options));
  ASSERT_THAT(created, IsOk());
  Engine& engine = **created;

  const Contact bin = MakeContact("c-1", Channel::kEmail,
                                  "the garbage bin was not emptied this week");
  absl::StatusOr<Decision> d = engine.Submit(bin);
  ASSERT_THAT(d, IsOk());
  // The engine's decision carries its model's prediction.
  // The engine normalizes with the default options before classifying.
  absl::StatusOr<NormalizedContact> normalized =
      Normalize(bin, NormalizeOptions());
  ASSERT_THAT(normalized, IsOk());
  const Prediction expected = classifier->Classify(*normalized, 3);
  EXPECT_EQ(d->label, "waste");
  EXPECT_EQ(d->label, expected.label);
  EXPECT_THAT(d->confidence, FloatEq(expected.confidence));
  EXPECT_THAT(d->alternatives, SizeIs(3));
  // Training is seeded, so the model is the same on every run: sure enough
  // (0.98) to route without triage.
  EXPECT_GE(expected.confidence, 0.5f);
  EXPECT_EQ(d->action, DecisionAction::kRoute);
  EXPECT_EQ(d->department, "waste");
  EXPECT_THAT(d->reason, HasSubstr("model"));

  // "passport" belongs to no department here (and there is no default).
  absl::StatusOr<Decision> passport = engine.Submit(MakeContact(
      "c-2", Channel::kEmail, "my passport has expired and I need a new one"));
  ASSERT_THAT(passport, IsOk());
  EXPECT_EQ(passport->label, "passport");
  EXPECT_EQ(passport->action, DecisionAction::kTriage);

  ASSERT_THAT(engine.SetPresence("bram", Presence::kAvailable), IsOk());
  EXPECT_THAT(engine.Accept("c-1", "bram"), IsOk());
}

// --- Threads -----------------------------------------------------------------

TEST(EngineConcurrencyTest, ThreadsSubmittingDisjointContactsAreAllCounted) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  const char* const kLabels[kThreads] = {"taxes", "parking", "waste",
                                         "complaints"};
  FakeClock clock;
  EngineOptions options;
  options.config = TestConfig();
  options.clock = &clock;
  absl::StatusOr<std::unique_ptr<Engine>> created =
      Engine::Create(std::move(options));
  ASSERT_THAT(created, IsOk());
  Engine& engine = **created;
  // Listeners run under the engine's lock, but count atomically anyway.
  std::atomic<uint64_t> received_events{0};
  engine.AddListener([&](const Event& e) {
    if (e.type == EventType::kReceived) {
      received_events.fetch_add(1, std::memory_order_relaxed);
    }
  });
  // Some agents take work while others submit.
  ASSERT_THAT(engine.SetPresence("dewi", Presence::kAvailable), IsOk());
  ASSERT_THAT(engine.SetPresence("bram", Presence::kAvailable), IsOk());

  std::atomic<int> failures{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Prediction p = MakePrediction(kLabels[t], 0.9f);
      for (int i = 0; i < kPerThread; ++i) {
        const Contact c = MakeContact(absl::StrCat("t", t, "-", i),
                                      Channel::kEmail, "some text");
        if (!engine.SubmitClassified(c, NormalizedOf(c), &p).ok()) {
          failures.fetch_add(1);
        }
        if (i % 500 == 0) clock.Advance(absl::Milliseconds(1));
      }
    });
  }
  // A reader takes snapshots meanwhile; counts never go down.
  std::thread reader([&] {
    uint64_t last = 0;
    while (!done.load()) {
      const uint64_t now = engine.Stats({}).total.count(Counter::kReceived);
      if (now < last) failures.fetch_add(1);
      last = now;
      engine.Tick();
    }
  });
  for (std::thread& t : threads) t.join();
  done.store(true);
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  const StatsSnapshot s = engine.Stats({});
  constexpr uint64_t kTotal = kThreads * kPerThread;
  EXPECT_EQ(s.total.count(Counter::kReceived), kTotal);
  EXPECT_EQ(s.total.count(Counter::kRouted), kTotal);
  EXPECT_EQ(s.total.count(Counter::kQueued), kTotal);
  EXPECT_EQ(s.total.of(Metric::kDecide).count, kTotal);
  EXPECT_EQ(received_events.load(), kTotal);
  for (const char* department : kLabels) {
    EXPECT_EQ(engine.Stats({.department = department})
                  .total.count(Counter::kReceived),
              static_cast<uint64_t>(kPerThread))
        << department;
  }
  uint64_t waiting = 0;
  for (const QueueStats& q : s.queues) waiting += q.waiting;
  EXPECT_EQ(waiting + s.total.count(Counter::kOffered), kTotal);
}

}  // namespace
}  // namespace switchboard

namespace switchboard {
namespace {

// Found in review: each of these used to go wrong.
TEST_F(EngineTest,
       AContactFarBackInAQueueIsNotStarvedByOnesTheAgentCannotTake) {
  // The waste queue takes every channel. 70 calls wait ahead of one email;
  // bram takes one call at a time, so when he comes in he gets the first
  // call and then the email, however far back it is.
  for (int i = 0; i < 70; ++i) {
    Labelled(absl::StrCat("w-", i), Channel::kPhone, "waste");
  }
  Labelled("mail", Channel::kEmail, "waste");
  Available("bram");
  EXPECT_THAT(Offers(),
              ElementsAre(Offer("w-0", "bram"), Offer("mail", "bram")));
}

TEST_F(EngineTest, AnOverdueOverflowDoesNotUndoATransfer) {
  // x waits in triage 11 minutes, then a person transfers it to taxes,
  // whose phone queue overflows to triage after 10 minutes of waiting.
  ASSERT_THAT(engine_->Submit(MakeContact("x", Channel::kPhone, "hallo")),
              IsOk());
  ASSERT_EQ(Queue("triage").waiting, 1u);
  AdvanceAndTick(absl::Minutes(11));
  ASSERT_THAT(engine_->Transfer("x", "taxes", "tax question"), IsOk());
  AdvanceAndTick(absl::Seconds(1));
  EXPECT_EQ(Queue("taxes-phone").waiting, 1u);
  EXPECT_EQ(Queue("triage").waiting, 0u);
}

TEST_F(EngineTest, AChannelOutsideTheEnumIsRefused) {
  Contact c = MakeContact("bad", Channel::kPhone, "hallo");
  c.channel = static_cast<Channel>(8);
  absl::StatusOr<Decision> d = engine_->Submit(c);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(d.status().message()), HasSubstr("channel"));
  d = engine_->SubmitClassified(c, NormalizedOf(c), nullptr);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(EngineTest, AbandonmentCountsEachContactOnce) {
  // Rejected once (back to the queue), then abandoned: one queued contact,
  // one abandonment.
  Labelled("w-1", Channel::kPhone, "waste");
  Available("bram");
  ASSERT_THAT(engine_->Reject("w-1", "bram"), IsOk());
  ASSERT_THAT(engine_->Abandon("w-1"), IsOk());
  const SegmentStats t = Total();
  EXPECT_EQ(t.count(Counter::kQueued), 1u);
  EXPECT_EQ(t.count(Counter::kAbandoned), 1u);
  EXPECT_DOUBLE_EQ(t.abandonment_rate(), 1.0);
}

}  // namespace
}  // namespace switchboard
