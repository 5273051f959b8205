"""``make bench`` support for consultations (issue 14): a consultation with 400,000 submitted answers over 350
municipalities, the pages to time on it, and the bulk loader the demo shares.

The lead's ``bench/run.py`` calls:

- ``build_consultation(answers=400_000, municipalities=350)`` after ``build_big_region`` (it takes the region with the
  most municipalities), and puts its counts in the report's dataset;
- ``key_pages()`` in ``key_pages()``: the staff results page, the XLSX export of the results and the public page of
  the consultation (pages whose URL name does not exist yet are reported as skipped);
- ``concurrency_check()`` (after the pages, PostgreSQL only): 50 respondents answering at once for 60 s against
  gunicorn on loopback; errors, lost and doubled answers (codes used against answers stored).

Loading is bulk: responses, open texts and codes in batches of 5,000 (COPY on PostgreSQL, ``bulk_create``
elsewhere), the counters computed in Python and written with ``services.add_counts``, exactly as
``services.add_to_tallies`` would have counted them answer by answer. Deterministic (``seed``).
"""

from __future__ import annotations

import datetime
import http.cookiejar
import itertools
import json
import random
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import connections, router, transaction
from django.utils import timezone

from inspraak.consultations import rules, services
from inspraak.consultations.models import (
    TALLY_TEXT_REMOVED,
    TALLY_TEXT_SHOWN,
    Channel,
    CodeBatch,
    Consultation,
    ConsultationEvent,
    ConsultationStatus,
    InvitationCode,
    Option,
    Question,
    QuestionKind,
    Response,
    Section,
    Tally,
    TextAnswer,
    TextStatus,
)

BATCH = 5_000
CHECKED = {TextStatus.SHOWN: TALLY_TEXT_SHOWN, TextStatus.REMOVED: TALLY_TEXT_REMOVED}  # text status → its counter
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BENCH_TITLE = "Hoe tevreden bent u over de hulp bij werk en inkomen?"
BENCH_OFFICER = "beleid@{region}.bench.example"

# (section title, [(kind, text, options or (low, high) scale labels, required)])
QUESTIONS: list[tuple[str, list[tuple[str, str, Sequence[str], bool]]]] = [
    (
        "Contact met de gemeente",
        [
            (QuestionKind.SINGLE, "Hoe neemt u meestal contact op?", ("Telefoon", "Balie", "Website", "Brief"), True),
            (
                QuestionKind.SCALE,
                "Hoe duidelijk zijn de brieven die u krijgt?",
                ("Heel onduidelijk", "Heel duidelijk"),
                True,
            ),
            (QuestionKind.SCALE, "Hoe snel krijgt u antwoord op een vraag?", ("Heel traag", "Heel snel"), False),
            (
                QuestionKind.MULTIPLE,
                "Waar wilt u meer hulp bij?",
                ("Werk vinden", "Geld en schulden", "Formulieren invullen", "Zorg en gezondheid", "Iets anders"),
                False,
            ),
        ],
    ),
    (
        "Uw klantmanager",
        [
            (QuestionKind.SINGLE, "Heeft u een vaste klantmanager?", ("Ja", "Nee", "Weet ik niet"), True),
            (
                QuestionKind.SCALE,
                "Voelt u zich gehoord door uw klantmanager?",
                ("Helemaal niet", "Helemaal wel"),
                False,
            ),
            (
                QuestionKind.SINGLE,
                "Hoe vaak spreekt u uw klantmanager?",
                ("Elke maand", "Een paar keer per jaar", "Bijna nooit"),
                False,
            ),
        ],
    ),
    (
        "Uw ideeën",
        [
            (
                QuestionKind.SCALE,
                "Hoe tevreden bent u over de hulp bij werk?",
                ("Heel ontevreden", "Heel tevreden"),
                True,
            ),
            (QuestionKind.SHORT, "Wat moet als eerste beter?", (), False),
            (QuestionKind.LONG, "Wilt u nog iets zeggen?", (), False),
        ],
    ),
]

