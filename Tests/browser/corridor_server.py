"""Starts a built Corridor binary on a free loopback port with its own SQLite file, for the
Python tests (browser and interoperability). Nothing here reaches beyond 127.0.0.1."""
import os
import socket
import subprocess
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CorridorServer:
    def __init__(self, binary, demo=True):
        self.binary = binary
        self.workdir = tempfile.mkdtemp(prefix="corridor-py-")
        self.database = f"sqlite://{self.workdir}/corridor.sqlite"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.demo = demo
        self.process = None
        self.log_path = os.path.join(self.workdir, "server.log")

    def cli(self, *args):
        """Runs a corridor command against this server's database and returns its stdout."""
        return subprocess.run([self.binary, *args, "--database", self.database], check=True,
                              capture_output=True, text=True).stdout

    def start(self, seconds=60):
        log = open(self.log_path, "w")
        command = [self.binary, "serve", "--port", str(self.port), "--database", self.database]
        if self.demo:
            command.append("--demo")
        # The organisations' receiver in the browser test is a host the administrator allows by
        # name: nothing resolves names here, and a receiver must otherwise resolve to a public address.
        env = {**os.environ, "CORRIDOR_WEBHOOK_ALLOW_HOSTS": "erp.example.org"}
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("server did not become healthy in time")

    def stop(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                # A server that ignores SIGTERM hangs deployments (systemd, containers): fail loudly.
                raise RuntimeError("the server did not stop within 10 s of SIGTERM")

    def log(self):
        with open(self.log_path) as f:
            return f.read()


DEMO_PASSWORD = "corridor-demo"


def submit_sign_in(page, email):
    """Fills the sign-in form on the page shown with a demo person's email and sends it."""
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form.stack button[type=submit]")


class Results:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, name, fn):
        try:
            fn()
            self.passed += 1
            print(f"ok   {name}")
        except Exception as error:  # report every failure, keep going
            self.failed += 1
            print(f"FAIL {name}: {error!r}")

    def summary(self, suite, server, log_chars=4000):
        """Prints the tally (and the server's log after a failure); returns the exit status."""
        if self.failed:
            print(server.log()[-log_chars:])
        print(f"{suite}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
