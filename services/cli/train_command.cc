// Copyright 2026 The Switchboard Authors.

#include <chrono>

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "switchboard/classify/classifier.h"

namespace switchboard::cli {

std::vector<FlagSpec> DatasetFlags() {
  return {
      {"text-column", "NAME", "text", "CSV column holding the text"},
      {"label-column", "NAME", "label", "CSV column holding the label"},
      {"channel-column", "NAME", "channel",
       "CSV column holding the channel; when the file has it, each row is "
       "normalized as a contact of that channel (also uses subject and "
       "ivr_choice columns when present)"},
  };
}

DatasetOptions DatasetOptionsFromFlags(const ParsedFlags& flags) {
  DatasetOptions o;
  o.text_column = flags.Get("text-column");
  o.label_column = flags.Get("label-column");
  o.channel_column = flags.Get("channel-column");
  return o;
}

bool ParseOrExit(const CommandSpec& spec, const std::vector<std::string>& args,
                 Io io, ParsedFlags& flags, int& exit_code) {
  absl::StatusOr<ParsedFlags> parsed = ParseFlags(spec, args);
  if (!parsed.ok()) {
    io.err << "switchboard " << parsed.status().message() << "\n";
    exit_code = 2;
    return false;
  }
  if (parsed->help()) {
    io.out << HelpText(spec);
    exit_code = 0;
    return false;
  }
  flags = *std::move(parsed);
  return true;
}

namespace {

CommandSpec TrainSpec() {
  CommandSpec spec{
      "train",
      "switchboard train --data FILE.csv --out MODEL [--text-column text] "
      "[--label-column label] [--seed N]",
      "Trains a classifier on labelled examples (CSV with a header row) and "
      "writes the model file.",
      {{"data", "FILE.csv", "", "labelled examples", true},
       {"out", "MODEL", "", "where to write the model", true},
       {"seed", "N", "1", "seed of the example order (same seed, same model)"},
       {"epochs", "N", "20", "passes over the data"},
       {"quiet", "", "", "no progress output"}},
      ""};
  std::vector<FlagSpec> d = DatasetFlags();
  spec.flags.insert(spec.flags.begin() + 2, d.begin(), d.end());
  return spec;
}

}  // namespace

int RunTrain(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = TrainSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  absl::StatusOr<int64_t> seed = flags.GetInt("seed");
  absl::StatusOr<int64_t> epochs = flags.GetInt("epochs");
  if (!seed.ok() || !epochs.ok()) {
    io.err << "switchboard train: "
           << (seed.ok() ? epochs.status() : seed.status()).message() << "\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<Example>> examples =
      LoadExamples(flags.Get("data"), DatasetOptionsFromFlags(flags));
  if (!examples.ok()) {
    io.err << "switchboard train: " << examples.status().message() << "\n";
    return 1;
  }
  ClassifierOptions options;
  options.trainer.seed = static_cast<uint64_t>(*seed);
  options.trainer.epochs = static_cast<int>(*epochs);
  const bool quiet = flags.Has("quiet");
  TrainProgressFn progress = [&](absl::string_view stage, double fraction) {
    if (quiet || !io.err_is_terminal) return;
    io.err << absl::StrFormat("\rtraining: %-10s %3.0f%%", stage,
                              100 * fraction)
           << std::flush;
  };
  absl::StatusOr<std::unique_ptr<Classifier>> classifier =
      Classifier::Train(*examples, options, progress);
  if (!quiet && io.err_is_terminal) io.err << "\n";
  if (!classifier.ok()) {
    io.err << "switchboard train: " << classifier.status().message() << "\n";
    return 1;
  }
  if (absl::Status s = (*classifier)->Save(flags.Get("out")); !s.ok()) {
    io.err << "switchboard train: " << s.message() << "\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!quiet) {
    io.err << absl::StrFormat(
        "trained on %d examples, %d labels, %d features in %.2f s "
        "(temperature %.3f); wrote %s\n",
        examples->size(), (*classifier)->labels().size(),
        (*classifier)->num_features(), seconds, (*classifier)->temperature(),
        flags.Get("out"));
  }
  return 0;
}

}  // namespace switchboard::cli
