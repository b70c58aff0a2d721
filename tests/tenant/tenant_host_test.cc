// Copyright 2026 The Switchboard Authors.
//
// The host of tenants, driven the way an embedder hosting many contact
// centres would: create tenants, route in each, update, limit, delete.
// Time moves only on FakeClocks; nothing sleeps.

#include "switchboard/tenant/tenant_host.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "route/route_testing.h"
#include "switchboard/clock.h"
#include "switchboard/events/event.h"
#include "switchboard/stats/stats.h"
#include "switchboard/tenant/tenant.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::MakeContact;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TestConfig;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

class TenantHostTest : public ::testing::Test {
 protected:
  // Rules only (no classifier): every contact goes to triage, where dewi
  // (every department's skill) takes it.
  TenantOptions Options(FakeClock* clock, TenantLimits limits = {}) {
    TenantOptions o;
    o.engine.config = TestConfig();
    o.engine.clock = clock;
    o.limits = limits;
    return o;
  }

  std::shared_ptr<Tenant> MustCreate(absl::string_view name, TenantOptions o) {
    absl::StatusOr<std::shared_ptr<Tenant>> t =
        host_.CreateTenant(name, std::move(o));
    EXPECT_THAT(t.status(), IsOk());
    return t.ok() ? *t : nullptr;
  }

  static absl::StatusOr<Decision> Submit(Tenant& t, absl::string_view id) {
    return t.Submit(MakeContact(id, Channel::kEmail,
                                absl::StrCat("Een vraag, contact ", id)));
  }

  static uint64_t Received(Tenant& t) {
    return t.engine().Stats({}).total.count(Counter::kReceived);
  }

  FakeClock clock_a_, clock_b_;
  TenantHost host_;
};

TEST_F(TenantHostTest, TenantsAreSealedOffFromEachOther) {
  std::shared_ptr<Tenant> a = MustCreate("gemeente-a", Options(&clock_a_));
  std::shared_ptr<Tenant> b = MustCreate("gemeente-b", Options(&clock_b_));
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);

  ASSERT_THAT(Submit(*a, "c-1").status(), IsOk());
  ASSERT_THAT(Submit(*a, "c-2").status(), IsOk());
  // The same id in b is another contact, with other text: no conflict.
  ASSERT_THAT(b->Submit(MakeContact("c-1", Channel::kPhone, "iets anders"))
                  .status(),
              IsOk());
  EXPECT_THAT(b->engine().GetContact("c-2").status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("c-2")));
  EXPECT_EQ(a->engine().GetContact("c-1")->channel, Channel::kEmail);
  EXPECT_EQ(b->engine().GetContact("c-1")->channel, Channel::kPhone);
  EXPECT_EQ(Received(*a), 2u);
  EXPECT_EQ(Received(*b), 1u);

  // An agent registered in a is unknown to b.
  AgentConfig eva;
  eva.id = "eva";
  eva.skills = {{"dutch", 3}};
  ASSERT_THAT(a->engine().RegisterAgent(eva).status(), IsOk());
  EXPECT_THAT(b->engine().SetPresence("eva", Presence::kAvailable),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("eva")));

  EXPECT_THAT(host_.TenantNames(), ElementsAre("gemeente-a", "gemeente-b"));
  std::vector<TenantInfo> list = host_.ListTenants();
  ASSERT_THAT(list, SizeIs(2));
  EXPECT_EQ(list[0].name, "gemeente-a");
  EXPECT_EQ(list[0].open_contacts, 2u);
  EXPECT_EQ(list[1].open_contacts, 1u);
  EXPECT_EQ(list[0].engine.agents, list[1].engine.agents + 1);
}

TEST_F(TenantHostTest, NamesAreCheckedAndUnknownTenantsNamed) {
  EXPECT_THAT(host_.CreateTenant("Gemeente A", Options(&clock_a_)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"Gemeente A\"")));
  EXPECT_THAT(host_.Find("nope").status(),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("tenant nope not found")));
  EXPECT_THAT(host_.Find("no/pe").status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no/pe")));
  MustCreate("a", Options(&clock_a_));
  EXPECT_THAT(host_.CreateTenant("a", Options(&clock_a_)).status(),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       HasSubstr("tenant a exists already")));
  EXPECT_THAT(host_.UpdateTenant("b", {}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("tenant b")));
  EXPECT_THAT(host_.DeleteTenant("b", true).status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("tenant b")));
}