SHORT_TEXTS = [
    "Sneller antwoord op mijn vragen.",
    "Brieven in gewone woorden.",
    "Een vaste klantmanager die ik kan bellen.",
    "Minder formulieren.",
    "Dat ik niet steeds opnieuw mijn verhaal hoef te doen.",
    "Hulp bij het zoeken naar werk dat bij mij past.",
    "Terugbellen als dat beloofd is.",
    "Uitleg over wat ik mag bijverdienen.",
]
LONG_TEXTS = [
    "Ik ben bang om iets fout te doen en dan mijn uitkering kwijt te raken. Leg beter uit wat mag.",
    "De mensen aan de balie zijn vriendelijk, maar het duurt lang voordat er iets gebeurt.",
    "Ik heb geen computer. Alles gaat via de website, dat is voor mij moeilijk.",
    "Mijn klantmanager luistert goed. Maar ik krijg steeds een andere.",
    "Graag een cursus voor computer en e-mail, in de buurt en gratis.",
]


def new_code(rng: random.Random, taken: set[str]) -> str:
    """An 8-character code from the shared alphabet, not in ``taken`` (added to it)."""
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(8))
        if code not in taken:
            taken.add(code)
            return code


def make_questionnaire(consultation: Consultation, spec=QUESTIONS) -> list[Question]:
    """Sections, questions and options from ``spec``; returns the questions in order (options prefetched)."""
    questions = []
    position = 0
    for section_position, (title, items) in enumerate(spec):
        section = Section.objects.create(consultation=consultation, position=section_position, title=title)
        for kind, text, extra, required in items:
            scale = kind == QuestionKind.SCALE
            question = Question.objects.create(
                consultation=consultation,
                section=section,
                position=position,
                kind=kind,
                text=text,
                required=required,
                scale_low_label=extra[0] if scale else "",
                scale_high_label=extra[1] if scale else "",
                dont_know=scale,
            )
            position += 1
            if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                Option.objects.bulk_create(
                    Option(question=question, position=k, label=label) for k, label in enumerate(extra)
                )
            questions.append(question)
    return list(Question.objects.filter(consultation=consultation).prefetch_related("options").order_by("position"))


@dataclass
class Plan:
    """Who answered: per municipality id (None: open link without a municipality) and channel, how many."""

    counts: dict[tuple[int | None, str], int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _answer_columns(questions: Sequence[Question], n: int, rng: random.Random) -> list[dict]:
    """``n`` answers (Response.answers dicts), question by question (fast: one ``choices`` call per question)."""
    rows: list[dict] = [{} for _ in range(n)]
    for index, question in enumerate(questions):
        key = str(question.pk)
        if question.kind in (QuestionKind.SHORT, QuestionKind.LONG):
            continue
        skip = 0.0 if question.required else 0.1
        if question.kind == QuestionKind.SCALE:
            values = [None, 0, 1, 2, 3, 4, 5]
            shift = index % 3
            weights = [skip, 0.05, 0.08 + 0.02 * shift, 0.15, 0.3, 0.25, 0.17 - 0.02 * shift]
        else:
            options = [o.pk for o in question.options.all()]
            values = [None, *options]
            weights = [skip] + [1.0 / (k + 1.5) for k in range(len(options))]
        picked = rng.choices(values, weights, k=n)
        if question.kind == QuestionKind.MULTIPLE:
            options = [o.pk for o in question.options.all()]
            for row, first in zip(rows, picked, strict=True):
                if first is not None:
                    second = rng.choice(options)
                    row[key] = sorted({first, second}) if rng.random() < 0.4 else [first]
        else:
            for row, value in zip(rows, picked, strict=True):
                if value is not None:
                    row[key] = value
    return rows


def load_answers(
    consultation: Consultation,
    questions: Sequence[Question],
    plan: Plan,
    *,
    days: Sequence[datetime.date],
    seed: int = 14,
    text_share: float = 0.12,
    text_status: Callable[[random.Random], str] | None = None,
    codes_issued: dict[int, int] | None = None,
) -> dict[str, int]:
    """Store ``plan``'s answers in bulk: responses, open texts (about ``text_share`` of the respondents per text
    question), their counters, and per municipality a code batch of ``codes_issued`` codes of which as many are used
    as there are code and paper answers. Returns counts."""
    rng = random.Random(seed)  # noqa: S311 (bench and demo data, not security)
    kinds = {q.pk: q.kind for q in questions}
    text_questions = [q for q in questions if q.kind in (QuestionKind.SHORT, QuestionKind.LONG)]
    status_of = text_status or (lambda r: TextStatus.SHOWN)
    counts: Counter = Counter()
    responses: list[tuple] = []
    texts: list[tuple] = []
    written = {"responses": 0, "texts": 0, "codes": 0}

    def flush() -> None:
        _write_rows(
            Response,
            ["id", "consultation_id", "municipality_id", "channel", "language", "submitted_on", "answers"],
            responses,
        )
        _write_rows(
            TextAnswer,
            ["id", "consultation_id", "response_id", "question_id", "municipality_id", "text", "status"],
            texts,
        )
        written["responses"] += len(responses)
        written["texts"] += len(texts)
        responses.clear()
        texts.clear()

    for (municipality_id, channel), n in sorted(plan.counts.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1])):
        for start in range(0, n, BATCH):
            size = min(BATCH, n - start)
            for answers in _answer_columns(questions, size, rng):
                response_id = uuid.uuid4()
                answered_texts = []
                for question in text_questions:
                    if rng.random() < text_share:
                        pool = SHORT_TEXTS if question.kind == QuestionKind.SHORT else LONG_TEXTS
                        status = status_of(rng)
                        text = "" if status == TextStatus.REMOVED else rng.choice(pool)
                        texts.append(
                            (uuid.uuid4(), consultation.pk, response_id, question.pk, municipality_id, text, status)
                        )
                        answered_texts.append(question.pk)
                        if status in CHECKED:  # the counters of checked texts, as moderate_text keeps them
                            counts[(question.pk, CHECKED[status], municipality_id or 0, channel)] += 1
                for q, c in rules.tally_keys(kinds, answers, answered_texts):
                    counts[(q, c, municipality_id or 0, channel)] += 1
                responses.append(
                    (response_id, consultation.pk, municipality_id, channel, "", rng.choice(days), json.dumps(answers))
                )
            flush()
    services.add_counts(consultation_id=consultation.pk, counts=counts)
    if codes_issued:
        used: Counter = Counter()
        for (municipality_id, channel), n in plan.counts.items():
            if municipality_id is not None and channel in (Channel.CODE, Channel.PAPER):
                used[municipality_id] += n
        written["codes"] = _issue_codes(consultation, codes_issued, used, rng)
    return written


