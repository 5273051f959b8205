"""Every advice request has its region now (0010 filled it); the indexes of the officers' open requests."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0012_request_place"),
    ]

    operations = [
        migrations.AlterField(
            model_name="advicerequest",
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
            model_name="advicerequest",
            index=models.Index(fields=["region", "status", "deadline", "id"], name="request_region_open_idx"),
        ),
        migrations.AddIndex(
            model_name="advicerequest",
            index=models.Index(
                fields=["region", "municipality", "status", "deadline", "id"], name="request_place_open_idx"
            ),
        ),
    ]
