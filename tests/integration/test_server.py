"""Integration tests: the real `plenum` binary, talked to as HTTP clients do."""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import tempfile
import threading
import time
import unittest

from plenum_server import PlenumServer, run_cli


def get(server, path, method="GET", body=None, headers=None, conn=None):
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    res = conn.getresponse()
    data = res.read()
    if own:
        conn.close()
    return res, data


def metric_value(text, name_with_labels):
    for line in text.splitlines():
        if line.startswith(name_with_labels + " "):
            return float(line.split(" ")[-1])
    return 0.0


def raw_exchange(port, payload, read_timeout=5):
    """Sends raw bytes and returns everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as s:
        s.sendall(payload)
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except (ConnectionResetError, socket.timeout):
            pass
        return b"".join(chunks)


class ServerTest(unittest.TestCase):
    def server(self, **kwargs):
        s = PlenumServer(**kwargs).start()
        self.addCleanup(s.stop)
        return s

    def assert_json_error(self, res, data, status, code):
        self.assertEqual(res.status, status, data)
        self.assertEqual(res.getheader("Content-Type"), "application/json")
        body = json.loads(data)
        self.assertEqual(body["code"], code)
        self.assertTrue(body["message"])

    # --- liveness, readiness, version ------------------------------------------------------

    def test_healthz(self):
        s = self.server()
        res, data = get(s, "/healthz")
        self.assertEqual(res.status, 200)
        self.assertEqual(json.loads(data), {"status": "ok"})
        self.assertRegex(res.getheader("X-Request-Id"), r"^[0-9a-f]{16}$")
        csp = res.getheader("Content-Security-Policy")
        self.assertIn("default-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(res.getheader("X-Content-Type-Options"), "nosniff")

    def test_readyz_reports_storage(self):
        s = self.server()
        res, data = get(s, "/readyz")
        self.assertEqual(res.status, 200)
        self.assertEqual(json.loads(data), {"status": "ready"})
        self.assertTrue(os.path.exists(os.path.join(s.data_dir, "plenum.db")))

    def test_version_endpoint_and_command(self):
        s = self.server()
        res, data = get(s, "/api/v1/version")
        self.assertEqual(res.status, 200)
        body = json.loads(data)
        self.assertEqual(body["name"], "Plenum")
        out = run_cli("version")
        self.assertEqual(out.returncode, 0)
        self.assertEqual(out.stdout.strip(), "plenum " + body["version"])

    def test_head_has_length_but_no_body(self):
        s = self.server()
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
        conn.request("HEAD", "/healthz")
        res = conn.getresponse()
        self.assertEqual(res.status, 200)
        self.assertEqual(res.getheader("Content-Length"), "15")
        self.assertEqual(res.read(), b"")
        conn.request("GET", "/healthz")  # same connection still usable
        self.assertEqual(conn.getresponse().read(), b'{"status":"ok"}')
        conn.close()

    # --- metrics ------------------------------------------------------------------------------

    def test_metrics_counters_move_after_requests(self):
        s = self.server()
        series = 'plenum_http_requests_total{route="/healthz",method="GET",status="200"}'
        _, before = get(s, "/metrics")
        for _ in range(3):
            get(s, "/healthz")
        get(s, "/api/v1/nothing")
        res, after = get(s, "/metrics")
        self.assertEqual(res.status, 200)
        self.assertTrue(res.getheader("Content-Type").startswith("text/plain; version=0.0.4"))
        text = after.decode()
        self.assertEqual(metric_value(text, series) - metric_value(before.decode(), series), 3)
        self.assertEqual(metric_value(
            text, 'plenum_http_requests_total{route="unmatched",method="GET",status="404"}'), 1)
        self.assertGreaterEqual(
            metric_value(text, 'plenum_http_request_duration_seconds_count{route="/healthz"}'), 3)
        self.assertGreater(metric_value(text, "process_resident_memory_bytes"), 1e6)
        self.assertGreater(metric_value(text, "process_open_fds"), 3)
        self.assertGreaterEqual(metric_value(text, "process_cpu_seconds_total"), 0)

    def test_metrics_bearer_token(self):
        token = "scrape-token-0123456789"
        s = self.server(env={"PLENUM_METRICS_BEARER_TOKEN": token})
        res, data = get(s, "/metrics")
        self.assert_json_error(res, data, 401, "unauthenticated")
        res, data = get(s, "/metrics", headers={"Authorization": "Bearer wrong-token-0123456789"})
        self.assertEqual(res.status, 401)
        res, data = get(s, "/metrics", headers={"Authorization": "Bearer " + token})
        self.assertEqual(res.status, 200)
        self.assertIn(b"plenum_http_requests_total", data)
        self.assertNotIn(token, "".join(s.stderr_lines))

    def test_access_log_has_requests_but_no_query_or_credentials(self):
        s = self.server()
        get(s, "/healthz?access_token=query-secret-123", headers={
            "Authorization": "Bearer header-secret-456", "Cookie": "session=cookie-secret-789",
            "X-Request-Id": "trace-me-1"})
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any("trace-me-1" in l for l in s.stderr_lines):
            time.sleep(0.05)
        log = "".join(s.stderr_lines)
        self.assertRegex(log, r"GET /healthz route=/healthz status=200 .* id=trace-me-1 peer=127\.0\.0\.1")
        for secret in ["query-secret-123", "header-secret-456", "cookie-secret-789", "access_token"]:
            self.assertNotIn(secret, log)

    # --- web app ------------------------------------------------------------------------------

    def make_web_root(self):
        root = tempfile.mkdtemp(prefix="plenum-web-")
        self.addCleanup(shutil.rmtree, root)
        os.makedirs(os.path.join(root, "assets"))
        with open(os.path.join(root, "index.html"), "w") as f:
            f.write("<!doctype html><title>Plenum</title><div id=root></div>")
        with open(os.path.join(root, "assets", "index-3f2a1b.js"), "w") as f:
            f.write("console.log('plenum')")
        return root

    def test_static_files_and_spa_fallback(self):
        s = self.server(web_root=self.make_web_root())
        res, data = get(s, "/assets/index-3f2a1b.js")
        self.assertEqual(res.status, 200)
        self.assertEqual(data, b"console.log('plenum')")
        self.assertEqual(res.getheader("Content-Type"), "text/javascript; charset=utf-8")
        self.assertIn("immutable", res.getheader("Cache-Control"))
        for path in ["/", "/meetings/abc", "/settings?tab=profile"]:
            res, data = get(s, path)
            self.assertEqual(res.status, 200, path)
            self.assertIn(b"<title>Plenum</title>", data)
            self.assertEqual(res.getheader("Cache-Control"), "no-cache")
        res, data = get(s, "/assets/missing-000.js")
        self.assert_json_error(res, data, 404, "not_found")

    def test_unknown_api_path_is_json_404_never_html(self):
        s = self.server(web_root=self.make_web_root())
        for path in ["/api/v1/nothing-here", "/api/v2/version", "/api"]:
            res, data = get(s, path)
            self.assert_json_error(res, data, 404, "not_found")
        res, data = get(s, "/api/v1/version", method="DELETE")
        self.assert_json_error(res, data, 405, "method_not_allowed")
        self.assertEqual(res.getheader("Allow"), "GET, HEAD")

    def test_path_traversal_is_refused(self):
        s = self.server(web_root=self.make_web_root())
        reply = raw_exchange(s.port, b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply[:80])
        self.assertNotIn(b"root:", reply)

    # --- limits and malformed input -----------------------------------------------------------

    def test_oversize_body_is_413(self):
        s = self.server(config_text='[http]\nmax_body_bytes = "1KiB"\n')
        res, data = get(s, "/api/v1/version", method="POST", body=b"x" * 1025)
        self.assert_json_error(res, data, 413, "payload_too_large")
        res, data = get(s, "/api/v1/version", method="POST", body=b"x" * 1024)
        self.assertEqual(res.status, 405)  # within the limit: reaches the router
        # Announced but not sent: refused from the headers alone.
        reply = raw_exchange(s.port, b"POST /api/v1/version HTTP/1.1\r\nHost: x\r\n"
                                     b"Content-Length: 999999999\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:80])
        self.assertEqual(get(s, "/healthz")[0].status, 200)

    def test_malformed_http_is_400_and_server_keeps_serving(self):
        s = self.server()
        for garbage in [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                        b"GET / HTTP/1.1\r\nBad Header Line\r\n\r\n",
                        b"GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64]:
            reply = raw_exchange(s.port, garbage)
            self.assertTrue(reply.startswith(b"HTTP/1.1 400"), (garbage, reply[:80]))
            self.assertIn(b'"code":"bad_request"', reply)
        res, _ = get(s, "/healthz")
        self.assertEqual(res.status, 200)
        _, metrics = get(s, "/metrics")
        self.assertGreaterEqual(
            metric_value(metrics.decode(), 'plenum_http_read_errors_total{status="400"}'), 5)

    def test_oversize_headers_are_431(self):
        s = self.server(config_text='[http]\nmax_header_bytes = "2KiB"\n')
        reply = raw_exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 4096 + b"\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 431"), reply[:80])
        self.assertEqual(get(s, "/healthz")[0].status, 200)

    def test_slow_request_headers_time_out_with_408(self):
        s = self.server(config_text='[http]\nheader_timeout = "300ms"\n')
        with socket.create_connection(("127.0.0.1", s.port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finishes
            start = time.monotonic()
            reply = sock.recv(65536)
            elapsed = time.monotonic() - start
        self.assertTrue(reply.startswith(b"HTTP/1.1 408"), reply[:80])
        self.assertLess(elapsed, 3)

    def test_idle_keepalive_connection_is_closed_after_idle_timeout(self):
        s = self.server(config_text='[http]\nidle_timeout = "300ms"\n')
        with socket.create_connection(("127.0.0.1", s.port), timeout=5) as sock:
            self.assertEqual(sock.recv(10), b"")  # closed by the server, no response

    def test_200_concurrent_keepalive_connections(self):
        s = self.server()
        conns = [http.client.HTTPConnection("127.0.0.1", s.port, timeout=20) for _ in range(200)]
        for c in conns:
            c.connect()  # all 200 open at the same time
        results = []
        lock = threading.Lock()

        def work(conn):
            statuses = []
            for _ in range(3):  # several requests on each kept-alive connection
                conn.request("GET", "/healthz")
                res = conn.getresponse()
                res.read()
                statuses.append(res.status)
            with lock:
                results.append(statuses)

        threads = [threading.Thread(target=work, args=(c,)) for c in conns]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        _, metrics = get(s, "/metrics")
        for c in conns:
            c.close()
        self.assertEqual(len(results), 200)
        self.assertTrue(all(r == [200, 200, 200] for r in results))
        self.assertEqual(metric_value(metrics.decode(), "plenum_http_connections_total"), 201)

    def test_connection_limit_answers_503(self):
        s = self.server(config_text="[http]\nmax_connections = 3\n")
        held = [socket.create_connection(("127.0.0.1", s.port), timeout=5) for _ in range(3)]
        self.addCleanup(lambda: [h.close() for h in held])
        time.sleep(0.2)  # let the server register them
        reply = raw_exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 503"), reply[:80])
        self.assertIn(b'"code":"too_many_connections"', reply)
        for h in held:
            h.close()
        time.sleep(0.3)
        self.assertEqual(get(s, "/healthz")[0].status, 200)

    # --- shutdown -----------------------------------------------------------------------------

    def test_sigterm_finishes_in_flight_request_and_exits_0(self):
        s = PlenumServer().start()
        self.addCleanup(s.stop)
        idle = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        busy = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        body = b'{"name": "in flight"}'
        busy.sendall(b"POST /api/v1/version HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:5])
        time.sleep(0.3)
        start = time.monotonic()
        s.signal(signal.SIGTERM)
        # The idle keep-alive connection is closed at once.
        self.assertEqual(idle.recv(10), b"")
        # New connections are refused once the listener is closed.
        time.sleep(0.3)
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", s.port), timeout=2)
        self.assertIsNone(s.proc.poll(), "server exited while a request was in flight")
        busy.sendall(body[5:])
        reply = b""
        while True:
            chunk = busy.recv(65536)
            if not chunk:
                break
            reply += chunk
        self.assertTrue(reply.startswith(b"HTTP/1.1 405"), reply[:80])
        self.assertIn(b"Connection: close", reply)
        self.assertEqual(s.wait(timeout=10), 0)
        self.assertLess(time.monotonic() - start, 10)

    def test_sigint_with_nothing_in_flight_exits_promptly(self):
        s = PlenumServer().start()
        self.addCleanup(s.stop)
        start = time.monotonic()
        s.signal(signal.SIGINT)
        self.assertEqual(s.wait(timeout=10), 0)
        self.assertLess(time.monotonic() - start, 2)

    # --- configuration and CLI ----------------------------------------------------------------

    def test_misspelled_config_key_exits_nonzero_naming_the_key(self):
        with tempfile.TemporaryDirectory() as d:
            cfg = os.path.join(d, "plenum.toml")
            with open(cfg, "w") as f:
                f.write("[http]\nmax_bodybytes = 2048\n")
            out = run_cli("serve", "--config", cfg, "--listen", "127.0.0.1:0",
                          "--data-dir", os.path.join(d, "data"))
            self.assertEqual(out.returncode, 2)
            self.assertIn('unknown key "http.max_bodybytes"', out.stderr)
            self.assertIn('did you mean "http.max_body_bytes"', out.stderr)
            self.assertNotIn("is running", out.stdout)
            self.assertFalse(os.path.exists(os.path.join(d, "data")), "started before validating")

    def test_bad_environment_value_exits_nonzero(self):
        out = run_cli("serve", "--listen", "127.0.0.1:0", env={"PLENUM_HTTP_IDLE_TIMEOUT": "forever"})
        self.assertEqual(out.returncode, 2)
        self.assertIn("PLENUM_HTTP_IDLE_TIMEOUT", out.stderr)
        self.assertIn("expected a duration", out.stderr)

    def test_check_config_masks_secrets(self):
        out = run_cli("check-config", "--listen", "127.0.0.1:9999",
                      env={"PLENUM_METRICS_BEARER_TOKEN": "very-secret-token-42"})
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertNotIn("very-secret-token-42", out.stdout)
        self.assertIn('bearer_token = "********"', out.stdout)
        self.assertIn('listen = "127.0.0.1:9999"  # flag --listen', out.stdout)

    def test_migrate_command_on_fresh_and_migrated_database(self):
        with tempfile.TemporaryDirectory() as d:
            first = run_cli("migrate", "--data-dir", d)
            self.assertEqual(first.returncode, 0, first.stderr)
            m = re.search(r"migrated database from schema version 0 to (\d+): 0001_settings 0002_users", first.stdout)
            self.assertIsNotNone(m, first.stdout)
            second = run_cli("migrate", "--data-dir", d)
            self.assertEqual(second.returncode, 0, second.stderr)
            self.assertIn("up to date at schema version " + m.group(1), second.stdout)

    def test_port_in_use_is_a_clear_error(self):
        s = self.server()
        with tempfile.TemporaryDirectory() as d:
            out = run_cli("serve", "--listen", "127.0.0.1:%d" % s.port, "--data-dir", d)
        self.assertEqual(out.returncode, 1)
        self.assertIn("cannot listen on 127.0.0.1:%d" % s.port, out.stderr)

    def test_user_cli_add_list_disable(self):
        with tempfile.TemporaryDirectory() as d:
            out = run_cli("user", "add", "--data-dir", d, "--email", "Ada@Example.org", "--name", "Ada Lovelace",
                          "--password-stdin", "--admin", input_text="correct horse battery staple\n")
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("created administrator ada@example.org (Ada Lovelace)", out.stdout)
            again = run_cli("user", "add", "--data-dir", d, "--email", "ada@example.org", "--name", "Ada",
                            "--password-stdin", input_text="another long passphrase\n")
            self.assertEqual(again.returncode, 2)
            self.assertIn("email: an account with this e-mail address exists", again.stderr)
            weak = run_cli("user", "add", "--data-dir", d, "--email", "bob@example.org", "--name", "Bob",
                           "--password-stdin", input_text="123456\n")
            self.assertEqual(weak.returncode, 2)
            self.assertIn("password:", weak.stderr)
            no_stdin = run_cli("user", "add", "--data-dir", d, "--email", "c@example.org", "--name", "C")
            self.assertEqual(no_stdin.returncode, 2)
            self.assertIn("--password-stdin", no_stdin.stderr)
            listed = run_cli("user", "list", "--data-dir", d)
            self.assertEqual(listed.returncode, 0, listed.stderr)
            self.assertRegex(listed.stdout, r"ada@example\.org\s+Ada Lovelace\s+admin\s+active")
            self.assertNotIn("bob@example.org", listed.stdout)
            disabled = run_cli("user", "disable", "--data-dir", d, "--email", "ada@example.org")
            self.assertEqual(disabled.returncode, 0, disabled.stderr)
            self.assertRegex(run_cli("user", "list", "--data-dir", d).stdout, r"ada@example\.org.*disabled")
            missing = run_cli("user", "disable", "--data-dir", d, "--email", "nobody@example.org")
            self.assertEqual(missing.returncode, 1)
            self.assertIn("no account", missing.stderr)
        out = run_cli("user", "add", "--email", "a@example.org")
        self.assertEqual(out.returncode, 2)  # --name is required: usage error

    # --- accounts over the REST API ----------------------------------------------------------

    def add_user(self, server, email="ada@example.org", name="Ada Lovelace",
                 password="correct horse battery staple"):
        out = run_cli("user", "add", "--data-dir", server.data_dir, "--email", email, "--name", name,
                      "--password-stdin", input_text=password + "\n")
        self.assertEqual(out.returncode, 0, out.stderr)

    def post_json(self, server, path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        return get(server, path, method="POST", body=json.dumps(body), headers=headers)

    def test_login_profile_search_and_logout(self):
        s = self.server()
        self.add_user(s)
        self.add_user(s, "grace@navy.example", "Grace Hopper", "compilers are my favourite thing")
        res, data = get(s, "/api/v1/auth/config")
        self.assertEqual(json.loads(data), {"password": True, "oidc": False, "oidc_issuer": None,
                                            "oidc_client_id": None, "oidc_resource": None,
                                            "password_min_length": 10})
        res, data = self.post_json(s, "/api/v1/auth/login",
                                   {"email": "ADA@example.org", "password": "correct horse battery staple"})
        self.assertEqual(res.status, 200, data)
        login = json.loads(data)
        token = login["access_token"]
        self.assertTrue(token.startswith("plm_"))
        self.assertEqual(login["token_type"], "Bearer")
        self.assertRegex(login["expires_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(login["user"]["email"], "ada@example.org")
        auth = {"Authorization": "Bearer " + token}
        res, data = get(s, "/api/v1/users/me", headers=auth)
        self.assertEqual(res.status, 200)
        self.assertEqual(json.loads(data)["display_name"], "Ada Lovelace")
        res, data = get(s, "/api/v1/users/me", method="PATCH", headers={**auth, "Content-Type": "application/json"},
                        body=json.dumps({"display_name": "Countess Ada", "language": "de"}))
        self.assertEqual(res.status, 200, data)
        me = json.loads(data)
        self.assertEqual((me["display_name"], me["language"], me["theme"]), ("Countess Ada", "de", "system"))
        res, data = get(s, "/api/v1/users/me", method="PATCH", headers={**auth, "Content-Type": "application/json"},
                        body=json.dumps({"theme": "neon"}))
        self.assert_json_error(res, data, 422, "invalid_argument")
        self.assertEqual(json.loads(data)["field"], "theme")
        res, data = get(s, "/api/v1/users?q=hopp", headers=auth)
        self.assertEqual(res.status, 200, data)
        self.assertEqual(json.loads(data)["users"],
                         [{"id": json.loads(data)["users"][0]["id"], "display_name": "Grace Hopper",
                           "email": "grace@navy.example"}])
        res, data = get(s, "/api/v1/users?q=ho", headers=auth)
        self.assert_json_error(res, data, 422, "invalid_argument")
        res, data = get(s, "/api/v1/users?q=hopper")
        self.assert_json_error(res, data, 401, "unauthenticated")
        res, data = self.post_json(s, "/api/v1/auth/logout", {}, token=token)
        self.assertEqual(res.status, 204)
        res, data = get(s, "/api/v1/users/me", headers=auth)
        self.assert_json_error(res, data, 401, "unauthenticated")  # revoked

    @staticmethod
    def totp(secret, at=None):
        """RFC 6238 code, computed independently of the server with the standard library."""
        import base64, hashlib, hmac, struct
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        counter = int((at if at is not None else time.time()) // 30)
        digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
        offset = digest[-1] & 0x0F
        return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)

    def test_second_factor_enrolment_and_sign_in(self):
        s = self.server()
        self.add_user(s)
        token = self.login_as(s, "ada@example.org")
        res, enrol = self.call(s, "POST", "/api/v1/users/me/totp", token)
        self.assertEqual(res.status, 200, enrol)
        self.assertTrue(enrol["uri"].startswith("otpauth://totp/"))
        res, err = self.call(s, "POST", "/api/v1/users/me/totp/confirm", token, {"secret": enrol["secret"], "code": "000000"})
        self.assertEqual((res.status, err["field"]), (422, "code"))
        res, _ = self.call(s, "POST", "/api/v1/users/me/totp/confirm", token,
                           {"secret": enrol["secret"], "code": self.totp(enrol["secret"])})
        self.assertEqual(res.status, 204)
        res, me = self.call(s, "GET", "/api/v1/users/me", token)
        self.assertTrue(me["totp_enabled"])
        res, err = self.post_json(s, "/api/v1/auth/login", {"email": "ada@example.org",
                                                             "password": "correct horse battery staple"})
        self.assertEqual((res.status, json.loads(err)["code"]), (401, "second_factor_required"))
        res, data = self.post_json(s, "/api/v1/auth/login", {"email": "ada@example.org",
                                                              "password": "correct horse battery staple",
                                                              "totp": self.totp(enrol["secret"], time.time() + 30)})
        self.assertEqual(res.status, 200, data)

    def test_dial_in_and_streaming_targets(self):
        s = self.server()
        self.add_user(s)
        token = self.login_as(s, "ada@example.org")
        _, room = self.call(s, "POST", "/api/v1/rooms", token, {})
        r = "/api/v1/rooms/" + room["id"]
        res, dial = self.call(s, "GET", r + "/dial_in", token)
        self.assertEqual(res.status, 200, dial)
        self.assertRegex(dial["numeric_id"], r"^\d{10}$")
        self.assertRegex(dial["pin"], r"^\d{10}$")
        res, again = self.call(s, "POST", r + "/dial_in/regenerate", token)
        self.assertNotEqual((again["numeric_id"], again["pin"]), (dial["numeric_id"], dial["pin"]))
        res, target = self.call(s, "POST", r + "/streaming_targets", token,
                                {"name": "Livestream", "endpoint": "rtmp://127.0.0.1/live", "stream_key": "secret-key-1234"})
        self.assertEqual(res.status, 201, target)
        self.assertEqual(target["stream_key"], "secret-key-1234")
        res, listed = self.call(s, "GET", r + "/streaming_targets", token)
        self.assertEqual(listed["targets"][0]["stream_key"], "********1234")  # never in full again
        res, _ = self.call(s, "DELETE", r + "/streaming_targets/" + target["id"], token)
        self.assertEqual(res.status, 204)

    def test_login_failures_look_the_same_and_get_throttled(self):
        s = self.server()
        self.add_user(s)
        wrong = self.post_json(s, "/api/v1/auth/login", {"email": "ada@example.org", "password": "nope nope nope"})
        unknown = self.post_json(s, "/api/v1/auth/login", {"email": "eve@example.org", "password": "nope nope nope"})
        self.assert_json_error(*wrong, 401, "unauthenticated")
        self.assertEqual(wrong[1], unknown[1])
        for _ in range(3):
            self.post_json(s, "/api/v1/auth/login", {"email": "ada@example.org", "password": "still wrong"})
        res, data = self.post_json(s, "/api/v1/auth/login",
                                   {"email": "ada@example.org", "password": "correct horse battery staple"})
        self.assert_json_error(res, data, 429, "too_many_requests")
        self.assertGreaterEqual(int(res.getheader("Retry-After")), 1)
        self.assertNotIn("correct horse", "".join(s.stderr_lines))

    def test_login_input_is_validated(self):
        s = self.server()
        res, data = get(s, "/api/v1/auth/login", method="POST", body="email=a", headers={"Content-Type": "text/plain"})
        self.assert_json_error(res, data, 400, "bad_request")
        res, data = get(s, "/api/v1/auth/login", method="POST", body="{not json",
                        headers={"Content-Type": "application/json"})
        self.assert_json_error(res, data, 400, "bad_request")
        res, data = self.post_json(s, "/api/v1/auth/login", {"email": "a@example.org"})
        self.assert_json_error(res, data, 422, "invalid_argument")
        self.assertEqual(json.loads(data)["field"], "password")
        res, data = self.post_json(s, "/api/v1/auth/login", {"email": "a@example.org", "password": "x", "pin": 1})
        self.assertEqual(json.loads(data)["field"], "pin")
        res, data = self.post_json(s, "/api/v1/auth/login", {"email": 5, "password": "x"})
        self.assertEqual(json.loads(data)["field"], "email")

    # --- rooms, guest links, tickets ----------------------------------------------------------

    def login_as(self, server, email, password="correct horse battery staple"):
        res, data = self.post_json(server, "/api/v1/auth/login", {"email": email, "password": password})
        self.assertEqual(res.status, 200, data)
        return json.loads(data)["access_token"]

    def call(self, server, method, path, token=None, body=None):
        headers = {}
        if token:
            headers["Authorization"] = "Bearer " + token
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        res, data = get(server, path, method=method, body=body, headers=headers)
        return res, (json.loads(data) if data else None)

    def test_organiser_creates_room_and_guest_joins_by_link_with_password(self):
        s = self.server()
        self.add_user(s, "olga@example.org", "Olga Owner")
        self.add_user(s, "otto@example.org", "Otto Other")
        owner, other = self.login_as(s, "olga@example.org"), self.login_as(s, "otto@example.org")
        res, room = self.call(s, "POST", "/api/v1/rooms", owner,
                              {"name": "Council", "password": "sesame", "guest_access": "direct"})
        self.assertEqual(res.status, 201, room)
        self.assertEqual((room["name"], room["password"], room["waiting_room"]), ("Council", "sesame", "off"))
        res, listed = self.call(s, "GET", "/api/v1/rooms", owner)
        self.assertEqual((listed["total"], listed["rooms"][0]["id"]), (1, room["id"]))
        res, invite = self.call(s, "POST", "/api/v1/rooms/%s/invites" % room["id"], owner,
                                {"expires_at": int(time.time()) + 3600})
        self.assertEqual(res.status, 201, invite)
        # The guest side: no account, only the link.
        res, check = self.call(s, "POST", "/api/v1/invites/verify", body={"code": invite["code"]})
        self.assertEqual(check, {"room_id": room["id"], "password_required": True})
        start = "/api/v1/rooms/%s/start_invited" % room["id"]
        res, err = self.call(s, "POST", start, body={"invite_code": invite["code"], "display_name": "Gustav"})
        self.assertEqual((res.status, err["code"]), (401, "password_required"))
        res, err = self.call(s, "POST", start, body={"invite_code": invite["code"], "display_name": "Gustav",
                                                     "password": "open sesame"})
        self.assertEqual((res.status, err["code"]), (403, "wrong_password"))
        res, ticket = self.call(s, "POST", start, body={"invite_code": invite["code"], "display_name": "Gustav",
                                                        "password": "sesame"})
        self.assertEqual(res.status, 200, ticket)
        self.assertTrue(ticket["ticket"].startswith("tkt_"))
        self.assertEqual(ticket["expires_in"], 30)
        self.assertEqual(ticket["signaling_url"], "ws://127.0.0.1:%d/signaling" % s.port)
        # Signed-in users join with the password; the owner needs none.
        res, _ = self.call(s, "POST", "/api/v1/rooms/%s/start" % room["id"], other, {"password": "sesame"})
        self.assertEqual(res.status, 200)
        res, _ = self.call(s, "POST", "/api/v1/rooms/%s/start" % room["id"], owner, {})
        self.assertEqual(res.status, 200)
        # A revoked link stops working.
        res, _ = self.call(s, "DELETE", "/api/v1/rooms/%s/invites/%s" % (room["id"], invite["code"]), owner)
        self.assertEqual(res.status, 204)
        res, err = self.call(s, "POST", "/api/v1/invites/verify", body={"code": invite["code"]})
        self.assertEqual((res.status, err["code"]), (404, "not_found"))

    def test_organiser_plans_recurring_meeting_invites_and_people_join(self):
        s = self.server()
        self.add_user(s, "olga@example.org", "Olga Owner")
        self.add_user(s, "ines@example.org", "Ines Invitee")
        owner, invitee = self.login_as(s, "olga@example.org"), self.login_as(s, "ines@example.org")
        _, found = self.call(s, "GET", "/api/v1/users?q=ines", owner)
        ines_id = found["users"][0]["id"]
        res, event = self.call(s, "POST", "/api/v1/events", owner, {
            "title": "Finance committee", "description": "Budget 2027",
            "starts_at": "2026-03-23T09:00:00", "ends_at": "2026-03-23T10:30:00", "time_zone": "Europe/Berlin",
            "recurrence": {"rrule": "FREQ=WEEKLY;BYDAY=MO;COUNT=20", "exdates": ["2026-04-06T09:00:00"]},
            "room": {"password": "sesame", "guest_access": "direct", "waiting_room": "guests"}})
        self.assertEqual(res.status, 201, event)
        self.assertEqual(event["room"]["password"], "sesame")
        eid, rid = event["id"], event["room_id"]
        # Occurrences keep 09:00 local time across the change to summer time on 2026-03-29.
        res, inst = self.call(s, "GET", "/api/v1/events/%s/instances?from=2026-03-01T00:00:00Z&to=2026-04-15T00:00:00Z"
                              % eid, owner)
        self.assertEqual(res.status, 200, inst)
        starts = [(i["starts_at"], i["starts_at_utc"]) for i in inst["instances"]]
        self.assertEqual(starts, [("2026-03-23T09:00:00", "2026-03-23T08:00:00Z"),
                                  ("2026-03-30T09:00:00", "2026-03-30T07:00:00Z"),
                                  ("2026-04-13T09:00:00", "2026-04-13T07:00:00Z")])  # 04-06 excluded
        res, _ = self.call(s, "POST", "/api/v1/events/%s/exceptions" % eid, owner,
                           {"original_start": "2026-03-30T09:00:00", "starts_at": "2026-03-31T15:00:00",
                            "ends_at": "2026-03-31T16:00:00"})
        self.assertEqual(res.status, 204)
        # Invite a registered user and an e-mail address.
        res, err = self.call(s, "POST", "/api/v1/events/%s/invites" % eid, owner, {"user_id": ines_id, "role": "user"})
        self.assertEqual(res.status, 201, err)
        res, err = self.call(s, "POST", "/api/v1/events/%s/invites" % eid, owner,
                             {"email": "guest@example.org", "role": "guest"})
        self.assertEqual(res.status, 201, err)
        res, pending = self.call(s, "GET", "/api/v1/users/me/invites", invitee)
        self.assertEqual([i["event_id"] for i in pending["invites"]], [eid])
        # The organiser's list names invited users (what the planner shows); e-mail invitations have none.
        res, listed = self.call(s, "GET", "/api/v1/events/%s/invites" % eid, owner)
        self.assertEqual(res.status, 200, listed)
        self.assertEqual(sorted((i["user_id"] is not None, i["user_name"], i["user_email"]) for i in listed["invites"]),
                         [(False, None, None), (True, "Ines Invitee", "ines@example.org")])
        res, seen = self.call(s, "GET", "/api/v1/events/" + eid, invitee)
        self.assertEqual((res.status, seen["can_manage"], seen["room"]), (200, False, {"id": rid, "password_required": True}))
        res, _ = self.call(s, "POST", "/api/v1/events/%s/invites/respond" % eid, invitee, {"status": "accepted"})
        self.assertEqual(res.status, 204)
        res, _ = self.call(s, "PUT", "/api/v1/events/%s/favourite" % eid, invitee)
        self.assertEqual(res.status, 204)
        res, mine = self.call(s, "GET", "/api/v1/events/instances?from=2026-03-30T00:00:00Z&to=2026-04-02T00:00:00Z",
                              invitee)
        self.assertEqual([(i["title"], i["starts_at"], i["moved"]) for i in mine["instances"]],
                         [("Finance committee", "2026-03-31T15:00:00", True)])
        res, err = self.call(s, "PATCH", "/api/v1/events/" + eid, invitee, {"title": "mine now"})
        self.assertEqual((res.status, err["code"]), (403, "permission_denied"))
        # The invitee joins with the password; a guest link lets a guest in.
        res, ticket = self.call(s, "POST", "/api/v1/rooms/%s/start" % rid, invitee, {"password": "sesame"})
        self.assertEqual(res.status, 200, ticket)
        _, link = self.call(s, "POST", "/api/v1/rooms/%s/invites" % rid, owner, {})
        res, ticket = self.call(s, "POST", "/api/v1/rooms/%s/start_invited" % rid,
                                body={"invite_code": link["code"], "display_name": "Gast", "password": "sesame"})
        self.assertEqual(res.status, 200, ticket)
        # Validation errors name the field.
        res, err = self.call(s, "POST", "/api/v1/events", owner, {"title": "x", "starts_at": "2026-01-01T10:00:00",
                             "ends_at": "2026-01-01T09:00:00", "time_zone": "Europe/Berlin"})
        self.assertEqual((res.status, err["field"]), (422, "ends_at"))
        res, err = self.call(s, "POST", "/api/v1/events", owner, {"title": "x", "starts_at": "2026-01-01T10:00:00",
                             "ends_at": "2026-01-01T11:00:00", "time_zone": "Mars/Olympus"})
        self.assertEqual((res.status, err["field"]), (422, "time_zone"))
        res, _ = self.call(s, "DELETE", "/api/v1/events/" + eid, owner)
        self.assertEqual(res.status, 204)
        res, _ = self.call(s, "GET", "/api/v1/rooms/" + rid, owner)
        self.assertEqual(res.status, 404)

    def pages(self, server, path, token, key, limit):
        """Every page of a list, fetched `limit` at a time until a short page."""
        items, offset = [], 0
        for _ in range(50):  # a server that ignores offset would page forever
            sep = "&" if "?" in path else "?"
            res, page = self.call(server, "GET", "%s%slimit=%d&offset=%d" % (path, sep, limit, offset), token)
            self.assertEqual(res.status, 200, page)
            self.assertLessEqual(len(page[key]), limit)
            items.extend(page[key])
            if len(page[key]) < limit:
                return items, page
            offset += limit
        self.fail("more than 50 pages of %s" % path)

    def assert_bad_page(self, server, path, token, query, field):
        sep = "&" if "?" in path else "?"
        res, err = self.call(server, "GET", path + sep + query, token)
        self.assertEqual((res.status, err["code"], err["field"]), (422, "invalid_argument", field), err)

    def test_pagination_of_user_search(self):
        s = self.server()
        self.add_user(s, "olga@example.org", "Olga Owner")
        for n in range(1, 8):
            self.add_user(s, "pat%d@example.org" % n, "Pat Paging %d" % n)
        token = self.login_as(s, "olga@example.org")
        path = "/api/v1/users?q=paging"
        found, last = self.pages(s, path, token, "users", 3)
        self.assertEqual([u["display_name"] for u in found], ["Pat Paging %d" % n for n in range(1, 8)])
        self.assertEqual(len({u["id"] for u in found}), 7)  # no account twice across pages
        _, everything = self.call(s, "GET", path, token)  # default limit 20: one page
        self.assertEqual(everything["users"], found)
        _, beyond = self.call(s, "GET", path + "&offset=7", token)
        self.assertEqual(beyond["users"], [])
        _, deepest = self.call(s, "GET", path + "&limit=50&offset=950", token)  # the last reachable page
        self.assertEqual(deepest["users"], [])
        self.assert_bad_page(s, path, token, "offset=951", "offset")
        self.assert_bad_page(s, path, token, "offset=-1", "offset")
        self.assert_bad_page(s, path, token, "limit=0", "limit")
        self.assert_bad_page(s, path, token, "limit=51", "limit")

    def test_pagination_of_event_invitations(self):
        s = self.server()
        self.add_user(s, "olga@example.org", "Olga Owner")
        self.add_user(s, "ines@example.org", "Ines Invitee")
        owner, invitee = self.login_as(s, "olga@example.org"), self.login_as(s, "ines@example.org")
        _, found = self.call(s, "GET", "/api/v1/users?q=ines", owner)
        ines_id = found["users"][0]["id"]
        events = []
        for n in range(3):
            res, event = self.call(s, "POST", "/api/v1/events", owner, {
                "title": "Committee %d" % n, "starts_at": "2026-05-0%dT09:00:00" % (n + 1),
                "ends_at": "2026-05-0%dT10:00:00" % (n + 1), "time_zone": "Europe/Berlin"})
            self.assertEqual(res.status, 201, event)
            events.append(event["id"])
            res, err = self.call(s, "POST", "/api/v1/events/%s/invites" % event["id"], owner,
                                 {"user_id": ines_id, "role": "user"})
            self.assertEqual(res.status, 201, err)
        # An organiser pages through the invitations of one meeting.
        path = "/api/v1/events/%s/invites" % events[0]
        for n in range(5):
            res, err = self.call(s, "POST", path, owner, {"email": "guest%d@example.org" % n, "role": "guest"})
            self.assertEqual(res.status, 201, err)
        listed, last = self.pages(s, path, owner, "invites", 2)
        self.assertEqual(last["total"], 6)
        self.assertEqual(len(listed), 6)
        self.assertEqual(sorted(i.get("email") or i["user_id"] for i in listed),
                         sorted(["guest%d@example.org" % n for n in range(5)] + [ines_id]))
        _, whole = self.call(s, "GET", path, owner)  # default limit 50
        self.assertEqual((whole["invites"], whole["total"]), (listed, 6))
        _, beyond = self.call(s, "GET", path + "?offset=6", owner)
        self.assertEqual((beyond["invites"], beyond["total"]), ([], 6))
        self.assert_bad_page(s, path, owner, "limit=101", "limit")
        self.assert_bad_page(s, path, owner, "offset=1000001", "offset")
        self.assert_bad_page(s, path, owner, "limit=x", "limit")
        # An invitee pages through their own pending invitations.
        mine, last = self.pages(s, "/api/v1/users/me/invites", invitee, "invites", 2)
        self.assertEqual(sorted(i["event_id"] for i in mine), sorted(events))
        self.assertEqual(last["total"], 3)
        self.assert_bad_page(s, "/api/v1/users/me/invites", invitee, "limit=0", "limit")

    def test_every_room_endpoint_checks_who_is_calling(self):
        s = self.server()
        self.add_user(s, "olga@example.org", "Olga Owner")
        self.add_user(s, "otto@example.org", "Otto Other")
        out = run_cli("user", "add", "--data-dir", s.data_dir, "--email", "ada@example.org", "--name", "Ada Admin",
                      "--password-stdin", "--admin", input_text="correct horse battery staple\n")
        self.assertEqual(out.returncode, 0, out.stderr)
        tokens = {"anonymous": None, "owner": self.login_as(s, "olga@example.org"),
                  "other": self.login_as(s, "otto@example.org"), "admin": self.login_as(s, "ada@example.org")}
        _, room = self.call(s, "POST", "/api/v1/rooms", tokens["owner"], {})
        r = "/api/v1/rooms/" + room["id"]
        #        method    path                body            anonymous owner other admin
        table = [("GET",    "/api/v1/users/me", None,           401, 200, 200, 200),
                 ("GET",    "/api/v1/rooms",    None,           401, 200, 200, 200),
                 ("POST",   "/api/v1/rooms",    {},             401, 201, 201, 201),
                 ("GET",    r,                  None,           401, 200, 404, 200),
                 ("PATCH",  r,                  {"name": "x"},  401, 200, 404, 200),
                 ("GET",    r + "/invites",     None,           401, 200, 404, 200),
                 ("POST",   r + "/invites",     {},             401, 201, 404, 201),
                 ("POST",   r + "/start",       {},             401, 200, 200, 200),
                 ("GET",    r + "/dial_in",     None,           401, 200, 404, 200),
                 ("POST",   r + "/dial_in/regenerate", None,    401, 200, 404, 200),
                 ("GET",    r + "/streaming_targets", None,     401, 200, 404, 200),
                 ("POST",   "/api/v1/auth/logout", {},          401, None, None, None),
                 ("DELETE", r,                  None,           401, None, 404, None)]
        for method, path, body, *expected in table:
            for who, status in zip(["anonymous", "owner", "other", "admin"], expected):
                if status is None:
                    continue
                res, data = self.call(s, method, path, tokens[who], body)
                self.assertEqual(res.status, status, "%s %s as %s: %s" % (method, path, who, data))
        res, _ = self.call(s, "DELETE", r, tokens["owner"])
        self.assertEqual(res.status, 204)
        res, _ = self.call(s, "GET", r, tokens["admin"])
        self.assertEqual(res.status, 404)

    def test_every_event_endpoint_checks_who_is_calling(self):
        s = self.server()
        for email, name in [("olga@example.org", "Olga Owner"), ("ines@example.org", "Ines Invitee"),
                            ("otto@example.org", "Otto Other")]:
            self.add_user(s, email, name)
        out = run_cli("user", "add", "--data-dir", s.data_dir, "--email", "ada@example.org", "--name", "Ada Admin",
                      "--password-stdin", "--admin", input_text="correct horse battery staple\n")
        self.assertEqual(out.returncode, 0, out.stderr)
        who = ["anonymous", "owner", "invitee", "other", "admin"]
        tokens = dict(zip(who, [None] + [self.login_as(s, e) for e in
                                         ["olga@example.org", "ines@example.org", "otto@example.org", "ada@example.org"]]))
        _, found = self.call(s, "GET", "/api/v1/users?q=ines", tokens["owner"])
        res, event = self.call(s, "POST", "/api/v1/events", tokens["owner"], {
            "title": "Board", "starts_at": "2026-05-04T10:00:00", "ends_at": "2026-05-04T11:00:00",
            "time_zone": "Europe/Berlin", "recurrence": {"rrule": "FREQ=WEEKLY;COUNT=5"}})
        self.assertEqual(res.status, 201, event)
        self.call(s, "POST", "/api/v1/events/%s/invites" % event["id"], tokens["owner"],
                  {"user_id": found["users"][0]["id"], "role": "user"})
        e = "/api/v1/events/" + event["id"]
        window = "?from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z"
        cancel = {"original_start": "2026-05-11T10:00:00", "cancelled": True}
        invite = lambda caller: {"email": caller + "@guests.example.org", "role": "guest"}
        poll = {"title": "Lunch", "topic": "Where?", "choices": ["Pizza", "Pasta"]}
        vote = {"name": "Budget"}
        prepared = {}
        for kind, body in (("poll_templates", poll), ("vote_templates", vote)):
            for key in (kind, kind + "/deleted"):
                res, made = self.call(s, "POST", "%s/%s" % (e, kind), tokens["owner"], body)
                self.assertEqual(res.status, 201, made)
                prepared[key] = "%s/%s/%s" % (e, kind, made["id"])
        #        method    path                         body           anon owner invitee other admin
        table = [("GET",    "/api/v1/events",             None,          401, 200, 200, 200, 200),
                 ("GET",    "/api/v1/events/instances" + window, None,   401, 200, 200, 200, 200),
                 ("GET",    "/api/v1/users/me/invites",   None,          401, 200, 200, 200, 200),
                 ("GET",    e,                            None,          401, 200, 200, 404, 200),
                 ("PATCH",  e,                            {"title": "B"}, 401, 200, 403, 404, 200),
                 ("GET",    e + "/instances" + window,    None,          401, 200, 200, 404, 200),
                 ("POST",   e + "/exceptions",            cancel,        401, 204, 403, 404, 204),
                 ("PUT",    e + "/favourite",             None,          401, 204, 204, 404, 204),
                 ("DELETE", e + "/favourite",             None,          401, 204, 204, 404, 204),
                 ("GET",    e + "/invites",               None,          401, 200, 403, 404, 200),
                 ("POST",   e + "/invites",               invite,        401, 201, 403, 404, 201),
                 ("POST",   e + "/invites/respond",       {"status": "accepted"}, 401, 404, 204, 404, 404),
                 ("GET",    e + "/poll_templates",        None,          401, 200, 403, 404, 200),
                 ("POST",   e + "/poll_templates",        poll,          401, 201, 403, 404, 201),
                 ("GET",    prepared["poll_templates"],   None,          401, 200, 403, 404, 200),
                 ("PATCH",  prepared["poll_templates"],   {"title": "L"}, 401, 200, 403, 404, 200),
                 ("DELETE", prepared["poll_templates/deleted"], None,    401, None, 403, 404, 204),
                 ("GET",    e + "/vote_templates",        None,          401, 200, 403, 404, 200),
                 ("POST",   e + "/vote_templates",        vote,          401, 201, 403, 404, 201),
                 ("GET",    prepared["vote_templates"],   None,          401, 200, 403, 404, 200),
                 ("PATCH",  prepared["vote_templates"],   {"name": "B"}, 401, 200, 403, 404, 200),
                 ("DELETE", prepared["vote_templates/deleted"], None,    401, None, 403, 404, 204),
                 ("DELETE", e + "?confirm",               None,          401, None, 403, 404, None)]
        for method, path, body, *expected in table:
            for caller, status in zip(who, expected):
                if status is None:
                    continue
                payload = body(caller) if callable(body) else body
                res, data = self.call(s, method, path.replace("?confirm", ""), tokens[caller], payload)
                self.assertEqual(res.status, status, "%s %s as %s: %s" % (method, path, caller, data))
        res, _ = self.call(s, "DELETE", e, tokens["owner"])
        self.assertEqual(res.status, 204)

    def test_poll_and_vote_templates_on_an_event(self):
        s = self.server()
        self.add_user(s, "olga@example.org", "Olga Owner")
        self.add_user(s, "mona@example.org", "Mona Moderator")
        owner, mod = self.login_as(s, "olga@example.org"), self.login_as(s, "mona@example.org")
        _, found = self.call(s, "GET", "/api/v1/users?q=mona", owner)
        res, event = self.call(s, "POST", "/api/v1/events", owner, {"title": "Council", "time_independent": True})
        self.assertEqual(res.status, 201, event)
        e = "/api/v1/events/" + event["id"]
        res, _ = self.call(s, "POST", e + "/invites", owner, {"user_id": found["users"][0]["id"], "role": "moderator"})
        self.assertEqual(res.status, 201)
        # An invited moderator prepares a poll; the organiser changes it.
        res, poll = self.call(s, "POST", e + "/poll_templates", mod, {
            "title": "Lunch", "topic": "Where do we eat?", "choices": ["Pizza", "Pasta"], "duration_seconds": 120})
        self.assertEqual(res.status, 201, poll)
        self.assertEqual((poll["multiple"], poll["live"], poll["position"], poll["duration_seconds"]),
                         (False, True, 0, 120))
        res, changed = self.call(s, "PATCH", "%s/poll_templates/%s" % (e, poll["id"]), owner,
                                 {"choices": ["Pizza", "Pasta", "Salad"], "duration_seconds": None})
        self.assertEqual(res.status, 200, changed)
        self.assertEqual((changed["topic"], changed["choices"], changed["duration_seconds"]),
                         ("Where do we eat?", ["Pizza", "Pasta", "Salad"], None))
        res, vote = self.call(s, "POST", e + "/vote_templates", owner, {
            "name": "Budget 2027", "topic": "Line one\nline two", "kind": "roll_call", "live_results": True})
        self.assertEqual(res.status, 201, vote)
        self.assertEqual((vote["subtitle"], vote["allow_abstain"], vote["auto_close"]), (None, True, False))
        # Validation names the field, as the signaling commands do.
        bad = [("poll_templates", {"title": "x", "topic": "t", "choices": ["same", "same"]}, "choices[1]"),
               ("poll_templates", {"title": "x", "topic": "t" * 501, "choices": ["a", "b"]}, "topic"),
               ("poll_templates", {"title": "x", "topic": "t", "choices": ["a"]}, "choices"),
               ("poll_templates", {"topic": "t", "choices": ["a", "b"]}, "title"),
               ("poll_templates", {"title": "x", "topic": "t", "choices": ["a", "b"], "duration_seconds": 5},
                "duration_seconds"),
               ("poll_templates", {"title": "x", "topic": "t", "choices": ["a", 5]}, "choices[1]"),
               ("poll_templates", {"title": "x", "topic": "t", "choices": ["a", "b"], "colour": "red"}, "colour"),
               ("vote_templates", {"name": "x", "kind": "secret", "live_results": True}, "live_results"),
               ("vote_templates", {"name": "x", "kind": "open"}, "kind"),
               ("vote_templates", {"name": "n" * 151}, "name"),
               ("vote_templates", {"name": "x", "duration_seconds": 30}, "duration_seconds")]
        for kind, body, field in bad:
            res, err = self.call(s, "POST", "%s/%s" % (e, kind), owner, body)
            self.assertEqual((res.status, err["code"], err["field"]), (422, "invalid_argument", field), body)
        res, err = self.call(s, "PATCH", "%s/vote_templates/%s" % (e, vote["id"]), owner, {"kind": "secret"})
        self.assertEqual((res.status, err["field"]), (422, "live_results"))
        # At most 50 of each kind per event; lists are paginated.
        for n in range(49):
            res, made = self.call(s, "POST", e + "/poll_templates", owner,
                                  {"title": "Poll %d" % n, "topic": "t", "choices": ["a", "b"]})
            self.assertEqual(res.status, 201, made)
        res, err = self.call(s, "POST", e + "/poll_templates", owner,
                             {"title": "One too many", "topic": "t", "choices": ["a", "b"]})
        self.assertEqual((res.status, err["code"]), (409, "conflict"))
        listed, last = self.pages(s, e + "/poll_templates", mod, "poll_templates", 20)
        self.assertEqual((len(listed), last["total"]), (50, 50))
        self.assertEqual([t["position"] for t in listed], list(range(50)))
        self.assert_bad_page(s, e + "/poll_templates", owner, "limit=101", "limit")
        res, _ = self.call(s, "DELETE", "%s/poll_templates/%s" % (e, poll["id"]), mod)
        self.assertEqual(res.status, 204)
        res, _ = self.call(s, "GET", "%s/poll_templates/%s" % (e, poll["id"]), owner)
        self.assertEqual(res.status, 404)
        res, _ = self.call(s, "POST", e + "/poll_templates", owner, {"title": "Again", "topic": "t", "choices": ["a", "b"]})
        self.assertEqual(res.status, 201)
        # A template of another event is not found under this one.
        res, other = self.call(s, "POST", "/api/v1/events", owner, {"title": "Other", "time_independent": True})
        res, _ = self.call(s, "GET", "/api/v1/events/%s/vote_templates/%s" % (other["id"], vote["id"]), owner)
        self.assertEqual(res.status, 404)
        # The templates go with the event.
        res, _ = self.call(s, "DELETE", e, owner)
        self.assertEqual(res.status, 204)
        res, _ = self.call(s, "GET", e + "/vote_templates", owner)
        self.assertEqual(res.status, 404)
        db = sqlite3.connect(os.path.join(s.data_dir, "plenum.db"))
        counts = [db.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in ("poll_templates", "vote_templates")]
        db.close()
        self.assertEqual(counts, [0, 0])

    def test_cors_for_configured_origin(self):
        s = self.server(config_text='[http]\ncors_origins = ["https://app.example"]\n')
        res, _ = get(s, "/api/v1/version", method="OPTIONS",
                     headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"})
        self.assertEqual(res.status, 204)
        self.assertEqual(res.getheader("Access-Control-Allow-Origin"), "https://app.example")
        res, data = get(s, "/api/v1/version", method="OPTIONS",
                        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
        self.assert_json_error(res, data, 403, "permission_denied")

    # --- TLS ----------------------------------------------------------------------------------

    def test_tls_from_certificate_files(self):
        d = tempfile.mkdtemp(prefix="plenum-tls-")
        self.addCleanup(shutil.rmtree, d)
        cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                        "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        s = self.server(config_text='[tls]\ncert_file = "%s"\nkey_file = "%s"\n' % (cert, key))
        self.assertEqual(s.scheme, "https")
        ctx = ssl.create_default_context(cafile=cert)
        conn = http.client.HTTPSConnection("127.0.0.1", s.port, context=ctx, timeout=10)
        conn.request("GET", "/healthz")
        res = conn.getresponse()
        self.assertEqual(res.status, 200)
        self.assertEqual(res.read(), b'{"status":"ok"}')
        self.assertIn("max-age", res.getheader("Strict-Transport-Security"))
        conn.close()
        # Plain HTTP on the TLS port gets no answer, and the server keeps serving TLS.
        raw_exchange(s.port, b"GET /healthz HTTP/1.1\r\n\r\n", read_timeout=3)
        conn = http.client.HTTPSConnection("127.0.0.1", s.port, context=ctx, timeout=10)
        conn.request("GET", "/healthz")
        self.assertEqual(conn.getresponse().status, 200)
        conn.close()


if __name__ == "__main__":
    unittest.main()
