// Copyright 2026 The Switchboard Authors.
//
// The Engine facade: the pipeline (pipeline/) decides outside the lock; the
// routing core (core/routing_core.h) changes state under it; around them
// this file keeps the lock, the journal (every change recorded before it is
// acknowledged, replayed through the same core commands), the current
// generation and Reload, the listeners and the statistics.

#include "switchboard/engine.h"

#include <functional>
#include <memory>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/core/generation.h"
#include "switchboard/core/routing_core.h"
#include "switchboard/events/acting.h"
#include "switchboard/journal/journal.h"
#include "switchboard/journal/record.h"
#include "switchboard/pipeline/pipeline.h"
#include "switchboard/route/customer_history.h"
#include "switchboard/route/decider.h"
#include "switchboard/util/siphash.h"
#include "switchboard/util/spin_mutex.h"

namespace switchboard {

absl::string_view ContactStateName(ContactState s) {
  switch (s) {
    case ContactState::kWaiting:
      return "waiting";
    case ContactState::kOffered:
      return "offered";
    case ContactState::kAccepted:
      return "accepted";
    case ContactState::kResolved:
      return "resolved";
    case ContactState::kAbandoned:
      return "abandoned";
    case ContactState::kSelfServed:
      return "self_served";
  }
  return "unknown";
}

namespace {

using core::Generation;
using journal::RecordType;
using pipeline::PreparedContact;

class EngineImpl : public Engine {
 public:
  EngineImpl(EngineOptions options, Decider decider)
      : options_(std::move(options)),
        clock_(options_.clock ? options_.clock : SystemClock()),
        customer_key_(options_.customer_key.value_or(RandomSipHashKey())),
        recorder_({}),
        history_(decider.config().retention.customer_history),
        current_(FirstGeneration(std::move(decider))),
        context_{.clock = clock_,
                 .normalize = &options_.normalize,
                 .customer_key = &customer_key_,
                 .history = &history_,
                 .alternatives = options_.alternatives},
        core_(current_.get(), &recorder_, &history_,
              options_.finished_retention, clock_->Now()) {}

  absl::StatusOr<Decision> Submit(const Contact& contact) override;
  absl::StatusOr<bool> RegisterAgent(const AgentConfig& agent) override;
  absl::Status RecordAdminAction(absl::string_view action) override;
  absl::Status Replay(const journal::Record& record) override;
  absl::StatusOr<ContactView> GetContact(
      absl::string_view contact_id) const override;
  absl::StatusOr<std::vector<ContactView>> OffersFor(
      absl::string_view agent_id) const override;
  absl::Status Reload(ReloadOptions options) override;
  EngineInfo Info() const override;
  absl::StatusOr<Decision> SubmitClassified(
      const Contact& contact, const NormalizedContact& normalized,
      const Prediction* prediction) override;
  absl::StatusOr<Decision> Preview(const Contact& contact) const override;
  absl::Status SetPresence(absl::string_view agent_id,
                           Presence presence) override;
  absl::Status Accept(absl::string_view contact_id,
                      absl::string_view agent_id) override;
  absl::Status Reject(absl::string_view contact_id,
                      absl::string_view agent_id) override;
  absl::Status FirstResponse(absl::string_view contact_id) override;
  absl::Status Transfer(absl::string_view contact_id,
                        absl::string_view to_department,
                        absl::string_view reason) override;
  absl::Status Resolve(absl::string_view contact_id, Outcome outcome) override;
  absl::Status Abandon(absl::string_view contact_id) override;
  absl::Status RecordSatisfaction(absl::string_view contact_id,
                                  int score) override;
  absl::Status AskForPerson(absl::string_view contact_id) override;
  void Tick() override;
  absl::Time NextDeadline() const override;
  void AddListener(EventListener listener) override;
  StatsSnapshot Stats(const StatsFilter& filter) const override;
  std::vector<Example> CorrectedExamples() const override;

 private:
  std::shared_ptr<const Generation> FirstGeneration(Decider decider) {
    std::shared_ptr<Generation> g =
        Generation::Make(std::move(decider), options_.classifier,
                         options_.type_classifier, 1, clock_->Now());
    for (const DepartmentConfig& d : g->config().departments) {
      g->stats_department.push_back(recorder_.AddDepartment(d.id));
    }
    return g;
  }
  std::shared_ptr<const Generation> Current() const {
    return std::atomic_load(&current_);
  }

