#!/usr/bin/env python3
"""Write load for .ci/kill9, and the check after the restart.

  kill9-client.py load BASE RECORDS SECONDS JVM_PID KILL_AFTER
      16 clients write on several modules for SECONDS; at KILL_AFTER seconds the JVM gets SIGKILL.
      Every 2xx answer is recorded with what was written (RECORDS, JSON).
  kill9-client.py verify BASE RECORDS RECEIVED
      Every acknowledged write must be readable with its content, and every committed change's
      effects must have happened once: each RESOLVED ticket has one follow-up, one survey invitation
      and one knowledge draft, and the webhook receiver got its ticket.resolved event, signed; each
      merged customer's interaction, ticket and follow-up are the target's, never half of them.
      Prints acknowledged/lost per resource and `N passed, M failed`; exits 1 on any loss.
  kill9-client.py receive PORT RECEIVED
      A webhook receiver on 127.0.0.1:PORT that appends each delivery (headers and body) to RECEIVED.

A write that was sent but not answered (in flight at the kill) may or may not have happened, so a
mutable record may show the last acknowledged state or one attempted after it, never an older one.
"""
import base64
import hashlib
import hmac
import http.client
import http.server
import json
import os
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, urlsplit

AUTH = "Basic " + base64.b64encode(b"admin:admin").decode()
CLIENTS = 16


