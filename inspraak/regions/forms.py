from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.forms import ModelForm
from inspraak.regions.models import Body, BodyRules, Municipality, Region


class RegionForm(ModelForm):
    class Meta:
        model = Region
        fields = ["name", "description", *BodyRules.RULE_FIELDS]
        help_texts = {"min_meetings_per_year": _("Standaard voor nieuwe organen. Elk orgaan kan afwijken.")}


class RegionCreateForm(ModelForm):
    class Meta:
        model = Region
        fields = ["name", "description"]


class MunicipalityForm(ModelForm):
    def __init__(self, *args, region: Region, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)
        self.fields["cbs_code"].widget.attrs.update({"autocapitalize": "characters", "spellcheck": "false"})
        self.fields["cbs_code"].help_text = _("GM en vier cijfers, bijvoorbeeld GM0363.")
        self.fields["client_group_date"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    class Meta:
        model = Municipality
        fields = ["name", "cbs_code", "client_group_size", "client_group_date"]

    def clean_cbs_code(self):
        code = self.cleaned_data["cbs_code"].strip().upper()
        others = self.region.municipalities.filter(cbs_code=code)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Er is in deze regio al een gemeente met deze CBS-code."))
        return code

    def clean(self):
        data = super().clean()
        if data.get("client_group_size") is not None and not data.get("client_group_date"):
            self.add_error("client_group_date", _("Vul ook de peildatum in: op welke dag is geteld?"))
        return data

    def _post_clean(self):
        self.instance.region = self.region
        super()._post_clean()


class BodyForm(ModelForm):
    def __init__(self, *args, region: Region, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = region.municipalities.order_by("name")
        self.fields["municipality"].required = False
        self.fields["municipality"].help_text = _("Alleen invullen als het orgaan voor één gemeente werkt.")
        self.fields["municipality"].empty_label = _("— geen (het orgaan werkt voor de hele regio) —")
        if not self.instance.pk:
            for name, value in region.rule_values().items():
                self.initial.setdefault(name, value)

    class Meta:
        model = Body
        fields = [
            "name",
            "kind",
            "level",
            "municipality",
            "covers_participatiewet",
            "covers_wmo",
            "covers_jeugdwet",
            "topic_scope",
            "description",
            "audience",
            "how_to_join",
            "contact_email",
            "contact_phone",
            *BodyRules.RULE_FIELDS,
        ]
        widgets = {"level": forms.RadioSelect, "topic_scope": forms.RadioSelect, "kind": forms.RadioSelect}

    def clean(self):
        data = super().clean()
        level, municipality = data.get("level"), data.get("municipality")
        if level == Body.Level.MUNICIPALITY and not municipality:
            self.add_error("municipality", _("Kies de gemeente waarvoor dit orgaan werkt."))
        if level == Body.Level.REGION and municipality:
            self.add_error("municipality", _("Een orgaan voor de hele regio hoort niet bij één gemeente."))
        if not (data.get("covers_participatiewet") or data.get("covers_wmo") or data.get("covers_jeugdwet")):
            self.add_error("covers_participatiewet", _("Kies minstens één wet waarover het orgaan adviseert."))
        return data

    def _post_clean(self):
        self.instance.region = self.region
        super()._post_clean()
