"""publiccode.yml says what pyproject.toml says: the version, the licence and the Python and Django versions."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _value(text: str, key: str) -> str:
    match = re.search(rf"^\s*{key}: \"?([^\"\n]+)\"?$", text, flags=re.M)
    assert match, f"publiccode.yml has no {key}"
    return match.group(1)


def test_publiccode_matches_the_project():
    publiccode = (ROOT / "publiccode.yml").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _value(publiccode, "softwareVersion") == project["version"]
    assert _value(publiccode, "license") == project["license"]
    assert f'versionMin: "{project["requires-python"].removeprefix(">=")}"' in publiccode
    django = next(d for d in project["dependencies"] if d.startswith("django>="))
    assert f'versionMin: "{re.search(r">=([0-9.]+)", django).group(1)}"' in publiccode
    for key in ("publiccodeYmlVersion", "name", "releaseDate", "developmentStatus", "softwareType"):
        _value(publiccode, key)
