// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/language.h"

#include <utf8proc.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "switchboard/text/case_fold.h"
#include "switchboard/text/text_util.h"
#include "switchboard/text/utf8.h"

namespace switchboard {
namespace {

// Only the first 16 KiB are read: a letter's first pages say its language
// as well as all of them, and detection runs on every contact.
constexpr size_t kMaxScanBytes = 16 * 1024;

// A non-Latin script with at least this share of the letters decides the
// language; with at least kScriptFallback, it decides when the words do not.
constexpr float kScriptMajority = 0.5f;
constexpr float kScriptFallback = 0.2f;

// Less than one unambiguous word's worth of evidence is no answer.
constexpr float kMinEvidence = 1.0f;

// What a letter only some languages use adds (per letter, at most
// kMaxLetterHints of them), and what a word's spelling adds when it is in
// no profile.
constexpr float kLetterHintWeight = 0.3f;
constexpr int kMaxLetterHints = 10;
constexpr float kSpellingHintWeight = 0.25f;

enum Lang : int { kNl, kEn, kDe, kFr, kEs, kIt, kPt, kTr, kPl, kNumLangs };

constexpr std::array<absl::string_view, kNumLangs> kLangCodes = {
    "nl", "en", "de", "fr", "es", "it", "pt", "tr", "pl"};

// The profiles: each language's most frequent words in what citizens write
// to a municipality (function words, auxiliaries, greetings, closings and
// chat shorthand), written as people type them; they are case-folded and
// stripped of accents when the table is built, as the text is.
constexpr absl::string_view kDutch[] = {
    "ik",          "je",          "jij",         "u",
    "uw",          "we",          "wij",         "ze",
    "zij",         "hij",         "het",         "de",
    "een",         "en",          "van",         "in",
    "is",          "dat",         "die",         "dit",
    "deze",        "op",          "te",          "met",
    "voor",        "niet",        "zijn",        "aan",
    "er",          "maar",        "om",          "ook",
    "als",         "bij",         "of",          "dan",
    "nog",         "wel",         "naar",        "kan",
    "heb",         "heeft",       "hebben",      "ben",
    "bent",        "was",         "waren",       "wordt",
    "worden",      "werd",        "moet",        "moeten",
    "mag",         "mogen",       "kunt",        "kun",
    "kunnen",      "wil",         "wilt",        "willen",
    "zou",         "zouden",      "zal",         "zullen",
    "ga",          "gaat",        "gaan",        "kom",
    "komt",        "komen",       "doe",         "doet",
    "doen",        "had",         "hadden",      "al",
    "geen",        "meer",        "nu",          "hier",
    "daar",        "waar",        "wat",         "wie",
    "hoe",         "waarom",      "wanneer",     "welke",
    "welk",        "hoeveel",     "hoelang",     "mijn",
    "mn",          "haar",        "ons",         "onze",
    "jullie",      "hun",         "hen",         "mij",
    "me",          "mee",         "over",        "uit",
    "tot",         "door",        "zo",          "toch",
    "even",        "eigenlijk",   "nou",         "ja",
    "nee",         "dus",         "want",        "omdat",
    "toen",        "sinds",       "tegen",       "zonder",
    "onder",       "tussen",      "na",          "vanaf",
    "per",         "alvast",      "bedankt",     "dank",
    "dankjewel",   "dankuwel",    "groet",       "groeten",
    "groetjes",    "gr",          "mvg",         "vriendelijke",
    "hartelijke",  "hoi",         "hallo",       "hey",
    "dag",         "goedemorgen", "goedemiddag", "goedenavond",
    "goeiemorgen", "goedendag",   "beste",       "geachte",
    "heer",        "mevrouw",     "graag",       "alstublieft",
    "alsjeblieft", "svp",         "ff",          "k",
    "wnr",         "iets",        "niets",       "niks",
    "iemand",      "niemand",     "alles",       "allemaal",
    "veel",        "andere",      "ander",       "eerst",
    "gisteren",    "vandaag",     "morgen",      "week",
    "maand",       "jaar",        "keer",        "weer",
    "altijd",      "nooit",       "soms",        "vaak",
    "steeds",      "elke",        "ieder",       "iedere",
    "zelf",        "zelfs",       "alleen",      "samen",
    "echt",        "heel",        "erg",         "zeer",
    "helemaal",    "nogmaals",    "hierover",    "hiervoor",
    "daarvoor",    "daarna",      "waarvoor",    "krijg",
    "krijgt",      "krijgen",     "gekregen",    "gehad",
    "gedaan",      "gemaakt",     "gezegd",      "ontvangen",
    "betalen",     "betaald",     "aanvragen",   "aangevraagd",
    "vraag",       "vraagje",     "vragen",      "weet",
    "weten",       "zie",         "zien",        "staat",
    "staan",       "ligt",        "zit",         "zitten",
    "kwijt",       "nieuwe",      "nieuw",       "oude",
    "goed",        "klopt",       "kapot",       "lang",
    "geleden",     "terwijl",     "nadat",       "voordat",
    "welkom",      "wilde",       "kreeg",       "kregen",
    "zeg",         "maken",       "mogelijk",    "ehm",
    "uhm",         "eh",          "oké",         "hoor",
    "gewoon",      "nodig",       "hulp",        "helpen",
    "bellen",      "gebeld",      "verhuisd",    "woon",
    "wonen",       "huis",        "straat",      "kind",
    "kinderen",    "pas",
};

// Informal Dutch shares these with English; the rest are everyday words of
// contacts with a municipality, which English writers put in English
// (passport, permit, fine).
constexpr absl::string_view kDutchEveryday[] = {
    "help",       "please",     "pls",      "paspoort",     "rijbewijs",
    "vergunning", "afspraak",   "aanvraag", "gemeentehuis", "balie",
    "boete",      "brief",      "huur",     "buren",        "wachten",
    "wachtlijst", "vuilnis",    "afval",    "belasting",    "uitkering",
    "verlopen",   "dagen",      "vlucht",   "adres",        "verhuizing",
    "betaling",   "medewerker",
};

constexpr absl::string_view kEnglish[] = {
    "i",         "you",      "he",        "she",      "it",        "we",
    "they",      "me",       "my",        "mine",     "your",      "yours",
    "his",       "her",      "its",       "our",      "their",     "them",
    "us",        "the",      "a",         "an",       "and",       "or",
    "but",       "if",       "of",        "to",       "in",        "on",
    "at",        "by",       "for",       "with",     "from",      "about",
    "into",      "over",     "under",     "after",    "before",    "between",
    "through",   "during",   "without",   "within",   "this",      "that",
    "these",     "those",    "there",     "here",     "what",      "which",
    "who",       "whom",     "whose",     "when",     "where",     "why",
    "how",       "is",       "are",       "was",      "were",      "be",
    "been",      "being",    "am",        "do",       "does",      "did",
    "done",      "doing",    "have",      "has",      "had",       "having",
    "will",      "would",    "shall",     "should",   "can",       "could",
    "may",       "might",    "must",      "not",      "no",        "yes",
    "yeah",      "ok",       "okay",      "please",   "pls",       "thanks",
    "thank",     "thx",      "ty",        "cheers",   "hi",        "hello",
    "hey",       "hiya",     "dear",      "regards",  "sincerely", "best",
    "kind",      "all",      "any",       "some",     "every",     "each",
    "both",      "few",      "more",      "most",     "other",     "another",
    "such",      "only",     "own",       "same",     "so",        "than",
    "too",       "very",     "just",      "also",     "still",     "yet",
    "already",   "again",    "ever",      "never",    "always",    "often",
    "now",       "then",     "today",     "tomorrow", "yesterday", "week",
    "month",     "year",     "time",      "get",      "got",       "getting",
    "give",      "gave",     "go",        "going",    "gone",      "went",
    "come",      "came",     "make",      "made",     "take",      "took",
    "need",      "needs",    "want",      "wants",    "like",      "know",
    "think",     "see",      "look",      "find",     "tell",      "ask",
    "said",      "say",      "told",      "help",     "use",       "used",
    "new",       "old",      "one",       "two",      "first",     "last",
    "next",      "back",     "up",        "down",     "out",       "off",
    "away",      "lost",     "stolen",    "wrong",    "right",     "don",
    "doesn",     "didn",     "isn",       "wasn",     "won",       "couldn",
    "wouldn",    "shouldn",  "haven",     "hasn",     "aren",      "ll",
    "ve",        "im",       "ive",       "dont",     "cant",      "someone",
    "something", "anything", "nothing",   "anyone",   "nobody",    "everything",
    "because",   "since",    "while",     "until",    "though",    "although",
    "however",   "morning",  "afternoon", "evening",  "sir",       "madam",
    "um",        "uh",       "er",        "cannot",   "able",      "received",
    "receive",   "sent",     "send",      "paid",     "pay",       "money",
    "still",     "working",  "work",      "way",      "long",      "much",
    "many",      "wait",     "waiting",   "call",     "called",    "check",
    "change",    "moved",    "live",      "house",    "home",      "street",
    "children",  "child",    "son",       "daughter", "wife",      "husband",
};

// Everyday words of contacts with a municipality (see kDutchEveryday).
constexpr absl::string_view kEnglishEveryday[] = {
    "passport", "licence", "license", "permit",  "appointment", "fine",
    "ticket",   "bill",    "tax",     "rent",    "neighbour",   "neighbours",
    "bin",      "rubbish", "waste",   "card",    "letter",      "council",
    "town",     "hall",    "address", "benefit", "payment",     "staff",
    "officer",  "form",    "online",
};

constexpr absl::string_view kGerman[] = {
    "der",     "die",      "das",     "und",    "ist",          "nicht",
    "ich",     "ein",      "eine",    "einen",  "einem",        "einer",
    "zu",      "mit",      "auf",     "für",    "von",          "den",
    "dem",     "des",      "es",      "sie",    "wir",          "ihr",
    "sich",    "auch",     "noch",    "wie",    "was",          "wo",
    "wann",    "warum",    "bitte",   "danke",  "hallo",        "guten",
    "mein",    "meine",    "meinen",  "ihre",   "ihren",        "haben",
    "habe",    "hat",      "sind",    "war",    "wurde",        "werden",
    "wird",    "kann",     "können",  "muss",   "müssen",       "möchte",
    "soll",    "sollen",   "über",    "nach",   "bei",          "aus",
    "oder",    "aber",     "wenn",    "weil",   "dass",         "schon",
    "nur",     "sehr",     "mehr",    "kein",   "keine",        "keinen",
    "nichts",  "gibt",     "hier",    "jetzt",  "heute",        "morgen",
    "geehrte", "geehrter", "damen",   "herren", "freundlichen", "grüßen",
    "gruß",    "vielen",   "dank",    "in",     "an",           "also",
    "so",      "er",       "will",    "ja",     "mir",          "mich",
    "dich",    "uns",      "euch",    "ihnen",  "dieser",       "diese",
    "dieses",  "wieder",   "gestern", "leider", "einfach",      "immer",
    "bis",
};

constexpr absl::string_view kFrench[] = {
    "le",          "la",       "les",
    "des",         "du",       "un",
    "une",         "et",       "est",
    "sont",        "je",       "tu",
    "il",          "elle",     "nous",
    "vous",        "ils",      "elles",
    "ce",          "cette",    "ces",
    "mon",         "ma",       "mes",
    "ton",         "ta",       "son",
    "sa",          "ses",      "notre",
    "votre",       "leur",     "qui",
    "que",         "quoi",     "dans",
    "sur",         "avec",     "pour",
    "par",         "pas",      "plus",
    "ne",          "au",       "aux",
    "ou",          "où",       "mais",
    "donc",        "car",      "si",
    "très",        "bien",     "merci",
    "bonjour",     "bonsoir",  "madame",
    "monsieur",    "salut",    "svp",
    "suis",        "ai",       "avez",
    "avons",       "fait",     "faire",
    "peux",        "pouvez",   "veux",
    "voudrais",    "comment",  "pourquoi",
    "quand",       "combien",  "été",
    "être",        "avoir",    "aussi",
    "encore",      "déjà",     "toujours",
    "rien",        "tout",     "tous",
    "cela",        "ça",       "qu",
    "j",           "a",        "à",
    "de",          "en",       "on",
    "me",          "te",       "se",
    "moi",         "toi",      "lui",
    "y",           "dit",      "chez",
    "sans",        "sous",     "entre",
    "depuis",      "perdu",    "carte",
    "aujourd",     "hui",      "hier",
    "demain",      "besoin",   "cordialement",
    "salutations", "veuillez", "agréer",
};

constexpr absl::string_view kSpanish[] = {
    "el",       "la",      "los",         "las",    "un",     "una",
    "y",        "es",      "son",         "que",    "de",     "del",
    "en",       "por",     "para",        "con",    "no",     "si",
    "sí",       "mi",      "mis",         "tu",     "su",     "sus",
    "yo",       "usted",   "nosotros",    "este",   "esta",   "estos",
    "como",     "cuando",  "donde",       "porque", "pero",   "muy",
    "más",      "hola",    "gracias",     "buenos", "buenas", "días",
    "tengo",    "tiene",   "tienen",      "puedo",  "puede",  "quiero",
    "necesito", "hay",     "fue",         "ser",    "estar",  "estoy",
    "ha",       "he",      "al",          "lo",     "le",     "se",
    "me",       "te",      "nos",         "qué",    "cómo",   "dónde",
    "también",  "ahora",   "hoy",         "ayer",   "mañana", "perdido",
    "tarjeta",  "saludos", "atentamente",
};

constexpr absl::string_view kItalian[] = {
    "il",     "lo",         "la",        "i",        "gli",     "le",
    "un",     "uno",        "una",       "e",        "è",       "di",
    "da",     "in",         "con",       "su",       "per",     "tra",
    "fra",    "che",        "chi",       "non",      "sono",    "sei",
    "siamo",  "ho",         "hai",       "ha",       "abbiamo", "avete",
    "mi",     "ti",         "ci",        "vi",       "si",      "ne",
    "mio",    "mia",        "miei",      "tuo",      "suo",     "nostro",
    "questo", "questa",     "quello",    "come",     "quando",  "dove",
    "perché", "ma",         "anche",     "molto",    "più",     "grazie",
    "ciao",   "buongiorno", "buonasera", "salve",    "vorrei",  "posso",
    "può",    "devo",       "della",     "delle",    "dello",   "degli",
    "del",    "al",         "allo",      "alla",     "alle",    "dal",
    "dalla",  "nel",        "nella",     "sul",      "sulla",   "oggi",
    "ieri",   "domani",     "perso",     "cordiali", "saluti",
};

constexpr absl::string_view kPortuguese[] = {
    "o",      "a",     "os",       "as",
    "um",     "uma",   "e",        "de",
    "do",     "da",    "dos",      "das",
    "em",     "no",    "na",       "nos",
    "nas",    "por",   "para",     "não",
    "sim",    "meu",   "minha",    "seu",
    "sua",    "você",  "eu",       "ele",
    "ela",    "eles",  "que",      "como",
    "quando", "onde",  "porque",   "mas",
    "muito",  "mais",  "obrigado", "obrigada",
    "olá",    "bom",   "dia",      "boa",
    "tarde",  "tenho", "tem",      "estou",
    "está",   "são",   "foi",      "ser",
    "isso",   "isto",  "este",     "esta",
    "também", "agora", "hoje",     "ontem",
    "amanhã", "perdi", "cartão",   "atenciosamente",
};

constexpr absl::string_view kTurkish[] = {
    "ve",        "bir",     "bu",           "da",          "de",     "için",
    "ile",       "ben",     "sen",          "o",           "biz",    "siz",
    "onlar",     "ne",      "nasıl",        "neden",       "nerede", "zaman",
    "mi",        "mı",      "mu",           "mü",          "var",    "yok",
    "çok",       "daha",    "en",           "ama",         "gibi",   "kadar",
    "olarak",    "merhaba", "teşekkür",     "teşekkürler", "ederim", "lütfen",
    "evet",      "hayır",   "benim",        "senin",       "bana",   "beni",
    "şimdi",     "bugün",   "yarın",        "değil",       "oldu",   "olan",
    "istiyorum", "sadece",  "hem",          "kaybettim",   "kartım", "selam",
    "iyi",       "günler",  "saygılarımla",
};

constexpr absl::string_view kPolish[] = {
    "i",          "w",        "z",        "na",     "nie",      "się",
    "jest",       "że",       "o",        "jak",    "ale",      "mam",
    "moja",       "mój",      "moje",     "czy",    "co",       "po",
    "tak",        "ja",       "jestem",   "proszę", "dziękuję", "dzień",
    "dobry",      "witam",    "pan",      "pani",   "już",      "tylko",
    "bardzo",     "mnie",     "mi",       "jego",   "jej",      "ich",
    "od",         "za",       "przez",    "dla",    "bo",       "gdzie",
    "kiedy",      "dlaczego", "który",    "która",  "mogę",     "chcę",
    "potrzebuję", "zgubiłem", "zgubiłam", "karta",  "kartę",    "pozdrawiam",
};

struct Profile {
  Lang lang;
  const absl::string_view* words;
  size_t size;
};

template <size_t N>
constexpr Profile MakeProfile(Lang lang, const absl::string_view (&words)[N]) {
  return Profile{lang, words, N};
}

// Word -> the languages whose profile has it (a bit set), and the share of
// a word's evidence each of them gets (1 / their number).
//
// An open-addressing table keyed by a 64-bit FNV-1a hash of the folded
// word, which the word loop computes as it folds: a lookup is a multiply,
// a probe or two and one comparison of the word itself (so a hash
// collision never counts a word that is not in a profile).
constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

inline uint64_t FnvStep(uint64_t h, unsigned char c) {
  return (h ^ c) * kFnvPrime;
}

uint64_t FnvHash(absl::string_view s) {
  uint64_t h = kFnvOffset;
  for (char c : s) h = FnvStep(h, static_cast<unsigned char>(c));
  return h;
}

// ASCII bytes: bit 0 a letter, bit 1 a letter or digit; the rest of the
// byte is the lower-case form (so a word loop needs one load per byte).
constexpr std::array<uint16_t, 128> MakeAsciiTable() {
  std::array<uint16_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool alpha = upper || (c >= 'a' && c <= 'z');
    const bool alnum = alpha || (c >= '0' && c <= '9');
    const int lower = upper ? c - 'A' + 'a' : c;
    t[c] = static_cast<uint16_t>((alpha ? 1 : 0) | (alnum ? 2 : 0) | (lower << 8));
  }
  return t;
}
constexpr std::array<uint16_t, 128> kAscii = MakeAsciiTable();
constexpr uint16_t kAsciiLetter = 1;
constexpr uint16_t kAsciiAlnum = 2;

// True when the n bytes at a and b are the same (words are short: a loop
// beats a call to memcmp).
inline bool SameBytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

int CountLangs(uint16_t langs) { return __builtin_popcount(langs); }

class WordTable {
 public:
  struct Entry {
    uint64_t hash = 0;
    uint16_t langs = 0;  // 0: an empty slot.
    float share = 0;
    std::string word;
  };

