"""Real WebRTC peers for the SFU's integration tests, started as subprocesses (docs/testing-media.md).

- `wrtc_peer(...)`: libwebrtc in Node (tests/integration/webrtc/plenum_peer.mjs, npm @roamhq/wrtc).
- `chromium_peers(...)`: Debian's Chromium driven by playwright-core, one page per ticket
  (tests/integration/webrtc/chromium_peers.mjs + browser_peer.js).
- `aiortc_peer(...)`: aiortc (Debian python3-aiortc) in /usr/bin/python3 (aiortc_peer.py).
- `firefox_peer(...)`: Debian's firefox-esr, headless, without a driver: firefox_peer.mjs serves a page
  running browser_peer.js and Firefox POSTs the report back (tests/integration/webrtc/firefox_peer.mjs).
Each returns a started `PeerProcess`; `wait()` returns its JSON report (format in docs/testing-media.md).
- `Coturn`: a TURN server on 127.0.0.1 accepting TURN REST credentials (`--use-auth-secret`).
- `free_port()`, `free_udp_range()`, `turn_rest_credentials()`, `run_in_netns()`,
  `reexec_in_private_netns()`.

Everything binds 127.0.0.1 only. Processes are stopped by PID (SIGTERM, then SIGKILL).
"""

import base64
import hashlib
import hmac
import json
import os
import random
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WEBRTC_DIR = os.path.join(HERE, "webrtc")
DEBIAN_PYTHON = "/usr/bin/python3"  # sees Debian's python3-aiortc (a python3 earlier on PATH may not)
NETNS_MARK = "PLENUM_TEST_PRIVATE_NETNS"


# ------------------------------------------------------------------------------------------------
# Ports and namespaces

def free_port(kind=socket.SOCK_STREAM):
    """A port that is free on 127.0.0.1 right now (TCP by default; socket.SOCK_DGRAM for UDP)."""
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_udp_range(count=32, low=20000, high=60000, tries=50):
    """(first, last): `count` consecutive UDP ports on 127.0.0.1 that are free right now."""
    for _ in range(tries):
        first = random.randrange(low, high - count)
        socks = []
        try:
            for p in range(first, first + count):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                socks.append(s)
                s.bind(("127.0.0.1", p))
            return first, first + count - 1
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free UDP port range of %d" % count)


def in_private_netns():
    """True when this process runs in a network namespace whose only interface is loopback.
    (Asks the kernel with if_nameindex(); /sys/class/net shows the namespace sysfs was mounted in.)"""
    try:
        return [name for _, name in socket.if_nameindex()] == ["lo"]
    except OSError:
        return False


