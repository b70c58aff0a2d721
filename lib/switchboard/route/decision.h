// Copyright 2026 The Switchboard Authors.
//
// decision.h: what the engine decided for one contact, and why.

#ifndef SWITCHBOARD_ROUTE_DECISION_H_
#define SWITCHBOARD_ROUTE_DECISION_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "switchboard/classify/contact_type.h"
#include "switchboard/config/engine_config.h"
#include "switchboard/contact.h"
#include "switchboard/protect/personal_data.h"

namespace switchboard {

enum class DecisionAction : uint8_t {
  kRoute,        // Queued for a department's agents.
  kTriage,       // Queued in the triage queue: a person decides.
  kSelfService,  // Answered at once with a configured answer.
};

absl::string_view DecisionActionName(DecisionAction a);

struct LabelScore {
  std::string label;
  float probability = 0;
};

// A recommended phone call to the citizen (RiskOptions, CallBackOptions).
struct CallBack {
  bool recommended = false;
  // A follow-up task was queued: a phone contact `task_id` in `queue`.
  // False with `recommended` when it could not or should not be (the reason
  // says why: the citizen prefers another reply channel, the contact is a
  // phone call already, call-backs are disabled).
  bool scheduled = false;
  std::string task_id;
  std::string queue;
  std::string reason;  // Why it is recommended (and why not scheduled).
};

struct Decision {
  std::string contact_id;
  DecisionAction action = DecisionAction::kRoute;
  std::string department;  // Department id ("" for self-service).
  std::string queue;       // Queue id the contact waits in.
  int priority = 0;
  std::vector<SkillLevel> required_skills;
  // The classifier's view: top label, its calibrated confidence and the
  // alternatives (best first, including the top label).
  std::string label;
  float confidence = 0;
  std::vector<LabelScore> alternatives;
  // When the contact should be answered by (received + SLA target).
  absl::Time sla_deadline = absl::InfiniteFuture();
  // Which rule matched, or which model evidence decided, in words.
  std::string reason;
  std::string rule;  // Name of the rule that matched, "" if none.

  // What the citizen does: question, complaint, objection, request,
  // compliment; and what told it: `model 0.83` (the trained type model and
  // its confidence) or `cue "bezwaar"` or `no cue` (a question by default).
  ContactType contact_type = ContactType::kQuestion;
  std::string contact_type_source;
  // The detected language ("nl", "en", another code, "und").
  std::string language;
  // The channel the answer goes out on: the citizen's preferred reply
  // channel, else the channel the contact came in on.
  Channel reply_channel = Channel::kUnspecified;
  // The citizen chose it (Contact::preferred_reply_channel was set).
  bool reply_channel_chosen = false;

  // Repeat contact: the customer contacted before within the history
  // window (or the contact continues an earlier one). `earlier_contacts`
  // are their ids, newest first, at most repeat_contact.max_linked (10) and
  // never more than CustomerHistory::kMaxEarlier (17): the history keeps a
  // customer's newest 16 contacts, plus the newest resolved against the
  // customer (route/customer_history.h). `same_matter` is how many of those
  // were about the same matter (routed to the same department, or
  // continued).
  bool repeat_contact = false;
  std::vector<std::string> earlier_contacts;
  int same_matter = 0;

  // Dissatisfaction risk in [0, 1] and the factors that made it, in words.
  float risk = 0;
  std::vector<std::string> risk_reasons;
  CallBack call_back;

  // Self-service (action kSelfService): the configured answer and its
  // language. `department` and `queue` say where the contact goes if the
  // citizen still asks for a person (Engine::AskForPerson).
  std::string answer;
  std::string answer_language;

  // Personal data found in the text and masked, by PersonalDataKind.
  std::array<int, kNumPersonalDataKinds> personal_data{};

  // The engine's configuration generation that decided it
  // (EngineInfo::generation: 1 after Create, one more per Reload), so that
  // a caller can tell which configuration a decision came from. 0 when no
  // engine decided it (the Decider on its own), for a decision replayed
  // from the journal (the generation is not journaled: replay runs on the
  // configuration the engine starts with) and for a call-back task's.
  uint64_t generation = 0;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_DECISION_H_
