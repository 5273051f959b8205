from inspraak.audit.models import AuditEvent
from inspraak.letters.models import Letter, LetterBatch
from tests.letters.data import SECRET_TEXT, letters_data
from tests.matrix import PUBLIC, ViewCase, allow, to

# The body's secretary and facilitator, and the region's beheerder: the letters hold postal addresses.
POST = allow("admin", "secretary", "facilitator")


def _body(w):
    letters_data(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _batch(w):
    return {**_body(w), "pk": letters_data(w).batch.pk}


def _state(w):
    return (
        list(Letter.objects.values_list("pk", "batch_id").order_by("pk")),
        LetterBatch.objects.count(),
        AuditEvent.objects.count(),
    )


def _printed(w):
    return not Letter.objects.filter(body=w.body, batch__isnull=True).exists()


def _failed_sent_as_letter(w):
    return Letter.objects.filter(from_email=letters_data(w).failed).exists()


def _secret(w):
    return SECRET_TEXT


CASES = [
    ViewCase("letters:body", POST, _body, secret=lambda w: "Adresloos Lid"),
    ViewCase(
        "letters:print",
        POST,
        _body,
        method="post",
        unchanged=_state,
        changed=_printed,
        redirect=to("letters:batch", lambda w: {**_body(w), "pk": LetterBatch.objects.latest("pk").pk}),
    ),
    ViewCase(
        "letters:failed_emails",
        POST,
        _body,
        method="post",
        unchanged=_state,
        changed=_failed_sent_as_letter,
        redirect=to("letters:body", _body),
    ),
    ViewCase("letters:batch", POST, _batch, secret=lambda w: "Papieren Lid"),
    ViewCase("letters:batch_pdf", POST, _batch, html=False, secret=_secret),
    # Public: typing a code needs no login; the target page does its own checks.
    ViewCase("shortlinks:enter", PUBLIC),
    ViewCase("shortlinks:go", PUBLIC, lambda w: {"code": letters_data(w).link.code}, status=302, html=False),
]
