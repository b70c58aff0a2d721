// Copyright 2026 The Switchboard Authors.

#include "switchboard/classify/contact_type.h"

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "re2/re2.h"

namespace switchboard {
namespace {

constexpr absl::string_view kNames[kNumContactTypes] = {
    "question", "complaint", "objection", "request", "compliment"};

// The cues, as RE2 alternatives. A space stands for any run of whitespace;
// "\pL*" lets a word go on ("klacht\pL*" is also "klachten",
// "klachtformulier"); each alternative is matched as whole words. "\pL"
// here means a Latin letter (with or without accents): Unicode's whole
// letter class makes automata some ten times larger and slower, and the
// cues are Dutch and English.
//
// Objection: disputing a decision (bezwaar, beroep; "niet eens met het
// besluit"; a fine "terwijl ik betaald had"; object, appeal, dispute).
constexpr absl::string_view kObjectionCues[] = {
    R"(bezwaar\pL*)",
    R"(in beroep)",
    R"(beroep (?:aan)?tekenen)",
    R"(beroepschrift\pL*)",
    R"(niet (?:mee )?eens met (?:\S+ ){0,3}?)"
    R"((?:besluit|beslissing|aanslag|boete|naheffing\pL*|beschikking|)"
    R"(woz\S*|terugvordering|afwijzing|weigering))",
    R"(onterechte? (?:parkeer)?(?:boete|naheffing\pL*|aanslag|aanmaning))",
    R"((?:parkeer)?(?:boete|naheffing\pL*|aanmaning|bekeuring) (?:\S+ ){0,8}?)"
    R"((?:terwijl|maar ik))",
    R"((?:boete|naheffing\pL*|aanslag|aanmaning) (?:\S+ ){0,3}?)"
    R"((?:vervallen|vervalt|intrekken|ingetrokken))",
    R"((?:aanslag|aanmaning|boete|naheffing\pL*|beschikking|woz\S*) )"
    R"((?:\S+ ){0,4}?klopt (?:echt |gewoon )?niet)",
    R"(object(?:s|ed|ing)? (?:to|against))",
    R"(lodge an objection)",
    R"(objection\pL*)",
    R"(appeal(?:s|ed|ing)?)",
    R"(dispute (?:the|this|my|a))",
    R"(contest (?:the|this|my))",
    R"(unfair (?:parking )?(?:fine|ticket|assessment|charge))",
    R"((?:fine|ticket|reminder|assessment) (?:\S+ ){0,6}?)"
    R"((?:even though|although|but i(?:'m| am) sure))",
    R"((?:fine|ticket|charge|costs?|fee) (?:\S+ ){0,2}?)"
    R"((?:cancelled|canceled|waived|withdrawn))",
};

// Complaint: dissatisfaction with how the citizen was treated or served,
// including a service that did not come ("weer niet geleegd").
constexpr absl::string_view kComplaintCues[] = {
    R"(klacht(?:en)?)",
    R"(klachtformulier\pL*)",
    R"(klachtenregeling)",
    R"(klachtenprocedure)",
    R"(klagen)",
    R"(klaag\pL*)",
    R"(beklag)",
    R"(ontevreden)",
    R"(schandalig\pL*)",
    R"(belachelijke?)",
    R"(onbeschofte?)",
    R"(onacceptabel)",
    R"(onaanvaardbaar)",
    R"(ik ben (?:zo |echt |erg |heel )?(?:boos|woedend|kwaad))",
    R"(woedend)",
    R"(kastje naar de muur)",
    R"(niet serieus genomen)",
    R"(respectloos)",
    R"(vernederd)",
    R"(neerbuigend)",
    R"(als een crimineel)",
    R"(uitgescholden)",
    R"(schold \S+ uit)",
    R"(te gek voor woorden)",
    R"(dit kan (?:echt |toch )?niet)",
    R"(niet (?:goed |netjes )?geholpen)",
    R"((?:weer|alweer|opnieuw|gisteren|vandaag) (?:\S+ ){0,2}?niet )"
    R"((?:geleegd|opgehaald))",
    R"(niemand (?:is )?(?:gekomen|komen opdagen))",
    R"(nooit (?:teruggebeld|gebeld|gereageerd))",
    R"(complain\pL*)",
    R"(unacceptable)",
    R"(rude\pL*)",
    R"(disgrace\pL*)",
    R"(fed up)",
    R"(outrageous)",
    R"(worst (?:customer )?service)",
    R"(disrespect\pL*)",
    R"(appalling)",
    R"(terrible service)",
    R"((?:not|wasn't|weren't) emptied)",
    R"(nobody (?:came|showed up))",
};

// Compliment: praise and thanks for the service itself.
constexpr absl::string_view kComplimentCues[] = {
    R"(compliment\pL*)",
    R"(bedankt voor)",
    R"(dank (?:u|je) (?:wel )?voor)",
    R"(hartelijk dank)",
    R"((?:heel|zeer|erg|super) tevreden)",
    R"((?:top|goed|fijn|prima|super|geweldig|geduldig|uitstekend|keurig) )"
    R"((?:\S+ ){0,2}?geholpen)",
    R"(keurig (?:\S+ )?(?:opgehaald|geregeld|afgehandeld))",
    R"(chapeau)",
    R"(pluim)",
    R"(dankbaar)",
    R"(bedanken)",
    R"(thank you for)",
    R"(thanks for)",
    R"(thank(?:s| you) (?:so|very) much for)",
    R"((?:great|excellent|fantastic|amazing) service)",
    R"((?:very|so|really|extremely) helpful)",
    R"((?:want|wanted) to (?:say )?thank)",
    R"(grateful)",
    R"(well done)",
    R"(brilliant)",
};

// Request, explicitly asking the municipality to act ("kunt u ... sturen",
// "I would like to order"): counts wherever it occurs.
constexpr absl::string_view kExplicitRequestCues[] = {
    R"((?:ik|wij|we) (?:wil|willen) graag (?:een|mijn|onze))",
    R"(graag (?:\S+ ){0,6}?ontvangen)",
    R"((?:kunt|wilt) u (?:\S+ ){0,6}?(?:toe|op|terug|door)?sturen)",
    R"((?:kunt|wilt) u (?:\S+ ){0,6}?(?:terugbellen|doorverbinden|repareren|)"
    R"(vervangen|inplannen|nakijken|terugstorten|controleren|achterhalen))",
    R"(kunnen jullie (?:\S+ ){0,8}?(?:repareren|vervangen|ophalen|langskomen|)"
    R"(sturen|opruimen|legen))",
    R"(kan de gemeente (?:\S+ ){0,4}?(?:helpen|doen|geven|controleren|regelen))",
    R"(kan (?:dat|hij|die|het) (?:gerepareerd|vervangen|sneller))",
    R"((?:is het|is it) (?:\S+ )?(?:mogelijk|possible) (?:om|to))",
    R"(i(?:'d| would) like to (?:order|book|get|make|change|cancel|request|)"
    R"(apply|receive|have|reserve))",
    R"(please (?:send|collect|fix|repair|replace|check|call))",
    R"((?:could|can|would) (?:you|someone) (?:please )?(?:send|collect|fix|)"
    R"(repair|replace|check|remove))",
    R"(can the municipality (?:\S+ ){0,3}?(?:help|inspect|check|do))",
    R"(put me through)",
    R"(call me back)",
};

// Request verbs that a question for information uses too ("Hoe kan ik een
// paspoort aanvragen?"): they count only outside such a sentence (see
// InQuestionForInformation).
constexpr absl::string_view kRequestVerbCues[] = {
    R"(aanvragen)",
    R"(afspraak (?:maken|inplannen))",
    R"(opzeggen)",
    R"(wijzigen)",
    R"(gerepareerd)",
    R"(vervangen)",
    R"(laten ophalen)",
    R"(reserveren)",
    R"(doorverbinden)",
    R"(terugbellen)",
    R"(gedumpt)",
    R"(apply for)",
    R"(request(?:ed|ing|s)?)",
    R"((?:make|book) an appointment)",
    R"(cancel)",
    R"(change my)",
    R"(replacement)",
    R"(reserve)",
    R"(dumped)",
};

// Phrases in which a cue says nothing: thanks that only close a message,
// a cue denied ("geen bezwaar", "zie af van bezwaar"), and the name of a
// form's category ("Klachten en complimenten").
constexpr absl::string_view kNeutralPhrases[] = {
    R"((?:hartelijk |heel |erg |many |)?(?:bedankt|dank(?: u| je)?(?: wel)?|)"
    R"(thank you|thanks) (?:voor|for) (?:uw|je|jullie|your) (?:snelle |)"
    R"(quick |prompt |)?(?:reactie|antwoord|bericht|e-?mail|mail|hulp|moeite|)"
    R"(tijd|vraag|reply|response|answer|message|help|time))",
    R"(geen bezwaar)",
    R"((?:zie|zien) (?:\S+ )?af van (?:het |mijn |ons |een )?bezwaar)",
    R"(no objection)",
    R"(klachten en complimenten)",
    R"(complaints and compliments)",
};

// Words that make a sentence a question for information, wherever they
// stand in it, and pairs that do so at its start.
constexpr absl::string_view kQuestionWords[] = {
    "hoe", "waar",  "wanneer", "wat",  "welke", "waarom", "hoelang",
    "how", "where", "when",    "what", "which", "why",
};
constexpr absl::string_view kQuestionOpenerPairs[] = {
    "kan ik", "mag ik", "moet ik", "kunnen wij", "kunnen we", "kan dat",
    "can i",  "do i",   "do we",   "may i",      "should i",
};

std::string Alternatives(absl::Span<const absl::string_view> cues) {
  constexpr absl::string_view kLetter = R"([a-zA-Z\x{C0}-\x{24F}])";
  constexpr absl::string_view kNotWordChar = R"([^0-9a-zA-Z\x{C0}-\x{24F}])";
  std::vector<std::string> parts;
  parts.reserve(cues.size());
  for (absl::string_view cue : cues) {
    parts.push_back(
        absl::StrReplaceAll(cue, {{" ", R"(\s+)"}, {R"(\pL)", kLetter}}));
  }
  // Whole words: not preceded or followed by a letter or digit. The cue
  // itself is the one capturing group.
  return absl::StrCat("(?:^|", kNotWordChar, ")(", absl::StrJoin(parts, "|"),
                      ")(?:", kNotWordChar, "|$)");
}

std::unique_ptr<RE2> Compile(absl::Span<const absl::string_view> cues) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(Alternatives(cues), options);
  // The patterns are constants of this file; a bad one is a programming
  // error that every test of this file catches.
  if (!re->ok()) std::abort();
  return re;
}

struct CueSet {
  ContactType type;
  std::unique_ptr<RE2> re;
  // Skip a match in a sentence that asks for information.
  bool unless_question = false;
};

struct Cues {
  std::vector<CueSet> sets;  // In precedence order.
  std::unique_ptr<RE2> neutral;
  // Every cue of every set in one pattern: most contacts have none, and
  // one scan tells.
  std::unique_ptr<RE2> any;
};

const Cues& GetCues() {
  static const Cues* const cues = [] {
    auto* c = new Cues();
    c->sets.push_back({ContactType::kObjection, Compile(kObjectionCues)});
    c->sets.push_back({ContactType::kComplaint, Compile(kComplaintCues)});
    c->sets.push_back({ContactType::kCompliment, Compile(kComplimentCues)});
    c->sets.push_back({ContactType::kRequest, Compile(kExplicitRequestCues)});
    c->sets.push_back({ContactType::kRequest, Compile(kRequestVerbCues), true});
    c->neutral = Compile(kNeutralPhrases);
    std::vector<absl::string_view> all;
    for (auto cues : {absl::MakeConstSpan(kObjectionCues),
                      absl::MakeConstSpan(kComplaintCues),
                      absl::MakeConstSpan(kComplimentCues),
                      absl::MakeConstSpan(kExplicitRequestCues),
                      absl::MakeConstSpan(kRequestVerbCues)}) {
      all.insert(all.end(), cues.begin(), cues.end());
    }
    c->any = Compile(all);
    return c;
  }();
  return *cues;
}

using Span = std::pair<size_t, size_t>;  // [begin, end) in the text.

// The position of the capture group in `text` of the first match of `re` at
// or after `pos`, or nullopt.
std::optional<Span> FindCue(const RE2& re, absl::string_view text, size_t pos) {
  re2::StringPiece group[2];
  if (pos > text.size() ||
      !re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(),
                RE2::UNANCHORED, group, 2)) {
    return std::nullopt;
  }
  const size_t begin = static_cast<size_t>(group[1].data() - text.data());
  return Span{begin, begin + group[1].size()};
}

