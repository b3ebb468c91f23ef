"""Helpers for tests: paths of the bundled data and small reference factories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
BUNDLED_LIBRARY = REPO / "reference_library"
EXAMPLES = REPO / "examples"
DATA = Path(__file__).resolve().parent / "data"


def reference_data(ref_id: str, **overrides: Any) -> dict[str, Any]:
    """A valid reference mapping; keyword arguments replace or add keys."""
    data: dict[str, Any] = {
        "id": ref_id,
        "title": f"Mission {ref_id}",
        "client": "Ville de Testville",
        "client_type": "public",
        "start_year": 2022,
        "end_year": 2023,
        "mission_type": "Pilotage et conduite de projets",
        "fee_eur": 30000,
        "components": ["Concertation"],
        "stakes": "Des enjeux.",
        "content": ["Une action."],
    }
    data.update(overrides)
    return data


def write_reference_file(library: Path, data: dict[str, Any], name: str | None = None) -> Path:
    """Write ``data`` as ``<id>.yaml`` (or ``name``) in ``library``."""
    library.mkdir(parents=True, exist_ok=True)
    path = library / (name or f"{data['id']}.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
