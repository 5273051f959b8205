"""The role × permission cases of consultations, in three parts (one file per part)."""

from tests.consultations import matrix_answer, matrix_build, matrix_results

CASES = [*matrix_build.CASES, *matrix_answer.CASES, *matrix_results.CASES]
