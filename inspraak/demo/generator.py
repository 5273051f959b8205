"""Demo and benchmark data. Everything here is fictional.

``load_demo`` builds one small region for trying Inspraak out (idempotent: running it twice gives the same
state). ``build_national`` builds a national-scale data set for ``make bench`` with bulk inserts.
The generator writes through the ORM on purpose: demo data is not a person's action, so it leaves no audit rows.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.accounts.tokens import keyed_hash, normalize_code
from inspraak.audit.models import AuditEvent
from inspraak.regions.models import Body, Municipality, Region

DEMO_PASSWORD = "inspraak-demo"
DEMO_CODE = "DEMA-HAVN-2345"  # the printed login code of the demo member without email
REFERENCE_DATE = datetime.date(2026, 1, 1)

MUNICIPALITIES = [
    # name, slug, CBS code (fictional GM99xx range), client-group size
    ("Havenstad", "havenstad", "GM9901", 2900),
    ("Polderveen", "polderveen", "GM9902", 2200),
    ("Kreekdorp", "kreekdorp", "GM9903", 700),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str | None
    password: str | None
    code: str | None = None


class ProductionRefused(Exception):
    pass


def _person(email: str | None, name: str, *, password: bool = True, key: str = "") -> User:
    if email:
        user, _ = User.objects.update_or_create(email=email, defaults={"name": name, "is_active": True})
    else:
        # People without email are found by their (unique, demo-only) name.
        user = User.objects.filter(email__isnull=True, name=name).first() or User(name=name)
        user.is_active = True
    if password:
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
    else:
        user.set_unusable_password()
    user.save()
    return user


def _role(user, role, region, municipality=None, body=None) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, region=region, municipality=municipality, body=body)


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    if settings.PRODUCTION:
        raise ProductionRefused("Demo data is never loaded in production.")
    region, _ = Region.objects.update_or_create(
        slug="waterland-oost",
        defaults={
            "name": "Regio Waterland-Oost",
            "description": (
                "Waterland-Oost is een samenwerking van Havenstad, Polderveen en Kreekdorp. Samen voeren zij de "
                "Participatiewet uit: uitkeringen en hulp bij werk. (Dit is een verzonnen regio om Inspraak te "
                "proberen.)"
            ),
        },
    )
    municipalities = {}
    for name, slug, code, size in MUNICIPALITIES:
        municipalities[slug], _ = Municipality.objects.update_or_create(
            region=region,
            slug=slug,
            defaults={"name": name, "cbs_code": code, "client_group_size": size, "client_group_date": REFERENCE_DATE},
        )
    panel, _ = Body.objects.update_or_create(
        region=region,
        slug="clientenpanel",
        defaults={
            "name": "Cliëntenpanel Waterland-Oost",
            "kind": Body.Kind.CLIENT_PANEL,
            "level": Body.Level.REGION,
            "municipality": None,
            "covers_participatiewet": True,
            "covers_wmo": False,
            "covers_jeugdwet": False,
            "topic_scope": Body.TopicScope.EXECUTION,
            "description": (
                "In het cliëntenpanel praten cliënten uit de drie gemeenten mee over de uitvoering. Denk aan de "
                "brieven die u krijgt, hoe u wordt behandeld aan de balie en of afspraken worden nagekomen. "
                "Een onafhankelijke gespreksleider maakt de agenda samen met de leden."
            ),
            "audience": (
                "Voor inwoners met een bijstandsuitkering, en voor mensen die hulp krijgen bij het vinden van werk. "
                "Ook als u geen uitkering heeft."
            ),
            "how_to_join": (
                "Het panel komt 4 keer per jaar samen, op een doordeweekse middag. U krijgt een "
                "vrijwilligersvergoeding en uw reiskosten terug. Bel of mail ons: we leggen graag uit hoe het werkt."
            ),
            "contact_email": "clientenpanel@waterland-oost.example",
            "contact_phone": "0299 123 456",
            "min_meetings_per_year": 4,
        },
    )
    councils = {}
    for name, slug, _code, _size in MUNICIPALITIES:
        councils[slug], _ = Body.objects.update_or_create(
            region=region,
            slug=f"asd-{slug}",
            defaults={
                "name": f"Adviesraad Sociaal Domein {name}",
                "kind": Body.Kind.SOCIAL_DOMAIN_COUNCIL,
                "level": Body.Level.MUNICIPALITY,
                "municipality": municipalities[slug],
                "covers_participatiewet": True,
                "covers_wmo": True,
                "covers_jeugdwet": True,
                "topic_scope": Body.TopicScope.POLICY,
                "description": (
                    f"De adviesraad geeft het college van {name} advies over plannen en regels voor werk, "
                    "inkomen, zorg en jeugd. Gevraagd en ongevraagd."
                ),
                "audience": f"Voor alle inwoners van {name}. Cliënten van de Participatiewet zijn extra welkom.",
                "how_to_join": "Er komen regelmatig plekken vrij. Stuur een e-mail als u mee wilt doen.",
                "contact_email": f"adviesraad@{slug}.example",
                "min_meetings_per_year": 8,
                "balanced_over_municipalities": False,
            },
        )

    logins: list[DemoLogin] = []

    def person(role_label, email, name, *, roles, password=True):
        user = _person(email, name, password=password)
        for args in roles:
            _role(user, *args)
        logins.append(DemoLogin(role_label, name, email, DEMO_PASSWORD if password else None))
        return user

    person("beheerder", "beheerder@demo.inspraak.example", "Bram Beheer", roles=[(Role.ADMIN, region)])
    person(
        "beleidsmedewerker (regio)",
        "beleid.regio@demo.inspraak.example",
        "Fatima El Amrani",
        roles=[(Role.POLICY_OFFICER, region)],
    )
    person(
        "beleidsmedewerker (gemeente)",
        "beleid.havenstad@demo.inspraak.example",
        "Jeroen Visser",
        roles=[(Role.POLICY_OFFICER, region, municipalities["havenstad"])],
    )
    person(
        "secretaris",
        "secretaris@demo.inspraak.example",
        "Ingrid Bakker",
        roles=[(Role.SECRETARY, region, None, panel)],
    )
    person(
        "gespreksleider",
        "gespreksleider@demo.inspraak.example",
        "Samir Haddou",
        roles=[(Role.FACILITATOR, region, None, panel)],
    )
    person(
        "lid (met e-mail)",
        "lid@demo.inspraak.example",
        "Anouk de Vries",
        roles=[(Role.MEMBER, region, None, panel), (Role.MEMBER, region, None, councils["havenstad"])],
    )
    member_without_email = _person(None, "Kees Jansen", password=False)
    _role(member_without_email, Role.MEMBER, region, None, panel)
    code_hash = keyed_hash(normalize_code(DEMO_CODE))
    LoginCode.objects.filter(user=member_without_email).exclude(code_hash=code_hash).delete()
    LoginCode.objects.update_or_create(
        user=member_without_email,
        code_hash=code_hash,
        defaults={"expires_at": timezone.now() + datetime.timedelta(days=365), "revoked_at": None},
    )
    logins.append(DemoLogin("lid (zonder e-mail)", "Kees Jansen", None, None, DEMO_CODE))
    return logins


# ---------------------------------------------------------------- national scale (benchmark)

_FIRST = ["Anna", "Bas", "Chantal", "Dirk", "Esra", "Fleur", "Gijs", "Hanna", "Ilse", "Jan", "Karim", "Lotte"]
_LAST = ["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "Yilmaz", "Mulder"]


@dataclass(frozen=True)
class NationalSize:
    regions: int = 100
    municipalities: int = 350
    people_per_body: int = 12
    audit_events_per_region: int = 60


def build_national(size: NationalSize = NationalSize(), seed: int = 47) -> dict[str, int]:
    """Bulk-build a national data set: regions, municipalities, a panel per region, an adviesraad per
    municipality, people with roles, and audit events. Meant for an empty benchmark database."""
    rng = random.Random(seed)
    regions = Region.objects.bulk_create(
        Region(name=f"Regio {i + 1:03d}", slug=f"regio-{i + 1:03d}", description="Benchmarkregio.")
        for i in range(size.regions)
    )
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            region=regions[i % size.regions],
            name=f"Gemeente {i + 1:03d}",
            slug=f"gemeente-{i + 1:03d}",
            cbs_code=f"GM{i + 1:04d}",
            client_group_size=rng.randint(150, 40000),
            client_group_date=REFERENCE_DATE,
        )
        for i in range(size.municipalities)
    )
    bodies = Body.objects.bulk_create(
        [
            Body(region=r, name=f"Cliëntenpanel {r.name}", slug="clientenpanel", kind=Body.Kind.CLIENT_PANEL)
            for r in regions
        ]
        + [
            Body(
                region_id=m.region_id,
                municipality=m,
                level=Body.Level.MUNICIPALITY,
                name=f"Adviesraad Sociaal Domein {m.name}",
                slug=f"asd-{m.slug}",
                kind=Body.Kind.SOCIAL_DOMAIN_COUNCIL,
                covers_wmo=True,
                covers_jeugdwet=True,
                topic_scope=Body.TopicScope.POLICY,
            )
            for m in municipalities
        ]
    )
    users, roles = [], []
    for body in bodies:
        for k in range(size.people_per_body):
            user = User(
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                email=None if k % 3 == 0 else f"p{body.pk}-{k}@bench.example",
                password="!",  # unusable
            )
            role = Role.SECRETARY if k == 0 else Role.FACILITATOR if k == 1 else Role.MEMBER
            users.append(user)
            roles.append((user, role, body))
    User.objects.bulk_create(users, batch_size=2000)
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(user=u, role=role, region_id=b.region_id, body=b) for u, role, b in roles), batch_size=2000
    )
    admins = User.objects.bulk_create(
        User(name=f"Beheerder {r.name}", email=f"beheer-{r.slug}@bench.example", password="!") for r in regions
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=u, role=Role.ADMIN, region=r) for u, r in zip(admins, regions, strict=True)
    )
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                actor=admins[i],
                region=r,
                action="body.update",
                target_type="body",
                target_id="1",
                target_label=f"orgaan #{j}",
                changed_fields=["name"],
            )
            for i, r in enumerate(regions)
            for j in range(size.audit_events_per_region)
        ),
        batch_size=2000,
    )
    return {
        "regions": len(regions),
        "municipalities": len(municipalities),
        "bodies": len(bodies),
        "people": len(users) + len(admins),
        "role_assignments": len(roles) + len(admins),
        "audit_events": size.regions * size.audit_events_per_region,
    }
