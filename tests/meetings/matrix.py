from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.meetings.models import Meeting, MeetingStatus
from tests.matrix import ViewCase, allow, to
from tests.meetings.data import upcoming

VIEWERS = allow("admin", "officer_region", "secretary", "facilitator", "member")
MANAGERS = allow("admin", "secretary", "facilitator")


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _meeting(w):
    return {**_body(w), "pk": upcoming(w).pk}


def _state(w):
    return (
        list(Meeting.objects.values_list("pk", "status", "starts_at", "place_name", "cancel_reason").order_by("pk")),
        AuditEvent.objects.count(),
    )


def _form(w):
    return {
        "date": f"{timezone.localdate().year + 1}-03-12",
        "start_time": "14:00",
        "end_time": "16:00",
        "place_name": "Stadhuis",
    }


CASES = [
    ViewCase("meetings:year_plan", VIEWERS, _body),
    ViewCase("meetings:new", MANAGERS, _body),
    ViewCase(
        "meetings:new",
        MANAGERS,
        _body,
        method="post",
        data=_form,
        unchanged=_state,
        changed=lambda w: Meeting.objects.filter(body=w.body, place_name="Stadhuis").exists(),
        redirect=to("meetings:detail", lambda w: {**_body(w), "pk": Meeting.objects.latest("pk").pk}),
    ),
    ViewCase("meetings:series", MANAGERS, _body),
    ViewCase(
        "meetings:series",
        MANAGERS,
        _body,
        method="post",
        data=lambda w: {
            "first_date": f"{timezone.localdate().year + 1}-01-12",
            "frequency": "maandelijks",
            "count": "4",
            "start_time": "14:00",
            "end_time": "16:00",
            "place_name": "Reekszaal",
            "actie": "plannen",
        },
        unchanged=_state,
        changed=lambda w: Meeting.objects.filter(body=w.body, place_name="Reekszaal").count() == 4,
        redirect=to("meetings:year_plan", _body),
    ),
    ViewCase("meetings:detail", VIEWERS, _meeting),
    ViewCase("meetings:edit", MANAGERS, _meeting),
    ViewCase(
        "meetings:edit",
        MANAGERS,
        _meeting,
        method="post",
        data=lambda w: {**_form(w), "title": "Voorjaarsbijeenkomst"},  # the title upcoming() finds it by
        unchanged=_state,
        changed=lambda w: Meeting.objects.get(pk=upcoming(w).pk).place_name == "Stadhuis",
        redirect=to("meetings:detail", _meeting),
    ),
    ViewCase(
        "meetings:status",
        MANAGERS,
        _meeting,
        method="post",
        data=lambda w: {"status": "agenda_gepubliceerd"},
        unchanged=_state,
        changed=lambda w: Meeting.objects.get(pk=upcoming(w).pk).status == MeetingStatus.AGENDA_PUBLISHED,
        redirect=to("meetings:detail", _meeting),
    ),
    ViewCase("meetings:cancel", MANAGERS, _meeting),
    ViewCase(
        "meetings:cancel",
        MANAGERS,
        _meeting,
        method="post",
        data=lambda w: {"reason": "Te weinig aanmeldingen"},
        unchanged=_state,
        changed=lambda w: Meeting.objects.get(pk=upcoming(w).pk).cancel_reason == "Te weinig aanmeldingen",
        redirect=to("meetings:detail", _meeting),
    ),
]
