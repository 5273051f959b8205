"""Issue 14, "done when": a digital consultation tried as new users would, through the pages only.

A policy officer builds a 10-question consultation for two municipalities and prints 20 letters with codes and a QR
code; a client opens one on a phone without JavaScript, stops halfway, comes back with the code and submits; the code
cannot be used again; a staff member types in a paper form; the results per municipality show "minder dan 5" where
they must; the owner publishes the results with "wat doen we ermee" and puts one finding on the client panel's topic
list; the public page shows it all. (The 400,000-answer figures are in the bench report: bench/run.py.)

The pages are driven like a browser without JavaScript would: a form is read from the page (its hidden fields, what
is checked or filled in already), fields are found by their visible label, and the button pressed by its text.
"""

from __future__ import annotations

import datetime
import html
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from inspraak.consultations.models import (
    Channel,
    Consultation,
    ConsultationStatus,
    InvitationCode,
    Response,
    TextAnswer,
    TextStatus,
)
from inspraak.topics.models import Topic
from tests.world import NOW

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (Linux; Android 10; Nokia 2.4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile"


# ---------------------------------------------------------------- a browser without JavaScript


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.labels: dict[str, str] = {}  # input id → label text
        self.links: list[tuple[str, str]] = []
        self._form = None
        self._label_for = None
        self._label_text = ""
        self._button = None
        self._select = None
        self._option = None
        self._textarea = None
        self._link = None
        self._legend = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and "href" in a:
            self._link = [a["href"], ""]
            self.links.append(self._link)
        if tag == "label":
            self._label_for, self._label_text = a.get("for"), ""
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": []}
            self._form["buttons"] = []
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        kind = a.get("type", "text").lower()
        if tag == "input" and kind == "submit":
            self._form["buttons"].append(
                {"name": a.get("name", ""), "value": a.get("value", ""), "text": a.get("value", "")}
            )
        elif tag == "input" and a.get("name"):
            self._form["fields"].append(
                {
                    "tag": kind,
                    "name": a["name"],
                    "id": a.get("id", ""),
                    "value": a.get("value", "on" if kind in ("radio", "checkbox") else ""),
                    "checked": "checked" in a,
                }
            )
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "name": a["name"], "id": a.get("id", ""), "value": "", "checked": True}
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "name": a["name"], "id": a.get("id", ""), "options": [], "value": None}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self._select["options"].append(self._option)
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._button = {"name": a.get("name", ""), "value": a.get("value", ""), "text": ""}
            self._form["buttons"].append(self._button)

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None
        elif tag == "label":
            if self._label_for:
                self.labels[self._label_for] = " ".join(self._label_text.split())
            self._label_for = None
        elif tag == "form":
            self._form = None
        elif tag == "button":
            self._button = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            if self._option is not None and self._option["value"] is None:
                self._option["value"] = self._option["text"].strip()
            self._option = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._label_for is not None:
            self._label_text += data
        if self._button is not None:
            self._button["text"] += data
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["value"] += data


def _parse(response) -> _Forms:
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    parser = _Forms()
    parser.feed(response.content.decode())
    return parser


def _text(response) -> str:
    """The visible text of a page (also of a form page that came back with its messages: 400)."""
    assert response.status_code in (200, 400), response.status_code
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _link(response, pattern: str) -> str:
    """The address of the first link whose text or address matches ``pattern``."""
    parser = _parse(response)
    for href, text in parser.links:
        if re.search(pattern, " ".join(text.split()), re.I) or re.search(pattern, href, re.I):
            return href
    raise AssertionError(f"no link {pattern!r} in {[t.strip() for _h, t in parser.links]}")


def _label_of(parser, field) -> str:
    return parser.labels.get(field["id"], "")


