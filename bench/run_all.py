#!/usr/bin/python3
"""Runs every Switchboard benchmark and writes one markdown report.

Called by bench/run_all (which installs and builds first). Four parts, each
reported against a reference measured in the same run, because absolute
times drift on shared machines:

  1. stage micro-benchmarks (build/bench/switchboard_bench), with the whole
     submit path on one and two threads;
  2. the load generator against a real server on a free loopback port: Echo
     (the gRPC stack's ceiling), unary Route and RouteStream, then Route at
     half its maximum rate for the p99;
  3. Route and RouteStream with the journal off, batch-synced and
     interval-synced (bench/journal_bench.py);
  4. the classifier comparison on ../shared/data/banking77
     (bench/compare_classifiers.py).

    /usr/bin/python3 bench/run_all.py [--out bench/results.md] [--quick]
"""

import argparse
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
SWITCHBOARD = os.path.join(BUILD, "services", "switchboard")
BENCH = os.path.join(BUILD, "bench", "switchboard_bench")
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))

# The micro-benchmarks in the report: (benchmark name regex, what it is,
# target or reference note).
MICRO = [
    (r"BM_Normalize/email", "normalize an email (quotes, signature, HTML)", ""),
    (r"BM_Normalize/phone", "normalize a call transcript", ""),
    (r"BM_NormalizeSample", "normalize a sample contact (all channels)", ""),
    (r"BM_MaskPersonalData",
     "find and mask personal data in a sample contact (raw text)",
     "reference: BM_NormalizeSample"),
    (r"BM_Featurize", "featurize a BANKING77 question (hashed n-grams)", ""),
    (r"BM_Classify", "classify a BANKING77 question (77 labels)", ""),
    (r"BM_DecideAndQueue/manual_time/threads:1",
     "decide + queue a classified contact", ""),
    (r"BM_QueuePushPop/1000", "queue push + pop, 1,000 waiting", ""),
    (r"BM_AgentChoose/0", "choose an agent among 500 (longest idle)", ""),
    (r"BM_RecordLatency/real_time/threads:1", "record one latency sample", ""),
    (r"BM_SubmitFull/banking77/real_time/threads:1",
     "whole path, BANKING77 questions, 1 thread",
     "target >= 150,000/s on one core"),
    (r"BM_SubmitFull/banking77/real_time/threads:2",
     "whole path, BANKING77 questions, 2 threads", ""),
    (r"BM_SubmitFull/sample/real_time/threads:1",
     "whole path, sample contacts (emails, letters...), 1 thread", ""),
    (r"BM_SubmitFull/sample/real_time/threads:2",
     "whole path, sample contacts, 2 threads", ""),
]


def log(message):
    print(f"[run_all] {message}", file=sys.stderr, flush=True)


def machine():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return cpu, os.cpu_count()


def commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short",
                               "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def rate(x):
    """Items per second, readable."""
    if x >= 1e6:
        return f"{x / 1e6:.2f} M/s"
    if x >= 1e3:
        return f"{x / 1e3:.1f} k/s"
    return f"{x:.0f}/s"