  WordTable(absl::Span<const std::pair<std::string, uint16_t>> words) {
    size_t size = 16;
    while (size < 4 * words.size()) size *= 2;  // At most a quarter full.
    slots_.resize(size);
    mask_ = size - 1;
    for (const auto& [word, langs] : words) {
      const uint64_t h = FnvHash(word);
      size_t i = Home(h);
      while (slots_[i].langs != 0) i = (i + 1) & mask_;
      slots_[i] = Entry{h, langs, 1.0f / static_cast<float>(CountLangs(langs)),
                        word};
    }
  }

  // The entry of `word` (folded; `hash` its FnvHash), or nullptr.
  const Entry* Find(absl::string_view word, uint64_t hash) const {
    for (size_t i = Home(hash);; i = (i + 1) & mask_) {
      const Entry& e = slots_[i];
      if (e.langs == 0) return nullptr;
      if (e.hash == hash && e.word.size() == word.size() &&
          SameBytes(e.word.data(), word.data(), word.size())) {
        return &e;
      }
    }
  }

 private:
  size_t Home(uint64_t hash) const {
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> 40) & mask_;
  }

  std::vector<Entry> slots_;
  size_t mask_ = 0;
};

const WordTable& Words() {
  static const WordTable* const table = [] {
    const Profile profiles[] = {
        MakeProfile(kNl, kDutch),      MakeProfile(kNl, kDutchEveryday),
        MakeProfile(kEn, kEnglish),    MakeProfile(kEn, kEnglishEveryday),
        MakeProfile(kDe, kGerman),     MakeProfile(kFr, kFrench),
        MakeProfile(kEs, kSpanish),    MakeProfile(kIt, kItalian),
        MakeProfile(kPt, kPortuguese), MakeProfile(kTr, kTurkish),
        MakeProfile(kPl, kPolish),
    };
    absl::flat_hash_map<std::string, uint16_t> langs;
    for (const Profile& p : profiles) {
      for (size_t i = 0; i < p.size; ++i) {
        langs[CaseFold(p.words[i], {.strip_accents = true})] |=
            static_cast<uint16_t>(1u << p.lang);
      }
    }
    std::vector<std::pair<std::string, uint16_t>> words(langs.begin(),
                                                        langs.end());
    return new WordTable(words);
  }();
  return *table;
}