  // Queues a decided contact (the part of Submit under the lock). `redo`
  // decides again with the current generation when the prepared one was
  // replaced meanwhile.
  absl::StatusOr<Decision> Admit(
      const Contact& contact, PreparedContact& prepared,
      absl::FunctionRef<absl::StatusOr<PreparedContact>()> redo);
  absl::Status ReplaySubmit(const journal::Record& r)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Runs the core's `op` under the lock at one instant; when it succeeds,
  // journals a step record (record.h's EncodeStep with these fields) and
  // waits for it to be durable. Replay runs the same core commands at the
  // journaled instant, without journaling.
  absl::Status Mutate(RecordType type, absl::string_view contact_id,
                      absl::string_view agent_id, absl::string_view department,
                      absl::string_view detail, int64_t value,
                      absl::FunctionRef<absl::Status()> op);
  // Starts an operation under mu_: every time it reads is this one, and
  // it acts for this thread's principal (events/acting.h).
  void BeginOp() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    core_.Begin(clock_->Now(), ActingAs::Current());
  }
  // Appends a record (under mu_, so the journal's order is the engine's);
  // its sequence number, or 0 without a journal.
  uint64_t Log(RecordType type, absl::FunctionRef<void(std::string*)> encode,
               absl::Time text_received = absl::InfinitePast())
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (options_.journal == nullptr) return 0;
    return options_.journal->Append(type, encode, text_received);
  }
  uint64_t LogStep(RecordType type, absl::string_view contact_id,
                   absl::string_view agent_id, absl::string_view department,
                   absl::string_view detail, int64_t value)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return Log(type, [&](std::string* out) {
      journal::EncodeStep(type, core_.now(), contact_id, agent_id, department,
                          detail, value, out, core_.principal());
    });
  }
  // OK once record `seq` is durable (at once without a journal, or when
  // the caller waits itself: wait_for_journal false).
  absl::Status Durable(uint64_t seq) const {
    if (seq == 0 || !options_.wait_for_journal) return absl::OkStatus();
    return options_.journal->WaitDurable(seq);
  }
  // The journal's error when it can no longer write: changes are refused
  // before they are made, so nothing is changed that cannot be kept.
  absl::Status JournalHealth() const {
    if (options_.journal == nullptr) return absl::OkStatus();
    return options_.journal->health();
  }

  const EngineOptions options_;
  Clock* const clock_;
  const SipHashKey customer_key_;
  Recorder recorder_;
  // Customer history: pseudonym -> recent contacts (own locks).
  CustomerHistory history_;
  // The current generation, for readers outside the lock (atomic_load);
  // the core works with the same one under the lock.
  std::shared_ptr<const Generation> current_;
  const pipeline::PipelineContext context_;
  // Serializes Reload calls (building a generation happens outside mu_).
  absl::Mutex reload_mu_;

  mutable SpinMutex mu_;
  core::RoutingCore core_ ABSL_GUARDED_BY(mu_);
};

absl::StatusOr<Decision> EngineImpl::Preview(const Contact& contact) const {
  absl::StatusOr<PreparedContact> p =
      pipeline::Prepare(context_, Current(), contact);
  if (!p.ok()) return p.status();
  return std::move(p->decision);
}

absl::StatusOr<Decision> EngineImpl::Submit(const Contact& contact) {
  auto prepare = [&] { return pipeline::Prepare(context_, Current(), contact); };
  absl::StatusOr<PreparedContact> prepared = prepare();
  if (!prepared.ok()) return prepared.status();
  return Admit(contact, *prepared, prepare);
}

absl::StatusOr<Decision> EngineImpl::SubmitClassified(
    const Contact& contact, const NormalizedContact& normalized,
    const Prediction* prediction) {
  auto prepare = [&] {
    return pipeline::PrepareClassified(context_, Current(), contact, normalized,
                                       prediction);
  };
  absl::StatusOr<PreparedContact> prepared = prepare();
  if (!prepared.ok()) return prepared.status();
  return Admit(contact, *prepared, prepare);
}

