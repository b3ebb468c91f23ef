"""``tenderkit import`` end to end, into a temporary library."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from tenderkit.cli import main
from tenderkit.importer.batch import import_fiches
from tenderkit.library import read_reference

FICHES = Path(__file__).resolve().parent.parent / "data" / "fiches"
ERRORS = FICHES / "errors"
SAMPLE = FICHES / "01-sample-romainville.txt"
REPO = FICHES.parent.parent.parent


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_imports_the_sample_and_reimport_skips(cli_runner, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    result = cli_runner.invoke(main, ["import", str(SAMPLE), "--library", str(library)])
    assert result.exit_code == 0, result.output
    files = list(library.glob("*.yaml"))
    assert len(files) == 1
    ref = read_reference(files[0])  # valid against the schema
    assert ref.client == "Est Ensemble" and ref.fee_eur == 52400 and len(ref.components) == 12
    assert set(yaml.safe_load(files[0].read_text(encoding="utf-8"))) == set(ref.to_dict())
    assert "1 imported, 0 skipped, 1 with warnings, 0 failed" in result.output
    assert "not filled: title" in result.output

    again = cli_runner.invoke(main, ["import", str(SAMPLE), "--library", str(library)])
    assert again.exit_code == 0, again.output
    assert "already imported" in again.output and "0 imported, 1 skipped" in again.output
    assert len(list(library.glob("*.yaml"))) == 1


def test_similar_reference_is_reported_not_added(cli_runner, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    shutil.copytree(REPO / "reference_library", library)
    before = _digest(library)
    result = cli_runner.invoke(main, ["import", str(SAMPLE), "--library", str(library)])
    assert result.exit_code == 0, result.output
    assert "looks like the existing reference 'npru-romainville-gagarine-2023'" in result.output
    assert _digest(library) == before


def test_dry_run_json_prints_references_and_writes_nothing(cli_runner, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    result = cli_runner.invoke(
        main, ["import", str(FICHES), "--library", str(library), "--dry-run", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert not library.exists()
    assert data["dry_run"] is True
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    sample = by_name["01-sample-romainville.txt"]
    assert sample["status"] == "imported" and sample["reference"]["client"] == "Est Ensemble"
    assert sample["reference"]["fee_eur"] == 52400
    assert by_name["empty.txt"]["status"] == "failed"
    assert result.exit_code == 1  # the error files under errors/ failed


def test_batch_with_bad_files_goes_on(cli_runner, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    sources = _digest(FICHES)
    result = cli_runner.invoke(
        main,
        [
            "import",
            str(ERRORS),
            str(FICHES / "02-bom-crlf.txt"),
            str(tmp_path / "missing.txt"),
            "--library",
            str(library),
        ],
    )
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed")]
    assert len(failed) == 6  # five error files and the missing path, one line each
    expected = {
        "empty.txt": "empty file",
        "garbage.txt": "binary content",
        "not-a-zip.docx": "not a Word .docx file",
        "scanned.pdf": "no text layer",
        "no-year.txt": "no year found",
        "missing.txt": "no such file",
    }
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in failed), name
    assert len(list(library.glob("*.yaml"))) == 1
    assert "1 imported, 0 skipped, 0 with warnings, 6 failed" in result.output
    assert _digest(FICHES) == sources  # sources untouched


def test_whole_fixture_folder_imports(tmp_path: Path) -> None:
    report = import_fiches([FICHES], tmp_path / "lib")
    summary = report.summary()
    # 07 and 10 repeat the sample's mission: reported as looking like it, not added twice.
    assert summary == {"imported": 14, "skipped": 2, "with_warnings": 6, "failed": 5}
    skipped = {o.path.name for o in report.outcomes if o.status == "skipped"}
    assert skipped == {"07-word-paragraphs.docx", "10-pdf-sample.pdf"}
    ids = [p.stem for p in (tmp_path / "lib").glob("*.yaml")]
    assert len(ids) == len(set(ids)) == 14
    for path in (tmp_path / "lib").glob("*.yaml"):
        read_reference(path)


def test_ids_stay_unique_for_distinct_missions(tmp_path: Path) -> None:
    text = "Étude urbaine\nMaître d'ouvrage : {client}\nAnnée : 2020\n"
    for client in ("Ville de Pantin", "Ville de Bondy"):
        (tmp_path / f"{client}.txt").write_text(text.format(client=client), encoding="utf-8")
    report = import_fiches([tmp_path], tmp_path / "lib")
    assert sorted(o.reference.id for o in report.outcomes) == [
        "etude-urbaine-2020",
        "etude-urbaine-2020-2",
    ]


def test_progress_bar_on_long_batches(
    cli_runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tenderkit.cli import import_cmd

    monkeypatch.setattr(import_cmd, "PROGRESS_THRESHOLD", 2)
    calls = []
    real = import_cmd.click.progressbar

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(kwargs.get("length"))
        return real(*args, **kwargs)

    monkeypatch.setattr(import_cmd.click, "progressbar", spy)
    result = cli_runner.invoke(
        main,
        [
            "import",
            str(FICHES / "02-bom-crlf.txt"),
            str(FICHES / "03-cp1252.txt"),
            str(FICHES / "06-markdown.md"),
            "--library",
            str(tmp_path / "lib"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert calls == [3]


def test_accuracy_over_the_fixture_set() -> None:
    spec = importlib.util.spec_from_file_location(
        "import_accuracy", REPO / "benchmarks" / "import_accuracy.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up
    spec.loader.exec_module(bench)
    scores = bench.measure(FICHES)
    assert len(scores) >= 12
    assert {Path(s.name).suffix for s in scores} >= {".txt", ".md", ".docx", ".pdf"}
    assert bench.accuracy(scores) >= 0.98
    assert sum(len(s.invented) for s in scores) == 0
    assert not [s.name for s in scores if s.error]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0 old word", "save it as .docx"),
        ("zip.docx", None, "not a readable Word .docx file"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "not a readable PDF"),
        ("random.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200), "not a PDF file"),
        ("blank.txt", b"\xef\xbb\xbf \r\n\r\n", "empty file"),
        ("notes.txt", "Bonjour,\nrien à voir.\n".encode(), "no fiche fields found"),
    ],
)
def test_each_bad_file_gives_one_clear_line(
    cli_runner, tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    import zipfile

    source = tmp_path / "in"
    source.mkdir()
    if data is None:
        with zipfile.ZipFile(source / name, "w") as archive:
            archive.writestr("readme.txt", "not word")
    else:
        (source / name).write_bytes(data)
    result = cli_runner.invoke(main, ["import", str(source), "--library", str(tmp_path / "lib")])
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and name in failed[0] and reason in failed[0], result.output
    assert "Traceback" not in result.output


def test_utf16_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fiche.txt"
    path.write_text("Maître d'ouvrage : Ville de Bondy\nAnnée : 2021\n", encoding="utf-16")
    report = import_fiches([path], tmp_path / "lib", dry_run=True)
    assert report.outcomes[0].reference.client == "Ville de Bondy"  # type: ignore[union-attr]


def test_reimport_after_the_reference_was_edited_is_not_added(tmp_path: Path) -> None:
    fiche = tmp_path / "fiche.txt"
    fiche.write_text(
        "Maître d'ouvrage : Ville de Bondy\nAnnée : 2021\nMontant : 12 000 €\n", "utf-8"
    )
    library = tmp_path / "lib"
    first = import_fiches([fiche], library).outcomes[0]
    assert first.status == "imported" and first.written is not None
    edited = first.written.read_text(encoding="utf-8").replace(
        f"title: {first.reference.title}",  # type: ignore[union-attr]
        "title: Diagnostic GUP du quartier Blanqui",
    )
    first.written.write_text(edited, encoding="utf-8")
    again = import_fiches([fiche], library).outcomes[0]
    assert again.status == "skipped" and "looks like" in (again.message or "")
    assert len(list(library.glob("*.yaml"))) == 1
