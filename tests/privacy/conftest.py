import datetime

import pytest

from inspraak.accounts import services as account_services
from inspraak.accounts.models import Role
from inspraak.core import privacy_registry as registry
from inspraak.core import sms
from inspraak.members import services as member_services
from inspraak.members.models import ConsentRecord
from tests.factories import BodyFactory, RoleAssignmentFactory, UserFactory

NAME = "Fenna Zwaluwstaart"
EMAIL = "fenna.zwaluwstaart@example.org"
PHONE = "0612398765"
PHONE_E164 = "+31612398765"  # as the SMS outbox holds it
ADDRESS = "Kerkstraat 12, 9999 ZZ Zeedorp"
CONTACT_EMAIL = "fenna.prive@example.org"
NEED = "Een rolstoelplek bij het raam"
OLD_REASON = "Verhuisd naar de stad van haar zus"


@pytest.fixture
def restore_registry():
    """Tests that register extra parts get the registry back as it was."""
    saved = dict(registry._parts)
    yield registry
    registry._parts.clear()
    registry._parts.update(saved)


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.user("admin"))
    return client


@pytest.fixture
def fenna(world):
    """A client with every kind of data: roles, a login code and link, an active and an ended membership with
    contact details, needs, under-27 mark and consent (SMS reminders too, with a text message in the SMS outbox),
    and audit rows about her."""
    admin = world.user("admin")
    person = account_services.person_create(name=NAME, email=EMAIL, region=world.region, by=admin)
    account_services.role_grant(person=person, role=Role.MEMBER, region=world.region, body=world.body, by=admin)
    account_services.login_code_issue(person=person, region=world.region, by=admin)
    account_services.login_link_request(email=EMAIL)
    active = member_services.membership_create(
        body=world.municipal_body,
        user=person,
        body_role="lid",
        category="client",
        municipality=world.municipality,
        term_start=datetime.date(2025, 1, 1),
        by=admin,
        contact_email=CONTACT_EMAIL,
        contact_phone=PHONE,
        contact_address=ADDRESS,
        under_27=True,
        under_27_until=datetime.date(2027, 5, 1),
        needs_accessible_venue=True,
        needs_other=NEED,
        consent_named_to_members=True,
        consent_source=ConsentRecord.Source.SELF,
    )
    member_services.consent_set(
        membership=active, kind=ConsentRecord.Kind.NAMED_PUBLICLY, granted=True, source="zelf", by=person
    )
    member_services.consent_set(membership=active, kind=ConsentRecord.Kind.SMS, granted=True, source="zelf", by=person)
    sms.queue_sms(person=person, to=PHONE, text="Herinnering: bijeenkomst", region=world.region)
    ended = membership(person, world.body, admin, category="ervaringsdeskundige", term_start=datetime.date(2022, 1, 1))
    member_services.membership_end(membership=ended, by=admin, reason=OLD_REASON, ended_on=datetime.date(2024, 6, 1))
    # membership_end took the member role of world.body; give it back as a beheerder would.
    account_services.role_grant(person=person, role=Role.MEMBER, region=world.region, body=world.body, by=admin)
    person.refresh_from_db()
    return person


def membership(person, body, by, *, term_start=datetime.date(2025, 1, 1), **extra):
    """A client membership through the members service (a phone number as contact route unless given)."""
    extra.setdefault("contact_phone", PHONE)
    extra.setdefault("category", "client")
    return member_services.membership_create(
        body=body, user=person, body_role="lid", term_start=term_start, by=by, **extra
    )


def other_person(region, body, name="Anders Iemand", email="anders@example.org"):
    person = UserFactory(name=name, email=email)
    RoleAssignmentFactory(user=person, role=Role.MEMBER, region=region, body=body)
    return person


def grow_data(world, person):
    """Three more memberships (each with a role, consent records and history), login codes and audit rows."""

    def grow():
        admin = world.user("admin")
        for _ in range(3):
            membership(person, BodyFactory(region=world.region), admin, consent_named_to_members=True)
            account_services.login_code_issue(person=person, region=world.region, by=admin)

    return grow
