"""AdviceRequest and RequestDocument move from policy to advice without touching the data (step 1 of 2).

The models are created in advice's migration state only, on the tables they already have (policy_advicerequest,
policy_requestdocument); the foreign keys that point at them are retargeted in the state only (here and in agenda
0004); policy 0003 then drops them from policy's state. advice 0004 renames the tables to advice's own names.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0002_initial"),
        ("policy", "0002_reminder_fields"),
        ("regions", "0002_body_experienced_count_as_clients_body_max_terms_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AdviceRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("questions", models.TextField(max_length=4000, verbose_name="vragen aan de groep")),
                        ("requested_on", models.DateField(verbose_name="datum van de aanvraag")),
                        ("deadline", models.DateField(verbose_name="uiterste datum voor het advies")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Open"),
                                    ("beantwoord", "Advies gegeven"),
                                    ("afgezien", "Groep ziet af van advies"),
                                    ("ingetrokken", "Ingetrokken"),
                                ],
                                default="open",
                                max_length=12,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "decline_reason",
                            models.TextField(blank=True, max_length=2000, verbose_name="waarom geen advies?"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("deadline_reminder_sent_on", models.DateField(blank=True, editable=False, null=True)),
                        (
                            "body",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="advice_requests",
                                to="regions.body",
                            ),
                        ),
                        (
                            "contact",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="contactpersoon",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "proposal",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="requests",
                                to="policy.proposal",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "policy_advicerequest",
                        "verbose_name": "adviesaanvraag",
                        "verbose_name_plural": "adviesaanvragen",
                        "ordering": ["deadline", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="RequestDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="titel")),
                        ("file", models.FileField(upload_to="adviesaanvragen/%Y/", verbose_name="bestand")),
                        ("content_type", models.CharField(max_length=100)),
                        ("size", models.PositiveIntegerField()),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documents",
                                to="advice.advicerequest",
                            ),
                        ),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "policy_requestdocument",
                        "ordering": ["uploaded_at", "pk"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="advicerequest",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("status", "ingetrokken"), _negated=True),
                        fields=("proposal", "body"),
                        name="request_one_open_per_body",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="advicerequest",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("deadline__gte", models.F("requested_on"))), name="request_deadline_order"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="advicerequest",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "afgezien"), _negated=True),
                            models.Q(("decline_reason", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="request_decline_has_reason",
                    ),
                ),
                migrations.AlterField(
                    model_name="advice",
                    name="request",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="advice",
                        to="advice.advicerequest",
                    ),
                ),
            ],
        ),
    ]
