from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("advice", "0018_advice_names_request_proposal")]

    operations = [
        migrations.AddConstraint(
            model_name="advice",
            constraint=models.CheckConstraint(
                condition=models.Q(("request__isnull", True), ("proposal__isnull", False), _connector="OR"),
                name="advice_request_names_proposal",
            ),
        ),
        migrations.RemoveConstraint(model_name="advicerequest", name="request_one_open_per_body"),
        migrations.AddConstraint(
            model_name="advicerequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "ingetrokken"), _negated=True),
                fields=("proposal", "body"),
                include=("requested_on",),
                name="request_one_open_per_body",
            ),
        ),
    ]