def run_in_netns(cmd, **kwargs):
    """subprocess.run(cmd) inside a new network namespace that has only loopback (up).

    Everything that must talk to each other (the Plenum server, coturn, the peers) has to run inside
    the same namespace, so this suits one-shot commands that start all of them; for a unittest
    module use reexec_in_private_netns() instead. Needs root (or `unshare -rn` rights)."""
    prefix = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    return subprocess.run(prefix + ["--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *cmd], **kwargs)


def reexec_in_private_netns():
    """Re-executes the current Python command line inside `unshare -n` with loopback up, once.

    Call it at the top of a media test module (before starting anything): the whole test process
    (the Plenum server, coturn, every peer it starts) then lives in a namespace where the only
    address is 127.0.0.1/::1, so no stack can pick a host interface or send anywhere else.
    Does nothing when already inside such a namespace, or when PLENUM_TEST_NO_NETNS=1."""
    if os.environ.get(NETNS_MARK) == "1" or os.environ.get("PLENUM_TEST_NO_NETNS") == "1" or in_private_netns():
        return
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return  # util-linux / iproute2 missing: run in the host namespace
    prefix = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    probe = subprocess.run(prefix + ["true"], capture_output=True)
    if probe.returncode != 0:
        sys.stderr.write("media_peers: cannot unshare the network namespace (%s); staying in the host's\n"
                         % probe.stderr.decode(errors="replace").strip())
        return
    argv = [sys.executable] + list(sys.orig_argv[1:])
    env = dict(os.environ)
    env[NETNS_MARK] = "1"
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvpe(prefix[0], prefix + ["--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *argv], env)


# ------------------------------------------------------------------------------------------------
# TURN

def turn_rest_credentials(secret, user_id, ttl=3600, now=None):
    """(username, credential) of the TURN REST scheme coturn's --use-auth-secret checks:
    username "<expiry unix time>:<id>", credential base64(HMAC-SHA1(secret, username))."""
    expiry = int(now if now is not None else time.time()) + int(ttl)
    username = "%d:%s" % (expiry, user_id)
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode("ascii")


def stun_binding_ok(port, host="127.0.0.1", timeout=0.3):
    """True when a STUN Binding request to host:port (UDP) gets a success response."""
    tid = secrets.token_bytes(12)
    req = struct.pack("!HHI", 0x0001, 0, 0x2112A442) + tid
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        try:
            s.sendto(req, (host, port))
            data, _ = s.recvfrom(2048)
        except OSError:
            return False
    return len(data) >= 20 and struct.unpack("!H", data[:2])[0] == 0x0101 and data[8:20] == tid


class Coturn:
    """coturn (`turnserver`) in the foreground on 127.0.0.1 with a throwaway directory.

    Accepts time-limited TURN REST credentials made with `secret` (give the same secret to the
    Plenum server's TURN settings, or use ice_server() for a peer's --ice-servers). Relays only
    between loopback addresses (--allow-loopback-peers). Use as a context manager."""

    def __init__(self, secret=None, port=None, realm="plenum.test", relay_ports=32):
        self.secret = secret or secrets.token_hex(16)
        self.port = port
        self.realm = realm
        self.relay_ports = relay_ports
        self.dir = None
        self.proc = None
        self.output = []

    @property
    def url(self):
        return "turn:127.0.0.1:%d?transport=udp" % self.port

    @property
    def urls(self):
        return [self.url, "turn:127.0.0.1:%d?transport=tcp" % self.port]

    def ice_server(self, user_id="test", ttl=3600):
        """An RTCIceServer dict with fresh TURN REST credentials."""
        username, credential = turn_rest_credentials(self.secret, user_id, ttl)
        return {"urls": [self.url], "username": username, "credential": credential}

    def start(self, timeout=10):
        binary = shutil.which("turnserver")
        if binary is None:
            raise RuntimeError("turnserver is not installed (scripts/bootstrap installs coturn)")
        self.dir = tempfile.mkdtemp(prefix="plenum-coturn-")
        if self.port is None:
            self.port = free_port(socket.SOCK_DGRAM)
        low, high = free_udp_range(self.relay_ports)
        cmd = [binary, "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
               "--listening-port=%d" % self.port, "--min-port=%d" % low, "--max-port=%d" % high,
               "--use-auth-secret", "--static-auth-secret=" + self.secret, "--realm=" + self.realm,
               "--fingerprint", "--no-cli", "--no-tls", "--no-dtls", "--allow-loopback-peers",
               "--no-multicast-peers", "--log-file=stdout", "--simple-log", "-v",
               "--userdb=" + os.path.join(self.dir, "turndb.sqlite"),
               "--pidfile=" + os.path.join(self.dir, "turnserver.pid")]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     text=True, cwd=self.dir)
        threading.Thread(target=_drain, args=(self.proc.stdout, self.output), daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("turnserver exited: " + "".join(self.output[-30:]))
            if stun_binding_ok(self.port):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("turnserver did not answer STUN in time: " + "".join(self.output[-30:]))

    def stop(self):
        _stop_process(self.proc)
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def allocations(self):
        """How many relay allocations coturn logged (a cheap proof that peers went through it)."""
        return sum(1 for line in list(self.output) if "ALLOCATE processed, success" in line)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# ------------------------------------------------------------------------------------------------
# Peer processes

def _drain(stream, sink):
    try:
        for line in stream:
            sink.append(line)
    except (ValueError, OSError):
        pass


def _stop_process(proc, grace=10):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class PeerProcess:
    """One peer subprocess writing a JSON report to a file of its own. `wait()` returns the report;
    `stop()` asks it to write its report now (SIGTERM) and returns it."""

    def __init__(self, name, cmd, cwd, seconds, env=None):
        self.name = name
        self.dir = tempfile.mkdtemp(prefix="plenum-peer-")
        self.report_path = os.path.join(self.dir, "report.json")
        self.cmd = list(cmd) + ["--report", self.report_path]
        self.seconds = seconds
        self.output = []
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True, env=full_env)
        self.pid = self.proc.pid
        threading.Thread(target=_drain, args=(self.proc.stdout, self.output), daemon=True).start()
        self._report = None

    @property
    def log(self):
        return "".join(self.output)

    def wait(self, timeout=None):
        """Waits for the peer to end (by default its --seconds plus 30 s of start-up slack, after
        which it is stopped) and returns its report (a dict; {"errors": [...]} if it wrote none)."""
        if timeout is None:
            timeout = self.seconds + 30
        try:
            self.proc.wait(timeout=max(0.0, self.started + timeout - time.monotonic()))
        except subprocess.TimeoutExpired:
            _stop_process(self.proc)
        return self.report()

    def stop(self):
        _stop_process(self.proc)
        return self.report()

    def report(self):
        if self._report is None and self.proc.poll() is not None:
            try:
                with open(self.report_path, encoding="utf-8") as f:
                    self._report = json.load(f)
            except (OSError, ValueError) as e:
                self._report = {"errors": [{"where": "report", "text": "%s wrote no report (%s, exit %s): %s"
                                            % (self.name, e, self.proc.returncode, self.log[-2000:])}]}
            shutil.rmtree(self.dir, ignore_errors=True)
        return self._report

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def signaling_url(port):
    return "ws://127.0.0.1:%d/signaling" % port


def _node():
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed (scripts/bootstrap installs it)")
    for pkg in ("@roamhq/wrtc", "ws", "playwright-core"):
        if not os.path.isdir(os.path.join(WEBRTC_DIR, "node_modules", pkg)):
            raise RuntimeError("%s is not installed: run scripts/bootstrap (npm ci in tests/integration/webrtc)" % pkg)
    return node


def _common(args, seconds, relay_only, ice_servers, leave_after, restart_ice_after):
    args += ["--seconds", str(seconds)]
    if relay_only:
        args.append("--relay-only")
    if ice_servers is not None:
        args += ["--ice-servers", json.dumps(ice_servers)]
    if leave_after is not None:
        args += ["--leave-after", str(leave_after)]
    if restart_ice_after is not None:
        args += ["--restart-ice-after", str(restart_ice_after)]
    return args


def wrtc_peer(url, ticket, publish=("audio", "video"), subscribe=True, seconds=10, relay_only=False,
              ice_servers=None, leave_after=None, restart_ice_after=None, unpublish_after=(), mute_after=(),
              video=(320, 240, 15), video_codec=None, extra_args=()):
    """A libwebrtc peer (plenum_peer.mjs). publish: subset of audio, video, screen.
    unpublish_after / mute_after: [(seconds, source), ...]. video_codec: "VP8", "VP9", "AV1" (wrtc has
    no H264): the only codec its publish offer carries for video. Returns a started PeerProcess."""
    args = [_node(), "plenum_peer.mjs", "--url", url, "--ticket", ticket, "--quiet"]
    if publish:
        args += ["--publish", ",".join(publish)]
    if subscribe:
        args.append("--subscribe")
    for at, source in unpublish_after:
        args += ["--unpublish-after", "%s:%s" % (at, source)]
    for at, source in mute_after:
        args += ["--mute-after", "%s:%s" % (at, source)]
    args += ["--width", str(video[0]), "--height", str(video[1]), "--fps", str(video[2])]
    if video_codec:
        args += ["--video-codec", video_codec]
    args = _common(args, seconds, relay_only, ice_servers, leave_after, restart_ice_after) + list(extra_args)
    return PeerProcess("wrtc peer", args, WEBRTC_DIR, seconds)


def chromium_peers(url, tickets, publish=("audio", "video"), seconds=10, screen_pages=(), relay_only=False,
                   ice_servers=None, leave_after=None, restart_ice_after=None, screenshots=None, page_url=None,
                   video_codec=None, extra_args=()):
    """One Chromium with a page per ticket (chromium_peers.mjs). The report is
    {"chromium": {launch_ms, pages_ready_ms, version}, "pages": [per-ticket report, ...]}.
    video_codec: "VP8", "VP9", "H264", "AV1": the only codec the pages' publish offers carry for video.
    Chromium needs several seconds to start on a busy machine: give `seconds` room for it."""
    args = [_node(), "chromium_peers.mjs", "--url", url, "--publish", ",".join(publish)]
    if screen_pages:
        args += ["--screen-pages", ",".join(str(i) for i in screen_pages)]
    if screenshots:
        args += ["--screenshots", screenshots]
    if page_url:
        args += ["--page-url", page_url]
    if video_codec:
        args += ["--video-codec", video_codec]
    args = _common(args, seconds, relay_only, ice_servers, leave_after, restart_ice_after) + list(extra_args)
    return PeerProcess("chromium peers", args + list(tickets), WEBRTC_DIR, seconds + 30)


def firefox_peer(url, ticket, publish=("audio", "video"), seconds=10, relay_only=False, ice_servers=None,
                 leave_after=None, restart_ice_after=None, video=(320, 240, 15), video_codec=None, bundle_policy=None,
                 extra_args=()):
    """A Firefox ESR participant (firefox_peer.mjs: a page on its own 127.0.0.1 port runs browser_peer.js
    in `firefox-esr --headless` with fake devices; no driver). `seconds` counts from the page's load,
    Firefox's start-up (~3 s, more when the machine is busy) comes on top. The report has the shape of
    the Chromium page reports with "peer": "firefox" and "firefox": {version, page_loaded_ms, ...}.
    bundle_policy: the RTCPeerConnection bundlePolicy ("max-bundle" when None, like every peer); with
    max-bundle Firefox offers every m-section after the first as port 0 + a=bundle-only (RFC 8843)."""
    if shutil.which(os.environ.get("PLENUM_FIREFOX", "firefox-esr")) is None:
        raise RuntimeError("firefox-esr is not installed (scripts/bootstrap installs it)")
    args = [_node(), "firefox_peer.mjs", "--url", url, "--ticket", ticket, "--publish", ",".join(publish)]
    args += ["--width", str(video[0]), "--height", str(video[1]), "--fps", str(video[2])]
    if video_codec:
        args += ["--video-codec", video_codec]
    if bundle_policy:
        args += ["--bundle-policy", bundle_policy]
    args = _common(args, seconds, relay_only, ice_servers, leave_after, restart_ice_after) + list(extra_args)
    return PeerProcess("firefox peer", args, WEBRTC_DIR, seconds + 30)


def aiortc_peer(url, ticket, publish=("audio", "video"), subscribe=True, seconds=10, relay_only=False,
                ice_servers=None, leave_after=None, restart_ice_after=None, extra_args=()):
    """An aiortc peer (aiortc_peer.py under Debian's /usr/bin/python3)."""
    args = [DEBIAN_PYTHON, os.path.join(HERE, "aiortc_peer.py"), "--url", url, "--ticket", ticket]
    if publish:
        args += ["--publish", ",".join(publish)]
    if subscribe:
        args.append("--subscribe")
    args = _common(args, seconds, relay_only, ice_servers, leave_after, restart_ice_after) + list(extra_args)
    return PeerProcess("aiortc peer", args, HERE, seconds)


# ------------------------------------------------------------------------------------------------
# Reading reports

def remote_tracks(report, participant_id=None, source=None, kind=None):
    """The report's remote track records matching the given filters."""
    out = []
    for rec in report.get("remote_tracks", []):
        if participant_id is not None and rec.get("participant_id") != participant_id:
            continue
        if source is not None and rec.get("source") != source:
            continue
        if kind is not None and rec.get("kind") != kind:
            continue
        out.append(rec)
    return out


def frames_from(report, participant_id, source="camera"):
    """Video frames (or 10 ms audio frames) this peer received from participant_id's source."""
    return sum(rec.get("frames", 0) for rec in remote_tracks(report, participant_id, source))


def events(report, message):
    """The media events of one kind (e.g. "publications_changed"), in order."""
    return [e for e in report.get("events", []) if e.get("message") == message]


def server_errors(report):
    return [e for e in report.get("errors", []) if e.get("where") == "server"]
