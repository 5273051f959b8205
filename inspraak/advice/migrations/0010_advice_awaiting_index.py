"""The sent advice still awaiting a response, by region and due date (a partial index)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0009_advice_responded_on"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(
                condition=models.Q(("responded_on__isnull", True), ("status", "verzonden")),
                fields=["region", "response_due"],
                name="advice_awaiting_idx",
            ),
        ),
    ]
