"""Demo and benchmark data. Everything here is fictional (names, places, CBS codes in the unused GM9xxx range).

Two sizes:

* ``load_demo()`` — the demo: one region, three municipalities, a regional client panel and an adviesraad per
  municipality, and one person for every role. It writes through the same services the screens use (so it is
  validated and leaves an audit trail), keyed by slug and email, and only changes what differs: running it twice
  gives the same state. The printed login code of the demo member without email is a fixed, documented demo code,
  which is why this refuses to run when ``settings.PRODUCTION`` is on.
* ``build_national(size)`` — a national-scale data set for ``make bench`` (default: 350 municipalities in 100
  regions), written with bulk inserts into an empty database. ``NationalSize.tiny()`` is the same shape, small,
  for tests.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from inspraak.accounts import services as accounts
from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.accounts.tokens import keyed_hash, normalize_code
from inspraak.audit.models import AuditEvent
from inspraak.audit.services import audit_record
from inspraak.demo.story import story_day
from inspraak.members import services as members
from inspraak.members.models import Membership, Status
from inspraak.regions import services as regions
from inspraak.regions.models import Body, Municipality, Region

DEMO_PASSWORD = "inspraak-demo"  # the one password of every demo person with email (documented in the README)
DEMO_CODE = "DEMA-HAVN-2345"  # the printed login code of the demo member without email (documented, fixed)
DEMO_URL = "http://127.0.0.1:8000/inloggen/"
# The second step of the demo beheerder (ADR 0010): a fixed, documented authenticator-app secret (base32) and fixed
# recovery codes. Demo only, like the password: a real secret is drawn at random when the app is linked.
DEMO_TOTP_SECRET = "INSPRAAKDEMOBEHEERDERWATERLAND22"
DEMO_RECOVERY_CODES = ("demo2345", "demo3456", "demo4567", "demo5672", "demo6723")
REFERENCE_DATE = datetime.date(2026, 1, 1)  # peildatum of the client-group sizes

REGION_NAME = "Regio Waterland-Oost"
MUNICIPALITIES = [
    # name, CBS code (fictional GM99xx range), client-group size on REFERENCE_DATE
    ("Havenstad", "GM9901", 2900),
    ("Polderveen", "GM9902", 2200),
    ("Kreekdorp", "GM9903", 700),
]
PANEL_NAME = "Cliëntenpanel Waterland-Oost"


class ProductionRefused(Exception):
    """Demo data (with its well-known password and login code) is never loaded into a production site."""


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str | None
    password: str | None
    code: str | None = None
    second_factor: bool = False  # logs in with a second step: DEMO_TOTP_SECRET or one of DEMO_RECOVERY_CODES


# ---------------------------------------------------------------- texts (B1 Dutch; data, not UI strings)


def _panel_texts(municipality_names: list[str]) -> dict[str, str]:
    names = municipality_names[-1]
    if len(municipality_names) > 1:
        names = ", ".join(municipality_names[:-1]) + " en " + names
    return {
        "description": (
            "In het cliëntenpanel praten inwoners met een uitkering mee over de uitvoering. Het gaat over "
            "praktische dingen: zijn de brieven duidelijk? Wordt u goed behandeld aan de balie en aan de "
            "telefoon? Worden afspraken nagekomen? Het panel geeft advies aan de regio. Een onafhankelijke "
            "gespreksleider leidt de bijeenkomsten."
        ),
        "audience": (
            f"Voor inwoners van {names} met een bijstandsuitkering, of die hulp krijgen bij het vinden van "
            "werk. Ook als u vroeger een uitkering had, bent u welkom."
        ),
        "how_to_join": (
            "Het panel komt 4 keer per jaar bij elkaar, op een doordeweekse middag. U krijgt een "
            "vrijwilligersvergoeding en uw reiskosten terug. Dit heeft geen gevolgen voor uw uitkering. "
            "Wilt u meedoen? Bel of mail de secretaris. Wij leggen graag uit hoe het werkt."
        ),
    }


def _council_texts(municipality_name: str) -> dict[str, str]:
    return {
        "description": (
            f"De adviesraad sociaal domein geeft het college van {municipality_name} advies over plannen en "
            "regels voor werk, inkomen, zorg en jeugd. Het college vraagt om advies. De raad mag ook zelf "
            "advies geven, als hij dat nodig vindt."
        ),
        "audience": (
            f"Voor inwoners van {municipality_name} die ervaring hebben met werk en inkomen, zorg of jeugdhulp. "
            "Cliënten van de Participatiewet zijn extra welkom."
        ),
        "how_to_join": (
            "De raad komt ongeveer 8 keer per jaar bij elkaar, 's avonds in het gemeentehuis. Er komen "
            "regelmatig plekken vrij. Stuur een e-mail of bel als u mee wilt doen of eerst een keer wilt kijken."
        ),
    }


# ---------------------------------------------------------------- demo (idempotent, through the services)


# Slugs an earlier version of this demo used; found again so an existing demo database gets no second copy.
_EARLIER_SLUGS = {
    REGION_NAME: "waterland-oost",
    PANEL_NAME: "clientenpanel",
    **{f"Adviesraad Sociaal Domein {name}": f"asd-{slugify(name)}" for name, _code, _size in MUNICIPALITIES},
}


def _slugs(name: str) -> list[str]:
    return [slugify(name), _EARLIER_SLUGS.get(name, slugify(name))]


def _upsert_region(name: str, **fields) -> Region:
    region = Region.objects.filter(slug__in=_slugs(name)).order_by("pk").first()
    if region is None:
        return regions.region_create(name=name, by=None, **fields)
    return regions.region_update(region=region, by=None, name=name, **fields)


def _upsert_municipality(region: Region, name: str, cbs_code: str, size: int) -> Municipality:
    values = {"cbs_code": cbs_code, "client_group_size": size, "client_group_date": REFERENCE_DATE}
    municipality = Municipality.objects.filter(region=region, slug=slugify(name)).first()
    if municipality is None:
        return regions.municipality_create(region=region, name=name, by=None, **values)
    return regions.municipality_update(municipality=municipality, by=None, name=name, **values)


def _upsert_body(region: Region, name: str, kind: str, **fields) -> Body:
    body = Body.objects.filter(region=region, slug__in=_slugs(name)).order_by("pk").first()
    if body is None:
        return regions.body_create(region=region, name=name, kind=kind, by=None, **fields)
    return regions.body_update(body=body, by=None, name=name, kind=kind, **fields)


def _upsert_person(region: Region, name: str, email: str | None) -> User:
    if email:
        user = User.objects.filter(email=email).first()
    else:
        # A demo person without email is known by name within the demo region.
        user = (
            User.objects.filter(email__isnull=True, name=name, role_assignments__region=region).first()
            or User.objects.filter(email__isnull=True, name=name, created_in_region=region).first()
        )
    if user is None:
        user = accounts.person_create(name=name, email=email, region=region, by=None)
    else:
        user = accounts.person_update(person=user, region=region, by=None, name=name, email=email)
    if not user.is_active:
        accounts.person_activate(person=user, region=region, by=None)
    if email and not user.check_password(DEMO_PASSWORD):
        accounts.password_set(user=user, password=DEMO_PASSWORD)
    return user


def _ensure_role(user: User, role: str, region: Region, *, municipality=None, body=None) -> None:
    exists = RoleAssignment.objects.filter(
        user=user, role=role, region=region, municipality=municipality, body=body
    ).exists()
    if not exists:
        accounts.role_grant(person=user, role=role, region=region, municipality=municipality, body=body, by=None)


def _ensure_demo_code(user: User, region: Region) -> None:
    """The fixed demo code, active for a year from the first run. There is no service for a chosen code (the real
    one draws a random code), so this writes the row itself, the same way, with the same audit row."""
    now = timezone.now()
    code_hash = keyed_hash(normalize_code(DEMO_CODE))
    if LoginCode.objects.filter(user=user, code_hash=code_hash, revoked_at__isnull=True, expires_at__gt=now).exists():
        return
    LoginCode.objects.filter(code_hash=code_hash).delete()  # a revoked or expired demo code: the hash is unique
    LoginCode.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    row = LoginCode.objects.create(user=user, code_hash=code_hash, expires_at=now + datetime.timedelta(days=365))
    audit_record(actor=None, action="login_code.issue", target=row, region=region, label=f"persoon #{user.pk}")


def _ensure_demo_second_factor(user: User) -> None:
    """The fixed demo app secret and recovery codes, restored on every run (codes used up in the demo come back,
    a wrong-code wait is lifted). Like the demo code, no service takes a chosen secret, so this writes the rows."""
    from base64 import b32decode

    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    key = b32decode(DEMO_TOTP_SECRET).hex()
    app = TOTPDevice.objects.filter(user=user, key=key, confirmed=True).first()
    if app is None:
        TOTPDevice.objects.filter(user=user).delete()
        app = TOTPDevice.objects.create(user=user, name="Authenticator-app", key=key, confirmed=True)
        audit_record(actor=None, action="twofactor.setup", target=user, label=f"persoon #{user.pk}")
    elif app.throttling_failure_count:
        app.throttle_reset()
    codes = StaticDevice.objects.filter(user=user, confirmed=True).first()
    tokens = set(StaticToken.objects.filter(device=codes).values_list("token", flat=True)) if codes else set()
    if codes is None or tokens != set(DEMO_RECOVERY_CODES) or codes.throttling_failure_count:
        StaticDevice.objects.filter(user=user).delete()
        codes = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=codes, token=token) for token in DEMO_RECOVERY_CODES)


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create or restore the demo region. Returns one login per role, to print."""
    if settings.PRODUCTION:
        raise ProductionRefused("Demo data is never loaded when INSPRAAK_PRODUCTION is on.")
    region = _upsert_region(
        REGION_NAME,
        description=(
            "Waterland-Oost is een samenwerking van de gemeenten Havenstad, Polderveen en Kreekdorp. Samen voeren "
            "zij de Participatiewet uit: de bijstand en hulp bij het vinden van werk. Dit is een verzonnen regio "
            "om Inspraak uit te proberen."
        ),
        min_meetings_per_year=4,
    )
    municipalities = {name: _upsert_municipality(region, name, code, size) for name, code, size in MUNICIPALITIES}
    names = [name for name, _code, _size in MUNICIPALITIES]
    panel = _upsert_body(
        region,
        PANEL_NAME,
        Body.Kind.CLIENT_PANEL,
        level=Body.Level.REGION,
        municipality=None,
        covers_participatiewet=True,
        covers_wmo=False,
        covers_jeugdwet=False,
        topic_scope=Body.TopicScope.EXECUTION,
        contact_email="clientenpanel@waterland-oost.example",
        contact_phone="0299 123 456",
        min_meetings_per_year=4,
        min_clients=12,
        balanced_over_municipalities=True,
        **_panel_texts(names),
    )
    councils = {
        name: _upsert_body(
            region,
            f"Adviesraad Sociaal Domein {name}",
            Body.Kind.SOCIAL_DOMAIN_COUNCIL,
            level=Body.Level.MUNICIPALITY,
            municipality=municipalities[name],
            covers_participatiewet=True,
            covers_wmo=True,
            covers_jeugdwet=True,
            topic_scope=Body.TopicScope.POLICY,
            contact_email=f"adviesraad@{slugify(name)}.example",
            contact_phone="",
            min_meetings_per_year=8,
            min_clients=3,
            balanced_over_municipalities=False,
            **_council_texts(name),
        )
        for name in names
    }

    logins: list[DemoLogin] = []

    def person(label: str, name: str, email: str, *roles: tuple) -> User:
        user = _upsert_person(region, name, email)
        for role, scope in roles:
            _ensure_role(user, role, region, **scope)
        logins.append(DemoLogin(label, name, email, DEMO_PASSWORD))
        return user

    beheerder = person("beheerder", "Bram Beheer", "beheerder@demo.inspraak.example", (Role.ADMIN, {}))
    _ensure_demo_second_factor(beheerder)
    logins[-1] = DemoLogin("beheerder", beheerder.name, beheerder.email, DEMO_PASSWORD, second_factor=True)
    person(
        "beleidsmedewerker (regio)",
        "Fatima El Amrani",
        "beleid.regio@demo.inspraak.example",
        (Role.POLICY_OFFICER, {}),
    )
    person(
        "beleidsmedewerker (Havenstad)",
        "Jeroen Visser",
        "beleid.havenstad@demo.inspraak.example",
        (Role.POLICY_OFFICER, {"municipality": municipalities["Havenstad"]}),
    )
    person("secretaris", "Ingrid Bakker", "secretaris@demo.inspraak.example", (Role.SECRETARY, {"body": panel}))
    person("financiën", "Wim de Boer", "financien@demo.inspraak.example", (Role.FINANCE, {}))
    person(
        "gespreksleider", "Samir Haddou", "gespreksleider@demo.inspraak.example", (Role.FACILITATOR, {"body": panel})
    )
    person(
        "lid (met e-mail)",
        "Anouk de Vries",
        "lid@demo.inspraak.example",
        (Role.MEMBER, {"body": panel}),
        (Role.MEMBER, {"body": councils["Havenstad"]}),
    )
    kees = _upsert_person(region, "Kees Jansen", None)
    _ensure_role(kees, Role.MEMBER, region, body=panel)
    _ensure_demo_code(kees, region)
    logins.append(DemoLogin("lid (zonder e-mail)", "Kees Jansen", None, None, DEMO_CODE))
    _demo_memberships(region, panel, councils["Havenstad"], municipalities)
    people = {u.name: u for u in User.objects.filter(role_assignments__region=region).distinct()}
    _demo_advice(
        panel=panel,
        council=councils["Havenstad"],
        havenstad=municipalities["Havenstad"],
        gr_officer=people["Fatima El Amrani"],
        havenstad_officer=people["Jeroen Visser"],
        secretary=people["Ingrid Bakker"],
        commenter=people["Anouk de Vries"],
    )
    from inspraak.demo.cycle import load_cycle, load_record

    cycle_people = {
        "panel": panel,
        "secretary": people["Ingrid Bakker"],
        "facilitator": people["Samir Haddou"],
        "members": [people[name] for name in ("Anouk de Vries", "Kees Jansen", "Yasmina Ouali", "Tom Visser")],
    }
    load_cycle(council=councils["Havenstad"], **cycle_people)
    load_record(**cycle_people)
    from inspraak.demo.art47 import load_art47

    load_art47(
        region=region,
        municipalities=municipalities,
        panel=panel,
        councils=councils,
        by=beheerder,
        secretary=people["Ingrid Bakker"],
    )
    # Issue 12: paper members get postal addresses (one with large print), topics their themes, and two replies
    # came in by phone and on paper (one need arranged, one still to arrange); Kees wants SMS reminders; the letters
    # of the past were printed back then (one email to Anouk failed); one proposal was decided without advice.
    from inspraak.demo.letters import add_postal_addresses
    from inspraak.demo.phone import load_phone
    from inspraak.demo.policy import load_policy
    from inspraak.demo.post import fail_one_member_email, print_earlier_letters
    from inspraak.demo.sms import demo_sms
    from inspraak.demo.themes import label_themes

    add_postal_addresses(region)
    print_earlier_letters(region)
    fail_one_member_email(region)
    load_policy(region=region)
    label_themes()
    demo_sms(panel)
    load_phone(panel=panel, secretary=people["Ingrid Bakker"], facilitator=people["Samir Haddou"], members=people)
    # Issue 13: what the panel's members receive, trainings, signals from practice, claims in every state, a year of
    # allowances with a paid batch. The 2026 caps are the 2025 amounts (payments demo, marked so in their source);
    # the 2027 caps are missing, so from 1 October the caps page and the beheerder's to-do warn.
    from inspraak.demo.signals import load_signals
    from inspraak.demo.support import load_support

    load_support(
        region=region,
        panel=panel,
        beheerder=beheerder,
        secretary=people["Ingrid Bakker"],
        members=[people[name] for name in ("Anouk de Vries", "Kees Jansen", "Yasmina Ouali", "Tom Visser")],
    )
    load_signals(region=region, municipalities=municipalities, by=beheerder)
    from inspraak.demo.claims import load_claims

    load_claims(panel=panel, secretary=people["Ingrid Bakker"], members=people)
    from inspraak.demo.payments import load_payments

    load_payments(region=region, panel=panel, secretary=people["Ingrid Bakker"])
    # Issue 14: a published consultation with about 600 answers (Kreekdorp under 5) and an open one of the panel.
    from inspraak.demo.consultations import load_consultations

    load_consultations(
        region=region, panel=panel, officer=people["Fatima El Amrani"], secretary=people["Ingrid Bakker"]
    )
    return logins


