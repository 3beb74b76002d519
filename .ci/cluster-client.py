#!/usr/bin/env python3
"""Workload and checks for .ci/cluster (three nodes behind HAProxy, one of them killed).

  cluster-client.py load LB NODES WORK RECEIVER_URL
      8 clients work through the balancer LB until WORK/stop exists: customers created (with an
      Idempotency-Key) and upserted, tickets taken through the five steps to RESOLVED, follow-ups
      created and completed, survey invitations answered, articles created, published and searched
      for on every node of NODES (comma-separated URLs, asked directly). Every attempt is logged with
      its times and answer; a create without an answer is sent again with its key. Writes
      WORK/records.json (the shape kill9-client.py checks) and WORK/attempts.json.
  cluster-client.py verify LB NODES WORK
      kill9-client.py's checks of every acknowledged write and of each resolution's effects, through
      the balancer, plus the cluster's own: completed follow-ups and answers kept, SLA escalations,
      reminders and overdue transitions once each, search on every node within 5 s, failures only in
      flight at the kill, rate limits and login throttling shared. Ends with `N passed, M failed`.

The kill itself is the shell script's: it writes WORK/killed (Unix time) before the SIGKILL.
"""
import base64
import http.client
import importlib.util
import json
import os
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

sys.dont_write_bytecode = True  # no compiled copy of kill9-client.py next to it
spec = importlib.util.spec_from_file_location("kill9_client", os.path.join(os.path.dirname(__file__), "kill9-client.py"))
kill9 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kill9)
Http = kill9.Http

CLIENTS = 8
# A pause between one client's requests: the nodes boot and the sweeps run on the same 2 cores.
PAUSE = 0.05
SEARCH_WITHIN = 5.0
# Retrying an unanswered create with its key: how long a client keeps at it (a claim left by the killed
# node answers 409 until the idempotency store takes it over).
RETRY_FOR = 20.0


class Attempts:
    """Every HTTP attempt: when it was sent and answered, what, the status (0: no answer), which node answered."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = []

    def call(self, api, method, path, body=None, headers=None, kind=None):
        sent = time.time()
        try:
            status, text = api.call(method, path, body, headers=headers)
            node = api.local.headers.get("X-Calmdesk-Node")
        except (OSError, http.client.HTTPException):
            status, text, node = 0, "no answer", None
        with self.lock:
            self.items.append({"sent": sent, "answered": time.time(), "method": method, "kind": kind or path.split("/")[1],
                               "status": status, "node": node,
                               "detail": text[:400] if status >= 500 or status in (0, 409) else None})
        return status, text


def now_iso(delta=0):
    return (datetime.now(timezone.utc) + timedelta(seconds=delta)).strftime("%Y-%m-%dT%H:%M:%SZ")


def setup(api, receiver_url, run):
    """The webhook, the survey, seed customers, and the sweeps' subjects (P1 tickets that breach, follow-ups soon due)."""
    def must(method, path, body, status=201):
        code, text = api.call(method, path, body)
        if code != status:
            sys.exit(f"setup {method} {path}: {code} {text}")
        return json.loads(text)
    hook = must("POST", "/webhooks", {"url": receiver_url, "topics": ["calmdesk/ticket/RESOLVED"], "description": "cluster receiver"})
    survey = must("POST", "/surveys", {"name": f"cluster {run}", "trigger": "TICKET_RESOLVED", "questions": [
        {"key": "csat", "type": "CSAT", "text": "满意吗？", "required": True}]})
    seed = [must("POST", "/customers", {"name": f"cluster seed {run}-{i}"})["id"] for i in range(12)]
    breaching = [must("POST", "/tickets", {"customerId": seed[i], "channel": "EMAIL", "category": "OTHER", "priority": "P1",
                                           "subject": f"SLA {run}-{i}", "description": "breaches within seconds"})["id"]
                 for i in range(6)]
    soon_due = [must("POST", "/followups", {"customerId": seed[i], "dueAt": now_iso(15), "channel": "PHONE",
                                            "purpose": f"soon due {run}-{i}"})["id"] for i in range(6)]
    return {"webhookSecret": hook["secret"], "surveyId": survey["id"], "seed": seed, "breaching": breaching, "soonDue": soon_due}


