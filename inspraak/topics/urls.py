from django.urls import path

from inspraak.topics import views

app_name = "topics"

_t = "orgaan/<slug:region>/<slug:body>/onderwerpen/"

urlpatterns = [
    path(_t, views.topic_list, name="list"),
    path(_t + "nieuw/", views.topic_new, name="new"),
    path(_t + "<int:pk>/", views.topic_detail, name="detail"),
    path(_t + "<int:pk>/stem/", views.topic_vote, name="vote"),
    path(_t + "<int:pk>/thema/", views.topic_theme, name="theme"),
]