# The panel: 10 clients (Kreekdorp is 2 short of its 3 seats), a client organisation, an employer with a vote,
# an independent facilitator and a secretary from the GR. One term ends soon. It triggers the findings a
# secretary should act on. The adviesraad of Havenstad meets every rule.
PANEL_MEMBERS = [
    # name, email, body role, category, municipality, term start
    ("Anouk de Vries", "lid@demo.inspraak.example", "voorzitter", "client", "Havenstad", "2024-03-01"),
    ("Kees Jansen", None, "lid", "client", "Havenstad", "2024-03-01"),
    ("Yasmina Ouali", None, "lid", "client", "Havenstad", "2023-02-01"),
    ("Henk Mulder", None, "lid", "ervaringsdeskundige", "Havenstad", "2024-03-01"),
    ("Priya Ramdin", None, "lid", "client", "Havenstad", "2025-01-01"),
    ("Tom Visser", None, "lid", "client", "Polderveen", "2024-03-01"),
    ("Sanne de Boer", None, "lid", "client", "Polderveen", "2024-03-01"),
    ("Dewi Kartosen", None, "lid", "client", "Polderveen", "2025-01-01"),
    ("Mohammed Amrani", None, "lid", "client", "Polderveen", "2025-06-01"),
    ("Lies Hoekstra", None, "lid", "client", "Kreekdorp", "2024-03-01"),
    ("Ria Groen", None, "lid", "clientenorganisatie", "Polderveen", "2024-03-01"),
    ("Erik Hoogland", None, "lid", "werkgever", "Havenstad", "2024-03-01"),
    ("Samir Haddou", "gespreksleider@demo.inspraak.example", "gespreksleider", "deskundige", None, "2024-03-01"),
    ("Ingrid Bakker", "secretaris@demo.inspraak.example", "secretaris", "medewerker", None, "2024-03-01"),
]
COUNCIL_MEMBERS = [
    ("Anouk de Vries", "lid@demo.inspraak.example", "lid", "client", "2025-01-01"),
    ("Gerrit Smit", None, "voorzitter", "client", "2025-01-01"),
    ("Naima Bouzid", None, "lid", "client", "2025-01-01"),
    ("Joost van Dijk", None, "lid", "ervaringsdeskundige", "2025-01-01"),
    ("Marieke Kok", None, "lid", "clientenorganisatie", "2025-01-01"),
    ("Samir Haddou", "gespreksleider@demo.inspraak.example", "gespreksleider", "deskundige", "2025-01-01"),
]