class Http:
    """One keep-alive connection per thread; a broken one is reopened on the next call."""

    def __init__(self, base):
        url = urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.local = threading.local()

    def call(self, method, path, body=None, timeout=10, headers=None):
        """(status, text); the answer's headers stay in self.local.headers."""
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        headers = {"Authorization": AUTH, **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, "/api/v1" + path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            self.local.headers = response.headers
            return response.status, text
        except (OSError, http.client.HTTPException):
            conn.close()
            self.local.conn = None
            raise


def next_move(tickets, mine, n, tag, follow_up_at):
    """(ticket id, transition body) for the oldest of `mine` not yet RESOLVED by what `tickets` records, or None.
    One ticket at a time is taken through the flow, so that several get resolved in a few seconds; three
    proposals in four are accepted, and the resolution has effects in three modules."""
    def stage(t):
        entry = tickets[t]
        return entry["attempted"][-1] if entry["attempted"] else entry["acked"]
    open_tickets = [t for t in mine if stage(t) != "RESOLVED"]
    if not open_tickets:
        return None
    target = {"NEW": "ACKNOWLEDGED", "ACKNOWLEDGED": "INVESTIGATING", "INVESTIGATING": "SOLUTION_PROPOSED",
              "SOLUTION_PROPOSED": "RESOLVED" if n % 4 != 3 else "INVESTIGATING"}[stage(open_tickets[0])]
    move = {"to": target, "note": tag}
    if target == "RESOLVED":
        move["resolution"] = {"summary": f"退费 {tag}", "rootCause": f"root cause {tag}"}
        move["commitment"] = {"text": "三天后回访", "followUpAt": follow_up_at.strftime("%Y-%m-%dT%H:%M:%SZ")}
    return open_tickets[0], move


def load(base, records_path, seconds, jvm_pid, kill_after, receiver_url):
    api = Http(base)
    run = format(int(time.time() * 1000), "x")
    lock = threading.Lock()
    records = {"customer": [], "upsert": {}, "ticket": {}, "followup": [], "article": [], "merge": []}
    counts = {"sent": 0, "acknowledged": 0, "other": {}}

    def ok(status):
        return 200 <= status < 300

    def note(status):
        with lock:
            counts["sent"] += 1
            if ok(status):
                counts["acknowledged"] += 1
            else:
                counts["other"][str(status)] = counts["other"].get(str(status), 0) + 1

    # Effects to check after the restart: a webhook for resolutions and a survey sent on every resolution.
    status, text = api.call("POST", "/webhooks", {"url": receiver_url, "topics": ["calmdesk/ticket/RESOLVED"],
                                                  "description": "kill9 receiver"})
    if status != 201:
        sys.exit(f"webhook: {status} {text}")
    records["webhookSecret"] = json.loads(text)["secret"]
    status, text = api.call("POST", "/surveys", {"name": f"kill9 {run}", "trigger": "TICKET_RESOLVED", "questions": [
        {"key": "csat", "type": "CSAT", "text": "满意吗？", "required": True}]})
    if status != 201:
        sys.exit(f"survey: {status} {text}")
    records["surveyId"] = json.loads(text)["id"]

    seed = []
    for i in range(16):
        status, text = api.call("POST", "/customers", {"name": f"kill9 seed {run}-{i}"})
        if status != 201:
            sys.exit(f"seed customer: {status} {text}")
        seed.append(json.loads(text)["id"])
    due_base = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=2)
    stop_at = time.monotonic() + seconds

    def created(status, text):
        note(status)
        return json.loads(text)["id"] if ok(status) else None

    def merge_round(tag):
        """Two customers, the source with an interaction, a ticket and a follow-up, then the merge: the
        ticket and follow-up move in their modules' consumers of MERGED, after the merge's commit, so a
        kill falls between the merge and their handling now and then."""
        target = created(*api.call("POST", "/customers", {"name": f"合并 {tag}", "tags": ["kill9"]}))
        source = target and created(*api.call("POST", "/customers", {"name": f"合并 {tag}", "tags": ["kill9"]}))
        interaction = source and created(*api.call("POST", f"/customers/{source}/interactions", {
            "channel": "PHONE", "direction": "INBOUND", "summary": f"来电 {tag}"}))
        ticket = interaction and created(*api.call("POST", "/tickets", {
            "customerId": source, "channel": "PHONE", "category": "BILLING", "subject": f"合并 {tag}",
            "description": f"kill9 merge {tag}", "priority": "P3", "emotion": {"label": "NEUTRAL", "intensity": 0.1}}))
        followup = ticket and created(*api.call("POST", "/followups", {
            "customerId": source, "dueAt": (due_base + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "channel": "PHONE", "purpose": f"合并 {tag}"}))
        if not followup:
            return
        # acked: True (2xx), False (answered otherwise: nothing may have moved), None (no answer: either).
        entry = {"target": target, "source": source, "interaction": interaction, "ticket": ticket,
                 "followup": followup, "acked": None}
        with lock:
            records["merge"].append(entry)
        status, _ = api.call("POST", f"/customers/{target}/merge", {"sourceId": source})
        note(status)
        with lock:
            entry["acked"] = ok(status)

    def worker(w):
        n = 0
        my_refs = []
        my_tickets = []  # [id, acked status, attempted statuses]
        while time.monotonic() < stop_at:
            n += 1
            tag = f"{run}-{w}-{n}"
            op = n % 6
            if (op == 5 and n % 12 == 11 or op == 1 and n % 12 == 1) and my_tickets:
                op = 3  # every other article and upsert round moves a ticket instead: resolutions come often
            try:
                if op == 0 and n % 12 == 6:
                    merge_round(tag)
                elif op == 0:
                    body = {"name": f"客户 {tag}", "email": f"k{tag}@example.cn", "externalRef": f"post-{tag}",
                            "tags": ["kill9", f"w{w}"]}
                    status, text = api.call("POST", "/customers", body)
                    note(status)
                    if ok(status):
                        with lock:
                            records["customer"].append({"id": json.loads(text)["id"], "sent": body})
                elif op == 1:
                    if my_refs and n % 4 != 1:
                        ref = my_refs[n % len(my_refs)]
                    else:
                        ref = f"upsert-{tag}"
                        my_refs.append(ref)
                    body = {"name": f"Upsert {tag}", "notes": f"written by {tag}"}
                    with lock:
                        entry = records["upsert"].setdefault(ref, {"acked": None, "attempted": [], "writes": 0})
                        entry["attempted"].append(body)
                    status, text = api.call("PUT", "/customers/external/" + quote(ref), body)
                    note(status)
                    if ok(status):
                        with lock:
                            entry["acked"] = body
                            entry["attempted"] = []
                            entry["writes"] += 1
                elif op in (2, 3) and (op == 2 or not my_tickets):
                    body = {"customerId": seed[n % len(seed)], "channel": "PHONE", "category": "BILLING",
                            "subject": f"工单 {tag}", "description": f"kill9 ticket {tag}", "priority": "P3",
                            "emotion": {"label": "NEUTRAL", "intensity": 0.1}}
                    status, text = api.call("POST", "/tickets", body)
                    note(status)
                    if ok(status):
                        ticket_id = json.loads(text)["id"]
                        with lock:
                            records["ticket"][ticket_id] = {"sent": body, "acked": "NEW", "attempted": [],
                                                            "transitions": 0}
                        my_tickets.append(ticket_id)
                elif op == 3:
                    step = next_move(records["ticket"], my_tickets, n, tag, due_base + timedelta(days=1))
                    if step is None:
                        continue
                    ticket_id, move = step
                    entry, target = records["ticket"][ticket_id], move["to"]
                    with lock:
                        entry["attempted"].append(target)
                    status, text = api.call("POST", f"/tickets/{ticket_id}/transitions", move)
                    note(status)
                    if ok(status):
                        with lock:
                            entry["acked"] = target
                            entry["attempted"] = []
                            entry["transitions"] += 1
                    elif status < 500:
                        # Answered and refused: nothing happened, the ticket stays where it was.
                        with lock:
                            entry["attempted"].pop()
                elif op == 4:
                    due = (due_base + timedelta(seconds=n * 17 + w)).strftime("%Y-%m-%dT%H:%M:%SZ")
                    body = {"customerId": seed[n % len(seed)], "dueAt": due, "channel": "PHONE",
                            "purpose": f"回访 {tag}", "assignee": f"agent-{w}"}
                    status, text = api.call("POST", "/followups", body)
                    note(status)
                    if ok(status):
                        with lock:
                            records["followup"].append({"id": json.loads(text)["id"], "sent": body})
                else:
                    body = {"title": f"Article {tag}", "problem": f"问题 {tag}", "rootCause": "kill9",
                            "solution": f"solution {tag}", "category": "BILLING", "language": "zh",
                            "scripts": [f"script {tag}"], "tags": ["kill9"]}
                    status, text = api.call("POST", "/articles", body)
                    note(status)
                    if ok(status):
                        with lock:
                            records["article"].append({"id": json.loads(text)["id"], "sent": body})
            except (OSError, http.client.HTTPException):
                with lock:
                    counts["sent"] += 1
                    counts["other"]["no answer"] = counts["other"].get("no answer", 0) + 1
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(CLIENTS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(max(0.0, kill_after - (time.monotonic() - started)))
    with lock:
        acked_before_kill = counts["acknowledged"]
    records["killedAt"] = datetime.now(timezone.utc).isoformat()
    try:
        os.kill(jvm_pid, signal.SIGKILL)
    except ProcessLookupError:
        sys.exit(f"no JVM with pid {jvm_pid} to kill")
    print(f"kill -9 of the JVM after {time.monotonic() - started:.1f} s of load, "
          f"{acked_before_kill} writes acknowledged by then")
    for t in threads:
        t.join()
    with lock:
        print(f"load: {counts['sent']} requests, {counts['acknowledged']} acknowledged (2xx), others: "
              + (", ".join(f"{k}: {v}" for k, v in sorted(counts["other"].items())) or "none"))
        if counts["acknowledged"] < 100:
            sys.exit("too few acknowledged writes to prove anything")
        with open(records_path, "w", encoding="utf-8") as out:
            json.dump(records, out, ensure_ascii=False)


def same_instant(a, b):
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
    return a is not None and b is not None and parse(a) == parse(b)


def verify(base, records_path, received_path):
    with open(records_path, encoding="utf-8") as f:
        records = json.load(f)
    results = check_writes(base, records, received_path)
    boot_path = os.path.join(os.path.dirname(records_path), "boot.json")
    if os.path.exists(boot_path):
        with open(boot_path, encoding="utf-8") as f:
            boot = json.load(f)
        print("reads of existing records while restarting, by status: " + json.dumps(boot["counts"]))
        for body in boot.get("transient", []):
            print("  a transient 404 (the next read answered): " + body[:300])
        reads = sum(boot["counts"].values())
        results["reads during the restart (no 404/500)"] = (boot["bad"] + ([] if boot["served"] else ["never served"])
                                                            + [None] * max(0, reads - len(boot["bad"])))
    sys.exit(1 if report(results, "kill9") else 0)


def check_writes(base, records, received_path):
    """Each acknowledged write read back, and the effects of each resolution: {check: [None or what is wrong]}."""
    api = Http(base)

    def get(path):
        # A module may still be starting: 503 or no answer is retried for a while, a 404 is a loss.
        deadline = time.monotonic() + 30
        while True:
            try:
                status, text = api.call("GET", path)
                if status not in (502, 503) or time.monotonic() > deadline:
                    return status, (json.loads(text) if status == 200 else text)
            except (OSError, http.client.HTTPException):
                if time.monotonic() > deadline:
                    return 0, "no answer"
            time.sleep(0.5)

    def check_customer(record):
        status, body = get("/customers/" + record["id"])
        sent = record["sent"]
        if status != 200:
            return f"customer {record['id']}: {status}"
        for field in ("name", "email", "externalRef"):
            if body.get(field) != sent[field]:
                return f"customer {record['id']}: {field} is {body.get(field)!r}, written {sent[field]!r}"
        if sorted(body.get("tags") or []) != sorted(sent["tags"]):
            return f"customer {record['id']}: tags {body.get('tags')}"
        return None

    def check_upsert(item):
        ref, entry = item
        if entry["acked"] is None:
            return None
        status, body = get("/customers/external/" + quote(ref))
        if status != 200:
            return f"upsert {ref}: {status}"
        seen = {"name": body.get("name"), "notes": body.get("notes")}
        if seen != entry["acked"] and seen not in entry["attempted"]:
            return f"upsert {ref}: {seen}, acknowledged {entry['acked']}"
        return None

    def check_ticket(item):
        ticket_id, entry = item
        status, body = get("/tickets/" + ticket_id)
        if status != 200:
            return f"ticket {ticket_id}: {status}", True
        for field in ("customerId", "subject", "description"):
            if body.get(field) != entry["sent"][field]:
                return f"ticket {ticket_id}: {field} is {body.get(field)!r}", True
        if body.get("status") != entry["acked"] and body.get("status") not in entry["attempted"]:
            return f"ticket {ticket_id}: status {body.get('status')}, acknowledged {entry['acked']}", False
        return None

    def check_followup(record):
        status, body = get("/followups/" + record["id"])
        sent = record["sent"]
        if status != 200:
            return f"follow-up {record['id']}: {status}"
        for field in ("customerId", "purpose", "channel", "assignee"):
            if body.get(field) != sent[field]:
                return f"follow-up {record['id']}: {field} is {body.get(field)!r}"
        if not same_instant(body.get("dueAt"), sent["dueAt"]):
            return f"follow-up {record['id']}: dueAt {body.get('dueAt')}, written {sent['dueAt']}"
        return None

    def check_article(record):
        status, body = get("/articles/" + record["id"])
        sent = record["sent"]
        if status != 200:
            return f"article {record['id']}: {status}"
        for field in ("title", "problem", "rootCause", "solution", "language", "scripts"):
            if body.get(field) != sent[field]:
                return f"article {record['id']}: {field} is {body.get(field)!r}"
        return None

    def check_merge(entry):
        """All of the source's records are the target's once the source is merged, none before: after
        the restart the modules that had not handled the merge yet must catch up from the event log."""
        deadline = time.monotonic() + 60
        while True:
            status, source = get("/customers/" + entry["source"])
            if status != 200:
                return f"merge source {entry['source']}: {status}"
            merged = source.get("mergedInto")
            if merged not in (None, entry["target"]):
                return f"merge source {entry['source']}: mergedInto {merged}"
            if entry["acked"] is not None and bool(merged) != entry["acked"]:
                return f"merge of {entry['source']}: answered {'2xx' if entry['acked'] else 'a refusal'}, mergedInto {merged}"
            owner = entry["target"] if merged else entry["source"]
            elsewhere = []
            for what, path in (("ticket", "/tickets/" + entry["ticket"]), ("follow-up", "/followups/" + entry["followup"])):
                status, body = get(path)
                if status != 200:
                    return f"merged {what}: {status}"
                if body.get("customerId") != owner:
                    elsewhere.append(f"{what} (with {body.get('customerId')})")
            status, body = get(f"/customers/{owner}/interactions?limit=100")
            if status != 200 or entry["interaction"] not in [i["id"] for i in body["items"]]:
                elsewhere.append(f"interaction ({status}: {[i['id'] for i in body['items']] if status == 200 else body})")
            if elsewhere and time.monotonic() > deadline:
                # For the diagnosis: whether the log holds a MERGED event of this source.
                after, logged = 0, []
                while True:
                    status, page = get(f"/events?topic=calmdesk%2Fcustomer%2FMERGED&limit=500&after={after}")
                    if status != 200 or not page["items"]:
                        break
                    logged += [e for e in page["items"] if entry["source"] in json.dumps(e)]
                    after = page["items"][-1]["sequence"]
                elsewhere.append(f"MERGED events of the source in the log: {logged}")
            if not elsewhere or time.monotonic() > deadline:
                return (f"merge {entry['source']} -> {entry['target']} ({'done' if merged else 'not done'},"
                        f" answered: {entry['acked']}): "
                        + ", ".join(elsewhere) + " not with " + owner) if elsewhere else None
            time.sleep(1)

    upserts = [item for item in records["upsert"].items() if item[1]["acked"] is not None]
    # Several acknowledged writes to one external ref: only the last one can still be seen.
    with ThreadPoolExecutor(8) as pool:
        results = {
            "POST /customers": list(pool.map(check_customer, records["customer"])),
            "PUT /customers/external/{ref}": [outcome for (ref, entry), result in zip(upserts, pool.map(check_upsert, upserts))
                                              for outcome in [result] + [None] * (entry["writes"] - 1)],
            "POST /followups": list(pool.map(check_followup, records["followup"])),
            "POST /articles": list(pool.map(check_article, records["article"])),
        }
        if "merge" in records:  # .ci/cluster's workload has none
            results["POST /customers/{id}/merge (all moved)"] = list(pool.map(check_merge, records["merge"]))
        tickets = list(records["ticket"].items())
        ticket_results = list(pool.map(check_ticket, tickets))
    results["POST /tickets"] = [r[0] if r and r[1] else None for r in ticket_results]
    # A ticket whose status is older than its last acknowledged transition lost at least that one.
    transitions = []
    for (ticket_id, entry), result in zip(tickets, ticket_results):
        transitions += [None] * entry["transitions"]
        if result and not result[1] and transitions:
            transitions[-1] = result[0]
    results["POST /tickets/{id}/transitions"] = transitions

    # Effects of the committed resolutions, whichever side of the kill they fell on: once each, in every module.
    resolved = []
    for (ticket_id, entry), result in zip(tickets, ticket_results):
        status, body = get("/tickets/" + ticket_id)
        if status == 200 and body.get("status") == "RESOLVED":
            resolved.append(ticket_id)
    secret = base64.b64decode(records["webhookSecret"][len("whsec_"):])

    def signed_deliveries():
        seen = {}
        try:
            with open(received_path, encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    mac = hmac.new(secret, f"{d['id']}.{d['timestamp']}.{d['body']}".encode(), hashlib.sha256).digest()
                    valid = ("v1," + base64.b64encode(mac).decode()) in d["signature"].split(" ")
                    event = json.loads(d["body"])
                    if valid:
                        seen.setdefault(event["resourceId"], set()).add(d["id"])
        except FileNotFoundError:
            pass
        return seen

    killed_at = datetime.fromisoformat(records["killedAt"])
    after_restart = []

    def effects(ticket_id):
        deadline = time.monotonic() + 60
        while True:
            problems = []
            status, body = get("/followups?ticketId=" + ticket_id)
            if status != 200 or len(body["items"]) != 1:
                problems.append(f"follow-ups: {len(body['items']) if status == 200 else status}")
            elif datetime.fromisoformat(body["items"][0]["createdAt"].replace("Z", "+00:00")) > killed_at:
                after_restart.append(ticket_id)
            status, body = get(f"/surveys/{records['surveyId']}/invitations?ticketId={ticket_id}")
            if status != 200 or len(body["items"]) != 1:
                problems.append(f"invitations: {len(body['items']) if status == 200 else status}")
            status, body = get("/articles?status=DRAFT&sourceTicketId=" + ticket_id)
            if status != 200 or len(body["items"]) != 1:
                problems.append(f"drafts: {len(body['items']) if status == 200 else status}")
            if len(signed_deliveries().get(ticket_id, ())) != 1:
                problems.append("webhook: " + str(len(signed_deliveries().get(ticket_id, ()))) + " signed events")
            if not problems or time.monotonic() > deadline:
                return f"ticket {ticket_id}: " + ", ".join(problems) if problems else None
            time.sleep(1)

    with ThreadPoolExecutor(8) as pool:
        results["RESOLVED: follow-up, invitation, draft, webhook"] = list(pool.map(effects, resolved))
    print(f"{len(resolved)} tickets resolved; the follow-up of {len(set(after_restart))} of them was made after the restart,"
          " from the event log")
    if len(resolved) < 5:
        results["RESOLVED: follow-up, invitation, draft, webhook"].append(f"only {len(resolved)} resolutions: too few to prove anything")
    deliveries = sum(1 for _ in open(received_path, encoding="utf-8")) if os.path.exists(received_path) else 0
    print(f"webhook receiver: {deliveries} deliveries of {sum(len(v) for v in signed_deliveries().values())} distinct signed events"
          " (repeats are the at-least-once deliveries of the kill; receivers dedupe by webhook-id)")

    return results


def report(results, label):
    """Prints each check with its count and failures, then `LABEL: N passed, M failed`; returns M."""
    passed = failed = 0
    print(f"{'write':36} {'acknowledged':>12} {'lost':>6}")
    for name, outcomes in results.items():
        lost = [o for o in outcomes if o]
        print(f"{name:36} {len(outcomes):12} {len(lost):6}")
        for o in lost[:5]:
            print(f"    lost: {o}")
        if lost:
            failed += 1
        else:
            passed += 1
    total = sum(len(o) for o in results.values())
    total_lost = sum(1 for o in results.values() for x in o if x)
    print(f"{'all':36} {total:12} {total_lost:6}")
    print(f"{label}: {passed} passed, {failed} failed")
    return failed


def watch_boot(base, records_path, report_path):
    """From the moment the JVM starts until every module has served for 3 s: reads of records that
    exist (one per module) may be refused or answered 503 problem+json with Retry-After, never 404,
    500 or HTML. Written to report_path as JSON for verify."""
    with open(records_path, encoding="utf-8") as f:
        records = json.load(f)
    paths = ["/customers/" + records["customer"][0]["id"], "/tickets/" + next(iter(records["ticket"])),
             "/followups/" + records["followup"][0]["id"], "/articles/" + records["article"][0]["id"],
             "/surveys/" + records["surveyId"]]
    url = urlsplit(base)
    counts, bad, transient = {}, [], []
    serving_since = None
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        statuses = []
        for path in paths:
            try:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                conn.request("GET", "/api/v1" + path, headers={"Authorization": AUTH})
                response = conn.getresponse()
                body = response.read()
                conn.close()
                status = response.status
                kind = response.getheader("Content-Type") or ""
                if status == 404 and "problem+json" in kind:
                    # Known, rare, not yet explained (1 read in about 2,500 during one PostgreSQL restart):
                    # a 404 problem that the next read no longer gives. Reported with its log lines by
                    # .ci/kill9; a 404 that stays is a loss.
                    time.sleep(0.3)
                    try:
                        again = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                        again.request("GET", "/api/v1" + path, headers={"Authorization": AUTH})
                        second = again.getresponse()
                        second.read()
                        again.close()
                        second_status = second.status
                    except (OSError, http.client.HTTPException):
                        second_status = "no answer"
                    # Kept either way: a re-read that fails must not hide the 404 among the refused connections.
                    if second_status in (200, 503, "no answer"):
                        transient.append(body.decode("utf-8", "replace") + f" (then {second_status})")
                    else:
                        bad.append(f"{path}: {status}, then {second_status} {body[:120]!r}")
                elif status not in (200, 503) or (status == 503 and ("problem+json" not in kind or not response.getheader("Retry-After"))):
                    bad.append(f"{path}: {status} {kind} {body[:120]!r}")
            except (OSError, http.client.HTTPException):
                status = "no answer"
            counts[str(status)] = counts.get(str(status), 0) + 1
            statuses.append(status)
        if all(s == 200 for s in statuses):
            serving_since = serving_since or time.monotonic()
            if time.monotonic() - serving_since >= 3:
                break
        else:
            serving_since = None
        time.sleep(0.02)
    with open(report_path, "w", encoding="utf-8") as out:
        json.dump({"counts": counts, "bad": bad, "transient": transient, "served": serving_since is not None}, out)


def receive(port, received_path):
    lock = threading.Lock()

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            with lock, open(received_path, "a", encoding="utf-8") as out:
                out.write(json.dumps({"id": self.headers.get("webhook-id"), "timestamp": self.headers.get("webhook-timestamp"),
                                      "signature": self.headers.get("webhook-signature", ""), "body": body}) + "\n")
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), sys.argv[7])
    elif sys.argv[1] == "watch-boot":
        watch_boot(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "receive":
        receive(int(sys.argv[2]), sys.argv[3])
    else:
        verify(sys.argv[2], sys.argv[3], sys.argv[4])
