"""Read the text lines of a fiche: plain text / Markdown, Word (.docx) or PDF.

Source files are only ever opened for reading. python-docx and pypdf are imported inside the
function that needs them, so commands that never import fiches do not pay for them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from tenderkit.exceptions import FicheImportError

if TYPE_CHECKING:  # python-docx is imported only when a .docx is read
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

#: File kinds ``tenderkit import`` reads, by suffix.
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
#: Document formats found in folders that are likely fiches but cannot be read: reported.
UNSUPPORTED_DOCUMENTS = {
    ".doc": "old Word .doc format: save it as .docx (or PDF) and import again",
    ".odt": "OpenDocument .odt: save it as .docx (or PDF) and import again",
    ".rtf": "RTF file: save it as .docx (or PDF) and import again",
}
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,3}(?:\s*(?:/|sur|of)\s*\d{1,3})?", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def extract_lines(path: Path) -> list[str]:
    """The fiche's lines, in reading order; raises :class:`FicheImportError` when unreadable."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_DOCUMENTS:
        raise FicheImportError(path, UNSUPPORTED_DOCUMENTS[suffix])
    if suffix not in SUFFIXES:
        raise FicheImportError(
            path, f"unsupported file type '{path.suffix}' (use .txt, .md, .docx or .pdf)"
        )
    try:
        if path.stat().st_size == 0:
            raise FicheImportError(path, "empty file")
    except OSError as err:
        raise FicheImportError(path, f"cannot read: {err.strerror or err}") from err
    if suffix == ".docx":
        lines = docx_lines(path)
    elif suffix == ".pdf":
        lines = pdf_lines(path)
    else:
        lines = text_lines(path, markdown=suffix == ".md")
    if not any(line.strip() for line in lines):
        raise FicheImportError(path, "no text in the file")
    return lines


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; binary is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise FicheImportError(path, "unreadable UTF-16 text") from err
    if b"\x00" in data[:4096]:
        raise FicheImportError(path, "binary content, not a text fiche")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as err:
            raise FicheImportError(
                path, f"neither UTF-8 nor Windows-1252 text (byte {err.start})"
            ) from err
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise FicheImportError(path, "binary content, not a text fiche")
    return text


def text_lines(path: Path, *, markdown: bool = False) -> list[str]:
    """Lines of a .txt or .md file (LF, CRLF or CR); Markdown emphasis and ``#`` removed."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FicheImportError(path, f"cannot read: {err.strerror or err}") from err
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FicheImportError(path, "empty file")
    from tenderkit.importer.layout import pipe_table_lines

    lines = decode_text(data, path).splitlines()
    if markdown:
        lines = [_plain_markdown(line) for line in lines]
    return pipe_table_lines(lines)


def _plain_markdown(line: str) -> str:
    line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)
    return "" if re.fullmatch(r"\s*([-*_])\1{2,}\s*", line) else line


def docx_lines(path: Path) -> list[str]:
    """Paragraphs and table rows of a Word file in document order.

    A two-column row becomes ``label<TAB>value`` (more paragraphs of the value follow on their
    own lines); list paragraphs get a ``- `` bullet, since Word keeps the bullet out of the text.
    """
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise FicheImportError(path, "not a Word .docx file (not a zip archive)")
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise FicheImportError(path, f"not a readable Word .docx file ({err})") from err
    except Exception as err:  # noqa: BLE001 - lxml and zip raise many kinds; the file is what matters
        raise FicheImportError(
            path, f"not a readable Word .docx file ({type(err).__name__}: {err})"
        ) from err
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables, in document order
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
            lines.append("")
        else:
            lines.extend(_paragraph_text(block).split("\n"))
    return lines


def _paragraph_text(paragraph: Paragraph) -> str:
    text = paragraph.text
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):  # a style id missing from styles.xml
        style = ""
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.numPr is not None
    if text.strip() and (numbered or style.lower().startswith("list")):
        return "\n".join(f"- {part}" for part in text.split("\n") if part.strip())
    return text


def _table_lines(table: Table) -> list[str]:
    from tenderkit.importer.layout import row_lines, row_pairs

    lines: list[str] = []
    for row in table.rows:
        cells: list[_Cell] = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]._tc:  # merged cells repeat
                cells.append(cell)
        texts = [
            [part for p in cell.paragraphs for part in _paragraph_text(p).split("\n")]
            for cell in cells
        ]
        texts = [[t for t in cell if t.strip()] for cell in texts]
        joined = [" ".join(cell) for cell in texts]
        if row_pairs(joined) is not None:  # "label | value | label | value"
            lines.extend(row_lines(joined))
        elif len(cells) == 2 and texts[0]:
            label = " ".join(t.strip() for t in texts[0]).rstrip(": \t")
            value = texts[1]
            first = value[0] if value and not value[0].startswith("- ") else ""
            lines.append(f"{label}\t{first}" if first else f"{label}:")
            lines.extend(_cell_lines(value[1:] if first else value, blank_first=bool(first)))
        else:
            for cell in texts:
                lines.extend(_cell_lines(cell))
        lines.append("")
    return lines


def _cell_lines(paragraphs: list[str], *, blank_first: bool = False) -> list[str]:
    """A cell's paragraphs, a blank line between two that are not both bullets."""
    lines: list[str] = []
    previous_bullet = not blank_first
    for text in paragraphs:
        bullet = text.startswith("- ")
        if lines or blank_first:
            if not (bullet and previous_bullet):
                lines.append("")
        lines.append(text)
        previous_bullet = bullet
    return lines


def pdf_lines(path: Path) -> list[str]:
    """Text lines of a PDF's pages (pypdf); a PDF without a text layer is refused."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise FicheImportError(path, "not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FicheImportError(path, "encrypted PDF: remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except FicheImportError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise FicheImportError(path, f"not a readable PDF ({type(err).__name__}: {err})") from err
    text = "\n\n".join(pages)
    if not text.strip():
        raise FicheImportError(path, "PDF has no text layer (scanned image?): run OCR on it first")
    # Page numbers ("2", "Page 2 sur 3", "2/3") are layout, not fiche content.
    return [line for line in text.splitlines() if not _PAGE_NUMBER.fullmatch(line.strip())]
