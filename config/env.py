"""The one place that reads environment variables.

Every variable is declared once with a default and a help text. docs/deployment.md lists this registry
(generated from ``REGISTRY``; the command to regenerate it is in that file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: str
    help: str


REGISTRY: dict[str, EnvVar] = {}

_TRUE = {"1", "true", "yes", "on"}


def _declare(name: str, default: str, help: str) -> str:
    if name in REGISTRY:
        raise RuntimeError(f"Environment variable {name} is declared twice")
    REGISTRY[name] = EnvVar(name, default, help)
    return os.environ.get(name, default)


def env_str(name: str, default: str, help: str) -> str:
    return _declare(name, default, help)


def env_bool(name: str, default: bool, help: str) -> bool:
    return _declare(name, "true" if default else "false", help).strip().lower() in _TRUE


def env_int(name: str, default: int, help: str) -> int:
    raw = _declare(name, str(default), help)
    try:
        return int(raw)
    except ValueError as exc:
        raise RuntimeError(f"Environment variable {name} must be a whole number, got {raw!r}") from exc


def env_list(name: str, default: str, help: str) -> list[str]:
    return [item.strip() for item in _declare(name, default, help).split(",") if item.strip()]


def weak_secret_key(key: str) -> str:
    """Why ``key`` is too weak to sign sessions and hash login codes ("" when it is fine).

    The same rule as Django's deploy check (security.W009), which only warns: at least 50 characters, at least 5
    different ones, and not a key Django generated for development.
    """
    if key.startswith("django-insecure"):
        return "it is a development key"
    if len(key) < 50:
        return "it is shorter than 50 characters"
    if len(set(key)) < 5:
        return "it has fewer than 5 different characters"
    return ""
