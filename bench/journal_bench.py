#!/usr/bin/env python3
"""Throughput with the journal on versus off, in one run.

Starts `switchboard serve` three times on the loadgen configuration, each on
a free loopback port and each fresh: without a journal, with `--journal` and
the default policy (fdatasync per group commit), and with `--journal-sync
interval` (written to the OS per batch, fdatasync every 10 ms). Against each
it runs `switchboard loadgen --mode route` and `--mode stream` for the same
time, and reports throughput and p50/p99 with the journal-on/off ratio (the
goal: at least 50%). The journal lives in a temporary directory on the same
file system as /tmp.

    bench/journal_bench.py [--duration 5] [--out bench/journal_results.md]
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_all  # noqa: E402  (Server, loadgen, mode_of, rate, ms, table)

POLICIES = (
    ("off", []),
    ("batch (fdatasync per group commit)", ["--journal-sync", "batch"]),
    ("interval 10 ms", ["--journal-sync", "interval", "--journal-sync-ms",
                        "10"]),
)


def run(duration):
    config = os.path.join(run_all.ROOT, "bench", "config", "loadgen.textproto")
    contacts = os.path.join(run_all.ROOT, "data", "sample",
                            "contacts_test.csv")
    tmp = tempfile.mkdtemp(prefix="sb-journal-bench-")
    results = {}
    try:
        for name, flags in POLICIES:
            for mode in ("route", "stream"):
                extra = []
                if flags:
                    jdir = os.path.join(tmp, f"journal-{len(results)}")
                    extra = ["--journal", jdir, *flags]
                server = run_all.Server(config, *extra)
                try:
                    run_all.log(f"journal {name}: loadgen --mode {mode} ...")
                    report = run_all.loadgen(
                        server, contacts,
                        os.path.join(tmp, f"{len(results)}.json"), "--mode",
                        mode, "--duration", str(duration))
                finally:
                    server.stop()
                results[(name, mode)] = run_all.mode_of(report, mode)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return results


def rows(results):
    out = []
    for mode in ("route", "stream"):
        off = results.get(("off", mode), {}).get("throughput", 0)
        for name, _ in POLICIES:
            m = results.get((name, mode), {})
            if not m:
                continue
            ratio = ""
            if name != "off" and off:
                ratio = f"{m['throughput'] / off:.0%} of off"
            out.append((("unary Route" if mode == "route" else "RouteStream"),
                        name, run_all.rate(m["throughput"]),
                        run_all.ms(m, "p50"), run_all.ms(m, "p99"), ratio))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    text = ("### Journal on versus off (`bench/journal_bench.py`, goal: "
            "on >= 50% of off)\n\n" +
            run_all.table(["call", "journal", "throughput", "p50", "p99",
                           "ratio"], rows(run(args.duration))))
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
