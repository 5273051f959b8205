from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from inspraak.compliance.models import MatrixSettings
from inspraak.core.forms import ModelForm, VersionedFormMixin


class MatrixSettingsForm(VersionedFormMixin, ModelForm):
    """The thresholds of the region's art. 47 matrix."""

    class Meta:
        model = MatrixSettings
        fields = ["topic_answer_weeks", "full_share", "partial_share"]

    def clean(self):
        data = super().clean()
        full, partial = data.get("full_share"), data.get("partial_share")
        if full is not None and partial is not None and partial > full:
            self.add_error("partial_share", _("“Deels vanaf” mag niet hoger zijn dan “voldoet vanaf”."))
        return data