// Letters that only some of the profiled languages use. Dutch writes ë, ï,
// ö, ü and é (ideeën, coördinatie, reünie, één), so those say nothing.
struct LetterHint {
  char32_t letter;
  uint16_t langs;
};
constexpr uint16_t Bit(Lang l) { return static_cast<uint16_t>(1u << l); }
constexpr LetterHint kLetterHints[] = {
    {U'ß', Bit(kDe)},
    {U'ä', Bit(kDe)},
    {U'ç', Bit(kFr) | Bit(kPt) | Bit(kTr)},
    {U'œ', Bit(kFr)},
    {U'ê', Bit(kFr) | Bit(kPt)},
    {U'â', Bit(kFr) | Bit(kPt)},
    {U'î', Bit(kFr)},
    {U'ô', Bit(kFr) | Bit(kPt)},
    {U'û', Bit(kFr)},
    {U'è', Bit(kFr) | Bit(kIt)},
    {U'à', Bit(kFr) | Bit(kIt) | Bit(kPt)},
    {U'ù', Bit(kFr) | Bit(kIt)},
    {U'ò', Bit(kIt)},
    {U'ì', Bit(kIt)},
    {U'ñ', Bit(kEs)},
    {U'¿', Bit(kEs)},
    {U'¡', Bit(kEs)},
    {U'ã', Bit(kPt)},
    {U'õ', Bit(kPt)},
    {U'ı', Bit(kTr)},
    {U'ğ', Bit(kTr)},
    {U'ş', Bit(kTr)},
    {U'ł', Bit(kPl)},
    {U'ą', Bit(kPl)},
    {U'ę', Bit(kPl)},
    {U'ś', Bit(kPl)},
    {U'ź', Bit(kPl)},
    {U'ż', Bit(kPl)},
    {U'ń', Bit(kPl)},
    {U'ć', Bit(kPl)},
};

