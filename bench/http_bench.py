#!/usr/bin/env python3
"""Whole-server HTTP figures: start-up time to the first successful /healthz, wrk throughput and
p99 latency on /healthz (64 connections, 10 s), and the peak RSS of an idle server.

Usage: bench/http_bench.py PLENUM_BINARY  (make bench-http builds the release binary first)
"""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(binary, data_dir, port):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLENUM_")}
    env["PLENUM_LOG_LEVEL"] = "warn"  # no access log: measure the server, not the terminal
    return subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data_dir],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def wait_healthy(port, deadline):
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.0005)
    return False


def stop(proc):
    proc.terminate()
    proc.wait(timeout=15)


def startup_ms(binary, runs=7):
    times = []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as d:
            port = free_port()
            t0 = time.monotonic()
            proc = start(binary, d, port)
            ok = wait_healthy(port, t0 + 20)
            times.append((time.monotonic() - t0) * 1000)
            stop(proc)
            if not ok:
                sys.exit("server did not become healthy")
    return statistics.median(times), min(times), max(times)


def peak_rss_idle_kib(binary):
    with tempfile.TemporaryDirectory() as d:
        port = free_port()
        proc = start(binary, d, port)
        wait_healthy(port, time.monotonic() + 20)
        time.sleep(1.0)
        with open(f"/proc/{proc.pid}/status") as f:
            status = f.read()
        stop(proc)
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))


def wrk(binary, connections=64, seconds=10):
    with tempfile.TemporaryDirectory() as d:
        port = free_port()
        proc = start(binary, d, port)
        wait_healthy(port, time.monotonic() + 20)
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                              f"http://127.0.0.1:{port}/healthz"], capture_output=True, text=True,
                             check=True).stdout
        with open(f"/proc/{proc.pid}/status") as f:
            rss_loaded = int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1))
        stop(proc)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    return rps, float(p99.group(1)) * scale, rss_loaded, errors.group(0) if errors else "none"


def parse_wrk(out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(non2xx.group(1)) if non2xx else 0


def accounts(binary):
    """Sign-in throughput (Argon2id bound) and authenticated GET /api/v1/users/me."""
    password = "correct horse battery staple"
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([binary, "user", "add", "--data-dir", d, "--email", "bench@example.org", "--name", "Bench",
                        "--password-stdin"], input=password + "\n", text=True, check=True, capture_output=True)
        port = free_port()
        proc = start(binary, d, port)
        wait_healthy(port, time.monotonic() + 20)
        body = '{"email": "bench@example.org", "password": "%s"}' % password
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/auth/login", data=body.encode(),
                                     headers={"Content-Type": "application/json"})
        token = json.loads(urllib.request.urlopen(req, timeout=10).read())["access_token"]
        script = os.path.join(d, "login.lua")
        with open(script, "w") as f:
            f.write('wrk.method = "POST"\nwrk.body = \'%s\'\nwrk.headers["Content-Type"] = "application/json"\n' % body)
        login_out = subprocess.run(["wrk", "-t2", "-c4", "-d5s", "--latency", "-s", script,
                                    f"http://127.0.0.1:{port}/api/v1/auth/login"],
                                   capture_output=True, text=True, check=True).stdout
        event = json.dumps({"title": "Weekly", "starts_at": "2026-01-05T09:00:00", "ends_at": "2026-01-05T10:00:00",
                            "time_zone": "Europe/Berlin", "recurrence": {"rrule": "FREQ=WEEKLY;BYDAY=MO"}})
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/events", data=event.encode(),
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
        event_id = json.loads(urllib.request.urlopen(req, timeout=10).read())["id"]
        year = "from=2027-01-01T00:00:00Z&to=2028-01-01T00:00:00Z"
        instances_out = subprocess.run(["wrk", "-t2", "-c16", "-d10s", "--latency", "-H", "Authorization: Bearer " + token,
                                        f"http://127.0.0.1:{port}/api/v1/events/{event_id}/instances?{year}"],
                                       capture_output=True, text=True, check=True).stdout
        me_out = subprocess.run(["wrk", "-t2", "-c64", "-d10s", "--latency", "-H", "Authorization: Bearer " + token,
                                 f"http://127.0.0.1:{port}/api/v1/users/me"],
                                capture_output=True, text=True, check=True).stdout
        stop(proc)
    return parse_wrk(login_out), parse_wrk(me_out), parse_wrk(instances_out)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/release/plenum"
    median, lo, hi = startup_ms(binary)
    print(f"startup to first /healthz 200: median {median:.1f} ms (min {lo:.1f}, max {hi:.1f}, 7 runs)")
    print(f"peak RSS of an idle server: {peak_rss_idle_kib(binary) / 1024:.1f} MiB")
    rps, p99, rss_loaded, errors = wrk(binary)
    print(f"wrk -t2 -c64 -d10s /healthz: {rps:,.0f} requests/s, p99 latency {p99:.2f} ms, errors: {errors}")
    print(f"peak RSS after the wrk run: {rss_loaded / 1024:.1f} MiB")
    (lrps, lp99, lerr), (mrps, mp99, merr), (irps, ip99, ierr) = accounts(binary)
    print(f"wrk -t2 -c4 -d5s POST /api/v1/auth/login: {lrps:,.1f} sign-ins/s, p99 {lp99:.1f} ms, non-2xx: {lerr}")
    print(f"wrk -t2 -c64 -d10s GET /api/v1/users/me (bearer): {mrps:,.0f} requests/s, p99 {mp99:.2f} ms, "
          f"non-2xx: {merr}")
    print(f"wrk -t2 -c16 -d10s GET /api/v1/events/{{id}}/instances, one year of a weekly series (52): "
          f"{irps:,.0f} requests/s, p99 {ip99:.2f} ms, non-2xx: {ierr}")
    print(f"machine: {os.cpu_count()} cores; wrk and the server share them")


if __name__ == "__main__":
    main()
