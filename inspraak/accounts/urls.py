from django.urls import path

from inspraak.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_password, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
]
