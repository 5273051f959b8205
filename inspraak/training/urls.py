from django.urls import path

from inspraak.training import views

app_name = "training"

_t = "orgaan/<slug:region>/<slug:body>/trainingen/"

urlpatterns = [
    path(_t, views.training_list, name="list"),
    path(_t + "nieuw/", views.training_new, name="new"),
    path(_t + "<int:pk>/", views.training_detail, name="detail"),
    path(_t + "<int:pk>/wijzigen/", views.training_edit, name="edit"),
    path(_t + "<int:pk>/afgelasten/", views.training_cancel, name="cancel"),
    path(_t + "<int:pk>/aanmelden/", views.training_signup, name="signup"),
    path(_t + "<int:pk>/afmelden/", views.training_signoff, name="signoff"),
    path(_t + "<int:pk>/aanmelden-namens/", views.training_signup_for, name="signup_for"),
    path(_t + "<int:pk>/aanwezig/", views.training_attendance, name="attendance"),
]