def _issue_codes(consultation, issued: dict[int, int], used: Counter, rng: random.Random) -> int:
    taken = set(InvitationCode.objects.values_list("code", flat=True))
    rows: list[tuple] = []
    total = 0
    for municipality_id, count in sorted(issued.items()):
        count = max(count, used[municipality_id])
        batch = CodeBatch.objects.create(
            consultation=consultation, municipality_id=municipality_id, count=count, created_by=consultation.created_by
        )
        for k in range(count):
            rows.append((consultation.pk, batch.pk, municipality_id, new_code(rng, taken), k < used[municipality_id]))
            if len(rows) >= BATCH:
                _write_rows(InvitationCode, ["consultation_id", "batch_id", "municipality_id", "code", "used"], rows)
                total += len(rows)
                rows.clear()
    _write_rows(InvitationCode, ["consultation_id", "batch_id", "municipality_id", "code", "used"], rows)
    return total + len(rows)


def _write_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in ``columns`` order): COPY on PostgreSQL, bulk_create elsewhere."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        qn = connection.ops.quote_name
        sql = f"COPY {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    model.objects.bulk_create(
        (
            model(**{c: (json.loads(v) if c == "answers" else v) for c, v in zip(columns, row, strict=True)})
            for row in rows
        ),
        batch_size=1000,
    )


def spread(total: int, municipality_ids: Sequence[int], rng: random.Random, *, small: int = 3) -> dict[int, int]:
    """``total`` respondents over the municipalities, skewed like real client groups (a few large cities, many
    small towns); ``small`` municipalities get fewer than 5 (to exercise the small-group rule)."""
    ids = list(municipality_ids)
    weights = [1.0 / (k + 3) ** 0.9 for k in range(len(ids))]
    rng.shuffle(weights)
    tiny = set(ids[-small:]) if len(ids) > small else set()
    rest = total - sum(2 for _ in tiny)
    big = [m for m in ids if m not in tiny]
    scale = sum(w for m, w in zip(ids, weights, strict=True) if m not in tiny)
    result = {m: 2 for m in tiny}
    given = 0
    for m, w in zip(ids, weights, strict=True):
        if m in tiny:
            continue
        result[m] = int(rest * w / scale)
        given += result[m]
    result[big[0]] += rest - given
    return result


