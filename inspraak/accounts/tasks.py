"""Background work for accounts."""

from __future__ import annotations

from django.tasks import task


@task()
def send_login_link(*, email: str) -> None:
    """Look the address up and email a link. Done in the background, so the answer to the visitor takes the same
    time whether or not the address is known (no timing hint about who has an account)."""
    from inspraak.accounts.services import login_link_request

    login_link_request(email=email)


@task()
def send_password_reset(*, email: str) -> None:
    """Look the address up and email a link to choose a new password, in the background like send_login_link."""
    from inspraak.accounts.services import password_reset_send

    password_reset_send(email=email)
