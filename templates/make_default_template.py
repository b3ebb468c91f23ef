"""Generate tenderkit's default Word template (``candidature.docx``) with python-docx.

Run from the repository root::

    python templates/make_default_template.py

It writes ``templates/candidature.docx`` and the packaged copy
``tenderkit/data/candidature.docx`` (identical bytes). The template uses real Word styles
(Title, Heading 1/2, List Bullet, TOC 1, a table style) and docxtpl/Jinja tags; every
variable is documented in ``docs/word-output.md``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)  # navy
ACCENT_HEX = "1F3A5F"
LIGHT_HEX = "E8EEF5"
FONT = "Arial"
TABLE_STYLE = "Tableau tenderkit"


def _styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    title = styles["Title"]
    title.font.name = FONT
    title.font.size = Pt(24)
    title.font.bold = True
    title.font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(12)
    # python-docx's Title has a bottom border drawn in a theme colour: keep it, but in the accent.
    for name, size, before, after in (("Heading 1", 16, 0, 10), ("Heading 2", 12, 12, 4)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    # Every Heading 1 (synthesis, matrix, one per reference sheet) starts a new page.
    styles["Heading 1"].paragraph_format.page_break_before = True
    styles["List Bullet"].font.name = FONT
    styles["List Bullet"].paragraph_format.space_after = Pt(2)

    subtitle = styles["Subtitle"]
    subtitle.font.name = FONT
    subtitle.font.size = Pt(14)
    subtitle.font.italic = False
    subtitle.font.color.rgb = RGBColor(0x55, 0x65, 0x75)

    toc_heading = _style(styles, "TOC Heading")
    toc_heading.font.size = Pt(16)
    toc_heading.font.bold = True
    toc_heading.font.color.rgb = ACCENT
    toc_heading.paragraph_format.space_after = Pt(18)
    toc_heading.paragraph_format.page_break_before = True

    toc1 = _style(styles, "TOC 1")
    toc1.paragraph_format.space_after = Pt(6)
    toc1.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    small = styles.add_style("Cellule", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = styles["Normal"]
    small.font.size = Pt(8.5)
    small.paragraph_format.space_after = Pt(0)
    small.paragraph_format.line_spacing = 1.0

    label = styles.add_style("Mention", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Normal"]
    label.font.size = Pt(9)
    label.font.color.rgb = RGBColor(0x55, 0x65, 0x75)

    cover = styles.add_style("Couverture", WD_STYLE_TYPE.PARAGRAPH)
    cover.base_style = styles["Normal"]
    cover.font.size = Pt(11)
    cover.font.bold = True
    cover.font.color.rgb = RGBColor(0x55, 0x65, 0x75)
    cover.paragraph_format.space_before = Pt(120)

    # A real table style, so a firm can restyle every table in one place.
    styles.element.append(
        parse_xml(f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="Tableautenderkit">
  <w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>
  <w:rPr><w:sz w:val="17"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="A6B4C4"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="A6B4C4"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6B4C4"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="A6B4C4"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6B4C4"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6B4C4"/>
    </w:tblBorders>
    <w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ACCENT_HEX}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="lastRow">
    <w:rPr><w:b/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{LIGHT_HEX}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="firstCol">
    <w:rPr><w:b/></w:rPr>
  </w:tblStylePr>
</w:style>""")
    )


def _style(styles, name: str):  # noqa: ANN001, ANN202
    """The paragraph style ``name``, added (based on Normal) when the blank document lacks it."""
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        return style


def _para(container, text: str = "", style: str | None = None, align=None):  # noqa: ANN001, ANN202
    p = container.add_paragraph(text, style=style)
    if align is not None:
        p.alignment = align
    return p


