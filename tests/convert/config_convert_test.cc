// Copyright 2026 The Switchboard Authors.

#include "convert/config_convert.h"

#include <filesystem>
#include <map>
#include <string>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::switchboard::test_util::TempPath;
using ::switchboard::test_util::WriteFile;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kSmall[] = R"pb(
  skills: "taxes"
  skills: "triage"
  departments {
    id: "taxes"
    name: "Belastingen"
    labels: "taxes"
    skills { skill: "taxes" level: 3 }
  }
  departments {
    id: "triage"
    skills { skill: "triage" }
  }
  queues {
    id: "taxes-phone"
    department: "taxes"
    channels: CHANNEL_PHONE
    strategy: BEST_SKILL_MATCH
    max_length: 50
    sla_target { seconds: 45 }
    escalation {
      after { seconds: 60 }
      kind: WIDEN_SKILLS
    }
    escalation {
      after { seconds: 120 }
      kind: OVERFLOW
      overflow_queue: "triage"
    }
  }
  queues { id: "taxes-rest" department: "taxes" }
  queues { id: "triage" department: "triage" strategy: ROUND_ROBIN }
  rules {
    name: "ivr-1"
    when { channels: CHANNEL_PHONE ivr_choices: "1" }
    then { department: "taxes" priority: 4 }
  }
  thresholds { triage_below: 0.6 triage_queue: "triage" }
  sla {
    channel: CHANNEL_EMAIL
    target { seconds: 3600 }
  }
  agents {
    id: "a1"
    name: "Sanne"
    skills { skill: "taxes" level: 7 }
    capacity { channel: CHANNEL_PHONE capacity: 1 }
    presence: AVAILABLE
  }
  offer_timeout { seconds: 15 }
)pb";

TEST(ConfigConvertTest, ParsesEveryPart) {
  absl::StatusOr<EngineConfig> c = ParseConfig(kSmall, false, "small");
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->departments.size(), 2u);
  EXPECT_EQ(c->departments[0].skills[0].level, 3);
  EXPECT_EQ(c->departments[1].skills[0].level, 1);  // 0 means 1
  ASSERT_EQ(c->queues.size(), 3u);
  const QueueConfig& q = c->queues[0];
  EXPECT_EQ(q.strategy, AssignmentStrategy::kBestSkillMatch);
  EXPECT_EQ(q.max_length, 50);
  EXPECT_EQ(q.sla_target, absl::Seconds(45));
  ASSERT_EQ(q.escalation.size(), 2u);
  EXPECT_EQ(q.escalation[1].kind, EscalationKind::kOverflow);
  EXPECT_EQ(q.escalation[1].overflow_queue, "triage");
  EXPECT_EQ(c->queues[1].max_length, 100'000);  // default kept
  EXPECT_EQ(c->rules[0].then.priority, 4);
  EXPECT_FLOAT_EQ(c->thresholds.triage_below, 0.6f);
  EXPECT_EQ(c->thresholds.aging_per_minute, 1.0);  // default kept
  EXPECT_EQ(c->sla.For(Channel::kEmail), absl::Hours(1));
  EXPECT_EQ(c->sla.For(Channel::kPhone), absl::Seconds(30));  // default
  EXPECT_EQ(c->agents[0].presence, Presence::kAvailable);
  EXPECT_EQ(c->agents[0].capacity.size(), 1u);
  EXPECT_EQ(c->offer_timeout, absl::Seconds(15));
}

TEST(ConfigConvertTest, SyntaxErrorNamesLineAndColumn) {
  absl::StatusOr<EngineConfig> c =
      ParseConfig("skills: \"a\"\ndepartments { id: }\n", false, "bad.txtpb");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("bad.txtpb:2:"));
}

TEST(ConfigConvertTest, ValidationErrorNamesTheItem) {
  std::string text = kSmall;
  text.replace(text.find("overflow_queue: \"triage\""), 24,
               "overflow_queue: \"nowhere\"");
  absl::StatusOr<EngineConfig> c = ParseConfig(text, false, "x");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("nowhere"));
}

TEST(ConfigConvertTest, NegativeDurationRefused) {
  std::string text = kSmall;
  text.replace(text.find("offer_timeout { seconds: 15 }"), 29,
               "offer_timeout { seconds: -5 }");
  absl::StatusOr<EngineConfig> c = ParseConfig(text, false, "x");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("offer_timeout"));
}

TEST(ConfigConvertTest, UnknownEnumNumberRefused) {
  v1::EngineConfig p;
  v1::Queue* q = p.add_queues();
  q->set_id("q");
  q->set_strategy(static_cast<v1::AssignmentStrategy>(99));
  absl::StatusOr<EngineConfig> c = ConfigFromProto(p);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("strategy 99"));
}

TEST(ConfigConvertTest, JsonWorksToo) {
  absl::StatusOr<EngineConfig> c = ParseConfig(
      R"({"skills": ["t"], "departments": [{"id": "d", "labels": ["d"]},
          {"id": "tri"}],
          "queues": [{"id": "dq", "department": "d"},
                     {"id": "tq", "department": "tri"}],
          "thresholds": {"triageQueue": "tq"}})",
      true, "c.json");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->queues.size(), 2u);
  absl::StatusOr<EngineConfig> bad =
      ParseConfig("{\"skils\": 1}", true, "b.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("b.json"));
}

TEST(ConfigConvertTest, TheSampleConfigIsValid) {
  absl::StatusOr<EngineConfig> c =
      LoadConfigFile(SWITCHBOARD_SAMPLE_DIR "/config.textproto");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->departments.size(), 9u);
  EXPECT_EQ(c->thresholds.triage_queue, "triage");
}

