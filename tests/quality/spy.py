"""Count the calls of a module function in a test (to show that expensive work happens once, or not at all)."""

from __future__ import annotations


def count_calls(monkeypatch, module, name: str) -> list[tuple]:
    """Replace ``module.name`` by a wrapper that records each call's arguments; returns the list of calls."""
    calls: list[tuple] = []
    real = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls
