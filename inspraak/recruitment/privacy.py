"""Dutch labels for the keys of our part of a person's data export (the privacy app shows them)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "vacancy": _("Vacature"),
    "body": _("Groep"),
    "region": _("Regio"),
    "submitted_at": _("Aangemeld op"),
    "channel": _("Binnengekomen"),
    "name": _("Naam"),
    "contact_email": _("E-mailadres"),
    "contact_phone": _("Telefoonnummer"),
    "contact_address": _("Postadres"),
    "municipality": _("Woongemeente"),
    "situation": _("Uw antwoord op de vraag over uitkering of hulp bij werk"),
    "category": _("Categorie"),
    "motivation": _("Motivatie"),
    "consent_processing": _("Toestemming om de aanmelding te gebruiken"),
    "consent_named_to_members": _("Naam zichtbaar voor andere leden"),
    "status": _("Status"),
    "suitable": _("Geschikt"),
    "outcome_sent_at": _("Uitslag verstuurd op"),
    "history": _("Geschiedenis"),
    "at": _("Wanneer"),
    "kind": _("Wat"),
    "from_status": _("Van status"),
    "to_status": _("Naar status"),
    "reason": _("Reden"),
}
