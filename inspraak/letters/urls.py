from django.urls import path

from inspraak.letters import views

app_name = "letters"

_body = "orgaan/<slug:region>/<slug:body>/brieven/"

urlpatterns = [
    path(_body, views.body, name="body"),
    path(_body + "afdrukken/", views.print_batch, name="print"),
    path(_body + "niet-aangekomen/", views.failed_emails, name="failed_emails"),
    path(_body + "stapels/<int:pk>/", views.batch, name="batch"),
    path(_body + "stapels/<int:pk>/brieven.pdf", views.batch_pdf, name="batch_pdf"),
]
