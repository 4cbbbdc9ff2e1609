"""Media integration tests: real WebRTC stacks (libwebrtc in Node, headless Chromium, aiortc; see
docs/testing-media.md and media_peers.py) publish and subscribe through the real binary's SFU, plus
protocol checks of the `media` namespace with the plain signaling client.

The whole module runs in a private network namespace (only 127.0.0.1/::1), so the server, coturn
and every peer talk over loopback only, and the packet-loss test can drop packets without touching
the host. Figures (frames received vs expected, NACKs, freezes, timings) are printed to stderr."""

import media_peers

media_peers.reexec_in_private_netns()

import asyncio  # noqa: E402
import base64  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import unittest  # noqa: E402
import urllib.request  # noqa: E402

from media_peers import (Coturn, aiortc_peer, chromium_peers, events, firefox_peer,  # noqa: E402
                         remote_tracks, server_errors, signaling_url, wrtc_peer)
from plenum_server import PlenumServer, run_cli  # noqa: E402
from signaling_client import Client, Rest  # noqa: E402

PASSWORD = "correct horse battery staple"
FPS = 15  # the publishers' camera frame rate (wrtc --fps, aiortc, Chromium's getUserMedia frameRate)


def note(text):
    sys.stderr.write("[test_media] " + text + "\n")
    sys.stderr.flush()


def camera_window(sub, pub, rec):
    """(frames received, frames expected, window seconds) for one remote camera record.

    The publisher feeds FPS frames per second from its join until it writes its report (its source
    stops then). The subscriber counts every frame its sink (or decoder) delivers from the record's
    first frame until its own report. Both reports give `started_at` (ms since the epoch) and
    offsets in ms since then, so the measured window, in wall-clock time, is
        start = sub.started_at + rec.first_frame_ms
        end   = min(sub.started_at + (rec.ended_ms or sub.duration_ms), pub.started_at + pub.duration_ms)
    and the publisher produced FPS * (end - start) / 1000 frames in it; the subscriber's count
    includes the first frame, so it may exceed that by one.

    wrtc and aiortc feed their encoder at exactly FPS. Chromium's fake camera and encoder do not
    (under packet loss its sender went down to 7 fps on its own), so for a Chromium publisher the
    expectation is at most what its encoder sent over its whole run (outbound framesSent, read at
    its end; it started sending after the subscriber joined, so that is all in the window).
    Firefox's fake camera honours getUserMedia's frameRate 15 (15.0 fps encoded in its self-test);
    it gets the same cap from its framesSent."""
    start = sub["started_at"] + rec["first_frame_ms"]
    sub_end = sub["started_at"] + (rec["ended_ms"] if rec.get("ended_ms") is not None else sub["duration_ms"])
    end = min(sub_end, pub["started_at"] + pub["duration_ms"])
    seconds = max(0.0, (end - start) / 1000.0)
    expected = FPS * seconds
    if pub.get("peer") in ("chromium", "firefox"):
        sent = [o.get("framesSent", 0) for o in outbound(pub, "publish", "video")]
        if sent:
            expected = min(expected, float(sent[0]))
    return rec["frames"], expected, seconds


def known_publications(report, participant_id):
    """What a peer last knew `participant_id` publishes: the join_success state, then every
    publications_changed event about them, in order."""
    state = [p for p in ((report.get("media_at_join") or {}).get("publications") or [])
             if p.get("participant_id") == participant_id]
    for e in events(report, "publications_changed"):
        if e["payload"].get("participant_id") == participant_id:
            state = e["payload"]["publications"]
    return state


def inbound(report, pc, kind, mid=None):
    """The inbound-rtp entries of one kind (and mid) in a report's stats of `pc`."""
    entries = (report.get("stats") or {}).get(pc) or {}
    return [e for e in entries.get("inbound", []) if e.get("kind") == kind and (mid is None or e.get("mid") == mid)]


def outbound(report, pc, kind):
    entries = (report.get("stats") or {}).get(pc) or {}
    return [e for e in entries.get("outbound", []) if e.get("kind") == kind]


def describe(report):
    """A compact text of what went wrong in a peer report (for assertion messages)."""
    return json.dumps({k: report.get(k) for k in ("peer", "participant_id", "finished", "errors", "remote_tracks",
                                                  "published_mids", "subscribe_offers_applied", "pc_states")},
                      default=str)[:6000]


