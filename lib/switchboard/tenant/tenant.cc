// Copyright 2026 The Switchboard Authors.

#include "switchboard/tenant/tenant.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "switchboard/tenant/tenant_name.h"

namespace switchboard {
namespace {

// The detail of the abandonments a forced deletion makes.
constexpr absl::string_view kDeletedDetail = "tenant deleted";

}  // namespace

absl::Status ValidateTenantLimits(const TenantLimits& limits) {
  if (limits.max_open_contacts < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("limits.max_open_contacts: ", limits.max_open_contacts,
                     " is negative (0 = no limit)"));
  }
  if (!std::isfinite(limits.calls_per_second) || limits.calls_per_second < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("limits.calls_per_second: ", limits.calls_per_second,
                     " is not a finite number of at least 0 (0 = no limit)"));
  }
  if (!std::isfinite(limits.burst) || limits.burst < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("limits.burst: ", limits.burst,
                     " is not a finite number of at least 0"));
  }
  return absl::OkStatus();
}

Tenant::Tenant(std::string name, Clock* clock, const TenantLimits& limits)
    : name_(std::move(name)),
      clock_(clock),
      bucket_(limits.calls_per_second, limits.burst, clock),
      max_open_(limits.max_open_contacts),
      limits_(limits) {}

Tenant::~Tenant() {
  // The engine first: it calls OnEvent until it is gone. Then the journal
  // (writes out what was appended).
  engine_.reset();
  journal_.reset();
}

absl::StatusOr<std::unique_ptr<Tenant>> Tenant::Create(std::string name,
                                                       TenantOptions options) {
  if (options.engine.journal != nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "tenant ", name,
        ": EngineOptions::journal must be null (a tenant owns its journal: "
        "TenantOptions::journal)"));
  }
  if (absl::Status s = ValidateTenantLimits(options.limits); !s.ok()) {
    return TenantError(name, s);
  }
  Clock* clock =
      options.engine.clock != nullptr ? options.engine.clock : SystemClock();
  options.engine.clock = clock;
  std::unique_ptr<Tenant> tenant(
      new Tenant(std::move(name), clock, options.limits));
  if (options.journal) {
    journal::JournalOptions jo = *options.journal;
    jo.text_retention = options.engine.config.retention.contact_text;
    if (jo.clock == nullptr) jo.clock = clock;
    tenant->journal_ = std::make_unique<journal::Journal>(jo);
    options.engine.journal = tenant->journal_.get();
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(std::move(options.engine));
  if (!engine.ok()) return TenantError(tenant->name_, engine.status());
  tenant->engine_ = *std::move(engine);
  Tenant* t = tenant.get();
  // Before the replay, so that the replayed open contacts are counted.
  tenant->engine_->AddListener([t](const Event& e) { t->OnEvent(e); });
  if (tenant->journal_ != nullptr) {
    TenantRecovery recovery;
    recovery.dir = tenant->journal_->options().dir;
    const absl::Time began = absl::Now();
    absl::StatusOr<journal::ReadReport> read =
        tenant->journal_->Open([&](const journal::Record& r) {
          if (absl::Status s = t->engine_->Replay(r); !s.ok()) {
            // A record this configuration cannot apply: reported, and the
            // rest goes on (as a single-tenant server does).
            if (++recovery.replay_errors <= 20) {
              recovery.problems.push_back(
                  absl::StrCat("replay of a ", journal::RecordTypeName(r.type),
                               " record failed: ", s.message()));
            }
          }
          return absl::OkStatus();
        });
    if (!read.ok()) return TenantError(tenant->name_, read.status());
    recovery.replay_time = absl::Now() - began;
    recovery.replayed_records = read->records;
    recovery.cut_bytes = read->cut_bytes;
    recovery.problems.insert(recovery.problems.begin(), read->problems.begin(),
                             read->problems.end());
    tenant->recovery_ = std::move(recovery);
  }
  return tenant;
}

void Tenant::OnEvent(const Event& e) {
  switch (e.type) {
    case EventType::kQueued: {
      absl::MutexLock lock(&open_mu_);
      if (open_.insert(e.contact_id).second) open_count_.fetch_add(1);
      break;
    }
    case EventType::kResolved:
    case EventType::kAbandoned: {
      absl::MutexLock lock(&open_mu_);
      if (open_.erase(e.contact_id) > 0) open_count_.fetch_sub(1);
      break;
    }
    default:
      break;
  }
  if (e.type == EventType::kAbandoned && deleting_.load()) {
    Event tagged = e;
    tagged.detail = std::string(kDeletedDetail);
    Notify(tagged);
    return;
  }
  Notify(e);
}

