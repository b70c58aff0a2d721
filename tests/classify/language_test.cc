// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/language.h"

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/classify/dataset.h"

namespace switchboard {
namespace {

using ::testing::AllOf;
using ::testing::Ge;
using ::testing::Le;

// Share of the sample contacts (after normalization) whose `language`
// column DetectLanguage gets right: measured 1.000 on contacts_train.csv
// (336 of 336) and on contacts_test.csv (110 of 110). The floor is the
// target of issue 7, below which language routing is not to be trusted.
constexpr double kSampleAccuracyFloor = 0.97;

struct Case {
  const char* text;
  const char* code;
};

class DetectLanguageTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(DetectLanguageTableTest, DetectsTheLanguage) {
  const Case& c = GetParam();
  LanguageGuess g = DetectLanguage(c.text);
  EXPECT_EQ(g.code, c.code) << c.text << " (confidence " << g.confidence << ")";
  EXPECT_THAT(g.confidence, AllOf(Ge(0.0f), Le(1.0f))) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    ShortDutch, DetectLanguageTableTest,
    ::testing::Values(
        Case{"hoi, mn pas is kwijt", "nl"},
        Case{"ff een vraag, kan k de gemeentebelasting in termijnen betalen",
             "nl"},
        Case{"container weer niet geleegd", "nl"},
        Case{"wanneer wordt het plastic opgehaald?", "nl"},
        Case{"Is het gemeentehuis open op Koningsdag?", "nl"},
        Case{"Wat kost een paspoort?", "nl"}, Case{"dank je wel!", "nl"},
        Case{"paspoort verlopen, vlucht over 4 dagen, help", "nl"},
        Case{"Ik wil bezwaar maken tegen mijn WOZ-waarde", "nl"}));

INSTANTIATE_TEST_SUITE_P(
    ShortEnglish, DetectLanguageTableTest,
    ::testing::Values(Case{"hi my card is lost", "en"},
                      Case{"where do I appeal a parking ticket", "en"},
                      Case{"bin not emptied again", "en"},
                      Case{"What time does the town hall close today?", "en"},
                      Case{"thanks!! great service", "en"},
                      Case{"Is the recycling centre open on Saturdays?", "en"},
                      Case{"i lost my ID card, how do I get a new one", "en"},
                      Case{"Can I pay the kwijtschelding form online?", "en"}));

INSTANTIATE_TEST_SUITE_P(
    LongDutchAndEnglish, DetectLanguageTableTest,
    ::testing::Values(
        Case{"Geachte heer/mevrouw, Ik heb een aanslag gemeentelijke "
             "belastingen ontvangen voor een woning waar ik sinds februari "
             "niet meer woon. Kunt u die aanslag intrekken? Met vriendelijke "
             "groet, Jan de Vries",
             "nl"},
        Case{"Dear Sir or Madam, I received a parking fine even though I "
             "paid through the app. I have the receipt. How do I object to "
             "the fine? Kind regards, Sofia Schneider, Gemeente Wilgendam "
             "resident",
             "en"},
        // English with Dutch names and terms in it.
        Case{"Hello, is there any bijzondere bijstand for a new fridge? My "
             "address is Dorpsstraat 14, Wilgendam.",
             "en"},
        // Dutch with an English word or two.
        Case{"Hoi, de app voor bezoekersparkeren geeft een error als ik "
             "wil inloggen, wat nu?",
             "nl"}));

INSTANTIATE_TEST_SUITE_P(
    OtherLanguages, DetectLanguageTableTest,
    ::testing::Values(
        Case{"Sehr geehrte Damen und Herren, ich habe meinen Ausweis "
             "verloren und möchte einen neuen beantragen.",
             "de"},
        Case{"Ich wohne seit einem Monat in Wilgendam. Wie kann ich mich "
             "anmelden?",
             "de"},
        Case{"Bonjour, j'ai perdu ma carte d'identité. Que dois-je faire ?",
             "fr"},
        Case{"Je voudrais savoir quand la collecte des déchets a lieu dans "
             "ma rue.",
             "fr"},
        Case{"Hola, he perdido mi pasaporte y necesito uno nuevo. ¿Qué "
             "tengo que hacer?",
             "es"},
        Case{"Buongiorno, vorrei sapere come posso rinnovare la mia carta "
             "d'identità.",
             "it"},
        Case{"Olá, perdi o meu cartão e não sei o que fazer.", "pt"},
        Case{"Merhaba, kimlik kartımı kaybettim, ne yapmam gerekiyor?", "tr"},
        Case{"Dzień dobry, zgubiłem dowód osobisty. Co mam zrobić?", "pl"},
        Case{"مرحبا، لقد فقدت بطاقة هويتي", "ar"},
        Case{"Здравствуйте, я потерял паспорт. Что мне делать?", "ru"},
        Case{"Добрий день, я загубив паспорт. Що мені робити?", "uk"},
        Case{"Γεια σας, έχασα το διαβατήριό μου.", "el"},
        Case{"我的护照丢了", "zh"}));

INSTANTIATE_TEST_SUITE_P(
    Undetermined, DetectLanguageTableTest,
    ::testing::Values(Case{"", "und"}, Case{"   \n\t ", "und"},
                      Case{"12345 06-12345678", "und"},
                      Case{"!!! ??? 😡😡", "und"},
                      // One word both Dutch and English use: a tie.
                      Case{"is", "und"},
                      // A name and a postcode say nothing.
                      Case{"Wilgendam 2701 CK", "und"},
                      // A script without a language of its own here.
                      Case{"ሰላም", "und"}));

TEST(DetectLanguageTest, ConfidenceIsTheWinnersShareOfTheEvidence) {
  // Only Dutch words: all the evidence is Dutch.
  EXPECT_FLOAT_EQ(DetectLanguage("ik wil mijn paspoort ophalen").confidence,
                  1.0f);
  // "mijn" and "kwijt" are Dutch alone; "pas" is French too and "is"
  // English: each of those counts half. 3 of 4 words' worth is Dutch.
  LanguageGuess mixed = DetectLanguage("mijn pas is kwijt");
  EXPECT_EQ(mixed.code, "nl");
  EXPECT_FLOAT_EQ(mixed.confidence, 0.75f);
  // A script decides by the share of its letters.
  LanguageGuess arabic =
      DetectLanguage("مرحبا، لقد فقدت بطاقة هويتي في Wilgendam");
  EXPECT_EQ(arabic.code, "ar");
  EXPECT_GT(arabic.confidence, 0.5f);
  EXPECT_LT(arabic.confidence, 1.0f);
  // A script with a fair share decides when the words do not.
  EXPECT_EQ(DetectLanguage("Привет 2701 CK Wilgendam").code, "ru");
}

TEST(DetectLanguageTest, IgnoresCaseAndAccents) {
  EXPECT_EQ(DetectLanguage("IK WIL MIJN PASPOORT OPHALEN").code, "nl");
  EXPECT_EQ(DetectLanguage("WHERE IS MY PARKING PERMIT").code, "en");
  EXPECT_EQ(DetectLanguage("ÇOK TEŞEKKÜR EDERİM, BU KARTIM").code, "tr");
}

TEST(DetectLanguageTest, SurvivesInvalidUtf8AndHugeText) {
  const std::string invalid = "ik heb \xFF\xFE een vraag \xC3";
  EXPECT_EQ(DetectLanguage(invalid).code, "nl");
  // Only the first 16 KiB are read: a Dutch opening decides even if
  // English follows, and the call stays fast.
  std::string huge;
  while (huge.size() < 20 * 1024) huge += "ik heb een vraag over mijn pas. ";
  for (int i = 0; i < 2000; ++i) huge += "the and of my is not what ";
  EXPECT_EQ(DetectLanguage(huge).code, "nl");
}

TEST(DetectLanguageTest, IsSafeFromManyThreads) {
  const std::string nl = "hoi, mn pas is kwijt";
  const std::string en = "hi my card is lost";
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        wrong[t] += DetectLanguage(nl).code != "nl";
        wrong[t] += DetectLanguage(en).code != "en";
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

// Each row is normalized as a live contact would be (DatasetOptions with
// the `language` column as the label), then detected.
double SampleAccuracy(const std::string& file) {
  DatasetOptions options;
  options.label_column = "language";
  absl::StatusOr<std::vector<Example>> rows =
      LoadExamples(test_util::SampleFile(file), options);
  EXPECT_TRUE(rows.ok()) << rows.status();
  if (!rows.ok() || rows->empty()) return 0;
  size_t right = 0;
  for (const Example& e : *rows) {
    LanguageGuess g = DetectLanguage(e.text);
    if (g.code == e.label) {
      ++right;
    } else {
      std::printf("  %s:%zu: want %s, got %s (%.2f): %.120s\n", file.c_str(),
                  e.line, e.label.c_str(), g.code.c_str(), g.confidence,
                  e.text.c_str());
    }
  }
  const double accuracy = static_cast<double>(right) / rows->size();
  std::printf("%s: language accuracy %.4f (%zu of %zu)\n", file.c_str(),
              accuracy, right, rows->size());
  return accuracy;
}

TEST(DetectLanguageSampleTest, ReachesTheFloorOnTheTrainingSet) {
  EXPECT_GE(SampleAccuracy("contacts_train.csv"), kSampleAccuracyFloor);
}

TEST(DetectLanguageSampleTest, ReachesTheFloorOnTheTestSet) {
  EXPECT_GE(SampleAccuracy("contacts_test.csv"), kSampleAccuracyFloor);
}

}  // namespace
}  // namespace switchboard