absl::StatusOr<Decision> EngineImpl::Admit(
    const Contact& contact, PreparedContact& prepared,
    absl::FunctionRef<absl::StatusOr<PreparedContact>()> redo) {
  // The answer, built in place (returned without a move of the Decision).
  absl::StatusOr<Decision> result{absl::in_place};
  bool repeat = false;
  uint64_t seq = 0;
  while (true) {
    {
      SpinLock lock(&mu_);
      if (absl::Status health = JournalHealth(); !health.ok()) return health;
      if (prepared.generation.get() == &core_.generation()) {
        BeginOp();
        core::Admission admission{.id = contact.id,
                                  .channel = contact.channel,
                                  .text = prepared.normalized.text,
                                  .decision = &prepared.decision,
                                  .index = prepared.index,
                                  .received = prepared.received,
                                  .customer_key = prepared.customer_key};
        absl::StatusOr<uint32_t> idx =
            core_.Admit(admission, /*replay=*/false, &repeat);
        if (!idx.ok()) return idx.status();
        const core::ContactRecord& c = core_.record(*idx);
        *result = c.decision;
        if (repeat) {
          // Acknowledged when everything journaled so far is durable: that
          // includes the first submission, which may still be on its way.
          seq = options_.journal ? options_.journal->appended() : 0;
        } else {
          seq = Log(
              RecordType::kSubmit,
              [&](std::string* out) {
                journal::EncodeSubmit(core_.now(), c.id, c.channel, c.text,
                                      c.customer_key, c.received, c.decision,
                                      out);
              },
              c.text.empty() ? absl::InfinitePast() : c.received);
        }
        break;
      }
    }
    // A reload between deciding and queueing: decide again with the new
    // generation (indexes of the old one mean nothing now). Reloads are
    // rare, so this nearly never loops.
    absl::StatusOr<PreparedContact> again = redo();
    if (!again.ok()) return again.status();
    prepared = *std::move(again);
  }
  if (prepared.customer_key != 0 && !repeat) {
    history_.Add(prepared.customer_key,
                 {.contact_id = contact.id,
                  .received = prepared.received,
                  .department = result->department,
                  .type = result->contact_type,
                  .outcome = std::nullopt});
  }
  if (absl::Status durable = Durable(seq); !durable.ok()) return durable;
  return result;
}