def press(client, url: str, button: str, fill: dict | None = None, *, page=None):
    """GET ``url`` (or use ``page``), fill fields by label (a regex on the label text; the value: text, True/False
    for a checkbox or radio with that label, or an option's text for a select), press the button whose text matches
    ``button``. Returns the response (not followed)."""
    response = page if page is not None else client.get(url)
    parser = _parse(response)
    fill = dict(fill or {})
    for form in parser.forms:
        pressed = next((b for b in form["buttons"] if re.search(button, " ".join(b["text"].split()), re.I)), None)
        if form["method"] != "post" or pressed is None:
            continue
        data: dict[str, list[str]] = {}
        fields = form["fields"]
        for field in fields:
            label = _label_of(parser, field)
            wanted = next((v for k, v in fill.items() if label and re.search(k, label, re.I)), None)
            if field["tag"] in ("radio", "checkbox"):
                on = field["checked"] if wanted is None else bool(wanted)
                if (
                    field["tag"] == "radio"
                    and wanted is None
                    and any(
                        _label_of(parser, f) and any(re.search(k, _label_of(parser, f), re.I) for k in fill)
                        for f in fields
                        if f["name"] == field["name"] and f is not field
                    )
                ):
                    on = False
                if on:
                    data.setdefault(field["name"], []).append(field["value"])
            elif field["tag"] == "select":
                options = field["options"]
                chosen = next((o for o in options if o["selected"]), options[0] if options else None)
                if wanted is not None:
                    chosen = next(
                        o for o in options if re.search(str(wanted), o["text"], re.I) or o["value"] == str(wanted)
                    )
                if chosen is not None:
                    data.setdefault(field["name"], []).append(chosen["value"])
            else:
                data.setdefault(field["name"], []).append(str(wanted) if wanted is not None else field["value"])
        if pressed["name"]:
            data.setdefault(pressed["name"], []).append(pressed["value"])
        action = form["action"] or response.request["PATH_INFO"]
        return client.post(action, data)
    raise AssertionError(f"no button {button!r} on {response.request['PATH_INFO']}")


def _as(world, actor) -> Client:
    client = Client(HTTP_USER_AGENT=PHONE)
    client.force_login(world.user(actor))
    return client