TEST_F(TenantHostTest, ABadConfigurationIsRefusedForThatTenantAlone) {
  std::shared_ptr<Tenant> a = MustCreate("a", Options(&clock_a_));
  TenantOptions bad = Options(&clock_b_);
  bad.engine.config.queues[0].department = "no-such-department";
  EXPECT_THAT(host_.CreateTenant("b", std::move(bad)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("tenant b: "),
                             HasSubstr("no-such-department"))));
  EXPECT_THAT(host_.TenantNames(), ElementsAre("a"));
  EXPECT_THAT(Submit(*a, "c-1").status(), IsOk());

  // An update with a bad configuration changes nothing either.
  TenantUpdate update;
  update.reload = ReloadOptions{TestConfig(), std::nullopt, std::nullopt};
  update.reload->config.queues[0].department = "no-such-department";
  update.limits = TenantLimits{.max_open_contacts = 1};
  EXPECT_THAT(host_.UpdateTenant("a", std::move(update)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tenant a: ")));
  EXPECT_EQ(a->engine().Info().generation, 1u);
  EXPECT_EQ(a->limits().max_open_contacts, 0);

  TenantUpdate good;
  good.reload = ReloadOptions{TestConfig(), std::nullopt, std::nullopt};
  good.limits = TenantLimits{.max_open_contacts = 5};
  EXPECT_THAT(host_.UpdateTenant("a", std::move(good)), IsOk());
  EXPECT_EQ(a->engine().Info().generation, 2u);
  EXPECT_EQ(a->limits().max_open_contacts, 5);
  EXPECT_EQ(a->open_contacts(), 1u);  // The contact stayed.

  TenantUpdate negative;
  negative.limits = TenantLimits{.calls_per_second = -1};
  EXPECT_THAT(host_.UpdateTenant("a", std::move(negative)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("limits.calls_per_second")));
}

TEST_F(TenantHostTest, DeletingATenantWithOpenContactsNeedsForce) {
  std::shared_ptr<Tenant> a = MustCreate("a", Options(&clock_a_));
  std::vector<Event> abandoned;
  a->AddListener([&](const Event& e) {
    if (e.type == EventType::kAbandoned) abandoned.push_back(e);
  });
  ASSERT_THAT(Submit(*a, "waiting").status(), IsOk());
  ASSERT_THAT(a->engine().SetPresence("dewi", Presence::kAvailable), IsOk());
  ASSERT_THAT(Submit(*a, "accepted").status(), IsOk());
  // dewi was offered the oldest first; take both in turn.
  ASSERT_EQ(a->engine().GetContact("waiting")->state, ContactState::kOffered);
  ASSERT_THAT(a->engine().Accept("waiting", "dewi"), IsOk());
  ASSERT_THAT(a->engine().Resolve("waiting", Outcome::kNeutral), IsOk());
  ASSERT_THAT(a->engine().Accept("accepted", "dewi"), IsOk());
  ASSERT_THAT(Submit(*a, "queued").status(), IsOk());
  EXPECT_EQ(a->open_contacts(), 2u);

  EXPECT_THAT(host_.DeleteTenant("a", /*force=*/false).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("tenant a holds 2 open contacts")));
  EXPECT_THAT(a->Admit(), IsOk());  // Still serving.
  EXPECT_THAT(host_.Find("a").status(), IsOk());

  absl::StatusOr<size_t> gone = host_.DeleteTenant("a", /*force=*/true);
  ASSERT_THAT(gone.status(), IsOk());
  EXPECT_EQ(*gone, 2u);
  EXPECT_THAT(abandoned,
              UnorderedElementsAre(
                  AllOf(Field(&Event::contact_id, "accepted"),
                        Field(&Event::agent_id, "dewi"),
                        Field(&Event::detail, "tenant deleted")),
                  AllOf(Field(&Event::contact_id, "queued"),
                        Field(&Event::detail, "tenant deleted"))));
  EXPECT_EQ(a->open_contacts(), 0u);
  EXPECT_THAT(host_.Find("a").status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("tenant a")));
  // A caller that found it before keeps a valid object that refuses.
  EXPECT_THAT(a->Admit(), StatusIs(absl::StatusCode::kNotFound,
                                   HasSubstr("tenant a not found")));
  EXPECT_THAT(host_.TenantNames(), SizeIs(0));

  // An empty tenant goes without force; the name can be used again.
  MustCreate("a", Options(&clock_a_));
  EXPECT_THAT(host_.DeleteTenant("a", false).status(), IsOk());
}

