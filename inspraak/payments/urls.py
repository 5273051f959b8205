from django.urls import path

from inspraak.payments import views

app_name = "payments"

_body = "orgaan/<slug:region>/<slug:body>/"
_month = _body + "vergoedingen/<int:year>/<int:month>/"
_finance = "financien/<slug:region>/"
_batch = _finance + "betalingen/<int:pk>/"

urlpatterns = [
    path(_body + "vergoedingen/", views.allowances, name="allowances"),
    path(_month, views.allowance_month, name="allowance_month"),
    path(_month + "goedkeuren/", views.allowance_approve, name="allowance_approve"),
    path(_month + "alles-goedkeuren/", views.allowance_approve_all, name="allowance_approve_all"),
    path(_body + "betalingen/", views.body_batches, name="body_batches"),
    path(_body + "betalingen/nieuw/", views.body_batch_create, name="body_batch_create"),
    path(_body + "jaaropgaven/<int:year>/", views.statements, name="statements"),
    path(_body + "jaaropgaven/<int:year>/versturen/", views.statements_send, name="statements_send"),
    path(_body + "begroting/<int:year>/", views.budget, name="budget"),
    path(_body + "begroting/<int:year>/wijzigen/", views.budget_plan, name="budget_plan"),
    path(_body + "begroting/<int:year>/uitgave/", views.budget_cost_add, name="budget_cost_add"),
    path(_body + "begroting/<int:year>/uitgave/<int:pk>/betaald/", views.budget_cost_paid, name="budget_cost_paid"),
    path(_finance, views.finance_home, name="finance_home"),
    path(_finance + "betalingen/", views.region_batches, name="region_batches"),
    path(_finance + "betalingen/nieuw/", views.region_batch_create, name="region_batch_create"),
    path(_batch, views.batch, name="batch"),
    path(_batch + "betaalbestand.csv", views.batch_csv, name="batch_csv"),
    path(_batch + "betaallijst.pdf", views.batch_pdf, name="batch_pdf"),
    path(_batch + "betaald/", views.batch_paid, name="batch_paid"),
    path("mijn/jaaropgave/<int:year>/", views.my_statement, name="my_statement"),
    path("mijn/jaaropgave/<int:year>/jaaropgave.pdf", views.my_statement_pdf, name="my_statement_pdf"),
]