def _ensure_membership(region: Region, body: Body, name: str, email: str | None, **fields) -> Membership:
    user = _upsert_person(region, name, email)
    start = story_day(datetime.date.fromisoformat(fields.pop("term_start")))
    current = Membership.objects.filter(body=body, user=user).exclude(status=Status.ENDED).first()
    contact = {"contact_email": email} if email else {"contact_phone": "0299 000 000"}
    if current is not None and not email and current.contact_phone:
        contact = {}  # a number given later (Kees's mobile for SMS, demo/sms.py) stays
    if current is None:
        return members.membership_create(
            body=body,
            user=user,
            term_start=start,
            by=None,
            consent_named_to_members=True,
            **contact,
            **fields,
        )
    return members.membership_update(membership=current, by=None, term_start=start, **contact, **fields)


def _demo_memberships(region: Region, panel: Body, council: Body, municipalities: dict[str, Municipality]) -> None:
    regions.body_update(body=panel, by=None, min_seats_per_municipality=2)
    for name, email, body_role, category, municipality, start in PANEL_MEMBERS:
        _ensure_membership(
            region,
            panel,
            name,
            email,
            body_role=body_role,
            category=category,
            municipality=municipalities.get(municipality),
            term_start=start,
        )
    for name, email, body_role, category, start in COUNCIL_MEMBERS:
        _ensure_membership(
            region,
            council,
            name,
            email,
            body_role=body_role,
            category=category,
            municipality=council.municipality,
            term_start=start,
        )


# ---------------------------------------------------------------- demo: a year of the advice cycle (art. 47 a)

