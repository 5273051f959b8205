"""Digital consultations (raadplegingen, ADR 30): ask all clients of a region or of chosen municipalities, by phone
with a one-time letter code, on paper, or (when the owner allows it) by an open link, anonymously.

The anonymity rules are built into the model:
- a submitted ``Response`` has no code, no user, no internet address and no time, only the date, a random UUID (that
  does not reveal the order of submission), the municipality and the channel;
- an ``InvitationCode`` only knows whether it was used, never when or by which answer;
- a ``Draft`` (answers of someone who stopped halfway) belongs to a code until it is submitted and is then deleted;
- results are read from ``Tally`` counters, which are updated in the same transaction as the answer is stored.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned

# Any count that rests on fewer respondents than this is shown as "minder dan 5" (ADR 30).
SMALL_GROUP = 5

# The values of a scale question; 0 is "weet ik niet".
SCALE_MIN = 1
SCALE_MAX = 5
DONT_KNOW = 0
# The same answer in a Tally (whose choice 0 means "answered the question").
TALLY_DONT_KNOW = -1
# Open answers checked by the owner, counted per text question in a Tally: shown, or left out. Those still to check
# are the ones that answered the question (choice 0) less these two.
TALLY_TEXT_SHOWN = -2
TALLY_TEXT_REMOVED = -3

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 4000


class ConsultationStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Gesloten")
    PUBLISHED = "gepubliceerd", _("Resultaten gepubliceerd")


class Consultation(Versioned):
    """One consultation of a region: owned by the GR (``body`` empty: the region's policy officers) or by one group
    (its secretary and facilitator). It asks the clients of ``municipalities`` (all or some of the region's)."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="consultations")
    body = models.ForeignKey(
        "regions.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="consultations"
    )
    municipalities = models.ManyToManyField("regions.Municipality", related_name="consultations", blank=True)
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(
        _("inleiding"),
        max_length=4000,
        help_text=_("Waarom vragen we dit? Wat gebeurt er met de antwoorden? Schrijf in gewone woorden."),
    )
    introduction_readability = models.SmallIntegerField(null=True, blank=True, editable=False)
    opens_at = models.DateTimeField(_("open vanaf"))
    closes_at = models.DateTimeField(_("open tot"))
    contact_name = models.CharField(_("wie beantwoordt vragen?"), max_length=120)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    open_link = models.BooleanField(
        _("iedereen met de link mag meedoen"),
        default=False,
        help_text=_("Deze antwoorden tellen apart mee als 'open link'. Eén keer per browser."),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    # True from the first real (not test) answer on: questions and options can then only get text fixes.
    has_answers = models.BooleanField(default=False, editable=False)
    outcome = models.TextField(
        _("wat doen we ermee?"),
        max_length=8000,
        blank=True,
        help_text=_("Wat gaat de GR met de uitkomsten doen? Dit staat bij de resultaten."),
    )
    published_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("raadpleging")
        verbose_name_plural = _("raadplegingen")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_closes_later")
        ]
        indexes = [models.Index(fields=["region", "status"], name="consultation_region_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_gr_owned(self) -> bool:
        return self.body_id is None


class ConsultationEvent(HistoryEvent):
    """The status history (concept → open → gesloten → gepubliceerd) and other steps of a consultation."""

    class Kind(models.TextChoices):
        CREATED = "aangemaakt", _("Aangemaakt")
        CHANGED = "gewijzigd", _("Gewijzigd")
        STATUS = "status", _("Status gewijzigd")
        CODES = "codes", _("Codes gemaakt")
        PAPER = "papier", _("Papieren formulier ingevoerd")
        MODERATED = "gemodereerd", _("Open antwoorden nagekeken")
        FINDING = "bevinding", _("Bevinding doorgezet")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis van een raadpleging")
        verbose_name_plural = _("gebeurtenissen van een raadpleging")


class Section(models.Model):
    """One page of questions."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel van het deel"), max_length=200)
    introduction = models.TextField(_("uitleg bij dit deel"), max_length=2000, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("deel van een raadpleging")
        verbose_name_plural = _("delen van een raadpleging")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "een", _("Eén keuze")
    MULTIPLE = "meer", _("Meer keuzes")
    SCALE = "schaal", _("Schaal van 1 tot 5")
    SHORT = "kort", _("Kort antwoord")
    LONG = "lang", _("Lang antwoord")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
TEXT_KINDS = (QuestionKind.SHORT, QuestionKind.LONG)


class Question(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("soort vraag"), max_length=6, choices=QuestionKind.choices)
    text = models.CharField(_("vraag"), max_length=500)
    help_text = models.CharField(_("uitleg bij de vraag"), max_length=500, blank=True)
    required = models.BooleanField(_("verplicht"), default=False)
    # Scale questions: the words at both ends ("heel slecht" … "heel goed") and whether "weet ik niet" is offered.
    scale_low_label = models.CharField(_("woord bij 1"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("woord bij 5"), max_length=60, blank=True)
    dont_know = models.BooleanField(_("'weet ik niet' als keuze"), default=True)
    readability = models.SmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["section__position", "section_id", "position", "pk"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    """A choice of a single or multiple choice question. Answers refer to the option's id, so after the first
    answer an option's label may only be corrected, not removed or replaced."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("keuze"), max_length=200)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("keuze")
        verbose_name_plural = _("keuzes")

    def __str__(self) -> str:
        return self.label


class Translation(models.Model):
    """The texts of a consultation in another language, chosen by the respondent. ``texts`` maps keys to texts:
    "title", "introduction", "section:<id>:title", "section:<id>:introduction", "question:<id>:text",
    "question:<id>:help_text", "question:<id>:scale_low_label", "question:<id>:scale_high_label", "option:<id>".
    A missing key falls back to the Dutch text."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("taal (code)"), max_length=10, help_text=_("Bijvoorbeeld en, ar, tr of pl."))
    name = models.CharField(_("naam van de taal, in die taal"), max_length=40, help_text=_("Bijvoorbeeld English."))
    right_to_left = models.BooleanField(_("van rechts naar links"), default=False)
    texts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vertaling")
        verbose_name_plural = _("vertalingen")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "language"], name="consultation_translation_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CodeBatch(models.Model):
    """A number of one-time invitation codes for one municipality, made in one step. ``count`` is what was issued:
    the response rate is read from here and from the tallies, never by counting codes."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="code_batches")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("aantal codes"), validators=[MinValueValidator(1), MaxValueValidator(50000)])
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reeks codes")
        verbose_name_plural = _("reeksen codes")


class InvitationCode(models.Model):
    """One one-time code, printed on one letter. The GR merges codes with names and addresses itself: Inspraak
    never gets those. ``used`` has no date on purpose: nothing links a used code to an answer."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="codes")
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=12, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("uitnodigingscode")
        verbose_name_plural = _("uitnodigingscodes")


class Draft(models.Model):
    """The answers so far of someone who has not submitted yet: tied to their code (or, for an open link, to a
    keyed hash of a random browser token). Deleted when the answer is submitted or the consultation closes."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="drafts")
    code = models.OneToOneField(InvitationCode, on_delete=models.CASCADE, null=True, blank=True, related_name="draft")
    browser_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    language = models.CharField(max_length=10, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    section_reached = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoorden in wording")
        verbose_name_plural = _("antwoorden in wording")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__isnull=False) | Q(browser_key__isnull=False), name="consultation_draft_has_key"
            )
        ]


class Channel(models.TextChoices):
    CODE = "code", _("Met code, online")
    PAPER = "papier", _("Op papier")
    OPEN = "open", _("Open link")


class Response(models.Model):
    """One submitted answer: anonymous. ``id`` is random (uuid4), so its order says nothing; only the date is
    kept. ``answers`` maps a question id (as a string) to an option id, a list of option ids, or a scale value
    (0 = "weet ik niet"). Open texts are in ``TextAnswer``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=6, choices=Channel.choices)
    language = models.CharField(max_length=10, blank=True)
    submitted_on = models.DateField()
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("antwoord op een raadpleging")
        verbose_name_plural = _("antwoorden op een raadpleging")
        indexes = [models.Index(fields=["consultation", "municipality"], name="consultation_response_mun")]


class TextStatus(models.TextChoices):
    PENDING = "nakijken", _("Nog nakijken")
    SHOWN = "getoond", _("Nagekeken, wordt getoond")
    REMOVED = "weggelaten", _("Weggelaten")


class TextAnswer(models.Model):
    """An open text answer. Shown only after the owner read it and removed what identifies someone; the text is
    then replaced by the edited one (the original is not kept), or emptied when left out."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="text_answers")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="texts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="text_answers")
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(max_length=LONG_TEXT_MAX, blank=True)
    status = models.CharField(max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING)

    class Meta:
        verbose_name = _("open antwoord")
        verbose_name_plural = _("open antwoorden")
        indexes = [
            models.Index(fields=["consultation", "status"], name="consultation_text_status"),
            # The first shown answers of one question (the results pages): an indexed LIMIT, not a scan of them all.
            models.Index(fields=["consultation", "question", "status", "id"], name="consultation_text_question"),
        ]


class Tally(models.Model):
    """A counter, updated with every submitted answer in the same transaction: results are read from here, so the
    results page costs the same for 600 or 400,000 answers. Plain integers (0 = none) instead of foreign keys so that
    one unique key covers every counter:
    - ``question_id`` 0, ``choice`` 0: the number of respondents;
    - a question, ``choice`` 0: the number who answered it;
    - a question and an option id (choice questions) or a scale value (1–5; "weet ik niet" is -1);
    - a text question and -2 / -3: its open answers checked and shown / left out (``services.results.moderate_text``;
      bulk loads write them with the answers, or call ``services.results.recount_texts``).
    Per ``municipality_id`` (0: unknown, open link) and ``channel``; their sums over both are in ``TallyTotal``."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="tallies")
    question_id = models.IntegerField(default=0)
    choice = models.IntegerField(default=0)
    municipality_id = models.IntegerField(default=0)
    channel = models.CharField(max_length=6, choices=Channel.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("teller")
        verbose_name_plural = _("tellers")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "question_id", "choice", "municipality_id", "channel"],
                name="consultation_tally_unique",
            )
        ]
        # One group's counters ("Bekijk de antwoorden per gemeente"): its own rows, not all of the consultation's.
        indexes = [models.Index(fields=["consultation", "municipality_id"], name="consultation_tally_group")]


class TallyTotal(models.Model):
    """The ``Tally`` counters of a consultation added up over the municipalities and channels: what the results
    pages show per question, read as a few dozen rows instead of summing a counter per municipality, channel and
    answer (50,000 rows for 350 municipalities). Kept by ``services.add_counts`` in the same transaction as the
    counters themselves, so it is always their sum."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="tally_totals")
    question_id = models.IntegerField(default=0)
    choice = models.IntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("totaal van een teller")
        verbose_name_plural = _("totalen van tellers")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "question_id", "choice"], name="consultation_total_unique")
        ]


class OpenLinkUse(models.Model):
    """That a browser (a keyed hash of a random token in a cookie) submitted an open-link answer: at most once per
    browser. Not linked to the answer."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    browser_key = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("gebruik van de open link")
        verbose_name_plural = _("gebruik van de open link")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "browser_key"], name="consultation_open_link_once")
        ]


class Finding(models.Model):
    """A finding from the results that the owner passed on: as a topic on a group's topic list, or attached to an
    advice request. Linked back both ways (the topic and the request show where it came from)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("bevinding"), max_length=2000)
    topic = models.OneToOneField(
        "topics.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="consultation_finding"
    )
    advice_request = models.ForeignKey(
        "advice.AdviceRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="consultation_findings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False) | Q(advice_request__isnull=False),
                name="consultation_finding_goes_somewhere",
            )
        ]