@transaction.atomic
def build_consultation(*, answers: int = 400_000, municipalities: int = 350, seed: int = 400) -> dict[str, object]:
    """A published GR consultation of 10 questions with ``answers`` submitted answers over ``municipalities``
    municipalities of the region with the most municipalities (85 % by code, 10 % on paper, 5 % by open link, a
    third of those without a municipality), 12 % open texts per text question (moderated), codes issued for 1.6
    times the code and paper answers. Idempotent per region (a second call returns the existing one's counts)."""
    from django.db.models import Count

    from inspraak.accounts.models import Role, RoleAssignment, User
    from inspraak.regions.models import Region

    rng = random.Random(seed)  # noqa: S311 (bench data)
    region = Region.objects.annotate(n=Count("municipalities")).order_by("-n", "pk").first()
    existing = Consultation.objects.filter(region=region, title=BENCH_TITLE).first()
    if existing is not None:
        return {"region": region.slug, "consultation": existing.pk, "answers": existing.responses.count()}
    officer, _ = User.objects.get_or_create(
        email=BENCH_OFFICER.format(region=region.slug), defaults={"name": "Bench Beleid", "created_in_region": region}
    )
    RoleAssignment.objects.get_or_create(user=officer, role=Role.POLICY_OFFICER, region=region, municipality=None)
    munis = list(region.municipalities.order_by("pk").values_list("pk", flat=True)[:municipalities])
    now = timezone.now()
    consultation = Consultation.objects.create(
        region=region,
        title=BENCH_TITLE,
        introduction="We willen weten hoe u de hulp bij werk en inkomen ervaart. Uw antwoord is anoniem.",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
        contact_name="Bench Beleid",
        contact_phone="030 123 45 67",
        status=ConsultationStatus.PUBLISHED,
        has_answers=True,
        outcome="We schrijven de brieven opnieuw, in gewone woorden, en testen ze met het cliëntenpanel.",
        published_on=timezone.localdate() - datetime.timedelta(days=20),
        created_by=officer,
    )
    consultation.municipalities.set(munis)
    questions = make_questionnaire(consultation)
    per_municipality = spread(answers, munis, rng)
    plan: Counter = Counter()
    for municipality_id, n in per_municipality.items():
        paper = n // 10
        opened = n // 20
        plan[(municipality_id, Channel.PAPER)] += paper
        plan[(municipality_id, Channel.OPEN)] += opened - opened // 3
        plan[(None, Channel.OPEN)] += opened // 3
        plan[(municipality_id, Channel.CODE)] += n - paper - opened
    plan = Counter({k: v for k, v in plan.items() if v})
    start = timezone.localdate() - datetime.timedelta(days=60)
    days = [start + datetime.timedelta(days=k) for k in range(30)]
    issued = {m: int(plan[(m, Channel.CODE)] * 1.6) + plan[(m, Channel.PAPER)] + 1 for m in munis}
    written = load_answers(
        consultation,
        questions,
        Plan(dict(plan)),
        days=days,
        seed=seed,
        text_status=lambda r: TextStatus.SHOWN if r.random() < 0.9 else TextStatus.REMOVED,
        codes_issued=issued,
    )
    for status in (ConsultationStatus.OPEN, ConsultationStatus.CLOSED, ConsultationStatus.PUBLISHED):
        ConsultationEvent.objects.create(
            consultation=consultation, kind=ConsultationEvent.Kind.STATUS, by=officer, to_status=status
        )
    return {
        "region": region.slug,
        "consultation": consultation.pk,
        "municipalities": len(munis),
        "questions": len(questions),
        "answers": written["responses"],
        "open_texts": written["texts"],
        "codes": written["codes"],
        "tallies": consultation.tallies.count(),
    }


def bench_consultation() -> tuple[Consultation, object] | None:
    from inspraak.accounts.models import User

    consultation = Consultation.objects.filter(title=BENCH_TITLE).select_related("region").order_by("pk").first()
    if consultation is None:
        return None
    officer = User.objects.filter(email=BENCH_OFFICER.format(region=consultation.region.slug)).first()
    return consultation, officer


