"""Plain Dutch for audit actions, object types and field names. Unknown codes are shown as they are."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "region.create": _("Regio aangemaakt"),
    "region.update": _("Regio gewijzigd"),
    "municipality.create": _("Gemeente toegevoegd"),
    "municipality.update": _("Gemeente gewijzigd"),
    "municipality.delete": _("Gemeente verwijderd"),
    "body.create": _("Groep toegevoegd"),
    "body.update": _("Groep gewijzigd"),
    "body.delete": _("Groep verwijderd"),
    "person.create": _("Persoon toegevoegd"),
    "person.update": _("Persoon gewijzigd"),
    "person.deactivate": _("Persoon op non-actief gezet"),
    "person.activate": _("Persoon weer actief gemaakt"),
    "role.grant": _("Rol gegeven"),
    "role.revoke": _("Rol afgenomen"),
    "login_code.issue": _("Inlogcode gemaakt"),
    "login_code.revoke": _("Inlogcode gestopt"),
    "person.email_propose": _("Nieuw e-mailadres gevraagd, wacht op bevestiging"),
    "person.email_confirm": _("E-mailadres bevestigd"),
    "person.link": _("Rollen aan eigen account toegevoegd"),
    "email.retry": _("E-mail opnieuw verstuurd"),
    "password.set": _("Wachtwoord ingesteld"),
    "twofactor.setup": _("App voor de tweede stap gekoppeld"),
    "twofactor.recovery_codes": _("Nieuwe herstelcodes gemaakt"),
    "twofactor.reset": _("Tweede stap gewist"),
    "twofactor.switch_off": _("Tweede stap zelf uitgezet"),
    "person.export": _("Gegevens van persoon bekeken of gedownload"),
    "person.erase": _("Gegevens van persoon verwijderd"),
    "person.erase_part": _("Deel van de gegevens van persoon verwijderd"),
    "membership.create": _("Lidmaatschap toegevoegd"),
    "membership.update": _("Lidmaatschap gewijzigd"),
    "membership.activate": _("Kandidaat actief lid gemaakt"),
    "membership.confirm": _("Lidmaatschap bevestigd door de persoon"),
    "membership.decline": _("Lidmaatschap afgewezen door de persoon"),
    "membership.withdraw": _("Uitnodiging voor lidmaatschap ingetrokken"),
    "membership.expire": _("Verlopen uitnodiging voor lidmaatschap verwijderd"),
    "membership.end": _("Lidmaatschap beëindigd"),
    "membership.renew": _("Termijn verlengd"),
    "consent.give": _("Toestemming gegeven"),
    "consent.withdraw": _("Toestemming ingetrokken"),
    "vacancy.create": _("Vacature geopend"),
    "vacancy.update": _("Vacature gewijzigd"),
    "application.create": _("Aanmelding ontvangen"),
    "application.update": _("Aanmelding gewijzigd"),
    "application.status": _("Status van aanmelding gewijzigd"),
    "application.outcome": _("Uitslag aan aanmelder gestuurd"),
    "application.member": _("Aanmelder lid gemaakt"),
    "application.erase": _("Gegevens van aanmelding verwijderd"),
    "draw.run": _("Loting gehouden"),
    "meeting.schedule": _("Bijeenkomst gepland"),
    "meeting.update": _("Bijeenkomst gewijzigd"),
    "meeting.status": _("Status van bijeenkomst gewijzigd"),
    "meeting.cancel": _("Bijeenkomst geannuleerd"),
    "topic.submit": _("Onderwerp aangemeld"),
    "topic.theme": _("Thema van onderwerp gekozen"),
    "topic.geagendeerd": _("Onderwerp op de agenda gezet"),
    "topic.besproken": _("Onderwerp besproken"),
    "topic.afgehandeld": _("Onderwerp afgehandeld"),
    "topic.doorgestuurd": _("Onderwerp doorgestuurd"),
    "topic.niet_geagendeerd": _("Onderwerp niet op de agenda gezet"),
    "agenda.item_add": _("Agendapunt toegevoegd"),
    "agenda.item_update": _("Agendapunt gewijzigd"),
    "agenda.item_move": _("Agendapunt verplaatst"),
    "agenda.item_remove": _("Agendapunt verwijderd"),
    "agenda.document_add": _("Stuk toegevoegd"),
    "agenda.document_remove": _("Stuk verwijderd"),
    "agenda.invite": _("Uitnodigingen verstuurd"),
    "agenda.letters": _("Uitnodigingsbrieven gemaakt"),
    "agenda.reminder": _("Herinneringen verstuurd"),
    "agenda.sms_reminder": _("Herinnering per sms verstuurd"),
    "agenda.reply": _("Antwoord op uitnodiging"),
    "agenda.reply_change": _("Antwoord op uitnodiging gewijzigd"),
    "proposal.status": _("Status van voorstel gewijzigd"),
    "proposal.create": _("Voorstel op de beleidsagenda gezet"),
    "advice_request.create": _("Advies gevraagd"),
    "advice.create": _("Advies begonnen"),
    "advice.response": _("Reactie op advies vastgelegd"),
    "proposal.update": _("Voorstel gewijzigd"),
    "advice.update": _("Advies gewijzigd"),
    "advice.attach": _("PDF bij advies gezet"),
    "advice.comment": _("Opmerking bij concept-advies"),
    "advice.adopt": _("Advies vastgesteld"),
    "advice.send": _("Advies verzonden"),
    "advice.follow_up": _("Reactie van de groep op de reactie"),
    "advice_request.decline": _("Groep ziet af van advies"),
    "advice_request.answer": _("Adviesaanvraag beantwoord"),
    "request_document.add": _("Stuk bij adviesaanvraag toegevoegd"),
    "advice_request.reminder": _("Herinneringen verstuurd"),
    "advice.reminder": _("Herinneringen verstuurd"),
    "proposal.reminder": _("Herinneringen verstuurd"),
    "attendance.record": _("Aanwezigheid vastgelegd"),
    "bylaw.create": _("Verordening vastgelegd"),
    "bylaw.update": _("Verordening gewijzigd"),
    "bylaw.import": _("Verordening ingelezen"),
    "matrix_settings.create": _("Instellingen van het art. 47-overzicht vastgelegd"),
    "matrix_settings.update": _("Instellingen van het art. 47-overzicht gewijzigd"),
    "minutes.create": _("Verslag geschreven"),
    "minutes.update": _("Verslag gewijzigd"),
    "minutes.status": _("Status van verslag gewijzigd"),
    "minutes.public": _("Verslag openbaar gemaakt"),
    "minutes.private": _("Verslag niet meer openbaar"),
    "agreement.create": _("Afspraak vastgelegd"),
    "agreement.status": _("Status van afspraak gewijzigd"),
    "feedback.create": _("Terugkoppeling geschreven"),
    "feedback.update": _("Terugkoppeling gewijzigd"),
    "feedback.send": _("Terugkoppeling verstuurd"),
    "feedback.reaction": _("Reactie van de GR vastgelegd"),
    "agenda.needs_arranged": _("Hulp voor een lid geregeld"),
    "application.confirm": _("Aanmelding bevestigd"),
    "allowance.approve": _("Vergoeding goedgekeurd"),
    "budget.plan": _("Begroting vastgelegd"),
    "budget.cost_add": _("Uitgave op de begroting gezet"),
    "budget.cost_paid": _("Uitgave betaald"),
    "payment_batch.create": _("Betaalbatch gemaakt"),
    "payment_batch.paid": _("Betaalbatch betaald"),
    "statement.send": _("Jaaropgaven verstuurd"),
    "claim.submit": _("Declaratie ingediend"),
    "claim.change": _("Declaratie gewijzigd"),
    "claim.withdraw": _("Declaratie ingetrokken"),
    "claim.paid": _("Declaratie betaald"),
    "claim.receipt_pruned": _("Bonnetjes van oude declaraties verwijderd"),
    "consultation.codes": _("Codes voor een raadpleging gemaakt"),
    "consultation.paper_entry": _("Antwoorden op papier ingevoerd"),
    "consultation.moderate": _("Open antwoord nagekeken"),
    "consultation.publish": _("Uitkomsten van een raadpleging gepubliceerd"),
    "consultation.finding_topic": _("Uitkomst van een raadpleging als onderwerp aangemeld"),
    "consultation.finding_request": _("Uitkomst van een raadpleging bij een adviesaanvraag gezet"),
    "signals.settings": _("Instellingen van signalen gewijzigd"),
    "signals.themes_seed": _("Thema's van signalen klaargezet"),
    "signals.theme_add": _("Thema van signalen toegevoegd"),
    "signals.theme_update": _("Thema van signalen gewijzigd"),
    "signals.import": _("Cijfers van signalen ingelezen"),
    "signals.to_topic": _("Signaal als onderwerp aangemeld"),
    "signals.follow_up": _("Wat de GR met een signaal deed vastgelegd"),
    "support_scheme.create": _("Vergoedingsregeling vastgelegd"),
    "support_scheme.update": _("Vergoedingsregeling gewijzigd"),
    "support_scheme.copy": _("Vergoedingsregeling overgenomen van een eerder jaar"),
    "support_scheme.letters": _('Brief "Wat krijgt u?" klaargezet voor leden zonder e-mail'),
    "volunteer_cap.create": _("Wettelijke grenzen van vrijwilligersvergoedingen vastgelegd"),
    "volunteer_cap.update": _("Wettelijke grenzen van vrijwilligersvergoedingen gewijzigd"),
    "training.create": _("Training gepland"),
    "training.update": _("Training gewijzigd"),
    "training.cancel": _("Training afgezegd"),
    "training.signup": _("Aangemeld voor een training"),
    "training.signoff": _("Afgemeld voor een training"),
    "training.attendance": _("Aanwezigheid bij een training vastgelegd"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@cache
def _models_by_name() -> dict[str, type]:
    """target_type (a model_name, as audit_record stores it) -> model class, for the project's own apps."""
    return {
        model._meta.model_name: model
        for model in apps.get_models()
        if model.__module__.startswith("inspraak.") and model._meta.model_name != "auditevent"
    }


def type_label(target_type: str) -> str:
    """'body' -> 'Groep'."""
    model = _models_by_name().get(target_type)
    return str(capfirst(model._meta.verbose_name)) if model else target_type


def field_labels(target_type: str, names: list[str]) -> list[str]:
    """['min_clients'] -> ['minimaal aantal cliënten'] (the model's own field names)."""
    model = _models_by_name().get(target_type)
    labels = []
    for name in names:
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        labels.append(_field_label(field, name) if field is not None else name)
    return labels


def _field_label(field, name: str) -> str:
    """A field's own label; a link to another object without a label of its own (Django then makes one from the
    English field name, e.g. "membership") and a reverse relation (e.g. "recommendations") get that object's name."""
    own = getattr(field, "verbose_name", None)
    if own is not None and str(own) != name.replace("_", " "):
        return str(own)
    related = getattr(field, "related_model", None)
    if related is not None:
        plural = field.one_to_many or field.many_to_many
        return str(related._meta.verbose_name_plural if plural else related._meta.verbose_name)
    return str(own) if own is not None else name
