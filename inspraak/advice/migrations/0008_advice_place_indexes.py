"""Every advice has its region now (0007 filled it); the indexes of the register and the officers' lists."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0007_advice_place"),
    ]

    operations = [
        migrations.AlterField(
            model_name="advice",
            name="region",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
            ),
        ),
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(fields=["region", "status", "-sent_on", "-id"], name="advice_region_sent_idx"),
        ),
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(
                fields=["region", "municipality", "status", "-sent_on", "-id"], name="advice_region_place_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(fields=["body", "status", "-sent_on", "-id"], name="advice_body_sent_idx"),
        ),
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(fields=["region", "status", "response_due"], name="advice_region_due_idx"),
        ),
    ]
