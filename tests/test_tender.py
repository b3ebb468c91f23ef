"""Reading tender files: defaults, and one clear error per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenderkit.exceptions import TenderFileError
from tenderkit.tender import load_tender
from tests.helpers import EXAMPLES

GOOD = """\
title: T
buyer: B
deadline: 2026-12-15
criteria:
  - id: a
    label: Concertation
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tender.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults(tmp_path: Path) -> None:
    tender = load_tender(write(tmp_path, GOOD))
    assert (
        tender.reference_count == 5
        and tender.deadline == "2026-12-15"
        and tender.deadline_year == 2026
    )
    assert tender.criteria[0].weight == 1.0 and tender.criteria[0].keywords == []


def test_examples_load() -> None:
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert paths
    for path in paths:
        assert load_tender(path).criteria


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (GOOD.replace("title: T\n", ""), None, "'title' is required"),
        (GOOD.replace("2026-12-15", "15/12/2026"), 3, "'deadline' must be an ISO date"),
        (GOOD + "reference_count: cinq\n", 7, "'reference_count' must be a whole number"),
        (
            GOOD + "client_types: [publique]\n",
            7,
            "client_types entries must be 'public' or 'private'",
        ),
        (GOOD + "criterias: []\n", 7, "unknown key 'criterias'"),
        (GOOD + "    weight: -1\n", 7, "'weight' must be a positive number"),
        (GOOD + "    keyword: [x]\n", 7, "unknown key 'keyword'"),
        (GOOD.replace("    label: Concertation\n", ""), 5, "'label' is required"),
        (GOOD + "  - id: a\n    label: again\n", 4, "criterion id 'a' is used twice"),
        ("title: T\nbuyer: B\ncriteria: oops\n", 3, "'criteria' must be a non-empty list"),
        ("title: [\n", 2, "invalid YAML"),
    ],
)
def test_errors_name_file_line_and_key(
    tmp_path: Path, text: str, line: int | None, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(TenderFileError) as info:
        load_tender(path)
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}:" if line else f"{path}:")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TenderFileError, match="cannot read"):
        load_tender(tmp_path / "absent.yaml")
