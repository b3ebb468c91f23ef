"""``tenderkit build``: the whole path from a tender file and a library to the files on disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from tenderkit import build as build_module
from tenderkit.build import build_candidature
from tenderkit.cli import main
from tenderkit.context import PLACEHOLDER
from tests.helpers import BUNDLED_LIBRARY, EXAMPLES, reference_data

TENDER = """title: Marché d'études & <concertation>
buyer: Ville de Pantin
deadline: 2026-12-15
reference_count: 3
criteria:
  - id: concertation
    label: Concertation des habitants
    components: [Concertation]
    keywords: [concertation]
"""


@pytest.fixture
def project(make_library, tmp_path: Path):  # noqa: ANN001, ANN201
    library = make_library(
        reference_data("alpha", title="Concertation Alpha"),
        reference_data("beta", title="Concertation Beta", fee_eur=None),
        reference_data(
            "gamma",
            title="Concertation Gamma",
            client="Ville de Secretville",
            confidential=True,
            stakes="Secretville a lancé la concertation.",
        ),
        reference_data("delta", title="Étude Delta", components=["Programmation urbaine"]),
    )
    tender = tmp_path / "tender.yaml"
    tender.write_text(TENDER, encoding="utf-8")
    return tender, library


def _titles(path: Path) -> list[str]:
    doc = Document(path)
    return [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][2:]


def test_readme_first_command_builds_the_bundled_example(
    cli_runner, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(EXAMPLES)
    (tmp_path / "reference_library").symlink_to(BUNDLED_LIBRARY)
    result = cli_runner.invoke(
        main, ["build", "examples/tender-npru-concertation.yaml", "-o", "candidature.docx"]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote candidature.docx" in result.output
    assert "References: 5" in result.output and "Criteria covered:" in result.output
    assert "Placeholders to fill" in result.output
    doc = Document(tmp_path / "candidature.docx")
    title = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert title == ["AMO concertation et direction de projet NPRU quartier des Courtillières"]
    assert len(_titles(tmp_path / "candidature.docx")) == 5


def test_summary_counts_placeholders_and_criteria(project, tmp_path: Path) -> None:  # noqa: ANN001
    tender, library = project
    from tenderkit.render import document_texts

    report = build_candidature(tender, library, tmp_path / "c.docx")
    ids = [ref_id for ref_id, _ in report.references]
    assert sorted(ids) == ["alpha", "beta", "gamma"]  # delta does not do concertation
    assert report.criteria_covered == report.criteria_total == 1
    doc = Document(tmp_path / "c.docx")
    texts = document_texts(doc)
    assert report.placeholders == sum(t.count(PLACEHOLDER) for t in texts)
    synthesis = doc.tables[1]
    fees = {row.cells[1].text: row.cells[5].text for row in synthesis.rows[1:-1]}
    assert fees["Concertation Beta"] == PLACEHOLDER and fees["Concertation Alpha"] != PLACEHOLDER
    assert doc.tables[0].rows[2].cells[1].text == PLACEHOLDER  # no firm name configured
    data = (tmp_path / "c.docx").read_bytes()
    assert b"Secretville" not in data


def test_pick_and_exclude(project, tmp_path: Path) -> None:  # noqa: ANN001
    tender, library = project
    report = build_candidature(
        tender, library, tmp_path / "c.docx", pick=["delta", "alpha"], exclude=["beta"]
    )
    ids = [ref_id for ref_id, _ in report.references]
    assert ids[:2] == ["delta", "alpha"] and "beta" not in ids
    assert _titles(tmp_path / "c.docx")[:2] == ["Étude Delta", "Concertation Alpha"]


def test_unknown_pick_is_an_error(cli_runner, project, tmp_path: Path) -> None:  # noqa: ANN001
    tender, library = project
    result = cli_runner.invoke(
        main,
        [
            "build",
            str(tender),
            "--library",
            str(library),
            "-o",
            str(tmp_path / "c.docx"),
            "--pick",
            "nope",
        ],
    )
    assert result.exit_code == 1 and "nope" in result.output
    assert not (tmp_path / "c.docx").exists()


def test_existing_output_is_refused_then_backed_up_with_force(
    cli_runner, project, tmp_path: Path
) -> None:  # noqa: ANN001
    tender, library = project
    out = tmp_path / "c.docx"
    out.write_bytes(b"edited by the bid manager")
    args = ["build", str(tender), "--library", str(library), "-o", str(out)]
    result = cli_runner.invoke(main, args)
    assert (
        result.exit_code == 1 and "already exists" in result.output and "--force" in result.output
    )
    assert out.read_bytes() == b"edited by the bid manager"
    result = cli_runner.invoke(main, [*args, "--force"])
    assert result.exit_code == 0, result.output
    backups = list(tmp_path.glob("c.backup-*.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"edited by the bid manager"
    assert f"Previous file kept as {backups[0]}" in result.output
    Document(out)  # the new file is a real document
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert cli_runner.invoke(main, [*args, "--force"]).exit_code == 0
    assert len(list(tmp_path.glob("c.backup-*.docx"))) == 2  # never overwrites a backup


def test_failed_render_leaves_the_previous_file(project, tmp_path: Path) -> None:  # noqa: ANN001
    from tenderkit.exceptions import TemplateError

    tender, library = project
    bad = tmp_path / "bad.docx"
    doc = Document()
    doc.add_paragraph("{{ nope }}")
    doc.save(bad)
    out = tmp_path / "c.docx"
    out.write_bytes(b"previous")
    with pytest.raises(TemplateError):
        build_candidature(tender, library, out, template=bad, force=True)
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("c.")) == ["c.docx"]


def test_xlsx_summary(project, tmp_path: Path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    tender, library = project
    report = build_candidature(tender, library, tmp_path / "c.docx", xlsx=True)
    assert report.xlsx == tmp_path / "c.xlsx"
    sheet = load_workbook(report.xlsx).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Marché d'études & <concertation>"
    header = rows.index(next(r for r in rows if r[0] == "N°"))
    body = rows[header + 1 : header + 4]
    assert [r[0] for r in body] == [1, 2, 3]
    assert all("Secretville" not in str(cell) for row in rows for cell in row)
    assert rows[header + 4][0] == "Total"


def test_pdf_without_libreoffice_says_so(project, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(build_module.shutil, "which", lambda name: None)
    tender, library = project
    report = build_candidature(tender, library, tmp_path / "c.docx", pdf=True)
    assert report.pdf is None and (tmp_path / "c.docx").is_file()
    assert any("LibreOffice is not installed" in w for w in report.warnings)


def test_template_from_config_and_firm_name(project, tmp_path: Path) -> None:  # noqa: ANN001
    tender, library = project
    custom = library / "modele.docx"
    doc = Document()
    doc.add_paragraph("{{ firm.name }} — {{ firm.author }} — {{ references | length }} références")
    doc.save(custom)
    (library / "tenderkit.toml").write_text(
        '[firm]\nname = "Cabinet & Fils"\nauthor = "Équipe"\ntemplate = "modele.docx"\n',
        encoding="utf-8",
    )
    report = build_candidature(tender, library, tmp_path / "c.docx")
    assert report.template == custom.resolve()
    out = Document(io.BytesIO((tmp_path / "c.docx").read_bytes()))
    assert out.paragraphs[0].text == "Cabinet & Fils — Équipe — 3 références"
