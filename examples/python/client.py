#!/usr/bin/python3
# Copyright 2026 The Switchboard Authors.
"""A Python client of the Switchboard gRPC service.

Uses Debian's python3-grpcio and the stubs the build generates from proto/
(into build/examples/python). It plays two parts:

  * another service: routes a contact from each of seven channels and
    prints the decisions;
  * an agent's desktop: registers an agent, opens the agent's offer stream,
    sets the agent AVAILABLE, accepts the first contact offered and
    completes it;

then prints the statistics. Exits 0 when every step worked, 1 otherwise
(printing the gRPC status code and message of a failed call).

    PYTHONPATH=build/examples/python /usr/bin/python3 \\
        examples/python/client.py --server 127.0.0.1:50051

The agent's skills are those of the sample configuration
(data/sample/config.textproto); give --skills for another one.
"""

import argparse
import os
import queue
import sys
import threading
import time

import grpc

from switchboard.v1 import config_pb2
from switchboard.v1 import contact_pb2
from switchboard.v1 import service_pb2
from switchboard.v1 import service_pb2_grpc

# Every unary call gets a deadline: a server that does not answer is an
# error, not a hang.
DEADLINE_S = 10
# How long to wait for an offer, and how many extra calls to route meanwhile.
OFFER_WAIT_S = 60
MAX_EXTRA_CALLS = 25

SAMPLE_SKILLS = ("dutch,english,taxes,benefits,passports_id,housing,parking,"
                 "waste,complaints,general,triage")

# One contact per channel: (channel, subject, body, IVR choice).
CONTACTS = [
    (contact_pb2.CHANNEL_PHONE, "",
     "ja hallo, eh, ik ben mijn paspoort kwijtgeraakt op vakantie", "3"),
    (contact_pb2.CHANNEL_EMAIL, "Bezwaar aanslag",
     "Geachte heer, mevrouw,\n\nIk maak bezwaar tegen de WOZ-waarde op mijn "
     "aanslag.\n\nMet vriendelijke groet,\nJ. de Wit", ""),
    (contact_pb2.CHANNEL_CHAT, "",
     "Klant: de container is deze week niet geleegd\n"
     "Medewerker: dat spijt me, ik kijk even mee", ""),
    (contact_pb2.CHANNEL_SOCIAL, "",
     "@gemeente waarom is de kliko weer niet geleegd #afval", ""),
    (contact_pb2.CHANNEL_LETTER, "",
     "Hierbij vraag ik een parkeer-\nvergunning aan voor mijn nieuwe auto.", ""),
    (contact_pb2.CHANNEL_WEB_FORM, "",
     "Onderwerp: huurtoeslag\nVraag: ik heb een vraag over mijn uitkering "
     "en bijstand", ""),
    (contact_pb2.CHANNEL_MESSAGING, "",
     "hoi ik wil ff een klacht indienen over de behandeling aan de balie",
     ""),
]

# Calls about taxes, routed while waiting for the agent's first offer: the
# sample's agents take one call each, so soon one is left for ours.
EXTRA_CALL = "goedemiddag, ik heb een vraag over mijn aanslag gemeentelijke belastingen"


def short(enum_type, value, prefix):
    """'CHANNEL_EMAIL' -> 'EMAIL'."""
    return enum_type.Name(value).removeprefix(prefix)


def print_decision(channel, d):
    print(f"{short(contact_pb2.Channel, channel, 'CHANNEL_'):<11} "
          f"{d.contact_id:<18} "
          f"{short(service_pb2.DecisionAction, d.action, 'DECISION_ACTION_'):<12} "
          f"{d.department:<13} {d.queue:<20} p{d.priority:<3} "
          f"{d.confidence:.2f}  {d.reason}")


def route(routing, contact_id, channel, body, subject="", ivr_choice=""):
    contact = contact_pb2.Contact(id=contact_id, channel=channel, body=body,
                                  subject=subject, ivr_choice=ivr_choice)
    response = routing.Route(service_pb2.RouteRequest(contact=contact),
                             timeout=DEADLINE_S)
    print_decision(channel, response.decision)
    return response.decision


def read_offers(call, updates):
    """Runs on its own thread: every AgentUpdate of the stream into `updates`;
    then the error that ended it (if not our own cancel), then None."""
    try:
        for update in call:
            updates.put(update)
    except grpc.RpcError as e:
        if e.code() != grpc.StatusCode.CANCELLED:
            updates.put(e)
    updates.put(None)


