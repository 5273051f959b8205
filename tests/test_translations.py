"""English is available: every extracted string has a translation, and the compiled catalogue matches the .po."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        fields: dict[str, str] = {}
        key = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if "msgid" in fields:
            yield fields, fuzzy


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)


def test_every_string_has_an_english_translation():
    missing = [
        f["msgid"]
        for f, fuzzy in _entries()
        if fuzzy or not (f.get("msgstr") or f.get("msgstr[0]")) or ("msgid_plural" in f and not f.get("msgstr[1]"))
    ]
    assert not missing, (
        f"{len(missing)} untranslated or fuzzy strings; run `make messages` and translate: {missing[:5]}"
    )


def _compiled(catalogue: gettext.GNUTranslations, fields: dict[str, str]) -> str:
    if "msgctxt" in fields:  # a string with a context (pgettext) is looked up under that context
        return catalogue.pgettext(_unescape(fields["msgctxt"]), _unescape(fields["msgid"]))
    return catalogue.gettext(_unescape(fields["msgid"]))


def test_compiled_catalogue_matches_the_po_file():
    with (PO.with_suffix(".mo")).open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [
        f["msgid"]
        for f, _ in _entries()
        if "msgid_plural" not in f and _compiled(catalogue, f) != _unescape(f["msgstr"])
    ]
    assert not stale, f"django.mo is out of date with django.po (run `make messages`): {stale[:5]}"


def test_every_translatable_string_is_found_by_makemessages():
    """makemessages only knows the standard names (gettext, gettext_lazy, ngettext, _ …): a string marked with an
    alias such as ``gettext_lazy as _lazy`` is never extracted and stays Dutch in English."""
    known = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "gettext_noop"}
    aliases = re.compile(r"from django\.utils\.translation import .*\b(\w+) as (\w+)")
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {line.strip()}"
        for path in sorted((Path(settings.BASE_DIR) / "inspraak").rglob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if (match := aliases.search(line)) and match.group(2) not in known
    ]
    assert not found, "Aliases makemessages does not know:\n" + "\n".join(found)