TEST_F(TenantHostTest, TheOpenContactsLimitRefusesNamingTenantAndLimit) {
  std::shared_ptr<Tenant> a =
      MustCreate("a", Options(&clock_a_, {.max_open_contacts = 3}));
  std::shared_ptr<Tenant> b = MustCreate("b", Options(&clock_b_));
  for (int i = 0; i < 3; ++i) {
    ASSERT_THAT(Submit(*a, absl::StrCat("c-", i)).status(), IsOk());
  }
  EXPECT_THAT(Submit(*a, "c-3").status(),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("tenant a"), HasSubstr("limit of 3"),
                             HasSubstr("max_open_contacts"),
                             HasSubstr("c-3"))));
  EXPECT_THAT(a->engine().GetContact("c-3").status(),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  // A contact held already gets its decision again.
  EXPECT_THAT(Submit(*a, "c-1").status(), IsOk());
  // The other tenant is not limited by a's contacts.
  for (int i = 0; i < 10; ++i) {
    ASSERT_THAT(Submit(*b, absl::StrCat("c-", i)).status(), IsOk());
  }
  // One finished frees a place.
  ASSERT_THAT(a->engine().Abandon("c-0"), IsOk());
  EXPECT_THAT(Submit(*a, "c-3").status(), IsOk());
  EXPECT_THAT(Submit(*a, "c-4").status(),
              StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));
  EXPECT_EQ(a->Info().refused_contacts, 2u);
}

TEST_F(TenantHostTest, TheCallsPerSecondLimitIsATokenBucketOnTheClock) {
  std::shared_ptr<Tenant> a =
      MustCreate("a", Options(&clock_a_, {.calls_per_second = 5}));
  std::shared_ptr<Tenant> b = MustCreate("b", Options(&clock_b_));
  int ok = 0;
  absl::Status refused;
  for (int i = 0; i < 50; ++i) {  // 10x the limit within one instant.
    absl::Status s = Submit(*a, absl::StrCat("c-", i)).status();
    if (s.ok()) {
      ++ok;
    } else {
      refused = s;
    }
  }
  EXPECT_EQ(ok, 5);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kResourceExhausted,
                                AllOf(HasSubstr("tenant a"),
                                      HasSubstr("limit of 5 calls per second"))));
  EXPECT_EQ(Received(*a), 5u);  // Refused calls changed nothing.
  EXPECT_EQ(a->Info().refused_calls, 45u);
  // The other tenant's calls all succeed meanwhile.
  for (int i = 0; i < 50; ++i) {
    ASSERT_THAT(Submit(*b, absl::StrCat("c-", i)).status(), IsOk());
  }
  EXPECT_THAT(a->Admit(), StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));
  clock_a_.Advance(absl::Milliseconds(200));  // One more token.
  EXPECT_THAT(a->Admit(), IsOk());
  EXPECT_THAT(a->Admit(), StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));

  // The limit changes with UpdateTenant.
  TenantUpdate lift;
  lift.limits = TenantLimits{};
  ASSERT_THAT(host_.UpdateTenant("a", std::move(lift)), IsOk());
  for (int i = 0; i < 100; ++i) ASSERT_THAT(a->Admit(), IsOk());
}

TEST_F(TenantHostTest, TickFiresEachTenantsTimersOnItsOwnClock) {
  std::shared_ptr<Tenant> a = MustCreate("a", Options(&clock_a_));
  std::shared_ptr<Tenant> b = MustCreate("b", Options(&clock_b_));
  for (Tenant* t : {a.get(), b.get()}) {
    ASSERT_THAT(t->engine().SetPresence("dewi", Presence::kAvailable), IsOk());
    ASSERT_THAT(Submit(*t, "c-1").status(), IsOk());
    ASSERT_EQ(t->engine().GetContact("c-1")->state, ContactState::kOffered);
  }
  EXPECT_LT(host_.NextDeadline(), absl::InfiniteFuture());
  clock_a_.Advance(absl::Minutes(5));  // a's offer times out; b's does not.
  host_.Tick();
  auto timed_out = [](Tenant& t) {
    return t.engine().Stats({}).total.count(Counter::kOfferTimedOut);
  };
  EXPECT_GE(timed_out(*a), 1u);
  EXPECT_EQ(timed_out(*b), 0u);
}

TEST_F(TenantHostTest, TenantsOnThreadsEachGetAllTheirCallsThrough) {
  constexpr int kTenants = 4, kContacts = 500;
  std::vector<std::unique_ptr<FakeClock>> clocks;
  for (int t = 0; t < kTenants; ++t) {
    clocks.push_back(std::make_unique<FakeClock>());
    MustCreate(absl::StrCat("t", t), Options(clocks.back().get()));
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kTenants; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kContacts; ++i) {
        // Look up per call, as the service does.
        absl::StatusOr<std::shared_ptr<Tenant>> tenant =
            host_.Find(absl::StrCat("t", t));
        if (!tenant.ok() || !Submit(**tenant, absl::StrCat("c-", i)).ok()) {
          failures.fetch_add(1);
        }
      }
    });
  }
  // Meanwhile: list, update and create another (none of it blocks them).
  for (int i = 0; i < 20; ++i) {
    host_.ListTenants();
    TenantUpdate u;
    u.limits = TenantLimits{};
    EXPECT_THAT(host_.UpdateTenant("t0", std::move(u)), IsOk());
  }
  FakeClock extra;
  MustCreate("extra", Options(&extra));
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 0; t < kTenants; ++t) {
    absl::StatusOr<std::shared_ptr<Tenant>> tenant =
        host_.Find(absl::StrCat("t", t));
    ASSERT_THAT(tenant.status(), IsOk());
    EXPECT_EQ(Received(**tenant), static_cast<uint64_t>(kContacts));
  }
}