void Tenant::Notify(const Event& e) {
  absl::ReaderMutexLock lock(&listeners_mu_);
  for (const EventListener& l : listeners_) l(e);
}

void Tenant::AddListener(EventListener listener) {
  absl::MutexLock lock(&listeners_mu_);
  listeners_.push_back(std::move(listener));
}

absl::Status Tenant::Admit() {
  if (deleted_.load()) {
    return absl::NotFoundError(
        absl::StrCat("tenant ", name_, " not found (it was deleted)"));
  }
  if (bucket_.TryTake()) return absl::OkStatus();
  refused_calls_.fetch_add(1);
  return absl::ResourceExhaustedError(absl::StrCat(
      "tenant ", name_, ": over its limit of ", bucket_.rate(),
      " calls per second (limits.calls_per_second); the call was not made"));
}

absl::StatusOr<Decision> Tenant::Submit(const Contact& contact) {
  if (absl::Status s = Admit(); !s.ok()) return s;
  const int64_t max = max_open_.load();
  if (max <= 0) return engine_->Submit(contact);
  // Counting the submits in flight as held (until their own contact is
  // counted, and a moment after) keeps the tenant at or under the limit
  // however many threads submit; near the limit a submit may be refused a
  // moment early.
  const int64_t in_flight = submitting_.fetch_add(1) + 1;
  absl::StatusOr<Decision> decision;
  if (open_count_.load() + in_flight > max &&
      !engine_->GetContact(contact.id).ok()) {
    refused_contacts_.fetch_add(1);
    decision = absl::ResourceExhaustedError(absl::StrCat(
        "tenant ", name_, ": holds its limit of ", max,
        " open contacts (limits.max_open_contacts); contact ", contact.id,
        " was not taken"));
  } else {
    decision = engine_->Submit(contact);
  }
  submitting_.fetch_sub(1);
  return decision;
}

size_t Tenant::open_contacts() const {
  return static_cast<size_t>(open_count_.load());
}

std::vector<std::string> Tenant::OpenContactIds() const {
  absl::MutexLock lock(&open_mu_);
  return std::vector<std::string>(open_.begin(), open_.end());
}

TenantLimits Tenant::limits() const {
  absl::MutexLock lock(&limits_mu_);
  return limits_;
}

absl::Status Tenant::SetLimits(const TenantLimits& limits) {
  if (absl::Status s = ValidateTenantLimits(limits); !s.ok()) {
    return TenantError(name_, s);
  }
  absl::MutexLock lock(&limits_mu_);
  limits_ = limits;
  max_open_.store(limits.max_open_contacts);
  bucket_.Reset(limits.calls_per_second, limits.burst);
  return absl::OkStatus();
}

size_t Tenant::AbandonAll() {
  deleting_.store(true);
  size_t abandoned = 0;
  for (const std::string& id : OpenContactIds()) {
    absl::StatusOr<ContactView> view = engine_->GetContact(id);
    if (!view.ok()) continue;
    if (view->state == ContactState::kWaiting ||
        view->state == ContactState::kOffered) {
      if (engine_->Abandon(id).ok()) ++abandoned;
      continue;
    }
    if (view->state != ContactState::kAccepted) continue;
    // The engine abandons only contacts not yet in an agent's hands; the
    // engine goes with the tenant, so its state no longer matters: the
    // listeners are told, and the contact no longer counts as open.
    {
      absl::MutexLock lock(&open_mu_);
      if (open_.erase(id) > 0) open_count_.fetch_sub(1);
    }
    Event e;
    e.type = EventType::kAbandoned;
    e.time = clock_->Now();
    e.contact_id = id;
    e.department = view->department;
    e.queue = view->queue;
    e.agent_id = view->agent_id;
    e.detail = std::string(kDeletedDetail);
    Notify(e);
    ++abandoned;
  }
  return abandoned;
}

TenantInfo Tenant::Info() const {
  TenantInfo info;
  info.name = name_;
  info.engine = engine_->Info();
  info.limits = limits();
  info.open_contacts = open_contacts();
  info.refused_calls = refused_calls_.load();
  info.refused_contacts = refused_contacts_.load();
  info.journal = recovery_;
  return info;
}

}  // namespace switchboard
