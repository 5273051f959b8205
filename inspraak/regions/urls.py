from django.urls import path
from django.views.generic import RedirectView

from inspraak.regions import views

app_name = "regions"


# Old ``bewerken/`` addresses (before every edit page said ``wijzigen/``) keep working for bookmarks.
def _moved(pattern_name: str):
    return RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True)


urlpatterns = [
    # Public
    path("r/<slug:region>/", views.region_detail, name="region"),
    path("r/<slug:region>/gemeenten/<slug:municipality>/", views.municipality_detail, name="municipality"),
    # Beheerder
    path("beheer/nieuwe-regio/", views.region_new, name="region_new"),
    path("beheer/<slug:region>/", views.manage_region, name="manage_region"),
    path("beheer/<slug:region>/instellingen/", views.region_edit, name="region_edit"),
    path("beheer/<slug:region>/gemeenten/nieuw/", views.municipality_new, name="municipality_new"),
    path(
        "beheer/<slug:region>/gemeenten/<slug:municipality>/wijzigen/",
        views.municipality_edit,
        name="municipality_edit",
    ),
    path("beheer/<slug:region>/gemeenten/<slug:municipality>/bewerken/", _moved("regions:municipality_edit")),
    path(
        "beheer/<slug:region>/gemeenten/<slug:municipality>/verwijderen/",
        views.municipality_delete,
        name="municipality_delete",
    ),
    path("beheer/<slug:region>/organen/nieuw/", views.body_new, name="body_new"),
    path("beheer/<slug:region>/organen/<slug:body>/wijzigen/", views.body_edit, name="body_edit"),
    path("beheer/<slug:region>/organen/<slug:body>/bewerken/", _moved("regions:body_edit")),
    path("beheer/<slug:region>/organen/<slug:body>/verwijderen/", views.body_delete, name="body_delete"),
    # Beheerder: emails that did not arrive, and the audit log
    path("beheer/<slug:region>/e-mails/", views.email_failures, name="email_failures"),
    path("beheer/<slug:region>/e-mails/<int:pk>/opnieuw/", views.email_retry, name="email_retry"),
    path("beheer/<slug:region>/logboek/", views.audit_log, name="audit_log"),
]
