"""``tenderkit list``, ``show`` and ``check`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from tenderkit.cli import main
from tenderkit.models import REFERENCE_KEYS
from tests.helpers import BUNDLED_LIBRARY, reference_data, write_reference_file

LIB = ["--library", str(BUNDLED_LIBRARY)]
ROMAINVILLE = "npru-romainville-gagarine-2023"


def ids(result) -> list[str]:  # noqa: ANN001
    assert result.exit_code == 0, result.output
    return [r["id"] for r in json.loads(result.output)]


@pytest.mark.parametrize(
    "client", ["EPT Est Ensemble", "est ensemble", "Est-Ensemble", "EST ENSEMBLE"]
)
def test_list_client_fuzzy_on_bundled_library(cli_runner, client: str) -> None:  # noqa: ANN001
    found = ids(cli_runner.invoke(main, ["list", *LIB, "--client", client, "--format", "json"]))
    assert ROMAINVILLE in found


@pytest.mark.parametrize(
    "component", ["Etudes urbaines", "études urbaines", "GUSP", "Gestion urbaine de proximite"]
)
def test_list_component_variants(cli_runner, component: str) -> None:  # noqa: ANN001
    found = ids(
        cli_runner.invoke(main, ["list", *LIB, "--component", component, "--format", "json"])
    )
    assert ROMAINVILLE in found


def test_list_json_has_full_objects(cli_runner) -> None:  # noqa: ANN001
    result = cli_runner.invoke(main, ["list", *LIB, "--format", "json", "--text", "Gagarine"])
    data = json.loads(result.output)
    assert [r["id"] for r in data] == [ROMAINVILLE]
    assert list(data[0]) == list(REFERENCE_KEYS)
    assert data[0]["fee_eur"] == 52400 and len(data[0]["components"]) == 12


def test_list_csv_and_table(cli_runner) -> None:  # noqa: ANN001
    out = cli_runner.invoke(main, ["list", *LIB, "--format", "csv", "--text", "Gagarine"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["client"] == "Est Ensemble" and "Concertation" in rows[0]["components"]
    table = cli_runner.invoke(main, ["list", *LIB, "--client", "Est Ensemble"]).output
    assert ROMAINVILLE in table and "52\u202f400 €" in table


def test_show_text_and_json(cli_runner) -> None:  # noqa: ANN001
    text = cli_runner.invoke(main, ["show", ROMAINVILLE, *LIB]).output
    assert "Est Ensemble" in text and "Enjeux de la mission" in text and "• Capitalisation" in text
    data = json.loads(
        cli_runner.invoke(main, ["show", ROMAINVILLE, *LIB, "--format", "json"]).output
    )
    assert data["start_year"] == 2023 and data["end_year"] == 2024


def test_show_unknown_id_suggests(cli_runner) -> None:  # noqa: ANN001
    result = cli_runner.invoke(main, ["show", "npru-romainville-gagarine", *LIB])
    assert result.exit_code == 1
    assert f"did you mean '{ROMAINVILLE}'" in result.output


def test_bundled_library_checks_clean(cli_runner) -> None:  # noqa: ANN001
    result = cli_runner.invoke(main, ["check", *LIB])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: bad\ntitle: [oops\n", "bad.yaml:3: error: invalid YAML"),
        ("id: bad\ntitle: T\nstart_year: 2020\n", "bad.yaml: error: missing required key 'client'"),
        (
            "id: bad\ntitle: T\nclient: C\nstart_year: soon\n",
            "bad.yaml:4: error: 'start_year' must be a whole number",
        ),
        (
            "id: other\ntitle: T\nclient: C\nstart_year: 2020\n",
            "bad.yaml:1: error: id 'other' does not match",
        ),
    ],
)
def test_check_errors(cli_runner, tmp_path: Path, content: str, expected: str) -> None:  # noqa: ANN001
    lib = tmp_path / "lib"
    write_reference_file(lib, reference_data("fine"))
    (lib / "bad.yaml").write_text(content, encoding="utf-8")
    result = cli_runner.invoke(main, ["check", "--library", str(lib)])
    assert result.exit_code == 1
    assert expected in result.output
    # the other commands refuse the broken file with the same one-line message, no traceback
    listed = cli_runner.invoke(main, ["list", "--library", str(lib)])
    assert (
        listed.exit_code == 1
        and listed.output.startswith("Error: ")
        and "bad.yaml" in listed.output
    )
    assert "Traceback" not in listed.output


def test_check_duplicate_ids(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    lib = tmp_path / "lib"
    path = write_reference_file(lib, reference_data("dup"))
    (lib / "dup.yml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli_runner.invoke(main, ["check", "--library", str(lib)])
    assert result.exit_code == 1 and "duplicate id 'dup'" in result.output


def test_check_warnings(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    lib = tmp_path / "lib"
    write_reference_file(
        lib,
        reference_data(
            "a", components=["Concertaton", "Concertation"], fee_eur=None, cliend="typo"
        ),
    )
    write_reference_file(lib, reference_data("b", title="Mission a"))
    result = cli_runner.invoke(main, ["check", "--library", str(lib)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "unknown component 'Concertaton' (did you mean 'Concertation'?)" in out
    assert "no fee" in out
    assert "unknown key 'cliend' is ignored (did you mean 'client'?)" in out
    assert "looks like a duplicate of a.yaml" in out


def test_list_on_a_few_hundred_references(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    rng = random.Random(7)
    lib = tmp_path / "big"
    clients = ["Est Ensemble", "Ville de Sevran", "Plaine Commune", "Paris Habitat", "Nexity"]
    components = ["Concertation", "Etudes urbaines", "Cohésion sociale", "Planification", "GUSP"]
    expected = set()
    for i in range(300):
        start = rng.randint(2010, 2025)
        client = rng.choice(clients)
        comps = rng.sample(components, 2)
        write_reference_file(
            lib,
            reference_data(
                f"ref-{i:03d}",
                client=client,
                start_year=start,
                end_year=start + 1,
                components=comps,
            ),
        )
        if client == "Est Ensemble" and start + 1 >= 2020 and "Concertation" in comps:
            expected.add(f"ref-{i:03d}")
    args = [
        "list",
        "--library",
        str(lib),
        "--client",
        "EPT Est Ensemble",
        "--component",
        "concertation",
        "--since",
        "2020",
        "--format",
        "json",
    ]
    first = ids(cli_runner.invoke(main, args))
    assert set(first) == expected and len(first) > 5
    assert ids(cli_runner.invoke(main, args)) == first  # second run served by the index
    gusp = ids(
        cli_runner.invoke(
            main,
            [
                "list",
                "--library",
                str(lib),
                "--component",
                "Gestion urbaine de proximité",
                "--format",
                "json",
            ],
        )
    )
    assert len(gusp) > 50


def test_library_from_environment(cli_runner, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("TENDERKIT_LIBRARY", str(BUNDLED_LIBRARY))
    assert ROMAINVILLE in ids(cli_runner.invoke(main, ["list", "--format", "json"]))
