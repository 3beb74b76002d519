#!/usr/bin/env python3
"""Light load through a database outage, for .ci/db-outage.

  db-outage-client.py BASE PG_VERSION CLUSTER OUTAGE_SECONDS

Four clients read and write (customers, tickets, follow-ups) with a pause between requests while
probes ask /health/ready and /health/live twice a second. After 8 s the PostgreSQL cluster is
stopped, OUTAGE_SECONDS later started again, and the load goes on until the service has been
ready for 10 s. Every answer is recorded with its phase, status, time taken and Retry-After; the
checks and the figures by status code follow. Exits 1 when a check fails.
"""
import base64
import http.client
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

AUTH = "Basic " + base64.b64encode(b"admin:admin").decode()
MAX_SECONDS = 6.0  # a request that needs the database answers within this, database or not
READY_GRACE = 2.0  # readiness may lag the database by this much, either way


def call(host, port, method, path, body=None, auth=True):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Authorization": AUTH} if auth else {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    started = time.monotonic()
    try:
        conn.request(method, "/api/v1" + path, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return (response.status, time.monotonic() - started, response.getheader("Retry-After"),
                response.getheader("Content-Type") or "", text)
    except (OSError, http.client.HTTPException) as e:
        return 0, time.monotonic() - started, None, "", f"no answer: {e}"
    finally:
        conn.close()


def main(base, version, cluster, outage_seconds):
    url = urlsplit(base)
    host, port = url.hostname, url.port
    ctl = ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster]
    lock = threading.Lock()
    answers = []  # (kind, sent_at, answered_at, status, seconds, retry_after, content_type, body)
    marks = {}
    done = threading.Event()

    def record(kind, sent_at, result):
        status, seconds, retry_after, content_type, body = result
        with lock:
            answers.append((kind, sent_at, time.monotonic(), status, seconds, retry_after, content_type, body[:300]))

    status, _, _, _, text = call(host, port, "POST", "/customers", {"name": "outage seed"})
    if status != 201:
        sys.exit(f"seed customer: {status} {text}")
    customer = json.loads(text)["id"]

    def worker(w):
        n = 0
        while not done.is_set():
            n += 1
            op = n % 4
            sent_at = time.monotonic()
            if op == 0:
                result = call(host, port, "POST", "/customers", {"name": f"outage {w}-{n}"})
            elif op == 1:
                result = call(host, port, "GET", "/customers/" + customer)
            elif op == 2:
                result = call(host, port, "POST", "/tickets", {"customerId": customer, "channel": "EMAIL",
                                                               "category": "OTHER", "subject": f"outage {w}-{n}"})
            else:
                due = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
                result = call(host, port, "POST", "/followups", {"customerId": customer, "dueAt": due,
                                                                 "channel": "PHONE", "purpose": f"outage {w}-{n}"})
            record("api", sent_at, result)
            time.sleep(0.1)

    def probe(path, kind):
        while not done.is_set():
            sent_at = time.monotonic()
            record(kind, sent_at, call(host, port, "GET", path, auth=False))
            time.sleep(0.5)

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(4)]
    threads += [threading.Thread(target=probe, args=("/health/ready", "ready")),
                threading.Thread(target=probe, args=("/health/live", "live"))]
    for t in threads:
        t.start()
    time.sleep(8)
    marks["stopping"] = time.monotonic()
    subprocess.run(ctl + ["stop", "-m", "fast"], check=True)
    marks["down"] = time.monotonic()
    print(f"database stopped; {outage_seconds:.0f} s outage")
    time.sleep(outage_seconds)
    marks["starting"] = time.monotonic()
    subprocess.run(ctl + ["start"], check=True)
    marks["up"] = time.monotonic()
    print(f"database started again ({marks['up'] - marks['starting']:.1f} s)")
    # Wait (at most 30 s) for readiness, then keep the load on for 10 s more.
    deadline = marks["up"] + 30
    while time.monotonic() < deadline and "ready" not in marks:
        with lock:
            ok = [a for a in answers if a[0] == "ready" and a[1] > marks["up"] and a[3] == 200]
        if ok:
            marks["ready"] = ok[0][2]
        time.sleep(0.2)
    time.sleep(10)
    done.set()
    for t in threads:
        t.join()

    def phase(sent_at, answered_at):
        if answered_at < marks["stopping"]:
            return "before"
        if sent_at >= marks["down"] and answered_at <= marks["starting"]:
            return "outage"
        if sent_at >= marks.get("ready", marks["up"]):
            return "after"
        return "transition"

    figures = {}
    for kind, sent_at, answered_at, status, seconds, *_ in answers:
        figures.setdefault((kind, phase(sent_at, answered_at)), Counter())[status or "no answer"] += 1
    print(f"{'requests':8} {'phase':11} answers by status code")
    for kind in ("api", "ready", "live"):
        for name in ("before", "outage", "transition", "after"):
            counts = figures.get((kind, name))
            if counts:
                print(f"{kind:8} {name:11} " + ", ".join(f"{code}: {n}" for code, n in sorted(counts.items(), key=str)))
    slowest = max(a[4] for a in answers)
    print(f"slowest answer: {slowest:.2f} s; ready again {marks['ready'] - marks['up']:.1f} s after the database"
          if "ready" in marks else f"slowest answer: {slowest:.2f} s; never ready again")

    checks = []

    def check(name, failures):
        checks.append((name, failures))

    api_outage = [a for a in answers if a[0] == "api" and phase(a[1], a[2]) == "outage"]
    check("requests that need the database answer 503 during the outage",
          [a for a in api_outage if a[3] != 503] if api_outage else ["no request fell in the outage"])
    check("every 503 carries Retry-After and is application/problem+json",
          [a for a in answers if a[3] == 503 and (not a[5] or not a[6].startswith("application/problem+json"))])
    check(f"no answer takes more than {MAX_SECONDS:.0f} s, none is missing",
          [a for a in answers if a[4] > MAX_SECONDS or a[3] == 0])
    check("no 500 at any time", [a for a in answers if a[3] >= 500 and a[3] != 503])
    check("the API works before the outage", [a for a in answers if a[0] == "api" and phase(a[1], a[2]) == "before"
                                              and not 200 <= a[3] < 300])
    check("/health/ready answers 503 during the outage",
          [a for a in answers if a[0] == "ready" and a[1] >= marks["down"] + READY_GRACE and a[2] <= marks["starting"]
           and a[3] != 503])
    check("/health/ready answers 200 again after the outage, without a restart", [] if "ready" in marks
          else ["/health/ready never answered 200 within 30 s of the database's return"])
    check("/health/live answers 200 throughout", [a for a in answers if a[0] == "live" and a[3] != 200])
    after = [a for a in answers if a[0] == "api" and "ready" in marks and a[1] >= marks["ready"] + READY_GRACE]
    check("the API works again once ready",
          [a for a in after if not 200 <= a[3] < 300] if after else ["no request after readiness"])

    failed = 0
    for name, failures in checks:
        print(f"{'FAIL' if failures else 'ok  '} {name}" + (f" ({len(failures)} answers)" if failures else ""))
        for f in failures[:3]:
            print("       " + (f if isinstance(f, str) else f"{f[0]} status {f[3]} in {f[4]:.2f} s, Retry-After {f[5]}, "
                                                            f"{f[6]}: {f[7][:160]}"))
        failed += bool(failures)
    print(f"db-outage: {len(checks) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]))
