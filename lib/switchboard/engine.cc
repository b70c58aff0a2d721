// Copyright 2026 The Switchboard Authors.

#include "switchboard/engine.h"

#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/contact_type.h"
#include "switchboard/classify/language.h"
#include "switchboard/clock.h"
#include "switchboard/journal/journal.h"
#include "switchboard/journal/record.h"
#include "switchboard/protect/personal_data.h"
#include "switchboard/route/agent_pool.h"
#include "switchboard/route/contact_queue.h"
#include "switchboard/route/customer_history.h"
#include "switchboard/route/decider.h"
#include "switchboard/text/utf8.h"
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

using journal::RecordType;

// The pseudonym of a customer reference: SipHash-2-4 under the engine's
// key (util/siphash.h). The history of earlier contacts is keyed by it,
// and the journal stores it instead of the reference. 0 means "none".
uint64_t CustomerKey(const SipHashKey& key, absl::string_view ref) {
  if (ref.empty()) return 0;
  const uint64_t h = SipHash24(key, ref);
  return h == 0 ? 1 : h;
}

struct ContactRecord {
  std::string id;
  Channel channel = Channel::kUnspecified;
  std::string text;  // Normalized; "" once purged (text_retention).
  std::string label;  // The classifier's top label.
  int department = -1;        // Index into the current config.
  int stats_department = -1;  // The Recorder's slot for that department.
  int queue = -1;
  int priority = 0;
  SkillNeeds needs;
  ContactState state = ContactState::kWaiting;
  absl::Time received;
  absl::Time sla_deadline;
  absl::Time accepted = absl::InfinitePast();
  absl::Time offered_at = absl::InfinitePast();
  bool first_response = false;
  QueueEntry entry;
  int agent = -1;          // Offered to / accepted by.
  uint32_t life = 0;       // Bumped when the record's slot is reused.
  uint32_t offer_gen = 0;  // Bumped to cancel a pending offer timeout.
  uint32_t escalation_gen = 0;
  int escalation_step = 0;  // Next step to apply.
  bool transferred = false;
  absl::InlinedVector<int, 2> rejected_by;
  uint64_t customer_key = 0;  // CustomerKey of its customer_ref, 0: none.
  std::string call_back_for;  // A call-back task: the contact it follows.
  std::string call_back_task;  // The call-back task made for this contact.
  // What Submit answered: a repeated Submit of the same contact gets it
  // again (idempotent), and the journal records it.
  Decision decision;
};

// Contact id -> record index, in shards. One big hash map rehashes all its
// entries when it doubles, under the routing lock: at a few hundred
// thousand contacts that stalled every caller for tens of milliseconds. A
// shard holds 1/64 of the ids, so its rehash is 64 times shorter, and the
// shards grow at different moments.
class ContactIndex {
 public:
  bool contains(absl::string_view id) const {
    return Shard(id).contains(id);
  }
  // The record index of `id`, or nullptr.
  const uint32_t* find(absl::string_view id) const {
    const Map& m = Shard(id);
    auto it = m.find(id);
    return it == m.end() ? nullptr : &it->second;
  }
  void emplace(absl::string_view id, uint32_t idx) {
    Shard(id).emplace(id, idx);
  }
  void erase(absl::string_view id) { Shard(id).erase(id); }

 private:
  using Map = absl::flat_hash_map<std::string, uint32_t>;
  static constexpr size_t kShards = 64;
  Map& Shard(absl::string_view id) {
    return shards_[absl::HashOf(id) >> 58];  // The top 6 bits: 64 shards.
  }
  const Map& Shard(absl::string_view id) const {
    return shards_[absl::HashOf(id) >> 58];  // The top 6 bits: 64 shards.
  }
  std::array<Map, kShards> shards_;
};

// A pending deadline for one contact. `life` and `gen` must still match the
// record when it comes due; otherwise the deadline was cancelled (the
// contact moved on) and is dropped.
struct Deadline {
  absl::Time at;
  uint32_t contact;
  uint32_t life;
  uint32_t gen;
};

// Deadlines of one kind in time order. Each kind adds a constant delay to
// "now" or to the contact's first queueing, so entries nearly always arrive
// in order (an O(1) push at the back); the rare one that does not (a
// transferred contact keeps its age) is inserted in place. Cancelled entries
// are dropped lazily when they reach the front.
class DeadlineFifo {
 public:
  void Insert(const Deadline& d) {
    if (q_.empty() || d.at >= q_.back().at) {
      q_.push_back(d);
      return;
    }
    auto pos = std::upper_bound(
        q_.begin(), q_.end(), d.at,
        [](absl::Time t, const Deadline& e) { return t < e.at; });
    q_.insert(pos, d);
  }
  bool empty() const { return q_.empty(); }
  const Deadline& front() const { return q_.front(); }
  void pop() { q_.pop_front(); }

 private:
  std::deque<Deadline> q_;
};

// Everything derived from one configuration and classifier. Immutable once
// built; Reload swaps in a new one. Code under the engine's lock reads the
// current one through `g_`; Submit and Preview, which decide outside the
// lock, hold a shared_ptr to the one they used, and Admit re-decides when a
// reload came in between.
struct Generation {
  uint64_t number = 1;
  absl::Time loaded_at;
  Decider decider;
  std::shared_ptr<const Classifier> classifier;
  std::shared_ptr<const Classifier> type_classifier;
  absl::flat_hash_map<std::string, int> skill_index;
  std::vector<SkillNeeds> department_needs;  // Per config department.
  std::vector<int> stats_department;  // Config department -> Recorder index.

  const EngineConfig& config() const { return decider.config(); }

  SkillNeeds ToNeeds(const std::vector<SkillLevel>& skills) const {
    SkillNeeds needs;
    for (const SkillLevel& s : skills) {
      auto it = skill_index.find(s.skill);
      if (it == skill_index.end()) continue;
      needs.push_back({static_cast<uint16_t>(it->second),
                       static_cast<uint8_t>(std::clamp(s.level, 1, 10))});
    }
    return needs;
  }

  static std::shared_ptr<Generation> Make(
      Decider decider, std::shared_ptr<const Classifier> classifier,
      std::shared_ptr<const Classifier> type_classifier, uint64_t number,
      absl::Time now) {
    auto g = std::make_shared<Generation>(
        Generation{number, now, std::move(decider), std::move(classifier),
                   std::move(type_classifier), {}, {}, {}});
    const EngineConfig& config = g->config();
    for (size_t i = 0; i < config.skills.size(); ++i) {
      g->skill_index[config.skills[i]] = static_cast<int>(i);
    }
    for (const DepartmentConfig& d : config.departments) {
      g->department_needs.push_back(g->ToNeeds(d.skills));
    }
    return g;
  }
};

class EngineImpl : public Engine {
 public:
  EngineImpl(EngineOptions options, Decider decider)
      : options_(std::move(options)),
        clock_(options_.clock ? options_.clock : SystemClock()),
        customer_key_(options_.customer_key.value_or(RandomSipHashKey())),
        recorder_({}),
        history_(decider.config().retention.customer_history),
        agents_({}, {}, clock_->Now()) {
    std::shared_ptr<Generation> g =
        Generation::Make(std::move(decider), options_.classifier,
                         options_.type_classifier, 1, clock_->Now());
    for (const DepartmentConfig& d : g->config().departments) {
      g->stats_department.push_back(recorder_.AddDepartment(d.id));
    }
    SpinLock lock(&mu_);
    queues_.resize(g->config().queues.size());
    escalations_.resize(g->config().queues.size());
    for (size_t q = 0; q < g->config().queues.size(); ++q) {
      escalations_[q].resize(g->config().queues[q].escalation.size());
    }
    for (const AgentConfig& a : g->config().agents) {
      agents_.Upsert(a, g->skill_index, clock_->Now());
    }
    g_ = g.get();
    std::atomic_store(&current_, std::shared_ptr<const Generation>(g));
  }

