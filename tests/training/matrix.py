from inspraak.training.models import Training, TrainingSignup, TrainingStatus
from tests.matrix import ViewCase, allow, to
from tests.training.data import training_data

SEE = allow("admin", "secretary", "facilitator", "member")
MANAGE = allow("admin", "secretary")
MEMBER = allow("member")


def _body(w):
    training_data(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _pk(name):
    return lambda w: {**_body(w), "pk": getattr(training_data(w), name).pk}


def _detail(name):
    return to("training:detail", _pk(name))


def _trainings(w):
    return list(Training.objects.filter(body=w.body).values_list("pk", "title", "status", "version"))


def _signups(w):
    return list(TrainingSignup.objects.filter(training__body=w.body).values_list("training_id", "user_id", "attended"))


NEW = {
    "title": "Nieuwe training",
    "description": "",
    "date": "2027-01-20",
    "start_time": "10:00",
    "end_time": "12:00",
    "place": "Stadhuis",
    "seats": "8",
    "cost": "120,50",
}

CASES = [
    ViewCase("training:list", SEE, _body),
    ViewCase("training:new", MANAGE, _body),
    ViewCase(
        "training:new",
        MANAGE,
        _body,
        method="post",
        data=lambda w: NEW,
        changed=lambda w: Training.objects.filter(body=w.body, title="Nieuwe training").exists(),
        unchanged=_trainings,
        redirect=lambda w: f"/orgaan/{w.region.slug}/{w.body.slug}/trainingen/*",
    ),
    ViewCase("training:detail", SEE, _pk("upcoming")),
    ViewCase("training:detail", SEE, _pk("past"), id="geweest"),
    ViewCase("training:edit", MANAGE, _pk("upcoming")),
    ViewCase(
        "training:edit",
        MANAGE,
        _pk("upcoming"),
        method="post",
        data=lambda w: {**NEW, "title": "Vergaderen, deel 1", "version": training_data(w).upcoming.version},
        changed=lambda w: Training.objects.filter(pk=training_data(w).upcoming.pk, title="Vergaderen, deel 1").exists(),
        unchanged=_trainings,
        redirect=_detail("upcoming"),
    ),
    ViewCase("training:cancel", MANAGE, _pk("upcoming")),
    ViewCase(
        "training:cancel",
        MANAGE,
        _pk("booked"),
        method="post",
        data=lambda w: {"reason": "De trainer is ziek."},
        changed=lambda w: Training.objects.filter(
            pk=training_data(w).booked.pk, status=TrainingStatus.CANCELLED
        ).exists(),
        unchanged=_trainings,
        redirect=_detail("booked"),
    ),
    ViewCase(
        "training:signup",
        MEMBER,
        _pk("upcoming"),
        method="post",
        changed=lambda w: TrainingSignup.objects.filter(
            training=training_data(w).upcoming, user=w.users["member"]
        ).exists(),
        unchanged=_signups,
        redirect=_detail("upcoming"),
    ),
    ViewCase(
        "training:signoff",
        MEMBER,
        _pk("booked"),
        method="post",
        changed=lambda w: (
            not TrainingSignup.objects.filter(training=training_data(w).booked, user=w.users["member"]).exists()
        ),
        unchanged=_signups,
        redirect=_detail("booked"),
    ),
    ViewCase("training:signup_for", MANAGE, _pk("upcoming")),
    ViewCase(
        "training:signup_for",
        MANAGE,
        _pk("upcoming"),
        method="post",
        data=lambda w: {"member": w.client.pk, "channel": "telefoon"},
        changed=lambda w: TrainingSignup.objects.filter(
            training=training_data(w).upcoming, user=w.client, channel="telefoon"
        ).exists(),
        unchanged=_signups,
        redirect=_detail("upcoming"),
    ),
    ViewCase("training:attendance", MANAGE, _pk("past")),
    ViewCase(
        "training:attendance",
        MANAGE,
        _pk("past"),
        method="post",
        data=lambda w: {"present": [str(training_data(w).past_signup.pk)]},
        changed=lambda w: TrainingSignup.objects.filter(pk=training_data(w).past_signup.pk, attended=True).exists(),
        unchanged=_signups,
        redirect=_detail("past"),
    ),
]