def key_pages() -> list[tuple]:
    """(label, URL name, kwargs, user or None) of the consultation pages to time: the staff results page, the XLSX
    and CSV exports and the public pages, on the 400,000-answer consultation. (The PDF report is left out: WeasyPrint
    takes seconds per page and the report of 350 municipalities has over a hundred; ``one_off_downloads`` times it
    once.)"""
    found = bench_consultation()
    if found is None:
        return []
    consultation, officer = found
    c = {"region": consultation.region.slug, "pk": consultation.pk}
    n = f"{consultation.responses.count():,}".replace(",", ".")
    return [
        (f"consultation results ({n} answers, beleid)", "consultations:results", c, officer),
        (f"consultation results XLSX ({n} answers, beleid)", "consultations:results_xlsx", c, officer),
        (f"consultation results CSV ({n} answers, beleid)", "consultations:results_csv", c, officer),
        (f"public consultation page ({n} answers)", "consultations:public_detail", c, None),
        ("public consultation list", "consultations:public_list", {"region": consultation.region.slug}, None),
    ]


def one_off_downloads() -> dict:
    """The PDF results report and the anonymous answer-level CSV (400,000 rows, streamed) of the bench
    consultation, each timed once (too slow to time 30 times), with their size."""
    from django.test import Client
    from django.urls import reverse

    found = bench_consultation()
    if found is None:
        return {}
    consultation, officer = found
    client = Client()
    client.force_login(officer)
    result = {}
    for label, name in (
        ("results PDF report", "consultations:results_pdf"),
        ("answers CSV", "consultations:answers_csv"),
    ):
        start = time.perf_counter()
        response = client.get(reverse(name, kwargs={"region": consultation.region.slug, "pk": consultation.pk}))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        result[label] = {
            "status": response.status_code,
            "seconds": round(time.perf_counter() - start, 2),
            "bytes": len(body),
        }
    return result


# ---------------------------------------------------------------- 50 respondents at once

CONCURRENCY_TITLE = "Gelijktijdig invullen (bench)"
FORWARD = re.compile(r"volgende|verder|versturen|verstuur|insturen|opsturen|klaar|start|begin|ga |bevestig", re.I)
BACKWARD = re.compile(r"vorige|terug|stoppen|later|wijzig|annuleer|uitloggen|taal", re.I)
THANKS = re.compile(r"bedankt|dank u", re.I)


class _Form(HTMLParser):
    """The POST forms of a page: action, fields (name → values offered) and submit buttons (name, value, label)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._button: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": {},
                "fixed": [],
                "buttons": [],
            }
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        kind = a.get("type", "text").lower()
        name = a.get("name", "")
        if tag == "input" and kind in ("submit",):
            form["buttons"].append({"name": name, "value": a.get("value", ""), "label": a.get("value", "")})
        elif tag == "input" and name and kind == "hidden":
            form["fixed"].append((name, a.get("value", "")))
        elif tag == "input" and name and kind in ("radio", "checkbox"):
            form["fields"].setdefault(name, {"kind": kind, "values": []})["values"].append(a.get("value", "on"))
        elif tag == "input" and name:
            form["fields"].setdefault(name, {"kind": "text", "values": [a.get("value", "")]})
        elif tag == "textarea" and name:
            form["fields"].setdefault(name, {"kind": "text", "values": [""]})
        elif tag == "select" and name:
            self._select = name
            form["fields"].setdefault(name, {"kind": "select", "values": []})
        elif tag == "option" and self._select:
            form["fields"][self._select]["values"].append(a.get("value", ""))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._button = {"name": name, "value": a.get("value", ""), "label": ""}
            form["buttons"].append(self._button)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "button":
            self._button = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._button is not None:
            self._button["label"] += data


def _fill(form: dict, rng: random.Random, code: str) -> list[tuple[str, str]] | None:
    """The data of pressing ``form``'s forward button with an answer to every question; None without one."""
    forward = [
        b
        for b in form["buttons"]
        if FORWARD.search(f"{b['label']} {b['value']}") and not BACKWARD.search(f"{b['label']} {b['value']}")
    ]
    if not forward:
        return None
    button = forward[0]
    data = list(form["fixed"])
    for name, field in form["fields"].items():
        values = [v for v in field["values"] if v != ""] or field["values"]
        if name == "code":
            data.append((name, code))
        elif field["kind"] in ("radio", "select") and values:
            data.append((name, rng.choice(values)))
        elif field["kind"] == "checkbox" and values:
            data.append((name, values[0]))
        elif field["kind"] == "text":
            data.append((name, field["values"][0] or "Sneller antwoord op mijn vragen."))
    if button["name"]:
        data.append((button["name"], button["value"]))
    return data