def wait_for_offer(updates, routing, prefix):
    """The first offer on the stream. Routes more calls while none comes."""
    deadline = time.monotonic() + OFFER_WAIT_S
    extra = 0
    while time.monotonic() < deadline:
        try:
            update = updates.get(timeout=0.5)
        except queue.Empty:
            if extra < MAX_EXTRA_CALLS:
                extra += 1
                route(routing, f"{prefix}-extra{extra}",
                      contact_pb2.CHANNEL_PHONE, EXTRA_CALL)
            continue
        if update is None:
            raise RuntimeError("the offer stream ended before an offer came")
        if isinstance(update, grpc.RpcError):
            raise update
        if update.HasField("offer"):
            return update.offer
        print(f"  withdrawn: {update.withdrawn.contact_id} "
              f"({update.withdrawn.reason})")
    raise RuntimeError(f"no offer within {OFFER_WAIT_S} s")


def ms(duration):
    return duration.seconds * 1e3 + duration.nanos / 1e6


def print_stats(stats):
    t = stats.total
    c = t.counters
    print(f"\nserver totals: received {c.received}, routed {c.routed}, "
          f"triaged {c.triaged}, offered {c.offered}, accepted {c.accepted}, "
          f"resolved {c.resolved} ({c.favourable} favourable)")
    print(f"time to decide p50 {ms(t.decide.p50):.3f} ms; wait p50 "
          f"{ms(t.wait.p50):.1f} ms; handle p50 {ms(t.handle.p50):.1f} ms over "
          f"{t.handle.count} handled")
    print(f"agents: {stats.agents_available} available, {stats.agents_away} "
          f"away, {stats.agents_offline} offline")
    for q in stats.queues:
        if q.waiting:
            print(f"  waiting in {q.queue:<20} {q.waiting}")


def run(server, skills):
    prefix = f"py{os.getpid()}"
    agent_id = f"{prefix}-agent"
    with grpc.insecure_channel(server) as channel:
        routing = service_pb2_grpc.RoutingStub(channel)
        agents = service_pb2_grpc.AgentsStub(channel)

        print("Route: one contact per channel")
        for i, (ch, subject, body, ivr) in enumerate(CONTACTS):
            route(routing, f"{prefix}-{i}", ch, body, subject, ivr)

        print(f"\nAgent {agent_id}: register, stream offers, set AVAILABLE")
        agent = config_pb2.Agent(
            id=agent_id, name="Python Client",
            skills=[config_pb2.SkillLevel(skill=s, level=10) for s in skills],
            presence=config_pb2.OFFLINE)
        agents.RegisterAgent(service_pb2.RegisterAgentRequest(agent=agent),
                             timeout=DEADLINE_S)
        # A safety deadline on the stream too; we cancel it when done.
        call = agents.StreamOffers(
            service_pb2.StreamOffersRequest(agent_id=agent_id),
            timeout=OFFER_WAIT_S + 2 * DEADLINE_S)
        updates = queue.Queue()
        reader = threading.Thread(target=read_offers, args=(call, updates),
                                  daemon=True)
        reader.start()
        try:
            agents.SetPresence(
                service_pb2.SetPresenceRequest(agent_id=agent_id,
                                               presence=config_pb2.AVAILABLE),
                timeout=DEADLINE_S)
            offer = wait_for_offer(updates, routing, prefix)
            print(f"  offered {offer.contact_id} ({offer.department}, "
                  f"{offer.queue}): {offer.text[:60]}")
            agents.Accept(service_pb2.AcceptRequest(
                agent_id=agent_id, contact_id=offer.contact_id),
                timeout=DEADLINE_S)
            print(f"  accepted {offer.contact_id}")
            agents.Complete(service_pb2.CompleteRequest(
                agent_id=agent_id, contact_id=offer.contact_id,
                outcome=service_pb2.OUTCOME_FAVOURABLE), timeout=DEADLINE_S)
            print(f"  completed {offer.contact_id}: favourable")
            agents.SetPresence(
                service_pb2.SetPresenceRequest(agent_id=agent_id,
                                               presence=config_pb2.OFFLINE),
                timeout=DEADLINE_S)
        finally:
            call.cancel()
            reader.join(timeout=DEADLINE_S)

        stats = routing.GetStats(service_pb2.GetStatsRequest(),
                                 timeout=DEADLINE_S)
        print_stats(stats)
        if stats.total.counters.resolved < 1 or stats.total.handle.count < 1:
            raise RuntimeError("the statistics do not show the completed "
                               "contact")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", required=True, help="HOST:PORT")
    parser.add_argument("--skills", default=SAMPLE_SKILLS,
                        help="comma-separated skills of the agent "
                             "(default: every skill of the sample config)")
    args = parser.parse_args()
    try:
        run(args.server, [s for s in args.skills.split(",") if s])
    except grpc.RpcError as e:
        print(f"client.py: {e.code().name}: {e.details()}", file=sys.stderr)
        return 1
    except RuntimeError as e:
        print(f"client.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
