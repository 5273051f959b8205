"""Issue 15: the results pages cost the same for 600 or 400,000 answers and any number of open answers.

- TallyTotal: the counters summed over municipalities and channels (kept by services.add_counts from now on);
- Tally counters of the checked open answers per text question (-2: shown, -3: left out) instead of counting the
  texts; the first shown ones per question come from an indexed LIMIT (consultation_text_question);
- an index on one municipality's counters (the breakdown for one group).

The counters of the texts checked so far and the totals of every counter are written here once."""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Sum

SHOWN, REMOVED = -2, -3


def count(apps, schema_editor):
    TextAnswer = apps.get_model("consultations", "TextAnswer")
    Tally = apps.get_model("consultations", "Tally")
    TallyTotal = apps.get_model("consultations", "TallyTotal")
    counters = {"getoond": SHOWN, "weggelaten": REMOVED}
    checked: dict[tuple, int] = defaultdict(int)
    rows = (
        TextAnswer.objects.filter(status__in=list(counters))
        .values_list("consultation_id", "question_id", "municipality_id", "response__channel", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for consultation_id, question_id, municipality_id, channel, status, n in rows:
        checked[(consultation_id, question_id, counters[status], municipality_id or 0, channel)] += n
    Tally.objects.filter(choice__in=list(counters.values())).delete()
    Tally.objects.bulk_create(
        (
            Tally(
                consultation_id=consultation_id,
                question_id=question_id,
                choice=choice,
                municipality_id=municipality_id,
                channel=channel,
                count=n,
            )
            for (consultation_id, question_id, choice, municipality_id, channel), n in sorted(checked.items())
        ),
        batch_size=2000,
    )
    TallyTotal.objects.all().delete()
    TallyTotal.objects.bulk_create(
        (
            TallyTotal(consultation_id=consultation_id, question_id=question_id, choice=choice, count=n)
            for consultation_id, question_id, choice, n in Tally.objects.values_list(
                "consultation_id", "question_id", "choice"
            )
            .annotate(n=Sum("count"))
            .order_by("consultation_id", "question_id", "choice")
        ),
        batch_size=2000,
    )


def uncount(apps, schema_editor):
    apps.get_model("consultations", "Tally").objects.filter(choice__in=[SHOWN, REMOVED]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_verbose_names"),
        ("regions", "0005_body_word_groep"),
    ]

    operations = [
        migrations.CreateModel(
            name="TallyTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("question_id", models.IntegerField(default=0)),
                ("choice", models.IntegerField(default=0)),
                ("count", models.PositiveIntegerField(default=0)),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tally_totals",
                        to="consultations.consultation",
                    ),
                ),
            ],
            options={
                "verbose_name": "totaal van een teller",
                "verbose_name_plural": "totalen van tellers",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("consultation", "question_id", "choice"), name="consultation_total_unique"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="tally",
            index=models.Index(fields=["consultation", "municipality_id"], name="consultation_tally_group"),
        ),
        migrations.AddIndex(
            model_name="textanswer",
            index=models.Index(fields=["consultation", "question", "status", "id"], name="consultation_text_question"),
        ),
        migrations.RunPython(count, uncount),
    ]