// Scripts other than Latin, with the language they stand for ("" when the
// script alone does not say).
enum Script : int {
  kLatin,
  kArabic,
  kCyrillic,
  kGreek,
  kHebrew,
  kHan,
  kKana,
  kHangul,
  kDevanagari,
  kThai,
  kOtherScript,
  kNumScripts
};

Script ScriptOf(char32_t cp) {
  if (cp < 0x0250 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
      (cp >= 0xFB00 && cp <= 0xFB06)) {
    return kLatin;
  }
  if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
      (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
      (cp >= 0xFE70 && cp <= 0xFEFF)) {
    return kArabic;
  }
  if (cp >= 0x0400 && cp <= 0x052F) return kCyrillic;
  if (cp >= 0x0370 && cp <= 0x03FF) return kGreek;
  if (cp >= 0x0590 && cp <= 0x05FF) return kHebrew;
  if (cp >= 0x3040 && cp <= 0x30FF) return kKana;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) {
    return kHan;
  }
  if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF)) {
    return kHangul;
  }
  if (cp >= 0x0900 && cp <= 0x097F) return kDevanagari;
  if (cp >= 0x0E00 && cp <= 0x0E7F) return kThai;
  return kOtherScript;
}

// The longest prefix of `text` of at most `max` bytes that does not cut a
// UTF-8 sequence.
absl::string_view Prefix(absl::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return text.substr(0, end);
}

