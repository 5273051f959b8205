"""build_national: the benchmark data set has the same shape as the real world, at any size."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import Count

from inspraak.accounts.models import BODY_ROLES, LoginCode, Role, RoleAssignment, User
from inspraak.audit.models import AuditEvent
from inspraak.demo.generator import NationalSize, build_national, region_sizes
from inspraak.regions.models import Body, Municipality, Region


@pytest.mark.parametrize(("regions", "municipalities"), [(100, 350), (3, 7), (5, 5), (1, 12)])
def test_region_sizes_give_every_region_a_municipality_and_add_up(regions, municipalities):
    sizes = region_sizes(regions, municipalities, 0.6)
    assert len(sizes) == regions
    assert sum(sizes) == municipalities
    assert min(sizes) >= 1
    assert sizes == sorted(sizes, reverse=True)


def test_national_scale_has_a_few_big_partnerships_and_many_small_ones():
    sizes = region_sizes(100, 350, NationalSize().skew)
    assert 12 <= sizes[0] <= 30
    assert sizes[-1] <= 3


@pytest.mark.django_db
def test_a_small_data_set_is_consistent():
    size = NationalSize.tiny()
    counts = build_national(size)

    assert counts["regions"] == Region.objects.count() == size.regions
    assert counts["municipalities"] == Municipality.objects.count() == size.municipalities
    assert counts["bodies"] == Body.objects.count() == size.regions + size.municipalities
    assert counts["people"] == User.objects.count()
    assert counts["role_assignments"] == RoleAssignment.objects.count()
    assert counts["audit_events"] == AuditEvent.objects.count() > 0

    for municipality in Municipality.objects.all():
        municipality.full_clean()
        assert municipality.cbs_code.startswith("GM9")
    for body in Body.objects.select_related("municipality"):
        body.full_clean()
        if body.level == Body.Level.REGION:
            assert body.municipality is None
            assert body.kind == Body.Kind.CLIENT_PANEL
        else:
            assert body.municipality.region_id == body.region_id
            assert body.kind == Body.Kind.SOCIAL_DOMAIN_COUNCIL
    for region in Region.objects.all():
        assert Body.objects.filter(region=region, level=Body.Level.REGION).count() == 1
        assert RoleAssignment.objects.filter(region=region, role=Role.ADMIN).exists()
        assert RoleAssignment.objects.filter(region=region, role=Role.POLICY_OFFICER, municipality=None).exists()
    # Every municipality has exactly one adviesraad and one policy officer of its own.
    assert set(Body.objects.filter(level=Body.Level.MUNICIPALITY).values_list("municipality", flat=True)) == set(
        Municipality.objects.values_list("pk", flat=True)
    )
    assert RoleAssignment.objects.filter(municipality__isnull=False).count() == size.municipalities

    # Roles stay inside their region: a body role's body, an officer's municipality.
    for assignment in RoleAssignment.objects.select_related("body", "municipality"):
        if assignment.role in BODY_ROLES:
            assert assignment.body.region_id == assignment.region_id
            assert assignment.municipality is None
        elif assignment.municipality is not None:
            assert assignment.municipality.region_id == assignment.region_id
        else:
            assert assignment.body is None
    low, high = size.people_per_body
    for body in Body.objects.annotate(n=Count("role_assignments")):
        assert low <= body.n <= high + 1  # +1: a panel member who also sits in an adviesraad
        assert RoleAssignment.objects.filter(body=body, role=Role.SECRETARY).count() == 1

    # People without email can log in: each has an active login code.
    without_email = User.objects.filter(email__isnull=True)
    assert without_email.exists()
    assert LoginCode.objects.filter(user__in=without_email, revoked_at__isnull=True).count() == without_email.count()
    # Audit events carry no personal data.
    names = set(User.objects.values_list("name", flat=True))
    assert not any(e.target_label in names for e in AuditEvent.objects.all())


class _Rollback(Exception):
    pass


def _snapshot() -> dict[str, list]:
    return {
        "municipalities": list(Municipality.objects.order_by("pk").values_list("name", "client_group_size")),
        "people": list(User.objects.order_by("pk").values_list("name", "email")),
        "roles": list(RoleAssignment.objects.order_by("pk").values_list("role", "body__slug", "municipality__slug")),
    }


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_data():
    try:
        with transaction.atomic():
            build_national(NationalSize.tiny(), seed=7)
            first = _snapshot()
            raise _Rollback
    except _Rollback:
        pass
    assert not Region.objects.exists()
    build_national(NationalSize.tiny(), seed=7)
    assert _snapshot() == first
