"""Two `corridor serve` processes on one PostgreSQL database, started at the same moment on an
empty database, as behind a reverse proxy. Checks that the migrations ran once, that a release
raced from both servers succeeds exactly once with an intact audit chain, that each webhook event
reaches its receiver exactly once, and that a session begun on one server works on the other.

Usage: python3 Tests/multi-instance/test_multi_instance.py --binary .build/debug/corridor
Needs CORRIDOR_TEST_POSTGRES_URL (a server where it may create and drop a database) and psql;
skips, saying so, without them. Standard library only."""
import argparse
import http.client
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "browser"))
from corridor_server import Results, free_port  # noqa: E402

ADMIN = ("admin@multi.example", "multi-instance-admin")
MEMBER = ("logistics@wfp.multi.example", "multi-instance-member")
RACERS = 200


class Postgres:
    """The test's own database on the server CORRIDOR_TEST_POSTGRES_URL names, through psql."""

    def __init__(self, url):
        self.url = urllib.parse.urlsplit(url)
        self.name = f"corridor_multi_{os.getpid()}"

    def psql(self, sql, database="postgres"):
        env = {**os.environ, "PGPASSWORD": urllib.parse.unquote(self.url.password or "")}
        command = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", self.url.hostname or "127.0.0.1",
                   "-p", str(self.url.port or 5432), "-U", urllib.parse.unquote(self.url.username or "postgres"),
                   "-d", database, "-c", sql]
        return subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout.strip()

    def create(self):
        self.psql(f"DROP DATABASE IF EXISTS {self.name}")
        self.psql(f"CREATE DATABASE {self.name}")
        return urllib.parse.urlunsplit(self.url._replace(path="/" + self.name))

    def drop(self):
        self.psql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class Receiver(http.server.ThreadingHTTPServer):
    """A webhook receiver on 127.0.0.1 that answers 204 and keeps each delivery's id and event."""

    def __init__(self):
        self.deliveries = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    receiver.deliveries.append((self.headers.get("X-Corridor-Delivery"), self.headers.get("X-Corridor-Event")))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def received(self):
        with self.lock:
            return list(self.deliveries)


