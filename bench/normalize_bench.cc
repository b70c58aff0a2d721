// Copyright 2026 The Switchboard Authors.
//
// Normalize() per channel on a realistic message (BM_Normalize/<channel>),
// and on bodies from 1 KiB to the 256 KiB limit to show the cost is linear
// (BM_NormalizeLargeEmail, BM_NormalizeLargeLetter).

#include <string>

#include "benchmark/benchmark.h"
#include "switchboard/contact.h"
#include "switchboard/normalize/normalizer.h"

namespace switchboard {
namespace {

constexpr const char kEmail[] =
    "<html><head><style>p { margin: 0 }</style></head><body>"
    "<p>Goedemiddag,</p><p>Op 12 februari heb ik een parkeervergunning "
    "aangevraagd voor de Oudegracht, maar ik heb nog steeds niets "
    "ontvangen. Ik heb het bedrag van &euro;&nbsp;45,- al betaald. Kunt u "
    "mij laten weten wanneer ik de vergunning krijg?</p>"
    "<p>Met vriendelijke groet,</p><p>Ahmed Yilmaz</p>"
    "<div class=\"gmail_quote\">Op di 5 mrt 2024 om 09:00 schreef Gemeente "
    "&lt;info@gemeente.nl&gt;:<br><blockquote>Beste meneer Yilmaz, wij "
    "hebben uw aanvraag in goede orde ontvangen.</blockquote></div>"
    "</body></html>";

constexpr const char kPhone[] =
    "Ja goedemiddag, eh, u spreekt met mevrouw De Boer. Ehm, ik bel over "
    "mijn, uhm, bijstandsuitkering want [noise] die is deze maand niet "
    "binnengekomen en, weet je, ik moet de huur betalen. Nou, kunt u eh "
    "kijken wat er aan de hand is? (stilte) Ja, mijn klantnummer heb ik hier.";

constexpr const char kChat[] =
    "[10:02] Bot: Welkom bij de gemeente! Waarmee kan ik u helpen?\n"
    "[10:02] Klant: Ik wil een afspraak maken voor een nieuw paspoort\n"
    "[10:03] Medewerker Sanne: Dat kan. Voor wanneer wilt u een afspraak?\n"
    "[10:03] Klant: Liefst volgende week dinsdag, mijn oude is verlopen\n"
    "[10:04] Medewerker Sanne: Ik kijk even voor u.\n"
    "[10:05] Klant: Top, dank u wel";

constexpr const char kSocial[] =
    "RT @Buurtbewoner: @GemeenteUtrecht al 3 weken ligt er grofvuil op de "
    "hoek van de Twijnstraat 😡😡 wanneer wordt dit opgehaald?? #afval "
    "#Utrecht https://t.co/AbC123xyz 👎🏽";

constexpr const char kLetter[] =
    "Aan het college van burgemeester en wethouders\nPostbus 16200\n"
    "3500 CE Utrecht\n\nBetreft: bezwaar tegen de aanslag onroerende-\n"
    "zaakbelasting 2024\n\nGeachte heer, mevrouw,\n\nHierbij maak ik be-\n"
    "zwaar tegen de WOZ-waarde van mijn woning. De waarde is veel te hoog\n"
    "vastgesteld in vergelijking met de woningen in de buurt.\n\n"
    "Pagina 1 van 2\n\nIk verzoek u de waarde opnieuw vast te stellen.\n"
    "- 2 -\nHoogachtend,\n\nJ. de Vries";

constexpr const char kWebForm[] =
    "Naam: Fatima El Amrani\nE-mail: f.elamrani@example.nl\n"
    "Telefoonnummer: 06-12345678\nAdres: Kanaalstraat 88\nPostcode: 3531 CK\n"
    "Categorie: Openbare ruimte\nOnderwerp: Losliggende stoeptegels\n"
    "Uw vraag: Voor de deur van nummer 88 liggen al weken stoeptegels los. "
    "Mijn moeder is er gisteren over gestruikeld. Wilt u dit snel "
    "repareren?";

constexpr const char kMessaging[] =
    "Hoi! Kan ik ff langskomen voor mn rijbewijs? Wnr zijn jullie open? "
    "Moet het z.s.m. want ik ga volgende week op vakantie 🏖️🙏 thx!!";

void BM_Normalize(benchmark::State& state, Channel channel, const char* body) {
  Contact contact;
  contact.id = "bench-1";
  contact.channel = channel;
  contact.subject = channel == Channel::kEmail ? "RE: Parkeervergunning" : "";
  contact.body = body;
  contact.ivr_choice = channel == Channel::kPhone ? "2" : "";
  const NormalizeOptions options;
  for (auto _ : state) {
    absl::StatusOr<NormalizedContact> result = Normalize(contact, options);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(contact.body.size()));
}

BENCHMARK_CAPTURE(BM_Normalize, phone, Channel::kPhone, kPhone);
BENCHMARK_CAPTURE(BM_Normalize, email, Channel::kEmail, kEmail);
BENCHMARK_CAPTURE(BM_Normalize, chat, Channel::kChat, kChat);
BENCHMARK_CAPTURE(BM_Normalize, social, Channel::kSocial, kSocial);
BENCHMARK_CAPTURE(BM_Normalize, letter, Channel::kLetter, kLetter);
BENCHMARK_CAPTURE(BM_Normalize, web_form, Channel::kWebForm, kWebForm);
BENCHMARK_CAPTURE(BM_Normalize, messaging, Channel::kMessaging, kMessaging);

// Repeats `unit` until the body is state.range(0) bytes long.
void BM_NormalizeLarge(benchmark::State& state, Channel channel,
                       const char* unit) {
  Contact contact;
  contact.id = "bench-large";
  contact.channel = channel;
  while (contact.body.size() < static_cast<size_t>(state.range(0))) {
    contact.body += unit;
  }
  contact.body.resize(static_cast<size_t>(state.range(0)));
  const NormalizeOptions options;
  for (auto _ : state) {
    absl::StatusOr<NormalizedContact> result = Normalize(contact, options);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(contact.body.size()));
  state.SetComplexityN(state.range(0));
}

BENCHMARK_CAPTURE(BM_NormalizeLarge, email, Channel::kEmail,
                  "<p>Ik heb een vraag over mijn aanslag &amp; de WOZ.</p>\n")
    ->RangeMultiplier(4)
    ->Range(1 << 10, 256 << 10)
    ->Complexity(benchmark::oN);
BENCHMARK_CAPTURE(BM_NormalizeLarge, letter, Channel::kLetter,
                  "Hierbij maak ik be-\nzwaar tegen de aanslag.\n- 2 -\n")
    ->RangeMultiplier(4)
    ->Range(1 << 10, 256 << 10)
    ->Complexity(benchmark::oN);

}  // namespace
}  // namespace switchboard