// Adds `share` to every language in `langs`.
void AddShare(uint16_t langs, float share, std::array<float, kNumLangs>& score) {
  while (langs != 0) {
    score[__builtin_ctz(langs)] += share;
    langs &= static_cast<uint16_t>(langs - 1);
  }
}

// Adds `weight`, split evenly, to every language in `langs`.
void AddEvidence(uint16_t langs, float weight,
                 std::array<float, kNumLangs>& score) {
  if (langs == 0) return;
  AddShare(langs, weight / static_cast<float>(CountLangs(langs)), score);
}

// What the spelling of a word in no profile suggests. Dutch: "ij", "aa",
// "uu", "oe", "cht" and the endings "-en", "-lijk", "-heid" (paspoort
// verlopen, vlucht over 4 dagen). English: "th", "wh", "ea", "y" and the
// endings "-ight", "-ly", "-ed" (not "-oed": goed). 0 when it suggests
// nothing or both.
uint16_t SpellingHint(absl::string_view word) {
  const size_t n = word.size();
  if (n < 3) return 0;
  // One pass over the letter pairs (and "cht").
  bool nl = false, en = false;
  for (size_t i = 0; i + 1 < n; ++i) {
    const char a = word[i], b = word[i + 1];
    switch (a) {
      case 'i':
        nl |= b == 'j';
        break;
      case 'a':
        nl |= b == 'a';
        break;
      case 'u':
        nl |= b == 'u';
        break;
      case 'o':
        nl |= b == 'e';
        break;
      case 'c':
        nl |= b == 'h' && i + 2 < n && word[i + 2] == 't';
        break;
      case 't':
      case 'w':
        en |= b == 'h';  // "th", "wh"
        break;
      case 'e':
        en |= b == 'a';
        break;
      default:
        break;
    }
    en |= a == 'y';
  }
  en |= word[n - 1] == 'y';
  auto ends = [&](absl::string_view s) {
    return n > s.size() && word.substr(n - s.size()) == s;
  };
  nl |= (ends("en") && n >= 4) || ends("lijk") || ends("heid");
  en |= ends("ight") || ends("ly") || (ends("ed") && !ends("oed"));
  const uint16_t hint = static_cast<uint16_t>((nl ? Bit(kNl) : 0) |
                                              (en ? Bit(kEn) : 0));
  return hint == (Bit(kNl) | Bit(kEn)) ? 0 : hint;
}

