#!/usr/bin/env python3
"""SFU side-by-side benchmark (issue 7): the same load against Plenum and Janus.

For each scenario and server this starts a private network namespace (unshare -n; loopback and
a veth pair v0/v1 with 10.99.0.1 on v0, as ../shared/docs/TESTING.md describes for Janus), the
server inside it with its media on 10.99.0.1, and build/.../bench/sfu_load next to it, which
ramps the load in steps and prints one JSON object per step. Afterwards one table per scenario
compares both servers. Media (VP8 simulcast 320x180/640x360/1280x720 at 150/500/1500 kbit/s
and Opus) is encoded once with ffmpeg into the build directory.

The "added forwarding latency" is what the generator sees (its send to its receive, with its own
queueing on this 2-core machine). For Plenum the table also shows the server's own share: its
plenum_media_send_delay_seconds histogram (a datagram's kernel arrival timestamp at the worker's
socket to the send of what it caused), scraped before and after each step's window.

  bench/sfu_bench.py [--quick] [--scenarios livestream,meeting,audio] [--servers plenum,janus]
                     [--build build/h-bench] [--seconds N] [--scale F] [--json FILE]
"""
import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MEDIA_IP = "10.99.0.1"
JANUS_HTTP_PORT = 8088
PASSWORD = "quiet harbour lantern 7319"
LAYERS = [("q", "320x180", "150k"), ("h", "640x360", "500k"), ("f", "1280x720", "1500k")]
SCENARIOS = {
    "livestream": "1 → 200 livestream (one publisher: Opus + VP8 simulcast; subscribers get the 1280x720 layer)",
    "meeting": "10 × 10 meeting (10 participants each publish Opus + VP8 simulcast and receive the 9 others; more rooms of 10 to ramp)",
    "audio": "50 speakers' audio (Opus) to 300 listeners",
}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def make_media(directory):
    os.makedirs(directory, exist_ok=True)
    for name, size, rate in LAYERS:
        path = os.path.join(directory, name + ".ivf")
        if not os.path.exists(path):
            log(f"ffmpeg: VP8 {size} at {rate}bit/s -> {path}")
            subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                            f"testsrc2=size={size}:rate=30", "-t", "10", "-c:v", "libvpx", "-b:v", rate,
                            "-minrate", rate, "-maxrate", rate, "-deadline", "realtime", "-cpu-used", "8",
                            "-g", "60", "-auto-alt-ref", "0", "-lag-in-frames", "0", path + ".tmp.ivf"], check=True)
            os.rename(path + ".tmp.ivf", path)
    path = os.path.join(directory, "audio.ogg")
    if not os.path.exists(path):
        log(f"ffmpeg: Opus 32 kbit/s -> {path}")
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        "sine=frequency=440:sample_rate=48000", "-t", "10", "-c:a", "libopus", "-b:a", "32k",
                        "-ac", "2", "-frame_duration", "20", path + ".tmp.ogg"], check=True)
        os.rename(path + ".tmp.ogg", path)


# ------------------------------------------------------------------------------------------
# Inside the namespace