# Waterland-Oost, December 2025 to early 2027, told around the demo's "now" (late November 2026): a request on
# time, one late, a proposal decided without asking, an unsolicited advice, responses in every state, one response
# that is overdue, a request still open with a draft advice and a comment, and a proposal not asked yet.
# Keys: the proposal title in the region, the request per body, the advice subject per body, the recommendation
# number, the comment text. Missing pieces are written again; nothing is written twice.
ADVICE_CYCLE = [
    {
        "title": "Beleidsregels bijzondere bijstand 2027",
        "scope": "regio",
        "kind": "beleid",
        "deciding_body": "dagelijks_bestuur",
        "created": "2025-12-08",
        "planned": "2026-06-25",
        "decided": "2026-06-25",
        "description": (
            "Nieuwe regels voor bijzondere bijstand in de hele regio. Bijzondere bijstand is geld voor kosten die u "
            "niet zelf kunt betalen, zoals een nieuwe wasmachine of de eigen bijdrage voor een advocaat. De regels "
            "worden korter en duidelijker. Ook komt er een snellere aanvraag voor kleine bedragen."
        ),
        "concerns": ["panel"],
        "requests": [
            {
                "body": "panel",
                "requested": "2026-03-02",
                "deadline": "2026-04-13",
                "status": "beantwoord",
                "questions": (
                    "Zijn de nieuwe regels duidelijk voor u? Mist u kosten die wel vergoed moeten worden? Wat vindt "
                    "u van een aanvraag via een kort formulier voor bedragen tot 150 euro?"
                ),
            }
        ],
        "advices": [
            {
                "body": "panel",
                "solicited": True,
                "subject": "Advies over de beleidsregels bijzondere bijstand 2027",
                "text": (
                    "Het panel besprak de regels op 2 april. De regels zijn beter dan vroeger. Wel is de taal nog "
                    "vaak moeilijk. En wie weinig geld heeft, kan niet weken wachten op een besluit."
                ),
                "adopted": "2026-04-02",
                "how": "vergadering",
                "sent": "2026-04-09",
                "recommendations": [
                    "Maak het korte formulier ook op papier beschikbaar, bij het Werkplein en in de bibliotheek.",
                    "Beslis binnen twee weken over een aanvraag tot 150 euro.",
                    "Vergoed ook de kosten van een kapotte telefoon als u die nodig heeft voor werk of school.",
                ],
                "response": {
                    "on": "2026-05-14",
                    "mentioned": True,
                    "to_council": True,
                    "summary": (
                        "Het dagelijks bestuur neemt het advies grotendeels over. Het korte formulier komt er ook "
                        "op papier."
                    ),
                    "verdicts": [
                        ("overgenomen", ""),
                        (
                            "deels",
                            "We beslissen binnen drie weken. Twee weken lukt nu nog niet met het aantal "
                            "medewerkers. Over een jaar kijken we opnieuw.",
                        ),
                        (
                            "niet",
                            "Een telefoon valt onder de gewone kosten van het leven. Die betaalt u uit de "
                            "bijstand. Voor een laptop voor school is er wel een regeling.",
                        ),
                    ],
                },
            }
        ],
    },
    {
        "title": "Re-integratiebeleid 2027-2030",
        "scope": "regio",
        "kind": "beleid",
        "deciding_body": "algemeen_bestuur",
        "created": "2026-05-11",
        "planned": "2026-09-10",
        "decided": "2026-09-10",
        "description": (
            "Het plan voor de komende vier jaar: hoe helpt de regio mensen met een uitkering aan werk of een "
            "opleiding? Er komt meer aandacht voor werk in deeltijd, voor taal en voor mensen die al lang thuis "
            "zitten."
        ),
        "concerns": ["panel"],
        # Asked on 17 August for a decision on 10 September: 18 days too few for the 6-week advice period.
        "requests": [
            {
                "body": "panel",
                "requested": "2026-08-17",
                "deadline": "2026-09-07",
                "status": "beantwoord",
                "questions": (
                    "Wat heeft u nodig om aan het werk te gaan? Wat vindt u van de plannen voor werk in deeltijd?"
                ),
            }
        ],
        "advices": [
            {
                "body": "panel",
                "solicited": True,
                "subject": "Advies over het re-integratiebeleid 2027-2030",
                "text": (
                    "Het panel kreeg maar drie weken. Daarom gaven de leden hun mening per e-mail. Het panel vraagt "
                    "de regio om de volgende keer op tijd te vragen."
                ),
                "adopted": "2026-09-03",
                "how": "schriftelijk",
                "sent": "2026-09-04",
                "recommendations": [
                    "Zorg dat u uw uitkering niet kwijtraakt als een proefplaatsing niet lukt.",
                    "Geef iedereen één vaste klantmanager.",
                ],
                "response": {
                    "on": "2026-10-01",
                    "mentioned": True,
                    "to_council": True,
                    "summary": "Het algemeen bestuur neemt beide aanbevelingen over.",
                    "verdicts": [("overgenomen", ""), ("overgenomen", "")],
                },
            }
        ],
    },
    {
        "title": "Armoedebeleid Havenstad",
        "scope": "Havenstad",
        "kind": "beleid",
        "deciding_body": "college",
        "created": "2025-03-17",
        "planned": "2025-07-03",
        "decided": "2025-07-03",
        "description": (
            "De regels voor de stadspas en de vergoeding voor sport en cultuur in Havenstad. Het inkomen waaronder "
            "u de stadspas krijgt, gaat omhoog."
        ),
        "concerns": ["council"],
        # Last year: decided without asking the adviesraad ("niet gevraagd"), so Havenstad's column a of the art. 47
        # matrix is red for last year. The adviesraad then gave unsolicited advice.
        "requests": [],
        "advices": [
            {
                "body": "council",
                "solicited": False,
                "subject": "Ongevraagd advies over het armoedebeleid van Havenstad",
                "text": (
                    "Het college besloot zonder de adviesraad te vragen. De raad geeft daarom zelf advies. Veel "
                    "inwoners weten niet dat de stadspas bestaat."
                ),
                "adopted": "2025-07-17",
                "how": "vergadering",
                "sent": "2025-07-21",
                "recommendations": [
                    "Stuur iedereen die recht heeft op de stadspas de pas vanzelf toe.",
                    "Laat de vergoeding voor sport ook gelden voor volwassenen.",
                ],
                "response": {
                    "on": "2025-09-11",
                    "mentioned": False,
                    "to_council": True,
                    "summary": (
                        "Het college had de adviesraad moeten vragen. Bij het volgende voorstel gebeurt dat op tijd."
                    ),
                    "verdicts": [
                        (
                            "niet",
                            "De gemeente mag niet zonder uw toestemming gegevens van de uitkering gebruiken voor "
                            "de stadspas. U vraagt de pas daarom zelf aan. Dat kan nu ook met een kort formulier.",
                        ),
                        (
                            "deels",
                            "Volwassenen krijgen vanaf 2027 een vergoeding voor sport. Het bedrag is lager dan "
                            "voor kinderen.",
                        ),
                    ],
                },
            }
        ],
    },
    {
        "title": "Schuldhulpverlening Havenstad 2026-2029",
        "scope": "Havenstad",
        "kind": "beleid",
        "deciding_body": "gemeenteraad",
        "created": "2025-12-15",
        "planned": "2026-05-21",
        "decided": "2026-05-21",
        "description": (
            "Het plan voor hulp bij schulden in Havenstad. Wie schulden heeft, krijgt binnen drie werkdagen een "
            "gesprek. Ook komt er hulp voor mensen die nog geen grote schulden hebben."
        ),
        "concerns": ["council"],
        # This year: asked on time, so Havenstad's column a is green this year (the response was on time too).
        "requests": [
            {
                "body": "council",
                "requested": "2026-02-02",
                "deadline": "2026-03-16",
                "status": "beantwoord",
                "questions": (
                    "Is drie werkdagen snel genoeg? Wat heeft u nodig om eerder hulp te vragen bij geldzorgen?"
                ),
            }
        ],
        "advices": [
            {
                "body": "council",
                "solicited": True,
                "subject": "Advies over de schuldhulpverlening in Havenstad",
                "text": (
                    "De adviesraad is blij met de snelle hulp. Veel mensen schamen zich voor schulden. Zij vragen "
                    "pas hulp als het te laat is. Maak hulp vragen daarom makkelijk."
                ),
                "adopted": "2026-03-10",
                "how": "vergadering",
                "sent": "2026-03-12",
                "recommendations": [
                    "Zet een telefoonnummer voor geldzorgen op elke brief van de gemeente.",
                    "Laat mensen ook zonder afspraak langskomen op het Werkplein.",
                ],
                "response": {
                    "on": "2026-04-16",
                    "mentioned": True,
                    "to_council": True,
                    "summary": "Het college neemt beide aanbevelingen over.",
                    "verdicts": [("overgenomen", ""), ("overgenomen", "")],
                },
            }
        ],
    },
    {
        "title": "Verordening cliëntenparticipatie Havenstad",
        "scope": "Havenstad",
        "kind": "verordening",
        "deciding_body": "gemeenteraad",
        "created": "2026-08-24",
        "planned": "2026-12-17",
        "decided": None,
        "description": (
            "Nieuwe regels over hoe inwoners met een uitkering meepraten over werk en inkomen in Havenstad. De "
            "oude regels zijn uit 2015. In de nieuwe regels staat ook hoe de gemeente de adviesraad ondersteunt."
        ),
        "concerns": ["council"],
        "requests": [
            {
                "body": "council",
                "requested": "2026-09-07",
                "deadline": "2026-10-19",
                "status": "beantwoord",
                "questions": (
                    "Is het duidelijk wie mee mag praten? Krijgt de adviesraad genoeg steun en informatie? Zijn "
                    "de regels voor de vergoeding goed?"
                ),
            }
        ],
        # Sent on 24 September: the response was due on 5 November and has not come (overdue).
        "advices": [
            {
                "body": "council",
                "solicited": True,
                "subject": "Advies over de verordening cliëntenparticipatie",
                "text": "De adviesraad is blij met de nieuwe regels en heeft drie punten.",
                "adopted": "2026-09-22",
                "how": "vergadering",
                "sent": "2026-09-24",
                "recommendations": [
                    "Schrijf in de verordening dat ook jongeren onder de 27 meepraten.",
                    "Geef de adviesraad zes weken voor elk advies, ook in de zomer.",
                    "Houd de vrijwilligersvergoeding onder de grens, zodat zij niet van de uitkering afgaat.",
                ],
                "response": None,
            }
        ],
    },
    {
        "title": "Dienstverlening Werkplein: wachttijden en bereikbaarheid",
        "scope": "regio",
        "kind": "beleid",
        "deciding_body": "dagelijks_bestuur",
        "created": "2026-10-26",
        "planned": "2027-02-11",
        "decided": None,
        "description": (
            "Het Werkplein wil dat u sneller een afspraak krijgt en beter te bereiken is aan de telefoon. Er komen "
            "vaste spreekuren in Polderveen en Kreekdorp."
        ),
        "concerns": ["panel"],
        "requests": [
            {
                "body": "panel",
                "requested": "2026-11-09",
                "deadline": "2026-12-21",
                "status": "open",
                "questions": "Hoe lang wacht u nu op een afspraak? Waar en wanneer wilt u een spreekuur?",
            }
        ],
        "advices": [
            {
                "body": "panel",
                "solicited": True,
                "subject": "Advies over wachttijden en bereikbaarheid van het Werkplein",
                "text": "Concept. Het panel bespreekt dit op 10 december.",
                "adopted": None,
                "how": "",
                "sent": None,
                "recommendations": [
                    "Bel mensen binnen twee werkdagen terug.",
                    "Houd het spreekuur in Kreekdorp op de ochtend, want dan rijdt de bus.",
                ],
                "response": None,
                "comment": "Ik wil er graag bij zetten dat je ook via WhatsApp een afspraak kunt maken.",
            }
        ],
    },
    {
        "title": "Beleidsregels tegenprestatie",
        "scope": "regio",
        "kind": "beleid",
        "deciding_body": "dagelijks_bestuur",
        "created": "2026-11-02",
        "planned": "2027-03-25",
        "decided": None,
        "description": (
            "Regels over onbetaald werk dat de regio mag vragen van mensen in de bijstand. Het voorstel is nog in "
            "voorbereiding; het panel wordt nog gevraagd."
        ),
        "concerns": ["panel"],
        "requests": [],
        "advices": [],
    },
]

DEMO_TZ = "Europe/Amsterdam"


def _day(value: str | None) -> datetime.date | None:
    return story_day(datetime.date.fromisoformat(value)) if value else None


def _moment(day: datetime.date) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=ZoneInfo(DEMO_TZ))


def _backdate(model, pk: int, day: datetime.date, field: str = "at") -> None:
    """History rows are stamped with the time they are written; the demo tells a year, so it sets the story's
    date (once, right after writing the row)."""
    model.objects.filter(pk=pk).update(**{field: _moment(day)})


def _placed(advice):
    """An advice for bulk_create (which skips Advice.save): with where it applies set from its loaded body,
    request and proposal."""
    advice.set_place()
    return advice


def _demo_advice(
    *,
    panel: Body,
    council: Body,
    havenstad: Municipality,
    gr_officer: User,
    havenstad_officer: User,
    secretary: User,
    commenter: User,
) -> None:
    """The advice cycle of the demo region (see ADVICE_CYCLE)."""
    bodies = {"panel": panel, "council": council}
    for plan in ADVICE_CYCLE:
        regional = plan["scope"] == "regio"
        proposal = _demo_proposal(
            plan,
            region=panel.region,
            municipality=None if regional else havenstad,
            owner=gr_officer if regional else havenstad_officer,
            bodies=bodies,
        )
        for item in plan["requests"]:
            _demo_request(proposal, bodies[item["body"]], item)
        for item in plan["advices"]:
            body = bodies[item["body"]]
            request = proposal.requests.filter(body=body).first() if item["solicited"] else None
            _demo_advice_item(proposal, body, request, item, secretary=secretary, commenter=commenter)
        _demo_proposal_status(proposal, plan)