class MediaTest(unittest.TestCase):
    def setUp(self):
        self.t0 = time.monotonic()

    def tearDown(self):
        note("%s took %.1f s" % (self.id().rsplit(".", 1)[-1], time.monotonic() - self.t0))

    # ------------------------------------------------------------------------------------------
    # Set-up helpers

    def keep(self, name, report):
        """Writes a peer report to $PLENUM_TEST_KEEP_REPORTS/<test>.<name>.json when that is set."""
        where = os.environ.get("PLENUM_TEST_KEEP_REPORTS")
        if where:
            os.makedirs(where, exist_ok=True)
            with open(os.path.join(where, "%s.%s.json" % (self.id().rsplit(".", 1)[-1], name)), "w") as f:
                json.dump(report, f, indent=1)
        return report

    def server(self, config_text=""):
        s = PlenumServer(config_text).start()
        self.addCleanup(self.check_server_log, s)
        self.addCleanup(s.stop)
        return s

    def check_server_log(self, s):
        """The server's own complaints (kept for the report; sanitizer reports fail the test)."""
        lines = s.stderr_lines + s.stdout_lines
        where = os.environ.get("PLENUM_TEST_KEEP_REPORTS")
        if where:
            os.makedirs(where, exist_ok=True)
            with open(os.path.join(where, "%s.server.log" % self.id().rsplit(".", 1)[-1]), "w") as f:
                f.writelines(lines)
        bad = [line for line in lines if re.search(r"AddressSanitizer|LeakSanitizer|runtime error:", line)]
        warnings = [line.rstrip() for line in lines if re.search(r"\b(error|warn|ERROR|WARN)", line)]
        if warnings:
            note("server log warnings/errors (%d):\n  %s" % (len(warnings), "\n  ".join(warnings[-40:])))
        self.assertEqual(bad, [], "sanitizer output in the server log:\n" + "".join(lines[-200:]))

    def meeting(self, config_text="", users=("ada", "grace", "alan")):
        """A server, users (the first owns a room; the owner is a moderator) and their tokens.
        Returns (server, rest, tokens, room_id, url)."""
        s = self.server(config_text)
        for name in users:
            out = run_cli("user", "add", "--data-dir", s.data_dir, "--email", name + "@example.org",
                          "--name", name.capitalize(), "--password-stdin", input_text=PASSWORD + "\n")
            self.assertEqual(out.returncode, 0, out.stderr)
        rest = Rest(s.port)
        tokens = {name: rest.login(name + "@example.org") for name in users}
        status, created = rest.call("POST", "/api/v1/rooms", tokens[users[0]], {"name": "Council"})
        self.assertEqual(status, 201, created)
        return s, rest, tokens, created["id"], signaling_url(s.port)

    def server_dump(self, s, lines=60):
        return "".join((s.stderr_lines + s.stdout_lines)[-lines:])

    def assert_clean(self, report, s, allowed=()):
        """No error of any kind in a peer report (server error frames, failed negotiation, ...)."""
        errors = [e for e in report.get("errors", []) if e.get("where") not in allowed]
        self.assertEqual(errors, [], "errors in the %s report of %s:\n%s\nserver log:\n%s"
                         % (report.get("peer"), report.get("participant_id"), describe(report), self.server_dump(s)))

    def camera_of(self, sub, pub_id, s, source="camera"):
        recs = [r for r in remote_tracks(sub, pub_id, source, "video") if r.get("first_frame_ms") is not None]
        self.assertTrue(recs, "%s received no %s frames from %s:\n%s\nserver log:\n%s"
                        % (sub.get("participant_id"), source, pub_id, describe(sub), self.server_dump(s)))
        self.assertEqual(len(recs), 1, "several %s records of %s in one run: %s" % (source, pub_id, recs))
        return recs[0]

    def audio_of(self, sub, pub_id):
        return remote_tracks(sub, pub_id, "microphone", "audio")

    def assert_frames(self, sub, pub, s, ratio, label):
        rec = self.camera_of(sub, pub["participant_id"], s)
        got, expected, seconds = camera_window(sub, pub, rec)
        enc = outbound(pub, "publish", "video")
        note("%s: %d frames received of %.1f expected (%.1f fps x %.2f s from the first frame at %d ms) = %.1f %%; "
             "publisher encoded %s, max gap %s ms, freezes > 500 ms %s"
             % (label, got, expected, FPS, seconds, rec["first_frame_ms"], 100.0 * got / max(expected, 1e-9),
                enc[0].get("framesEncoded") if enc else "?", rec.get("max_frame_gap_ms"), rec.get("freezes")))
        self.assertGreater(seconds, 3.0, "%s: the measured window is too short (first frame at %s ms)" % (label, rec))
        self.assertGreaterEqual(got, ratio * expected, "%s: %d frames of %.1f expected (%s)" % (label, got, expected, rec))
        return rec, got, expected

    # ------------------------------------------------------------------------------------------

    def test_media_wrtc_publish_subscribe(self):
        s, rest, tokens, room, url = self.meeting()
        a = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=12)
        time.sleep(1.0)
        b = wrtc_peer(url, rest.ticket(tokens["grace"], room), seconds=11)
        ra, rb = self.keep("ada", a.wait()), self.keep("grace", b.wait())
        for r in (ra, rb):
            self.assert_clean(r, s)
            self.assertTrue(r.get("media_available"), describe(r))
            self.assertEqual(set(r.get("published_mids", {})), {"microphone", "camera"}, describe(r))
        for sub, pub, label in ((ra, rb, "ada <- grace"), (rb, ra, "grace <- ada")):
            self.assert_frames(sub, pub, s, 0.9, label + " camera")
            audio = self.audio_of(sub, pub["participant_id"])
            self.assertEqual(len(audio), 1, describe(sub))
            note("%s audio: rms %.3f (last second %.3f), %d 10 ms frames, %s Hz"
                 % (label, audio[0].get("audio_rms", 0), audio[0].get("audio_rms_recent", 0), audio[0]["frames"],
                    audio[0].get("sample_rate")))
            self.assertGreater(audio[0].get("audio_rms", 0), 0.0, audio[0])
            self.assertGreater(audio[0].get("audio_rms_recent", 0), 0.05, "the 440 Hz sine (rms 0.21) is not heard: %s" % audio[0])
            # What the subscriber knows the other one publishes (join state, then publications_changed).
            self.assertEqual(sorted((p["source"], p["muted"]) for p in known_publications(sub, pub["participant_id"])),
                             [("camera", False), ("microphone", False)], describe(sub))
            note("%s subscribe inbound video stats: %s" % (label, inbound(sub, "subscribe", "video")))
        # Grace joined a second after Ada: Ada saw Grace's publications arrive as an event, and each
        # saw the event about her own publications.
        about = lambda r, pid: [e["payload"]["publications"] for e in events(r, "publications_changed")
                                if e["payload"].get("participant_id") == pid]
        self.assertTrue(about(ra, rb["participant_id"]), events(ra, "publications_changed"))
        for r in (ra, rb):
            self.assertTrue(about(r, r["participant_id"]), events(r, "publications_changed"))
        # Both play a steady tone: the SFU's dominant-speaker detection names one of them.
        speakers = [e["payload"].get("participant_id") for e in events(ra, "active_speaker")]
        note("active speakers announced to ada: %s" % speakers)
        self.assertTrue(speakers, describe(ra))
        self.assertIn(speakers[0], (ra["participant_id"], rb["participant_id"]))
        # The operator's view of the SFU's own forwarding delay: the histogram counted the
        # forwarded packets (and replies), no more than were sent.
        text = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % s.port, timeout=10).read().decode()
        buckets = [(m.group(1), int(m.group(2))) for m in re.finditer(
            r'(?m)^plenum_media_send_delay_seconds_bucket\{worker="0",le="([^"]+)"\} (\d+)$', text)]
        sent = re.search(r'(?m)^plenum_media_packets_sent_total\{worker="0"\} (\d+)$', text)
        note("send delay (cumulative by upper bound, s): %s" % buckets)
        self.assertEqual(buckets[-1][0], "+Inf", text)
        counts = [n for _, n in buckets]
        self.assertEqual(counts, sorted(counts), "cumulative buckets never decrease")
        self.assertGreater(counts[-1], 500, "24 s of media in both directions: hundreds of timed sends")
        self.assertLessEqual(counts[-1], int(sent.group(1)))

    def test_media_three_chromium(self):
        s, rest, tokens, room, url = self.meeting()
        if os.environ.get("PLENUM_TEST_KEEP_REPORTS"):
            shots = os.path.join(os.environ["PLENUM_TEST_KEEP_REPORTS"], "three_chromium_screenshots")
        else:
            shots = tempfile.mkdtemp(prefix="plenum-shots-")
            self.addCleanup(shutil.rmtree, shots, True)
        tickets = [rest.ticket(tokens[name], room) for name in ("ada", "grace", "alan")]
        # Ada (page 0, the room's owner, so a moderator) also shares her screen.
        doc = self.keep("chromium", chromium_peers(url, tickets, seconds=14, screenshots=shots, screen_pages=(0,)).wait())
        note("chromium: %s" % doc.get("chromium"))
        pages = doc.get("pages", [])
        self.assertEqual(len(pages), 3, json.dumps(doc)[:4000])
        ids = [p.get("participant_id") for p in pages]
        self.assertEqual(len(set(ids)), 3, ids)
        for page in pages:
            self.assert_clean(page, s)
            expected_sources = {"microphone", "camera", "screen"} if page["ticket_index"] == 0 else {"microphone", "camera"}
            self.assertEqual(set(page.get("published_mids", {})), expected_sources, describe(page))
            if page["ticket_index"] != 0:
                screen = [r for r in remote_tracks(page, ids[0], "screen", "video") if r.get("first_frame_ms") is not None]
                self.assertTrue(screen, "page %d decoded no screen share from Ada: %s" % (page["ticket_index"], describe(page)))
                note("page %d <- ada screen: %d frames decoded, %sx%s" % (page["ticket_index"], screen[0]["frames"],
                                                                        screen[0].get("frame_width"), screen[0].get("frame_height")))
                self.assertGreater(screen[0]["frames"], 10, screen[0])
            for other in ids:
                if other == page["participant_id"]:
                    continue
                rec = self.camera_of(page, other, s)
                # framesDecoded is sampled every 250 ms; the first frame time has that resolution.
                window = (page["duration_ms"] - rec["first_frame_ms"]) / 1000.0
                note("page %d <- %s camera: %d frames decoded in %.1f s (%.1f fps), %sx%s"
                     % (page["ticket_index"], other[:8], rec["frames"], window, rec["frames"] / max(window, 1e-3),
                        rec.get("frame_width"), rec.get("frame_height")))
                # At least 5 s worth of 15 fps, and at least two thirds of the window.
                self.assertGreater(rec["frames"], 75, rec)
                self.assertGreater(rec["frames"], 0.66 * FPS * window, rec)
                audio = self.audio_of(page, other)
                self.assertEqual(len(audio), 1, describe(page))
                note("page %d <- %s audio: level max %.3f, energy %.4f, %d samples"
                     % (page["ticket_index"], other[:8], audio[0].get("audio_level_max", 0),
                        audio[0].get("total_audio_energy", 0), audio[0].get("samples", 0)))
                self.assertGreater(audio[0].get("audio_level_max", 0), 0.0, audio[0])
                self.assertGreater(audio[0].get("total_audio_energy", 0), 0.0, audio[0])
        pngs = sorted(f for f in (os.listdir(shots) if os.path.isdir(shots) else []) if f.endswith(".png"))
        note("screenshots in %s: %s" % (shots, pngs))
        self.assertEqual(pngs, ["page-0.png", "page-1.png", "page-2.png"])

    def test_media_aiortc_publisher(self):
        s, rest, tokens, room, url = self.meeting()
        pub = aiortc_peer(url, rest.ticket(tokens["ada"], room), subscribe=False, seconds=16)
        time.sleep(1.0)
        doc = self.keep("chromium", chromium_peers(url, [rest.ticket(tokens["grace"], room)], publish=(), seconds=12).wait())
        rp = self.keep("aiortc", pub.stop())
        pages = doc.get("pages", [])
        self.assertEqual(len(pages), 1, json.dumps(doc)[:4000])
        page = pages[0]
        self.assert_clean(rp, s)
        self.assert_clean(page, s)
        self.assertEqual(set(rp.get("published_mids", {})), {"microphone", "camera"}, describe(rp))
        rec = self.camera_of(page, rp["participant_id"], s)
        got, expected, seconds = camera_window(page, rp, rec)
        note("chromium <- aiortc camera: %d frames decoded of %.1f expected (%.2f s) = %.1f %%, %sx%s; inbound %s"
             % (got, expected, seconds, 100.0 * got / max(expected, 1e-9), rec.get("frame_width"),
                rec.get("frame_height"), inbound(page, "subscribe", "video")))
        self.assertGreater(seconds, 3.0, rec)
        # framesDecoded is sampled every 250 ms (first_frame_ms up to 250 ms late): 80 %.
        self.assertGreaterEqual(got, 0.8 * expected, rec)
        audio = self.audio_of(page, rp["participant_id"])
        self.assertEqual(len(audio), 1, describe(page))
        note("chromium <- aiortc audio: level max %.3f, energy %.4f" % (audio[0].get("audio_level_max", 0),
                                                                       audio[0].get("total_audio_energy", 0)))
        self.assertGreater(audio[0].get("audio_level_max", 0), 0.0, audio[0])
        self.assertGreater(audio[0].get("total_audio_energy", 0), 0.0, audio[0])

    def firefox_and_wrtc(self, bundle_policy):
        """Ada in Firefox ESR (headless, no driver: firefox_peer.mjs) and Grace in wrtc, both publishing
        camera and microphone. Returns (server, firefox report, wrtc report)."""
        s, rest, tokens, room, url = self.meeting()
        # --seconds of the Firefox peer count from its page's load (~2-3 s after the start here, more
        # on a busy machine); wrtc starts 2 s later and stays 2 s longer, so both cameras overlap ~10 s.
        ff = firefox_peer(url, rest.ticket(tokens["ada"], room), seconds=12, bundle_policy=bundle_policy)
        time.sleep(2.0)
        w = wrtc_peer(url, rest.ticket(tokens["grace"], room), seconds=14)
        rf, rw = self.keep("firefox", ff.wait()), self.keep("wrtc", w.wait())
        meta = rf.get("firefox") or {}
        note("firefox: %s, page loaded %s ms after spawn, bundlePolicy %s"
             % (meta.get("version"), meta.get("page_loaded_ms"), rf.get("bundle_policy")))
        for r in (rf, rw):
            self.assert_clean(r, s)
            self.assertTrue(r.get("media_available"), describe(r))
            self.assertEqual(set(r.get("published_mids", {})), {"microphone", "camera"}, describe(r))
        for pc in ("publish", "subscribe"):
            st = (rf.get("stats") or {}).get(pc) or {}
            note("firefox %s: transport %s, codecs %s, pair %s"
                 % (pc, st.get("transport"), [c.get("mimeType") for c in st.get("codecs", [])],
                    st.get("candidate_pair")))
        return s, rf, rw

    def assert_firefox_camera_published(self, s, rf, rw):
        """The SFU took Firefox's camera: its publish answer accepts the camera's mid, the others learn
        about the camera, Firefox sends VP8."""
        mid = rf["published_mids"]["camera"]
        answers = [e["sdp"] for e in rf.get("sdp", []) if (e["pc"], e["type"]) == ("publish", "answer")]
        self.assertTrue(answers, describe(rf))
        section = [sec for sec in re.split(r"(?m)^(?=m=)", answers[-1].replace("\r\n", "\n"))
                   if re.search(r"(?m)^a=mid:%s$" % re.escape(mid), sec)]
        offers = [e["sdp"] for e in rf.get("sdp", []) if (e["pc"], e["type"]) == ("publish", "offer")]
        self.assertTrue(section and not section[0].startswith("m=video 0 "),
                        "the SFU rejected Firefox's camera (mid %s) in its publish answer:\n%s\n--- Firefox's offer:\n%s"
                        % (mid, answers[-1], offers[-1] if offers else None))
        self.assertIn(("camera", False), [(p["source"], p["muted"]) for p in known_publications(rw, rf["participant_id"])],
                      "wrtc never learnt of Firefox's camera: %s" % events(rw, "publications_changed"))
        enc = outbound(rf, "publish", "video")
        note("firefox camera sent: %s (%.1f fps over its %.1f s run)"
             % (enc, (enc[0].get("framesSent", 0) if enc else 0) / max(rf["duration_ms"] / 1000.0, 1e-3),
                rf["duration_ms"] / 1000.0))
        self.assertEqual(self.video_codecs(rf, "publish", "outbound"), ["video/VP8"], describe(rf))

    def test_media_firefox(self):
        """Firefox ESR and a libwebrtc peer publish camera and microphone through the SFU; each decodes
        >= 85 % of the other's camera frames, Firefox hears wrtc's 440 Hz sine (inbound audioLevel,
        totalAudioEnergy) and wrtc hears Firefox's fake tone. Firefox uses bundlePolicy 'balanced'
        here (its offer then has a port on every m-section); max-bundle is test_media_firefox_bundle_only."""
        s, rf, rw = self.firefox_and_wrtc("balanced")
        self.assert_firefox_camera_published(s, rf, rw)
        self.assert_frames(rw, rf, s, 0.85, "wrtc <- firefox camera")
        self.assert_frames(rf, rw, s, 0.85, "firefox <- wrtc camera")
        note("firefox subscribe inbound video: %s" % inbound(rf, "subscribe", "video"))
        audio = self.audio_of(rf, rw["participant_id"])
        self.assertEqual(len(audio), 1, describe(rf))
        note("firefox <- wrtc audio: level max %.3f (last %.3f), energy %.4f, %d samples"
             % (audio[0].get("audio_level_max", 0), audio[0].get("audio_level", 0),
                audio[0].get("total_audio_energy", 0), audio[0].get("samples", 0)))
        # The sine at 0.3 of full scale: Firefox's audioLevel reads ~0.32 while it plays.
        self.assertGreater(audio[0].get("audio_level_max", 0), 0.05, audio[0])
        self.assertGreater(audio[0].get("total_audio_energy", 0), 0.0, audio[0])
        back = self.audio_of(rw, rf["participant_id"])
        self.assertEqual(len(back), 1, describe(rw))
        note("wrtc <- firefox audio: rms %.3f, %d 10 ms frames" % (back[0].get("audio_rms", 0), back[0]["frames"]))
        self.assertGreater(back[0].get("audio_rms", 0), 0.0, back[0])

    def test_media_firefox_bundle_only(self):
        """Firefox with bundlePolicy 'max-bundle' (what every other peer and most web apps use) offers
        its second m-section (the camera) as `m=video 0 ...` + `a=bundle-only` (RFC 8843 section 7.2.1:
        a bundled section that is not the offerer's tagged one). The answerer must accept it
        (RFC 8843 section 7.3.1). The SFU once rejected it with port 0 and Firefox's camera was
        silently not published; this guards the fix (and a named mid that cannot be received is
        now an error, not silence)."""
        s, rf, rw = self.firefox_and_wrtc(None)
        self.assert_firefox_camera_published(s, rf, rw)
        self.assert_frames(rw, rf, s, 0.85, "wrtc <- firefox camera (max-bundle)")
        self.assert_frames(rf, rw, s, 0.85, "firefox <- wrtc camera (max-bundle)")

    # ------------------------------------------------------------------------------------------
    # Codecs: the SFU answers VP8 first when offered, so each publisher offers only one codec
    # (setCodecPreferences, see browser_peer.js), and the subscriber must decode it.

    def video_codecs(self, report, pc, direction):
        """The mime types of a report's video RTP streams (direction "inbound" or "outbound")."""
        entries = inbound(report, pc, "video") if direction == "inbound" else outbound(report, pc, "video")
        return [e.get("codec") for e in entries]

    def sdp_rtpmaps(self, report, pc, kind):
        """'PT codec' of every m=video line's rtpmaps in the last SDP of (pc, kind) in a report."""
        entries = [e for e in report.get("sdp", []) if (e.get("pc"), e.get("type")) == (pc, kind)]
        if not entries:
            return []
        return re.findall(r"(?m)^a=rtpmap:(\d+ [^/\s]+)", "".join(
            sec for sec in re.split(r"(?m)^(?=m=)", entries[-1]["sdp"].replace("\r\n", "\n")) if sec.startswith("m=video")))

    def assert_codec_forwarded(self, sub, pub, s, mime, label):
        """pub sent `mime`, sub decoded >= 85 % of pub's frames and its inbound stats show `mime`."""
        note("%s: publish offer %s; publish answer %s; subscribe offer %s"
             % (label, self.sdp_rtpmaps(pub, "publish", "offer"), self.sdp_rtpmaps(pub, "publish", "answer"),
                self.sdp_rtpmaps(sub, "subscribe", "offer")))
        note("%s: publisher outbound %s; subscriber inbound %s"
             % (label, outbound(pub, "publish", "video"), inbound(sub, "subscribe", "video")))
        self.assertEqual(self.video_codecs(pub, "publish", "outbound"), [mime],
                         "%s: the publisher did not send %s: %s" % (label, mime, describe(pub)))
        self.assert_frames(sub, pub, s, 0.85, label)
        self.assertEqual(self.video_codecs(sub, "subscribe", "inbound"), [mime],
                         "%s: inbound video is not %s: %s" % (label, mime, inbound(sub, "subscribe", "video")))
        dec = inbound(sub, "subscribe", "video")[0]
        self.assertGreater(dec.get("keyFramesDecoded", 1), 0, dec)

    def two_wrtc_with_codec(self, codec):
        s, rest, tokens, room, url = self.meeting()
        a = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=12, video_codec=codec)
        time.sleep(1.0)
        b = wrtc_peer(url, rest.ticket(tokens["grace"], room), seconds=11, video_codec=codec)
        ra, rb = self.keep("ada", a.wait()), self.keep("grace", b.wait())
        for r in (ra, rb):
            self.assert_clean(r, s)
            self.assertEqual(r.get("video_codec_method"), "setCodecPreferences", describe(r))
        for sub, pub, label in ((ra, rb, "ada <- grace"), (rb, ra, "grace <- ada")):
            self.assert_codec_forwarded(sub, pub, s, "video/" + codec, "%s %s camera" % (label, codec))

    def test_media_codec_vp9(self):
        """Two libwebrtc peers publish VP9 only (profile 0 and 2 offered); each decodes the other."""
        self.two_wrtc_with_codec("VP9")

    def test_media_codec_av1(self):
        """Two libwebrtc peers publish AV1 only (libaom encoder, dav1d decoder in wrtc)."""
        self.two_wrtc_with_codec("AV1")

    def test_media_codec_h264(self):
        """Two Chromium pages publish H.264 only (OpenH264 encoder, FFmpeg decoder); each decodes
        the other. wrtc has no H.264, so this needs Chromium."""
        s, rest, tokens, room, url = self.meeting()
        tickets = [rest.ticket(tokens[name], room) for name in ("ada", "grace")]
        doc = self.keep("chromium", chromium_peers(url, tickets, seconds=12, video_codec="H264").wait())
        pages = doc.get("pages", [])
        self.assertEqual(len(pages), 2, json.dumps(doc)[:4000])
        for page in pages:
            self.assert_clean(page, s)
            self.assertEqual(page.get("video_codec_method"), "setCodecPreferences", describe(page))
        for sub, pub in ((pages[0], pages[1]), (pages[1], pages[0])):
            self.assert_codec_forwarded(sub, pub, s, "video/H264", "page %d <- page %d H264 camera"
                                        % (sub["ticket_index"], pub["ticket_index"]))

    def test_media_loss_nack(self):
        """5 % of every UDP packet (media, RTCP, STUN; both directions, so about 10 % end to end
        for media through the SFU) is dropped on arrival; signaling (TCP) is untouched.
        The server sends without UDP segmentation here: on loopback the nftables input hook sees a
        segmented run (a subscriber's share of a frame) as one packet and would drop it whole,
        where a real link loses single datagrams."""
        self.add_udp_loss(5)
        s, rest, tokens, room, url = self.meeting("[media]\nudp_segmentation = false\n")
        a = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=20)
        time.sleep(0.5)
        doc = self.keep("chromium", chromium_peers(url, [rest.ticket(tokens["grace"], room)], seconds=16).wait())
        ra = self.keep("wrtc", a.wait())
        self.note_udp_loss()
        self.assertEqual(len(doc.get("pages", [])), 1, json.dumps(doc)[:4000])
        page = doc["pages"][0]
        for r in (ra, page):
            self.assertEqual(server_errors(r), [], describe(r))
        self.assert_clean(ra, s)
        self.assert_clean(page, s, allowed=("audio play",))
        # Chromium receiving the wrtc camera.
        rec = self.camera_of(page, ra["participant_id"], s)
        got, expected, seconds = camera_window(page, ra, rec)
        inb = inbound(page, "subscribe", "video")
        self.assertEqual(len(inb), 1, inb)
        note("loss: chromium <- wrtc camera: %d frames decoded of %.1f expected (%.2f s) = %.1f %%; nackCount %s, "
             "retransmittedPacketsReceived %s, packetsLost %s of %s, freezeCount %s (%.2f s frozen), pliCount %s"
             % (got, expected, seconds, 100.0 * got / max(expected, 1e-9), inb[0].get("nackCount"),
                inb[0].get("retransmittedPacketsReceived"), inb[0].get("packetsLost"), inb[0].get("packetsReceived"),
                inb[0].get("freezeCount"), inb[0].get("totalFreezesDuration", 0), inb[0].get("pliCount")))
        # wrtc receiving the Chromium camera.
        rec_b = self.camera_of(ra, page["participant_id"], s)
        got_b, expected_b, seconds_b = camera_window(ra, page, rec_b)
        inb_b = inbound(ra, "subscribe", "video")
        self.assertEqual(len(inb_b), 1, inb_b)
        note("loss: wrtc <- chromium camera: %d frames of %.1f expected (%.2f s) = %.1f %%; nackCount %s, "
             "packetsLost %s of %s, freezes > 500 ms %s (max gap %s ms), pliCount %s"
             % (got_b, expected_b, seconds_b, 100.0 * got_b / max(expected_b, 1e-9), inb_b[0].get("nackCount"),
                inb_b[0].get("packetsLost"), inb_b[0].get("packetsReceived"), rec_b.get("freezes"),
                rec_b.get("max_frame_gap_ms"), inb_b[0].get("pliCount")))
        for label, r in (("wrtc", ra), ("chromium", page)):
            note("loss: %s publisher outbound video: %s" % (label, outbound(r, "publish", "video")))
        self.assertGreater(seconds, 3.0, rec)
        self.assertGreater(seconds_b, 3.0, rec_b)
        self.assertGreaterEqual(got, 0.8 * expected, rec)
        self.assertGreaterEqual(got_b, 0.8 * expected_b, rec_b)
        # The receivers asked for the lost packets, and retransmissions arrived.
        self.assertGreater(inb[0].get("nackCount", 0), 0, inb)
        self.assertGreater(inb_b[0].get("nackCount", 0), 0, inb_b)
        self.assertGreater(inb[0].get("retransmittedPacketsReceived", 0), 0, inb)

    def test_media_publisher_leaves(self):
        s, rest, tokens, room, url = self.meeting()
        sub = wrtc_peer(url, rest.ticket(tokens["grace"], room), publish=(), seconds=11)
        time.sleep(0.5)
        pub = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=10, leave_after=5)
        rp, rs = self.keep("publisher", pub.wait()), self.keep("subscriber", sub.wait())
        self.assert_clean(rp, s)
        pid = rp["participant_id"]
        # The publisher's leave (its --leave-after timer), in the subscriber's clock.
        left_at = rp["started_at"] + 5000 - rs["started_at"]
        recs = remote_tracks(rs, pid)
        self.assertEqual(sorted((r["source"], r["kind"]) for r in recs), [("camera", "video"), ("microphone", "audio")],
                         describe(rs))
        for r in recs:
            note("leave: %s %s of the leaver: %d frames, first at %s ms, ended at %s ms (left at ~%d ms)"
                 % (r["source"], r["kind"], r["frames"], r["first_frame_ms"], r["ended_ms"], left_at))
            self.assertGreater(r["frames"], 0, r)
        # publications_changed with an empty list for the leaver.
        empty = [e for e in events(rs, "publications_changed")
                 if e["payload"]["participant_id"] == pid and e["payload"]["publications"] == []]
        self.assertTrue(empty, events(rs, "publications_changed"))
        self.assertEqual(known_publications(rs, pid), [])
        # Renegotiation: an offer after the leave, without the leaver's tracks, was applied (and
        # answered) without errors.
        offers = events(rs, "subscribe_offer")
        note("leave: subscribe offers (t, version, tracks) %s, applied %d, answered version %s"
             % ([(e["t"], e["payload"]["version"], len(e["payload"]["tracks"])) for e in offers],
                rs["subscribe_offers_applied"], rs["subscribe_version"]))
        self.assertTrue([e for e in offers if e["t"] > left_at - 500], offers)
        self.assertEqual([t for t in offers[-1]["payload"]["tracks"] if t["participant_id"] == pid], [])
        last_offer = [x["sdp"] for x in rs["sdp"] if x["pc"] == "subscribe" and x["type"] == "offer"][-1]
        self.assertEqual(rs.get("errors"), [], "the subscriber failed on the offer after the leave:\n%s\nthat offer:\n%s"
                         % (describe(rs), last_offer))
        self.assertEqual(rs["subscribe_offers_applied"], len(offers))
        self.assertEqual(rs["subscribe_version"], offers[-1]["payload"]["version"])
        # The m-sections that carried the leaver are inactive or rejected now ...
        for r in recs:
            section = media_section(last_offer, r["mid"])
            if section is not None:
                self.assertTrue(re.search(r"^m=\S+ 0 ", section, re.M) or "a=inactive" in section,
                                "mid %s still active after the leave:\n%s" % (r["mid"], section))
        # ... so the subscriber's remote tracks ended, soon after the leave.
        for r in recs:
            self.assertIsNotNone(r["ended_ms"], "the leaver's %s never ended at the subscriber: %s" % (r["source"], describe(rs)))
            self.assertGreater(r["ended_ms"], left_at - 500, r)
            self.assertLess(r["ended_ms"], left_at + 4000, r)

    def test_media_relay_only_through_coturn(self):
        coturn = Coturn().start()
        self.addCleanup(coturn.stop)
        config = '[media]\nturn_urls = "%s"\nturn_secret = "%s"\n' % (coturn.url, coturn.secret)
        s, rest, tokens, room, url = self.meeting(config)
        w = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=18)
        time.sleep(0.5)
        doc = self.keep("chromium", chromium_peers(url, [rest.ticket(tokens["grace"], room)], seconds=14, relay_only=True).wait())
        rw = self.keep("wrtc", w.wait())
        self.assertEqual(len(doc.get("pages", [])), 1, json.dumps(doc)[:4000])
        page = doc["pages"][0]
        self.assert_clean(rw, s)
        self.assert_clean(page, s)
        # The server handed out TURN REST credentials for coturn, and the page used them.
        servers = (page.get("media_at_join") or {}).get("ice_servers") or page.get("ice_servers")
        note("relay: ice_servers from join_success: %s" % servers)
        self.assertEqual(page.get("ice_servers"), servers)
        turn = [x for x in servers if any(u.startswith("turn:") for u in x.get("urls", []))]
        self.assertEqual(len(turn), 1, servers)
        self.assertIn(coturn.url, turn[0]["urls"])
        username, credential = turn[0]["username"], turn[0]["credential"]
        expiry = int(username.split(":", 1)[0])
        self.assertGreater(expiry, time.time() + 60, username)
        expected = base64.b64encode(hmac.new(coturn.secret.encode(), username.encode(), hashlib.sha1).digest()).decode()
        self.assertEqual(credential, expected, "the TURN credential is not HMAC-SHA1(secret, username)")
        for pc in ("publish", "subscribe"):
            pair = ((page.get("stats") or {}).get(pc) or {}).get("candidate_pair")
            note("relay: chromium %s pair %s" % (pc, pair))
            self.assertIsNotNone(pair, "no selected pair on the %s connection: %s\nstats: %s\ncoturn:\n%s"
                                 % (pc, describe(page), (page.get("stats") or {}).get(pc), "".join(coturn.output[-60:])))
            self.assertEqual(pair["local"]["candidateType"], "relay", pair)
        rec = self.camera_of(page, rw["participant_id"], s)
        rec_w = self.camera_of(rw, page["participant_id"], s)
        got, expected, seconds = camera_window(page, rw, rec)
        got_w, expected_w, seconds_w = camera_window(rw, page, rec_w)
        note("relay: chromium <- wrtc %d frames of %.1f expected (%.2f s); wrtc <- chromium %d of %.1f (%.2f s); "
             "coturn allocations %d" % (got, expected, seconds, got_w, expected_w, seconds_w, coturn.allocations()))
        self.assertGreaterEqual(got, 0.8 * expected, rec)
        self.assertGreaterEqual(got_w, 0.8 * expected_w, rec_w)
        self.assertGreaterEqual(coturn.allocations(), 2, "".join(coturn.output[-40:]))

    def test_media_ice_tcp_when_udp_is_blocked(self):
        """A network that blocks UDP: both peers reach the SFU over ICE-TCP (RFC 6544, the SFU's
        passive candidate) and still exchange video and audio."""
        self.block_udp()
        s, rest, tokens, room, url = self.meeting()
        a = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=12)
        time.sleep(1.0)
        b = wrtc_peer(url, rest.ticket(tokens["grace"], room), seconds=11)
        ra, rb = self.keep("ada", a.wait()), self.keep("grace", b.wait())
        for r in (ra, rb):
            self.assert_clean(r, s)
            for pc in ("publish", "subscribe"):
                pair = ((r.get("stats") or {}).get(pc) or {}).get("candidate_pair")
                note("ice-tcp: %s %s pair %s" % (r["participant_id"][:8], pc, pair))
                self.assertIsNotNone(pair, describe(r))
                self.assertEqual(pair["remote"]["protocol"], "tcp", pair)
        for sub, pub, label in ((ra, rb, "ada <- grace"), (rb, ra, "grace <- ada")):
            self.assert_frames(sub, pub, s, 0.9, label + " camera over ICE-TCP")
            audio = self.audio_of(sub, pub["participant_id"])
            self.assertEqual(len(audio), 1, describe(sub))
            self.assertGreater(audio[0].get("audio_rms_recent", 0), 0.05, audio[0])

    def test_media_microphone_restriction_is_enforced(self):
        """Moderation's microphone restriction is enforced by the SFU: after Ada (moderator) allows
        only Alan, Grace's microphone is no longer forwarded (Alan hears silence), Alan's still is."""
        s, rest, tokens, room, url = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            g = wrtc_peer(url, rest.ticket(tokens["grace"], room), publish=("audio",), seconds=10)
            a = wrtc_peer(url, rest.ticket(tokens["alan"], room), publish=("audio",), seconds=10)
            ids = {}
            while len(ids) < 2:
                frame = await ada.expect("control", "joined", timeout=20)
                ids[frame["payload"]["participant"]["display_name"]] = frame["payload"]["participant"]["id"]
            await asyncio.sleep(3)
            await ada.send("moderation", "restrict_microphones", enabled=True, allowed=[ids["Alan"]])
            return ids, await asyncio.get_running_loop().run_in_executor(None, g.wait), \
                await asyncio.get_running_loop().run_in_executor(None, a.wait)

        ids, rg, ra = asyncio.run(asyncio.wait_for(scenario(), 60))
        rg, ra = self.keep("grace", rg), self.keep("alan", ra)
        for r in (rg, ra):
            self.assert_clean(r, s)
        grace_heard_by_alan = self.audio_of(ra, ids["Grace"])
        alan_heard_by_grace = self.audio_of(rg, ids["Alan"])
        self.assertEqual(len(grace_heard_by_alan), 1, describe(ra))
        self.assertEqual(len(alan_heard_by_grace), 1, describe(rg))
        note("restriction: grace->alan rms %.3f, last second %.4f; alan->grace rms %.3f, last second %.4f"
             % (grace_heard_by_alan[0].get("audio_rms", 0), grace_heard_by_alan[0].get("audio_rms_recent", 0),
                alan_heard_by_grace[0].get("audio_rms", 0), alan_heard_by_grace[0].get("audio_rms_recent", 0)))
        self.assertGreater(grace_heard_by_alan[0].get("audio_rms", 0), 0.0, "Grace was heard before the restriction")
        self.assertLess(grace_heard_by_alan[0].get("audio_rms_recent", 1), 0.01, grace_heard_by_alan[0])
        self.assertGreater(alan_heard_by_grace[0].get("audio_rms_recent", 0), 0.05, alan_heard_by_grace[0])

    def test_media_paused_video_is_not_forwarded(self):
        """Grace shows none of the others' videos from second 4 to 8 (media set_receive): Ada's
        camera stops reaching her (a frame gap of about 4 s) and comes back after she resumes it,
        while Alan, who never paused, sees no such gap. A bad mid is refused as a whole."""
        s, rest, tokens, room, url = self.meeting()
        a = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=14, subscribe=False)
        time.sleep(1.0)
        g = wrtc_peer(url, rest.ticket(tokens["grace"], room), publish=(), seconds=13,
                      extra_args=["--pause-video-after", "4:4"])
        b = wrtc_peer(url, rest.ticket(tokens["alan"], room), publish=(), seconds=13)
        ra, rg, rb = self.keep("ada", a.wait()), self.keep("grace", g.wait()), self.keep("alan", b.wait())
        for r in (ra, rg, rb):
            self.assert_clean(r, s)
        paused = self.camera_of(rg, ra["participant_id"], s)
        steady = self.camera_of(rb, ra["participant_id"], s)
        note("paused leg: max gap %s ms, freezes %s, last frame %s ms; steady leg: max gap %s ms"
             % (paused.get("max_frame_gap_ms"), paused.get("freezes"), paused.get("last_frame_ms"),
                steady.get("max_frame_gap_ms")))
        self.assertGreater(paused["max_frame_gap_ms"], 3000, paused)
        self.assertLess(paused["max_frame_gap_ms"], 6500, paused)
        self.assertGreater(paused["last_frame_ms"], 10500, "video did not come back after resuming: %s" % paused)
        self.assertLess(steady["max_frame_gap_ms"], 2000, steady)

        async def refused():
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            await alan.send("media", "set_receive", frame_id="r1", mids=["no-such-mid"], enabled=False)
            err = await alan.expect("media", "error")
            self.assertEqual((err["id"], err["payload"]["code"], err["payload"].get("field")),
                             ("r1", "not_found", "mids"), err)
            await alan.send("media", "set_receive", frame_id="r2", mids=[], enabled=False)
            err = await alan.expect("media", "error")
            self.assertEqual((err["id"], err["payload"]["code"]), ("r2", "invalid_field"), err)
            await alan.close()

        asyncio.run(asyncio.wait_for(refused(), 30))

    def test_media_ice_restart(self):
        """Ada restarts ICE on both connections mid-call (new publish offer with new credentials,
        restart_subscribe for a new subscribe offer); video keeps flowing both ways."""
        s, rest, tokens, room, url = self.meeting()
        a = wrtc_peer(url, rest.ticket(tokens["ada"], room), seconds=13, restart_ice_after=5)
        time.sleep(1.0)
        b = wrtc_peer(url, rest.ticket(tokens["grace"], room), seconds=12)
        ra, rb = self.keep("ada", a.wait()), self.keep("grace", b.wait())
        for r in (ra, rb):
            self.assert_clean(r, s)
        ufrags = lambda text: set(re.findall(r"a=ice-ufrag:(\S+)", text))
        server_ufrags = set()
        for entry in ra.get("sdp", []):
            if (entry.get("pc"), entry.get("type")) in (("publish", "answer"), ("subscribe", "offer")):
                server_ufrags |= ufrags(entry.get("sdp", ""))
        note("ice restart: server ufrags seen by ada: %d" % len(server_ufrags))
        self.assertGreaterEqual(len(server_ufrags), 3, "expected new server credentials after the restart: %s"
                                % [(e.get("pc"), e.get("type")) for e in ra.get("sdp", [])])
        for sub, pub, label in ((ra, rb, "ada <- grace"), (rb, ra, "grace <- ada")):
            self.assert_frames(sub, pub, s, 0.85, label + " camera across an ICE restart")

    def test_media_protocol_errors(self):
        s, rest, tokens, room, url = self.meeting()

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            grace = await Client.joined(s.port, rest.ticket(tokens["grace"], room))
            alan = await Client.joined(s.port, rest.ticket(tokens["alan"], room))
            media = ada.join["modules"]["media"]
            self.assertTrue(media["available"], media)
            self.assertEqual(media["presenters"], [], media)

            # Garbage SDP: invalid_sdp, and the text names the line.
            await alan.send("media", "publish", frame_id="p1", sdp="v=0\r\nthis is not sdp\r\n", camera="0")
            err = await alan.expect("media", "error")
            note("garbage sdp: %s" % err)
            self.assertEqual((err["id"], err["payload"]["code"]), ("p1", "invalid_sdp"), err)
            self.assertRegex(err["payload"]["text"], r"(?i)line|this is not sdp", err)

            # An answer to an offer that is not current: stale.
            await alan.send("media", "subscribe_answer", frame_id="s1", sdp=minimal_answer(), version=987654)
            err = await alan.expect("media", "error")
            note("wrong version: %s" % err)
            self.assertEqual((err["id"], err["payload"]["code"]), ("s1", "stale"), err)

            # set_muted without publishing anything.
            await alan.send("media", "set_muted", frame_id="m1", source="microphone", muted=True)
            err = await alan.expect("media", "error")
            self.assertEqual((err["id"], err["payload"]["code"]), ("m1", "not_allowed_now"), err)

            # Screen share: forbidden for a participant, allowed after the moderator's set_presenter.
            offer, mid = await screen_offer()
            await grace.send("media", "publish", frame_id="g1", sdp=offer, screen=mid)
            err = await grace.expect("media", "error")
            note("screen without permission: %s" % err)
            self.assertEqual((err["id"], err["payload"]["code"]), ("g1", "forbidden"), err)
            await ada.send("media", "set_presenter", frame_id="a1", participant_id=grace.participant_id, allowed=True)
            for c in (ada, grace, alan):
                ev = await c.expect("media", "presenter_changed")
                self.assertEqual(ev["payload"]["participant_id"], grace.participant_id)
                self.assertTrue(ev["payload"]["allowed"])
            await grace.send("media", "publish", frame_id="g2", sdp=offer, screen=mid)
            answer = await grace.expect("media", "publish_answer", timeout=10,
                                        where=lambda p: True)
            self.assertEqual(answer.get("id"), "g2", answer)
            sdp = answer["payload"]["sdp"]
            self.assertIn("a=ice-lite", sdp)
            self.assertIsNotNone(media_section(sdp, mid), sdp)
            self.assertIn("a=recvonly", media_section(sdp, mid), sdp)
            changed = await alan.expect("media", "publications_changed",
                                        where=lambda p: p["participant_id"] == grace.participant_id)
            self.assertEqual([(p["source"], p["muted"]) for p in changed["payload"]["publications"]],
                             [("screen", False)], changed)
            # A later joiner sees the presenter and the publication in join_success.
            late = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            self.assertIn(grace.participant_id, late.join["modules"]["media"]["presenters"])
            self.assertIn({"participant_id": grace.participant_id, "source": "screen", "muted": False},
                          late.join["modules"]["media"]["publications"])
            for c in (ada, grace, alan, late):
                await c.close()

        asyncio.run(asyncio.wait_for(scenario(), 60))

    def test_media_room_spreads_over_workers(self):
        """Two media workers, two transports of a room per worker: Ada publishes (audio, video) at
        the room's home worker with Grace's subscribe transport; Alan, Barbara and Edsger join three
        seconds later and land on the other worker, whose routers get Ada's packets over the
        in-process relay. All four decode Ada's camera and hear her; the three late ones could start
        only with a key frame asked for from the other worker (the publisher sends none on its own).
        Ada's camera unpublished at 12 s ends for all of them; /metrics shows the relay."""
        subscribers = ("grace", "alan", "barbara", "edsger")
        s, rest, tokens, room, url = self.meeting("[media]\nworkers = 2\nroom_transports_per_worker = 2\n",
                                                  users=("ada",) + subscribers)
        worker_ports = [int(m.group(1)) for line in s.stderr_lines + s.stdout_lines
                        for m in [re.search(r"media worker on UDP [0-9.]+:(\d+)", line)] if m]
        self.assertEqual(len(worker_ports), 2, self.server_dump(s))
        unpublish_at = 12
        pub = wrtc_peer(url, rest.ticket(tokens["ada"], room), subscribe=False, seconds=16,
                        unpublish_after=[(unpublish_at, "camera")])
        time.sleep(1.0)
        peers = {"grace": wrtc_peer(url, rest.ticket(tokens["grace"], room), publish=(), seconds=15)}
        time.sleep(3.0)
        for name in subscribers[1:]:
            peers[name] = wrtc_peer(url, rest.ticket(tokens[name], room), publish=(), seconds=12)
        rp = self.keep("ada", pub.wait())
        reports = {name: self.keep(name, p.wait()) for name, p in peers.items()}
        self.assert_clean(rp, s)
        pid = rp["participant_id"]

        def candidate_ports(report, pc, kind):
            return {int(p) for e in report.get("sdp", []) if (e["pc"], e["type"]) == (pc, kind)
                    for p in re.findall(r"a=candidate:\S+ 1 udp \d+ \S+ (\d+) typ host", e["sdp"])}

        home = candidate_ports(rp, "publish", "answer")
        self.assertEqual(len(home), 1, describe(rp))
        home_port = home.pop()
        other_port = [p for p in worker_ports if p != home_port][0]
        placed = {name: candidate_ports(r, "subscribe", "offer") for name, r in reports.items()}
        note("spread: worker ports %s, home %d, subscribers' ports %s" % (worker_ports, home_port, placed))
        self.assertEqual(placed["grace"], {home_port})
        for name in subscribers[1:]:
            self.assertEqual(placed[name], {other_port}, "%s is not on the other worker" % name)
        unpublished = rp["started_at"] + unpublish_at * 1000
        for name, r in reports.items():
            self.assert_clean(r, s)
            rec = self.camera_of(r, pid, s)
            note("%s (port %s) <- ada camera: %d frames, first at %s ms, ended at %s ms, max gap %s ms"
                 % (name, placed[name], rec["frames"], rec["first_frame_ms"], rec.get("ended_ms"),
                    rec.get("max_frame_gap_ms")))
            # From its first frame to the unpublish, at least half of 15 fps (a busy 2-core machine).
            window = (unpublished - r["started_at"] - rec["first_frame_ms"]) / 1000.0
            self.assertGreater(window, 3.0, rec)
            self.assertGreater(rec["frames"], 0.5 * FPS * window, rec)
            audio = self.audio_of(r, pid)
            self.assertEqual(len(audio), 1, describe(r))
            self.assertGreater(audio[0].get("audio_rms_recent", 0), 0.05, audio[0])
            # The unpublish stops the camera everywhere, on both workers.
            self.assertIsNotNone(rec.get("ended_ms"), "%s: ada's camera never ended: %s" % (name, describe(r)))
            self.assertLess(r["started_at"] + rec["ended_ms"], unpublished + 4000, rec)
            self.assertGreater(r["started_at"] + rec["ended_ms"], unpublished - 500, rec)

        res = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % s.port, timeout=10)
        text = res.read().decode()

        def metric(name):
            return {int(m.group(1)): int(float(m.group(2)))
                    for m in re.finditer(r'(?m)^%s\{worker="(\d+)"\} (\S+)$' % re.escape(name), text)}

        sent, dropped = metric("plenum_media_relay_packets_sent_total"), metric("plenum_media_relay_drops_total")
        received, wakes = metric("plenum_media_relay_packets_received_total"), metric("plenum_media_relay_wakes_total")
        keyframes = re.findall(r"(?m)^plenum_media_room_relayed_keyframe_requests_total\{[^}]*\} (\d+)$", text)
        note("relay: sent %s, dropped %s, received %s, wakes %s; relayed key frame requests %s"
             % (sent, dropped, received, wakes, keyframes))
        home_index = worker_ports.index(home_port)
        other_index = 1 - home_index
        self.assertGreater(sent[home_index], 500, text)
        self.assertEqual(sent[other_index], 0)
        # Every packet that went into a link came out on the other side (drops never entered one).
        self.assertEqual(received[other_index], sent[home_index])
        self.assertEqual(dropped[other_index], 0)
        self.assertLessEqual(wakes[home_index], sent[home_index])  # batched: at most one per packet
        self.assertTrue(keyframes and sum(int(k) for k in keyframes) >= 1, text)

    def test_media_workers_follow_the_cores(self):
        """media.workers = -1 starts one media worker per CPU core, each on its own UDP port."""
        s = self.server("[media]\nworkers = -1\n")
        ports = [m.group(1) for line in s.stderr_lines + s.stdout_lines
                 for m in [re.search(r"media worker on UDP [0-9.]+:(\d+)", line)] if m]
        self.assertEqual(len(ports), min(os.cpu_count(), 64), self.server_dump(s))
        self.assertEqual(len(set(ports)), len(ports), ports)

    def test_media_unavailable_without_workers(self):
        s, rest, tokens, room, url = self.meeting("[media]\nworkers = 0\n", users=("ada",))

        async def scenario():
            ada = await Client.joined(s.port, rest.ticket(tokens["ada"], room))
            self.assertFalse(ada.join["modules"]["media"]["available"], ada.join["modules"]["media"])
            offer, mid = await screen_offer()
            await ada.send("media", "publish", frame_id="p1", sdp=offer, camera=mid)
            err = await ada.expect("media", "error")
            self.assertEqual((err["id"], err["payload"]["code"]), ("p1", "media_unavailable"), err)
            await ada.close()

        asyncio.run(asyncio.wait_for(scenario(), 30))

    # ------------------------------------------------------------------------------------------
    # Packet loss

    def add_udp_loss(self, percent):
        """Drops `percent` % of the UDP packets arriving on any socket of this network namespace
        (nftables, input hook, random numgen). tc netem would be the usual tool, but this kernel
        is built without sch_netem (and without the prio qdisc)."""
        if not media_peers.in_private_netns():
            self.fail("packet loss needs the private network namespace (PLENUM_TEST_NO_NETNS is set or unshare failed)")
        nft = shutil.which("nft") or "/usr/sbin/nft"
        if not os.path.exists(nft):
            self.fail("nft (Debian package nftables) is not installed; the kernel has no sch_netem")
        rules = ("table inet plenum_loss {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                 "  meta l4proto udp numgen random mod 1000 < %d counter drop\n }\n}\n" % (percent * 10))
        out = subprocess.run([nft, "-f", "-"], input=rules, text=True, capture_output=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.addCleanup(subprocess.run, [nft, "delete", "table", "inet", "plenum_loss"], capture_output=True)

    def block_udp(self):
        """Drops every UDP packet in this network namespace (a network that allows only TCP)."""
        if not media_peers.in_private_netns():
            self.fail("blocking UDP needs the private network namespace (PLENUM_TEST_NO_NETNS is set or unshare failed)")
        nft = shutil.which("nft") or "/usr/sbin/nft"
        rules = ("table inet plenum_no_udp {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                 "  meta l4proto udp counter drop\n }\n}\n")
        out = subprocess.run([nft, "-f", "-"], input=rules, text=True, capture_output=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.addCleanup(subprocess.run, [nft, "delete", "table", "inet", "plenum_no_udp"], capture_output=True)

    def note_udp_loss(self):
        out = subprocess.run([shutil.which("nft") or "/usr/sbin/nft", "list", "table", "inet", "plenum_loss"],
                             text=True, capture_output=True)
        m = re.search(r"counter packets (\d+)", out.stdout)
        note("loss: UDP packets dropped: %s" % (m.group(1) if m else out.stdout + out.stderr))


def media_section(sdp, mid):
    """The m-section of `sdp` whose a=mid is `mid` (text from its m= line), or None."""
    for section in re.split(r"(?m)^(?=m=)", sdp.replace("\r\n", "\n"))[1:]:
        if re.search(r"(?m)^a=mid:%s$" % re.escape(mid), section):
            return section
    return None


def minimal_answer():
    return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n")


async def screen_offer():
    """A real sendonly video offer (aiortc, no media flows) and the mid of its m-section."""
    from aiortc import RTCPeerConnection, VideoStreamTrack
    pc = RTCPeerConnection()
    try:
        pc.addTransceiver(VideoStreamTrack(), direction="sendonly")
        await pc.setLocalDescription(await pc.createOffer())
        sdp = pc.localDescription.sdp
        return sdp, re.search(r"(?m)^a=mid:(\S+)", sdp).group(1)
    finally:
        await pc.close()


if __name__ == "__main__":
    unittest.main()