def _local(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


# ---------------------------------------------------------------- the story

QUESTIONS = [
    # kind label (regex on the option of "soort vraag"), text, options, required
    ("Eén keuze", "Begrijpt u de brieven van de gemeente?", ["Ja", "Soms", "Nee"], True),
    ("Schaal", "Welk cijfer geeft u de brieven?", [], True),
    ("Meer keuzes", "Hoe krijgt u de brieven het liefst?", ["Post", "E-mail", "App"], False),
    ("Eén keuze", "Heeft u een vaste klantmanager?", ["Ja", "Nee"], False),
    ("Schaal", "Hoe snel krijgt u antwoord?", [], False),
    ("Eén keuze", "Hoe neemt u contact op?", ["Bellen", "Balie", "Website"], False),
    ("Schaal", "Voelt u zich gehoord?", [], False),
    ("Meer keuzes", "Waar wilt u hulp bij?", ["Werk", "Geld", "Formulieren"], False),
    ("Kort", "Wat moet als eerste beter?", [], False),
    ("Lang", "Wilt u nog iets zeggen?", [], False),
]


def test_a_consultation_from_building_to_the_public_page(world):
    r = world.region.slug
    officer = _as(world, "officer_region")

    # 1. The policy officer builds a consultation for two municipalities.
    listing = officer.get(reverse("consultations:staff_list", args=[r]))
    new_url = _link(listing, r"nieuw")
    response = press(
        officer,
        new_url,
        r"opslaan|maken|aanmaken|volgende",
        {
            r"titel": "Hoe duidelijk zijn onze brieven?",
            r"inleiding": "We willen weten wat u van onze brieven vindt. Het duurt 3 minuten. Uw antwoord is anoniem.",
            r"open vanaf": _local(NOW - datetime.timedelta(hours=1)),
            r"open tot": _local(NOW + datetime.timedelta(days=14)),
            r"wie beantwoordt": "Sanne de Wit",
            r"telefoon": "0229 123 456",
            re.escape(world.municipality.name): True,
            re.escape(world.municipality_2.name): True,
        },
    )
    assert response.status_code == 302, _text(response)[-2000:]
    consultation = Consultation.objects.get(title="Hoe duidelijk zijn onze brieven?")
    assert set(consultation.municipalities.all()) == {world.municipality, world.municipality_2}
    detail_url = reverse("consultations:detail", args=[r, consultation.pk])

    # Ten questions in two sections, every kind; the readability shows while writing.
    questions_url = _link(officer.get(detail_url), r"vragen")
    for title in ("Over de brieven", "Uw ideeën"):
        response = press(officer, _link(officer.get(questions_url), r"^deel toevoegen"), r"opslaan", {r"^titel": title})
        assert response.status_code == 302, _text(response)[-2000:]
    sections = list(consultation.sections.order_by("position", "pk"))
    for index, (kind, text, options, required) in enumerate(QUESTIONS):
        section = sections[0] if index < 5 else sections[1]
        add_url = _link(officer.get(questions_url), rf"vraag toevoegen: {re.escape(section.title)}")
        fill = {rf"^{kind}": True, r"^vraag": text, r"^verplicht": required}
        if options:
            fill[r"^keuzes"] = "\n".join(options)
        if kind == "Schaal":
            fill.update({r"^woord bij 1": "Heel slecht", r"^woord bij 5": "Heel goed"})
        page = None
        if index == 0:
            page = press(officer, add_url, r"leesbaarheid", fill)
            assert "leesbaar" in _text(page).lower()
        response = press(officer, add_url, r"^opslaan", fill, page=page)
        assert response.status_code == 302, _text(response)[-2000:]
    assert consultation.questions.count() == 10
    assert consultation.questions.get(text=QUESTIONS[0][1]).options.count() == 3
    # Open it.
    response = press(officer, detail_url, r"openzetten")
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN

    # 2. 20 letters with codes and a QR code for Zeedorp (10 for the other municipality for the paper form).
    codes_url = reverse("consultations:codes", args=[r, consultation.pk])
    for municipality, count in ((world.municipality, 20), (world.municipality_2, 10)):
        response = press(officer, codes_url, r"codes maken", {r"^aantal": str(count), r"^gemeente": municipality.name})
        assert response.status_code == 302, _text(response)[-2000:]
    assert InvitationCode.objects.filter(consultation=consultation, municipality=world.municipality).count() == 20
    pdf = officer.get(_link(officer.get(codes_url), r"brieven\.pdf$"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    pdf_bytes = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert pdf_bytes.startswith(b"%PDF")
    code = InvitationCode.objects.filter(consultation=consultation, municipality=world.municipality).first().code
    printed = f"{code[:4]}-{code[4:]}"

    # 3. A client types the printed code on a phone (no JavaScript), answers the first part and stops.
    phone = Client(HTTP_USER_AGENT=PHONE, REMOTE_ADDR="10.1.2.3")
    page = phone.get(reverse("consultations:enter_code") + f"?code={code}")  # the QR code fills the field in
    assert code in page.content.decode() or printed in page.content.decode()
    response = press(phone, reverse("consultations:enter_code"), r"^verder", {r"uw code": printed.lower()})
    assert response.status_code == 302, _text(response)[-1500:]
    response = press(phone, response["Location"], r"^beginnen")
    assert response.status_code == 302
    page = phone.get(response["Location"])
    assert "<script" not in page.content.decode()
    assert "Begrijpt u de brieven van de gemeente?" in _text(page)
    response = press(phone, "", r"^volgende", {r"^Ja$": True, r"^4\b": True}, page=page)
    assert response.status_code == 302, _text(response)[-1500:]
    # ... and stops (closes the browser). Later, on another phone, the same code continues where it stopped.
    later = Client(HTTP_USER_AGENT=PHONE, REMOTE_ADDR="10.1.2.4")
    response = press(later, reverse("consultations:enter_code"), r"^verder", {r"uw code": code})
    start_page = later.get(response["Location"])
    assert "Verder waar ik was" in _text(start_page)
    response = press(later, "", r"^verder waar", page=start_page)
    page = later.get(response["Location"])
    assert "Wat moet als eerste beter?" in _text(page)  # the second part: where it stopped
    response = press(later, "", r"^volgende", {r"eerste beter": "Kortere brieven, in gewone woorden."}, page=page)
    assert response.status_code == 302, _text(response)[-1500:]
    page = later.get(response["Location"])
    assert "Kortere brieven" in _text(page) and "Ja" in _text(page)  # the check page has the first phone's answers
    response = press(later, "", r"^versturen", page=page)
    assert response.status_code == 302, _text(response)[-1500:]
    assert "dank u wel" in _text(later.get(response["Location"])).lower()
    assert Response.objects.filter(consultation=consultation, channel=Channel.CODE).count() == 1
    assert InvitationCode.objects.get(code=code).used
    assert not consultation.drafts.exists()

    # 4. The code cannot be used again: a kind message.
    again = Client(HTTP_USER_AGENT=PHONE, REMOTE_ADDR="10.1.2.5")
    response = press(again, reverse("consultations:enter_code"), r"^verder", {r"uw code": printed})
    assert response.status_code == 200
    assert re.search(r"al gebruikt|al ingevuld", _text(response), re.I)
    assert Response.objects.filter(consultation=consultation).count() == 1

    # 5. A staff member types in a returned paper form from the second municipality; a second entry is refused.
    paper_code = InvitationCode.objects.filter(consultation=consultation, municipality=world.municipality_2).first()
    paper_url = reverse("consultations:paper_entry", args=[r, consultation.pk])
    paper_fill = {r"^code op": paper_code.code, r"^Nee$": True, r"^2\b": True}
    response = press(officer, paper_url, r"formulier opslaan", paper_fill)
    assert response.status_code == 302, _text(response)[-2000:]
    assert Response.objects.filter(consultation=consultation, channel=Channel.PAPER).count() == 1
    response = press(officer, paper_url, r"formulier opslaan", paper_fill)
    assert response.status_code in (200, 400) and re.search(r"al ingevoerd|online ingevuld", _text(response), re.I)
    assert Response.objects.filter(consultation=consultation).count() == 2

    # 6. The results per municipality: 1 answer each, so "minder dan 5" (no number per municipality).
    results_url = reverse("consultations:results", args=[r, consultation.pk])
    results = _text(officer.get(results_url))
    assert "minder dan 5" in results.lower()

    # 7. The owner closes it, checks the open text, publishes with "wat doen we ermee" and passes a finding on.
    response = press(officer, detail_url, r"^sluiten")
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    moderation_url = reverse("consultations:moderation", args=[r, consultation.pk])
    response = press(officer, moderation_url, r"^opslaan", {r"^tonen zoals": True})
    assert response.status_code == 302, _text(response)[-2000:]
    assert TextAnswer.objects.get(consultation=consultation).status == TextStatus.SHOWN
    outcome = "We schrijven de brieven opnieuw en laten het cliëntenpanel meelezen."
    publish_url = reverse("consultations:publish", args=[r, consultation.pk])
    response = press(officer, publish_url, r"^publiceren", {r"wat doen we ermee": outcome})
    assert response.status_code == 302, _text(response)[-2000:]
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.PUBLISHED and consultation.outcome == outcome
    finding = "De brieven zijn te moeilijk. Wil het panel meelezen met de nieuwe brieven?"
    finding_url = _link(officer.get(results_url), r"bevindingen/onderwerp")
    response = press(
        officer,
        finding_url,
        r"op de lijst",
        {
            r"onderwerpenlijst van": re.escape(world.body.name),
            r"^titel": "Brieven die we begrijpen",
            r"^de bevinding": finding,
        },
    )
    assert response.status_code == 302, _text(response)[-2000:]
    topic = Topic.objects.get(body=world.body, consultation_finding__consultation=consultation)
    topic_page = _text(_as(world, "secretary").get(reverse("topics:detail", args=[r, world.body.slug, topic.pk])))
    assert "Komt uit raadpleging" in topic_page and consultation.title in topic_page

    # 8. The public page shows it all: the results (small groups hidden), the outcome and the finding.
    public = Client()
    listing = _text(public.get(reverse("consultations:public_list", args=[r])))
    assert consultation.title in listing
    page = _text(public.get(reverse("consultations:public_detail", args=[r, consultation.pk])))
    assert outcome in page
    assert "minder dan 5" in page.lower()
    assert "Begrijpt u de brieven van de gemeente?" in page
    assert finding.split(".")[0] in page
    assert paper_code.code not in page and code not in page
