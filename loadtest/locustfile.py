"""The simulated users of ``make loadtest`` (Locust, headless; started by loadtest.run).

Two kinds of visitor, each from its own internet address (sent as X-Forwarded-For, read with PROXY_COUNT=1 as
behind one proxy, so per-address limits count it as a distinct client):
- ``Visitor``: reads public pages; now and then asks for a login link for a member's email address (queues email).
- ``Member``: logs in with a printed login code (POST /inloggen/code/), reads its pages, submits topics, replies to
  its meeting invitation, and now and then logs out and in again as the next member.

Every request is recorded by endpoint group with its outcome; every topic and reply that got a success page is
recorded with its id. At the end all of it is written to $LOADTEST_RESULTS (JSON) for loadtest.run to check.
Reads the plan of loadtest.seed from $LOADTEST_PLAN.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import uuid
from collections import defaultdict
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"], encoding="utf-8").read())  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOPIC_DETAIL = re.compile(r"/orgaan/[^/]+/[^/]+/onderwerpen/(\d+)/")
LINK_REQUESTS_PER_VISITOR = 10  # below the per-address limit of link requests: a real person asks rarely

_addresses = itertools.count(1)
_members = itertools.count()

RESULTS: dict = {
    "requests": defaultdict(list),  # group -> [[elapsed ms, outcome], ...]
    "server_errors": [],  # [{group, status, path}]
    "submissions": [],  # [{id, title}] topics that got a success page
    "replies": [],  # [{user, meeting, answer}] replies that got a success page
    "logins": 0,
    "link_requests": 0,
}


def outcome(status: int | None, exception: BaseException | None) -> str:
    """The kind of result: "ok", "5xx", "4xx", "connection" (no answer, e.g. a killed worker) or "unexpected"."""
    if status is None or status == 0:
        return "connection"
    if status >= 500:
        return "5xx"
    if status >= 400:
        return "4xx"
    return "unexpected" if exception is not None else "ok"


def landed_on(response, where) -> bool:
    """Whether a form post was answered by a redirect to the page ``where`` (a path, or a pattern for the path):
    the success page. A redirect to the login page (``?next=`` that path) is not."""
    if response.status_code != 200 or not response.history:
        return False
    path = urlsplit(response.url).path
    return path == where if isinstance(where, str) else bool(where.fullmatch(path))


class Client(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self):
        n = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def call(self, group: str, method: str, path: str, *, check=None, **kwargs):
        """One request (redirects followed), recorded under ``group``; ``check(response)`` says whether the answer
        is the expected one. Returns the response, or None when there was no answer."""
        start = time.perf_counter()
        with self.client.request(method, path, name=group, catch_response=True, **kwargs) as response:
            elapsed_ms = round((time.perf_counter() - start) * 1000, 1)
            status = response.status_code or None
            problem = None
            if status and status < 400 and check is not None and not check(response):
                problem = AssertionError(f"unexpected answer for {group}")
            kind = outcome(status, problem)
            RESULTS["requests"][group].append([elapsed_ms, kind])
            if kind == "5xx":
                RESULTS["server_errors"].append({"group": group, "status": status, "path": path})
            if kind == "ok":
                response.success()
            else:
                response.failure(f"{kind}: {status}")
            return response if status else None

    def form_token(self, group: str, path: str) -> str | None:
        response = self.call(group, "GET", path)
        match = CSRF.search(response.text) if response is not None and response.status_code == 200 else None
        return match.group(1) if match else None


class Visitor(Client):
    weight = 2

    def on_start(self):
        super().on_start()
        self.link_requests = 0

    @task(10)
    def public_page(self):
        path = random.choice(PLAN["public_paths"])
        self.call("public " + _group(path), "GET", path)

    @task(1)
    def ask_login_link(self):
        if not PLAN["emails"] or self.link_requests >= LINK_REQUESTS_PER_VISITOR:
            return self.public_page()
        self.link_requests += 1
        token = self.form_token("login link form", "/inloggen/link/")
        if token is None:
            return None
        response = self.call(
            "login link request",
            "POST",
            "/inloggen/link/",
            data={"csrfmiddlewaretoken": token, "email": random.choice(PLAN["emails"])},
            check=lambda r: r.status_code == 200 and not r.history,
        )
        if response is not None and response.status_code == 200:
            RESULTS["link_requests"] += 1
        return None


class Member(Client):
    weight = 3

    def on_start(self):
        super().on_start()
        self.login()

    def login(self):
        """Log in as the next member of the plan with that member's printed code."""
        self.member = PLAN["members"][next(_members) % len(PLAN["members"])]
        self.logged_in = False
        self.client.cookies.clear()
        token = self.form_token("login code form", "/inloggen/code/")
        if token is None:
            return
        response = self.call(
            "login code",
            "POST",
            "/inloggen/code/",
            data={"csrfmiddlewaretoken": token, "code": self.member["code"]},
            check=lambda r: landed_on(r, "/mijn-overzicht/"),
        )
        self.logged_in = response is not None and landed_on(response, "/mijn-overzicht/")
        if self.logged_in:
            RESULTS["logins"] += 1

    @property
    def body_path(self) -> str:
        return f"/orgaan/{PLAN['region']}/{self.member['body']}/"

    @task(6)
    def read_own_pages(self):
        if not self.logged_in:  # the last login got no answer (a killed worker): try again first
            return self.login()
        path = random.choice(
            [
                "/mijn-overzicht/",
                self.body_path,
                self.body_path + "onderwerpen/",
                self.body_path + f"bijeenkomsten/{self.member['meeting']}/agenda/",
            ]
        )
        self.call("member " + _group(path), "GET", path)

    @task(3)
    def submit_topic(self):
        if not self.logged_in:  # the last login got no answer (a killed worker): try again first
            return self.login()
        path = self.body_path + "onderwerpen/nieuw/"
        token = self.form_token("topic form", path)
        if token is None:
            return
        title = f"Lasttest {uuid.uuid4().hex[:16]}"
        description = "Brieven van de gemeente zijn moeilijk te lezen. Kan dat eenvoudiger?"
        response = self.call(
            "topic submit",
            "POST",
            path,
            data={"csrfmiddlewaretoken": token, "title": title, "description": description},
            check=lambda r: landed_on(r, TOPIC_DETAIL) and title in r.text,
        )
        if response is not None and landed_on(response, TOPIC_DETAIL):
            match = TOPIC_DETAIL.fullmatch(urlsplit(response.url).path)
            RESULTS["submissions"].append({"id": int(match.group(1)), "title": title})

    @task(3)
    def reply(self):
        if not self.logged_in:  # the last login got no answer (a killed worker): try again first
            return self.login()
        path = self.body_path + f"bijeenkomsten/{self.member['meeting']}/antwoord/"
        token = self.form_token("reply form", path)
        if token is None:
            return
        answer = random.choice(["komt", "komt_niet", "weet_niet"])
        data = {"csrfmiddlewaretoken": token, "answer": answer}
        if random.random() < 0.3:
            data["needs_travel_costs"] = "on"
        response = self.call("reply", "POST", path, data=data, check=lambda r: landed_on(r, path))
        if response is not None and landed_on(response, path):
            member = self.member
            RESULTS["replies"].append({"user": member["user"], "meeting": member["meeting"], "answer": answer})

    @task(1)
    def log_in_again(self):
        token = self.form_token("member " + _group("/mijn-overzicht/"), "/mijn-overzicht/")
        if token is not None:
            self.call("logout", "POST", "/uitloggen/", data={"csrfmiddlewaretoken": token})
        self.login()


def _group(path: str) -> str:
    """A path with its slugs and ids replaced: the endpoint group its times are reported under."""
    parts = [p for p in path.split("/") if p]
    slugs = {"r": {1: "<regio>", 3: "<orgaan>"}, "orgaan": {1: "<regio>", 2: "<orgaan>"}}.get(parts[0] if parts else "")
    for k, part in enumerate(parts):
        if slugs and k in slugs:
            parts[k] = slugs[k]
        else:
            parts[k] = re.sub(r"^\d+", "<id>", part)
    return "/" + "".join(p + ("" if p.endswith(".ics") else "/") for p in parts)


@events.quitting.add_listener
def _write_results(environment, **_kwargs):
    with open(os.environ["LOADTEST_RESULTS"], "w", encoding="utf-8") as handle:
        json.dump(RESULTS, handle)
