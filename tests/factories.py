"""factory_boy factories for the whole suite."""

from __future__ import annotations

import datetime

import factory

from inspraak.accounts.models import Role, RoleAssignment, User
from inspraak.regions.models import Body, Municipality, Region


def this_year_start() -> datetime.date:
    """1 January of this year, by the clock (frozen at ``tests.world.NOW`` in world-based tests)."""
    from django.utils import timezone

    return timezone.localdate().replace(month=1, day=1)


def term_start() -> datetime.date:
    """The start of a running term: 1 January of last year."""
    return this_year_start().replace(year=this_year_start().year - 1)


def term_end() -> datetime.date:
    """The end of a running term: 31 December two years from now, so no "term ending" warning is due."""
    return this_year_start().replace(year=this_year_start().year + 2, month=12, day=31)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")
    description = "Samenwerking van gemeenten voor werk en inkomen."


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    cbs_code = factory.Sequence(lambda n: f"GM{n % 10000:04d}")
    client_group_size = 1500
    client_group_date = factory.LazyFunction(this_year_start)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Cliëntenpanel {n}")
    slug = factory.Sequence(lambda n: f"orgaan-{n}")
    kind = Body.Kind.CLIENT_PANEL
    level = Body.Level.REGION
    description = "Cliënten praten mee over de uitvoering."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER
    region = factory.SubFactory(RegionFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership written directly (no role assignment, no history): for reads and page tests."""

    class Meta:
        model = "members.Membership"

    body = factory.SubFactory(BodyFactory)
    user = factory.SubFactory(UserFactory)
    body_role = "lid"
    category = "client"
    term_start = factory.LazyFunction(term_start)
    term_end = factory.LazyFunction(term_end)
    status = "actief"
    contact_phone = "0612345678"


def paper_only(user, region):
    """Make ``user`` someone a printed login code is for: no email, no password, account made in ``region``."""
    user.email = None
    user.set_unusable_password()
    user.created_in_region = region
    user.save()
    return user


def paper_member(world):
    """An active member of ``world.body`` without email or password (the account made in the region): someone
    the secretary and the beheerder may print a login code letter for. The same one on every call."""
    from inspraak.members.models import Category, Membership

    user = User.objects.filter(name="Papieren Lid", email__isnull=True).first()
    if user is None:
        user = UserFactory(email=None, password=None, name="Papieren Lid", created_in_region=world.region)
        RoleAssignment.objects.create(user=user, role="lid", region=world.region, body=world.body)
        Membership.objects.create(
            body=world.body,
            user=user,
            body_role="lid",
            category=Category.CLIENT,
            municipality=world.municipality,
            term_start=term_start(),
            term_end=term_end(),
            contact_address="Papierstraat 1",
        )
    return user.memberships.get(body=world.body)


def paper_person(world, name: str, *, body=None, address: str = "", phone: str = "", large: bool = False):
    """An active member of ``body`` (default ``world.body``) without email or password, with the given contact data
    (issue 12: a member on paper)."""
    from inspraak.members.models import Category, Membership

    body = body or world.body
    user = UserFactory(email=None, password=None, name=name, created_in_region=world.region)
    RoleAssignment.objects.create(user=user, role="lid", region=body.region, body=body)
    Membership.objects.create(
        body=body,
        user=user,
        body_role="lid",
        category=Category.CLIENT,
        municipality=world.municipality,
        term_start=term_start(),
        term_end=term_end(),
        contact_address=address,
        contact_phone=phone,
        needs_large_print=large,
    )
    return user


def invited_membership(world, user):
    """A membership of ``world.body`` that waits for ``user``'s answer (as the member form makes it)."""
    from inspraak.members import services

    existing = user.memberships.filter(body=world.body, status="uitgenodigd").first()
    return existing or services.member_invite(
        body=world.body,
        name="Getypte Naam",
        email=user.email,
        term_start=this_year_start(),
        by=None,
        body_role="lid",
        category="client",
        municipality=world.municipality,
        contact_phone="0612345678",
    )
