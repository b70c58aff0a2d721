// Copyright 2026 The Switchboard Authors.

#include <ostream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "switchboard/normalize/channel_normalizers.h"
#include "switchboard/text/text_util.h"

namespace switchboard::normalize_internal {
namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

struct SocialCase {
  const char* name;
  std::string post;
  std::string expected;  // After whitespace is collapsed.
  std::vector<std::string> signals;
};

// Names the case in test output and in ctest's test names.
void PrintTo(const SocialCase& c, std::ostream* os) { *os << c.name; }

class CleanSocialTest : public ::testing::TestWithParam<SocialCase> {};

TEST_P(CleanSocialTest, CleansTextAndCollectsSignals) {
  std::vector<std::string> signals;
  EXPECT_EQ(CollapseWhitespace(CleanSocial(GetParam().post, signals)),
            GetParam().expected);
  EXPECT_THAT(signals, ElementsAreArray(GetParam().signals));
}

INSTANTIATE_TEST_SUITE_P(
    Posts, CleanSocialTest,
    ::testing::Values(
        SocialCase{"RetweetWithUrlAndEmoji",
                   "RT @GemeenteUtrecht: Vanaf maandag is de #Paspoort balie "
                   "weer open https://t.co/abc123 👍",
                   "Vanaf maandag is de Paspoort balie weer open",
                   {"mention:gemeenteutrecht", "hashtag:paspoort"}},
        SocialCase{"ComplaintWithTagsAndEmoji",
                   "@NS_online mijn trein is weer te laat 😡😡 #vertraging #NS",
                   "mijn trein is weer te laat vertraging NS",
                   {"mention:ns_online", "hashtag:vertraging", "hashtag:ns"}},
        SocialCase{"MentionInSentence",
                   "Hoi @gemeente020, wanneer wordt het grofvuil opgehaald?",
                   "Hoi , wanneer wordt het grofvuil opgehaald?",
                   {"mention:gemeente020"}},
        SocialCase{"EmailAddressIsNotAMention",
                   "Mail naar info@gemeente.nl werkt niet",
                   "Mail naar info@gemeente.nl werkt niet",
                   {}},
        SocialCase{"WwwAndHttpUrls",
                   "Zie www.gemeente.nl/afval en http://example.nl?q=1 voor "
                   "info",
                   "Zie en voor info",
                   {}},
        SocialCase{"HashInsideWordIsNotATag",
                   "Zoek C# developer bij de IT",
                   "Zoek C# developer bij de IT",
                   {}},
        SocialCase{"NonAsciiHashtagFolded",
                   "Wat een gedoe #ÉénLoket",
                   "Wat een gedoe ÉénLoket",
                   {"hashtag:éénloket"}},
        SocialCase{"HashtagWithUnderscoreAndPunctuation",
                   "Weer dicht! #stadhuis_utrecht, #afval…",
                   "Weer dicht! stadhuis_utrecht, afval…",
                   {"hashtag:stadhuis_utrecht", "hashtag:afval"}},
        SocialCase{"LoneMarkersKept",
                   "Bel 14 030 @ 10 uur # spoed",
                   "Bel 14 030 @ 10 uur # spoed",
                   {}}));

struct EmojiCase {
  const char* name;
  std::string text;
  std::string expected;  // Exact, whitespace not collapsed.
};

// Names the case in test output and in ctest's test names.
void PrintTo(const EmojiCase& c, std::ostream* os) { *os << c.name; }

class RemoveEmojiTest : public ::testing::TestWithParam<EmojiCase> {};

TEST_P(RemoveEmojiTest, RemovesEmojiAndModifiers) {
  EXPECT_EQ(RemoveEmoji(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Emoji, RemoveEmojiTest,
    ::testing::Values(
        EmojiCase{"SkinTone", "Top👍🏽 bedankt", "Top bedankt"},
        EmojiCase{"BetweenWordsLeavesASpace", "Super👍bedankt", "Super bedankt"},
        EmojiCase{"ZwjFamily", "Ons 👨‍👩‍👧 gezin", "Ons  gezin"},
        EmojiCase{"Flag", "Hoi🇳🇱!", "Hoi!"},
        EmojiCase{"HeartWithVariationSelector", "❤️ Utrecht", " Utrecht"},
        EmojiCase{"KeycapKeepsDigit", "Optie 1️⃣ graag", "Optie 1 graag"},
        EmojiCase{"SunAndStars", "☀️ en ⭐⭐⭐", " en "},
        EmojiCase{"NewerPictographs", "🫠🪪 kwijt", " kwijt"},
        EmojiCase{"OrdinaryTextUntouched", "Tekst met ë, ĳ, €, © en “quotes”",
                  "Tekst met ë, ĳ, €, © en “quotes”"},
        EmojiCase{"OnlyEmoji", "🙏🙏", ""}));

TEST(CleanSocialRobustnessTest, LongRunsOfLoneMarkersAreKept) {
  std::vector<std::string> signals;
  std::string post;
  while (post.size() < 256 * 1024) post += "@#.@@## ";
  EXPECT_EQ(CleanSocial(post, signals), post);
  EXPECT_THAT(signals, IsEmpty());
}

TEST(CleanSocialRobustnessTest, OneHugeUrlIsRemoved) {
  std::vector<std::string> signals;
  std::string post = "Kijk: https://" + std::string(256 * 1024, 'a') + " nu";
  EXPECT_EQ(CollapseWhitespace(CleanSocial(post, signals)), "Kijk: nu");
}

}  // namespace
}  // namespace switchboard::normalize_internal
