"""The consultation's URLs, in three parts: building it (staff), answering it (respondents, paper entry, codes) and
its results (staff, public, exports)."""

from inspraak.consultations.urls import answer, build, results

app_name = "consultations"

urlpatterns = [*build.urlpatterns, *answer.urlpatterns, *results.urlpatterns]
