"""``tenderkit template check`` and ``template init``."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tenderkit.cli import main
from tenderkit.render import default_template


def _template(tmp_path: Path, *lines: str, style: str | None = None) -> Path:
    doc = Document()
    doc.add_paragraph("Sommaire")
    doc.add_paragraph("Titre", style="Heading 1")
    for line in lines:
        doc.add_paragraph(line)
    if style:  # reference a style id the file does not define
        p = doc.add_paragraph("stylé")
        p._p.get_or_add_pPr().get_or_add_pStyle().set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", style
        )
    path = tmp_path / "t.docx"
    doc.save(path)
    return path


def test_default_template_checks_clean(cli_runner) -> None:  # noqa: ANN001
    result = cli_runner.invoke(main, ["template", "check", str(default_template())])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("OK")


def test_syntax_error_is_reported_with_surrounding_text(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    path = _template(tmp_path, "Avant l'erreur", "{% if tender.title %}{{ tender.title }", "Après")
    result = cli_runner.invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1
    assert "syntax error" in result.output and "Avant l'erreur" in result.output


def test_unknown_variables_are_reported(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    path = _template(tmp_path, "{{ client_name }}")
    result = cli_runner.invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1
    assert "unknown variable 'client_name'" in result.output
    path = _template(tmp_path, "{% for r in references %}{{ r.honoraires }}{% endfor %}")
    result = cli_runner.invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1 and "honoraires" in result.output


def test_unsafe_template_is_reported(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    path = _template(tmp_path, "{{ tender.__class__.__init__.__globals__ }}")
    result = cli_runner.invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1
    assert "unsafe" in result.output


def test_missing_styles_are_reported(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    path = _template(tmp_path, "{{ tender.title }}", style="CorporateBody")
    result = cli_runner.invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1
    assert "style 'CorporateBody' is used but not defined" in result.output
    assert "no table of contents field" in result.output  # a warning, alongside


def test_not_a_docx(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "t.docx"
    path.write_text("hello", encoding="utf-8")
    result = cli_runner.invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1 and "not a Word .docx file" in result.output


def test_init_copies_the_default_and_refuses_to_overwrite(cli_runner, tmp_path: Path) -> None:  # noqa: ANN001
    result = cli_runner.invoke(main, ["template", "init", str(tmp_path / "brand")])
    assert result.exit_code == 0, result.output
    target = tmp_path / "brand" / "candidature.docx"
    assert target.read_bytes() == default_template().read_bytes()
    target.write_bytes(b"edited")
    result = cli_runner.invoke(main, ["template", "init", str(tmp_path / "brand")])
    assert result.exit_code == 1 and "already exists" in result.output
    assert target.read_bytes() == b"edited"
    assert (
        cli_runner.invoke(main, ["template", "init", str(tmp_path / "brand"), "--force"]).exit_code
        == 0
    )
    assert target.read_bytes() == default_template().read_bytes()
