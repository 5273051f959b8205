from django.urls import path

from inspraak.consultations.views import build as views

_r = "beheer/<slug:region>/raadplegingen/"
_c = _r + "<int:pk>/"
_b = "orgaan/<slug:region>/<slug:body>/raadplegingen/"

urlpatterns = [
    path(_r, views.staff_list, name="staff_list"),
    path(_r + "nieuw/", views.new, name="new"),
    path(_b, views.body_list, name="body_list"),
    path(_b + "nieuw/", views.body_new, name="body_new"),
    path(_c, views.detail, name="detail"),
    path(_c + "wijzigen/", views.edit, name="edit"),
    path(_c + "status/", views.status, name="status"),
    path(_c + "vragen/", views.questions, name="questions"),
    path(_c + "delen/nieuw/", views.section_new, name="section_new"),
    path(_c + "delen/<int:section>/", views.section_edit, name="section_edit"),
    path(_c + "delen/<int:section>/verplaatsen/", views.section_move, name="section_move"),
    path(_c + "delen/<int:section>/weghalen/", views.section_delete, name="section_delete"),
    path(_c + "delen/<int:section>/nieuwe-vraag/", views.question_new, name="question_new"),
    path(_c + "vragen/<int:question>/", views.question_edit, name="question_edit"),
    path(_c + "vragen/<int:question>/verplaatsen/", views.question_move, name="question_move"),
    path(_c + "vragen/<int:question>/weghalen/", views.question_delete, name="question_delete"),
    path(_c + "vragen/keuzes/<int:option>/verplaatsen/", views.option_move, name="option_move"),
    path(_c + "vertalingen/", views.translations, name="translations"),
    path(_c + "vertalingen/<int:translation>/", views.translation_edit, name="translation_edit"),
    path(_c + "vertalingen/<int:translation>/weghalen/", views.translation_delete, name="translation_delete"),
]