def run_micro(quick):
    log("micro-benchmarks ...")
    pattern = "|".join(f"^{m[0]}$" for m in MICRO)
    out = os.path.join(tempfile.mkdtemp(prefix="sb-bench-"), "micro.json")
    cmd = [BENCH, f"--benchmark_filter={pattern}",
           f"--benchmark_min_time={0.2 if quick else 0.5}",
           "--benchmark_format=json", f"--benchmark_out={out}",
           "--benchmark_out_format=json"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        results = json.load(f)["benchmarks"]
    by_name = {b["name"]: b for b in results}
    rows = []
    for regex, what, note in MICRO:
        found = [b for n, b in by_name.items() if re.fullmatch(regex, n)]
        if not found:
            rows.append((regex, what, "not run", "", note))
            continue
        b = found[0]
        ips = b.get("items_per_second", 0.0)
        per_item = f"{1e9 / ips:,.0f} ns" if ips else ""
        rows.append((f"`{b['name']}`", what, rate(ips), per_item, note))
    # Scaling: two threads over one on the whole path.
    scaling = {}
    for data in ("banking77", "sample"):
        one = by_name.get(f"BM_SubmitFull/{data}/real_time/threads:1")
        two = by_name.get(f"BM_SubmitFull/{data}/real_time/threads:2")
        if one and two and one.get("items_per_second"):
            scaling[data] = two["items_per_second"] / one["items_per_second"]
    return rows, scaling, by_name


class Server:
    """`switchboard serve` on a free loopback port; stopped with SIGTERM."""

    def __init__(self, config, *extra):
        self.dir = tempfile.mkdtemp(prefix="sb-serve-")
        port_file = os.path.join(self.dir, "port")
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(
            [SWITCHBOARD, "serve", "--config", config, "--listen",
             "127.0.0.1:0", "--port-file", port_file, *extra],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError(f"server did not start; see {self.log.name}")
            time.sleep(0.05)
        with open(port_file) as f:
            self.address = f"127.0.0.1:{f.read().strip()}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def loadgen(server, contacts, out, *extra):
    """One loadgen run; its JSON report, with "exit" set to its status."""
    done = subprocess.run([SWITCHBOARD, "loadgen", "--server", server.address,
                           "--contacts", contacts, "--json", out, *extra],
                          stdout=sys.stderr)
    report = {}
    if os.path.exists(out):
        with open(out) as f:
            report = json.load(f)
    report["exit"] = done.returncode
    return report


def run_loadgen(quick):
    """Echo, Route and RouteStream at full speed, then Route at half rate.

    Each on a fresh server, so that the second run does not meet a server
    already holding the first one's contacts."""
    config = os.path.join(ROOT, "bench", "config", "loadgen.textproto")
    contacts = os.path.join(ROOT, "data", "sample", "contacts_test.csv")
    duration = "2" if quick else "5"
    tmp = tempfile.mkdtemp(prefix="sb-loadgen-")
    results = {}
    server = Server(config)
    try:
        log(f"loadgen (all modes) against {server.address} ...")
        results["full"] = loadgen(server, contacts,
                                  os.path.join(tmp, "full.json"), "--mode",
                                  "all", "--duration", duration)
    finally:
        server.stop()
    route_rate = mode_of(results["full"], "route").get("throughput", 0)
    if route_rate > 0:
        server = Server(config)
        try:
            log(f"loadgen (route at {route_rate / 2:.0f}/s) ...")
            results["half"] = loadgen(
                server, contacts, os.path.join(tmp, "half.json"), "--mode",
                "route", "--rate", str(int(route_rate / 2)), "--duration",
                duration)
        finally:
            server.stop()
    return results


def mode_of(report, name):
    """The result of one mode in a loadgen JSON report ({} if absent)."""
    for m in report.get("modes", []):
        if m.get("mode") == name:
            return m
    return {}


def loadgen_rows(results):
    full = results.get("full", {})
    echo = mode_of(full, "echo")
    rows = []
    for name, what in (("echo", "Echo (same payload size): the gRPC ceiling"),
                       ("route", "unary Route"),
                       ("stream", "RouteStream")):
        m = mode_of(full, name)
        if not m:
            continue
        ratio = ""
        if name != "echo" and echo.get("throughput"):
            ratio = f"{m['throughput'] / echo['throughput']:.0%} of echo"
        rows.append((what, rate(m["throughput"]), ms(m, "p50"), ms(m, "p99"),
                     ms(m, "p999"), ratio))
    half = mode_of(results.get("half", {}), "route")
    if half:
        rows.append(("unary Route at half its maximum rate",
                     rate(half["throughput"]), ms(half, "p50"),
                     ms(half, "p99"), ms(half, "p999"), "target p99 < 2 ms"))
    return rows


def ms(mode, key):
    v = mode.get(f"{key}_ms")
    return "" if v is None else f"{v:.3f} ms"


def run_compare(quick):
    data = os.path.join(SHARED, "banking77")
    out = os.path.join(tempfile.mkdtemp(prefix="sb-compare-"), "compare.md")
    log("classifier comparison on BANKING77 ...")
    cmd = ["/usr/bin/python3", os.path.join(ROOT, "bench",
                                            "compare_classifiers.py"),
           "--switchboard", SWITCHBOARD, "--data", data, "--out", out]
    if quick:
        cmd += ["--batch", "20000"]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        return f"Comparison not run: {done.stderr.strip().splitlines()[-1]}\n"
    with open(out) as f:
        return f.read()


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "bench",
                                                      "results.md"))
    parser.add_argument("--quick", action="store_true",
                        help="shorter runs (less stable figures)")
    args = parser.parse_args()
    for path in (SWITCHBOARD, BENCH):
        if not os.access(path, os.X_OK):
            sys.exit(f"run_all: {path} is missing: run scripts/build")
    started = time.time()
    cpu, cores = machine()
    micro, scaling, _ = run_micro(args.quick)
    try:
        loadgen = loadgen_rows(run_loadgen(args.quick))
        loadgen_error = ""
    except (subprocess.CalledProcessError, RuntimeError, OSError) as e:
        loadgen, loadgen_error = [], str(e)
    try:
        import journal_bench  # Imports this module for Server and loadgen.
        journal = journal_bench.rows(
            journal_bench.run(2 if args.quick else 5))
        journal_error = ""
    except (subprocess.CalledProcessError, RuntimeError, OSError) as e:
        journal, journal_error = [], str(e)
    compare = run_compare(args.quick)

    report = [f"## Benchmark results\n",
              f"{cpu}, {cores} cores; commit {commit()}; "
              f"{datetime.date.today().isoformat()}; `bench/run_all"
              f"{' --quick' if args.quick else ''}` "
              f"({time.time() - started:.0f} s).\n",
              "### Stages (Google Benchmark, one thread unless named)\n",
              table(["benchmark", "what", "throughput", "time per item",
                     "note"], micro)]
    if scaling:
        report.append("Two threads over one on the whole path: " + ", ".join(
            f"{k} {v:.2f}x" for k, v in scaling.items()) + ".\n")
    report.append("\n### The service over loopback (`switchboard loadgen`, "
                  "sample contacts, server and client on this machine)\n")
    if loadgen:
        report.append(table(["call", "throughput", "p50", "p99", "p99.9",
                             "ratio / target"], loadgen))
    else:
        report.append(f"Not run: {loadgen_error}\n")
    report.append("\n### Journal on versus off (`bench/journal_bench.py`, "
                  "goal: on >= 50% of off)\n")
    if journal:
        report.append(table(["call", "journal", "throughput", "p50", "p99",
                             "ratio"], journal))
    else:
        report.append(f"Not run: {journal_error}\n")
    report.append("\n" + compare)
    text = "\n".join(report)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
