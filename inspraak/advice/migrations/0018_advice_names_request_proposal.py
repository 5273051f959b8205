"""An advice on a request names the request's proposal too (older rows left it empty). The next migration adds the
constraint (a separate transaction: PostgreSQL does not alter a table with pending deferred foreign-key checks)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_proposal(apps, schema_editor):
    Advice = apps.get_model("advice", "Advice")
    AdviceRequest = apps.get_model("advice", "AdviceRequest")
    Advice.objects.filter(request__isnull=False, proposal__isnull=True).update(
        proposal=Subquery(AdviceRequest.objects.filter(pk=OuterRef("request_id")).values("proposal_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("advice", "0017_awaiting_indexes")]

    operations = [migrations.RunPython(fill_proposal, migrations.RunPython.noop, elidable=True)]
