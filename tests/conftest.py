"""Shared fixtures: a CLI runner, a private cache folder, and small libraries to play with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.helpers import write_reference_file


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own index folder, so tests never share or pollute a cache."""
    monkeypatch.setenv("TENDERKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("TENDERKIT_LIBRARY", raising=False)
    monkeypatch.delenv("TENDERKIT_NO_INDEX", raising=False)


@pytest.fixture
def cli_runner() -> CliRunner:
    """Click's runner for invoking ``tenderkit`` in-process."""
    return CliRunner()


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