  absl::StatusOr<Decision> Submit(const Contact& contact) override;
  absl::StatusOr<bool> RegisterAgent(const AgentConfig& agent) override;
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
  const EngineConfig& cfg() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return g_->config();
  }
  std::shared_ptr<const Generation> Current() const {
    return std::atomic_load(&current_);
  }

  // What Submit and Preview share: normalize, classify, decide.
  struct Prepared {
    std::shared_ptr<const Generation> generation;  // Decided with this one.
    NormalizedContact normalized;
    Decision decision;
    Decider::Index index;
    absl::Time received;
    uint64_t customer_key = 0;
  };
  // Masks personal data in `normalized` (when configured), detects the
  // language and type, and looks up the customer's earlier contacts.
  ContactFacts FactsFor(const Generation& g, const Contact& contact,
                        NormalizedContact* normalized, uint64_t customer_key,
                        absl::Time received) const;
  absl::StatusOr<Prepared> Prepare(const Contact& contact) const;
  // Decides with the instant and customer key FactsFor was given.
  Prepared DecideFor(std::shared_ptr<const Generation> generation,
                     const Contact& contact, NormalizedContact normalized,
                     const Prediction* prediction, const ContactFacts& facts,
                     absl::Time received, uint64_t customer_key) const;
  // The contact's received_at, or the clock's now when it has none.
  absl::Time ReceivedOf(const Contact& contact) const {
    return contact.received_at == absl::InfinitePast() ? clock_->Now()
                                                       : contact.received_at;
  }
  // Queues a decided contact (the part of Submit under the lock).
  // `redo` decides again with the current generation when the prepared
  // one was replaced meanwhile.
  absl::StatusOr<Decision> Admit(
      const Contact& contact, Prepared prepared,
      const std::function<absl::StatusOr<Prepared>()>& redo);
  // Takes the contact into a new record, or finds it already taken
  // (`*repeat`: same id, channel and text; nothing changes). `replay`: from
  // the journal, so no queue limit applies.
  absl::StatusOr<uint32_t> AdmitLocked(absl::string_view id, Channel channel,
                                       Prepared& prepared, bool replay,
                                       bool* repeat)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status ReplaySubmitLocked(const journal::Record& r)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // The public mutations are the *Locked bodies run under mu_ at one
  // instant (op_now_), journaled when they succeed, and acknowledged once
  // their record is durable. Replay runs the same bodies at the journaled
  // instant, without journaling.
  absl::Status SetPresenceLocked(absl::string_view agent_id, Presence presence)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status AcceptLocked(absl::string_view contact_id,
                            absl::string_view agent_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status RejectLocked(absl::string_view contact_id,
                            absl::string_view agent_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status FirstResponseLocked(absl::string_view contact_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status TransferLocked(absl::string_view contact_id,
                              absl::string_view to_department,
                              absl::string_view reason)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status ResolveLocked(absl::string_view contact_id, Outcome outcome)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status AbandonLocked(absl::string_view contact_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status RecordSatisfactionLocked(absl::string_view contact_id,
                                        int score)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status AskForPersonLocked(absl::string_view contact_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Queues a call-back task for contact `origin` in `queue` (a phone
  // queue); returns the task's id.
  std::string ScheduleCallBack(uint32_t origin, int queue,
                               absl::string_view reason)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The counters of a new contact's facts (type, language, personal data,
  // repeat, risk, call-back).
  void CountFacts(const ContactRecord& c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Resolved against the citizen: recommend a call (and queue it, unless
  // the citizen chose another reply channel or one is queued already).
  void CallBackAfterUnfavourable(uint32_t idx)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<bool> RegisterAgentLocked(const AgentConfig& agent)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Fires every deadline due at op_now_; true when any fired.
  bool TickLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Runs `op` under the lock at one instant; when it succeeds, journals a
  // step record (record.h's EncodeStep with these fields) and waits for it
  // to be durable.
  absl::Status Mutate(RecordType type, absl::string_view contact_id,
                      absl::string_view agent_id, absl::string_view department,
                      absl::string_view detail, int64_t value,
                      absl::FunctionRef<absl::Status()> op);
  // Starts an operation under mu_: every time it reads is this one.
  absl::Time BeginOp() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    op_now_ = clock_->Now();
    return op_now_;
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
      journal::EncodeStep(type, op_now_, contact_id, agent_id, department,
                          detail, value, out);
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

  // All below run with mu_ held.
  absl::StatusOr<uint32_t> FindContact(absl::string_view id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::StatusOr<int> FindAgent(absl::string_view id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void SetDepartment(ContactRecord& c, int department)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    c.department = department;
    c.stats_department =
        department >= 0 ? g_->stats_department[department] : -1;
  }
  ContactView ViewOf(const ContactRecord& c) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::Status CheckAgent(const AgentConfig& agent, const Generation& g) const;
  // Reload's work under the lock: moves every contact, queue, timer and
  // agent onto generation `next`.
  void Migrate(std::shared_ptr<const Generation> next)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Emit(EventType type, const ContactRecord* c, int agent,
            absl::string_view detail = {}, int from_department = -1,
            Outcome outcome = Outcome::kNeutral, int score = 0)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PushToQueue(uint32_t idx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ScheduleEscalation(uint32_t idx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void TryAssign(uint32_t idx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Offer(uint32_t idx, int agent) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ReturnOffer(uint32_t idx, EventType why)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Releases whatever the contact holds (queue place, agent capacity,
  // timers) before it leaves or moves; returns the agent freed or -1.
  int Detach(uint32_t idx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AssignBacklog(int agent) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A resolved or abandoned contact: its record is kept for
  // finished_retention (late satisfaction scores), then recycled.
  void Finish(uint32_t idx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Fires the earliest due deadline; false when none is due.
  bool FireOne(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ScheduleTextPurge(uint32_t idx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  uint32_t NewRecord() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Escalate(uint32_t idx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Puts a detached or overflowing contact in `queue`, keeping its age.
  void MoveToQueue(uint32_t idx, int queue, bool skip_due_steps)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status NotInState(const ContactRecord& c,
                          absl::string_view wanted) const;
  // The contact `contact_id` if it is offered to `agent`; NOT_FOUND or
  // FAILED_PRECONDITION otherwise.
  absl::StatusOr<uint32_t> FindOfferedTo(absl::string_view contact_id,
                                         int agent,
                                         absl::string_view agent_id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  const EngineOptions options_;
  Clock* const clock_;
  const SipHashKey customer_key_;
  Recorder recorder_;
  // The current generation, for readers outside the lock (atomic_load).
  std::shared_ptr<const Generation> current_;
  // Serializes Reload calls (building a generation happens outside mu_).
  absl::Mutex reload_mu_;

  // Customer history: pseudonym -> recent contacts (own locks).
  CustomerHistory history_;

  mutable SpinMutex mu_;
  // The instant of the operation under way (BeginOp), or being replayed.
  absl::Time op_now_ ABSL_GUARDED_BY(mu_);
  // The current generation (owned by current_) for code under mu_.
  const Generation* g_ ABSL_GUARDED_BY(mu_) = nullptr;
  // A deque: records never move, so growth costs no copying.
  std::deque<ContactRecord> contacts_ ABSL_GUARDED_BY(mu_);
  ContactIndex contact_index_
      ABSL_GUARDED_BY(mu_);
  std::vector<ContactQueue> queues_ ABSL_GUARDED_BY(mu_);
  AgentPool agents_ ABSL_GUARDED_BY(mu_);
  uint64_t seq_ ABSL_GUARDED_BY(mu_) = 0;
  // Timers: offer timeouts, escalation steps per [queue][step], and the
  // purge of finished contacts' records.
  DeadlineFifo offer_timeouts_ ABSL_GUARDED_BY(mu_);
  std::vector<std::vector<DeadlineFifo>> escalations_ ABSL_GUARDED_BY(mu_);
  DeadlineFifo purges_ ABSL_GUARDED_BY(mu_);
  // Contacts that every able agent has declined: asked again after a pause.
  DeadlineFifo retries_ ABSL_GUARDED_BY(mu_);
  // Contact texts to remove at received + text_retention.
  DeadlineFifo text_purges_ ABSL_GUARDED_BY(mu_);
  // Slots of purged records, reused by new contacts.
  std::vector<uint32_t> free_slots_ ABSL_GUARDED_BY(mu_);
  std::vector<EventListener> listeners_ ABSL_GUARDED_BY(mu_);
  std::vector<Example> corrected_ ABSL_GUARDED_BY(mu_);
};

ContactFacts EngineImpl::FactsFor(const Generation& g, const Contact& contact,
                                  NormalizedContact* normalized,
                                  uint64_t customer_key,
                                  absl::Time received) const {
  ContactFacts facts;
  const EngineConfig& config = g.config();
  if (config.mask_personal_data) {
    MaskedText masked = MaskPersonalData(normalized->text);
    normalized->text = std::move(masked.text);
    facts.personal_data = masked.counts;
  }
  const LanguageGuess language = DetectLanguage(normalized->text);
  facts.language = language.code;
  if ((language.code == "und" || language.confidence < 0.5f) &&
      !contact.language_hint.empty()) {
    facts.language = contact.language_hint;  // The channel knows better.
  }
  bool typed = false;
  std::string unsure;
  if (g.type_classifier) {
    const Prediction p = g.type_classifier->Classify(*normalized, 1);
    absl::StatusOr<ContactType> type = ParseContactType(p.label);
    if (type.ok() && p.confidence >= config.contact_type.min_confidence) {
      facts.type = *type;
      facts.type_source = absl::StrFormat("model %.2f", p.confidence);
      typed = true;
    } else {
      unsure = absl::StrFormat("model unsure (%s %.2f); ",
                               std::string(p.label), p.confidence);
    }
  }
  if (!typed) {
    ContactTypeCue cue = ContactTypeFromCues(normalized->text);
    facts.type = cue.type;
    facts.type_source = cue.cue.empty()
                            ? absl::StrCat(unsure, "no cue")
                            : absl::StrCat(unsure, "cue \"", cue.cue, "\"");
  }
  facts.earlier = history_.Earlier(customer_key, received);
  return facts;
}

EngineImpl::Prepared EngineImpl::DecideFor(
    std::shared_ptr<const Generation> generation, const Contact& contact,
    NormalizedContact normalized, const Prediction* prediction,
    const ContactFacts& facts, absl::Time received,
    uint64_t customer_key) const {
  Prepared p;
  p.generation = std::move(generation);
  p.normalized = std::move(normalized);
  p.received = received;
  p.customer_key = customer_key;
  p.decision = p.generation->decider.Decide(contact, p.normalized, prediction,
                                            facts, p.received, &p.index);
  p.decision.generation = p.generation->number;
  return p;
}

absl::StatusOr<EngineImpl::Prepared> EngineImpl::Prepare(
    const Contact& contact) const {
  if (absl::Status s = ValidateContact(contact, clock_->Now()); !s.ok()) {
    return s;
  }
  absl::StatusOr<NormalizedContact> normalized =
      Normalize(contact, options_.normalize);
  if (!normalized.ok()) return normalized.status();
  std::shared_ptr<const Generation> g = Current();
  const absl::Time received = ReceivedOf(contact);
  const uint64_t key = CustomerKey(customer_key_, contact.customer_ref);
  // Personal data is masked first: the model, the store and the logs only
  // ever see the masked text.
  const ContactFacts facts = FactsFor(*g, contact, &*normalized, key, received);
  if (!g->classifier) {
    return DecideFor(std::move(g), contact, *std::move(normalized), nullptr,
                     facts, received, key);
  }
  const Prediction prediction =
      g->classifier->Classify(*normalized, options_.alternatives);
  return DecideFor(std::move(g), contact, *std::move(normalized), &prediction,
                   facts, received, key);
}

absl::StatusOr<Decision> EngineImpl::Preview(const Contact& contact) const {
  absl::StatusOr<Prepared> p = Prepare(contact);
  if (!p.ok()) return p.status();
  return std::move(p->decision);
}

absl::StatusOr<Decision> EngineImpl::Submit(const Contact& contact) {
  absl::StatusOr<Prepared> prepared = Prepare(contact);
  if (!prepared.ok()) return prepared.status();
  return Admit(contact, *std::move(prepared),
               [&] { return Prepare(contact); });
}

absl::StatusOr<Decision> EngineImpl::SubmitClassified(
    const Contact& contact, const NormalizedContact& normalized,
    const Prediction* prediction) {
  if (absl::Status s = ValidateContact(contact, clock_->Now()); !s.ok()) {
    return s;
  }
  auto decide = [&]() -> absl::StatusOr<Prepared> {
    std::shared_ptr<const Generation> g = Current();
    NormalizedContact masked = normalized;
    const absl::Time received = ReceivedOf(contact);
    const uint64_t key = CustomerKey(customer_key_, contact.customer_ref);
    const ContactFacts facts = FactsFor(*g, contact, &masked, key, received);
    return DecideFor(std::move(g), contact, std::move(masked), prediction,
                     facts, received, key);
  };
  return Admit(contact, *decide(), decide);
}

absl::StatusOr<Decision> EngineImpl::Admit(
    const Contact& contact, Prepared prepared,
    const std::function<absl::StatusOr<Prepared>()>& redo) {
  Decision decision;
  bool repeat = false;
  uint64_t seq = 0;
  uint64_t customer_key = 0;
  while (true) {
    {
      SpinLock lock(&mu_);
      if (absl::Status health = JournalHealth(); !health.ok()) return health;
      if (prepared.generation.get() == g_) {
        BeginOp();
        absl::StatusOr<uint32_t> idx = AdmitLocked(
            contact.id, contact.channel, prepared, /*replay=*/false, &repeat);
        customer_key = prepared.customer_key;
        if (!idx.ok()) return idx.status();
        const ContactRecord& c = contacts_[*idx];
        decision = c.decision;
        if (repeat) {
          // Acknowledged when everything journaled so far is durable: that
          // includes the first submission, which may still be on its way.
          seq = options_.journal ? options_.journal->appended() : 0;
        } else {
          seq = Log(
              RecordType::kSubmit,
              [&](std::string* out) {
                journal::EncodeSubmit(op_now_, c.id, c.channel, c.text,
                                      customer_key, c.received, c.decision,
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
    absl::StatusOr<Prepared> again = redo();
    if (!again.ok()) return again.status();
    prepared = *std::move(again);
  }
  if (customer_key != 0 && !repeat) {
    history_.Add(customer_key, {.contact_id = contact.id,
                                .received = prepared.received,
                                .department = decision.department,
                                .type = decision.contact_type,
                                .outcome = std::nullopt});
  }
  if (absl::Status durable = Durable(seq); !durable.ok()) return durable;
  return decision;
}

absl::StatusOr<uint32_t> EngineImpl::AdmitLocked(absl::string_view id,
                                                 Channel channel,
                                                 Prepared& prepared,
                                                 bool replay, bool* repeat) {
  const Prepared* p = &prepared;
  *repeat = false;
  Decision& d = prepared.decision;
  const int queue = p->index.queue;
  const int department = p->index.department;
  if (const uint32_t* known = contact_index_.find(id); known != nullptr) {
    const ContactRecord& c = contacts_[*known];
    // The same contact again (a client retrying after a lost answer): the
    // same decision, nothing new. Text already purged cannot be compared.
    if (!replay && c.channel == channel &&
        (c.text.empty() || c.text == p->normalized.text)) {
      *repeat = true;
      return *known;
    }
    return absl::AlreadyExistsError(absl::StrCat(
        "contact ", id, " was already submitted with a different ",
        c.channel != channel ? "channel" : "text",
        "; a contact id names one contact (resubmitting the same contact "
        "returns its decision)"));
  }
  const QueueConfig& qc = cfg().queues[queue];
  if (!replay &&
      static_cast<int64_t>(queues_[queue].size()) >= qc.max_length) {
    return absl::ResourceExhaustedError(
        absl::StrCat("contact ", id, ": queue ", qc.id, " is full (",
                     queues_[queue].size(), " waiting, max_length ",
                     qc.max_length, "); the contact was not taken"));
  }
  const absl::Time now = op_now_;
  const uint32_t idx = NewRecord();
  contact_index_.emplace(id, idx);
  ContactRecord& c = contacts_[idx];
  c.id.assign(id.data(), id.size());
  c.channel = channel;
  c.text.assign(p->normalized.text);
  c.label.assign(d.label);
  SetDepartment(c, department);
  c.queue = queue;
  c.priority = d.priority;
  c.received = p->received;
  c.sla_deadline = d.sla_deadline;
  c.needs = g_->ToNeeds(d.required_skills);
  c.entry = QueueEntry::Make(d.priority, now, cfg().thresholds.aging_per_minute,
                             ++seq_, idx);
  c.customer_key = p->customer_key;
  recorder_.Add(c.channel, c.stats_department, Counter::kReceived);
  recorder_.Add(c.channel, c.stats_department,
                d.action == DecisionAction::kTriage        ? Counter::kTriaged
                : d.action == DecisionAction::kSelfService ? Counter::kSelfServed
                                                           : Counter::kRouted);
  recorder_.Record(c.channel, c.stats_department, Metric::kDecide,
                   now - c.received);
  c.decision = std::move(d);
  CountFacts(c);
  Emit(EventType::kReceived, &c, -1);
  if (!c.decision.label.empty()) {
    Emit(EventType::kClassified, &c, -1, c.decision.label);
  }
  Emit(EventType::kDecided, &c, -1, c.decision.reason);
  if (c.decision.action == DecisionAction::kSelfService) {
    // Answered at once; kept (with its fallback queue) in case the citizen
    // still asks for a person.
    c.state = ContactState::kSelfServed;
    Emit(EventType::kSelfServed, &c, -1, c.decision.answer_language);
    ScheduleTextPurge(idx);
    Finish(idx);
    return idx;
  }
  // Counted once per contact (not again when it returns to a queue), so
  // that abandoned / queued is a true abandonment rate.
  recorder_.Add(c.channel, c.stats_department, Counter::kQueued);
  PushToQueue(idx);
  ScheduleEscalation(idx);
  ScheduleTextPurge(idx);
  TryAssign(idx);
  if (c.decision.call_back.scheduled && p->index.call_back_queue >= 0) {
    c.decision.call_back.task_id =
        ScheduleCallBack(idx, p->index.call_back_queue,
                         c.decision.call_back.reason);
  }
  return idx;
}

void EngineImpl::CountFacts(const ContactRecord& c) {
  const Decision& d = c.decision;
  auto add = [&](Counter counter, uint64_t n = 1) {
    recorder_.Add(c.channel, c.stats_department, counter, n);
  };
  add(TypeCounter(static_cast<int>(d.contact_type)));
  for (int k = 0; k < kNumPersonalDataKinds; ++k) {
    if (d.personal_data[k] > 0) add(PersonalDataCounter(k), d.personal_data[k]);
  }
  add(d.language == "nl"   ? Counter::kLanguageDutch
      : d.language == "en" ? Counter::kLanguageEnglish
                           : Counter::kLanguageOther);
  if (d.repeat_contact) add(Counter::kRepeatContact);
  if (d.call_back.recommended) {
    add(Counter::kHighRisk);
    add(Counter::kCallBackRecommended);
  }
}

std::string EngineImpl::ScheduleCallBack(uint32_t origin, int queue,
                                         absl::string_view reason) {
  const absl::Time now = op_now_;
  // An id of its own, derived from the contact's (so replay finds the
  // same one): "<id>/call-back", then "/call-back-2" ...
  std::string id = absl::StrCat(contacts_[origin].id, "/call-back");
  for (int n = 2; contact_index_.contains(id); ++n) {
    id = absl::StrCat(contacts_[origin].id, "/call-back-", n);
  }
  const uint32_t idx = NewRecord();  // contacts_ is a deque: refs stay.
  ContactRecord& o = contacts_[origin];
  ContactRecord& t = contacts_[idx];
  contact_index_.emplace(id, idx);
  t.id = id;
  t.channel = Channel::kPhone;
  t.text = absl::StrCat("Call the citizen back about contact ", o.id, ": ",
                        reason);
  t.label = o.label;
  const int department =
      g_->decider.DepartmentIndex(cfg().queues[queue].department);
  SetDepartment(t, department);
  t.queue = queue;
  t.priority = std::max(o.priority, cfg().call_back.priority);
  t.received = now;
  t.sla_deadline = now + cfg().call_back.sla;
  t.needs = department == o.department ? o.needs
                                       : g_->department_needs[department];
  t.entry = QueueEntry::Make(t.priority, now, cfg().thresholds.aging_per_minute,
                             ++seq_, idx);
  // A call-back is called within its own SLA: the phone queue's
  // escalation steps (minutes, for callers waiting on the line) do not
  // apply.
  t.escalation_step =
      static_cast<int>(cfg().queues[queue].escalation.size());
  t.customer_key = o.customer_key;
  t.call_back_for = o.id;
  Decision& d = t.decision;
  d.contact_id = id;
  d.action = DecisionAction::kRoute;
  d.department = cfg().departments[department].id;
  d.queue = cfg().queues[queue].id;
  d.priority = t.priority;
  d.label = o.label;
  d.sla_deadline = t.sla_deadline;
  d.reason = absl::StrCat("call-back for contact ", o.id, ": ", reason);
  d.contact_type = o.decision.contact_type;
  d.language = o.decision.language;
  d.reply_channel = Channel::kPhone;
  o.call_back_task = id;
  recorder_.Add(o.channel, o.stats_department, Counter::kCallBackScheduled);
  recorder_.Add(t.channel, t.stats_department, Counter::kQueued);
  Emit(EventType::kCallBackScheduled, &o, -1, id);
  PushToQueue(idx);
  TryAssign(idx);
  return id;
}

void EngineImpl::ScheduleTextPurge(uint32_t idx) {
  const ContactRecord& c = contacts_[idx];
  const absl::Duration keep = cfg().retention.contact_text;
  if (c.text.empty() || keep == absl::InfiniteDuration()) return;
  text_purges_.Insert({c.received + keep, idx, c.life, 0});
}

absl::Status EngineImpl::ReplaySubmitLocked(const journal::Record& r) {
  Prepared p;
  p.normalized.text = r.text;
  p.received = r.received;
  p.decision = r.decision;
  const Decider& decider = g_->decider;
  // Where the contact was put, in this configuration: its queue when it is
  // still there, else its department's queue for its channel, else triage
  // (as Reload moves contacts whose queue left the configuration).
  int queue = decider.QueueIndex(r.decision.queue);
  if (queue < 0) {
    const int department = decider.DepartmentIndex(r.decision.department);
    if (department >= 0) queue = decider.QueueFor(department, r.channel);
  }
  if (queue < 0) queue = decider.QueueIndex(cfg().thresholds.triage_queue);
  if (queue < 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "contact ", r.contact_id, ": queue ", r.decision.queue,
        " is not in the configuration, nor a triage queue"));
  }
  p.index.queue = queue;
  p.index.department = decider.DepartmentIndex(cfg().queues[queue].department);
  p.customer_key = r.customer_key;
  if (r.decision.call_back.scheduled) {
    p.index.call_back_queue = decider.QueueIndex(r.decision.call_back.queue);
  }
  bool repeat = false;
  absl::StatusOr<uint32_t> idx =
      AdmitLocked(r.contact_id, r.channel, p, /*replay=*/true, &repeat);
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
  op_now_ = r.at;
  switch (r.type) {
    case RecordType::kSubmit:
      return ReplaySubmitLocked(r);
    case RecordType::kPresence:
      return SetPresenceLocked(r.agent_id, static_cast<Presence>(r.value));
    case RecordType::kAccept:
      return AcceptLocked(r.contact_id, r.agent_id);
    case RecordType::kReject:
      return RejectLocked(r.contact_id, r.agent_id);
    case RecordType::kFirstResponse:
      return FirstResponseLocked(r.contact_id);
    case RecordType::kTransfer:
      return TransferLocked(r.contact_id, r.department, r.detail);
    case RecordType::kResolve:
      return ResolveLocked(r.contact_id, static_cast<Outcome>(r.value));
    case RecordType::kAbandon:
      return AbandonLocked(r.contact_id);
    case RecordType::kSatisfaction:
      return RecordSatisfactionLocked(r.contact_id, static_cast<int>(r.value));
    case RecordType::kAskForPerson:
      return AskForPersonLocked(r.contact_id);
    case RecordType::kRegisterAgent:
      return RegisterAgentLocked(r.agent).status();
    case RecordType::kTick:
      TickLocked();
      return absl::OkStatus();
    case RecordType::kReload:
      // Replay runs with the configuration the engine was created with;
      // each contact goes back to the queue its journaled decision named.
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
                static_cast<int64_t>(presence),
                [&] { return SetPresenceLocked(agent_id, presence); });
}

absl::Status EngineImpl::Accept(absl::string_view contact_id,
                                absl::string_view agent_id) {
  return Mutate(RecordType::kAccept, contact_id, agent_id, "", "", 0,
                [&] { return AcceptLocked(contact_id, agent_id); });
}

absl::Status EngineImpl::Reject(absl::string_view contact_id,
                                absl::string_view agent_id) {
  return Mutate(RecordType::kReject, contact_id, agent_id, "", "", 0,
                [&] { return RejectLocked(contact_id, agent_id); });
}

absl::Status EngineImpl::FirstResponse(absl::string_view contact_id) {
  return Mutate(RecordType::kFirstResponse, contact_id, "", "", "", 0,
                [&] { return FirstResponseLocked(contact_id); });
}

absl::Status EngineImpl::Transfer(absl::string_view contact_id,
                                  absl::string_view to_department,
                                  absl::string_view reason) {
  return Mutate(RecordType::kTransfer, contact_id, "", to_department, reason,
                0, [&] {
                  return TransferLocked(contact_id, to_department, reason);
                });
}

absl::Status EngineImpl::Resolve(absl::string_view contact_id,
                                 Outcome outcome) {
  return Mutate(RecordType::kResolve, contact_id, "", "", "",
                static_cast<int64_t>(outcome),
                [&] { return ResolveLocked(contact_id, outcome); });
}

absl::Status EngineImpl::Abandon(absl::string_view contact_id) {
  return Mutate(RecordType::kAbandon, contact_id, "", "", "", 0,
                [&] { return AbandonLocked(contact_id); });
}

absl::Status EngineImpl::RecordSatisfaction(absl::string_view contact_id,
                                            int score) {
  return Mutate(RecordType::kSatisfaction, contact_id, "", "", "", score,
                [&] { return RecordSatisfactionLocked(contact_id, score); });
}

absl::Status EngineImpl::AskForPerson(absl::string_view contact_id) {
  return Mutate(RecordType::kAskForPerson, contact_id, "", "", "", 0,
                [&] { return AskForPersonLocked(contact_id); });
}

absl::StatusOr<bool> EngineImpl::RegisterAgent(const AgentConfig& agent) {
  uint64_t seq = 0;
  bool created = false;
  {
    SpinLock lock(&mu_);
    if (absl::Status health = JournalHealth(); !health.ok()) return health;
    BeginOp();
    absl::StatusOr<bool> done = RegisterAgentLocked(agent);
    if (!done.ok()) return done.status();
    created = *done;
    seq = Log(RecordType::kRegisterAgent, [&](std::string* out) {
      journal::EncodeRegisterAgent(op_now_, agent, out);
    });
  }
  if (absl::Status durable = Durable(seq); !durable.ok()) return durable;
  return created;
}

absl::StatusOr<uint32_t> EngineImpl::FindContact(absl::string_view id) const {
  const uint32_t* found = contact_index_.find(id);
  if (found == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown contact ", id));
  }
  return *found;
}

absl::StatusOr<int> EngineImpl::FindAgent(absl::string_view id) const {
  int a = agents_.Find(id);
  if (a < 0) return absl::NotFoundError(absl::StrCat("unknown agent ", id));
  return a;
}

absl::StatusOr<uint32_t> EngineImpl::FindOfferedTo(
    absl::string_view contact_id, int agent, absl::string_view agent_id) const {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  const ContactRecord& c = contacts_[*idx];
  if (c.state == ContactState::kOffered && c.agent == agent) return *idx;
  return absl::FailedPreconditionError(
      absl::StrCat("contact ", c.id, " is not offered to agent ", agent_id,
                   " (it is ", ContactStateName(c.state), ")"));
}

absl::Status EngineImpl::NotInState(const ContactRecord& c,
                                    absl::string_view wanted) const {
  return absl::FailedPreconditionError(absl::StrCat(
      "contact ", c.id, " is ", ContactStateName(c.state), ", not ", wanted));
}

void EngineImpl::Emit(EventType type, const ContactRecord* c, int agent,
                      absl::string_view detail, int from_department,
                      Outcome outcome, int score) {
  if (listeners_.empty()) return;
  Event e;
  e.type = type;
  e.time = op_now_;
  if (c != nullptr) {
    e.contact_id = c->id;
    if (c->department >= 0) {
      e.department = cfg().departments[c->department].id;
    }
    if (c->queue >= 0) e.queue = cfg().queues[c->queue].id;
  }
  if (agent >= 0) e.agent_id = agents_.agent(agent).id;
  if (from_department >= 0) {
    e.from_department = cfg().departments[from_department].id;
  }
  e.detail = std::string(detail);
  e.outcome = outcome;
  e.score = score;
  for (const EventListener& l : listeners_) l(e);
}

void EngineImpl::PushToQueue(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  c.state = ContactState::kWaiting;
  c.agent = -1;
  queues_[c.queue].Push(c.entry);
  Emit(EventType::kQueued, &c, -1);
}

void EngineImpl::ScheduleEscalation(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  const std::vector<EscalationStep>& steps = cfg().queues[c.queue].escalation;
  if (c.escalation_step >= static_cast<int>(steps.size())) return;
  escalations_[c.queue][c.escalation_step].Insert(
      {absl::FromUnixNanos(c.entry.enqueued_ns) +
           steps[c.escalation_step].after,
       idx, c.life, c.escalation_gen});
}

void EngineImpl::TryAssign(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  if (c.state != ContactState::kWaiting) return;
  int agent = agents_.Choose(c.channel, c.needs,
                             cfg().queues[c.queue].strategy, c.rejected_by);
  if (agent >= 0) Offer(idx, agent);
}

void EngineImpl::Offer(uint32_t idx, int agent) {
  ContactRecord& c = contacts_[idx];
  const absl::Time now = op_now_;
  queues_[c.queue].Erase(c.entry);
  c.state = ContactState::kOffered;
  c.agent = agent;
  c.offered_at = now;
  agents_.AddLoad(agent, c.channel, now);
  ++c.offer_gen;
  offer_timeouts_.Insert(
      {now + cfg().offer_timeout, idx, c.life, c.offer_gen});
  recorder_.Add(c.channel, c.stats_department, Counter::kOffered);
  Emit(EventType::kOffered, &c, agent);
}

void EngineImpl::ReturnOffer(uint32_t idx, EventType why) {
  ContactRecord& c = contacts_[idx];
  const int agent = c.agent;
  c.rejected_by.push_back(agent);
  ++c.offer_gen;
  agents_.ReleaseLoad(agent, c.channel, op_now_);
  recorder_.Add(c.channel, c.stats_department,
                why == EventType::kOfferRejected ? Counter::kOfferRejected
                                                 : Counter::kOfferTimedOut);
  Emit(why, &c, agent);
  // Back in its old place: the same entry, so the same key and age.
  PushToQueue(idx);
  // Re-arm the next escalation step (a new generation cancels the pending
  // deadline): an overflow that fell due while offered applies now.
  ++c.escalation_gen;
  ScheduleEscalation(idx);
  TryAssign(idx);
  if (c.state == ContactState::kWaiting) {
    // Nobody else could take it. The agents who declined are not asked
    // again at once, but after one offer timeout they are: a contact that
    // only declined agents can take must not wait for ever.
    retries_.Insert(
        {op_now_ + cfg().offer_timeout, idx, c.life, c.offer_gen});
  }
  AssignBacklog(agent);
}

int EngineImpl::Detach(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  ++c.offer_gen;
  ++c.escalation_gen;
  int freed = -1;
  if (c.state == ContactState::kWaiting) {
    queues_[c.queue].Erase(c.entry);
  } else if (c.state == ContactState::kOffered ||
             c.state == ContactState::kAccepted) {
    freed = c.agent;
    agents_.ReleaseLoad(freed, c.channel, op_now_);
    c.agent = -1;
  }
  return freed;
}

void EngineImpl::AssignBacklog(int agent) {
  if (agent < 0) return;
  const absl::InlinedVector<int, 2> none;
  while (true) {
    // The best waiting contact, over all queues, that this agent can take.
    const QueueEntry* best = nullptr;
    for (const ContactQueue& q : queues_) {
      // Every entry until the first the agent can take: a contact further
      // back must not starve behind ones this agent cannot serve.
      for (const QueueEntry& e : q) {
        if (best != nullptr && !(e < *best)) break;  // Cannot beat best.
        const ContactRecord& c = contacts_[e.contact];
        if (!agents_.CanTake(agent, c.channel, c.needs)) continue;
        if (std::find(c.rejected_by.begin(), c.rejected_by.end(), agent) !=
            c.rejected_by.end()) {
          continue;
        }
        best = &e;
        break;
      }
    }
    if (best == nullptr) return;
    Offer(best->contact, agent);
  }
}

void EngineImpl::MoveToQueue(uint32_t idx, int queue, bool skip_due_steps) {
  ContactRecord& c = contacts_[idx];
  c.queue = queue;
  SetDepartment(c, g_->decider.DepartmentIndex(cfg().queues[queue].department));
  c.needs = g_->department_needs[c.department];
  // The new queue's steps count from the contact's first queueing (it keeps
  // its age). After a transfer, steps already past are skipped: a person
  // chose this department, and an overdue overflow must not undo that.
  c.escalation_step = 0;
  if (skip_due_steps) {
    const std::vector<EscalationStep>& steps = cfg().queues[queue].escalation;
    const absl::Time since = absl::FromUnixNanos(c.entry.enqueued_ns);
    const absl::Time now = op_now_;
    while (c.escalation_step < static_cast<int>(steps.size()) &&
           since + steps[c.escalation_step].after <= now) {
      ++c.escalation_step;
    }
  }
  ++c.escalation_gen;
  PushToQueue(idx);
  ScheduleEscalation(idx);
  TryAssign(idx);
}

void EngineImpl::Escalate(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  const std::vector<EscalationStep>& steps = cfg().queues[c.queue].escalation;
  if (c.escalation_step >= static_cast<int>(steps.size())) return;
  const EscalationStep& step = steps[c.escalation_step++];
  if (step.kind == EscalationKind::kWidenSkills) {
    SkillNeeds widened;
    for (SkillNeed n : c.needs) {
      const std::string& name = cfg().skills[n.skill];
      const bool drop =
          step.drop_skills.empty() ||
          std::find(step.drop_skills.begin(), step.drop_skills.end(), name) !=
              step.drop_skills.end();
      if (!drop) widened.push_back({n.skill, 1});
    }
    c.needs = std::move(widened);
    recorder_.Add(c.channel, c.stats_department, Counter::kEscalated);
    Emit(EventType::kEscalated, &c, -1, "widened required skills");
    ScheduleEscalation(idx);
    TryAssign(idx);
    return;
  }
  // Overflow: only a waiting contact moves (an offered one is in an
  // agent's hands; if it comes back, ReturnOffer re-arms this step, which
  // is then past due and fires at once).
  if (c.state != ContactState::kWaiting) {
    --c.escalation_step;
    return;
  }
  const int to = g_->decider.QueueIndex(step.overflow_queue);
  const QueueConfig& target = cfg().queues[to];
  if (static_cast<int64_t>(queues_[to].size()) >= target.max_length) {
    // The overflow queue is full: the contact stays (it is never dropped)
    // and the next step, if any, still applies.
    Emit(EventType::kEscalated, &c, -1,
         absl::StrCat("overflow to ", step.overflow_queue,
                      " skipped: that queue is full"));
    ScheduleEscalation(idx);
    return;
  }
  recorder_.Add(c.channel, c.stats_department, Counter::kEscalated);
  Emit(EventType::kEscalated, &c, -1,
       absl::StrCat("overflow to ", step.overflow_queue));
  queues_[c.queue].Erase(c.entry);
  // Overdue steps of the overflow queue fire at once (ValidateConfig
  // refuses overflow cycles, so this ends).
  MoveToQueue(idx, to, /*skip_due_steps=*/false);
}

absl::Status EngineImpl::SetPresenceLocked(absl::string_view agent_id,
                                     Presence presence) {
  if (absl::Status s = CheckPresence(presence, agent_id); !s.ok()) return s;
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  agents_.SetPresence(*agent, presence, op_now_);
  Emit(EventType::kAgentPresence, nullptr, *agent, PresenceName(presence));
  if (presence == Presence::kAvailable) AssignBacklog(*agent);
  return absl::OkStatus();
}

absl::Status EngineImpl::AcceptLocked(absl::string_view contact_id,
                                absl::string_view agent_id) {
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  absl::StatusOr<uint32_t> idx = FindOfferedTo(contact_id, *agent, agent_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  const absl::Time now = op_now_;
  c.state = ContactState::kAccepted;
  const bool first_accept = c.accepted == absl::InfinitePast();
  c.accepted = now;
  ++c.offer_gen;
  ++c.escalation_gen;
  recorder_.Add(c.channel, c.stats_department, Counter::kAccepted);
  // The citizen waited once, however often the contact was transferred:
  // wait and SLA are counted at the first acceptance only.
  if (first_accept) {
    recorder_.Record(c.channel, c.stats_department, Metric::kWait,
                     now - absl::FromUnixNanos(c.entry.enqueued_ns));
    recorder_.Add(
        c.channel, c.stats_department,
        now <= c.sla_deadline ? Counter::kSlaMet : Counter::kSlaMissed);
  }
  Emit(EventType::kAccepted, &c, *agent);
  return absl::OkStatus();
}

absl::Status EngineImpl::RejectLocked(absl::string_view contact_id,
                                absl::string_view agent_id) {
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  absl::StatusOr<uint32_t> idx = FindOfferedTo(contact_id, *agent, agent_id);
  if (!idx.ok()) return idx.status();
  ReturnOffer(*idx, EventType::kOfferRejected);
  return absl::OkStatus();
}

absl::Status EngineImpl::FirstResponseLocked(absl::string_view contact_id) {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kAccepted) return NotInState(c, "accepted");
  if (c.first_response) {
    return absl::FailedPreconditionError(absl::StrCat(
        "contact ", c.id, " already has its first response recorded"));
  }
  c.first_response = true;
  recorder_.Record(c.channel, c.stats_department, Metric::kFirstResponse,
                   op_now_ - c.received);
  Emit(EventType::kFirstResponse, &c, c.agent);
  return absl::OkStatus();
}

absl::Status EngineImpl::TransferLocked(absl::string_view contact_id,
                                  absl::string_view to_department,
                                  absl::string_view reason) {
  const int to = g_->decider.DepartmentIndex(to_department);
  if (to < 0) {
    return absl::NotFoundError(
        absl::StrCat("unknown department ", to_department));
  }
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state == ContactState::kResolved ||
      c.state == ContactState::kAbandoned) {
    return NotInState(c, "waiting, offered or accepted");
  }
  if (c.department == to) {
    return absl::InvalidArgumentError(absl::StrCat(
        "contact ", c.id, " is already in department ", to_department));
  }
  const int queue = g_->decider.QueueFor(to, c.channel);
  if (queue < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("department ", to_department, " has no queue for ",
                     ChannelName(c.channel)));
  }
  const QueueConfig& qc = cfg().queues[queue];
  if (static_cast<int64_t>(queues_[queue].size()) >= qc.max_length) {
    return absl::ResourceExhaustedError(
        absl::StrCat("cannot transfer contact ", c.id, ": queue ", qc.id,
                     " is full; the contact stays where it is"));
  }
  const int from = c.department;
  if (c.state == ContactState::kOffered) {
    Emit(EventType::kOfferWithdrawn, &c, c.agent, "transferred");
  }
  const int freed = Detach(*idx);
  c.transferred = true;
  c.rejected_by.clear();  // New department, new agents.
  const int from_stats = c.stats_department;
  const int to_stats = g_->stats_department[to];
  recorder_.Add(c.channel, from_stats, Counter::kTransferredOut);
  recorder_.Add(c.channel, to_stats, Counter::kTransferredIn);
  recorder_.RecordTransfer(from_stats, to_stats);
  // The citizen's words with the department a person chose: a corrected
  // training example. The label is the department's first classifier label
  // (its id when it has none).
  const DepartmentConfig& dept = cfg().departments[to];
  Example corrected;
  corrected.text = c.text;
  corrected.label = dept.labels.empty() ? dept.id : dept.labels.front();
  corrected_.push_back(std::move(corrected));
  SetDepartment(c, to);
  c.queue = queue;
  Emit(EventType::kTransferred, &c, freed, reason, from);
  MoveToQueue(*idx, queue, /*skip_due_steps=*/true);
  AssignBacklog(freed);
  return absl::OkStatus();
}

absl::Status EngineImpl::ResolveLocked(absl::string_view contact_id,
                                 Outcome outcome) {
  if (absl::Status s = CheckOutcome(outcome, contact_id); !s.ok()) return s;
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kAccepted) return NotInState(c, "accepted");
  const absl::Time now = op_now_;
  const int agent = c.agent;
  Detach(*idx);
  c.state = ContactState::kResolved;
  recorder_.Record(c.channel, c.stats_department, Metric::kHandle, now - c.accepted);
  recorder_.Record(c.channel, c.stats_department, Metric::kResolution,
                   now - c.received);
  recorder_.Add(c.channel, c.stats_department, Counter::kResolved);
  if (!c.transferred) {
    recorder_.Add(c.channel, c.stats_department, Counter::kResolvedFirstTime);
  }
  recorder_.Add(c.channel, c.stats_department,
                outcome == Outcome::kFavourable     ? Counter::kFavourable
                : outcome == Outcome::kUnfavourable ? Counter::kUnfavourable
                                                    : Counter::kNeutral);
  Emit(EventType::kResolved, &c, agent, OutcomeName(outcome), -1, outcome);
  if (c.customer_key != 0) {
    history_.SetOutcome(c.customer_key, {.contact_id = c.id,
                                          .received = c.received,
                                          .department = c.decision.department,
                                          .type = c.decision.contact_type,
                                          .outcome = outcome});
  }
  Finish(*idx);
  if (outcome == Outcome::kUnfavourable && c.call_back_for.empty()) {
    CallBackAfterUnfavourable(*idx);
  }
  AssignBacklog(agent);
  return absl::OkStatus();
}

void EngineImpl::CallBackAfterUnfavourable(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  recorder_.Add(c.channel, c.stats_department, Counter::kCallBackRecommended);
  if (!cfg().call_back.enabled || !c.call_back_task.empty()) return;
  // No channel is forced on the citizen: one who asked for replies on
  // another channel is not phoned.
  if (c.decision.reply_channel_chosen &&
      c.decision.reply_channel != Channel::kPhone) {
    return;
  }
  const int queue = g_->decider.QueueFor(c.department, Channel::kPhone);
  if (queue < 0) return;
  ScheduleCallBack(idx, queue, "resolved with an outcome against the citizen");
}

absl::Status EngineImpl::AbandonLocked(absl::string_view contact_id) {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kWaiting && c.state != ContactState::kOffered) {
    return NotInState(c, "waiting or offered");
  }
  if (c.state == ContactState::kOffered) {
    Emit(EventType::kOfferWithdrawn, &c, c.agent, "abandoned");
  }
  const int freed = Detach(*idx);
  c.state = ContactState::kAbandoned;
  recorder_.Add(c.channel, c.stats_department, Counter::kAbandoned);
  if (c.accepted == absl::InfinitePast() && op_now_ > c.sla_deadline) {
    recorder_.Add(c.channel, c.stats_department, Counter::kSlaMissed);
  }
  Emit(EventType::kAbandoned, &c, freed);
  Finish(*idx);
  AssignBacklog(freed);
  return absl::OkStatus();
}

absl::Status EngineImpl::RecordSatisfactionLocked(absl::string_view contact_id,
                                            int score) {
  if (score < 1 || score > 10) {
    return absl::InvalidArgumentError(
        absl::StrCat("satisfaction score for contact ", contact_id, " is ",
                     score, "; expected 1..10"));
  }
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  recorder_.RecordSatisfaction(c.channel, c.stats_department, score);
  Emit(EventType::kSatisfaction, &c, -1, {}, -1, Outcome::kNeutral, score);
  return absl::OkStatus();
}

absl::Status EngineImpl::AskForPersonLocked(absl::string_view contact_id) {
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  ContactRecord& c = contacts_[*idx];
  if (c.state != ContactState::kSelfServed) {
    return NotInState(c, "self-served (only a contact answered by "
                         "self-service can ask for a person)");
  }
  // Where the decision said it would go otherwise; if a reload removed that
  // queue, its department's queue for the channel, else triage.
  int queue = c.queue;
  if (queue < 0 && c.department >= 0) {
    queue = g_->decider.QueueFor(c.department, c.channel);
  }
  if (queue < 0) queue = g_->decider.QueueIndex(cfg().thresholds.triage_queue);
  recorder_.Add(c.channel, c.stats_department, Counter::kSelfServiceEscalated);
  recorder_.Add(c.channel, c.stats_department, Counter::kRouted);
  recorder_.Add(c.channel, c.stats_department, Counter::kQueued);
  // Its original age: queued as of when it arrived, so it waits no longer
  // than if it had gone to a person at once.
  c.entry = QueueEntry::Make(c.priority, c.received,
                             cfg().thresholds.aging_per_minute, ++seq_, *idx);
  Emit(EventType::kAskedForPerson, &c, -1);
  if (queue != c.queue) {
    SetDepartment(c, g_->decider.DepartmentIndex(cfg().queues[queue].department));
    c.needs = g_->department_needs[c.department];
    c.queue = queue;
  }
  // The queue's escalation steps count from its arrival too.
  c.escalation_step = 0;
  ++c.escalation_gen;
  PushToQueue(*idx);
  ScheduleEscalation(*idx);
  TryAssign(*idx);
  return absl::OkStatus();
}

bool EngineImpl::FireOne(absl::Time now) {
  // Drop cancelled deadlines at the fronts, then find the earliest due one.
  auto live = [&](DeadlineFifo& fifo, auto is_live) {
    while (!fifo.empty() && !is_live(fifo.front())) fifo.pop();
  };
  auto offer_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && c.offer_gen == d.gen &&
           c.state == ContactState::kOffered;
  };
  auto escalation_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && c.escalation_gen == d.gen &&
           (c.state == ContactState::kWaiting ||
            c.state == ContactState::kOffered);
  };
  auto purge_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && (c.state == ContactState::kResolved ||
                                c.state == ContactState::kAbandoned ||
                                c.state == ContactState::kSelfServed);
  };
  auto retry_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && c.offer_gen == d.gen &&
           c.state == ContactState::kWaiting;
  };
  DeadlineFifo* best = nullptr;
  auto text_live = [&](const Deadline& d) {
    const ContactRecord& c = contacts_[d.contact];
    return c.life == d.life && !c.text.empty();
  };
  enum { kOffer, kEscalation, kPurge, kRetry, kText } kind = kOffer;
  auto consider = [&](DeadlineFifo& fifo, decltype(kind) k) {
    if (!fifo.empty() && fifo.front().at <= now &&
        (best == nullptr || fifo.front().at < best->front().at)) {
      best = &fifo;
      kind = k;
    }
  };
  live(offer_timeouts_, offer_live);
  consider(offer_timeouts_, kOffer);
  for (std::vector<DeadlineFifo>& steps : escalations_) {
    for (DeadlineFifo& fifo : steps) {
      live(fifo, escalation_live);
      consider(fifo, kEscalation);
    }
  }
  live(purges_, purge_live);
  consider(purges_, kPurge);
  live(retries_, retry_live);
  consider(retries_, kRetry);
  live(text_purges_, text_live);
  consider(text_purges_, kText);
  if (best == nullptr) return false;
  const Deadline d = best->front();
  best->pop();
  switch (kind) {
    case kOffer:
      ReturnOffer(d.contact, EventType::kOfferTimedOut);
      break;
    case kEscalation:
      Escalate(d.contact);
      break;
    case kRetry:
      contacts_[d.contact].rejected_by.clear();
      TryAssign(d.contact);
      break;
    case kText: {
      // Data minimisation: the citizen's words go; where the contact went
      // and how long each step took stay.
      std::string().swap(contacts_[d.contact].text);
      break;
    }
    case kPurge: {
      ContactRecord& c = contacts_[d.contact];
      contact_index_.erase(c.id);
      ++c.life;
      free_slots_.push_back(d.contact);
      break;
    }
  }
  return true;
}

bool EngineImpl::TickLocked() {
  bool fired = false;
  while (FireOne(op_now_)) fired = true;
  return fired;
}

void EngineImpl::Tick() {
  // Timers are not acknowledged to anyone, so Tick does not wait for its
  // record; the next acknowledged change waits for it (journal order).
  SpinLock lock(&mu_);
  // A journal that cannot write: the timers wait (nothing changes that
  // could not be kept), and fire on the restarted engine.
  if (!JournalHealth().ok()) return;
  BeginOp();
  if (TickLocked()) {
    LogStep(RecordType::kTick, "", "", "", "", 0);
  }
}

absl::Time EngineImpl::NextDeadline() const {
  SpinLock lock(&mu_);
  absl::Time next = absl::InfiniteFuture();
  auto front = [&](const DeadlineFifo& fifo) {
    if (!fifo.empty()) next = std::min(next, fifo.front().at);
  };
  front(offer_timeouts_);
  for (const auto& steps : escalations_) {
    for (const DeadlineFifo& fifo : steps) front(fifo);
  }
  front(purges_);
  front(retries_);
  front(text_purges_);
  return next;
}

void EngineImpl::Finish(uint32_t idx) {
  ContactRecord& c = contacts_[idx];
  purges_.Insert({op_now_ + options_.finished_retention, idx, c.life, 0});
}

uint32_t EngineImpl::NewRecord() {
  if (!free_slots_.empty()) {
    const uint32_t idx = free_slots_.back();
    free_slots_.pop_back();
    ContactRecord& c = contacts_[idx];
    // Reset, keeping `life` and the strings' capacity.
    const uint32_t life = c.life;
    std::string id = std::move(c.id), text = std::move(c.text);
    c = ContactRecord();
    c.life = life;
    c.id = std::move(id);
    c.text = std::move(text);
    return idx;
  }
  contacts_.emplace_back();
  return static_cast<uint32_t>(contacts_.size() - 1);
}

absl::Status EngineImpl::CheckAgent(const AgentConfig& agent,
                                    const Generation& g) const {
  if (agent.id.empty()) {
    return absl::InvalidArgumentError("agent.id is empty");
  }
  if (absl::Status s = ValidateUtf8("agent.id", agent.id); !s.ok()) return s;
  for (size_t i = 0; i < agent.skills.size(); ++i) {
    const SkillLevel& s = agent.skills[i];
    if (!g.skill_index.contains(s.skill)) {
      return absl::InvalidArgumentError(
          absl::StrCat("agent ", agent.id, ": skills[", i, "]: unknown skill \"",
                       s.skill, "\" (not in the configuration's skills)"));
    }
    if (s.level < 1 || s.level > 10) {
      return absl::InvalidArgumentError(
          absl::StrCat("agent ", agent.id, ": skills[", i, "] (", s.skill,
                       "): level ", s.level, " is outside 1..10"));
    }
  }
  for (const auto& [channel, capacity] : agent.capacity) {
    const int ch = static_cast<int>(channel);
    if (channel == Channel::kUnspecified || ch < 0 || ch >= kChannelSlots) {
      return absl::InvalidArgumentError(absl::StrCat(
          "agent ", agent.id, ": capacity: unknown channel ", ch));
    }
    if (capacity < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("agent ", agent.id, ": capacity for ",
                       ChannelName(channel), " is negative (", capacity, ")"));
    }
  }
  const int presence = static_cast<int>(agent.presence);
  if (presence < 0 || presence > static_cast<int>(Presence::kAway)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "agent ", agent.id, ": unknown presence ", presence));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> EngineImpl::RegisterAgentLocked(const AgentConfig& agent) {
  absl::Status valid = CheckAgent(agent, *g_);
  if (!valid.ok()) return valid;
  const bool created = agents_.Upsert(agent, g_->skill_index, op_now_);
  const int i = agents_.Find(agent.id);
  Emit(EventType::kAgentPresence, nullptr, i,
       created ? PresenceName(agent.presence) : "updated");
  // New skills or room may let the agent take waiting work.
  AssignBacklog(i);
  return created;
}

ContactView EngineImpl::ViewOf(const ContactRecord& c) const {
  ContactView v;
  v.id = c.id;
  v.channel = c.channel;
  v.state = c.state;
  if (c.department >= 0) v.department = cfg().departments[c.department].id;
  if (c.queue >= 0) v.queue = cfg().queues[c.queue].id;
  if (c.agent >= 0 && (c.state == ContactState::kOffered ||
                       c.state == ContactState::kAccepted)) {
    v.agent_id = agents_.agent(c.agent).id;
  }
  v.label = c.label;
  v.text = c.text;
  v.priority = c.priority;
  v.received = c.received;
  v.sla_deadline = c.sla_deadline;
  if (c.state == ContactState::kOffered) {
    v.offered_at = c.offered_at;
    v.offer_expires = c.offered_at + cfg().offer_timeout;
  }
  v.decision = c.decision;
  v.call_back_for = c.call_back_for;
  v.call_back_task = c.call_back_task;
  return v;
}

absl::StatusOr<ContactView> EngineImpl::GetContact(
    absl::string_view contact_id) const {
  SpinLock lock(&mu_);
  absl::StatusOr<uint32_t> idx = FindContact(contact_id);
  if (!idx.ok()) return idx.status();
  return ViewOf(contacts_[*idx]);
}

absl::StatusOr<std::vector<ContactView>> EngineImpl::OffersFor(
    absl::string_view agent_id) const {
  SpinLock lock(&mu_);
  absl::StatusOr<int> agent = FindAgent(agent_id);
  if (!agent.ok()) return agent.status();
  std::vector<ContactView> offers;
  if (agents_.agent(*agent).total_load == 0) return offers;
  for (const ContactRecord& c : contacts_) {
    if (c.state == ContactState::kOffered && c.agent == *agent &&
        contact_index_.contains(c.id)) {
      offers.push_back(ViewOf(c));
    }
  }
  std::sort(offers.begin(), offers.end(),
            [](const ContactView& a, const ContactView& b) {
              return a.offered_at < b.offered_at;
            });
  return offers;
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
    Migrate(std::move(next));
    // For the record only: replay uses the configuration the engine starts
    // with. The next acknowledged change waits for this record too.
    LogStep(RecordType::kReload, "", "", "", "", static_cast<int64_t>(number));
  }
  history_.set_window(history_window);
  return absl::OkStatus();
}

void EngineImpl::Migrate(std::shared_ptr<const Generation> next) {
  const Generation& old = *g_;
  const Generation* const ng = next.get();  // Kept alive by current_.
  const EngineConfig& oc = old.config();
  const EngineConfig& nc = next->config();
  const absl::Time now = op_now_;

  // Agents: skills re-indexed by name, configured ones added or updated.
  agents_.RemapSkills(oc.skills, ng->skill_index);
  for (const AgentConfig& a : nc.agents) {
    agents_.Upsert(a, ng->skill_index, now);
  }

  // Where each old queue's contacts go: the same queue id when it stays.
  std::vector<int> queue_to(oc.queues.size(), -1);
  for (size_t q = 0; q < oc.queues.size(); ++q) {
    queue_to[q] = ng->decider.QueueIndex(oc.queues[q].id);
  }
  std::vector<int> department_to(oc.departments.size(), -1);
  for (size_t d = 0; d < oc.departments.size(); ++d) {
    department_to[d] = ng->decider.DepartmentIndex(oc.departments[d].id);
  }
  auto remap_needs = [&](const SkillNeeds& needs) {
    SkillNeeds out;
    for (SkillNeed n : needs) {
      auto it = ng->skill_index.find(oc.skills[n.skill]);
      if (it != ng->skill_index.end()) {
        out.push_back({static_cast<uint16_t>(it->second), n.min_level});
      }
    }
    return out;
  };

  // Waiting contacts leave the old queues in order; they are put back
  // (same entry: same key, same age) once the new generation is in.
  std::vector<uint32_t> waiting;
  for (const ContactQueue& q : queues_) {
    for (const QueueEntry& e : q) waiting.push_back(e.contact);
  }
  struct Moved {
    uint32_t idx;
    std::string why;  // Non-empty: the contact changed queue.
  };
  std::vector<Moved> moved;
  const int triage_queue = ng->decider.QueueIndex(nc.thresholds.triage_queue);

  g_ = next.get();
  std::atomic_store(&current_, std::move(next));
  const Generation& g = *g_;

  for (uint32_t idx = 0; idx < contacts_.size(); ++idx) {
    ContactRecord& c = contacts_[idx];
    if (c.id.empty() || !contact_index_.contains(c.id)) continue;
    const int old_queue = c.queue;
    const int old_department = c.department;
    const int department =
        old_department >= 0 ? department_to[old_department] : -1;
    if (c.state == ContactState::kResolved ||
        c.state == ContactState::kAbandoned ||
        c.state == ContactState::kSelfServed) {
      // Finished: only names for late events; statistics keep their slot.
      c.department = department;
      c.queue = old_queue >= 0 ? queue_to[old_queue] : -1;
      continue;
    }
    c.needs = remap_needs(c.needs);
    int queue = old_queue >= 0 ? queue_to[old_queue] : -1;
    std::string why;
    if (queue < 0) {
      queue = department >= 0 ? g.decider.QueueFor(department, c.channel) : -1;
      if (queue >= 0) {
        why = absl::StrCat("queue ", oc.queues[old_queue].id,
                           " left the configuration; moved to ",
                           nc.queues[queue].id);
      } else {
        queue = triage_queue;
        why = absl::StrCat("queue ", oc.queues[old_queue].id,
                           " and its department left the configuration; "
                           "moved to triage");
      }
    }
    const int new_department =
        g.decider.DepartmentIndex(nc.queues[queue].department);
    const int stats = c.stats_department;
    SetDepartment(c, new_department);
    if (why.empty() && new_department == department) {
      c.stats_department = stats;  // Same department: same slot anyway.
    } else {
      c.needs = g.department_needs[new_department];
    }
    c.queue = queue;
    // Escalation steps of the (possibly new) queue, counted from the first
    // queueing as always; steps already past are skipped on a move, and an
    // unchanged queue keeps its place in its steps.
    const std::vector<EscalationStep>& steps = nc.queues[queue].escalation;
    if (!why.empty()) {
      c.escalation_step = 0;
      const absl::Time since = absl::FromUnixNanos(c.entry.enqueued_ns);
      while (c.escalation_step < static_cast<int>(steps.size()) &&
             since + steps[c.escalation_step].after <= now) {
        ++c.escalation_step;
      }
    }
    c.escalation_step =
        std::min(c.escalation_step, static_cast<int>(steps.size()));
    ++c.escalation_gen;
    if (!why.empty() && c.state != ContactState::kAccepted) {
      moved.push_back({idx, std::move(why)});
    }
  }

  // New queue and escalation shapes; waiting contacts go back in.
  queues_.clear();
  queues_.resize(nc.queues.size());
  escalations_.clear();
  escalations_.resize(nc.queues.size());
  for (size_t q = 0; q < nc.queues.size(); ++q) {
    escalations_[q].resize(nc.queues[q].escalation.size());
  }
  for (uint32_t idx : waiting) {
    queues_[contacts_[idx].queue].Push(contacts_[idx].entry);
  }
  for (uint32_t idx = 0; idx < contacts_.size(); ++idx) {
    const ContactRecord& c = contacts_[idx];
    if (c.id.empty() || !contact_index_.contains(c.id)) continue;
    if (c.state == ContactState::kWaiting ||
        c.state == ContactState::kOffered) {
      ScheduleEscalation(idx);
    }
  }
  for (const Moved& m : moved) {
    Emit(EventType::kEscalated, &contacts_[m.idx], -1, m.why);
  }
  // New agents, skills or queues may match waiting contacts to agents now.
  for (uint32_t idx : waiting) TryAssign(idx);
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
  info.agents = agents_.size();
  return info;
}

void EngineImpl::AddListener(EventListener listener) {
  SpinLock lock(&mu_);
  listeners_.push_back(std::move(listener));
}

StatsSnapshot EngineImpl::Stats(const StatsFilter& filter) const {
  StatsSnapshot s = recorder_.Snapshot(filter);
  SpinLock lock(&mu_);
  s.taken_at = clock_->Now();
  for (size_t q = 0; q < queues_.size(); ++q) {
    const QueueConfig& qc = cfg().queues[q];
    if (!filter.department.empty() && qc.department != filter.department) {
      continue;
    }
    QueueStats qs;
    qs.queue = qc.id;
    qs.department = qc.department;
    qs.waiting = queues_[q].size();
    absl::Time oldest = queues_[q].OldestEnqueue();
    qs.oldest_wait =
        queues_[q].empty() ? absl::ZeroDuration() : s.taken_at - oldest;
    s.queues.push_back(std::move(qs));
  }
  std::array<uint64_t, 3> presence = agents_.PresenceCounts();
  s.agents_offline = presence[static_cast<int>(Presence::kOffline)];
  s.agents_available = presence[static_cast<int>(Presence::kAvailable)];
  s.agents_away = presence[static_cast<int>(Presence::kAway)];
  s.corrected_examples = corrected_.size();
  return s;
}

std::vector<Example> EngineImpl::CorrectedExamples() const {
  SpinLock lock(&mu_);
  return corrected_;
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
