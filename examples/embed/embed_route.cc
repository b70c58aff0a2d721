// Copyright 2026 The Switchboard Authors.
//
// embed_route: the routing engine embedded in a program, with nothing but
// the library (no protobuf, no server). It builds a configuration in code,
// trains a tiny classifier from a dozen sentences, routes contacts from
// five channels, lets two agents take and resolve some of them, and prints
// the decisions and a statistics summary.
//
// Time comes from a FakeClock that the program moves on by hand, so the
// waits and handling times it prints are the same on every run.
//
//   build/examples/embed_route

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "switchboard/classify/classifier.h"
#include "switchboard/clock.h"
#include "switchboard/engine.h"

namespace sb = switchboard;

namespace {

// Two departments that take work, and a triage department where a person
// decides what the engine could not.
sb::EngineConfig MakeConfig() {
  sb::EngineConfig config;
  config.skills = {"dutch", "taxes", "waste", "triage"};
  config.departments = {
      {.id = "taxes",
       .name = "Belastingen",
       .labels = {"taxes"},
       .skills = {{"taxes", 2}}},
      {.id = "waste",
       .name = "Afval",
       .labels = {"waste"},
       .skills = {{"waste", 1}}},
      {.id = "triage", .name = "Triage", .skills = {{"triage", 1}}},
  };
  // A queue with no channels takes every channel its department's other
  // queues do not: taxes has a queue for calls and one for the rest.
  config.queues = {
      {.id = "taxes-phone",
       .department = "taxes",
       .channels = {sb::Channel::kPhone}},
      {.id = "taxes-written", .department = "taxes"},
      {.id = "waste", .department = "waste"},
      {.id = "triage", .department = "triage"},
  };
  // Rules come before the model: a caller who pressed 2 in the phone menu
  // goes to waste, at a higher priority.
  config.rules = {
      {.name = "ivr-waste",
       .when = {.channels = {sb::Channel::kPhone}, .ivr_choices = {"2"}},
       .then = {.department = "waste", .priority = 5}}};
  // Below this confidence the model's guess is not trusted: triage.
  config.thresholds.triage_below = 0.6f;
  config.thresholds.triage_queue = "triage";
  // Agents start offline here and log in later (SetPresence).
  config.agents = {
      {.id = "anna",
       .name = "Anna de Vries",
       .skills = {{"dutch", 9}, {"taxes", 6}}},
      {.id = "bram",
       .name = "Bram Jansen",
       .skills = {{"dutch", 8}, {"waste", 4}, {"triage", 3}}},
  };
  return config;
}

// A real deployment trains on thousands of labelled contacts (see
// `switchboard train`); a dozen sentences are enough to show the flow.
absl::StatusOr<std::unique_ptr<sb::Classifier>> TrainTinyClassifier() {
  std::vector<sb::Example> examples;
  for (const char* text :
       {"ik wil bezwaar maken tegen mijn aanslag", "de WOZ-waarde is te hoog",
        "wanneer moet ik de gemeentelijke belasting betalen",
        "kan ik de aanslag in termijnen betalen",
        "question about my property tax assessment",
        "I want to object to the tax bill"}) {
    examples.push_back({.text = text, .label = "taxes"});
  }
  for (const char* text :
       {"de kliko is niet geleegd", "wanneer wordt het grofvuil opgehaald",
        "mijn container is kapot", "er ligt afval naast de glasbak",
        "the bin was not emptied this week",
        "when is the green waste collected"}) {
    examples.push_back({.text = text, .label = "waste"});
  }
  sb::ClassifierOptions options;
  options.parallel = false;  // Tiny data: no calibration thread needed.
  return sb::Classifier::Train(examples, options);
}

sb::Contact MakeContact(std::string id, sb::Channel channel, std::string body,
                        std::string ivr_choice = "") {
  sb::Contact c;
  c.id = std::move(id);
  c.channel = channel;
  c.body = std::move(body);
  c.ivr_choice = std::move(ivr_choice);
  return c;
}

void PrintDecision(const sb::Decision& d) {
  std::cout << absl::StrFormat("%-6s %-7s %-7s %-14s p%-2d %.2f  %s\n",
                               d.contact_id, sb::DecisionActionName(d.action),
                               d.department, d.queue, d.priority, d.confidence,
                               d.reason);
}

// Latencies are histogram summaries: within 6.25% of the true value.
double Seconds(absl::Duration d) { return absl::ToDoubleSeconds(d); }

}  // namespace