class _Respondent:
    """One simulated respondent on a phone: its own cookies and internet address, urllib only."""

    def __init__(self, base: str, address: str):
        self.base = base
        self.address = address
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.requests: list[tuple[float, str]] = []

    def call(self, path: str, data: list[tuple[str, str]] | None = None, referer: str = "") -> tuple[int, str, str]:
        url = urllib.parse.urljoin(self.base, path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 (loopback URL built here)
            url, data=body, headers={"X-Forwarded-For": self.address, "Referer": referer or url}
        )
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text, final = response.status, response.read().decode("utf-8", "replace"), response.url
        except urllib.error.HTTPError as error:
            status, text, final = error.code, error.read().decode("utf-8", "replace"), url
        except OSError:
            status, text, final = 0, "", url
        self.requests.append(
            (
                (time.perf_counter() - start) * 1000,
                "5xx" if status >= 500 else "connection" if status == 0 else "ok" if status < 400 else "4xx",
            )
        )
        return status, text, final

    def answer(self, code: str, rng: random.Random, *, race: bool) -> dict:
        """Enter ``code`` at /mee/ and go through the pages to the end. With ``race``, the last step is sent twice at
        the same moment (two taps on a slow phone, or two tabs)."""
        status, page, url = self.call(f"/mee/?code={code}")
        raced = False
        for _step in range(20):
            if status != 200:
                return {"code": code, "status": status, "confirmed": False}
            parser = _Form()
            parser.feed(page)
            # The page's form with a forward button (not the language switch or logout in the page frame).
            found = [(f, d) for f in parser.forms if f["method"] == "post" for d in [_fill(f, rng, code)] if d]
            if not found:
                return {"code": code, "status": status, "confirmed": bool(THANKS.search(page)), "raced": raced}
            form, data = found[0]
            action = urllib.parse.urljoin(url, form["action"] or url)
            # The check page (nothing to fill in, only the button): where a double tap would send it twice.
            final = not form["fields"] and _step > 0
            if race and final:
                raced = True
                results: list = []
                twin = threading.Thread(target=lambda r=results, a=action, d=data, u=url: r.append(self.call(a, d, u)))
                twin.start()
                status, page, url = self.call(action, data, referer=url)
                twin.join()
                if results and results[0][0] >= 500:
                    status = results[0][0]
            else:
                status, page, url = self.call(action, data, referer=url)
        return {"code": code, "status": status, "confirmed": False, "note": "more than 20 pages"}


