"""Every permission decision of the art. 47 matrix. The matrix itself is public."""

from __future__ import annotations

from inspraak.regions.permissions import can_manage_region


def can_edit_matrix_settings(user, region) -> bool:
    """The thresholds of the matrix: the region's beheerder."""
    return can_manage_region(user, region)