int main() {
  absl::StatusOr<std::unique_ptr<sb::Classifier>> classifier =
      TrainTinyClassifier();
  if (!classifier.ok()) {
    std::cerr << "training failed: " << classifier.status() << "\n";
    return 1;
  }

  sb::FakeClock clock;  // Must outlive the engine.
  sb::EngineOptions options;
  options.config = MakeConfig();
  options.classifier = std::move(*classifier);  // Shared, immutable.
  options.clock = &clock;
  absl::StatusOr<std::unique_ptr<sb::Engine>> created =
      sb::Engine::Create(std::move(options));
  if (!created.ok()) {  // e.g. a queue naming an unknown department
    std::cerr << "bad configuration: " << created.status() << "\n";
    return 1;
  }
  sb::Engine& engine = **created;

  // Offers reach agents as events; a desktop would be told here.
  engine.AddListener([](const sb::Event& e) {
    if (e.type == sb::EventType::kOffered) {
      std::cout << absl::StrFormat("       -> offered %s to %s\n", e.contact_id,
                                   e.agent_id);
    }
  });

  const std::vector<sb::Contact> contacts = {
      MakeContact("p-1", sb::Channel::kPhone,
                  "ja hallo, de container is weer niet geleegd", "2"),
      MakeContact("e-2", sb::Channel::kEmail,
                  "Geachte heer, ik wil bezwaar maken tegen de WOZ-waarde op "
                  "mijn aanslag.\n\nMet vriendelijke groet,\nPiet"),
      MakeContact("c-3", sb::Channel::kChat,
                  "Klant: wanneer wordt het grofvuil opgehaald?\n"
                  "Medewerker: een moment alstublieft"),
      MakeContact("l-4", sb::Channel::kLetter,
                  "Hierbij maak ik bezwaar tegen de aan-\nslag gemeentelijke "
                  "belasting."),
      MakeContact("m-5", sb::Channel::kMessaging,
                  "hoi, mag mijn hond los in het park?"),
  };

  std::cout << "Decisions (contact, action, department, queue, priority, "
               "confidence, reason):\n";
  for (const sb::Contact& c : contacts) {
    absl::StatusOr<sb::Decision> d = engine.Submit(c);
    if (!d.ok()) {  // e.g. an empty text, or a full queue
      std::cerr << "not routed: " << d.status() << "\n";
      continue;
    }
    PrintDecision(*d);
    clock.Advance(absl::Seconds(1));
  }

  // The agents log in: waiting contacts they can take are offered at once.
  std::cout << "\nAgents log in:\n";
  for (const char* agent : {"anna", "bram"}) {
    if (absl::Status s = engine.SetPresence(agent, sb::Presence::kAvailable);
        !s.ok()) {
      std::cerr << s << "\n";
      return 1;
    }
  }

  // Each agent accepts what it was offered, answers a little later, and
  // resolves it a few minutes after that. The text an agent sees is the
  // normalized one: the chat without the agent's own turn, the letter's
  // broken word joined.
  clock.Advance(absl::Seconds(10));
  std::cout << "\nHandling:\n";
  std::vector<std::string> accepted;
  for (const char* agent : {"anna", "bram"}) {
    absl::StatusOr<std::vector<sb::ContactView>> offers =
        engine.OffersFor(agent);
    if (!offers.ok()) {
      std::cerr << offers.status() << "\n";
      return 1;
    }
    for (const sb::ContactView& offer : *offers) {
      if (absl::Status s = engine.Accept(offer.id, agent); !s.ok()) {
        std::cerr << s << "\n";  // e.g. the offer timed out meanwhile
        continue;
      }
      accepted.push_back(offer.id);
      std::cout << absl::StrFormat("  %s accepted %s: %s\n", agent, offer.id,
                                   offer.text);
    }
  }
  clock.Advance(absl::Seconds(30));
  for (const std::string& id : accepted) (void)engine.FirstResponse(id);
  clock.Advance(absl::Minutes(4));
  for (const std::string& id : accepted) {
    if (absl::Status s = engine.Resolve(id, sb::Outcome::kFavourable);
        !s.ok()) {
      std::cerr << s << "\n";
    }
  }
  engine.Tick();  // Fires any timers now due (escalation, offer timeouts).

  // Statistics: counters and latencies over everything, then per queue.
  const sb::StatsSnapshot stats = engine.Stats({});
  const sb::SegmentStats& t = stats.total;
  std::cout << absl::StrFormat(
      "\nStats: received %d, routed %d, triaged %d, offered %d, accepted %d, "
      "resolved %d (%d favourable)\n",
      t.count(sb::Counter::kReceived), t.count(sb::Counter::kRouted),
      t.count(sb::Counter::kTriaged), t.count(sb::Counter::kOffered),
      t.count(sb::Counter::kAccepted), t.count(sb::Counter::kResolved),
      t.count(sb::Counter::kFavourable));
  std::cout << absl::StrFormat(
      "  wait p50 %.1f s, handle p50 %.1f s, SLA attained %.0f%%\n",
      Seconds(t.of(sb::Metric::kWait).p50),
      Seconds(t.of(sb::Metric::kHandle).p50), 100 * t.sla_attainment());
  for (const sb::SegmentStats& s : stats.segments) {
    std::cout << absl::StrFormat(
        "  %-9s %-7s received %d resolved %d\n",
        s.channel ? sb::ChannelName(*s.channel) : "all", s.department,
        s.count(sb::Counter::kReceived), s.count(sb::Counter::kResolved));
  }
  for (const sb::QueueStats& q : stats.queues) {
    if (q.waiting > 0) {
      std::cout << absl::StrFormat("  still waiting in %-14s %d\n", q.queue,
                                   q.waiting);
    }
  }
  std::cout << absl::StrFormat("  agents available %d, away %d, offline %d\n",
                               stats.agents_available, stats.agents_away,
                               stats.agents_offline);
  return t.count(sb::Counter::kReceived) == contacts.size() ? 0 : 1;
}
