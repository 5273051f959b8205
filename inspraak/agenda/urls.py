from django.urls import path

from inspraak.agenda import views

app_name = "agenda"

_body = "orgaan/<slug:region>/<slug:body>/"
_meeting = _body + "bijeenkomsten/<int:meeting>/"
_agenda = _meeting + "agenda/"

urlpatterns = [
    path(_agenda, views.agenda, name="agenda"),
    path(_agenda + "nieuw/", views.item_new, name="item_new"),
    path(_agenda + "onderwerp/", views.item_topic, name="item_topic"),
    path(_agenda + "<int:pk>/wijzigen/", views.item_edit, name="item_edit"),
    path(_agenda + "<int:pk>/verplaatsen/", views.item_move, name="item_move"),
    path(_agenda + "<int:pk>/verwijderen/", views.item_remove, name="item_remove"),
    path(_agenda + "<int:pk>/stuk/", views.document_new, name="document_new"),
    path(_agenda + "publiceren/", views.publish, name="publish"),
    path(_meeting + "uitnodigen/", views.invite, name="invite"),
    path(_meeting + "uitnodigen/opnieuw/", views.invitations_retry, name="invitations_retry"),
    path(_meeting + "brieven/", views.letters, name="letters"),
    path(_meeting + "antwoord/", views.reply, name="reply"),
    path(_meeting + "antwoorden/", views.replies, name="replies"),
    path(_meeting + "antwoorden/lid/<int:member>/", views.reply_record, name="reply_record"),
    path(_meeting + "antwoorden/<int:pk>/geregeld/", views.reply_arrange, name="reply_arrange"),
    path(_body + "stukken/<int:pk>/", views.document, name="document"),
    path(_body + "stukken/<int:pk>/verwijderen/", views.document_remove, name="document_remove"),
    path(_body + "adviesaanvragen/<int:pk>/op-de-agenda/", views.from_request, name="from_request"),
]