TEST(ConfigConvertTest, MissingFileIsNotFound) {
  absl::StatusOr<EngineConfig> c = LoadConfigFile("/nonexistent/config.txtpb");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kNotFound);
}

TEST(ConfigConvertTest, AgentErrorsNameTheAgent) {
  std::string text = kSmall;
  text.replace(text.find("presence: AVAILABLE"), 19, "presence: 7");
  absl::StatusOr<EngineConfig> c = ParseConfig(text, false, "x");
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument,
                          AllOf(HasSubstr("agent \"a1\""),
                                HasSubstr("presence"), HasSubstr("7"))));
}

TEST(ConfigConvertTest, ConfigAgentsConvertAsRegisteredOnes) {
  absl::StatusOr<EngineConfig> c = ParseConfig(kSmall, false, "small");
  ASSERT_THAT(c, IsOk());
  ASSERT_EQ(c->agents.size(), 1u);
  const AgentConfig& a = c->agents[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.name, "Sanne");
  ASSERT_EQ(a.skills.size(), 1u);
  EXPECT_EQ(a.skills[0].skill, "taxes");
  EXPECT_EQ(a.skills[0].level, 7);
  EXPECT_EQ(a.capacity, (std::map<Channel, int>{{Channel::kPhone, 1}}));
}

TEST(ServiceConfigTest, TheSampleConfigTrainsFromItsOwnDirectory) {
  absl::StatusOr<ServiceConfig> c =
      LoadServiceConfigFile(SWITCHBOARD_SAMPLE_DIR "/config.textproto");
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->engine.departments.size(), 9u);
  EXPECT_EQ(c->training_data,
            std::filesystem::path(SWITCHBOARD_SAMPLE_DIR "/contacts_train.csv")
                .lexically_normal()
                .string());
  EXPECT_TRUE(std::filesystem::path(c->training_data).is_absolute());
  EXPECT_TRUE(std::filesystem::exists(c->training_data));
  EXPECT_EQ(c->text_column, "text");
  EXPECT_EQ(c->label_column, "label");
}

TEST(ServiceConfigTest, RelativeDataIsRelativeToTheConfigFile) {
  const std::string dir = TempPath("configdir");
  std::filesystem::create_directories(dir + "/conf");
  const std::string path = dir + "/conf/service.textproto";
  WriteFile(path, std::string(kSmall) +
                      "training { data: \"../data/train.csv\" "
                      "text_column: \"body\" label_column: \"intent\" }\n");
  // Relative to the working directory too: the result is absolute anyway.
  const std::string relative =
      std::filesystem::relative(path, std::filesystem::current_path()).string();
  for (const std::string& p : {path, relative}) {
    absl::StatusOr<ServiceConfig> c = LoadServiceConfigFile(p);
    ASSERT_THAT(c, IsOk()) << p;
    EXPECT_EQ(c->training_data, std::filesystem::path(dir + "/data/train.csv")
                                    .lexically_normal()
                                    .string())
        << p;
    EXPECT_EQ(c->text_column, "body");
    EXPECT_EQ(c->label_column, "intent");
    EXPECT_EQ(c->engine.queues.size(), 3u);
  }
  std::filesystem::remove_all(dir);
}

TEST(ServiceConfigTest, AbsoluteDataIsKept) {
  const std::string path = TempPath("abs.textproto");
  WriteFile(path, std::string(kSmall) +
                      "training { data: \"/srv/switchboard/train.csv\" }\n");
  absl::StatusOr<ServiceConfig> c = LoadServiceConfigFile(path);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->training_data, "/srv/switchboard/train.csv");
  std::filesystem::remove(path);
}

TEST(ServiceConfigTest, NoTrainingSectionGivesNoDataAndDefaultColumns) {
  const std::string path = TempPath("none.textproto");
  WriteFile(path, kSmall);
  absl::StatusOr<ServiceConfig> c = LoadServiceConfigFile(path);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->training_data, "");
  EXPECT_EQ(c->text_column, "text");
  EXPECT_EQ(c->label_column, "label");
  std::filesystem::remove(path);
}

TEST(ServiceConfigTest, JsonTrainingSection) {
  const std::string path = TempPath("c.json");
  WriteFile(path,
            R"({"skills": ["t"], "departments": [{"id": "d", "labels": ["d"]},
                {"id": "tri"}],
                "queues": [{"id": "dq", "department": "d"},
                           {"id": "tq", "department": "tri"}],
                "thresholds": {"triageQueue": "tq"},
                "training": {"data": "/x/train.csv", "labelColumn": "l"}})");
  absl::StatusOr<ServiceConfig> c = LoadServiceConfigFile(path);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->training_data, "/x/train.csv");
  EXPECT_EQ(c->text_column, "text");
  EXPECT_EQ(c->label_column, "l");
  std::filesystem::remove(path);
}

TEST(ServiceConfigTest, ErrorsAsLoadConfigFile) {
  EXPECT_THAT(LoadServiceConfigFile("/nonexistent/config.txtpb"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nonexistent")));
  const std::string path = TempPath("bad.textproto");
  WriteFile(path, "training { data: 5 \n");
  EXPECT_THAT(LoadServiceConfigFile(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(path)));
  std::string invalid = kSmall;
  invalid.replace(invalid.find("overflow_queue: \"triage\""), 24,
                  "overflow_queue: \"nowhere\"");
  WriteFile(path, invalid);
  EXPECT_THAT(LoadServiceConfigFile(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(path), HasSubstr("nowhere"))));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace switchboard
