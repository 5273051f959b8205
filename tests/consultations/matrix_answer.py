"""Role x permission cases of the consultation answer part (rules: tests/matrix.py)."""

CASES: list = []
