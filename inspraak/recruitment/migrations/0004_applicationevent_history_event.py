from django.db import migrations, models


class Migration(migrations.Migration):
    """ApplicationEvent is a core.models.HistoryEvent: its ``reason`` is now ``note`` (the UI still says "reden")."""

    dependencies = [
        ("recruitment", "0003_application_confirmation"),
    ]

    operations = [
        migrations.RenameField(model_name="applicationevent", old_name="reason", new_name="note"),
        migrations.AlterField(
            model_name="applicationevent",
            name="note",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="applicationevent",
            name="changed_fields",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AlterModelOptions(name="applicationevent", options={"ordering": ["at", "pk"]}),
    ]
