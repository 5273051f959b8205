"""The import-linter contract (ADR 15) names every app, so a new app cannot sit outside the layers."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_app_has_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    assert contract["containers"] == ["inspraak"]
    in_layers = {name for layer in contract["layers"] for name in re.split(r"[|:]", layer.strip("()"))}
    in_layers = {name.strip().strip("()") for name in in_layers}
    apps = {path.parent.name for path in (ROOT / "inspraak").glob("*/apps.py")}
    assert apps == in_layers, f"apps without a layer: {apps - in_layers}; layers without an app: {in_layers - apps}"
