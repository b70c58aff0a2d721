// Copyright 2026 The Switchboard Authors.

#include "convert/config_convert.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "convert/agent_convert.h"
#include "convert/contact_convert.h"
#include "convert/time_convert.h"
#include "switchboard/classify/csv_reader.h"

namespace switchboard {
namespace {

class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (first_.empty()) {
      // The parser counts from 0.
      first_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
    }
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// Every duration in the configuration is a length of time: none negative.
absl::StatusOr<absl::Duration> FromProto(const google::protobuf::Duration& d,
                                         absl::string_view field) {
  if (d.seconds() < 0 || d.nanos() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is negative (", d.seconds(), " s)"));
  }
  return DurationFromProto(d, field);
}

absl::StatusOr<std::vector<Channel>> Channels(
    const google::protobuf::RepeatedField<int>& values,
    absl::string_view field) {
  std::vector<Channel> out;
  for (int v : values) {
    absl::StatusOr<Channel> c = ChannelFromProto(v, field);
    if (!c.ok()) return c.status();
    if (*c == Channel::kUnspecified) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": CHANNEL_UNSPECIFIED is not a channel"));
    }
    out.push_back(*c);
  }
  return out;
}

template <typename T>
std::vector<std::string> Strings(const T& repeated) {
  return std::vector<std::string>(repeated.begin(), repeated.end());
}

// The text format, or JSON when `json`; INVALID_ARGUMENT naming `name` and
// the place of the first syntax error.
absl::StatusOr<v1::EngineConfig> ParseProto(absl::string_view text, bool json,
                                            absl::string_view name) {
  v1::EngineConfig proto;
  if (json) {
    google::protobuf::util::Status s =
        google::protobuf::util::JsonStringToMessage(std::string(text), &proto);
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": ", std::string(s.message())));
    }
  } else {
    google::protobuf::TextFormat::Parser parser;
    ErrorCollector errors;
    parser.RecordErrorsTo(&errors);
    if (!parser.ParseFromString(std::string(text), &proto)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", errors.first()));
    }
  }
  return proto;
}

// ConfigFromProto and ValidateConfig, with messages prefixed by `name`.
absl::StatusOr<EngineConfig> ConvertAndValidate(const v1::EngineConfig& proto,
                                                absl::string_view name) {
  absl::StatusOr<EngineConfig> config = ConfigFromProto(proto);
  if (!config.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", config.status().message()));
  }
  if (absl::Status s = ValidateConfig(*config); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": ", s.message()));
  }
  return config;
}

}  // namespace

std::vector<SkillLevel> SkillsFromProto(
    const google::protobuf::RepeatedPtrField<v1::SkillLevel>& skills) {
  std::vector<SkillLevel> out;
  out.reserve(skills.size());
  for (const v1::SkillLevel& s : skills) {
    out.push_back({s.skill(), s.level() == 0 ? 1 : s.level()});
  }
  return out;
}

void SkillsToProto(const std::vector<SkillLevel>& skills,
                   google::protobuf::RepeatedPtrField<v1::SkillLevel>* out) {
  for (const SkillLevel& s : skills) {
    v1::SkillLevel* p = out->Add();
    p->set_skill(s.skill);
    p->set_level(s.level);
  }
}

