"""Every model and URL name the glossary and the privacy document mention exists, so the docs follow the code."""

import importlib
import re
from pathlib import Path

from django.apps import apps
from django.urls import NoReverseMatch, get_resolver

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("docs/glossary.md", "docs/privacy.md")
APP_LABELS = {config.label for config in apps.get_app_configs() if config.name.startswith("inspraak.")}


def _references(pattern: str) -> set[tuple[str, str]]:
    found = set()
    for doc in DOCS:
        for token in re.findall(r"`([^`\s]+)`", (ROOT / doc).read_text(encoding="utf-8")):
            if re.fullmatch(pattern, token):
                found.add((doc, token))
    return found


def test_model_names_in_the_docs_exist():
    missing = []
    references = _references(r"([a-z]+)\.([A-Z][A-Za-z]+)")
    assert len(references) > 50, "the docs name far fewer models than they do today: is the pattern still right?"
    for doc, token in references:
        label, name = token.split(".")
        if label not in APP_LABELS:
            continue
        # a model, an abstract base or a choices class of the app's models module
        if not hasattr(importlib.import_module(apps.get_app_config(label).name + ".models"), name):
            missing.append(f"{doc}: {token}")
    assert not missing, f"models named in the docs that do not exist: {missing}"


def test_url_names_in_the_docs_exist():
    resolver = get_resolver()
    missing = []
    for doc, token in _references(r"([a-z]+):([a-z_]+)"):
        namespace, name = token.split(":")
        if namespace not in resolver.namespace_dict:
            continue
        try:
            if name not in resolver.namespace_dict[namespace][1].reverse_dict:
                missing.append(f"{doc}: {token}")
        except NoReverseMatch:
            missing.append(f"{doc}: {token}")
    assert not missing, f"URL names in the docs that do not exist: {missing}"
