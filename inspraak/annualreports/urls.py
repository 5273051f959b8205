from django.urls import path

from inspraak.annualreports import views

app_name = "annualreports"

_body = "orgaan/<slug:region>/<slug:body>/jaarverslagen/"
_region = "beheer/<slug:region>/jaarverslagen/"
_public = "r/<slug:region>/"

urlpatterns = [
    path(_body, views.body_list, name="body_list"),
    path(_body + "<int:year>/", views.body_report, name="body_report"),
    path(_body + "<int:year>/wijzigen/", views.body_edit, name="body_edit"),
    path(_body + "<int:year>/publiceren/", views.body_publish, name="body_publish"),
    path(_body + "<int:year>/intrekken/", views.body_withdraw, name="body_withdraw"),
    path(_body + "<int:year>/pdf/", views.body_pdf, name="body_pdf"),
    path(_region, views.region_list, name="region_list"),
    path(_region + "<int:year>/", views.region_report, name="region_report"),
    path(_region + "<int:year>/wijzigen/", views.region_edit, name="region_edit"),
    path(_region + "<int:year>/publiceren/", views.region_publish, name="region_publish"),
    path(_region + "<int:year>/intrekken/", views.region_withdraw, name="region_withdraw"),
    path(_region + "<int:year>/pdf/", views.region_pdf, name="region_pdf"),
    path(_public + "jaarverslagen/", views.public_list, name="public_list"),
    path(_public + "jaarverslagen/<int:year>/", views.public_region, name="public_region"),
    path(_public + "jaarverslagen/<int:year>/pdf/", views.public_region_pdf, name="public_region_pdf"),
    path(_public + "organen/<slug:body>/jaarverslagen/<int:year>/", views.public_body, name="public_body"),
    path(_public + "organen/<slug:body>/jaarverslagen/<int:year>/pdf/", views.public_body_pdf, name="public_body_pdf"),
]
