"""Where an advice applies, stored on the row (region and municipality), filled from its body, request and
proposal. The next migration makes ``region`` required and adds the indexes (a separate transaction: PostgreSQL
does not alter a table with pending deferred foreign-key checks)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Case, Max, Min, OuterRef, Subquery, When

BATCH = 20_000


def fill_place(apps, schema_editor):
    """As Advice.set_place(), in batches of ids (a few UPDATEs for 200,000 rows)."""
    Advice = apps.get_model("advice", "Advice")
    AdviceRequest = apps.get_model("advice", "AdviceRequest")
    Body = apps.get_model("regions", "Body")
    Proposal = apps.get_model("policy", "Proposal")
    bounds = Advice.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    body = Body.objects.filter(pk=OuterRef("body_id"))
    region = Subquery(body.values("region_id")[:1])
    place = Case(
        When(
            proposal__isnull=False,
            then=Subquery(Proposal.objects.filter(pk=OuterRef("proposal_id")).values("municipality_id")[:1]),
        ),
        When(
            request__isnull=False,
            then=Subquery(
                AdviceRequest.objects.filter(pk=OuterRef("request_id")).values("proposal__municipality_id")[:1]
            ),
        ),
        default=Subquery(body.values("municipality_id")[:1]),
    )
    for start in range(bounds["low"], bounds["high"] + 1, BATCH):
        Advice.objects.filter(pk__gte=start, pk__lt=start + BATCH).update(region=region, municipality=place)


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0006_alter_advicecomment_options_and_more"),
        ("policy", "0007_body_word_groep"),
        ("regions", "0005_body_word_groep"),
    ]

    operations = [
        migrations.AddField(
            model_name="advice",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.municipality",
            ),
        ),
        migrations.AddField(
            model_name="advice",
            name="region",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
            ),
        ),
        # Reversed, the fields are dropped with the next step back: nothing to undo here.
        migrations.RunPython(fill_place, migrations.RunPython.noop, elidable=True),
    ]
