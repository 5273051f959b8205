from django.db.models import Sum

from inspraak.consultations.models import Tally
from tests.consultations.data import consultation_data


def test_the_test_data_keeps_its_tallies_in_step_with_the_answers(world):
    data = consultation_data(world)
    respondents = dict(
        Tally.objects.filter(consultation=data.gr, question_id=0)
        .values_list("municipality_id")
        .annotate(n=Sum("count"))
        .values_list("municipality_id", "n")
    )
    assert respondents == {world.municipality.pk: 8, world.municipality_2.pk: 2}
    scale = data.questions["scale"]
    dont_know = Tally.objects.get(
        consultation=data.gr, question_id=scale.pk, choice=-1, municipality_id=world.municipality.pk, channel="papier"
    )
    assert dont_know.count == 1