LanguageGuess Undetermined(float confidence) {
  return LanguageGuess{std::string(kUndeterminedLanguage), confidence};
}

// The language of text written mostly in `script`, or "und".
absl::string_view ScriptLanguage(Script script, bool ukrainian_letters) {
  switch (script) {
    case kArabic:
      return "ar";
    case kCyrillic:
      return ukrainian_letters ? "uk" : "ru";
    case kGreek:
      return "el";
    case kHebrew:
      return "he";
    case kHan:
      return "zh";
    case kKana:
      return "ja";
    case kHangul:
      return "ko";
    case kDevanagari:
      return "hi";
    case kThai:
      return "th";
    default:
      return kUndeterminedLanguage;
  }
}

}  // namespace

LanguageGuess DetectLanguage(absl::string_view text) {
  text = Prefix(text, kMaxScanBytes);

  // Pass 1, over the text as written: scripts and telling letters.
  std::array<int, kNumScripts> script_letters{};
  int letters = 0;
  int non_ascii_letters = 0;
  bool ukrainian_letters = false;
  std::array<float, kNumLangs> score{};
  int letter_hints = 0;
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {  // ASCII, most of every text: no decoding needed.
      ++pos;
      letters += kAscii[byte] & kAsciiLetter;
      continue;
    }
    char32_t cp;
    pos += DecodeUtf8At(text, pos, cp);
    if (!IsWordChar(cp) || utf8proc_category(static_cast<utf8proc_int32_t>(
                               cp)) == UTF8PROC_CATEGORY_ND) {
      continue;
    }
    const Script script = ScriptOf(cp);
    ++script_letters[script];
    ++letters;
    ++non_ascii_letters;
    if (script == kCyrillic &&
        (cp == U'і' || cp == U'ї' || cp == U'є' || cp == U'ґ' || cp == U'І' ||
         cp == U'Ї' || cp == U'Є' || cp == U'Ґ')) {
      ukrainian_letters = true;
    }
    if (letter_hints >= kMaxLetterHints) continue;
    const char32_t lower = static_cast<char32_t>(
        utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
    for (const LetterHint& hint : kLetterHints) {
      if (hint.letter == lower) {
        AddEvidence(hint.langs, kLetterHintWeight, score);
        ++letter_hints;
        break;
      }
    }
  }
  // The ASCII letters (counted in `letters` alone above) are Latin.
  script_letters[kLatin] += letters - non_ascii_letters;
  if (letters == 0) return Undetermined(0);

  // A non-Latin script that holds most of the letters decides; one that
  // holds a fair part of them decides when the words do not.
  int script = kArabic;
  for (int s = kArabic; s < kNumScripts; ++s) {
    if (script_letters[s] > script_letters[script]) script = s;
  }
  const float script_share =
      static_cast<float>(script_letters[script]) / static_cast<float>(letters);
  const LanguageGuess by_script{
      std::string(
          ScriptLanguage(static_cast<Script>(script), ukrainian_letters)),
      script_share};
  if (script_share >= kScriptMajority) {
    return by_script.code == kUndeterminedLanguage ? Undetermined(0)
                                                   : by_script;
  }

  // Pass 2: the words, each case-folded without accents (ASCII words, most
  // of them, by hand into a buffer on the stack, hashed as they are folded;
  // the others through CaseFold).
  const WordTable& words = Words();
  std::string folded;
  char buffer[48];
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80 ? (kAscii[byte] & kAsciiAlnum) == 0
                    : !IsWordCharAt(text, pos)) {
      char32_t cp;
      pos += byte < 0x80 ? 1 : DecodeUtf8At(text, pos, cp);
      continue;
    }
    size_t end = pos;
    uint64_t hash = kFnvOffset;
    size_t n = 0;
    while (end < text.size()) {
      const unsigned char b = static_cast<unsigned char>(text[end]);
      if (b >= 0x80) break;
      const uint16_t cls = kAscii[b];
      if ((cls & kAsciiAlnum) == 0) break;
      const unsigned char c = static_cast<unsigned char>(cls >> 8);
      if (n < sizeof(buffer)) buffer[n] = static_cast<char>(c);
      ++n;
      hash = FnvStep(hash, c);
      ++end;
    }
    absl::string_view key;
    if (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) {
      end = WordEnd(text, pos);
      folded = CaseFold(text.substr(pos, end - pos), {.strip_accents = true});
      key = folded;
      hash = FnvHash(key);
    } else if (n <= sizeof(buffer)) {
      key = absl::string_view(buffer, n);
    } else {
      folded = absl::AsciiStrToLower(text.substr(pos, end - pos));
      key = folded;
    }
    pos = end;
    if (const WordTable::Entry* e = words.Find(key, hash); e != nullptr) {
      AddShare(e->langs, e->share, score);
    } else {
      AddEvidence(SpellingHint(key), kSpellingHintWeight, score);
    }
  }

  int best = 0;
  float total = 0;
  for (int l = 0; l < kNumLangs; ++l) {
    total += score[l];
    if (score[l] > score[best]) best = l;
  }
  float runner_up = 0;
  for (int l = 0; l < kNumLangs; ++l) {
    if (l != best && score[l] > runner_up) runner_up = score[l];
  }
  const float confidence = total > 0 ? score[best] / total : 0;
  if (score[best] < kMinEvidence || score[best] == runner_up) {
    if (script_share >= kScriptFallback &&
        by_script.code != kUndeterminedLanguage) {
      return by_script;
    }
    return Undetermined(confidence);
  }
  return LanguageGuess{std::string(kLangCodes[best]), confidence};
}

}  // namespace switchboard