def _field(paragraph, instruction: str, cached: str = "1") -> None:  # noqa: ANN001
    """Append a complex field (PAGE, NUMPAGES...) with a cached result."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", cached),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "text":
            run.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def _table(
    doc: Document,
    rows: list[list[str]],
    widths: list[float],
    *,
    header: bool = True,
    last_row: bool = False,
    first_col: bool = False,
):  # noqa: ANN202
    table = doc.add_table(rows=len(rows), cols=len(widths))
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    look.set(qn("w:firstRow"), "1" if header else "0")
    look.set(qn("w:lastRow"), "1" if last_row else "0")
    look.set(qn("w:firstColumn"), "1" if first_col else "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
    # LibreOffice reads the hexadecimal w:val, Word the named attributes: set both.
    bits = 0x600 | (0x20 if header else 0) | (0x40 if last_row else 0)
    look.set(
        qn("w:val"),
        f"{bits | (0x80 if first_col else 0):04X}",
    )
    for row_cells, row in zip(rows, table.rows, strict=True):
        for text, cell, width in zip(row_cells, row.cells, widths, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles["Cellule"]
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 567)))  # LibreOffice sizes columns from the grid
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    if header:  # repeat the header row on every page
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def _cover(doc: Document) -> None:
    _para(doc, "{%p if firm.logo %}")
    _para(doc, "{{ firm.logo }}")
    _para(doc, "{%p endif %}")
    _para(doc, "DOSSIER DE CANDIDATURE", "Couverture")
    _para(doc, "{{ tender.title }}", "Title")
    _para(doc, "Références de missions similaires", "Subtitle")
    _para(doc)
    rows = [
        ["Acheteur", "{{ tender.buyer }}"],
        ["Date limite de remise", "{{ tender.deadline }}"],
        ["Candidat", "{{ firm.name }}"],
        ["Document établi le", "{{ generated }}"],
    ]
    table = _table(doc, rows, [5, 11.6], header=False, first_col=True)
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0].style = doc.styles["Normal"]
    _para(doc)
    _para(doc, "{%p if firm.author %}")
    _para(doc, "Dossier préparé par {{ firm.author }}", "Mention")
    _para(doc, "{%p endif %}")


def _contents(doc: Document) -> None:
    _para(doc, "Sommaire", "TOC Heading")
    first = _para(doc, style="TOC 1")
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    first.add_run()._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-1" \\h \\z \\u '
    first.add_run()._r.append(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    first.add_run()._r.append(sep)
    first.add_run("Sommaire : mis à jour par tenderkit build (F9 dans Word).")
    last = _para(doc)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    last.add_run()._r.append(end)


def _synthesis(doc: Document) -> None:
    _para(doc, "Synthèse des références", "Heading 1")
    _para(
        doc,
        "{{ summary.count }} références présentées, réalisées de {{ summary.first_year }} "
        "à {{ summary.last_year }} ({{ summary.public_count }} pour des maîtres d'ouvrage "
        "publics, {{ summary.private_count }} pour des maîtres d'ouvrage privés).",
    )
    rows = [
        [
            "N°",
            "Intitulé de la mission",
            "Maître d'ouvrage",
            "Public / privé",
            "Années",
            "Montant HT",
            "Composantes",
        ],
        ["{%tr for ref in references %}", "", "", "", "", "", ""],
        [
            "{{ ref.number }}",
            "{{ ref.title }}",
            "{{ ref.client }}",
            "{{ ref.client_type }}",
            "{{ ref.years }}",
            "{{ ref.fee }}",
            "{{ ref.components_text }}",
        ],
        ["{%tr endfor %}", "", "", "", "", "", ""],
        [
            "",
            "Total : {{ summary.count }} références",
            "",
            "{{ summary.public_count }} public, {{ summary.private_count }} privé",
            "{{ summary.years }}",
            "{{ summary.total_fee }}",
            "",
        ],
    ]
    _table(doc, rows, [0.7, 3.9, 2.5, 1.3, 2.0, 1.7, 4.5], last_row=True)


def _matrix(doc: Document) -> None:
    _para(doc, "Couverture des critères de l'acheteur", "Heading 1")
    _para(doc, "Critères du marché :")
    _para(doc, "{%p for c in criteria %}")
    _para(doc, "{{ c.code }} — {{ c.label }}", "List Bullet")
    _para(doc, "{%p endfor %}")
    _para(
        doc,
        "Une coche (✓) signale une référence qui répond au critère, d'après les éléments "
        "de sa fiche.",
        "Mention",
    )
    rows = [
        ["Référence", "{%tc for c in criteria %}", "{{ c.code }}", "{%tc endfor %}"],
        ["{%tr for ref in references %}", "", "", ""],
        [
            "{{ ref.number }}. {{ ref.title }}",
            "{%tc for mark in ref.marks %}",
            "{{ mark }}",
            "{%tc endfor %}",
        ],
        ["{%tr endfor %}", "", "", ""],
        [
            "Références couvrant le critère",
            "{%tc for c in criteria %}",
            "{{ c.covered_by }}",
            "{%tc endfor %}",
        ],
    ]
    table = _table(doc, rows, [8.0, 0.1, 2.0, 0.1], last_row=True)
    for row in table.rows:
        row.cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "{%p if summary.uncovered %}")
    _para(doc, "Critères non couverts par les références retenues : {{ summary.uncovered }}.")
    _para(doc, "{%p endif %}")


def _sheets(doc: Document) -> None:
    _para(doc, "{%p for ref in references %}")
    _para(doc, "{{ ref.title }}", "Heading 1")
    _para(doc, "Référence {{ ref.number }} sur {{ summary.count }}", "Mention")
    rows = [
        ["Maître d'ouvrage", "{{ ref.client }} ({{ ref.client_type }})"],
        ["Localisation", "{{ ref.location }}"],
        ["Années", "{{ ref.years }}"],
        ["Montant des honoraires HT", "{{ ref.fee }}"],
        ["{%tr if ref.project_cost %}", ""],
        ["Coût de l'opération", "{{ ref.project_cost }}"],
        ["{%tr endif %}", ""],
        ["Type de mission", "{{ ref.mission_type }}"],
        ["Équipe", "{{ ref.team }}"],
        ["Directeur de mission", "{{ ref.director }}"],
        ["Acteurs", "{{ ref.actors }}"],
        ["Contact", "{{ ref.contact }}"],
    ]
    table = _table(doc, rows, [5, 11.6], header=False, first_col=True)
    for row in table.rows:
        row.cells[0]._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{LIGHT_HEX}"/>')
        )
    _para(doc, "Enjeux de la mission", "Heading 2")
    _para(doc, "{%p for paragraph in ref.stakes %}")
    _para(doc, "{{ paragraph }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "{%p endfor %}")
    _para(doc, "Contenu de la mission", "Heading 2")
    _para(doc, "{%p for item in ref.content %}")
    _para(doc, "{{ item }}", "List Bullet")
    _para(doc, "{%p endfor %}")
    _para(doc, "Composantes", "Heading 2")
    _para(doc, "{{ ref.components_text }}")
    _para(doc, "{%p endfor %}")


def _header_footer(doc: Document) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True  # a clean cover page
    header = section.header.paragraphs[0]
    header.text = "{{ tender.title }}"
    header.style = doc.styles["Mention"]
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Mention"]
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run("{{ firm.name }} — Dossier de candidature\tPage ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")


def build() -> bytes:
    """The default template, as bytes."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    _ = WD_SECTION
    _styles(doc)
    doc.core_properties.title = "Dossier de candidature"
    doc.core_properties.author = "tenderkit"
    doc.core_properties.comments = ""
    _cover(doc)
    _contents(doc)
    _synthesis(doc)
    _matrix(doc)
    _sheets(doc)
    _header_footer(doc)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _normalize_zip(buffer.getvalue())


def _normalize_zip(data: bytes) -> bytes:
    """Fixed timestamps in the zip, so that regenerating gives identical bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                payload = re.sub(
                    rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", payload
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, payload)
    return out.getvalue()


def main() -> None:
    data = build()
    for path in (
        ROOT / "templates" / "candidature.docx",
        ROOT / "tenderkit" / "data" / "candidature.docx",
    ):
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