TEST_F(TenantHostTest, DeletingATenantWhileItsCallsRunIsSafe) {
  MustCreate("busy", Options(&clock_a_));
  std::shared_ptr<Tenant> other = MustCreate("other", Options(&clock_b_));
  constexpr int kThreads = 3, kCalls = 400;
  std::atomic<int> ok{0}, gone{0}, other_failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        absl::StatusOr<std::shared_ptr<Tenant>> busy = host_.Find("busy");
        absl::StatusOr<Decision> d =
            busy.ok() ? Submit(**busy, absl::StrCat("c-", t, "-", i))
                      : absl::StatusOr<Decision>(busy.status());
        if (d.ok()) {
          ok.fetch_add(1);
        } else if (d.status().code() == absl::StatusCode::kNotFound) {
          gone.fetch_add(1);
        }
        if (!Submit(*other, absl::StrCat("o-", t, "-", i)).ok()) {
          other_failures.fetch_add(1);
        }
      }
    });
  }
  // Once some calls went through (bounded: the threads end by themselves).
  for (int i = 0; i < 100'000 && ok.load() < 50; ++i) std::this_thread::yield();
  absl::StatusOr<size_t> abandoned = host_.DeleteTenant("busy", /*force=*/true);
  for (std::thread& t : threads) t.join();
  ASSERT_THAT(abandoned.status(), IsOk());
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(ok.load() + gone.load(), kThreads * kCalls);
  EXPECT_EQ(other_failures.load(), 0);
  EXPECT_EQ(Received(*other), static_cast<uint64_t>(kThreads * kCalls));
  EXPECT_THAT(host_.Find("busy").status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("busy")));
}

TEST_F(TenantHostTest, EachTenantsJournalBringsBackOnlyItsOwnContacts) {
  const std::string root = absl::StrCat(::testing::TempDir(), "/tenant_host_",
                                        ::getpid());
  std::filesystem::remove_all(root);
  auto with_journal = [&](FakeClock* clock, const std::string& name) {
    TenantOptions o = Options(clock);
    o.engine.customer_key = SipHashKey{1, 2};
    o.journal = journal::JournalOptions{};
    o.journal->dir = absl::StrCat(root, "/", name);
    return o;
  };
  {
    TenantHost first;
    absl::StatusOr<std::shared_ptr<Tenant>> a =
        first.CreateTenant("a", with_journal(&clock_a_, "a"));
    absl::StatusOr<std::shared_ptr<Tenant>> b =
        first.CreateTenant("b", with_journal(&clock_b_, "b"));
    ASSERT_THAT(a.status(), IsOk());
    ASSERT_THAT(b.status(), IsOk());
    ASSERT_THAT(Submit(**a, "a-1").status(), IsOk());
    ASSERT_THAT(Submit(**a, "a-2").status(), IsOk());
    ASSERT_THAT(Submit(**b, "b-1").status(), IsOk());
  }
  TenantHost second;
  absl::StatusOr<std::shared_ptr<Tenant>> a =
      second.CreateTenant("a", with_journal(&clock_a_, "a"));
  absl::StatusOr<std::shared_ptr<Tenant>> b =
      second.CreateTenant("b", with_journal(&clock_b_, "b"));
  ASSERT_THAT(a.status(), IsOk());
  ASSERT_THAT(b.status(), IsOk());
  ASSERT_TRUE((*a)->recovery().has_value());
  EXPECT_GT((*a)->recovery()->replayed_records, 0u);
  EXPECT_EQ((*a)->recovery()->replay_errors, 0u);
  EXPECT_THAT((*a)->OpenContactIds(), UnorderedElementsAre("a-1", "a-2"));
  EXPECT_THAT((*b)->OpenContactIds(), UnorderedElementsAre("b-1"));
  EXPECT_THAT((*b)->engine().GetContact("a-1").status(),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  std::filesystem::remove_all(root);
}

TEST_F(TenantHostTest, ATenantOwnsItsJournal) {
  TenantOptions o = Options(&clock_a_);
  journal::JournalOptions jo;
  jo.dir = "/unused";
  journal::Journal outside(jo);
  o.engine.journal = &outside;
  EXPECT_THAT(host_.CreateTenant("a", std::move(o)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("TenantOptions::journal")));
}

}  // namespace
}  // namespace switchboard
