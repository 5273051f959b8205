"""AdviceRequest and RequestDocument now belong to advice (advice 0003): remove them from policy's state only.

The tables stay; advice 0004 renames them.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0002_reminder_fields"),
        ("advice", "0003_move_requests_from_policy"),
        ("agenda", "0004_advice_request_moved_to_advice"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RequestDocument"),
                migrations.DeleteModel(name="AdviceRequest"),
            ],
        ),
    ]