absl::StatusOr<EngineConfig> ConfigFromProto(const v1::EngineConfig& p) {
  EngineConfig c;
  c.skills = Strings(p.skills());
  for (const v1::Department& d : p.departments()) {
    c.departments.push_back(
        {d.id(), d.name(), Strings(d.labels()), SkillsFromProto(d.skills())});
  }
  for (const v1::Queue& q : p.queues()) {
    QueueConfig qc;
    qc.id = q.id();
    qc.department = q.department();
    const std::string where = absl::StrCat("queue \"", q.id(), "\"");
    absl::StatusOr<std::vector<Channel>> channels =
        Channels(q.channels(), absl::StrCat(where, " channels"));
    if (!channels.ok()) return channels.status();
    qc.channels = *channels;
    if (q.max_length() != 0) qc.max_length = q.max_length();
    for (const v1::EscalationStep& s : q.escalation()) {
      EscalationStep step;
      absl::StatusOr<absl::Duration> after =
          FromProto(s.after(), absl::StrCat(where, " escalation after"));
      if (!after.ok()) return after.status();
      step.after = *after;
      switch (s.kind()) {
        case v1::EscalationStep::KIND_UNSPECIFIED:
        case v1::EscalationStep::WIDEN_SKILLS:
          step.kind = EscalationKind::kWidenSkills;
          break;
        case v1::EscalationStep::OVERFLOW:
          step.kind = EscalationKind::kOverflow;
          break;
        default:
          return absl::InvalidArgumentError(absl::StrCat(
              where, ": unknown escalation kind ", static_cast<int>(s.kind())));
      }
      step.drop_skills = Strings(s.drop_skills());
      step.overflow_queue = s.overflow_queue();
      qc.escalation.push_back(std::move(step));
    }
    switch (q.strategy()) {
      case v1::STRATEGY_UNSPECIFIED:
      case v1::LONGEST_IDLE:
        qc.strategy = AssignmentStrategy::kLongestIdle;
        break;
      case v1::LEAST_OCCUPIED:
        qc.strategy = AssignmentStrategy::kLeastOccupied;
        break;
      case v1::ROUND_ROBIN:
        qc.strategy = AssignmentStrategy::kRoundRobin;
        break;
      case v1::BEST_SKILL_MATCH:
        qc.strategy = AssignmentStrategy::kBestSkillMatch;
        break;
      default:
        return absl::InvalidArgumentError(absl::StrCat(
            where, ": unknown strategy ", static_cast<int>(q.strategy())));
    }
    if (q.has_sla_target()) {
      absl::StatusOr<absl::Duration> sla =
          FromProto(q.sla_target(), absl::StrCat(where, " sla_target"));
      if (!sla.ok()) return sla.status();
      qc.sla_target = *sla;
    }
    c.queues.push_back(std::move(qc));
  }
  for (const v1::SlaTarget& s : p.sla()) {
    absl::StatusOr<Channel> ch = ChannelFromProto(s.channel(), "sla channel");
    if (!ch.ok()) return ch.status();
    absl::StatusOr<absl::Duration> target = FromProto(
        s.target(), absl::StrCat("sla target for ", ChannelName(*ch)));
    if (!target.ok()) return target.status();
    c.sla.by_channel[*ch] = *target;
  }
  for (const v1::Rule& r : p.rules()) {
    RuleConfig rc;
    rc.name = r.name();
    const std::string where = absl::StrCat("rule \"", r.name(), "\"");
    absl::StatusOr<std::vector<Channel>> channels =
        Channels(r.when().channels(), absl::StrCat(where, " channels"));
    if (!channels.ok()) return channels.status();
    rc.when.channels = *channels;
    rc.when.ivr_choices = Strings(r.when().ivr_choices());
    rc.when.text_pattern = r.when().text_pattern();
    rc.when.attributes.insert(r.when().attributes().begin(),
                              r.when().attributes().end());
    if (r.when().has_continues_earlier_contact()) {
      rc.when.continues_earlier_contact = r.when().continues_earlier_contact();
    }
    rc.when.min_earlier_contacts = r.when().min_earlier_contacts();
    rc.when.labels = Strings(r.when().labels());
    if (r.when().has_min_confidence()) {
      rc.when.min_confidence = r.when().min_confidence();
    }
    if (r.when().has_max_confidence()) {
      rc.when.max_confidence = r.when().max_confidence();
    }
    rc.then.department = r.then().department();
    rc.then.queue = r.then().queue();
    if (r.then().has_priority()) rc.then.priority = r.then().priority();
    rc.then.required_skills = SkillsFromProto(r.then().required_skills());
    rc.then.triage = r.then().triage();
    c.rules.push_back(std::move(rc));
  }
  const v1::Thresholds& t = p.thresholds();
  if (t.has_triage_below()) c.thresholds.triage_below = t.triage_below();
  c.thresholds.triage_queue = t.triage_queue();
  c.thresholds.default_priority = t.default_priority();
  if (t.has_aging_per_minute()) {
    c.thresholds.aging_per_minute = t.aging_per_minute();
  }
  for (const v1::Agent& a : p.agents()) {
    absl::StatusOr<AgentConfig> agent =
        AgentFromProto(a, absl::StrCat("agent \"", a.id(), "\""));
    if (!agent.ok()) return agent.status();
    c.agents.push_back(*std::move(agent));
  }
  for (const v1::SelfServiceAnswer& s : p.self_service()) {
    SelfServiceAnswer answer;
    answer.label = s.label();
    answer.answer_by_language.insert(s.answer_by_language().begin(),
                                     s.answer_by_language().end());
    if (s.has_min_confidence()) answer.min_confidence = s.min_confidence();
    if (!s.channels().empty()) {
      absl::StatusOr<std::vector<Channel>> channels = Channels(
          s.channels(), absl::StrCat("self-service \"", s.label(), "\""));
      if (!channels.ok()) return channels.status();
      answer.channels = *channels;
    }
    answer.text_pattern = s.text_pattern();
    c.self_service.push_back(std::move(answer));
  }
  if (p.contact_type().has_min_confidence()) {
    c.contact_type.min_confidence = p.contact_type().min_confidence();
  }
  const v1::RepeatContact& rc = p.repeat_contact();
  if (rc.has_priority_boost()) {
    c.repeat_contact.priority_boost = rc.priority_boost();
  }
  if (rc.has_max_linked()) c.repeat_contact.max_linked = rc.max_linked();
  const v1::Risk& risk = p.risk();
  if (risk.has_complaint()) c.risk.complaint = risk.complaint();
  if (risk.has_objection()) c.risk.objection = risk.objection();
  if (risk.has_written_channel()) {
    c.risk.written_channel = risk.written_channel();
  }
  if (risk.has_repeat()) c.risk.repeat = risk.repeat();
  if (risk.has_repeat_max()) c.risk.repeat_max = risk.repeat_max();
  if (risk.has_unfavourable_outcome()) {
    c.risk.unfavourable_outcome = risk.unfavourable_outcome();
  }
  if (risk.has_call_back_at()) c.risk.call_back_at = risk.call_back_at();
  const v1::CallBackOptions& cb = p.call_back();
  if (cb.has_enabled()) c.call_back.enabled = cb.enabled();
  if (cb.has_sla()) {
    absl::StatusOr<absl::Duration> d = FromProto(cb.sla(), "call_back.sla");
    if (!d.ok()) return d.status();
    c.call_back.sla = *d;
  }
  if (cb.has_priority()) c.call_back.priority = cb.priority();
  for (const v1::LanguageSkill& l : p.languages()) {
    c.languages.push_back(
        {l.language(), l.skill(), l.level() == 0 ? 1 : l.level()});
  }
  if (p.has_mask_personal_data()) {
    c.mask_personal_data = p.mask_personal_data();
  }
  if (p.has_offer_timeout()) {
    absl::StatusOr<absl::Duration> d =
        FromProto(p.offer_timeout(), "offer_timeout");
    if (!d.ok()) return d.status();
    c.offer_timeout = *d;
  }
  c.default_department = p.default_department();
  if (p.retention().has_contact_text()) {
    absl::StatusOr<absl::Duration> d =
        FromProto(p.retention().contact_text(), "retention.contact_text");
    if (!d.ok()) return d.status();
    c.retention.contact_text = *d;
  }
  if (!p.retention().contact_text_reason().empty()) {
    c.retention.contact_text_reason = p.retention().contact_text_reason();
  }
  if (p.retention().has_customer_history()) {
    absl::StatusOr<absl::Duration> d = FromProto(
        p.retention().customer_history(), "retention.customer_history");
    if (!d.ok()) return d.status();
    c.retention.customer_history = *d;
  }
  if (!p.retention().customer_history_reason().empty()) {
    c.retention.customer_history_reason =
        p.retention().customer_history_reason();
  }
  return c;
}

