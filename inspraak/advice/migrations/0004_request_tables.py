"""AdviceRequest and RequestDocument get advice's own table names (step 2 of 2; the data stays)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0003_move_requests_from_policy"),
        ("policy", "0003_requests_moved_to_advice"),
    ]

    operations = [
        migrations.AlterModelTable(name="advicerequest", table=None),
        migrations.AlterModelTable(name="requestdocument", table=None),
    ]
