from django.urls import path

from inspraak.core import shortlink_views

app_name = "shortlinks"

urlpatterns = [
    path("k/", shortlink_views.enter, name="enter"),
    path("k/<str:code>/", shortlink_views.go, name="go"),
]