def setup_namespace():
    for cmd in (["ip", "link", "set", "lo", "up"], ["ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1"],
                ["ip", "addr", "add", f"{MEDIA_IP}/24", "dev", "v0"], ["ip", "link", "set", "v0", "up"],
                ["ip", "link", "set", "v1", "up"]):
        subprocess.run(cmd, check=True)


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_port(port, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def start_plenum(binary, tmp, log_level="warn"):
    config = os.path.join(tmp, "plenum.toml")
    with open(config, "w") as f:
        # One media worker (the default is one per core): the generator needs the other core of
        # this machine, and the figures stay comparable with earlier runs.
        f.write(f'[media]\nlisten_ip = "{MEDIA_IP}"\nworkers = 1\n\n[log]\nlevel = "{log_level}"\n\n[http]\nmax_connections = 20000\n')
    data = os.path.join(tmp, "data")
    subprocess.run([binary, "user", "add", "--email", "load@example.org", "--name", "Load Tool", "--password-stdin",
                    "--data-dir", data, "--config", config], input=PASSWORD + "\n", text=True, check=True,
                   stdout=subprocess.DEVNULL)
    err = open(os.path.join(tmp, "server.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data-dir", data, "--config", config],
                            stdout=subprocess.PIPE, stderr=err, text=True)
    line = proc.stdout.readline()
    at = line.find("http://127.0.0.1:")
    if at < 0:
        raise RuntimeError("plenum did not start: " + line + open(os.path.join(tmp, "server.log")).read())
    port = int(line[at + len("http://127.0.0.1:"):].split("/")[0])
    return proc, port, ["--email", "load@example.org", "--password", PASSWORD]


def start_janus(tmp):
    conf = os.path.join(tmp, "conf")
    plugins = os.path.join(tmp, "plugins")
    transports = os.path.join(tmp, "transports")
    empty = os.path.join(tmp, "empty")
    for d in (conf, plugins, transports, empty):
        os.makedirs(d)
    lib = "/usr/lib/x86_64-linux-gnu/janus"
    os.symlink(f"{lib}/plugins/libjanus_videoroom.so", os.path.join(plugins, "libjanus_videoroom.so"))
    os.symlink(f"{lib}/transports/libjanus_http.so", os.path.join(transports, "libjanus_http.so"))
    with open(os.path.join(conf, "janus.jcfg"), "w") as f:
        f.write(f'''general: {{
  configs_folder = "{conf}"
  plugins_folder = "{plugins}"
  transports_folder = "{transports}"
  events_folder = "{empty}"
  loggers_folder = "{empty}"
  debug_level = 3
  session_timeout = 60
}}
media: {{
  rtp_port_range = "20000-60000"
}}
nat: {{
  ice_enforce_list = "v0"
  ignore_mdns = true
}}
''')
    with open(os.path.join(conf, "janus.plugin.videoroom.jcfg"), "w") as f:
        f.write("general: {\n}\n")
    with open(os.path.join(conf, "janus.transport.http.jcfg"), "w") as f:
        f.write(f'''general: {{
  json = "compact"
  base_path = "/janus"
  http = true
  port = {JANUS_HTTP_PORT}
  ip = "127.0.0.1"
  https = false
}}
admin: {{
  admin_http = false
  admin_https = false
}}
''')
    err = open(os.path.join(tmp, "server.log"), "w")
    # No core file: Janus may crash when it is saturated (a 3.6 GB core landed in the working
    # directory once); the bench reports the failed step instead.
    proc = subprocess.Popen(["janus", "-F", conf, "-C", os.path.join(conf, "janus.jcfg")], stdout=err, stderr=err,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0)))
    wait_port(JANUS_HTTP_PORT)
    return proc, JANUS_HTTP_PORT, []