def _demo_proposal(plan: dict, *, region: Region, municipality, owner: User, bodies: dict[str, Body]):
    from inspraak.policy.models import Concern, Proposal, ProposalEvent

    proposal = Proposal.objects.filter(region=region, title=plan["title"]).first()
    if proposal is None:
        proposal = Proposal.objects.create(
            region=region,
            municipality=municipality,
            title=plan["title"],
            description=plan["description"],
            kind=plan["kind"],
            owner=owner,
            created_by=owner,
            deciding_body=plan["deciding_body"],
            planned_decision_date=_day(plan["planned"]),
        )
        _backdate(Proposal, proposal.pk, _day(plan["created"]), "created_at")
        event = ProposalEvent.objects.create(
            proposal=proposal, kind=ProposalEvent.Kind.CREATED, by=owner, to_status=proposal.status
        )
        _backdate(ProposalEvent, event.pk, _day(plan["created"]))
        audit_record(
            actor=None, action="proposal.create", target=proposal, region=region, label=f"voorstel #{proposal.pk}"
        )
    for key in plan["concerns"]:
        Concern.objects.get_or_create(proposal=proposal, body=bodies[key], defaults={"suggested": True})
    return proposal


def _demo_request(proposal, body: Body, item: dict):
    from inspraak.advice.models import AdviceRequest

    request = AdviceRequest.objects.filter(proposal=proposal, body=body).first()
    if request is None:
        request = AdviceRequest.objects.create(
            proposal=proposal,
            body=body,
            questions=item["questions"],
            contact=proposal.owner,
            created_by=proposal.owner,
            requested_on=_day(item["requested"]),
            deadline=_day(item["deadline"]),
            status=item["status"],
        )
        _backdate(AdviceRequest, request.pk, _day(item["requested"]), "created_at")
        audit_record(
            actor=None,
            action="advice_request.create",
            target=request,
            region=proposal.region,
            label=f"adviesaanvraag #{request.pk}",
        )
    return request


def _demo_advice_item(proposal, body: Body, request, item: dict, *, secretary: User, commenter: User) -> None:
    from inspraak.advice.models import (
        Advice,
        AdviceComment,
        AdviceEvent,
        AdviceStatus,
        Recommendation,
        RecommendationResponse,
        Response,
    )
    from inspraak.policy import rules

    advice = Advice.objects.filter(body=body, subject=item["subject"]).first()
    adopted, sent = _day(item["adopted"]), _day(item["sent"])
    if advice is None:
        status = AdviceStatus.SENT if sent else AdviceStatus.ADOPTED if adopted else AdviceStatus.DRAFT
        advice = Advice.objects.create(
            body=body,
            kind="gevraagd" if item["solicited"] else "ongevraagd",
            request=request,
            proposal=proposal,
            subject=item["subject"],
            text=item["text"],
            status=status,
            adopted_on=adopted,
            adopted_how=item["how"],
            sent_on=sent,
            response_due=rules.response_due(sent, body.response_period_weeks) if sent else None,
            created_by=secretary,
        )
        started = (adopted or _day("2026-11-16")) - datetime.timedelta(days=7)
        _backdate(Advice, advice.pk, started, "created_at")
        history = [(AdviceEvent.Kind.CREATED, "", AdviceStatus.DRAFT, started)]
        if adopted:
            history.append((AdviceEvent.Kind.STATUS, AdviceStatus.DRAFT, AdviceStatus.ADOPTED, adopted))
        if sent:
            history.append((AdviceEvent.Kind.STATUS, AdviceStatus.ADOPTED, AdviceStatus.SENT, sent))
        for kind, before, after, day in history:
            event = AdviceEvent.objects.create(
                advice=advice, kind=kind, by=secretary, from_status=before, to_status=after
            )
            _backdate(AdviceEvent, event.pk, day)
        audit_record(
            actor=None, action="advice.create", target=advice, region=body.region, label=f"advies #{advice.pk}"
        )
    for number, text in enumerate(item["recommendations"], start=1):
        Recommendation.objects.get_or_create(advice=advice, number=number, defaults={"text": text})
    if item.get("comment") and not AdviceComment.objects.filter(advice=advice, text=item["comment"]).exists():
        comment = AdviceComment.objects.create(advice=advice, author=commenter, text=item["comment"])
        _backdate(AdviceComment, comment.pk, _day("2026-11-18"))
    answer = item.get("response")
    if answer and not Response.objects.filter(advice=advice).exists():
        response = Response.objects.create(
            advice=advice,
            responded_on=_day(answer["on"]),
            mentioned_in_decision=answer["mentioned"],
            sent_to_council=answer["to_council"],
            summary=answer["summary"],
            recorded_by=proposal.owner,
        )
        _backdate(Response, response.pk, _day(answer["on"]), "recorded_at")
        recommendations = list(advice.recommendations.order_by("number"))
        RecommendationResponse.objects.bulk_create(
            RecommendationResponse(response=response, recommendation=rec, verdict=verdict, reason=reason)
            for rec, (verdict, reason) in zip(recommendations, answer["verdicts"], strict=True)
        )
        event = AdviceEvent.objects.create(advice=advice, kind=AdviceEvent.Kind.RESPONSE, by=proposal.owner)
        _backdate(AdviceEvent, event.pk, _day(answer["on"]))
        audit_record(
            actor=None, action="advice.response", target=response, region=body.region, label=f"advies #{advice.pk}"
        )


def _demo_proposal_status(proposal, plan: dict) -> None:
    """Walk the proposal through its statuses with the policy service (history and audit), dated as in the story."""
    from inspraak.policy.models import ProposalEvent, ProposalStatus
    from inspraak.policy.services import proposal_set_status

    steps = []
    if plan["requests"]:
        steps.append((ProposalStatus.ADVICE_REQUESTED, _day(plan["requests"][0]["requested"])))
    sent = [_day(a["sent"]) for a in plan["advices"] if a["solicited"] and a["sent"]]
    if sent:
        steps.append((ProposalStatus.ADVICE_RECEIVED, min(sent)))
    if plan["decided"]:
        steps.append((ProposalStatus.DECIDED, _day(plan["decided"])))
    order = [
        ProposalStatus.PREPARING,
        ProposalStatus.ADVICE_REQUESTED,
        ProposalStatus.ADVICE_RECEIVED,
        ProposalStatus.DECIDED,
    ]
    for status, day in steps:
        if proposal.status not in order or order.index(proposal.status) >= order.index(status):
            continue
        if status == ProposalStatus.DECIDED and proposal.decided_on is None:
            proposal.decided_on = day
            proposal.save(update_fields=["decided_on"])
        proposal_set_status(proposal=proposal, status=status, by=proposal.owner)
        latest = ProposalEvent.objects.filter(proposal=proposal, kind=ProposalEvent.Kind.STATUS).order_by("-pk").first()
        _backdate(ProposalEvent, latest.pk, day)


# ---------------------------------------------------------------- national scale (benchmark, bulk inserts)

_PREFIXES = ["Noord", "Zuid", "Oost", "West", "Hoog", "Laag", "Groot", "Klein", "Oud", "Nieuw", "Sint", "Ter", "Den"]
_ROOTS = [
    "veen", "dam", "dorp", "wijk", "horst", "broek", "meer", "berg", "zand", "kerk", "haven", "brug", "rade",
    "loo", "hoven", "sluis", "kamp", "dijk", "holt", "stede", "woude", "gein", "beek", "lier", "mond", "zijl",
    "hem", "burg",
]  # fmt: skip
_AREAS = ["Kust", "Heuvelland", "Rivierenland", "Veenkoloniën", "Kempen", "Delta", "Vallei", "Duinstreek", "Polder"]
_FIRST = ["Anna", "Bas", "Chantal", "Dirk", "Esra", "Fleur", "Gijs", "Hanna", "Ilse", "Jan", "Karim", "Lotte", "Mo",
          "Noor", "Oscar", "Priya", "Ruud", "Sanne", "Tim", "Yasmina"]  # fmt: skip
_LAST = ["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "Yilmaz", "Mulder",
         "de Boer", "Bos", "Vos", "Peters", "Hendriks", "El Idrissi", "Kaya", "Dekker"]  # fmt: skip
_AUDIT_ACTIONS = [
    ("body.update", "body"),
    ("person.create", "user"),
    ("role.grant", "roleassignment"),
    ("login_code.issue", "logincode"),
    ("municipality.update", "municipality"),
    ("region.update", "region"),
]


@dataclass(frozen=True)
class NationalSize:
    regions: int = 100
    municipalities: int = 350
    people_per_body: tuple[int, int] = (10, 15)  # inclusive range, drawn per body
    audit_events_per_municipality: int = 20
    advices: int = 20_000  # sent advice records (with proposals, requests, recommendations and responses)
    skew: float = 0.6  # region sizes follow a power law: a few big partnerships, many small ones

    @classmethod
    def tiny(cls) -> NationalSize:
        return cls(regions=3, municipalities=7, people_per_body=(4, 5), audit_events_per_municipality=2, advices=40)


