"""The date of the response, copied onto the advice (filled from Response); the next migration adds its index."""

from django.db import migrations, models
from django.db.models import Max, Min, OuterRef, Subquery

BATCH = 20_000


def fill_responded_on(apps, schema_editor):
    """Advice.responded_on = its Response's responded_on, in batches of ids (empty when there is no response)."""
    Advice = apps.get_model("advice", "Advice")
    Response = apps.get_model("advice", "Response")
    bounds = Response.objects.aggregate(low=Min("advice_id"), high=Max("advice_id"))
    if bounds["low"] is None:
        return
    date = Subquery(Response.objects.filter(advice_id=OuterRef("pk")).values("responded_on")[:1])
    for start in range(bounds["low"], bounds["high"] + 1, BATCH):
        Advice.objects.filter(pk__gte=start, pk__lt=start + BATCH, response__isnull=False).update(responded_on=date)


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0008_advice_place_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="advice",
            name="responded_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        # Reversed, the field is dropped with the step back: nothing to undo here.
        migrations.RunPython(fill_responded_on, migrations.RunPython.noop, elidable=True),
    ]
