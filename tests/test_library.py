"""Reading, validating and writing reference files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenderkit.exceptions import LibraryError, ReferenceFileError
from tenderkit.library import (
    dump_reference,
    load_library,
    parse_reference_text,
    read_reference,
    resolve_library_dir,
    write_reference,
)
from tenderkit.models import REFERENCE_KEYS
from tests.helpers import BUNDLED_LIBRARY, reference_data, write_reference_file

GOOD = """\
id: ok
title: Mission
client: Ville de X
start_year: 2020
end_year: null
fee_eur: 1000
components: [Concertation]
"""


def test_minimal_reference_gets_defaults() -> None:
    ref = parse_reference_text(GOOD, Path("ok.yaml"))
    assert ref.end_year is None and ref.ongoing
    assert ref.years_label == "depuis 2020"
    assert ref.team == [] and ref.confidential is False and ref.stakes == ""


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: ok\ntitle: [unclosed\n", 3, "invalid YAML"),
        ("id: ok\nclient: X\nstart_year: 2020\n", None, "missing required key 'title'"),
        (
            GOOD.replace("start_year: 2020", "start_year: deux mille"),
            4,
            "'start_year' must be a whole number",
        ),
        (
            GOOD.replace("fee_eur: 1000", "fee_eur: '1 000 €'"),
            6,
            "'fee_eur' must be a whole number",
        ),
        (
            GOOD.replace("components: [Concertation]", "components: Concertation"),
            7,
            "must be a list",
        ),
        (GOOD.replace("id: ok", "id: other"), 1, "does not match the file name 'ok'"),
        (GOOD.replace("end_year: null", "end_year: 2010"), 5, "before start_year"),
        (GOOD + "client_type: publique\n", 8, "client_type must be 'public' or 'private'"),
        (GOOD + "confidential: maybe\n", 8, "'confidential' must be true or false"),
        (GOOD + "contact: {nom: X}\n", 8, "unknown keys: nom"),
        ("- just\n- a list\n", None, "must be a mapping"),
    ],
)
def test_schema_errors_name_file_and_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(ReferenceFileError) as info:
        parse_reference_text(text, Path("lib/ok.yaml"))
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith("lib/ok.yaml" + (f":{line}" if line else ""))


def test_dump_then_read_round_trips_every_key(tmp_path: Path) -> None:
    original = read_reference(BUNDLED_LIBRARY / "npru-romainville-gagarine-2023.yaml")
    path = write_reference(tmp_path, original)
    assert read_reference(path) == original
    keys = [
        line.split(":")[0] for line in dump_reference(original).splitlines() if line[:1].isalpha()
    ]
    assert keys == list(REFERENCE_KEYS)


def test_write_reference_never_overwrites(tmp_path: Path) -> None:
    ref = read_reference(BUNDLED_LIBRARY / "npru-romainville-gagarine-2023.yaml")
    path = write_reference(tmp_path, ref)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="already exists"):
        write_reference(tmp_path, ref)
    assert path.read_bytes() == before


def test_special_characters_survive_a_round_trip(tmp_path: Path) -> None:
    data = reference_data(
        "amp", title='Habitat & Territoires <test> "quoted" l\'été', stakes="a: b\n\nc # d"
    )
    ref = read_reference(write_reference_file(tmp_path, data))
    (tmp_path / "out").mkdir()
    again = read_reference(write_reference(tmp_path / "out", ref))
    assert again.title == data["title"] and again.stakes == "a: b\n\nc # d"


def test_load_library_reports_duplicate_ids(make_library) -> None:  # noqa: ANN001
    library = make_library(reference_data("a"))
    (library / "a.yml").write_text((library / "a.yaml").read_text())
    with pytest.raises(LibraryError, match="duplicate reference id 'a'"):
        load_library(library)


def test_missing_library_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no such library folder"):
        load_library(tmp_path / "nope")


def test_library_dir_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_library_dir("x") == Path("x")
    monkeypatch.setenv("TENDERKIT_LIBRARY", "/env/lib")
    assert resolve_library_dir(None) == Path("/env/lib")
    monkeypatch.delenv("TENDERKIT_LIBRARY")
    assert resolve_library_dir(None) == Path("reference_library")


def test_vocabulary_file_is_not_a_reference() -> None:
    library = load_library(BUNDLED_LIBRARY, use_index=False)
    assert "vocabulary" not in {r.id for r in library.references}
    assert library.vocabulary.source == BUNDLED_LIBRARY / "vocabulary.yaml"


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    import os

    from tenderkit.library import write_atomic

    new = tmp_path / "new.yaml"
    write_atomic(new, "a: 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    shared = tmp_path / "shared.yaml"
    shared.write_text("x")
    shared.chmod(0o664)
    write_atomic(shared, "b: 2\n")
    assert shared.stat().st_mode & 0o777 == 0o664 and shared.read_text() == "b: 2\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
