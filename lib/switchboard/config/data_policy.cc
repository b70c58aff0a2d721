// Copyright 2026 The Switchboard Authors.

#include "switchboard/config/data_policy.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace switchboard {

std::string HumanDuration(absl::Duration d) {
  if (d == absl::InfiniteDuration()) return "for ever";
  struct Unit {
    absl::Duration size;
    const char* name;
  };
  const Unit units[] = {{absl::Hours(24), "day"},
                        {absl::Hours(1), "hour"},
                        {absl::Minutes(1), "minute"},
                        {absl::Seconds(1), "second"}};
  for (const Unit& u : units) {
    if (d >= u.size && d % u.size == absl::ZeroDuration()) {
      const int64_t n = d / u.size;
      return absl::StrCat(n, " ", u.name, n == 1 ? "" : "s");
    }
  }
  return absl::FormatDuration(d);
}

std::vector<DataPolicyRow> ExplainDataPolicy(
    const EngineConfig& config, absl::Duration finished_retention) {
  const RetentionPolicy& r = config.retention;
  std::vector<DataPolicyRow> rows;
  rows.push_back(
      {"Raw contact: subject, body, attributes, IVR choice",
       "Never stored: only the normalized text below",
       "-",
       "routing needs the cleaned text only; quoted mail, signatures and "
       "page headers are dropped by normalization"});
  rows.push_back(
      {"Personal data in the text: BSN, IBAN, phone numbers, e-mail "
       "addresses, postcodes, dates of birth",
       config.mask_personal_data
           ? "Never stored: masked ([BSN], [IBAN], ...) before the text is "
             "classified, stored or logged; only counts by kind"
           : "NOT MASKED (mask_personal_data is false): kept in the text",
       config.mask_personal_data ? "-" : HumanDuration(r.contact_text),
       "routing and answering need none of it; the agent's own systems "
       "hold the citizen's file"});
  rows.push_back({"Contact text (normalized, personal data masked)",
                  "In memory and in the journal",
                  absl::StrCat(HumanDuration(r.contact_text),
                               " after receipt (retention.contact_text)"),
                  r.contact_text_reason});
  rows.push_back({"Customer reference (customer number)",
                  "Never in clear: a keyed hash (SipHash-2-4; the key is "
                  "kept apart from the data)",
                  absl::StrCat(HumanDuration(r.customer_history),
                               " (retention.customer_history)"),
                  r.customer_history_reason});
  rows.push_back({"Customer history: per contact its id, time, department, "
                  "type and outcome",
                  "In memory; rebuilt from the journal",
                  absl::StrCat(HumanDuration(r.customer_history),
                               " after receipt (retention.customer_history; "
                               "also the repeat-contact window)"),
                  r.customer_history_reason});
  rows.push_back(
      {"Contact record: id, channel, decision (department, type, language, "
       "risk, reasons), timestamps of each step",
       "In memory and in the journal",
       absl::StrCat("While handled, then ", HumanDuration(finished_retention),
                    " (serve --finished-retention)"),
       "to give a retried submission the same decision, to take a late "
       "satisfaction score, and to let a citizen answered by self-service "
       "still ask for a person"});
  rows.push_back({"Statistics: counters and latency histograms by channel "
                  "and department",
                  "Aggregates only: no ids, no text, no personal data",
                  "While the engine runs",
                  "to measure service levels, right-first-time, deflection "
                  "and dissatisfaction risk"});
  rows.push_back({"Corrected training examples (text of transferred "
                  "contacts and their right department)",
                  "In memory, text masked",
                  "While the engine runs (not purged with the text)",
                  "to retrain the model on its own mistakes"});
  return rows;
}

namespace {

// `text` wrapped at spaces into lines of at most `width` (a longer word
// is cut).
std::vector<std::string> Wrap(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    while (word.size() > width) {
      if (!line.empty()) lines.push_back(std::move(line)), line.clear();
      lines.emplace_back(word.substr(0, width));
      word.remove_prefix(width);
    }
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    absl::StrAppend(&line, word);
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace

std::string FormatDataPolicy(const std::vector<DataPolicyRow>& rows,
                             int width) {
  // Column widths as shares of the width, less the three separators.
  const int usable = std::max(40, width) - 9;
  const std::array<size_t, 4> w = {
      static_cast<size_t>(usable * 24 / 100),
      static_cast<size_t>(usable * 24 / 100),
      static_cast<size_t>(usable * 20 / 100),
      static_cast<size_t>(usable - usable * 24 / 100 * 2 - usable * 20 / 100)};
  std::string out;
  auto emit = [&](const std::array<std::string, 4>& cells) {
    std::array<std::vector<std::string>, 4> wrapped;
    size_t height = 0;
    for (int i = 0; i < 4; ++i) {
      wrapped[i] = Wrap(cells[i], w[i]);
      height = std::max(height, wrapped[i].size());
    }
    for (size_t l = 0; l < height; ++l) {
      std::string line;
      for (int i = 0; i < 4; ++i) {
        const std::string cell = l < wrapped[i].size() ? wrapped[i][l] : "";
        absl::StrAppend(&line, i == 0 ? "" : " | ", cell,
                        i == 3 ? "" : std::string(w[i] - cell.size(), ' '));
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      absl::StrAppend(&out, line, "\n");
    }
  };
  auto rule = [&] {
    std::string line;
    for (int i = 0; i < 4; ++i) {
      absl::StrAppend(&line, i == 0 ? "" : "-+-", std::string(w[i], '-'));
    }
    absl::StrAppend(&out, line, "\n");
  };
  emit({"DATA", "KEPT AS", "HOW LONG", "WHY"});
  rule();
  for (const DataPolicyRow& r : rows) {
    emit({r.data, r.kept_as, r.how_long, r.reason});
    rule();
  }
  return out;
}

}  // namespace switchboard
