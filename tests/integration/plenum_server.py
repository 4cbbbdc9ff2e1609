"""Starts the real `plenum` binary on a free port with a throwaway data directory."""

import os
import re
import signal
import subprocess
import tempfile
import threading
import time

BINARY = os.environ.get("PLENUM_TEST_BINARY", "")
URL_LINE = re.compile(r"is running: open (https?)://127\.0\.0\.1:(\d+)/")


def run_cli(*args, env=None, timeout=60, input_text=None):
    """Runs a one-shot plenum subcommand; returns CompletedProcess with text output."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PLENUM_")}
    full_env.update(env or {})
    return subprocess.run([BINARY, *args], capture_output=True, text=True, env=full_env, timeout=timeout,
                          input=input_text, stdin=None if input_text is not None else subprocess.DEVNULL)


class PlenumServer:
    """A running `plenum serve`. Use as a context manager; stop() sends SIGTERM."""

    def __init__(self, config_text="", env=None, web_root=None):
        self.dir = tempfile.TemporaryDirectory(prefix="plenum-it-")
        self.data_dir = os.path.join(self.dir.name, "data")
        self.config_path = os.path.join(self.dir.name, "plenum.toml")
        with open(self.config_path, "w", encoding="utf-8") as f:
            f.write(config_text)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PLENUM_")}
        self.env.update(env or {})
        if web_root is not None:
            self.env["PLENUM_HTTP_WEB_ROOT"] = web_root
        self.proc = None
        self.port = None
        self.scheme = "http"
        self.stderr_lines = []
        self.stdout_lines = []

    def start(self, timeout=30):
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--listen", "127.0.0.1:0", "--data-dir", self.data_dir,
             "--config", self.config_path],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env,
            stdin=subprocess.DEVNULL)
        threading.Thread(target=self._drain, args=(self.proc.stderr, self.stderr_lines),
                         daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("plenum exited before it was ready: " + "".join(self.stderr_lines))
            self.stdout_lines.append(line)
            m = URL_LINE.search(line)
            if m:
                self.scheme, self.port = m.group(1), int(m.group(2))
                threading.Thread(target=self._drain, args=(self.proc.stdout, self.stdout_lines),
                                 daemon=True).start()
                return self
        raise RuntimeError("plenum did not print its URL in time")

    @staticmethod
    def _drain(stream, sink):
        for line in stream:
            sink.append(line)

    def signal(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)

    def wait(self, timeout=15):
        return self.proc.wait(timeout=timeout)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.dir.cleanup()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
