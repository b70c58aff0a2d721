// Copyright 2026 The Switchboard Authors.
//
// Chat transcripts: one turn per line, "Speaker: text", optionally after a
// timestamp ("[10:02] Klant: ..."). By default only the customer's turns
// are kept: the agent's "Waarmee kan ik u helpen?" says nothing about where
// the contact belongs.

#include <array>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

enum class Speaker { kNone, kCustomer, kAgent };

struct SpeakerName {
  absl::string_view name;
  Speaker speaker;
};

constexpr std::array<SpeakerName, 15> kSpeakers = {{
    {"klant", Speaker::kCustomer},
    {"customer", Speaker::kCustomer},
    {"client", Speaker::kCustomer},
    {"burger", Speaker::kCustomer},
    {"bezoeker", Speaker::kCustomer},
    {"visitor", Speaker::kCustomer},
    {"you", Speaker::kCustomer},
    {"u", Speaker::kCustomer},
    {"medewerker", Speaker::kAgent},
    {"agent", Speaker::kAgent},
    {"bot", Speaker::kAgent},
    {"chatbot", Speaker::kAgent},
    {"gemeente", Speaker::kAgent},
    {"support", Speaker::kAgent},
    {"operator", Speaker::kAgent},
}};

// Skips a leading timestamp: "[10:02]", "(10:02:33)", "[2024-03-04 10:02]"
// or a bare "10:02".
absl::string_view SkipTimestamp(absl::string_view line) {
  line = absl::StripLeadingAsciiWhitespace(line);
  if (line.empty()) return line;
  if (line[0] == '[' || line[0] == '(') {
    size_t close = line.find(line[0] == '[' ? ']' : ')');
    if (close == absl::string_view::npos || close > 32) return line;
    absl::string_view inner = line.substr(1, close - 1);
    if (inner.find_first_of("0123456789") == absl::string_view::npos) {
      return line;
    }
    return absl::StripLeadingAsciiWhitespace(line.substr(close + 1));
  }
  size_t end = line.find_first_not_of("0123456789:");
  absl::string_view clock = line.substr(0, end);
  if (clock.size() < 4 || clock.find(':') == absl::string_view::npos ||
      end == absl::string_view::npos || line[end] != ' ') {
    return line;
  }
  line = absl::StripLeadingAsciiWhitespace(line.substr(end));
  if (absl::StartsWith(line, "- ")) line.remove_prefix(2);
  return line;
}

Speaker RoleOf(absl::string_view word) {
  for (const SpeakerName& s : kSpeakers) {
    if (absl::EqualsIgnoreCase(word, s.name)) return s.speaker;
  }
  return Speaker::kNone;
}

// The speaker a label names: a role word alone ("Klant"), or followed by
// something in parentheses ("Klant (10:02)") or by a capitalized name of up
// to three words ("Medewerker Sanne"). "U kunt" and "Klant nummer" are
// sentence starts, not speakers.
Speaker SpeakerOf(absl::string_view label) {
  size_t end = label.find_first_of(" (");
  Speaker role = RoleOf(label.substr(0, end));
  if (role == Speaker::kNone || end == absl::string_view::npos) return role;
  absl::string_view rest = absl::StripLeadingAsciiWhitespace(label.substr(end));
  if (rest.empty()) return role;
  if (rest[0] == '(' && absl::EndsWith(rest, ")")) return role;
  int words = 1;
  for (char c : rest) words += c == ' ';
  if (absl::ascii_isupper(static_cast<unsigned char>(rest[0])) && words <= 3) {
    return role;
  }
  return Speaker::kNone;
}

}  // namespace

std::string CleanChat(absl::string_view turns, bool keep_agent_turns) {
  std::string out;
  out.reserve(turns.size());
  for (absl::string_view line : SplitLines(turns)) {
    // The timestamp goes only with a speaker: "10:30 kan ik langskomen?"
    // is a customer's line that happens to start with a time.
    std::optional<LabeledLine> labeled = SplitLabel(SkipTimestamp(line));
    Speaker speaker =
        labeled.has_value() ? SpeakerOf(labeled->label) : Speaker::kNone;
    if (speaker == Speaker::kAgent && !keep_agent_turns) continue;
    absl::string_view text = speaker == Speaker::kNone ? line : labeled->value;
    out.append(text.data(), text.size());
    out.push_back('\n');
  }
  return out;
}

}  // namespace switchboard::normalize_internal