def load(lb, nodes, work, receiver_url):
    api = Http(lb)
    attempts = Attempts()
    run = format(int(time.time() * 1000), "x")
    records = {"customer": [], "upsert": {}, "ticket": {}, "followup": [], "article": [], "completed": [], "answered": [],
               "published": []}
    records.update(setup(api, receiver_url, run))
    # Other nodes see a new webhook within a second (each caches the list that long).
    time.sleep(1.5)
    lock = threading.Lock()
    stop = os.path.join(work, "stop")
    due_base = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=2)
    seed = records["seed"]
    open(os.path.join(work, "loading"), "w").close()

    def create(path, body, tag):
        """POST with an Idempotency-Key, sent again with the same key while unanswered: (status, resource)."""
        deadline = time.monotonic() + RETRY_FOR
        while True:
            status, text = attempts.call(api, "POST", path, body, headers={"Idempotency-Key": f"cluster-{tag}"})
            if 200 <= status < 300:
                return status, json.loads(text)
            if status not in (0, 409, 502, 503, 504) or time.monotonic() > deadline:
                return status, None
            time.sleep(0.3)

    def worker(w):
        n = 0
        my_tickets, my_followups, my_refs = [], [], []
        while not os.path.exists(stop):
            n += 1
            tag = f"{run}-{w}-{n}"
            op = n % 7
            if op == 0:
                body = {"name": f"客户 {tag}", "email": f"c{tag}@example.cn", "externalRef": f"post-{tag}", "tags": ["cluster", f"w{w}"]}
                status, made = create("/customers", body, tag)
                if made:
                    with lock:
                        records["customer"].append({"id": made["id"], "sent": body})
            elif op == 1:
                ref = my_refs[n % len(my_refs)] if my_refs and n % 3 else f"upsert-{tag}"
                if ref not in my_refs:
                    my_refs.append(ref)
                body = {"name": f"Upsert {tag}", "notes": f"written by {tag}"}
                with lock:
                    entry = records["upsert"].setdefault(ref, {"acked": None, "attempted": [], "writes": 0})
                    entry["attempted"].append(body)
                status, _ = attempts.call(api, "PUT", "/customers/external/" + quote(ref), body, kind="customers/external")
                if 200 <= status < 300:
                    with lock:
                        entry.update(acked=body, attempted=[], writes=entry["writes"] + 1)
            elif op == 2:
                body = {"customerId": seed[n % len(seed)], "channel": "PHONE", "category": "BILLING", "subject": f"工单 {tag}",
                        "description": f"cluster ticket {tag}", "priority": "P3", "emotion": {"label": "NEUTRAL", "intensity": 0.1}}
                status, made = create("/tickets", body, tag)
                if made:
                    with lock:
                        records["ticket"][made["id"]] = {"sent": body, "acked": "NEW", "attempted": [], "transitions": 0}
                    my_tickets.append(made["id"])
            elif op in (3, 4):
                advance(my_tickets, n, tag)
            elif op == 5:
                if my_followups and n % 2:
                    complete(my_followups.pop(0), tag)
                else:
                    body = {"customerId": seed[n % len(seed)], "dueAt": (due_base + timedelta(seconds=n * 17 + w)).strftime(
                        "%Y-%m-%dT%H:%M:%SZ"), "channel": "PHONE", "purpose": f"回访 {tag}", "assignee": f"agent-{w}"}
                    status, made = create("/followups", body, tag)
                    if made:
                        with lock:
                            records["followup"].append({"id": made["id"], "sent": body})
                        my_followups.append(made["id"])
            elif n % 2:
                answer_survey(my_tickets)
            else:
                publish_article(tag)
            time.sleep(PAUSE)

    def advance(my_tickets, n, tag):
        """One step of the five for this client's oldest open ticket."""
        step = kill9.next_move(records["ticket"], my_tickets, n, tag, due_base + timedelta(days=1))
        if step is None:
            return
        ticket_id, move = step
        entry, target = records["ticket"][ticket_id], move["to"]
        with lock:
            entry["attempted"].append(target)
        status, _ = attempts.call(api, "POST", f"/tickets/{ticket_id}/transitions", move, kind="tickets/transitions")
        with lock:
            if 200 <= status < 300:
                entry.update(acked=target, attempted=[], transitions=entry["transitions"] + 1)
            elif 0 < status < 500 and status != 409:
                entry["attempted"].pop()
            elif status == 409 or status >= 500 or status == 0:
                # Unknown or refused: read where the ticket stands and go on from there.
                code, text = attempts.call(api, "GET", f"/tickets/{ticket_id}", kind="tickets/read")
                if code == 200:
                    seen = json.loads(text)["status"]
                    if seen == entry["acked"]:
                        entry["attempted"].pop()

    def complete(followup_id, tag):
        outcome = {"summary": f"done {tag}", "customerSatisfied": True}
        for _ in range(20):
            status, _ = attempts.call(api, "POST", f"/followups/{followup_id}/complete", outcome, kind="followups/complete")
            if 200 <= status < 300 or status == 409:  # 409 after an unanswered try: that one did it
                with lock:
                    records["completed"].append({"id": followup_id, "acked": 200 <= status < 300})
                return
            if status not in (0, 502, 503, 504):
                return
            time.sleep(0.3)

    def answer_survey(my_tickets):
        resolved = [t for t in my_tickets if records["ticket"][t]["acked"] == "RESOLVED"
                    and t not in answered_tickets]
        if not resolved:
            return
        ticket_id = resolved[0]
        status, text = attempts.call(api, "GET", f"/surveys/{records['surveyId']}/invitations?ticketId={ticket_id}",
                                     kind="surveys/invitations")
        if status != 200 or not json.loads(text)["items"]:
            return  # the invitation follows the resolution asynchronously
        token = json.loads(text)["items"][0]["token"]
        answered_tickets.add(ticket_id)
        for _ in range(20):
            status, _ = attempts.call(api, "POST", f"/survey-responses/{token}", {"answers": {"csat": 5}}, kind="survey-responses")
            if status == 201 or status == 409:
                with lock:
                    records["answered"].append({"ticketId": ticket_id, "acked": status == 201})
                return
            if status not in (0, 502, 503, 504):
                return
            time.sleep(0.3)

    def publish_article(tag):
        word = f"clusterword{tag.replace('-', 'x')}"
        body = {"title": f"Article {tag} {word}", "problem": f"问题 {tag}", "rootCause": "cluster",
                "solution": f"solution {word}", "category": "DELIVERY", "language": "en", "scripts": [f"script {tag}"],
                "tags": ["cluster"]}
        status, made = create("/articles", body, tag)
        if not made:
            return
        with lock:
            records["article"].append({"id": made["id"], "sent": body})
        for _ in range(20):
            status, text = attempts.call(api, "POST", f"/articles/{made['id']}/publish", kind="articles/publish")
            if 200 <= status < 300 or status == 409:
                break
            if status not in (0, 502, 503, 504):
                return
            time.sleep(0.3)
        else:
            return
        published_at = time.time()
        with lock:
            records["published"].append({"id": made["id"], "word": word, "at": published_at})
        searches.append((made["id"], word, published_at))

    answered_tickets = set()
    searches = []
    found = []  # (article id, node, published at, seconds until found there or why not)

    node_apis = [(url, Http(url)) for url in nodes.split(",")]
    # Enough threads that no search waits for one (each is mostly asleep): the time measured is the product's.
    search_pool = ThreadPoolExecutor(64)

    def search_until_found(article_id, word, at, url, node_api):
        """Asks one node directly every 0.2 s until its search finds the article: seconds from publication
        to the search that found it, or why not within 10 s."""
        status = None
        while time.time() - at < 10:
            sent = time.time()
            try:
                status, text = node_api.call("GET", f"/articles/search?q={word}&limit=5")
            except (OSError, http.client.HTTPException):
                status, text = 0, ""
            if status == 200 and any(i["article"]["id"] == article_id for i in json.loads(text)["items"]):
                found.append((article_id, url, at, max(0.0, sent - at)))
                return
            time.sleep(0.2)
        found.append((article_id, url, at, "not found in 10 s" if status == 200 else f"node answered {status}"))

    def searcher():
        """Every published article is looked for on every node, each on a thread of its own."""
        futures = []
        while not os.path.exists(stop) or searches:
            while searches:
                article_id, word, at = searches.pop(0)
                futures += [search_pool.submit(search_until_found, article_id, word, at, url, node_api)
                            for url, node_api in node_apis]
            time.sleep(0.05)
        for f in futures:
            f.result()

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(CLIENTS)]
    search_thread = threading.Thread(target=searcher, daemon=True)
    started = time.time()
    for t in threads + [search_thread]:
        t.start()
    for t in threads:
        t.join()
    search_thread.join(timeout=20)
    killed = float(open(os.path.join(work, "killed")).read()) if os.path.exists(os.path.join(work, "killed")) else None
    records["killedAt"] = datetime.fromtimestamp(killed or started, timezone.utc).isoformat()
    records["searches"] = found
    counts = Counter(str(a["status"]) for a in attempts.items)
    print(f"load: {len(attempts.items)} requests through the balancer in {time.time() - started:.0f} s "
          f"({len(attempts.items) / (time.time() - started):.0f}/s), by status: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    with open(os.path.join(work, "records.json"), "w", encoding="utf-8") as out:
        json.dump(records, out, ensure_ascii=False)
    with open(os.path.join(work, "attempts.json"), "w", encoding="utf-8") as out:
        json.dump(attempts.items, out)


def events(api, topic):
    """Every event of a topic in the feed."""
    items, after = [], ""
    while True:
        status, text = api.call("GET", f"/events?topic={quote(topic)}&limit=200" + (f"&after={quote(after)}" if after else ""))
        if status != 200:
            raise SystemExit(f"/events: {status} {text}")
        page = json.loads(text)
        items += page["items"]
        if not page.get("nextCursor") or not page["items"]:
            return items
        after = page["nextCursor"]


def verify(lb, nodes, work):
    api = Http(lb)
    with open(os.path.join(work, "records.json"), encoding="utf-8") as f:
        records = json.load(f)
    with open(os.path.join(work, "attempts.json"), encoding="utf-8") as f:
        attempts = json.load(f)
    marks = {name: float(open(os.path.join(work, name)).read()) for name in ("killed", "restarting", "restarted")}
    results = kill9.check_writes(lb, records, os.path.join(work, "received.jsonl"))

    def read(path):
        status, text = api.call("GET", path)
        return status, json.loads(text) if status == 200 else text

    # Completions and survey answers are kept.
    results["POST /followups/{id}/complete"] = [
        None if (s := read(f"/followups/{c['id']}"))[0] == 200 and s[1]["status"] == "DONE" else f"follow-up {c['id']}: {s}"
        for c in records["completed"] if c["acked"]]
    survey = records["surveyId"]
    results["POST /survey-responses/{token}"] = [
        None if (s := read(f"/surveys/{survey}/invitations?ticketId={a['ticketId']}"))[0] == 200
        and [i["status"] for i in s[1]["items"]] == ["RESPONDED"] else f"ticket {a['ticketId']}: {s}"
        for a in records["answered"] if a["acked"]]

    # Time-driven work done once between the nodes: each escalation level, reminder and overdue transition.
    def once(topic, key, subjects, expected):
        seen = Counter(key(e) for e in events(api, topic) if e["resourceId"] in subjects)
        wrong = [f"{k}: {v} events" for k, v in seen.items() if v != 1]
        missing = [f"{k}: none" for k in expected(subjects) if k not in seen]
        return wrong + missing + [None] * (len(seen) - len(wrong))

    deadline = time.time() + 20  # the last escalation level may still be due
    while True:
        escalations = once("calmdesk/ticket/ESCALATED", lambda e: (e["resourceId"], e["data"]["to"]), set(records["breaching"]),
                           lambda s: [(t, level) for t in s for level in (1, 2, 3)])
        if all(e is None for e in escalations) or time.time() > deadline:
            break
        time.sleep(1)
    results["SLA escalations, once per level"] = escalations
    for topic in ("REMINDER", "OVERDUE"):
        results[f"follow-up {topic}, once each"] = once(f"calmdesk/followup/{topic}", lambda e: e["resourceId"],
                                                        set(records["soonDue"]), lambda s: list(s))
    # Webhook deliveries: repeats of one webhook-id are the at-least-once of the kill; distinct ids once per event.
    resolved_events = {e["id"] for e in events(api, "calmdesk/ticket/RESOLVED")}
    received = [json.loads(line) for line in open(os.path.join(work, "received.jsonl"), encoding="utf-8")]
    distinct = {d["id"] for d in received}
    results["webhook: every RESOLVED event delivered"] = [None if e in distinct else f"event {e} never delivered"
                                                          for e in resolved_events]
    print(f"webhook receiver: {len(received)} deliveries, {len(distinct)} distinct webhook-ids, "
          f"{len(resolved_events)} RESOLVED events in the log")

    # Search: published through one node, found on every node within 5 s. The killed node is excused from
    # its kill until 10 s after its restart, and must find every published article at the end.
    killed, back = marks["killed"], marks["restarted"]
    victim, victim_name = open(os.path.join(work, "victim")).read().split()
    outcomes = []
    for article_id, url, at, seconds in records["searches"]:
        if url == victim and killed - 10 <= at <= back + 10:
            continue
        ok = isinstance(seconds, (int, float)) and seconds <= SEARCH_WITHIN
        outcomes.append(None if ok else f"{article_id} on {url}: {seconds if not isinstance(seconds, float) else round(seconds, 1)}")
    times = sorted(s for *_, s in records["searches"] if isinstance(s, (int, float)))
    if times:
        print(f"search on every node after publication: {len(records['published'])} articles, median "
              f"{times[len(times) // 2]:.2f} s, slowest {times[-1]:.2f} s")
    # Per node: a lag that only one node shows is that node's relay or index, not the machine.
    for node_url in sorted({url for _, url, *_ in records["searches"]}):
        mine = [s for _, url, _, s in records["searches"] if url == node_url]
        timed = sorted(s for s in mine if isinstance(s, (int, float)))
        late = sum(1 for s in mine if not isinstance(s, (int, float)) or s > SEARCH_WITHIN)
        phases = Counter("before the kill" if at < killed else "while down or booting" if at < back else "after the restart"
                         for _, url, at, s in records["searches"]
                         if url == node_url and (not isinstance(s, (int, float)) or s > SEARCH_WITHIN))
        if timed:
            print(f"  {node_url}: {len(mine)} look-ups, {late} over {SEARCH_WITHIN} s or not found "
                  f"({', '.join(f'{v} {k}' for k, v in phases.items()) or 'none'}), median "
                  f"{timed[len(timed) // 2]:.2f} s, p95 {timed[int(len(timed) * 0.95)]:.2f} s, slowest {timed[-1]:.2f} s")
    node_api = Http(victim)
    for p in records["published"]:
        status, text = node_api.call("GET", f"/articles/search?q={p['word']}&limit=5")
        ok = status == 200 and any(i["article"]["id"] == p["id"] for i in json.loads(text)["items"])
        outcomes.append(None if ok else f"{p['id']} not found on the restarted node {victim} ({status})")
    results["article found by search on every node"] = outcomes if records["published"] else ["no article published"]

    # Failures: only requests in flight on the killed node (sent before the kill, answered after it). The
    # kill happened between the stamps "killed" and "killed-done": a request sent in that window may have
    # been in flight (CI saw three sent 0.02-0.12 s after "killed" fail with 502 at the kill).
    kill_path = os.path.join(work, "killed-done")
    kill_done = float(open(kill_path).read()) if os.path.exists(kill_path) else killed
    failed = [a for a in attempts if a["status"] == 0 or a["status"] >= 500]
    in_flight = [a for a in attempts if a["sent"] <= kill_done and killed < a["answered"]]
    unexpected = [a for a in failed if not (a["sent"] <= killed + 0.5)]
    print(f"requests through the balancer: {len(attempts)}; in flight at the kill: {len(in_flight)}; failed (5xx or no answer): "
          f"{len(failed)}, of them sent after the kill: {len(unexpected)}; by node: "
          + json.dumps(Counter(a['node'] for a in attempts if a['node'])))
    for a in failed[:8]:
        print(f"    failed: {a['method']} {a['kind']} {a['status']} sent {a['sent'] - killed:+.2f} s from the kill, answered "
              f"after {a['answered'] - a['sent']:.2f} s: {a['detail']}")
    results["failed requests only those in flight at the kill"] = (
        [f"{a['method']} {a['kind']} {a['status']} sent {a['sent'] - killed:+.2f} s after the kill: {a['detail']}" for a in unexpected]
        + [None] * (len(attempts) - len(unexpected)))
    results[f"failed requests at most the {CLIENTS} clients' in-flight ones"] = (
        [None] if len(failed) <= min(CLIENTS, len(in_flight)) else [f"{len(failed)} failed, {len(in_flight)} in flight"])
    # The rolling module change: no request may fail while nodes leave rotation, change and return.
    rolling = [os.path.join(work, name) for name in ("rolling-started", "rolling-ended")]
    if all(os.path.exists(path) for path in rolling):
        began, ended = (float(open(path).read()) for path in rolling)
        during = [a for a in attempts if began <= a["sent"] <= ended]
        failed_during = [a for a in during if a["status"] == 0 or a["status"] >= 500]
        print(f"rolling module change: {len(during)} requests in {ended - began:.0f} s, {len(failed_during)} failed, by node: "
              + json.dumps(Counter(a["node"] for a in during)))
        results["rolling module change: no failed request"] = (
            [f"{a['method']} {a['kind']} {a['status']}: {a['detail']}" for a in failed_during] + [None] * (len(during) - len(failed_during)))
    else:
        results["rolling module change: no failed request"] = ["the rolling change did not run"]
    for url, node_api in [(url, Http(url)) for url in nodes.split(",")]:
        status, text = node_api.call("GET", "/health")
        emotion = [m for m in json.loads(text)["modules"] if m["name"] == "emotion"] if status == 200 else []
        results.setdefault("emotion module installed and serving on every node", []).append(
            None if emotion and emotion[0]["serving"] else f"{url}: {emotion or status}")
    served = Counter(a["node"] for a in attempts if a["node"] and a["sent"] > back)
    results["the restarted node takes requests again"] = [None] if served.get(victim_name) else [f"after its restart: {dict(served)}"]
    conflicts = Counter(f"{a['method']} {a['kind']}" for a in attempts if a["status"] == 409)
    if conflicts:
        print("409 answers: " + json.dumps(conflicts))
        for kind in conflicts:
            sample = next(a for a in attempts if a["status"] == 409 and f"{a['method']} {a['kind']}" == kind)
            print(f"    {kind}, sent {sample['sent'] - killed:+.1f} s from the kill: {sample['detail']}")
    writes = sum(len(v) if isinstance(v, list) else 0 for k, v in records.items() if k in ("customer", "followup", "article"))
    print(f"acknowledged creates: {writes + len(records['ticket'])}, upserts: "
          f"{sum(e['writes'] for e in records['upsert'].values())}, transitions: "
          f"{sum(e['transitions'] for e in records['ticket'].values())}, completions: {len(records['completed'])}, "
          f"survey answers: {len(records['answered'])}, published: {len(records['published'])}")

    results.update(shared_limits(lb, nodes))
    sys.exit(1 if kill9.report(results, "cluster") else 0)


def shared_limits(lb, nodes):
    """Login throttling and the survey's token-guess limit counted in PostgreSQL, so across nodes."""
    results = {}
    throttled = Http(lb)
    throttled_auth = {"Authorization": "Basic " + base64.b64encode(b"throttled:wrong").decode()}
    for _ in range(12):  # 10 failed logins per user lock it; round-robin spreads these over 3 nodes (4 each)
        throttled.call("GET", "/customers?limit=1", headers=throttled_auth)
    right = {"Authorization": "Basic " + base64.b64encode(b"throttled:throttled").decode()}
    locked = []
    for url in nodes.split(","):
        status, _ = Http(url).call("GET", "/customers?limit=1", headers=right)
        locked.append(None if status == 429 else f"{url}: {status} for the right password after 12 failures")
    results["login throttling shared (429 on every node)"] = locked
    guesses = Counter()
    host, port = lb.split("//")[1].split(":")
    began = time.monotonic()
    for i in range(30):  # 20 guessed tokens a minute per address; the open endpoint takes no login
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", f"/api/v1/survey-responses/guess-{os.getpid()}-{i}")
        response = conn.getresponse()
        response.read()
        conn.close()
        guesses[response.status] += 1
    # The allowance comes back at one guess per 3 s; counted per node, all 30 would be answered 404.
    allowed = 20 + int((time.monotonic() - began) / 3)
    results[f"survey token guesses limited across nodes (30 sent, {allowed} allowed)"] = (
        [None] if 20 <= guesses[404] <= allowed and guesses[404] + guesses[429] == 30 else [f"answers: {dict(guesses)}"])
    return results


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(*sys.argv[2:6])
    elif sys.argv[1] == "verify":
        verify(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
