"""Forms for agendas, documents and replies. Every check gives a clear Dutch message next to the field and keeps
what was typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.agenda.models import ItemSource, Reply
from inspraak.agenda.services import FREE_SOURCES
from inspraak.core import documents
from inspraak.core.channels import on_behalf_choices
from inspraak.core.forms import Form, VersionedFormMixin, required_when
from inspraak.topics.forms import theme_field

SUMMARY_HELP = _("Schrijf in gewone woorden waar het over gaat. Korte zinnen, hoogstens 15 woorden per zin.")


def _time_field():
    return forms.TimeField(
        label=_("Tijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Hoe laat dit punt begint. Mag leeg blijven."),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 14:30.")},
    )


def _summary_field(max_length: int, label):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=SUMMARY_HELP,
        error_messages={"max_length": _("Houd het kort: hoogstens %(limit_value)d tekens.")},
    )


def _presenter_field():
    return forms.CharField(
        label=_("Wie leidt het in?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: de gespreksleider, of een beleidsmedewerker van de gemeente."),
    )


class ItemForm(VersionedFormMixin, Form):
    title = forms.CharField(
        label=_("Titel van het agendapunt"),
        max_length=200,
        error_messages={
            "required": _("Vul een titel in."),
            "max_length": _("Houd de titel kort: hoogstens %(limit_value)d tekens."),
        },
    )
    source = forms.ChoiceField(
        label=_("Wie wil dit bespreken?"),
        choices=[(s.value, s.label) for s in FREE_SOURCES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie dit wil bespreken.")},
    )
    requested_by_municipality = forms.ModelChoiceField(
        label=_("Welke gemeente?"),
        queryset=None,
        required=False,
        help_text=_("Alleen als een gemeente dit vraagt."),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    summary = _summary_field(2000, _("Korte uitleg in gewone woorden"))
    theme = theme_field(label=_("Thema"), help_text=_("Voor de telling per thema in het jaarverslag."))
    starts_at = _time_field()
    presenter = _presenter_field()

    def __init__(self, *args, municipalities, fixed_source: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_by_municipality"].queryset = municipalities
        if fixed_source:
            # A topic or advice request item keeps its source.
            del self.fields["source"]
            if fixed_source == ItemSource.TOPIC:
                del self.fields["requested_by_municipality"]

    def clean(self):
        data = super().clean()
        if (
            data.get("source") == ItemSource.MUNICIPALITY
            and not data.get("requested_by_municipality")
            and "requested_by_municipality" not in self.errors
        ):
            self.add_error("requested_by_municipality", _("Kies welke gemeente dit vraagt."))
        return data


class TopicItemForm(Form):
    topic = forms.ModelChoiceField(
        label=_("Onderwerp"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Kies een onderwerp."),
            "invalid_choice": _("Dit onderwerp kan niet (meer) op deze agenda. Kies een ander onderwerp."),
        },
    )
    summary = _summary_field(2000, _("Korte uitleg in gewone woorden"))
    starts_at = _time_field()
    presenter = _presenter_field()

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.fields["topic"].label_from_instance = _topic_label


def _topic_label(topic) -> str:
    if topic.status == "geagendeerd":
        return _("%(title)s (staat al op deze bijeenkomst)") % {"title": topic.title}
    return str(topic.title)


class DocumentForm(Form):
    title = forms.CharField(
        label=_("Titel van het stuk"),
        max_length=200,
        error_messages={"required": _("Vul een titel in.")},
    )
    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) of gewone tekst (.txt). Hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
        error_messages={"invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw.")},
    )
    page_text = forms.CharField(
        label=_("Of: schrijf de tekst hier"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Dan leest men het stuk als pagina in Inspraak. Kies een bestand óf schrijf een tekst."),
    )
    summary = required_when(
        _summary_field(1000, _("Korte samenvatting in gewone woorden")), _("als het stuk voor de leden is")
    )
    for_members = forms.BooleanField(label=_("Dit stuk is voor de leden"), required=False, initial=True)
    public = forms.BooleanField(
        label=_("Openbaar: iedereen mag dit stuk lezen als de agenda gepubliceerd is"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        self.data_bytes = None
        if not upload:
            return upload
        if upload.size is not None and upload.size > documents.MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("Dit bestand is te groot. Het mag hoogstens 10 MB zijn."))
        data = upload.read(documents.MAX_DOCUMENT_BYTES + 1)
        if len(data) > documents.MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("Dit bestand is te groot. Het mag hoogstens 10 MB zijn."))
        if not data:
            raise forms.ValidationError(_("Dit bestand is leeg."))
        checked = documents.check_document(data)
        if checked is None:
            raise forms.ValidationError(
                _(
                    "Dit soort bestand kan niet. Kies een PDF, een Word-bestand (.docx), een OpenDocument-bestand "
                    "(.odt) of gewone tekst (.txt)."
                )
            )
        self.data_bytes = checked  # checked once here; the service stores it without sniffing again
        return upload

    def clean(self):
        data = super().clean()
        has_file = bool(getattr(self, "data_bytes", None))
        has_text = bool((data.get("page_text") or "").strip())
        if "file" not in self.errors:
            if has_file and has_text:
                self.add_error("page_text", _("Kies een bestand óf schrijf een tekst, niet allebei."))
            elif not has_file and not has_text:
                self.add_error("file", _("Kies een bestand, of schrijf de tekst hieronder."))
        if data.get("for_members") and not (data.get("summary") or "").strip() and "summary" not in self.errors:
            self.add_error("summary", _("Schrijf een korte samenvatting voor de leden."))
        return data


class ReplyForm(Form):
    """The member's own reply. The template shows the needs in a group of their own (``need_fields``) under
    ``needs_legend``, so they do not read like more answers to "Komt u?"."""

    needs_legend = _("Wat hebt u nodig om te komen?")

    answer = forms.ChoiceField(
        label=_("Komt u?"),
        choices=Reply.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u komt.")},
    )
    needs_travel_costs = forms.BooleanField(label=_("Ik wil mijn reiskosten terug"), required=False)
    needs_childcare = forms.BooleanField(label=_("Ik heb oppas voor mijn kinderen nodig"), required=False)
    needs_interpreter = forms.BooleanField(label=_("Ik heb een tolk nodig"), required=False)
    needs_accessible_venue = forms.BooleanField(
        label=_("Ik heb een plek nodig zonder trappen (toegankelijk)"), required=False
    )
    needs_other = forms.CharField(
        label=_("Iets anders nodig? Schrijf het hier"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("Houd het kort: hoogstens %(limit_value)d tekens.")},
    )

    NEED_NAMES = ("needs_travel_costs", "needs_childcare", "needs_interpreter", "needs_accessible_venue", "needs_other")

    def main_fields(self):
        """The fields before the needs (the answer; for a recorded reply also how it reached the body)."""
        return [self[name] for name in self.fields if name not in self.NEED_NAMES]

    def need_fields(self):
        return [self[name] for name in self.NEED_NAMES]


class RecordReplyForm(ReplyForm):
    """The secretary or facilitator records a reply a member gave by phone, on paper or in person: the same
    answer and needs as the member's own form, in the third person, and how it reached the body."""

    needs_legend = _("Wat heeft het lid nodig om te komen?")

    channel = forms.ChoiceField(
        label=_("Hoe gaf het lid dit door?"),
        choices=on_behalf_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["channel", "answer"])
        answer = self.fields["answer"]
        answer.label = _("Komt het lid?")
        answer.choices = [
            (Reply.Answer.YES, _("Komt")),
            (Reply.Answer.NO, _("Komt niet")),
            (Reply.Answer.MAYBE, _("Weet het nog niet")),
        ]
        answer.error_messages["required"] = _("Kies of het lid komt.")
        labels = {
            "needs_travel_costs": _("Wil de reiskosten terug"),
            "needs_childcare": _("Heeft oppas voor de kinderen nodig"),
            "needs_interpreter": _("Heeft een tolk nodig"),
            "needs_accessible_venue": _("Heeft een plek nodig zonder trappen (toegankelijk)"),
            "needs_other": _("Iets anders nodig? Schrijf het hier"),
        }
        for name, label in labels.items():
            self.fields[name].label = label


class ArrangeForm(Form):
    note = forms.CharField(
        label=_("Wat is er geregeld?"),
        max_length=300,
        help_text=_(
            "Het lid krijgt dit te lezen, in een e-mail of in een brief. Schrijf kort en duidelijk. "
            "Bijvoorbeeld: Een taxi haalt u om 13:15 op."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf wat er geregeld is. Het lid leest dit."),
            "max_length": _("Houd het kort: hoogstens %(limit_value)d tekens."),
        },
    )

    def clean_note(self):
        note = " ".join(self.cleaned_data["note"].split())
        if not note:
            raise forms.ValidationError(self.fields["note"].error_messages["required"], code="required")
        return note


class MeetingChoiceForm(Form):
    meeting = forms.ModelChoiceField(
        label=_("Op welke bijeenkomst?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Kies een bijeenkomst."),
            "invalid_choice": _("Op deze bijeenkomst kan het niet (meer). Kies een andere bijeenkomst."),
        },
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = _meeting_label


def _meeting_label(meeting) -> str:
    from django.utils import formats, timezone

    when = formats.date_format(timezone.localtime(meeting.starts_at), "j F Y, H:i")
    return f"{meeting.title} – {when}" if meeting.title else when