def region_sizes(regions: int, municipalities: int, skew: float) -> list[int]:
    """How many municipalities each region gets: at least one, the biggest first, summing to ``municipalities``."""
    if municipalities < regions:
        raise ValueError("every region needs at least one municipality")
    weights = [1 / (i + 1) ** skew for i in range(regions)]
    spare = municipalities - regions
    exact = [spare * w / sum(weights) for w in weights]
    sizes = [1 + int(x) for x in exact]
    # Hand out what rounding down left over, largest remainder first (stable: ties go to the bigger region).
    order = sorted(range(regions), key=lambda i: (-(exact[i] - int(exact[i])), i))
    for i in order[: municipalities - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _place_names(count: int, rng: random.Random) -> list[str]:
    names = [p + r for p in _PREFIXES for r in _ROOTS]
    rng.shuffle(names)
    if count > len(names):
        names += [f"{n} {k}" for k in range(2, count // len(names) + 2) for n in names[:]]
    return names[:count]


def build_national(size: NationalSize | None = None, seed: int = 47) -> dict[str, int]:
    """Bulk-build a national data set into an empty database: regions, municipalities, a client panel per region,
    an adviesraad per municipality, admins and policy officers, people in every body (a third without email, with a
    login code), and audit events. Returns the row counts."""
    size = size or NationalSize()
    rng = random.Random(seed)
    sizes = region_sizes(size.regions, size.municipalities, size.skew)
    area_names = [f"{_AREAS[i % len(_AREAS)]} {i // len(_AREAS) + 1}" for i in range(size.regions)]
    place_names = _place_names(size.municipalities, rng)

    with transaction.atomic():
        regions_ = Region.objects.bulk_create(
            Region(
                name=f"Regio {area}",
                slug=slugify(f"regio-{area}"),
                description="Een verzonnen samenwerking van gemeenten voor werk en inkomen (benchmark).",
            )
            for area in area_names
        )
        municipalities: list[Municipality] = []
        n = 0
        for region, count in zip(regions_, sizes, strict=True):
            for _ in range(count):
                name = place_names[n]
                municipalities.append(
                    Municipality(
                        region=region,
                        name=name,
                        slug=slugify(name),
                        cbs_code=f"GM{9000 + n:04d}",
                        client_group_size=rng.randint(150, 40000),
                        client_group_date=REFERENCE_DATE,
                    )
                )
                n += 1
        Municipality.objects.bulk_create(municipalities, batch_size=1000)
        by_region: dict[int, list[Municipality]] = {}
        for m in municipalities:
            by_region.setdefault(m.region_id, []).append(m)

        bodies = [
            Body(
                region=r,
                name=f"Cliëntenpanel {r.name.removeprefix('Regio ')}",
                slug="clientenpanel",
                kind=Body.Kind.CLIENT_PANEL,
                level=Body.Level.REGION,
                topic_scope=Body.TopicScope.EXECUTION,
                contact_email=f"clientenpanel@{r.slug}.example",
                **_panel_texts([m.name for m in by_region[r.pk]]),
            )
            for r in regions_
        ] + [
            Body(
                region_id=m.region_id,
                municipality=m,
                level=Body.Level.MUNICIPALITY,
                name=f"Adviesraad Sociaal Domein {m.name}",
                slug=f"adviesraad-sociaal-domein-{m.slug}",
                kind=Body.Kind.SOCIAL_DOMAIN_COUNCIL,
                covers_wmo=True,
                covers_jeugdwet=True,
                topic_scope=Body.TopicScope.POLICY,
                contact_email=f"adviesraad@{m.slug}.example",
                min_meetings_per_year=8,
                **_council_texts(m.name),
            )
            for m in municipalities
        ]
        Body.objects.bulk_create(bodies, batch_size=1000)

        people: list[User] = []
        grants: list[tuple[User, str, int, int | None, Body | None]] = []  # user, role, region, municipality, body

        def new_person(email: str | None, region_id: int) -> User:
            user = User(name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", email=email, password="!")
            user.created_in_region_id = region_id
            people.append(user)
            return user

        for r in regions_:
            for k in range(2 if len(by_region[r.pk]) > 5 else 1):
                grants.append((new_person(f"beheer{k}@{r.slug}.example", r.pk), Role.ADMIN, r.pk, None, None))
            for k in range(2):
                grants.append((new_person(f"beleid{k}@{r.slug}.example", r.pk), Role.POLICY_OFFICER, r.pk, None, None))
            for m in by_region[r.pk]:
                email = f"beleid@{m.slug}.{r.slug}.example"
                grants.append((new_person(email, r.pk), Role.POLICY_OFFICER, r.pk, m.pk, None))
        region_slugs = {r.pk: r.slug for r in regions_}
        first_member: dict[int, User] = {}
        for body in bodies:
            for k in range(rng.randint(*size.people_per_body)):
                role = Role.SECRETARY if k == 0 else Role.FACILITATOR if k == 1 else Role.MEMBER
                # A third of the members have no email address: they log in with a printed code.
                without_email = role == Role.MEMBER and k % 3 == 0
                email = None if without_email else f"p{k}@{body.slug}.{region_slugs[body.region_id]}.example"
                user = new_person(email, body.region_id)
                grants.append((user, role, body.region_id, None, body))
                if role == Role.MEMBER and body.level == Body.Level.REGION and body.region_id not in first_member:
                    first_member[body.region_id] = user
        # Some members sit in the regional panel and in the adviesraad of their municipality.
        council_of = {b.municipality_id: b for b in bodies if b.municipality_id}
        for region_id, member in first_member.items():
            council = council_of[by_region[region_id][0].pk]
            grants.append((member, Role.MEMBER, region_id, None, council))
        User.objects.bulk_create(people, batch_size=2000)
        RoleAssignment.objects.bulk_create(
            (
                RoleAssignment(user=u, role=role, region_id=region_id, municipality_id=muni_id, body=body)
                for u, role, region_id, muni_id, body in grants
            ),
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            (
                _bench_membership(body, u, role, k, by_region[region_id])
                for k, (u, role, region_id, _muni, body) in enumerate(grants)
                if body is not None
            ),
            batch_size=2000,
        )
        expires = timezone.now() + datetime.timedelta(days=settings.LOGIN_CODE_DAYS)
        LoginCode.objects.bulk_create(
            (
                LoginCode(user=u, code_hash=keyed_hash(f"bench-{u.pk}"), expires_at=expires)
                for u in people
                if u.email is None
            ),
            batch_size=2000,
        )

        admins = {region_id: u for u, role, region_id, _m, _b in grants if role == Role.ADMIN}
        events = []
        for r in regions_:
            for j in range(size.audit_events_per_municipality * len(by_region[r.pk])):
                action, target_type = _AUDIT_ACTIONS[j % len(_AUDIT_ACTIONS)]
                label = r.name if target_type == "region" else f"{target_type} #{j + 1}"
                events.append(
                    AuditEvent(
                        actor=admins[r.pk],
                        region=r,
                        action=action,
                        target_type=target_type,
                        target_id=str(j + 1),
                        target_label=label,
                        changed_fields=["name"] if action.endswith(".update") else [],
                    )
                )
        AuditEvent.objects.bulk_create(events, batch_size=2000)
    advice_counts = build_advice_register(advices=size.advices, seed=seed + 1)

    return {
        "regions": Region.objects.count(),
        "municipalities": Municipality.objects.count(),
        "bodies": Body.objects.count(),
        "people": User.objects.count(),
        "role_assignments": RoleAssignment.objects.count(),
        "login_codes": LoginCode.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "memberships": Membership.objects.count(),
        "biggest_region_municipalities": max(sizes),
        **advice_counts,
    }


_BENCH_TOPICS = [
    "Beleidsregels bijzondere bijstand",
    "Verordening cliëntenparticipatie",
    "Re-integratiebeleid",
    "Armoedebeleid",
    "Schuldhulpverlening",
    "Beleidsregels tegenprestatie",
    "Verordening individuele inkomenstoeslag",
    "Beleidsregels terugvordering en verhaal",
    "Dienstverlening Werkplein",
    "Beleidsregels loonkostensubsidie",
]
_BENCH_RECOMMENDATIONS = [
    "Schrijf de brieven in gewone taal.",
    "Geef iedereen één vaste klantmanager.",
    "Beslis binnen twee weken over kleine aanvragen.",
    "Maak het formulier ook op papier beschikbaar.",
    "Vraag de groep eerder om advies.",
]
_BENCH_REASONS = [
    "Dit lukt nog niet met het aantal medewerkers. We kijken over een jaar opnieuw.",
    "De wet laat dit niet toe.",
    "We doen dit voor een deel: eerst in één gemeente, daarna overal.",
]


def build_advice_register(*, advices: int, seed: int = 48, today: datetime.date | None = None) -> dict[str, int]:
    """Bulk-build the advice cycle of the national data set (run after the bodies and officers exist): ``advices``
    sent advice records spread evenly over the municipalities (a quarter to the regional panel about a GR
    proposal), each on its own proposal with a concern, mostly solicited (a request, a fifth of them late), a tenth
    unsolicited on a proposal decided without asking; 2 to 5 recommendations; a response with a verdict per
    recommendation when it is due (some overdue without one); history rows for the timelines."""
    from inspraak.advice.models import (
        Advice,
        AdviceEvent,
        AdviceRequest,
        Recommendation,
        RecommendationResponse,
        Response,
    )
    from inspraak.policy.models import Concern, Proposal, ProposalEvent

    rng = random.Random(seed)
    today = today or timezone.localdate()
    panels, councils = {}, {}
    for body in Body.objects.order_by("pk"):
        if body.municipality_id:
            councils.setdefault(body.municipality_id, body)
        else:
            panels.setdefault(body.region_id, body)
    officers: dict[tuple[int, int | None], int] = {}
    for user_id, region_id, municipality_id in (
        RoleAssignment.objects.filter(role=Role.POLICY_OFFICER)
        .order_by("pk")
        .values_list("user_id", "region_id", "municipality_id")
    ):
        officers.setdefault((region_id, municipality_id), user_id)
    secretaries = dict(
        RoleAssignment.objects.filter(role=Role.SECRETARY).order_by("-pk").values_list("body_id", "user_id")
    )
    municipalities = list(Municipality.objects.order_by("pk").values_list("pk", "region_id", "name"))
    if not municipalities or advices <= 0:
        return {"proposals": 0, "advices": 0}
    first_day = datetime.date(2024, 1, 8)
    span = (today + datetime.timedelta(days=120) - first_day).days  # decisions up to four months ahead

    records = []
    k = sent_count = 0
    while sent_count < advices:
        municipality_id, region_id, municipality_name = municipalities[k % len(municipalities)]
        regional = k % 4 == 0
        body = panels[region_id] if regional else councils[municipality_id]
        planned = first_day + datetime.timedelta(days=rng.randrange(span))
        period = datetime.timedelta(weeks=body.advice_period_weeks)
        solicited = k % 10 != 9
        k += 1
        late = solicited and rng.random() < 0.2
        if solicited:
            requested = planned - period + datetime.timedelta(days=rng.randint(5, 30) if late else -rng.randint(0, 40))
            deadline = min(requested + period, planned) if late else requested + period
            sent = max(requested, deadline - datetime.timedelta(days=rng.randint(0, 7)))
        else:
            requested = deadline = None
            sent = planned + datetime.timedelta(days=rng.randint(5, 40))
        if sent > today:  # still within the advice period: the request is open, no advice in the register yet
            if not solicited:
                continue
            sent = None
        sent_count += sent is not None
        decided = planned <= today
        due = sent + datetime.timedelta(weeks=body.response_period_weeks) if sent else None
        responded = None
        if due is not None:
            chance = 0.9 if due + datetime.timedelta(days=30) < today else 0.5 if due < today else 0.3
            if rng.random() < chance:
                responded = min(today, sent + datetime.timedelta(days=rng.randint(14, 70)))
        records.append(
            {
                "region_id": region_id,
                "municipality_id": None if regional else municipality_id,
                "place": "de regio" if regional else municipality_name,
                "body": body,
                "owner": officers.get((region_id, None if regional else municipality_id))
                or officers.get((region_id, None)),
                "planned": planned,
                "decided": planned if decided else None,
                "requested": requested,
                "deadline": deadline,
                "sent": sent,
                "due": due,
                "responded": responded,
                "topic": _BENCH_TOPICS[k % len(_BENCH_TOPICS)],
                "recommendations": rng.randint(2, 5),
                "solicited": solicited,
            }
        )

    with transaction.atomic():
        proposals = Proposal.objects.bulk_create(
            (
                Proposal(
                    region_id=r["region_id"],
                    municipality_id=r["municipality_id"],
                    title=f"{r['topic']} {r['planned'].year} ({r['place']})",
                    description=f"Een verzonnen voorstel over {r['topic'].lower()} (benchmark).",
                    kind="verordening" if r["topic"].startswith("Verordening") else "beleid",
                    owner_id=r["owner"],
                    created_by_id=r["owner"],
                    deciding_body="dagelijks_bestuur" if r["municipality_id"] is None else "college",
                    planned_decision_date=r["planned"],
                    decided_on=r["decided"],
                    status="besloten" if r["decided"] else "advies_ontvangen" if r["sent"] else "advies_gevraagd",
                )
                for r in records
            ),
            batch_size=2000,
        )
        Concern.objects.bulk_create(
            (Concern(proposal=p, body=r["body"], suggested=True) for p, r in zip(proposals, records, strict=True)),
            batch_size=2000,
        )
        requests = AdviceRequest.objects.bulk_create(
            (
                AdviceRequest(
                    proposal=p,
                    region_id=p.region_id,
                    municipality_id=p.municipality_id,
                    body=r["body"],
                    questions="Wat vindt u van dit voorstel?",
                    contact_id=r["owner"],
                    created_by_id=r["owner"],
                    requested_on=r["requested"],
                    deadline=r["deadline"],
                    status="beantwoord" if r["sent"] else "open",
                )
                for p, r in zip(proposals, records, strict=True)
                if r["solicited"]
            ),
            batch_size=2000,
        )
        request_of = {request.proposal_id: request for request in requests}
        sent = [(p, r) for p, r in zip(proposals, records, strict=True) if r["sent"]]
        advice_rows = Advice.objects.bulk_create(
            (
                _placed(
                    Advice(
                        body=r["body"],
                        kind="gevraagd" if r["solicited"] else "ongevraagd",
                        request=request_of.get(p.pk),
                        proposal=p,
                        subject=f"Advies over {r['topic'].lower()}",
                        text="Het advies van de groep, met de aanbevelingen hieronder.",
                        status="verzonden",
                        adopted_on=r["sent"],
                        adopted_how="vergadering",
                        sent_on=r["sent"],
                        response_due=r["due"],
                        responded_on=r["responded"],  # the Response below is bulk-created (no Response.save)
                        created_by_id=secretaries.get(r["body"].pk),
                    )
                )
                for p, r in sent
            ),
            batch_size=2000,
        )
        recommendations = Recommendation.objects.bulk_create(
            (
                Recommendation(advice=a, number=n, text=_BENCH_RECOMMENDATIONS[(n - 1) % len(_BENCH_RECOMMENDATIONS)])
                for a, (_p, r) in zip(advice_rows, sent, strict=True)
                for n in range(1, r["recommendations"] + 1)
            ),
            batch_size=5000,
        )
        answered = [(a, r) for a, (_p, r) in zip(advice_rows, sent, strict=True) if r["responded"]]
        responses = Response.objects.bulk_create(
            (
                Response(
                    advice=a,
                    responded_on=r["responded"],
                    mentioned_in_decision=True,
                    sent_to_council=a.pk % 3 != 0,
                    summary="De reactie van het college of het bestuur.",
                    recorded_by_id=r["owner"],
                )
                for a, r in answered
            ),
            batch_size=2000,
        )
        response_of = {response.advice_id: response for response in responses}
        verdicts = []
        for rec in recommendations:
            response = response_of.get(rec.advice_id)
            if response is None:
                continue
            pick = rng.random()
            verdict = "overgenomen" if pick < 0.6 else "deels" if pick < 0.85 else "niet"
            reason = "" if verdict == "overgenomen" else _BENCH_REASONS[rec.pk % len(_BENCH_REASONS)]
            verdicts.append(
                RecommendationResponse(response=response, recommendation=rec, verdict=verdict, reason=reason)
            )
        RecommendationResponse.objects.bulk_create(verdicts, batch_size=5000)

        events = []
        for p, r in zip(proposals, records, strict=True):
            events.append(ProposalEvent(proposal=p, kind="aangemaakt", by_id=r["owner"], to_status="in_voorbereiding"))
            steps = (["advies_gevraagd"] if r["solicited"] else []) + (["advies_ontvangen"] if r["sent"] else [])
            steps += ["besloten"] if r["decided"] else []
            previous = "in_voorbereiding"
            for status in steps:
                events.append(
                    ProposalEvent(proposal=p, kind="status", by_id=r["owner"], from_status=previous, to_status=status)
                )
                previous = status
        ProposalEvent.objects.bulk_create(events, batch_size=5000)
        AdviceEvent.objects.bulk_create(
            (
                AdviceEvent(advice=a, kind=kind, from_status=before, to_status=after)
                for a in advice_rows
                for kind, before, after in (
                    ("aangemaakt", "", "concept"),
                    ("status", "concept", "vastgesteld"),
                    ("status", "vastgesteld", "verzonden"),
                )
            ),
            batch_size=5000,
        )
    return {
        "proposals": len(proposals),
        "advice_requests": len(requests),
        "advices": len(advice_rows),
        "recommendations": len(recommendations),
        "responses": len(responses),
    }


_BENCH_CATEGORIES = ["client"] * 7 + ["ervaringsdeskundige", "clientenorganisatie", "werkgever"]
_BODY_ROLE = {Role.SECRETARY: "secretaris", Role.FACILITATOR: "gespreksleider", Role.MEMBER: "lid"}


def _bench_membership(body: Body, user: User, role: str, k: int, municipalities: list[Municipality]) -> Membership:
    start = datetime.date(2023 + k % 3, 1 + k % 12, 1)
    return Membership(
        body=body,
        user=user,
        body_role=_BODY_ROLE[role],
        category="medewerker"
        if role == Role.SECRETARY
        else "deskundige"
        if role == Role.FACILITATOR
        else _BENCH_CATEGORIES[k % len(_BENCH_CATEGORIES)],
        municipality=body.municipality if body.municipality_id else municipalities[k % len(municipalities)],
        term_start=start,
        term_end=start.replace(year=start.year + 4) - datetime.timedelta(days=1),
        contact_email=user.email or "",
        contact_phone="" if user.email else "0600000000",
        consent_named_to_members=k % 2 == 0,
    )


def build_big_region(*, municipalities: int = 350, members: int = 100, seed: int = 350) -> dict[str, object]:
    """One region as large as the whole country (350 municipalities) with a balanced regional panel of
    ``members`` members: the worst case for the seat allocation and the composition pages."""
    rng = random.Random(seed)
    with transaction.atomic():
        region = Region.objects.create(name="Regio Heel Nederland", slug="regio-heel-nederland")
        names = _place_names(municipalities, rng)
        munis = Municipality.objects.bulk_create(
            Municipality(
                region=region,
                name=name,
                slug=slugify(name),
                cbs_code=f"GM{k:04d}",
                client_group_size=rng.randint(150, 40000),
                client_group_date=REFERENCE_DATE,
            )
            for k, name in enumerate(names)
        )
        panel = Body.objects.create(
            region=region,
            name="Cliëntenpanel Heel Nederland",
            slug="clientenpanel",
            kind=Body.Kind.CLIENT_PANEL,
            level=Body.Level.REGION,
            min_clients=municipalities,
            **_panel_texts(["Alfa", "Beta"]),
        )
        users = User.objects.bulk_create(
            User(
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                email=f"lid{k}@heel-nederland.example" if k % 3 else None,
                password="!",
                created_in_region=region,
            )
            for k in range(members)
        )
        roles = [Role.SECRETARY, Role.FACILITATOR] + [Role.MEMBER] * (members - 2)
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=u, role=role, region=region, body=panel) for u, role in zip(users, roles, strict=True)
        )
        Membership.objects.bulk_create(
            _bench_membership(panel, u, role, k, munis) for k, (u, role) in enumerate(zip(users, roles, strict=True))
        )
        _big_region_art47(region, panel, munis, users[0])
    return {"region": region.slug, "body": panel.slug, "municipalities": municipalities, "members": members}


def _big_region_art47(region: Region, panel: Body, munis: list[Municipality], owner: User) -> None:
    """The art. 47 picture of the big region: every municipality a verordening (a third of them an old WWB text
    that regulates only c–e, every tenth none) and a proposal decided this year (every third one decided without
    asking the panel): the worst case for the matrix pages."""
    from inspraak.advice.models import AdviceRequest
    from inspraak.bylaws.models import AdoptedBy, Bylaw, LegalBasis, TargetGroup
    from inspraak.policy.models import Concern, DecidingBody, Proposal, ProposalStatus

    today = timezone.localdate()
    texts = []
    for k, muni in enumerate(munis):
        if k % 10 == 9:
            continue
        old = k % 3 == 1
        texts.append(
            Bylaw(
                region=region,
                municipality=muni,
                title=f"Verordening cliëntenparticipatie {muni.name}",
                adopted_by=AdoptedBy.COUNCIL,
                adopted_on=datetime.date(2008 if old else 2014, 12, 1),
                in_force_from=datetime.date(2009 if old else 2015, 1, 1),
                legal_basis=LegalBasis.WWB if old else LegalBasis.PARTICIPATIEWET,
                target_group=TargetGroup.ART_7_1 if old else TargetGroup.ART_7_1_AND_7A,
                element_a=not old,
                element_b=not old,
                element_c=True,
                element_d=True,
                element_e=True,
                min_meetings_per_year=4,
            )
        )
    Bylaw.designated_bodies.through.objects.bulk_create(
        Bylaw.designated_bodies.through(bylaw=bylaw, body=panel) for bylaw in Bylaw.objects.bulk_create(texts)
    )
    decided = today - datetime.timedelta(days=min(30, today.timetuple().tm_yday - 1))
    proposals = Proposal.objects.bulk_create(
        Proposal(
            region=region,
            municipality=muni,
            title=f"Beleidsregels {muni.name}",
            description="Nieuwe beleidsregels.",
            owner=owner,
            deciding_body=DecidingBody.COLLEGE,
            planned_decision_date=decided,
            status=ProposalStatus.DECIDED,
            decided_on=decided,
        )
        for muni in munis
    )
    Concern.objects.bulk_create(Concern(proposal=p, body=panel) for p in proposals)
    AdviceRequest.objects.bulk_create(
        AdviceRequest(
            proposal=p,
            region_id=p.region_id,
            municipality_id=p.municipality_id,
            body=panel,
            questions="Wat vindt u ervan?",
            requested_on=decided - datetime.timedelta(weeks=8),
            deadline=decided - datetime.timedelta(weeks=2),
        )
        for k, p in enumerate(proposals)
        if k % 3
    )


def build_meeting_cycle(
    *,
    body_slug: str = "clientenpanel",
    region_slug: str = "regio-heel-nederland",
    items: int = 20,
    documents: int = 60,
    topics: int = 500,
    seed: int = 4,
) -> dict[str, object]:
    """The meeting cycle at its heaviest for one body (bulk): a year plan of 6 meetings, an agenda of ``items`` items
    with ``documents`` documents, and ``topics`` topics with votes from the members."""
    from inspraak.agenda.models import AgendaItem, MeetingDocument
    from inspraak.meetings.models import Meeting, MeetingEvent
    from inspraak.topics.models import Topic, TopicVote

    rng = random.Random(seed)
    body = Body.objects.get(region__slug=region_slug, slug=body_slug)
    members = list(User.objects.filter(role_assignments__body=body, role_assignments__role=Role.MEMBER))
    year = timezone.localdate().year
    zone = timezone.get_current_timezone()
    with transaction.atomic():
        meetings = Meeting.objects.bulk_create(
            Meeting(
                body=body,
                title=f"Bijeenkomst {k + 1}",
                starts_at=datetime.datetime(year, 2 * k + 1, 12, 14, 0, tzinfo=zone),
                ends_at=datetime.datetime(year, 2 * k + 1, 12, 16, 0, tzinfo=zone),
                place_name="Werkplein",
                status="gehouden" if k < 5 else "agenda_gepubliceerd",
            )
            for k in range(6)
        )
        MeetingEvent.objects.bulk_create(
            MeetingEvent(meeting=m, kind="aangemaakt", to_status="gepland") for m in meetings
        )
        last = meetings[-1]
        agenda = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=last, position=k + 1, title=f"Agendapunt {k + 1}", summary="Korte uitleg.", source="secretaris"
            )
            for k in range(items)
        )
        MeetingDocument.objects.bulk_create(
            MeetingDocument(
                item=agenda[k % items],
                title=f"Stuk {k + 1}",
                page_text="Tekst van het stuk.",
                summary="Samenvatting.",
                available_at=last.starts_at - datetime.timedelta(days=rng.randint(1, 14)),
            )
            for k in range(documents)
        )
        rows = Topic.objects.bulk_create(
            Topic(
                body=body,
                title=f"Onderwerp {k + 1}",
                description="Uitleg van het onderwerp.",
                submitted_by=members[k % len(members)],
            )
            for k in range(topics)
        )
        TopicVote.objects.bulk_create(
            (TopicVote(topic=rows[rng.randrange(topics)], user=member) for member in members for _ in range(3)),
            ignore_conflicts=True,
        )
    return {
        "meetings": len(meetings),
        "agenda_items": items,
        "documents": documents,
        "topics": topics,
        "agenda_meeting": last.pk,
    }
