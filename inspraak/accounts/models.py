"""People, their roles, and the credentials for people with and without email."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str | None = None, password: str | None = None, **extra):
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("name", "Superuser")
        return self.create_user(email=email, password=password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who can log in. Email is optional: people without email log in with a printed code."""

    email = models.EmailField(_("e-mailadres"), unique=True, null=True, blank=True)
    name = models.CharField(_("naam"), max_length=150, help_text=_("De naam die anderen in Inspraak zien."))
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot technisch beheer"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # An address a beheerder typed, waiting until its owner confirms it (then it becomes ``email``). Staff never
    # learn whether the address already has an account somewhere (see services.person_email_propose).
    pending_email = models.EmailField(_("nieuw e-mailadres, nog niet bevestigd"), blank=True, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_in_region = models.ForeignKey(
        "regions.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        else:
            self.email = None
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "beheerder", _("Beheerder")
    POLICY_OFFICER = "beleidsmedewerker", _("Beleidsmedewerker")
    SECRETARY = "secretaris", _("Secretaris")
    FACILITATOR = "gespreksleider", _("Gespreksleider")
    MEMBER = "lid", _("Lid")
    # Pays the allowances and approved expenses of the region's groups (issue 13): sees claims and payments only.
    FINANCE = "financien", _("Financiën")


BODY_ROLES = (Role.SECRETARY, Role.FACILITATOR, Role.MEMBER)


class RoleAssignment(models.Model):
    """One role of one person, scoped to a region and, where the role needs it, a municipality or body."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="role_assignments")
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    body = models.ForeignKey(
        "regions.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region_id", "role", "id"]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="beheerder") | (Q(municipality__isnull=True) & Q(body__isnull=True)),
                name="role_admin_is_region_wide",
            ),
            models.CheckConstraint(
                condition=~Q(role="financien") | (Q(municipality__isnull=True) & Q(body__isnull=True)),
                name="role_finance_is_region_wide",
            ),
            models.CheckConstraint(
                condition=~Q(role="beleidsmedewerker") | Q(body__isnull=True),
                name="role_officer_has_no_body",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["secretaris", "gespreksleider", "lid"])
                | (Q(body__isnull=False) & Q(municipality__isnull=True)),
                name="role_body_roles_have_body",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(municipality__isnull=True, body__isnull=True),
                name="role_unique_region_wide",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="role_unique_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "body"], condition=Q(body__isnull=False), name="role_unique_per_body"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.scope_label})"

    @property
    def scope_label(self) -> str:
        if self.body_id:
            return str(self.body)
        if self.municipality_id:
            return str(self.municipality)
        return str(self.region)


class LoginLink(models.Model):
    """A one-time login link sent by email. Only a hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inloglink")
        verbose_name_plural = _("inloglinks")
        indexes = [models.Index(fields=["expires_at"])]


class LoginCode(models.Model):
    """A personal login code printed on a letter, for people without email. Only a hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inlogcode")
        verbose_name_plural = _("inlogcodes")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="login_code_one_active_per_user"
            )
        ]


class LoginSession(AbstractBaseSession):
    """A login session: Django's database session, with the person logged in as a column. The request that reads its
    session then reads that person and their roles in the same query (accounts.sessions): one round trip to the
    database for what every logged-in page needs, instead of three. The column is written with the session data
    (``SessionStore.create_model_instance``); erasing a person deletes their sessions."""

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("inlogsessie")
        verbose_name_plural = _("inlogsessies")

    @classmethod
    def get_session_store_class(cls):
        from inspraak.accounts.sessions import SessionStore

        return SessionStore
