"""Shared fixtures: a CLI runner, a private cache folder, and small libraries to play with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
BUNDLED_LIBRARY = REPO / "reference_library"
EXAMPLES = REPO / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own index folder, so tests never share or pollute a cache."""
    monkeypatch.setenv("TENDERKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("TENDERKIT_LIBRARY", raising=False)
    monkeypatch.delenv("TENDERKIT_NO_INDEX", raising=False)


@pytest.fixture
def cli_runner() -> CliRunner:
    """Click's runner for invoking ``tenderkit`` in-process."""
    return CliRunner()


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


@pytest.fixture
def make_library(tmp_path: Path):  # noqa: ANN201
    """Build a library folder from a list of reference mappings."""

    def make(*refs: dict[str, Any], folder: str = "lib") -> Path:
        library = tmp_path / folder
        library.mkdir(parents=True, exist_ok=True)
        for data in refs:
            write_reference_file(library, data)
        return library

    return make
