from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("inspraak.dashboards.urls")),
    path("", include("inspraak.accounts.urls")),
    path("", include("inspraak.regions.urls")),
    path("", include("inspraak.members.urls")),
    path("", include("inspraak.letters.urls")),
    path("", include("inspraak.core.shortlink_urls")),
    path("", include("inspraak.recruitment.urls")),
    path("", include("inspraak.policy.urls")),
    path("", include("inspraak.advice.urls")),
    path("", include("inspraak.register.urls")),
    path("", include("inspraak.bylaws.urls")),
    path("", include("inspraak.compliance.urls")),
    path("", include("inspraak.meetings.urls")),
    path("", include("inspraak.topics.urls")),
    path("", include("inspraak.agenda.urls")),
    path("", include("inspraak.records.urls")),
    path("", include("inspraak.support.urls")),
    path("", include("inspraak.training.urls")),
    path("", include("inspraak.claims.urls")),
    path("", include("inspraak.payments.urls")),
    path("", include("inspraak.signals.urls")),
    path("", include("inspraak.consultations.urls")),
    path("", include("inspraak.publicmeetings.urls")),
    path("", include("inspraak.privacy.urls")),
    path("", include("inspraak.annualreports.urls")),
    path("", include("inspraak.twofactor.urls")),
    path("api/v1/", include("inspraak.api.urls")),
    path("taal/", include("django.conf.urls.i18n")),
    path("technisch-beheer/", admin.site.urls),
]

handler400 = "inspraak.core.views.bad_request"
handler403 = "inspraak.core.views.permission_denied"
handler404 = "inspraak.core.views.page_not_found"
handler500 = "inspraak.core.views.server_error"
