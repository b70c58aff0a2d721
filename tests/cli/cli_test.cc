// Copyright 2026 The Switchboard Authors.
//
// Runs the `switchboard` subcommands in-process, as main() does, with
// string streams for stdin, stdout and stderr.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "classify/classify_testing.h"
#include "cli/commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard::cli {
namespace {

using ::switchboard::test_util::JsonChecker;
using ::switchboard::test_util::SampleFile;
using ::switchboard::test_util::TempPath;
using ::switchboard::test_util::WriteFile;
using ::testing::AllOf;
using ::testing::Each;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

// Accuracy of the default model on contacts_test.csv: measured 0.8273 (see
// classify/classifier_test.cc).
constexpr double kCliAccuracyFloor = 0.75;

using Command = int (*)(const std::vector<std::string>&, Io);

struct Result {
  int code = -1;
  std::string out;
  std::string err;

  std::vector<std::string> OutLines() const {
    std::vector<std::string> lines = absl::StrSplit(out, '\n');
    if (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
  }
};

Result RunCommand(Command command, const std::vector<std::string>& args,
                  const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  Result r;
  r.code = command(args, Io{in, out, err});
  r.out = out.str();
  r.err = err.str();
  return r;
}

// The value of a numeric key of a flat JSON object, or -1.
double JsonNumber(const std::string& json, const std::string& key) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + key + "\":(-?[0-9.]+)"))) {
    return -1;
  }
  double v;
  return absl::SimpleAtod(m[1].str(), &v) ? v : -1;
}

const std::set<std::string>& Departments() {
  static const auto* labels = new std::set<std::string>{
      "benefits", "complaints",   "general", "housing",
      "parking",  "passports_id", "taxes",   "waste"};
  return *labels;
}

// A model trained once, by `switchboard train`, on the sample set: the
// ctest fixture sample_train_model (tests/CMakeLists.txt) writes it before
// any of these test processes starts, so that none trains its own.
class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new std::string(SWITCHBOARD_SAMPLE_MODEL);
    std::ifstream in(*model_, std::ios::binary);
    ASSERT_TRUE(in.good()) << "no model at " << *model_
                           << ": run the sample_train_model test first "
                              "(ctest does, as a fixture)";
  }
  static void TearDownTestSuite() {
    delete model_;
    model_ = nullptr;
  }
  void TearDown() override {
    for (const std::string& f : files_) std::remove(f.c_str());
  }

  std::string File(absl::string_view name, absl::string_view contents) {
    std::string path = TempPath(name);
    WriteFile(path, contents);
    files_.push_back(path);
    return path;
  }

  static std::string* model_;
  std::vector<std::string> files_;
};

std::string* CliTest::model_ = nullptr;

// --- Flags -------------------------------------------------------------------

TEST(CliFlagsTest, HelpPrintsUsageAndSucceeds) {
  struct Case {
    Command command;
    const char* usage;
    const char* flag;
  };
  for (const Case& c :
       {Case{RunTrain, "usage: switchboard train", "--data"},
        Case{RunEval, "usage: switchboard eval", "--model"},
        Case{RunClassify, "usage: switchboard classify", "--contacts"}}) {
    SCOPED_TRACE(c.usage);
    for (const char* help : {"--help", "-h"}) {
      Result r = RunCommand(c.command, {help});
      EXPECT_EQ(r.code, 0);
      EXPECT_THAT(r.out, AllOf(StartsWith(c.usage), HasSubstr(c.flag),
                               HasSubstr("(required)"), HasSubstr("--help")));
      EXPECT_THAT(r.err, IsEmpty());
    }
  }
}

