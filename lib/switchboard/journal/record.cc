// Copyright 2026 The Switchboard Authors.

#include "switchboard/journal/record.h"

#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "switchboard/events/event.h"
#include "switchboard/journal/coding.h"

namespace switchboard::journal {
namespace {

// Bounds on counts inside one record, far above anything real, so that a
// corrupt count cannot ask for a huge allocation.
constexpr uint64_t kMaxItems = 10'000;
constexpr uint64_t kMaxChannel = static_cast<uint64_t>(Channel::kMessaging);

// Times as signed Unix nanoseconds; the infinities as the int64 extremes.
void PutTime(std::string* out, absl::Time t) {
  int64_t ns;
  if (t == absl::InfiniteFuture()) {
    ns = std::numeric_limits<int64_t>::max();
  } else if (t == absl::InfinitePast()) {
    ns = std::numeric_limits<int64_t>::min();
  } else {
    ns = absl::ToUnixNanos(t);
  }
  PutSigned64(out, ns);
}

bool GetTime(Decoder& d, absl::Time* t) {
  int64_t ns;
  if (!d.GetSigned64(&ns)) return false;
  if (ns == std::numeric_limits<int64_t>::max()) {
    *t = absl::InfiniteFuture();
  } else if (ns == std::numeric_limits<int64_t>::min()) {
    *t = absl::InfinitePast();
  } else {
    *t = absl::FromUnixNanos(ns);
  }
  return true;
}

void PutSkills(std::string* out, const std::vector<SkillLevel>& skills) {
  PutVarint64(out, skills.size());
  for (const SkillLevel& s : skills) {
    PutString(out, s.skill);
    PutSigned64(out, s.level);
  }
}

bool GetSkills(Decoder& d, std::vector<SkillLevel>* skills) {
  uint64_t n;
  if (!d.GetBounded(kMaxItems, &n)) return false;
  skills->resize(n);
  for (SkillLevel& s : *skills) {
    int64_t level;
    if (!d.GetString(&s.skill) || !d.GetSigned64(&level)) return false;
    if (level < 1 || level > 10) return false;
    s.level = static_cast<int>(level);
  }
  return true;
}

bool GetInt(Decoder& d, int64_t lo, int64_t hi, int* v) {
  int64_t x;
  if (!d.GetSigned64(&x) || x < lo || x > hi) return false;
  *v = static_cast<int>(x);
  return true;
}

void PutStrings(std::string* out, const std::vector<std::string>& v) {
  PutVarint64(out, v.size());
  for (const std::string& s : v) PutString(out, s);
}

bool GetStrings(Decoder& d, std::vector<std::string>* v) {
  uint64_t n = 0;
  if (!d.GetBounded(kMaxItems, &n)) return false;
  v->resize(n);
  for (std::string& s : *v) {
    if (!d.GetString(&s)) return false;
  }
  return true;
}

// The decision's citizen-service fields (EncodeSubmit's tail).
bool GetCitizenFields(Decoder& d, Decision* dec) {
  uint64_t u = 0;
  if (!d.GetBounded(static_cast<uint64_t>(ContactType::kCompliment), &u)) {
    return false;
  }
  dec->contact_type = static_cast<ContactType>(u);
  if (!d.GetString(&dec->contact_type_source) || !d.GetString(&dec->language) ||
      !d.GetBounded(kMaxChannel, &u)) {
    return false;
  }
  dec->reply_channel = static_cast<Channel>(u);
  if (!d.GetBounded(1, &u)) return false;
  dec->reply_channel_chosen = u == 1;
  if (!d.GetBounded(1, &u)) return false;
  dec->repeat_contact = u == 1;
  if (!GetStrings(d, &dec->earlier_contacts) ||
      !GetInt(d, 0, 1'000'000, &dec->same_matter) || !d.GetFloat(&dec->risk) ||
      !GetStrings(d, &dec->risk_reasons) || !d.GetBounded(3, &u)) {
    return false;
  }
  dec->call_back.recommended = (u & 1) != 0;
  dec->call_back.scheduled = (u & 2) != 0;
  if (!d.GetString(&dec->call_back.task_id) ||
      !d.GetString(&dec->call_back.queue) ||
      !d.GetString(&dec->call_back.reason) || !d.GetString(&dec->answer) ||
      !d.GetString(&dec->answer_language)) {
    return false;
  }
  for (int& n : dec->personal_data) {
    if (!GetInt(d, 0, 1'000'000, &n)) return false;
  }
  return true;
}

}  // namespace

absl::string_view RecordTypeName(RecordType t) {
  switch (t) {
    case RecordType::kSubmit: return "submit";
    case RecordType::kPresence: return "presence";
    case RecordType::kAccept: return "accept";
    case RecordType::kReject: return "reject";
    case RecordType::kFirstResponse: return "first_response";
    case RecordType::kTransfer: return "transfer";
    case RecordType::kResolve: return "resolve";
    case RecordType::kAbandon: return "abandon";
    case RecordType::kSatisfaction: return "satisfaction";
    case RecordType::kRegisterAgent: return "register_agent";
    case RecordType::kTick: return "tick";
    case RecordType::kReload: return "reload";
    case RecordType::kAskForPerson: return "ask_for_person";
    case RecordType::kAdmin:
      return "admin";
  }
  return "unknown";
}

void EncodeSubmit(absl::Time at, absl::string_view contact_id, Channel channel,
                  absl::string_view text, uint64_t customer_key,
                  absl::Time received, const Decision& d, std::string* out) {
  PutTime(out, at);
  PutString(out, contact_id);
  PutVarint64(out, static_cast<uint64_t>(channel));
  PutString(out, text);
  PutVarint64(out, customer_key);
  PutTime(out, received);
  PutVarint64(out, static_cast<uint64_t>(d.action));
  PutString(out, d.department);
  PutString(out, d.queue);
  PutSigned64(out, d.priority);
  PutSkills(out, d.required_skills);
  PutString(out, d.label);
  PutFloat(out, d.confidence);
  PutVarint64(out, d.alternatives.size());
  for (const LabelScore& a : d.alternatives) {
    PutString(out, a.label);
    PutFloat(out, a.probability);
  }
  PutTime(out, d.sla_deadline);
  PutString(out, d.reason);
  PutString(out, d.rule);
  // Citizen service (issue 7).
  PutVarint64(out, static_cast<uint64_t>(d.contact_type));
  PutString(out, d.contact_type_source);
  PutString(out, d.language);
  PutVarint64(out, static_cast<uint64_t>(d.reply_channel));
  PutVarint64(out, d.reply_channel_chosen ? 1 : 0);
  PutVarint64(out, d.repeat_contact ? 1 : 0);
  PutStrings(out, d.earlier_contacts);
  PutSigned64(out, d.same_matter);
  PutFloat(out, d.risk);
  PutStrings(out, d.risk_reasons);
  PutVarint64(out, (d.call_back.recommended ? 1 : 0) |
                       (d.call_back.scheduled ? 2 : 0));
  PutString(out, d.call_back.task_id);
  PutString(out, d.call_back.queue);
  PutString(out, d.call_back.reason);
  PutString(out, d.answer);
  PutString(out, d.answer_language);
  for (int n : d.personal_data) PutSigned64(out, n);
}

void EncodeRegisterAgent(absl::Time at, const AgentConfig& agent,
                         std::string* out, absl::string_view principal) {
  PutTime(out, at);
  PutString(out, agent.id);
  PutString(out, agent.name);
  PutSkills(out, agent.skills);
  PutVarint64(out, agent.capacity.size());
  for (const auto& [channel, capacity] : agent.capacity) {
    PutVarint64(out, static_cast<uint64_t>(channel));
    PutSigned64(out, capacity);
  }
  PutVarint64(out, static_cast<uint64_t>(agent.presence));
  if (!principal.empty()) PutString(out, principal);
}

void EncodeStep(RecordType, absl::Time at, absl::string_view contact_id,
                absl::string_view agent_id, absl::string_view department,
                absl::string_view detail, int64_t value, std::string* out,
                absl::string_view principal) {
  PutTime(out, at);
  PutString(out, contact_id);
  PutString(out, agent_id);
  PutString(out, department);
  PutString(out, detail);
  PutSigned64(out, value);
  if (!principal.empty()) PutString(out, principal);
}

void EncodeRecord(const Record& r, std::string* out) {
  switch (r.type) {
    case RecordType::kSubmit:
      EncodeSubmit(r.at, r.contact_id, r.channel, r.text, r.customer_key,
                   r.received, r.decision, out);
      return;
    case RecordType::kRegisterAgent:
      EncodeRegisterAgent(r.at, r.agent, out, r.principal);
      return;
    default:
      EncodeStep(r.type, r.at, r.contact_id, r.agent_id, r.department, r.detail,
                 r.value, out, r.principal);
      return;
  }
}

absl::StatusOr<Record> DecodeRecord(uint8_t type, absl::string_view payload) {
  if (type < 1 || type > kMaxRecordType) {
    return absl::DataLossError(
        absl::StrCat("journal record of unknown type ", type));
  }
  Record r;
  r.type = static_cast<RecordType>(type);
  Decoder d(payload);
  bool ok = GetTime(d, &r.at);
  uint64_t u = 0;  // Read below even when a Get before it failed.
  switch (r.type) {
    case RecordType::kSubmit: {
      Decision& dec = r.decision;
      ok = ok && d.GetString(&r.contact_id) && d.GetBounded(kMaxChannel, &u);
      r.channel = static_cast<Channel>(u);
      ok = ok && r.channel != Channel::kUnspecified && d.GetString(&r.text) &&
           d.GetVarint64(&r.customer_key) && GetTime(d, &r.received) &&
           d.GetBounded(static_cast<uint64_t>(DecisionAction::kSelfService),
                        &u);
      dec.action = static_cast<DecisionAction>(u);
      ok = ok && d.GetString(&dec.department) && d.GetString(&dec.queue) &&
           GetInt(d, -1'000'000, 1'000'000, &dec.priority) &&
           GetSkills(d, &dec.required_skills) && d.GetString(&dec.label) &&
           d.GetFloat(&dec.confidence) && d.GetBounded(kMaxItems, &u);
      if (ok) {
        dec.alternatives.resize(u);
        for (LabelScore& a : dec.alternatives) {
          ok = ok && d.GetString(&a.label) && d.GetFloat(&a.probability);
        }
      }
      ok = ok && GetTime(d, &dec.sla_deadline) && d.GetString(&dec.reason) &&
           d.GetString(&dec.rule);
      ok = ok && GetCitizenFields(d, &dec);
      dec.contact_id = r.contact_id;
      break;
    }
    case RecordType::kRegisterAgent: {
      AgentConfig& a = r.agent;
      ok = ok && d.GetString(&a.id) && d.GetString(&a.name) &&
           GetSkills(d, &a.skills) && d.GetBounded(kMaxItems, &u);
      if (ok) {
        a.capacity.clear();
        const uint64_t n = u;
        for (uint64_t i = 0; ok && i < n; ++i) {
          int capacity = 0;
          ok = d.GetBounded(kMaxChannel, &u) && u != 0 &&
               GetInt(d, 0, 1'000'000, &capacity);
          a.capacity[static_cast<Channel>(u)] = capacity;
        }
      }
      ok = ok && d.GetBounded(static_cast<uint64_t>(Presence::kAway), &u);
      a.presence = static_cast<Presence>(u);
      r.agent_id = a.id;
      if (ok && !d.done())
        ok = d.GetString(&r.principal) && !r.principal.empty();
      break;
    }
    default:
      ok = ok && d.GetString(&r.contact_id) && d.GetString(&r.agent_id) &&
           d.GetString(&r.department) && d.GetString(&r.detail) &&
           d.GetSigned64(&r.value);
      if (ok && r.type == RecordType::kPresence) {
        ok = r.value >= 0 && r.value <= static_cast<int64_t>(Presence::kAway);
      }
      if (ok && r.type == RecordType::kResolve) {
        ok = r.value >= 0 &&
             r.value <= static_cast<int64_t>(Outcome::kUnfavourable);
      }
      if (ok && !d.done())
        ok = d.GetString(&r.principal) && !r.principal.empty();
      break;
  }
  if (!ok || !d.done()) {
    return absl::DataLossError(absl::StrCat(
        "journal ", RecordTypeName(r.type), " record of ", payload.size(),
        " bytes is malformed (",
        ok ? "bytes left over" : "a field is truncated or out of range",
        ")"));
  }
  return r;
}

}  // namespace switchboard::journal