def concurrency_check(
    *, users: int = 50, seconds: int = 60, workers: int = 3, codes: int = 6000, race_share: float = 0.2
) -> dict:
    """``users`` respondents answering at once for ``seconds`` against gunicorn on 127.0.0.1 (production settings,
    ``workers`` sync workers) on the current (PostgreSQL) database: each takes the next unused code, answers every
    page and submits; one in five sends the submit twice at the same moment. Afterwards: server errors, and per code
    whether what the respondent saw agrees with the database: an answer confirmed but not stored is lost, more answers
    than used codes is doubled."""
    import os
    import secrets
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from django.db import connection

    consultation, code_list = _concurrency_consultation(codes)
    settings = connection.settings_dict
    port = _free_port()
    folder = Path(tempfile.mkdtemp(prefix="inspraak-bench-concurrency-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loadtest.settings",
        "DATABASE_URL": f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}",
        "INSPRAAK_PRODUCTION": "true",
        "INSPRAAK_DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PROXY_COUNT": "1",
        "EMAIL_MODE": "file",
        "EMAIL_FILE_DIR": str(folder / "mail"),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = open(folder / "gunicorn.log", "a", encoding="utf-8")  # noqa: SIM115 (kept open for the child)
    command = [str(gunicorn), "config.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    command += ["--worker-class", "sync", "--timeout", "60", "--error-logfile", "-"]
    root = Path(__file__).resolve().parent.parent.parent
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        if not _wait_for(base + "/", timeout=90):
            return {"error": f"gunicorn did not answer; see {folder / 'gunicorn.log'}"}
        outcome = _load(base, code_list, users=users, seconds=seconds, race_share=race_share)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    logged = (folder / "gunicorn.log").read_text(encoding="utf-8", errors="replace").count("Internal Server Error")
    return {
        "users": users,
        "seconds": seconds,
        "gunicorn_workers": workers,
        "share_submitting_twice": race_share,
        **_verify(consultation, outcome),
        "server_errors_logged": logged,
        "log_folder": str(folder) if logged else None,
    }


def _concurrency_consultation(codes: int) -> tuple[Consultation, list[str]]:
    """An open GR consultation of the bench region with 10 questions and ``codes`` codes over 10 municipalities."""
    from inspraak.regions.models import Region

    found = bench_consultation()
    region, officer = (found[0].region, found[1]) if found else (Region.objects.order_by("pk").first(), None)
    now = timezone.now()
    consultation = Consultation.objects.create(
        region=region,
        title=CONCURRENCY_TITLE,
        introduction="Een raadpleging om gelijktijdig invullen te meten.",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=14),
        contact_name="Bench Beleid",
        status=ConsultationStatus.OPEN,
        created_by=officer,
    )
    munis = list(region.municipalities.order_by("pk").values_list("pk", flat=True)[:10])
    consultation.municipalities.set(munis)
    make_questionnaire(consultation)
    rng = random.Random(50)  # noqa: S311 (bench data)
    taken = set(InvitationCode.objects.values_list("code", flat=True))
    made = []
    for k, municipality_id in enumerate(munis):
        count = codes // len(munis) + (1 if k < codes % len(munis) else 0)
        batch = CodeBatch.objects.create(consultation=consultation, municipality_id=municipality_id, count=count)
        made += InvitationCode.objects.bulk_create(
            InvitationCode(
                consultation=consultation, batch=batch, municipality_id=municipality_id, code=new_code(rng, taken)
            )
            for _ in range(count)
        )
    return consultation, [c.code for c in made]


def _load(base: str, codes: list[str], *, users: int, seconds: int, race_share: float) -> dict:
    queue = list(reversed(codes))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    finished: list[dict] = []
    requests: list[tuple[float, str]] = []
    addresses = itertools.count(1)  # every respondent its own internet address (per-address limits)

    def respondent(n: int) -> None:
        rng = random.Random(n)  # noqa: S311 (bench)
        while time.monotonic() < deadline:
            with lock:
                if not queue:
                    return
                code = queue.pop()
            with lock:
                number = next(addresses)
            person = _Respondent(base, f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}")
            result = person.answer(code, rng, race=rng.random() < race_share)
            with lock:
                finished.append(result)
                requests.extend(person.requests)

    threads = [threading.Thread(target=respondent, args=(n,)) for n in range(users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"finished": finished, "requests": requests, "elapsed": time.monotonic() - started}


def _verify(consultation: Consultation, outcome: dict) -> dict:
    import statistics

    finished, requests = outcome["finished"], outcome["requests"]
    confirmed = {r["code"] for r in finished if r["confirmed"]}
    used = set(InvitationCode.objects.filter(consultation=consultation, used=True).values_list("code", flat=True))
    stored = Response.objects.filter(consultation=consultation).count()
    respondents = Tally.objects.filter(consultation=consultation, question_id=0, choice=0)
    counted = sum(respondents.values_list("count", flat=True))
    times = sorted(ms for ms, _ in requests)
    outcomes = Counter(kind for _, kind in requests)
    return {
        "respondents_finished": len(finished),
        "respondents_confirmed": len(confirmed),
        "submitted_twice_at_once": sum(1 for r in finished if r.get("raced")),
        "not_confirmed_examples": [r for r in finished if not r["confirmed"]][:5],
        "requests": len(requests),
        "requests_per_second": round(len(requests) / outcome["elapsed"], 1) if requests else 0,
        "request_median_ms": round(statistics.median(times), 1) if times else None,
        "request_p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1) if times else None,
        "outcomes": dict(outcomes),
        # What a respondent sees as an error: a server error, no answer, or a refusal (403, 404, 429 ...).
        "errors": outcomes.get("5xx", 0) + outcomes.get("connection", 0) + outcomes.get("4xx", 0),
        "codes_used": len(used),
        "responses_stored": stored,
        "respondents_counted": counted,
        "lost": len(confirmed - used) + max(0, len(used) - stored),
        "doubled": max(0, stored - len(used)) + max(0, counted - stored),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False
