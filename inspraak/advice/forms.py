"""Forms of the body's side of the advice cycle. Every message is plain Dutch and shown next to its field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.advice import services
from inspraak.advice.models import AdoptedHow
from inspraak.core.forms import Form

MAX_RECOMMENDATIONS = 50
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
RECOMMENDATION_HELP = _(
    "Schrijf één aanbeveling per vak. Een leeg vak telt niet mee. Met het getal eronder kiest u de plaats in de "
    "lijst: 1 komt bovenaan."
)
TOO_LONG = _("Dit is te lang: hoogstens %(limit_value)d tekens.")


def _count(value, default: int) -> int:
    try:
        count = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(count, 1), MAX_RECOMMENDATIONS)


class AdviceForm(Form):
    """Subject, introduction and numbered recommendations, without JavaScript: one text box per recommendation and
    a number for its place in the list. An empty box removes that recommendation; "add one more" gives an extra box.
    ``version`` carries the version of the draft the form was based on (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    count = forms.IntegerField(widget=forms.HiddenInput, required=False)
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        error_messages={"required": _("Schrijf waar het advies over gaat."), "max_length": TOO_LONG},
    )
    text = forms.CharField(
        label=_("Inleiding en toelichting"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Wat vindt de groep, en waarom? Schrijf in gewone woorden."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else self.initial
        self.slots = count if count is not None else _count(source.get("count"), 1)
        self.fields["count"].initial = self.slots
        if not self.is_bound:
            self.initial["count"] = self.slots
        for i in range(1, self.slots + 1):
            self.fields[f"rec_{i}"] = forms.CharField(
                label=_("Aanbeveling %(n)s") % {"n": i},
                max_length=4000,
                required=False,
                help_text=RECOMMENDATION_HELP if i == 1 else "",
                widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
                error_messages={"max_length": TOO_LONG},
            )
            self.fields[f"place_{i}"] = forms.IntegerField(
                label=_("Plaats van aanbeveling %(n)s in de lijst") % {"n": i},
                min_value=1,
                max_value=MAX_RECOMMENDATIONS,
                required=False,
                widget=forms.TextInput(
                    attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}
                ),
                error_messages={
                    "invalid": _("Vul een getal in, bijvoorbeeld 1."),
                    "min_value": _("Vul een getal van 1 of hoger in."),
                    "max_value": _("Vul een getal van hoogstens %(limit_value)s in."),
                },
            )

        self.order_fields(["version", "count", "subject", "proposal", "text"])

    @classmethod
    def for_advice(cls, advice, recommendations: list[str]) -> AdviceForm:
        initial = {"version": advice.version, "subject": advice.subject, "text": advice.text}
        return cls(initial=initial | cls.recommendation_initial(recommendations), count=len(recommendations) + 1)

    @staticmethod
    def recommendation_initial(recommendations: list[str]) -> dict:
        initial = {}
        for i, text in enumerate(recommendations, 1):
            initial[f"rec_{i}"] = text
            initial[f"place_{i}"] = i
        return initial

    @classmethod
    def with_one_more(cls, data, **kwargs) -> AdviceForm:
        """The typed form again, unsaved and without error messages, with one empty box more."""
        count = _count(data.get("count"), 1)
        initial = {key: data.get(key) for key in data if key not in ("csrfmiddlewaretoken", "meer", "count")}
        return cls(initial=initial, count=min(count + 1, MAX_RECOMMENDATIONS), **kwargs)

    def recommendations(self) -> list[str]:
        """The filled-in recommendations in their chosen order (ties and empty places keep the order on screen)."""
        rows = []
        for i in range(1, self.slots + 1):
            text = (self.cleaned_data.get(f"rec_{i}") or "").strip()
            if text:
                place = self.cleaned_data.get(f"place_{i}") or i
                rows.append((place, i, text))
        return [text for _place, _i, text in sorted(rows)]


class NewAdviceForm(AdviceForm):
    """An unsolicited advice: the same fields, and optionally the proposal it is about."""

    proposal = forms.ModelChoiceField(
        label=_("Gaat het over een voorstel?"),
        queryset=None,
        required=False,
        help_text=_("Kies een voorstel als het advies daarover gaat. Dat hoeft niet."),
        error_messages={"invalid_choice": _("Kies een voorstel uit de lijst.")},
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].empty_label = _("Nee, over iets anders")


class DeclineForm(Form):
    reason = forms.CharField(
        label=_("Waarom geeft de groep geen advies?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De beleidsmedewerker krijgt deze reden te lezen. Ze komt ook in het openbare adviesregister."),
        error_messages={"required": _("Schrijf waarom de groep geen advies geeft."), "max_length": TOO_LONG},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Schrijf waarom de groep geen advies geeft."))
        return reason


class AdoptForm(Form):
    adopted_on = forms.DateField(
        label=_("Vastgesteld op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum in waarop de groep het advies vaststelde."),
            "invalid": _("Vul een datum in, bijvoorbeeld 14-3-2027."),
        },
    )
    adopted_how = forms.ChoiceField(
        label=_("Hoe stelde de groep het advies vast?"),
        choices=AdoptedHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de groep het advies vaststelde.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]

    def clean_adopted_on(self):
        day = self.cleaned_data["adopted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde."))
        return day


class CommentForm(Form):
    text = forms.CharField(
        label=_("Uw opmerking"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen de groep ziet uw opmerking."),
        error_messages={"required": _("Schrijf eerst uw opmerking."), "max_length": TOO_LONG},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Schrijf eerst uw opmerking."))
        return text


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("Het advies als PDF"),
        help_text=_("Alleen een PDF-bestand. Hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={
            "required": _("Kies een PDF-bestand."),
            "invalid": _("Dit bestand kon niet gelezen worden. Probeer het opnieuw."),
            "empty": _("Dit bestand is leeg."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        too_large = _("Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")
        if upload.size is not None and upload.size > services.MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(too_large)
        data = upload.read(services.MAX_ATTACHMENT_BYTES + 1)
        if len(data) > services.MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(too_large)
        if not data:
            raise forms.ValidationError(_("Dit bestand is leeg."))
        if not services.is_pdf(data):
            raise forms.ValidationError(_("Dit is geen PDF-bestand. Kies een PDF."))
        self.data_bytes = data
        return upload


class FollowUpForm(Form):
    text = forms.CharField(
        label=_("Reactie van de groep op de reactie"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("De groep kan één keer reageren. Daarna kunt u dit niet meer veranderen."),
        error_messages={"required": _("Schrijf de reactie van de groep."), "max_length": TOO_LONG},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Schrijf de reactie van de groep."))
        return text