class Instance:
    """One `corridor serve` on its own port, sharing the database with the others."""

    def __init__(self, binary, database, name, workdir):
        self.binary, self.database, self.name = binary, database, name
        self.port = free_port()
        self.log_path = os.path.join(workdir, f"{name}.log")
        self.process = None

    def start(self):
        env = {**os.environ, "CORRIDOR_DATABASE_URL": self.database, "CORRIDOR_BCRYPT_COST": "4",
               "CORRIDOR_ADMIN_EMAIL": ADMIN[0], "CORRIDOR_ADMIN_PASSWORD": ADMIN[1],
               "CORRIDOR_WEBHOOK_ALLOW_HOSTS": "127.0.0.1", "CORRIDOR_WEBHOOK_ALLOW_HTTP": "1"}
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port)], env=env,
                                        stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)

    def wait_healthy(self, seconds=90):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}: {self.log()[-3000:]}")
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not become healthy: {self.log()[-3000:]}")

    def request(self, method, path, body=None, token=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            sent = dict(headers or {})
            if token:
                sent["Authorization"] = f"Bearer {token}"
            if isinstance(body, (dict, list)):
                body = json.dumps(body)
                sent["Content-Type"] = "application/json"
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, response.read().decode(), response.headers
        finally:
            connection.close()

    def json(self, method, path, body=None, token=None, expect=200):
        status, text, _ = self.request(method, path, body, token)
        if status != expect:
            raise AssertionError(f"{method} {path} on {self.name}: {status} (expected {expect}): {text[:500]}")
        return json.loads(text) if text else None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def log(self):
        with open(self.log_path) as f:
            return f.read()


def cli(binary, database, *args):
    env = {**os.environ, "CORRIDOR_BCRYPT_COST": "4"}
    return subprocess.run([binary, *args, "--database", database], check=True, capture_output=True, text=True, env=env).stdout


def race_release(instances, declaration, version, token):
    """RACERS releases of one declaration at once, alternating between the servers."""
    barrier = threading.Barrier(RACERS)
    statuses = [None] * RACERS

    def racer(index):
        instance = instances[index % len(instances)]
        connection = http.client.HTTPConnection("127.0.0.1", instance.port, timeout=120)
        connection.connect()
        body = json.dumps({"version": version})
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        barrier.wait()
        try:
            connection.request("POST", f"/api/v1/declarations/{declaration}/steps/release", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            statuses[index] = response.status
        except OSError as error:
            statuses[index] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=racer, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    binary = os.path.abspath(parser.parse_args().binary)
    url = os.environ.get("CORRIDOR_TEST_POSTGRES_URL", "")
    if not url:
        print("multi-instance test skipped: CORRIDOR_TEST_POSTGRES_URL is unset (it needs a PostgreSQL server)")
        return 0
    if shutil.which("psql") is None:
        print("multi-instance test skipped: psql is not installed (it creates the test's own database)")
        return 0
    results = Results()
    postgres = Postgres(url)
    database = postgres.create()
    workdir = tempfile.mkdtemp(prefix="corridor-multi-")
    receiver = Receiver()
    instances = [Instance(binary, database, name, workdir) for name in ("first", "second")]
    started = time.time()
    try:
        # Both at the same moment on the empty database: both migrate, both create the first administrator.
        for instance in instances:
            instance.start()
        for instance in instances:
            instance.wait_healthy()
        first, second = instances

        def migrations_ran_once():
            versions = [int(v) for v in postgres.psql("SELECT version FROM schema_migrations ORDER BY version",
                                                      database=postgres.name).split()]
            logged = []
            for instance in instances:
                logged += [int(v) for v in re.findall(r"version=(\d+).*applied migration", instance.log())]
            assert versions and sorted(logged) == versions, f"applied {versions}, logged {sorted(logged)}"
            admins = postgres.psql(f"SELECT COUNT(*) FROM users WHERE email = '{ADMIN[0]}'", database=postgres.name)
            assert admins == "1", f"{admins} first administrators"
        results.check("two servers on an empty database: every migration ran once, one first administrator",
                      migrations_ran_once)

        cli(binary, database, "orgs", "add", "--code", "WFP", "--name", "World Food Programme (fictitious test data)",
            "--type", "un_agency", "--country", "IT")
        cli(binary, database, "users", "add", "--email", MEMBER[0], "--password", MEMBER[1], "--role", "org_member", "--org", "WFP")
        cli(binary, database, "users", "add", "--email", "customs.ke@multi.example", "--password", MEMBER[1],
            "--role", "customs_officer", "--country", "KE")
        member = cli(binary, database, "tokens", "create", "--user", MEMBER[0]).strip()
        customs = cli(binary, database, "tokens", "create", "--user", "customs.ke@multi.example").strip()
        hook = first.json("POST", "/api/v1/organisations/WFP/webhooks",
                          {"url": f"http://127.0.0.1:{receiver.server_address[1]}/hook"}, member, expect=201)

        # Duties are assessed in the national currency at the rate Kenya's customs entered (fictitious rate).
        first.json("POST", "/api/v1/countries/KE/exchange-rates", {"currency": "USD", "date": "2026-01-01", "rate": "130"},
                   customs, expect=201)
        draft = second.json("POST", "/api/v1/declarations?org=WFP", {
            "reference": "MULTI-1", "consignee": "Kenya Red Cross", "destination": "KE", "entry_point": "KEMBA",
            "transport_mode": "sea", "transport_document": "MSCU1234567",
            "expected_arrival": "2030-01-10", "transport_document_type": "bill_of_lading", "packages": 12, "packages_kind": "pallets",
            "lines": [{"description": "Family tents", "item_code": "SHE-TENT-FAM", "hs_code": "6306.22", "quantity": "100",
                       "unit": "piece", "gross_kg": 4500, "value": "30000", "currency": "USD", "origin": "PK"}]},
            member, expect=201)
        declaration = draft["id"]
        first.json("POST", f"/api/v1/declarations/{declaration}/steps/lodge", {"version": 1}, member)
        second.json("POST", f"/api/v1/declarations/{declaration}/steps/assign_lane", {"version": 2}, customs)
        for index, document in enumerate(["packing_list", "transport_document", "donation_certificate"]):
            status, text, _ = instances[index % 2].request(
                "POST", f"/api/v1/declarations/{declaration}/documents/{document}?file_name={document}.pdf",
                body=f"%PDF-1.7 {document}", token=member)
            assert status == 200, f"{document}: {status} {text[:300]}"
        arrived = first.json("POST", f"/api/v1/declarations/{declaration}/arrival", token=customs)

        def one_release_wins():
            statuses = race_release(instances, declaration, arrived["version"], customs)
            tally = {status: statuses.count(status) for status in set(statuses)}
            assert tally == {200: 1, 409: RACERS - 1}, f"statuses {tally}"
            after = second.json("GET", f"/api/v1/declarations/{declaration}", token=customs)
            assert after["state"] == "released" and after["version"] == arrived["version"] + 1, after
        results.check(f"{RACERS} releases raced over both servers: one 200, the rest 409", one_release_wins)

        def audit_chain_verifies():
            trail = first.json("GET", f"/api/v1/declarations/{declaration}/audit", token=customs)
            assert trail["verified"] is True, trail
            assert [e["action"] for e in trail["events"]].count("release") == 1, trail["events"]
            assert "Every audit chain verifies." in cli(binary, database, "audit", "verify")
        results.check("the audit chain verifies (API and corridor audit verify)", audit_chain_verifies)

        def each_event_delivered_once():
            expected = int(postgres.psql(f"SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = {hook['id']}",
                                         database=postgres.name))
            assert expected >= 4, f"{expected} events (lodge, lane, arrival, release at least)"
            deadline = time.time() + 30
            while time.time() < deadline and len(receiver.received()) < expected:
                time.sleep(0.25)
            time.sleep(2.5)  # a second delivery of any event would arrive within another polling round
            received = receiver.received()
            ids = [delivery for delivery, _ in received]
            assert len(ids) == expected and len(set(ids)) == expected, f"{len(ids)} posts, {len(set(ids))} distinct, {expected} events"
            assert [event for _, event in received].count("declaration.release") == 1, received
            listed = second.json("GET", "/api/v1/organisations/WFP/webhooks", token=member)["items"]
            mine = [h for h in listed if h["id"] == hook["id"]][0]
            assert mine["delivered"] == expected and mine["pending"] == 0 and mine["failing"] == 0, mine
        results.check("each webhook event reached the receiver exactly once", each_event_delivered_once)

        def a_session_from_one_server_works_on_the_other():
            status, page, headers = first.request("GET", "/login")
            login_csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
            cookie = re.search(r"corridor_login_csrf=([^;]+)", " ".join(headers.get_all("Set-Cookie") or [])).group(1)
            form = urllib.parse.urlencode({"_csrf": login_csrf, "email": MEMBER[0], "password": MEMBER[1], "next": "/"})
            status, _, headers = first.request("POST", "/login", body=form, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"corridor_login_csrf={cookie}"})
            assert status == 303, f"sign-in answered {status}"
            session = [c for c in headers.get_all("Set-Cookie") if c.startswith("corridor_session=")][0].split(";")[0]
            status, text, _ = second.request("GET", "/api/v1/me", headers={"Cookie": session})
            assert status == 200 and json.loads(text)["email"] == MEMBER[0], f"{status} {text[:300]}"
            assert second.request("GET", "/api/v1/me")[0] == 401, "without the cookie, nobody is signed in"
        results.check("a session begun on one server is honoured by the other", a_session_from_one_server_works_on_the_other)
    except Exception as error:  # setup failed: report it as a failure and show the logs
        results.failed += 1
        print(f"FAIL setting up: {error!r}")
        for instance in instances:
            print(f"--- {instance.name} log (end) ---\n{instance.log()[-3000:] if instance.process else ''}")
    finally:
        for instance in instances:
            instance.stop()
        receiver.shutdown()
        postgres.drop()
    print(f"multi-instance: {results.passed} passed, {results.failed} failed in {time.time() - started:.1f} s")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
