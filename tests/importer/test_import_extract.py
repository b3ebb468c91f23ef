"""Reading fiche files: encodings, Word paragraphs and tables, PDF text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenderkit.exceptions import FicheImportError
from tenderkit.importer.extract import docx_lines, extract_lines, text_lines

FICHES = Path(__file__).resolve().parent.parent / "data" / "fiches"


def test_word_list_paragraphs_become_bullets() -> None:
    lines = docx_lines(FICHES / "07-word-paragraphs.docx")
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == 7  # 3 content items and 4 components, Word "List Bullet" style
    assert bullets[0].startswith("- Pilotage de l'approfondissement")


def test_word_table_rows_are_label_tab_value() -> None:
    lines = docx_lines(FICHES / "08-word-table.docx")
    assert "Maître d'ouvrage\tVille de Rosny-sous-Bois" in lines
    assert "Coût des travaux:" in lines  # an empty value cell


def test_word_paragraphs_and_tables_keep_document_order(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Avant")
    doc.add_table(rows=1, cols=2).rows[0].cells[0].text = "Client"
    doc.add_paragraph("Après")
    doc.save(tmp_path / "order.docx")
    lines = [line for line in docx_lines(tmp_path / "order.docx") if line]
    assert lines == ["Avant", "Client:", "Après"]


@pytest.mark.parametrize(
    ("data", "first"),
    [
        ("Maître d'ouvrage\n".encode(), "Maître d'ouvrage"),
        ("\ufeffMaître d'ouvrage\r\n".encode(), "Maître d'ouvrage"),
        ("Maître d'ouvrage\r\n".encode("cp1252"), "Maître d'ouvrage"),
        ("Maître d'ouvrage\n".encode("utf-16"), "Maître d'ouvrage"),
    ],
)
def test_text_encodings(tmp_path: Path, data: bytes, first: str) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    assert text_lines(path)[0] == first


def test_markdown_markup_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "f.md"
    path.write_text("# Titre\n**Client** : Ville\n---\n", encoding="utf-8")
    assert text_lines(path, markdown=True) == ["Titre", "Client : Ville", ""]


def test_pdf_text_is_read() -> None:
    lines = extract_lines(FICHES / "11-pdf-brochure.pdf")
    assert "Commanditaire : Commune de Villeneuve-Saint-Georges" in lines


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty file"),
        ("garbage.txt", "binary content"),
        ("not-a-zip.docx", "not a zip archive"),
        ("scanned.pdf", "no text layer"),
    ],
)
def test_unreadable_files(name: str, message: str) -> None:
    with pytest.raises(FicheImportError, match=message) as info:
        extract_lines(FICHES / "errors" / name)
    assert name in str(info.value)
