"""An agenda item's advice request is now advice.AdviceRequest (the same table): a change of the state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0003_invitation_letter_code"),
        ("advice", "0003_move_requests_from_policy"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agendaitem",
                    name="advice_request",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="agenda_items",
                        to="advice.advicerequest",
                    ),
                ),
            ],
        ),
    ]
