"""Role x permission cases of the consultation build part (rules: tests/matrix.py)."""

CASES: list = []
