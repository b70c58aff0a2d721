// Copyright 2026 The Switchboard Authors.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/classify/csv_reader.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"

namespace switchboard::cli {
namespace {

CommandSpec ClassifySpec() {
  return CommandSpec{
      "classify",
      "switchboard classify --model MODEL [--channel CH] [--contacts "
      "FILE.csv] [--explain] [--json] [TEXT...]",
      "Classifies contacts: prints label, confidence and alternatives. The "
      "text is normalized for its channel first.",
      {{"model", "MODEL", "", "model file written by train", true},
       {"channel", "CH", "web_form",
        "channel of TEXT / stdin lines: phone, email, chat, social, letter, "
        "web_form, messaging"},
       {"contacts", "FILE.csv", "",
        "classify every row of a contacts CSV (columns id, channel, subject, "
        "text, ivr_choice)"},
       {"top-k", "N", "3", "alternatives to show"},
       {"explain", "", "", "show the features that pushed each decision"},
       {"json", "", "", "one JSON object per contact"}},
      "TEXT: one contact (words are joined). With neither TEXT nor "
      "--contacts, reads one contact per line from stdin."};
}

std::string Quote(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

class Printer {
 public:
  Printer(const Classifier& c, const ParsedFlags& flags, int top_k, Io io)
      : classifier_(c),
        json_(flags.Has("json")),
        explain_(flags.Has("explain")),
        top_k_(top_k),
        io_(io) {}

  // Normalizes, classifies and prints one contact; false on bad input (the
  // error is printed and the caller goes on with the next contact).
  bool Handle(const Contact& contact) {
    absl::StatusOr<NormalizedContact> n = Normalize(contact, {});
    if (!n.ok()) {
      io_.err << "switchboard classify: " << n.status().message() << "\n";
      return false;
    }
    Prediction p = classifier_.Classify(*n, top_k_);
    std::vector<Evidence> evidence;
    if (explain_) {
      evidence = classifier_.Explain(n->text, n->signals, p.label, 5);
    }
    if (json_) {
      PrintJson(contact, *n, p, evidence);
    } else {
      PrintText(contact, *n, p, evidence);
    }
    return true;
  }

 private:
  void PrintText(const Contact& c, const NormalizedContact& n,
                 const Prediction& p, const std::vector<Evidence>& evidence) {
    std::vector<std::string> alts;
    for (const ScoredLabel& a : p.alternatives) {
      alts.push_back(absl::StrFormat("%s %.2f", a.label, a.probability));
    }
    std::string text =
        n.text.size() > 70 ? n.text.substr(0, 67) + "..." : n.text;
    io_.out << absl::StrFormat(
        "%-9s %-6s %-14s %.2f  [%s]  %s\n", ChannelName(c.channel), c.id,
        p.label, p.confidence, absl::StrJoin(alts, ", "), Quote(text));
    if (!evidence.empty()) {
      std::vector<std::string> ev;
      for (const Evidence& e : evidence) {
        ev.push_back(absl::StrFormat("%s %+.2f", e.feature, e.contribution));
      }
      io_.out << "          because: " << absl::StrJoin(ev, ", ") << "\n";
    }
  }

  void PrintJson(const Contact& c, const NormalizedContact& n,
                 const Prediction& p, const std::vector<Evidence>& evidence) {
    std::string out = absl::StrFormat(
        "{\"id\":%s,\"channel\":%s,\"label\":%s,\"confidence\":%.4f,"
        "\"text\":%s,\"alternatives\":[",
        Quote(c.id), Quote(ChannelName(c.channel)), Quote(p.label),
        p.confidence, Quote(n.text));
    for (size_t i = 0; i < p.alternatives.size(); ++i) {
      absl::StrAppendFormat(&out, "%s{\"label\":%s,\"probability\":%.4f}",
                            i ? "," : "", Quote(p.alternatives[i].label),
                            p.alternatives[i].probability);
    }
    out += "]";
    if (explain_) {
      out += ",\"evidence\":[";
      for (size_t i = 0; i < evidence.size(); ++i) {
        absl::StrAppendFormat(&out, "%s{\"feature\":%s,\"contribution\":%.4f}",
                              i ? "," : "", Quote(evidence[i].feature),
                              evidence[i].contribution);
      }
      out += "]";
    }
    io_.out << out << "}\n";
  }

  const Classifier& classifier_;
  bool json_, explain_;
  int top_k_;
  Io io_;
};

int ClassifyCsv(const std::string& path, Printer& printer, Io io) {
  absl::StatusOr<CsvTable> table = ReadCsvFile(path);
  if (!table.ok()) {
    io.err << "switchboard classify: " << table.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<size_t> text = table->ColumnIndex("text");
  absl::StatusOr<size_t> channel = table->ColumnIndex("channel");
  if (!text.ok() || !channel.ok()) {
    io.err << "switchboard classify: "
           << (text.ok() ? channel.status() : text.status()).message() << "\n";
    return 1;
  }
  auto optional = [&](absl::string_view name) -> int {
    absl::StatusOr<size_t> i = table->ColumnIndex(name);
    return i.ok() ? static_cast<int>(*i) : -1;
  };
  const int id = optional("id"), subject = optional("subject"),
            ivr = optional("ivr_choice"), lang = optional("language");
  int failures = 0;
  for (const CsvRow& row : table->rows) {
    Contact c;
    c.id = id >= 0 ? row.fields[id] : absl::StrCat("line", row.line);
    absl::StatusOr<Channel> ch = ParseChannel(row.fields[*channel]);
    if (!ch.ok()) {
      io.err << "switchboard classify: " << path << ":" << row.line << ": "
             << ch.status().message() << "\n";
      ++failures;
      continue;
    }
    c.channel = *ch;
    c.body = row.fields[*text];
    if (subject >= 0) c.subject = row.fields[subject];
    if (ivr >= 0) c.ivr_choice = row.fields[ivr];
    if (lang >= 0) c.language_hint = row.fields[lang];
    if (!printer.Handle(c)) ++failures;
  }
  return failures ? 1 : 0;
}

}  // namespace

int RunClassify(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = ClassifySpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  absl::StatusOr<Channel> channel = ParseChannel(flags.Get("channel"));
  absl::StatusOr<int64_t> top_k = flags.GetInt("top-k");
  if (!channel.ok() || !top_k.ok() || *top_k < 1) {
    io.err << "switchboard classify: "
           << (!channel.ok() ? channel.status().message()
                             : "--top-k expects a positive integer")
           << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<Classifier>> classifier =
      Classifier::Load(flags.Get("model"));
  if (!classifier.ok()) {
    io.err << "switchboard classify: " << classifier.status().message() << "\n";
    return 1;
  }
  Printer printer(**classifier, flags, static_cast<int>(*top_k), io);
  if (flags.Has("contacts")) {
    return ClassifyCsv(flags.Get("contacts"), printer, io);
  }
  auto make = [&](std::string text, size_t n) {
    Contact c;
    c.id = absl::StrCat(n);
    c.channel = *channel;
    c.body = std::move(text);
    return c;
  };
  if (!flags.positional().empty()) {
    return printer.Handle(make(absl::StrJoin(flags.positional(), " "), 1)) ? 0
                                                                           : 1;
  }
  int failures = 0;
  std::string line;
  for (size_t n = 1; std::getline(io.in, line); ++n) {
    if (line.empty()) continue;
    if (!printer.Handle(make(line, n))) ++failures;
  }
  return failures ? 1 : 0;
}

}  // namespace switchboard::cli