absl::StatusOr<EngineConfig> ParseConfig(absl::string_view text, bool json,
                                         absl::string_view name) {
  absl::StatusOr<v1::EngineConfig> proto = ParseProto(text, json, name);
  if (!proto.ok()) return proto.status();
  return ConvertAndValidate(*proto, name);
}

absl::StatusOr<EngineConfig> LoadConfigFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  return ParseConfig(*text, absl::EndsWith(path, ".json"), path);
}

absl::StatusOr<ServiceConfig> LoadServiceConfigFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<v1::EngineConfig> proto =
      ParseProto(*text, absl::EndsWith(path, ".json"), path);
  if (!proto.ok()) return proto.status();
  absl::StatusOr<EngineConfig> engine = ConvertAndValidate(*proto, path);
  if (!engine.ok()) return engine.status();

  ServiceConfig config;
  config.engine = *std::move(engine);
  const v1::Training& training = proto->training();
  if (!training.data().empty()) {
    std::filesystem::path data(training.data());
    if (data.is_relative()) {
      data = std::filesystem::path(path).parent_path() / data;
    }
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::absolute(data, error);
    if (error) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": training data \"",
                                                     training.data(),
                                                     "\": ", error.message()));
    }
    config.training_data = absolute.lexically_normal().string();
  }
  if (!training.text_column().empty()) {
    config.text_column = training.text_column();
  }
  if (!training.label_column().empty()) {
    config.label_column = training.label_column();
  }
  config.type_column = training.type_column();
  config.limits.max_open_contacts = proto->tenant_limits().max_open_contacts();
  config.limits.calls_per_second = proto->tenant_limits().calls_per_second();
  config.limits.burst = proto->tenant_limits().burst();
  if (absl::Status s = ValidateTenantLimits(config.limits); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": tenant_", s.message()));
  }
  return config;
}

}  // namespace switchboard
