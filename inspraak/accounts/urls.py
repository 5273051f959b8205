from django.contrib.auth import views as auth_views
from django.urls import path

from inspraak.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_password, name="login"),
    path("inloggen/link/", views.login_link_request, name="link_request"),
    path("inloggen/link/<str:token>/", views.login_link, name="link_login"),
    path("inloggen/code/", views.login_code, name="code_login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("wachtwoord-vergeten/", views.password_reset, name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("mijn-account/", views.account, name="account"),
    path("e-mailadres-bevestigen/<str:token>/", views.email_confirm, name="email_confirm"),
    path("beheer/<slug:region>/personen/", views.people, name="people"),
    path("beheer/<slug:region>/personen/nieuw/", views.person_new, name="person_new"),
    path("beheer/<slug:region>/personen/<int:pk>/", views.person, name="person"),
    path("beheer/<slug:region>/personen/<int:pk>/wijzigen/", views.person_edit, name="person_edit"),
    path("beheer/<slug:region>/personen/<int:pk>/rol/", views.role_grant, name="role_grant"),
    path("beheer/<slug:region>/personen/<int:pk>/rol/<int:role_pk>/intrekken/", views.role_revoke, name="role_revoke"),
    path("beheer/<slug:region>/personen/<int:pk>/inlogcode/", views.login_code_issue, name="login_code_issue"),
    path("beheer/<slug:region>/personen/<int:pk>/blokkeren/", views.person_deactivate, name="person_deactivate"),
    path("beheer/<slug:region>/personen/<int:pk>/deblokkeren/", views.person_activate, name="person_activate"),
]