def log_relay_metrics(port):
    """Plenum's per-worker relay counters after the run (a room spread over several workers)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as res:
            text = res.read().decode()
    except OSError as e:
        log(f"plenum /metrics: {e}")
        return
    lines = [l for l in text.splitlines() if l.startswith(("plenum_media_relay_", "plenum_media_transports{"))]
    log("plenum workers: " + "; ".join(lines))


def inner(args):
    setup_namespace()
    tmp = tempfile.mkdtemp(prefix=f"sfu-bench-{args.inner}-")
    try:
        if args.inner == "plenum":
            proc, port, extra = start_plenum(args.plenum, tmp, args.plenum_log_level)
        else:
            proc, port, extra = start_janus(tmp)
        try:
            cmd = [args.sfu_load, "--server", args.inner, "--scenario", args.scenario, "--http-port", str(port),
                   "--media-ip", MEDIA_IP, "--media-dir", args.media, "--server-pid", str(proc.pid),
                   "--scale", str(args.scale), "--seconds", str(args.seconds)] + extra
            rc = subprocess.run(cmd).returncode
            if args.inner == "plenum" and proc.poll() is None:
                log_relay_metrics(port)
            if proc.poll() is not None:
                log(f"{args.inner} exited with {proc.returncode} during the run; its log:")
                log(open(os.path.join(tmp, "server.log")).read()[-4000:])
            elif rc != 0:
                log(f"{args.inner} log (tail):")
                log(open(os.path.join(tmp, "server.log")).read()[-3000:])
            return rc
        finally:
            stop(proc)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log("kept", tmp)


# ------------------------------------------------------------------------------------------
# Outside: run everything, print the tables

def fmt(v, digits=1):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def ms_or_none(us):
    return None if us is None else us / 1000


def summarize(steps):
    """Figures of one server in one scenario from its ramp steps."""
    if not steps:
        return None
    below = [s for s in steps if not s["saturated"]]
    ref = below[-1] if below else steps[0]  # the largest load below saturation
    top = steps[-1]
    per_core = top["forwarded_per_s"] / top["server_cores"] if top["server_cores"] > 0 else None
    return {
        "cpu_s_per_million": ref["server_cpu_s"] / ref["forwarded_packets"] * 1e6 if ref["forwarded_packets"] else None,
        "per_core": per_core,
        "per_core_note": ("saturated" if top["saturated"] else "not saturated") + f" at step {top['step']}",
        "loss": ref["loss"] * 100,
        "p50_ms": ref["latency_p50_us"] / 1000,
        "p99_ms": ref["latency_p99_us"] / 1000,
        "server_p50_ms": ms_or_none(ref.get("server_delay_p50_us")),
        "server_p99_ms": ms_or_none(ref.get("server_delay_p99_us")),
        "server_within_1ms": ref["server_delay_within_1ms"] * 100 if "server_delay_within_1ms" in ref else None,
        "ref": ref,
        "top": top,
    }


def print_table(scenario, results):
    print(f"\n## {scenario}: {SCENARIOS[scenario]}\n")
    servers = [s for s in ("plenum", "janus") if s in results]
    for server in servers:
        print(f"{server} steps: " + "; ".join(
            f"{s['publishers']} pub/{s['subscribers']} sub: {fmt(s['forwarded_per_s'], 0)} pkt/s, "
            f"loss {s['loss'] * 100:.2f} %, server {s['server_cores']:.2f} cores, machine {s['machine_busy'] * 100:.0f} %"
            f"{' (saturated)' if s['saturated'] else ''}" for s in results[server]))
    sums = {s: summarize(results[s]) for s in servers}
    rows = [
        ("server CPU-s per million forwarded packets (largest load below saturation)", "cpu_s_per_million", 2),
        ("forwarded packets/s per core (last step)", "per_core", 0),
        ("packet loss, % (same step as the first row)", "loss", 2),
        ("added forwarding latency p50, ms", "p50_ms", 3),
        ("added forwarding latency p99, ms", "p99_ms", 3),
        ("server's own send delay p50, ms (its histogram; bucket upper bound)", "server_p50_ms", 3),
        ("server's own send delay p99, ms (its histogram; bucket upper bound)", "server_p99_ms", 3),
        ("datagrams sent within 1 ms of their cause's arrival, %", "server_within_1ms", 2),
    ]
    print()
    print("| figure | Plenum | Janus | Plenum / Janus |")
    print("|---|---|---|---|")
    for label, key, digits in rows:
        vals = [sums[s][key] if sums.get(s) else None for s in ("plenum", "janus")]
        ratio = vals[0] / vals[1] if None not in vals and vals[1] else None
        print(f"| {label} | {fmt(vals[0], digits)} | {fmt(vals[1], digits)} | {fmt(ratio, 2) if ratio is not None else '—'} |")
    for s in servers:
        if sums[s]:
            r, t = sums[s]["ref"], sums[s]["top"]
            print(f"\n{s}: reference step {r['step']} ({r['publishers']} publishers, {r['subscribers']} subscribers, "
                  f"{fmt(r['forwarded_per_s'], 0)} pkt/s); per-core figure {sums[s]['per_core_note']} "
                  f"({fmt(t['forwarded_per_s'], 0)} pkt/s on {t['server_cores']:.2f} cores, machine {t['machine_busy'] * 100:.0f} % busy, "
                  f"generator {t['generator_cpu_s'] / t['seconds']:.2f} cores)")
    sys.stdout.flush()


def outer(args):
    media = os.path.join(ROOT, args.build, "sfu-media")
    make_media(media)
    all_results = {}
    failures = []
    for scenario in args.scenarios.split(","):
        results = {}
        for server in args.servers.split(","):
            log(f"== {scenario} against {server}")
            cmd = ["unshare", "-n", sys.executable, os.path.abspath(__file__), "--inner", server,
                   "--scenario", scenario, "--media", media, "--plenum", args.plenum, "--sfu-load", args.sfu_load,
                   "--scale", str(args.scale), "--seconds", str(args.seconds)] + (["--keep"] if args.keep else []) + ["--plenum-log-level", args.plenum_log_level]
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
            steps = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
            for s in steps:
                log(json.dumps(s))
            if proc.returncode != 0:
                failures.append(f"{scenario}/{server}: exit {proc.returncode} after {len(steps)} steps")
            results[server] = steps
        all_results[scenario] = results
        print_table(scenario, results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(all_results, f, indent=1)
    if failures:
        print("\nFailed runs: " + "; ".join(failures))
        return 1
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="a tenth of the participants, 4-second windows")
    p.add_argument("--scenarios", default="livestream,meeting,audio")
    p.add_argument("--servers", default="plenum,janus")
    p.add_argument("--build", default="build/h-bench")
    p.add_argument("--seconds", type=int, default=None)
    p.add_argument("--scale", type=float, default=None)
    p.add_argument("--json")
    p.add_argument("--keep", action="store_true", help="keep the servers' temporary directories (logs)")
    p.add_argument("--plenum-log-level", default="warn", help="Plenum's log.level (debug: ICE, DTLS, estimates)")
    p.add_argument("--inner")
    p.add_argument("--scenario")
    p.add_argument("--media")
    p.add_argument("--plenum")
    p.add_argument("--sfu-load")
    args = p.parse_args()
    if args.scale is None:
        args.scale = 0.1 if args.quick else 1.0
    if args.seconds is None:
        args.seconds = 4 if args.quick else 10
    if args.plenum is None:
        args.plenum = os.path.join(ROOT, args.build, "plenum")
    if args.sfu_load is None:
        args.sfu_load = os.path.join(ROOT, args.build, "bench", "sfu_load")
    if args.inner:
        return inner(args)
    return outer(args)


if __name__ == "__main__":
    sys.exit(main())