absl::Status EngineImpl::ReplaySubmit(const journal::Record& r) {
  Decision decision = r.decision;
  core::Admission admission{.id = r.contact_id,
                            .channel = r.channel,
                            .text = r.text,
                            .decision = &decision,
                            .received = r.received,
                            .customer_key = r.customer_key};
  const Decider& decider = core_.generation().decider;
  const EngineConfig& config = core_.generation().config();
  // Where the contact was put, in this configuration: its queue when it is
  // still there, else its department's queue for its channel, else triage
  // (as Reload moves contacts whose queue left the configuration).
  int queue = decider.QueueIndex(r.decision.queue);
  if (queue < 0) {
    const int department = decider.DepartmentIndex(r.decision.department);
    if (department >= 0) queue = decider.QueueFor(department, r.channel);
  }
  if (queue < 0) queue = decider.QueueIndex(config.thresholds.triage_queue);
  if (queue < 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "contact ", r.contact_id, ": queue ", r.decision.queue,
        " is not in the configuration, nor a triage queue"));
  }
  admission.index.queue = queue;
  admission.index.department =
      decider.DepartmentIndex(config.queues[queue].department);
  if (r.decision.call_back.scheduled) {
    admission.index.call_back_queue =
        decider.QueueIndex(r.decision.call_back.queue);
  }
  bool repeat = false;
  absl::StatusOr<uint32_t> idx =
      core_.Admit(admission, /*replay=*/true, &repeat);
  if (!idx.ok()) return idx.status();
  if (r.customer_key != 0) {
    history_.Add(r.customer_key, {.contact_id = r.contact_id,
                                  .received = r.received,
                                  .department = r.decision.department,
                                  .type = r.decision.contact_type,
                                  .outcome = std::nullopt});
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::Replay(const journal::Record& r) {
  SpinLock lock(&mu_);
  core_.Begin(r.at, r.principal);
  switch (r.type) {
    case RecordType::kSubmit:
      return ReplaySubmit(r);
    case RecordType::kPresence:
      return core_.SetPresence(r.agent_id, static_cast<Presence>(r.value));
    case RecordType::kAccept:
      return core_.Accept(r.contact_id, r.agent_id);
    case RecordType::kReject:
      return core_.Reject(r.contact_id, r.agent_id);
    case RecordType::kFirstResponse:
      return core_.FirstResponse(r.contact_id);
    case RecordType::kTransfer:
      return core_.Transfer(r.contact_id, r.department, r.detail);
    case RecordType::kResolve:
      return core_.Resolve(r.contact_id, static_cast<Outcome>(r.value));
    case RecordType::kAbandon:
      return core_.Abandon(r.contact_id);
    case RecordType::kSatisfaction:
      return core_.RecordSatisfaction(r.contact_id, static_cast<int>(r.value));
    case RecordType::kAskForPerson:
      return core_.AskForPerson(r.contact_id);
    case RecordType::kRegisterAgent:
      return core_.RegisterAgent(r.agent).status();
    case RecordType::kTick:
      core_.FireDue();
      return absl::OkStatus();
    case RecordType::kReload:
      // Replay runs with the configuration the engine was created with;
      // each contact goes back to the queue its journaled decision named.
      return absl::OkStatus();
    case RecordType::kAdmin:  // For the audit trail only.
      return absl::OkStatus();
  }
  return absl::InvalidArgumentError("unknown journal record type");
}

absl::Status EngineImpl::Mutate(RecordType type, absl::string_view contact_id,
                                absl::string_view agent_id,
                                absl::string_view department,
                                absl::string_view detail, int64_t value,
                                absl::FunctionRef<absl::Status()> op) {
  uint64_t seq = 0;
  {
    SpinLock lock(&mu_);
    if (absl::Status health = JournalHealth(); !health.ok()) return health;
    BeginOp();
    absl::Status s = op();
    if (!s.ok()) return s;
    seq = LogStep(type, contact_id, agent_id, department, detail, value);
  }
  return Durable(seq);
}

absl::Status EngineImpl::SetPresence(absl::string_view agent_id,
                                     Presence presence) {
  return Mutate(RecordType::kPresence, "", agent_id, "", "",
                static_cast<int64_t>(presence), [&] {
                  return core_.SetPresence(agent_id, presence);
                });
}

absl::Status EngineImpl::Accept(absl::string_view contact_id,
                                absl::string_view agent_id) {
  return Mutate(RecordType::kAccept, contact_id, agent_id, "", "", 0,
                [&] { return core_.Accept(contact_id, agent_id); });
}

absl::Status EngineImpl::Reject(absl::string_view contact_id,
                                absl::string_view agent_id) {
  return Mutate(RecordType::kReject, contact_id, agent_id, "", "", 0,
                [&] { return core_.Reject(contact_id, agent_id); });
}

absl::Status EngineImpl::FirstResponse(absl::string_view contact_id) {
  return Mutate(RecordType::kFirstResponse, contact_id, "", "", "", 0,
                [&] { return core_.FirstResponse(contact_id); });
}

absl::Status EngineImpl::Transfer(absl::string_view contact_id,
                                  absl::string_view to_department,
                                  absl::string_view reason) {
  return Mutate(RecordType::kTransfer, contact_id, "", to_department, reason,
                0, [&] {
                  return core_.Transfer(contact_id, to_department, reason);
                });
}

absl::Status EngineImpl::Resolve(absl::string_view contact_id,
                                 Outcome outcome) {
  return Mutate(RecordType::kResolve, contact_id, "", "", "",
                static_cast<int64_t>(outcome),
                [&] { return core_.Resolve(contact_id, outcome); });
}

absl::Status EngineImpl::Abandon(absl::string_view contact_id) {
  return Mutate(RecordType::kAbandon, contact_id, "", "", "", 0,
                [&] { return core_.Abandon(contact_id); });
}

absl::Status EngineImpl::RecordSatisfaction(absl::string_view contact_id,
                                            int score) {
  return Mutate(RecordType::kSatisfaction, contact_id, "", "", "", score,
                [&] { return core_.RecordSatisfaction(contact_id, score); });
}

absl::Status EngineImpl::AskForPerson(absl::string_view contact_id) {
  return Mutate(RecordType::kAskForPerson, contact_id, "", "", "", 0,
                [&] { return core_.AskForPerson(contact_id); });
}

absl::Status EngineImpl::RecordAdminAction(absl::string_view action) {
  if (action.empty()) {
    return absl::InvalidArgumentError("an admin action needs a description");
  }
  return Mutate(RecordType::kAdmin, "", "", "", action, 0,
                [] { return absl::OkStatus(); });
}

absl::StatusOr<bool> EngineImpl::RegisterAgent(const AgentConfig& agent) {
  uint64_t seq = 0;
  bool created = false;
  {
    SpinLock lock(&mu_);
    if (absl::Status health = JournalHealth(); !health.ok()) return health;
    BeginOp();
    absl::StatusOr<bool> done = core_.RegisterAgent(agent);
    if (!done.ok()) return done.status();
    created = *done;
    seq = Log(RecordType::kRegisterAgent, [&](std::string* out) {
      journal::EncodeRegisterAgent(core_.now(), agent, out, core_.principal());
    });
  }
  if (absl::Status durable = Durable(seq); !durable.ok()) return durable;
  return created;
}

void EngineImpl::Tick() {
  // Timers are not acknowledged to anyone, so Tick does not wait for its
  // record; the next acknowledged change waits for it (journal order).
  SpinLock lock(&mu_);
  // A journal that cannot write: the timers wait (nothing changes that
  // could not be kept), and fire on the restarted engine.
  if (!JournalHealth().ok()) return;
  core_.Begin(clock_->Now());  // On no one's behalf.
  if (core_.FireDue()) {
    LogStep(RecordType::kTick, "", "", "", "", 0);
  }
}

absl::Time EngineImpl::NextDeadline() const {
  SpinLock lock(&mu_);
  return core_.NextDeadline();
}

absl::StatusOr<ContactView> EngineImpl::GetContact(
    absl::string_view contact_id) const {
  SpinLock lock(&mu_);
  return core_.GetContact(contact_id);
}

absl::StatusOr<std::vector<ContactView>> EngineImpl::OffersFor(
    absl::string_view agent_id) const {
  SpinLock lock(&mu_);
  return core_.OffersFor(agent_id);
}

absl::Status EngineImpl::Reload(ReloadOptions options) {
  absl::MutexLock serialize(&reload_mu_);
  absl::StatusOr<Decider> decider = Decider::Create(options.config);
  if (!decider.ok()) return decider.status();
  std::shared_ptr<const Generation> old = Current();
  std::shared_ptr<const Classifier> classifier =
      options.classifier ? *options.classifier : old->classifier;
  std::shared_ptr<const Classifier> type_classifier =
      options.type_classifier ? *options.type_classifier
                              : old->type_classifier;
  const absl::Duration history_window =
      options.config.retention.customer_history;
  std::shared_ptr<Generation> next = Generation::Make(
      *std::move(decider), std::move(classifier), std::move(type_classifier),
      old->number + 1, clock_->Now());
  {
    SpinLock lock(&mu_);
    if (absl::Status health = JournalHealth(); !health.ok()) return health;
    BeginOp();
    // Recorder indexes for the new departments (known ones keep theirs).
    for (const DepartmentConfig& d : next->config().departments) {
      next->stats_department.push_back(recorder_.AddDepartment(d.id));
    }
    const uint64_t number = next->number;
    core_.Migrate(next.get());
    std::atomic_store(&current_,
                      std::shared_ptr<const Generation>(std::move(next)));
    // For the record only: replay uses the configuration the engine starts
    // with. The next acknowledged change waits for this record too.
    LogStep(RecordType::kReload, "", "", "", "", static_cast<int64_t>(number));
  }
  history_.set_window(history_window);
  return absl::OkStatus();
}

EngineInfo EngineImpl::Info() const {
  EngineInfo info;
  std::shared_ptr<const Generation> g = Current();
  info.generation = g->number;
  info.loaded_at = g->loaded_at;
  const EngineConfig& c = g->config();
  info.skills = c.skills.size();
  info.departments = c.departments.size();
  info.queues = c.queues.size();
  info.rules = c.rules.size();
  if (g->classifier) info.model_labels = g->classifier->labels();
  SpinLock lock(&mu_);
  info.agents = core_.agent_count();
  return info;
}

void EngineImpl::AddListener(EventListener listener) {
  SpinLock lock(&mu_);
  core_.AddListener(std::move(listener));
}

StatsSnapshot EngineImpl::Stats(const StatsFilter& filter) const {
  StatsSnapshot s = recorder_.Snapshot(filter);
  SpinLock lock(&mu_);
  s.taken_at = clock_->Now();
  core_.AddQueueStats(filter, &s);
  return s;
}

std::vector<Example> EngineImpl::CorrectedExamples() const {
  SpinLock lock(&mu_);
  return core_.corrected();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(EngineOptions options) {
  absl::StatusOr<Decider> decider = Decider::Create(options.config);
  if (!decider.ok()) return decider.status();
  if (options.alternatives < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("alternatives must be >= 1, got ", options.alternatives));
  }
  return std::unique_ptr<Engine>(
      new EngineImpl(std::move(options), *std::move(decider)));
}

}  // namespace switchboard
