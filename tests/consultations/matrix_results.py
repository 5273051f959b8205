"""Role x permission cases of the consultation results part (rules: tests/matrix.py)."""

CASES: list = []