TEST(CliFlagsTest, HelpWinsOverOtherErrors) {
  Result r = RunCommand(RunTrain, {"--data", "x.csv", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("usage: switchboard train"));
}

TEST(CliFlagsTest, MissingRequiredFlagIsAUsageError) {
  Result r = RunCommand(RunTrain, {"--data", "x.csv"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--out is required"));
  EXPECT_THAT(r.out, IsEmpty());
  r = RunCommand(RunTrain, {});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--data is required"));
  r = RunCommand(RunEval, {"--data", "x.csv"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--model is required"));
  r = RunCommand(RunClassify, {"some text"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--model is required"));
}

TEST(CliFlagsTest, UnknownFlagIsAUsageError) {
  for (Command command : {RunTrain, RunEval, RunClassify}) {
    Result r = RunCommand(command, {"--frobnicate", "3"});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("unknown option --frobnicate"));
  }
  Result r = RunCommand(RunTrain, {"-x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown option \"-x\""));
}

TEST(CliFlagsTest, OtherUsageErrors) {
  struct Case {
    Command command;
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {RunTrain, {"--out", "m", "--data"}, "--data needs a value (FILE.csv)"},
      {RunTrain,
       {"--data", "d", "--out", "m", "--seed", "abc"},
       "--seed expects an integer, got \"abc\""},
      {RunTrain,
       {"--data", "d", "--out", "m", "--quiet=yes"},
       "--quiet takes no value"},
      {RunTrain,
       {"--data", "d", "--out", "m", "extra"},
       "unexpected argument \"extra\""},
      {RunEval,
       {"--model", "m", "--data", "d", "--min-confidence", "2"},
       "--min-confidence expects a number in [0, 1]"},
      {RunEval,
       {"--model", "m", "--data", "d", "--min-confidence=x"},
       "--min-confidence expects a number"},
      {RunClassify,
       {"--model", "m", "--top-k", "0", "hi"},
       "--top-k expects a positive integer"},
      {RunClassify, {"--model", "m", "--channel", "fax", "hi"}, "fax"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    Result r = RunCommand(c.command, c.args);
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr(c.message));
  }
}

// --- train -------------------------------------------------------------------

TEST_F(CliTest, TrainReportsWhatItWrote) {
  const std::string out = TempPath("again.model");
  files_.push_back(out);
  Result r =
      RunCommand(RunTrain, {"--data", SampleFile("contacts_train.csv"),
                            "--out=" + out, "--seed", "3", "--epochs", "5"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, AllOf(HasSubstr("trained on 336 examples, 8 labels"),
                           HasSubstr("wrote " + out)));
  EXPECT_THAT(test_util::ReadFile(out), StartsWith("SWBMODEL"));
}

TEST_F(CliTest, TrainIsQuietWhenAsked) {
  const std::string out = TempPath("quiet.model");
  files_.push_back(out);
  Result r = RunCommand(RunTrain, {"--data", SampleFile("contacts_train.csv"),
                                   "--out", out, "--quiet"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, IsEmpty());
  EXPECT_THAT(r.out, IsEmpty());
  // The default seed gives the suite's model, byte for byte.
  EXPECT_EQ(test_util::ReadFile(out), test_util::ReadFile(*model_));
}

TEST_F(CliTest, TrainWithCustomColumns) {
  const std::string data =
      File("custom.csv",
           "utterance,intent\n"
           "where is my new card,card\nmy card did not arrive,card\n"
           "card still not here,card\nsend money abroad,transfer\n"
           "transfer to another account,transfer\nwire money to a friend,"
           "transfer\n");
  const std::string out = TempPath("custom.model");
  files_.push_back(out);
  Result r =
      RunCommand(RunTrain, {"--data", data, "--out", out, "--text-column",
                            "utterance", "--label-column", "intent"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("trained on 6 examples, 2 labels"));
  r = RunCommand(RunClassify,
                 {"--model", out, "my", "card", "has", "not", "arrived"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(" card "));
}

TEST_F(CliTest, TrainOnABadRowNamesTheLine) {
  const std::string data = File("bad.csv",
                                "text,label\n"
                                "my card arrived,card\n"
                                "\"a text over\ntwo lines\",transfer\n"
                                "no label here,\n"
                                "fine,card\n");
  const std::string out = TempPath("bad.model");
  Result r = RunCommand(RunTrain, {"--data", data, "--out", out});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, AllOf(HasSubstr(data + ":5: empty label"),
                           HasSubstr("1 bad row(s)")));
  EXPECT_FALSE(std::ifstream(out).good());
}

TEST_F(CliTest, TrainOnBrokenCsvNamesTheLine) {
  const std::string data =
      File("broken.csv", "text,label\nok,a\nsay \"hi\",b\n");
  Result r =
      RunCommand(RunTrain, {"--data", data, "--out", TempPath("x.model")});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(data + ":3: quote inside unquoted field"));
}

TEST_F(CliTest, TrainOnAMissingFileFails) {
  const std::string data = TempPath("missing.csv");
  Result r =
      RunCommand(RunTrain, {"--data", data, "--out", TempPath("x.model")});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot open " + data));
}

TEST_F(CliTest, TrainWithOneLabelFails) {
  const std::string data = File("one.csv", "text,label\na b,x\nc d,x\n");
  Result r =
      RunCommand(RunTrain, {"--data", data, "--out", TempPath("x.model")});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("at least two distinct labels"));
}

// --- eval --------------------------------------------------------------------

TEST_F(CliTest, EvalJsonPrintsOneObject) {
  Result r = RunCommand(RunEval, {"--model", *model_, "--data",
                                  SampleFile("contacts_test.csv"), "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_THAT(r.OutLines(), SizeIs(1));
  const std::string json = r.OutLines()[0];
  EXPECT_TRUE(JsonChecker::IsValid(json)) << json;
  EXPECT_THAT(
      json, AllOf(StartsWith("{"), EndsWith("}"), HasSubstr("\"examples\":110,"),
                  HasSubstr("\"per_label\":[")));
  const double accuracy = JsonNumber(json, "accuracy");
  const double macro_f1 = JsonNumber(json, "macro_f1");
  std::printf("cli eval: accuracy %.4f, macro_f1 %.4f\n", accuracy, macro_f1);
  EXPECT_GE(accuracy, kCliAccuracyFloor);
  EXPECT_GT(macro_f1, 0.5);
  EXPECT_LE(macro_f1, 1.0);
  EXPECT_THAT(json, Not(HasSubstr("unknown_recall")));
}

TEST_F(CliTest, EvalTextReport) {
  Result r = RunCommand(
      RunEval, {"--model", *model_, "--data", SampleFile("contacts_test.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out,
              AllOf(HasSubstr("examples:          110"), HasSubstr("accuracy:"),
                    HasSubstr("macro-F1:"), HasSubstr("passports_id"),
                    HasSubstr("classified 110 examples")));
}

TEST_F(CliTest, EvalWithUnknownLabel) {
  Result r = RunCommand(
      RunEval,
      {"--model", *model_, "--data", SampleFile("contacts_test.csv"), "--json",
       "--unknown-label", "general", "--min-confidence", "0.5"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string json = r.out;
  EXPECT_TRUE(JsonChecker::IsValid(json)) << json;
  EXPECT_THAT(json, AllOf(HasSubstr("\"unknown_label\":\"general\""),
                          HasSubstr("\"unknown_examples\":11,"),
                          HasSubstr("\"in_scope_examples\":99,"),
                          HasSubstr("\"min_confidence\":0.500000")));
  const double in_scope = JsonNumber(json, "in_scope_accuracy");
  const double recall = JsonNumber(json, "unknown_recall");
  EXPECT_GE(in_scope, 0.0);
  EXPECT_LE(in_scope, 1.0);
  EXPECT_GE(recall, 0.0);
  EXPECT_LE(recall, 1.0);

  r = RunCommand(RunEval,
                 {"--model", *model_, "--data", SampleFile("contacts_test.csv"),
                  "--unknown-label", "general", "--min-confidence", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  // At confidence 1 nearly everything is declined: "general" (unknown) is
  // then always right, the in-scope labels nearly never.
  EXPECT_THAT(r.out, AllOf(HasSubstr("(99 rows)"),
                           HasSubstr("unknown recall:    1.0000 (11 rows")));
}

TEST_F(CliTest, EvalWithACorruptModelFails) {
  std::string bytes = test_util::ReadFile(*model_);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x40);
  const std::string corrupt = File("corrupt.model", bytes);
  Result r = RunCommand(
      RunEval, {"--model", corrupt, "--data", SampleFile("contacts_test.csv")});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, AllOf(HasSubstr(corrupt), HasSubstr("checksum")));
  EXPECT_THAT(r.out, IsEmpty());

  const std::string truncated =
      File("truncated.model", bytes.substr(0, bytes.size() / 3));
  r = RunCommand(RunEval, {"--model", truncated, "--data",
                           SampleFile("contacts_test.csv")});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("truncated"));

  const std::string csv = SampleFile("contacts_test.csv");
  r = RunCommand(RunEval, {"--model", csv, "--data", csv});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("is not a Switchboard model file"));
}

TEST_F(CliTest, EvalWithMissingDataFails) {
  const std::string data = TempPath("missing.csv");
  Result r = RunCommand(RunEval, {"--model", *model_, "--data", data});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(data));
}

// --- classify
// ------------------------------------------------------------------

TEST_F(CliTest, ClassifyText) {
  Result r = RunCommand(
      RunClassify, {"--model", *model_, "Mijn", "paspoort", "is", "verlopen,",
                    "ik", "wil", "een", "nieuw", "paspoort", "aanvragen"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_THAT(r.OutLines(), SizeIs(1));
  EXPECT_THAT(r.out, AllOf(StartsWith("web_form"), HasSubstr("passports_id"),
                           HasSubstr("\"Mijn paspoort is verlopen, ik wil")));
  EXPECT_THAT(r.err, IsEmpty());
}

TEST_F(CliTest, ClassifyStdinLines) {
  Result r =
      RunCommand(RunClassify, {"--model", *model_, "--channel", "messaging"},
                 "mn paspoort is verlopen\n"
                 "\n"
                 "de vuilnisbak is niet geleegd\n"
                 "ik wil een parkeervergunning\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = r.OutLines();
  ASSERT_THAT(lines, SizeIs(3));
  EXPECT_THAT(lines, Each(StartsWith("messaging")));
  // One result per input line, in order; the ids are the line numbers.
  EXPECT_THAT(lines[0], AllOf(HasSubstr(" 1 "), HasSubstr("passports_id")));
  EXPECT_THAT(lines[1], AllOf(HasSubstr(" 3 "), HasSubstr("waste")));
  EXPECT_THAT(lines[2], AllOf(HasSubstr(" 4 "), HasSubstr("parking")));
}

TEST_F(CliTest, ClassifyJson) {
  Result r = RunCommand(
      RunClassify, {"--model", *model_, "--json", "--top-k", "5", "--explain"},
      "mijn paspoort is verlopen\nhuurtoeslag aanvragen\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = r.OutLines();
  ASSERT_THAT(lines, SizeIs(2));
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_TRUE(JsonChecker::IsValid(line));
    EXPECT_THAT(line,
                AllOf(HasSubstr("\"label\":"), HasSubstr("\"confidence\":"),
                      HasSubstr("\"alternatives\":[{\"label\":"),
                      HasSubstr("\"evidence\":[{\"feature\":")));
    // --top-k 5: five alternatives.
    size_t n = 0;
    for (size_t p = line.find("\"probability\""); p != std::string::npos;
         p = line.find("\"probability\"", p + 1)) {
      ++n;
    }
    EXPECT_EQ(n, 5u);
  }
  EXPECT_THAT(lines[0], HasSubstr("\"label\":\"passports_id\""));
  EXPECT_THAT(lines[0], HasSubstr("\"id\":\"1\""));
  EXPECT_THAT(lines[1], HasSubstr("\"id\":\"2\""));
}

TEST_F(CliTest, ClassifyExplain) {
  Result r = RunCommand(
      RunClassify, {"--model", *model_, "--explain", "mijn paspoort is kwijt"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = r.OutLines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[1], AllOf(HasSubstr("because: "), HasSubstr("+")));
}

TEST_F(CliTest, ClassifyContactsCsv) {
  Result r = RunCommand(RunClassify, {"--model", *model_, "--contacts",
                                      SampleFile("contacts_test.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = r.OutLines();
  ASSERT_THAT(lines, SizeIs(110));
  EXPECT_THAT(lines[0], AllOf(StartsWith("chat"), HasSubstr("t0001")));
  for (const std::string& line : lines) {
    std::vector<std::string> words =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    ASSERT_GE(words.size(), 3u) << line;
    EXPECT_TRUE(Departments().count(words[2])) << line;
  }
  EXPECT_THAT(r.err, IsEmpty());
}

TEST_F(CliTest, ClassifyContactsCsvWithBadRows) {
  const std::string contacts = File("contacts.csv",
                                    "id,channel,text\n"
                                    "a,email,Mijn paspoort is verlopen\n"
                                    "b,fax,Mijn paspoort is verlopen\n"
                                    "c,sms,container niet geleegd\n");
  Result r =
      RunCommand(RunClassify, {"--model", *model_, "--contacts", contacts});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.OutLines(), SizeIs(2));
  EXPECT_THAT(r.err, HasSubstr(contacts + ":3:"));

  const std::string no_channel = File("nochannel.csv", "id,text\na,hallo\n");
  r = RunCommand(RunClassify, {"--model", *model_, "--contacts", no_channel});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("no column named \"channel\""));
}

TEST_F(CliTest, ClassifyInvalidUtf8LineReportsItAndGoesOn) {
  Result r = RunCommand(RunClassify, {"--model", *model_},
                        "mijn paspoort is verlopen\n"
                        "kapotte \xFF\xFE container\n"
                        "ik wil een parkeervergunning\n");
  EXPECT_EQ(r.code, 1);
  std::vector<std::string> lines = r.OutLines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[0], HasSubstr("passports_id"));
  EXPECT_THAT(lines[1], HasSubstr("parking"));
  EXPECT_THAT(r.err, AllOf(HasSubstr("contact 2"), HasSubstr("UTF-8")));
  // One message, for the one bad line.
  EXPECT_THAT(
      std::vector<std::string>(absl::StrSplit(r.err, '\n', absl::SkipEmpty())),
      SizeIs(1));
}

TEST_F(CliTest, ClassifyWithAMissingModelFails) {
  const std::string missing = TempPath("missing.model");
  Result r = RunCommand(RunClassify, {"--model", missing, "hallo"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot open " + missing));
  EXPECT_THAT(r.out, IsEmpty());
}

}  // namespace
}  // namespace switchboard::cli

// --- config check and route --------------------------------------------------

namespace switchboard::cli {
namespace {

TEST_F(CliTest, ConfigCheckAcceptsTheSampleConfig) {
  Result r = RunCommand(RunConfig,
                        {"check", "--config", SampleFile("config.textproto")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("valid"));
  EXPECT_THAT(r.out, HasSubstr("9 departments, 25 queues"));
}

TEST_F(CliTest, ConfigCheckNamesTheProblem) {
  const std::string path =
      File("bad.textproto",
           "skills: \"x\"\ndepartments { id: \"d\" labels: \"d\" }\n"
           "queues { id: \"q\" department: \"dd\" }\n");
  Result r = RunCommand(RunConfig, {"check", "--config", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("\"dd\""));
}

TEST_F(CliTest, ConfigExplainPrintsWhatIsKeptHowLongAndWhy) {
  Result r = RunCommand(RunConfig, {"explain", "--config",
                                    SampleFile("config.textproto"),
                                    "--finished-retention", "2h", "--width",
                                    "90"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("DATA"));
  EXPECT_THAT(r.out, HasSubstr("HOW LONG"));
  EXPECT_THAT(r.out, HasSubstr("WHY"));
  EXPECT_THAT(r.out, HasSubstr("30 days"));
  EXPECT_THAT(r.out, HasSubstr("2 hours"));
  // The sample configuration's own (Dutch) reasons.
  EXPECT_THAT(r.out, HasSubstr("De medewerker heeft de"));
  EXPECT_THAT(r.out, HasSubstr("herhaald contact"));
  EXPECT_THAT(r.out, HasSubstr("keyed hash"));
  for (absl::string_view line : absl::StrSplit(r.out, '\n')) {
    EXPECT_LE(line.size(), 90u) << line;
  }

  const std::string bad = File("bad-retention.textproto",
                               "retention { customer_history { seconds: -5 } }\n");
  r = RunCommand(RunConfig, {"explain", "--config", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("retention.customer_history"));
  EXPECT_EQ(RunCommand(RunConfig, {"explain", "--config",
                                   SampleFile("config.textproto"), "--width",
                                   "10"})
                .code,
            2);
}

TEST_F(CliTest, ConfigWithoutCheckIsAUsageError) {
  EXPECT_EQ(RunCommand(RunConfig, {}).code, 2);
  EXPECT_EQ(RunCommand(RunConfig, {"frobnicate"}).code, 2);
}

TEST_F(CliTest, RouteSendsEachContactSomewhere) {
  Result r = RunCommand(
      RunRoute, {"--config", SampleFile("config.textproto"), "--model", *model_,
                 "--contacts", SampleFile("demo_contacts.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  // One decision line per demo contact (d1..d10), each routed or triaged.
  for (int i = 1; i <= 10; ++i) {
    EXPECT_THAT(r.out, HasSubstr(absl::StrCat(" d", i, " "))) << i;
  }
  EXPECT_THAT(r.out, HasSubstr("received 10"));
  // d9 pressed 7 in the IVR: the complaints rule decides, with priority 5.
  EXPECT_THAT(r.out, HasSubstr("rule \"ivr-complaints\""));
  EXPECT_THAT(r.out, HasSubstr("offered to agent"));
}

TEST_F(CliTest, RouteWithoutModelTriagesWhatNoRuleDecides) {
  Result r =
      RunCommand(RunRoute, {"--config", SampleFile("config.textproto"),
                            "--contacts", SampleFile("demo_contacts.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  // Only d9's IVR rule names a department; the other nine go to triage.
  EXPECT_THAT(r.out, HasSubstr("routed 1, triaged 9"));
}

// One contact from the command line: in-process, with the model.
TEST_F(CliTest, RouteOneContactGivenByChannelAndText) {
  Result r = RunCommand(
      RunRoute, {"--config", SampleFile("config.textproto"), "--model", *model_,
                 "--channel", "email", "--id", "e-1",
                 "Ik wil bezwaar maken tegen de WOZ-waarde op mijn aanslag."});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("email     e-1    route   taxes"));
  EXPECT_THAT(r.out, HasSubstr("received 1"));
}

TEST_F(CliTest, RouteUsageErrors) {
  const std::string contacts = SampleFile("demo_contacts.csv");
  // Without --server, --config is required.
  Result r = RunCommand(RunRoute, {"--contacts", contacts});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--config is required"));
  // With --server, the server's configuration counts.
  r = RunCommand(RunRoute,
                 {"--server", "127.0.0.1:1", "--config",
                  SampleFile("config.textproto"), "--contacts", contacts});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--config and --model"));
  // Contacts from a file or from the command line, not both or neither.
  r = RunCommand(RunRoute, {"--server", "127.0.0.1:1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("either --contacts or --channel"));
  r = RunCommand(RunRoute, {"--server", "127.0.0.1:1", "--contacts", contacts,
                            "--channel", "chat", "hallo"});
  EXPECT_EQ(r.code, 2);
  r = RunCommand(RunRoute, {"--server", "127.0.0.1:1", "--channel", "chat"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("exactly one text"));
  r = RunCommand(RunRoute,
                 {"--server", "127.0.0.1:1", "--channel", "pigeon", "hallo"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("pigeon"));
}

// A free loopback port with nothing listening: the call fails with
// UNAVAILABLE, printed with its code, and the command gives up at once.
// (The server-backed paths are tested with the real server in
// tests/examples/examples.cmake.)
TEST_F(CliTest, RouteServerUnreachablePrintsTheStatus) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  close(fd);  // Bound, never listening: connections are refused.

  Result r = RunCommand(
      RunRoute, {"--server", absl::StrCat("127.0.0.1:", port), "--deadline",
                 "5", "--contacts", SampleFile("demo_contacts.csv")});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("d1: UNAVAILABLE: "));
  EXPECT_THAT(r.err, HasSubstr("cannot reach 127.0.0.1:"));
  EXPECT_THAT(r.err, Not(HasSubstr("d2:")));  // Gave up after the first.
  EXPECT_THAT(r.out, IsEmpty());
}

}  // namespace
}  // namespace switchboard::cli