// Every match of `re` in `text`.
std::vector<Span> FindAll(const RE2& re, absl::string_view text) {
  std::vector<Span> spans;
  size_t pos = 0;
  // Each match ends after the last; the loop ends within text.size() steps.
  while (pos <= text.size()) {
    std::optional<Span> s = FindCue(re, text, pos);
    if (!s) break;
    spans.push_back(*s);
    pos = s->second > s->first ? s->second : s->first + 1;
  }
  return spans;
}

bool Inside(const Span& s, const std::vector<Span>& spans) {
  for (const Span& outer : spans) {
    if (s.first >= outer.first && s.second <= outer.second) return true;
  }
  return false;
}

// The sentence around text[pos], lower case (ASCII): from after the last
// . ? ! or line break before pos to the next one.
std::string SentenceAround(absl::string_view text, size_t pos) {
  constexpr absl::string_view kEnds = ".?!\n";
  size_t start = pos;
  while (start > 0 && kEnds.find(text[start - 1]) == absl::string_view::npos) {
    --start;
  }
  size_t end = pos;
  while (end < text.size() &&
         kEnds.find(text[end]) == absl::string_view::npos) {
    ++end;
  }
  return absl::AsciiStrToLower(text.substr(start, end - start));
}

// True when the sentence around text[pos] asks for information: it holds a
// question word ("hoe", "where") or opens with "kan ik", "can I" and the
// like.
bool InQuestionForInformation(absl::string_view text, size_t pos) {
  const std::string sentence = SentenceAround(text, pos);
  std::vector<absl::string_view> words;
  for (absl::string_view w : absl::StrSplit(
           sentence, absl::ByAnyChar(" \t\r,;:\"'()"), absl::SkipEmpty())) {
    words.push_back(w);
  }
  for (absl::string_view w : words) {
    for (absl::string_view q : kQuestionWords) {
      if (w == q) return true;
    }
  }
  if (words.size() >= 2) {
    const std::string opener = absl::StrCat(words[0], " ", words[1]);
    for (absl::string_view p : kQuestionOpenerPairs) {
      if (opener == p) return true;
    }
  }
  return false;
}

}  // namespace

