#!/usr/bin/python3
# Copyright 2026 The Switchboard Authors.
"""Runs a client against a real `switchboard serve`, for ctest.

    run_with_server.py --switchboard BIN --config FILE
        [--expect REGEX]... [--expect-exit N] -- CLIENT ARGS...

Starts `BIN serve --config FILE --listen 127.0.0.1:0 --port-file F` (a free
loopback port), waits (bounded) until the server writes its port to F, runs
the client with every "{server}" in its arguments replaced by
127.0.0.1:PORT, then stops the server with SIGTERM and waits (bounded) for
it to exit. The server is always killed, whatever happens.

Exit status: the client's, unless the client exited as --expect-exit says
(default 0) and something else failed: an --expect pattern not found in the
client's output (stdout and stderr), or the server not exiting 0 on
SIGTERM. Then 1.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time


def log(message):
    print(f"run_with_server: {message}", file=sys.stderr, flush=True)


def wait_for_port(server, port_file, timeout_s):
    """The port the server wrote, or None when it exited or timed out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log(f"the server exited with status {server.returncode} "
                "before listening")
            return None
        try:
            with open(port_file, encoding="ascii") as f:
                text = f.read().strip()
            if text:
                port = int(text)
                if 0 < port < 65536:
                    return port
        except (FileNotFoundError, ValueError):
            pass  # Not written yet, or half-written: look again.
        time.sleep(0.05)
    log(f"no port in {port_file} after {timeout_s} s")
    return None


def stop(server, timeout_s):
    """SIGTERM, bounded wait, SIGKILL. Returns the exit status (None when
    the server had to be killed)."""
    if server.poll() is not None:
        return server.returncode
    server.send_signal(signal.SIGTERM)
    try:
        return server.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        log(f"the server did not exit within {timeout_s} s of SIGTERM; "
            "killing it")
        server.kill()
        server.wait()
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--switchboard", required=True,
                        help="the switchboard binary")
    parser.add_argument("--config", required=True)
    parser.add_argument("--server-arg", action="append", default=[],
                        help="one more argument for `serve` (repeatable)")
    parser.add_argument("--startup-timeout", type=float, default=120,
                        help="seconds to wait for the port (the server may "
                             "train a model first)")
    parser.add_argument("--client-timeout", type=float, default=120)
    parser.add_argument("--shutdown-timeout", type=float, default=30)
    parser.add_argument("--expect", action="append", default=[],
                        help="a regex the client's output must contain")
    parser.add_argument("--expect-exit", type=int, default=0)
    parser.add_argument("client", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    client = args.client[1:] if args.client[:1] == ["--"] else args.client
    if not client:
        parser.error("no client command after --")
    # Stopped ourselves (ctest's timeout, ^C): unwind, so that the finally
    # below kills the server and subprocess.run kills the client.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))

    with tempfile.TemporaryDirectory(prefix="switchboard-e2e-") as tmp:
        port_file = os.path.join(tmp, "port")
        server_log_path = os.path.join(tmp, "server.log")
        command = [args.switchboard, "serve", "--config", args.config,
                   "--listen", "127.0.0.1:0", "--port-file", port_file,
                   *args.server_arg]
        log(" ".join(command))
        with open(server_log_path, "w+b") as server_log:
            server = subprocess.Popen(command, stdout=server_log,
                                      stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL)
            client_status = None
            server_status = "not stopped"
            output = ""
            try:
                port = wait_for_port(server, port_file, args.startup_timeout)
                if port is not None:
                    address = f"127.0.0.1:{port}"
                    argv = [a.replace("{server}", address) for a in client]
                    log(" ".join(argv))
                    try:
                        result = subprocess.run(
                            argv, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=args.client_timeout, check=False)
                        client_status = result.returncode
                        sys.stdout.write(result.stdout.decode(errors="replace"))
                        sys.stderr.write(result.stderr.decode(errors="replace"))
                        output = (result.stdout + result.stderr).decode(
                            errors="replace")
                    except subprocess.TimeoutExpired:
                        log(f"the client did not finish within "
                            f"{args.client_timeout} s")
                server_status = stop(server, args.shutdown_timeout)
            finally:
                if server.poll() is None:
                    server.kill()
                    server.wait()
                server_log.seek(0)
                server_output = server_log.read().decode(errors="replace")

    failed = False
    if client_status is None:
        failed = True
    elif client_status != args.expect_exit:
        log(f"the client exited with status {client_status}, expected "
            f"{args.expect_exit}")
        failed = True
    for pattern in args.expect:
        if not re.search(pattern, output, re.MULTILINE):
            log(f"the client's output does not match {pattern!r}")
            failed = True
    if server_status != 0:
        log(f"the server's exit status after SIGTERM: {server_status} "
            "(expected 0)")
        failed = True
    if failed:
        sys.stderr.write("---- server output ----\n" + server_output +
                         "---- end of server output ----\n")
    if client_status is not None and client_status != args.expect_exit:
        return client_status if client_status > 0 else 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
