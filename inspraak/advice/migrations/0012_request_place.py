"""Where an advice request applies (its proposal's region and municipality), stored on the row and filled from the
proposal. The next migration makes ``region`` required and adds the indexes."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_place(apps, schema_editor):
    AdviceRequest = apps.get_model("advice", "AdviceRequest")
    Proposal = apps.get_model("policy", "Proposal")
    proposal = Proposal.objects.filter(pk=OuterRef("proposal_id"))
    AdviceRequest.objects.update(
        region=Subquery(proposal.values("region_id")[:1]), municipality=Subquery(proposal.values("municipality_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0011_sent_advice_has_response_due"),
        ("policy", "0007_body_word_groep"),
        ("regions", "0005_body_word_groep"),
    ]

    operations = [
        migrations.AddField(
            model_name="advicerequest",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.municipality",
            ),
        ),
        migrations.AddField(
            model_name="advicerequest",
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
        migrations.RunPython(fill_place, migrations.RunPython.noop, elidable=True),
    ]