absl::string_view ContactTypeName(ContactType t) {
  const int i = static_cast<int>(t);
  return i >= 0 && i < kNumContactTypes ? kNames[i] : "unknown";
}

absl::StatusOr<ContactType> ParseContactType(absl::string_view name) {
  for (ContactType t : kAllContactTypes) {
    if (ContactTypeName(t) == name) return t;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown contact type \"", name,
                   "\" (valid: ", absl::StrJoin(kNames, ", "), ")"));
}

ContactTypeCue ContactTypeFromCues(absl::string_view text) {
  const Cues& cues = GetCues();
  const re2::StringPiece piece(text.data(), text.size());
  if (!RE2::PartialMatch(piece, *cues.any)) return ContactTypeCue{};
  const std::vector<Span> neutral = FindAll(*cues.neutral, text);
  for (const CueSet& set : cues.sets) {
    size_t pos = 0;
    // Each round starts past the last match: at most text.size() rounds.
    while (pos <= text.size()) {
      std::optional<Span> s = FindCue(*set.re, text, pos);
      if (!s) break;
      pos = s->second > s->first ? s->second : s->first + 1;
      if (Inside(*s, neutral)) continue;
      if (set.unless_question && InQuestionForInformation(text, s->first)) {
        continue;
      }
      return ContactTypeCue{
          set.type, std::string(text.substr(s->first, s->second - s->first))};
    }
  }
  return ContactTypeCue{};
}

}  // namespace switchboard
