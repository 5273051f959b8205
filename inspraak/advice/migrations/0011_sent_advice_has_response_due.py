"""Every sent advice has its response due date stored (``services.advice_send`` sets it; this fills any sent advice
that lacks one, with the date the pages showed for it: the sent date plus the body's response period), so that the
officers' lists order and limit on the stored date in the database."""

import datetime

from django.db import migrations

BATCH = 2_000


def fill_response_due(apps, schema_editor):
    Advice = apps.get_model("advice", "Advice")
    missing = (
        Advice.objects.filter(status="verzonden", response_due__isnull=True, sent_on__isnull=False)
        .select_related("body")
        .only("pk", "sent_on", "body__response_period_weeks")
        .order_by("pk")
    )
    batch = []
    for advice in missing.iterator(chunk_size=BATCH):
        advice.response_due = advice.sent_on + datetime.timedelta(weeks=advice.body.response_period_weeks)
        batch.append(advice)
        if len(batch) == BATCH:
            Advice.objects.bulk_update(batch, ["response_due"])
            batch = []
    if batch:
        Advice.objects.bulk_update(batch, ["response_due"])


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0010_advice_awaiting_index"),
        ("regions", "0005_body_word_groep"),
    ]

    operations = [
        # Reversed: the dates stay (they are what the pages showed anyway).
        migrations.RunPython(fill_response_due, migrations.RunPython.noop, elidable=True),
    ]
