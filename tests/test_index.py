"""The on-disk index (tenderkit/index.py) never serves stale data and never crashes.

Every test goes through the public API (``load_library(..., use_index=True)``,
``match_tender``) or the command line (``tenderkit list --format json``); the autouse fixture
of conftest.py gives each test its own ``$TENDERKIT_CACHE_DIR``.
"""

from __future__ import annotations

import importlib.util
import json
import marshal
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tenderkit.cli import main
from tenderkit.exceptions import ReferenceFileError
from tenderkit.index import index_path
from tenderkit.library import load_library
from tenderkit.matching import match_tender
from tenderkit.tender import load_tender
from tests.helpers import EXAMPLES, REPO, reference_data, write_reference_file

TENDER = EXAMPLES / "tender-npru-concertation.yaml"
HEAVY_MODULES = ("docxtpl", "docx", "pypdf", "openpyxl")


def _generator():  # noqa: ANN202 - the benchmark generator, imported from its file
    spec = importlib.util.spec_from_file_location(
        "generate_library", REPO / "benchmarks" / "generate_library.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dicts(library: Path, use_index: bool = True) -> list[dict]:
    """Every reference of ``library`` as a mapping, in load order."""
    return [r.to_dict() for r in load_library(library, use_index=use_index).references]


def by_id(library: Path) -> dict[str, dict]:
    return {d["id"]: d for d in dicts(library)}


def cli_list(cli_runner, library: Path) -> list[dict]:  # noqa: ANN001
    result = cli_runner.invoke(main, ["list", "--library", str(library), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def age(library: Path, seconds: int = 60) -> None:
    """Date every file of ``library`` back: files saved seconds ago are re-read (racy)."""
    for path in library.iterdir():
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


@pytest.fixture
def library(make_library) -> Path:  # noqa: ANN001
    """Three references, already indexed once."""
    lib = make_library(reference_data("alpha", fee_eur=30000),
                       reference_data("beta", start_year=2019, end_year=2020),
                       reference_data("gamma", client="Ville de Bondy"))
    age(lib)
    load_library(lib)
    assert index_path(lib).exists()
    return lib


def test_index_lives_in_the_cache_folder_not_in_the_library(library: Path) -> None:
    assert index_path(library).parent == Path(os.environ["TENDERKIT_CACHE_DIR"])
    assert sorted(p.name for p in library.iterdir()) == ["alpha.yaml", "beta.yaml", "gamma.yaml"]


def test_unchanged_files_are_not_read_again(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tenderkit.library

    read = []
    original = tenderkit.library.read_reference
    monkeypatch.setattr(tenderkit.library, "read_reference",
                        lambda p: read.append(p.name) or original(p))
    assert [d["id"] for d in dicts(library)] == ["alpha", "beta", "gamma"]
    assert read == []
    (library / "beta.yaml").write_text((library / "beta.yaml").read_text().replace("2019", "2018"))
    assert by_id(library)["beta"]["start_year"] == 2018
    assert read == ["beta.yaml"]  # only the changed file


def test_edit_is_reflected(library: Path, cli_runner) -> None:  # noqa: ANN001
    write_reference_file(library, reference_data("alpha", fee_eur=123456, title="Nouveau titre"))
    assert by_id(library)["alpha"]["title"] == "Nouveau titre"
    assert {d["id"]: d["fee_eur"] for d in cli_list(cli_runner, library)}["alpha"] == 123456


def test_same_size_edit_is_reflected(library: Path, cli_runner) -> None:  # noqa: ANN001
    path = library / "alpha.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("fee_eur: 30000", "fee_eur: 40000"))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_ino == before.st_ino
    assert by_id(library)["alpha"]["fee_eur"] == 40000
    assert {d["id"]: d["fee_eur"] for d in cli_list(cli_runner, library)}["alpha"] == 40000


def test_same_size_edit_with_mtime_restored_is_reflected(library: Path) -> None:
    path = library / "alpha.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("fee_eur: 30000", "fee_eur: 50000"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert by_id(library)["alpha"]["fee_eur"] == 50000


class _SameTick:
    """A directory entry on a coarse-timestamp file system: every save lands in one tick."""

    frozen: dict[str, tuple[int, int]] = {}

    def __init__(self, entry: os.DirEntry[str]) -> None:
        self._entry = entry
        self.name, self.path = entry.name, entry.path

    def __getattr__(self, name: str):  # noqa: ANN204 - is_file() etc. from the real entry
        return getattr(self._entry, name)

    def stat(self):  # noqa: ANN201
        st = self._entry.stat()
        mtime, ctime = self.frozen.setdefault(self.name, (st.st_mtime_ns, st.st_ctime_ns))
        return SimpleNamespace(st_mtime_ns=mtime, st_ctime_ns=ctime, st_size=st.st_size,
                               st_ino=st.st_ino, st_mtime=mtime / 1e9, st_ctime=ctime / 1e9,
                               st_mode=st.st_mode)


def test_same_size_edit_within_one_timestamp_tick_is_reflected(
        make_library, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import tenderkit.library

    real = tenderkit.library.reference_entries
    monkeypatch.setattr(_SameTick, "frozen", {})
    monkeypatch.setattr(tenderkit.library, "reference_entries",
                        lambda folder: [_SameTick(e) for e in real(folder)])
    lib = make_library(reference_data("alpha", fee_eur=30000))
    assert by_id(lib)["alpha"]["fee_eur"] == 30000  # indexed
    path = lib / "alpha.yaml"
    path.write_text(path.read_text().replace("fee_eur: 30000", "fee_eur: 60000"))
    assert by_id(lib)["alpha"]["fee_eur"] == 60000


def test_added_file_appears(library: Path, cli_runner) -> None:  # noqa: ANN001
    write_reference_file(library, reference_data("delta", client="Ville de Creil"))
    assert "delta" in by_id(library)
    assert [d["id"] for d in cli_list(cli_runner, library)].count("delta") == 1


def test_deleted_file_disappears(library: Path, cli_runner) -> None:  # noqa: ANN001
    (library / "beta.yaml").unlink()
    assert sorted(by_id(library)) == ["alpha", "gamma"]
    assert sorted(d["id"] for d in cli_list(cli_runner, library)) == ["alpha", "gamma"]
    with sqlite3.connect(index_path(library)) as db:  # and leaves the index
        assert sorted(r[0] for r in db.execute("SELECT name FROM refs")) == [
            "alpha.yaml", "gamma.yaml"]


def test_renamed_file_keeps_its_id_check(library: Path, cli_runner) -> None:  # noqa: ANN001
    """A renamed file whose id no longer matches its name is an error, index or not."""
    (library / "beta.yaml").rename(library / "beta-2020.yaml")
    with pytest.raises(ReferenceFileError,
                       match="id 'beta' does not match the file name 'beta-2020'"):
        load_library(library)
    result = cli_runner.invoke(main, ["list", "--library", str(library), "--format", "json"])
    assert result.exit_code == 1
    assert "beta-2020.yaml" in result.output and "does not match the file name" in result.output


def test_renamed_file_with_new_id_follows_the_name(library: Path, cli_runner) -> None:  # noqa: ANN001
    old = library / "beta.yaml"
    new = library / "beta-2020.yaml"
    old.rename(new)
    new.write_text(new.read_text().replace("id: beta", "id: beta-2020"))
    assert sorted(by_id(library)) == ["alpha", "beta-2020", "gamma"]
    assert sorted(d["id"] for d in cli_list(cli_runner, library)) == ["alpha", "beta-2020", "gamma"]


def test_swapped_files_same_size_are_reflected(make_library) -> None:  # noqa: ANN001
    """Two files swapped by rename keep their sizes and mtimes; the inode tells them apart."""
    lib = make_library(reference_data("one", fee_eur=11111), reference_data("two", fee_eur=22222))
    load_library(lib)
    one, two = lib / "one.yaml", lib / "two.yaml"
    os.replace(one, lib / "tmp.yml.bak")
    os.replace(two, one)
    os.replace(lib / "tmp.yml.bak", two)
    for path, ref_id in ((one, "one"), (two, "two")):  # ids back in line with the names
        path.write_text(path.read_text().replace(f"id: {'two' if ref_id == 'one' else 'one'}",
                                                 f"id: {ref_id}"))
    assert {d["id"]: d["fee_eur"] for d in dicts(lib)} == {"one": 22222, "two": 11111}


def test_garbage_index_is_rebuilt_with_a_warning(library: Path, cli_runner) -> None:  # noqa: ANN001
    expected = dicts(library, use_index=False)
    index_path(library).write_bytes(b"this is not a database\n" * 200)
    loaded = load_library(library)
    assert [r.to_dict() for r in loaded.references] == expected
    assert any("rebuilding" in w for w in loaded.warnings)
    again = load_library(library)  # rebuilt: quiet, and still right
    assert again.warnings == [] and [r.to_dict() for r in again.references] == expected
    index_path(library).write_bytes(b"\x00garbage" * 100)
    result = cli_runner.invoke(main, ["list", "--library", str(library), "--format", "json"])
    assert result.exit_code == 0
    assert "Warning:" in result.stderr
    assert sorted(json.loads(result.stdout), key=lambda d: d["id"]) == expected


def test_truncated_index_is_rebuilt(library: Path) -> None:
    expected = dicts(library, use_index=False)
    data = index_path(library).read_bytes()
    index_path(library).write_bytes(data[: len(data) // 3])
    loaded = load_library(library)
    assert [r.to_dict() for r in loaded.references] == expected
    assert loaded.warnings


def _damage_rows(library: Path, sql: str) -> None:
    with sqlite3.connect(index_path(library)) as db:
        db.execute(sql)


@pytest.mark.parametrize("column", ["head", "body"])
@pytest.mark.parametrize("data", ["{", '{"id": "alpha"}', "[]"])
def test_damaged_row_is_read_again(library: Path, column: str, data: str) -> None:
    expected = dicts(library, use_index=False)
    _damage_rows(library, f"UPDATE refs SET {column} = '{data}'")
    assert dicts(library) == expected


def test_an_unchanged_library_is_served_by_its_snapshot(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tenderkit.index

    expected = dicts(library, use_index=False)

    def no_sync(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the snapshot should have served this load")

    monkeypatch.setattr(tenderkit.index, "_sync", no_sync)
    assert dicts(library) == expected


@pytest.mark.parametrize(
    "data",
    [b"", b"not marshal", marshal.dumps("x"), marshal.dumps(([1], [("alpha",)])),
     marshal.dumps(([1, 2, 3], [(1,) * 3] * 3))],
)
def test_damaged_snapshot_is_not_used(library: Path, data: bytes) -> None:
    expected = dicts(library, use_index=False)
    with sqlite3.connect(index_path(library)) as db:
        db.execute("UPDATE snapshot SET data = ?", (data,))
    assert dicts(library) == expected


def test_damaged_profile_is_recomputed(library: Path) -> None:
    tender = load_tender(TENDER)
    expected = match_tender(load_library(library), tender).to_dict()  # stores the profiles
    _damage_rows(library, "UPDATE refs SET segmented = 0")
    _damage_rows(library, "DELETE FROM segs")
    assert match_tender(load_library(library), tender).to_dict() == expected


def test_index_with_a_foreign_layout_is_rebuilt(library: Path) -> None:
    expected = dicts(library, use_index=False)
    _damage_rows(library, "DROP TABLE refs")
    _damage_rows(library, "CREATE TABLE refs (name TEXT)")
    tender = load_tender(TENDER)
    first = load_library(library)
    assert [r.to_dict() for r in first.references] == expected
    assert match_tender(first, tender).selected  # no crash
    assert load_library(library).warnings == []  # rebuilt, not re-read on every run


def test_index_path_taken_by_a_folder_is_bypassed(library: Path) -> None:
    expected = dicts(library, use_index=False)
    index_path(library).unlink()
    index_path(library).mkdir()
    loaded = load_library(library)
    assert [r.to_dict() for r in loaded.references] == expected
    assert loaded.warnings


def test_unwritable_cache_folder_is_bypassed(library: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch, cli_runner) -> None:  # noqa: ANN001
    """Tests run as root, where chmod does not block: use a path below a regular file."""
    expected = dicts(library, use_index=False)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("TENDERKIT_CACHE_DIR", str(blocker / "cache"))
    loaded = load_library(library)
    assert [r.to_dict() for r in loaded.references] == expected
    assert any("cannot be used" in w for w in loaded.warnings)
    write_reference_file(library, reference_data("alpha", fee_eur=77777))  # still never stale
    assert by_id(library)["alpha"]["fee_eur"] == 77777
    result = cli_runner.invoke(main, ["list", "--library", str(library), "--format", "json"])
    assert result.exit_code == 0
    assert "Warning:" in result.stderr
    assert {d["id"]: d["fee_eur"] for d in json.loads(result.stdout)}["alpha"] == 77777
    tender = load_tender(TENDER)
    assert match_tender(load_library(library), tender).to_dict() == match_tender(
        load_library(library, use_index=False), tender).to_dict()
    assert blocker.read_text() == "x"


def test_no_index_variable_bypasses_the_index(library: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    index_path(library).unlink()
    monkeypatch.setenv("TENDERKIT_NO_INDEX", "1")
    assert [d["id"] for d in dicts(library)] == ["alpha", "beta", "gamma"]
    assert not index_path(library).exists()


def test_match_on_a_library_loaded_without_index_uses_its_own_text(
        make_library, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    lib = make_library(reference_data("alpha", components=["Habitat"], stakes="Des enjeux."),
                       reference_data("beta"))
    tender = load_tender(TENDER)
    match_tender(load_library(lib), tender)  # index and profiles stored
    write_reference_file(lib, reference_data(
        "alpha", components=["Habitat"],
        stakes="Direction de projet du NPRU et concertation des habitants, GUSP."))
    without = match_tender(load_library(lib, use_index=False), tender).to_dict()
    monkeypatch.setenv("TENDERKIT_NO_INDEX", "1")
    reference = match_tender(load_library(lib, use_index=False), tender).to_dict()
    assert without == reference


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic library of 300 references (the benchmark generator, fixed seed)."""
    lib = _generator().generate_library(300, tmp_path_factory.mktemp("gen") / "lib", seed=7)
    age(lib)
    return lib


def test_generated_library_is_identical_with_and_without_index(
        generated: Path, monkeypatch: pytest.MonkeyPatch, cli_runner) -> None:  # noqa: ANN001
    plain = dicts(generated, use_index=False)
    assert len(plain) == 300
    assert dicts(generated) == plain  # cold: index built
    assert dicts(generated) == plain  # warm: served from the index
    tender = load_tender(TENDER)
    cold = match_tender(load_library(generated, for_matching=True), tender).to_dict()
    import tenderkit.segments

    with monkeypatch.context() as patched:
        patched.setattr(tenderkit.segments, "profile", lambda r: pytest.fail("segments not cached"))
        warm = match_tender(load_library(generated), tender).to_dict()
    assert warm == cold
    args = ["list", "--library", str(generated), "--component", "Concertation", "--since", "2020",
            "--format", "json"]
    listed = cli_runner.invoke(main, args).stdout
    monkeypatch.setenv("TENDERKIT_NO_INDEX", "1")
    reference = match_tender(load_library(generated, use_index=False), tender).to_dict()
    assert warm == reference
    assert cli_runner.invoke(main, args).stdout == listed
    assert json.loads(listed)  # the filter finds something: the comparison means something


def test_generator_is_deterministic_and_valid(tmp_path: Path) -> None:
    gen = _generator()
    a = gen.generate_library(20, tmp_path / "a", seed=3)
    b = gen.generate_library(20, tmp_path / "b", seed=3)
    names = sorted(p.name for p in a.glob("*.yaml"))
    assert names == sorted(p.name for p in b.glob("*.yaml")) and "vocabulary.yaml" in names
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)
    refs = load_library(a, use_index=False).references
    assert len(refs) == 20
    assert all(600 <= len(r.stakes) <= 1500 and 4 <= len(r.content) <= 8
               and 5 <= len(r.components) <= 12 for r in refs)


def test_unique_generator_repeats_no_sentence(tmp_path: Path) -> None:
    from tenderkit.segments import _SENTENCE

    gen = _generator()
    refs = load_library(gen.generate_library(40, tmp_path, seed=3, unique=True), use_index=False)
    texts = [
        t
        for r in refs.references
        for t in [*r.content, *(s for s in _SENTENCE.split(r.stakes) if s.strip())]
    ]
    assert len(texts) > 40 * 8 and len(set(texts)) == len(texts)
    plain = load_library(gen.generate_library(40, tmp_path / "plain", seed=3), use_index=False)
    assert sum(len(r.content) for r in plain.references) == sum(
        len(r.content) for r in refs.references
    )


@pytest.mark.parametrize("argv", [["--help"], ["list"], ["list", "--format", "json"],
                                  ["match", str(TENDER)]])
def test_commands_do_not_import_document_libraries(argv: list[str], make_library) -> None:  # noqa: ANN001
    lib = make_library(reference_data("alpha"))
    code = ("import sys, runpy; sys.argv = ['tenderkit', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('tenderkit', run_name='__main__')\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n"
            "print('LOADED', sorted({m.split('.')[0] for m in sys.modules}"
            f" & {set(HEAVY_MODULES)!r}))")
    extra = ["--library", str(lib)] if argv[0] != "--help" else []
    done = subprocess.run([sys.executable, "-c", code, *argv, *extra], capture_output=True,
                          text=True, cwd=REPO, env=os.environ.copy(), check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "LOADED []"


def test_new_words_are_searchable_after_the_library_changes(library: Path) -> None:
    from tenderkit.models import Criterion, Tender

    tender = Tender("T", "B", [Criterion("x", "Xylophonie", keywords=["xylophonie"])])
    assert match_tender(load_library(library, for_matching=True), tender).uncovered == ["x"]
    write_reference_file(library, reference_data("delta", content=["Ateliers de xylophonie."]))
    result = match_tender(load_library(library, for_matching=True), tender)
    assert result.selected == ["delta"] and result.uncovered == []
    (library / "delta.yaml").unlink()
    result = match_tender(load_library(library, for_matching=True), tender)
    assert result.uncovered == ["x"]
