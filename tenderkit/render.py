"""Render a Word template (docxtpl + Jinja) into a candidature file; check a template.

The only module that imports docxtpl and python-docx. Templates run in a sandboxed Jinja
environment with autoescape (data with ``& < >`` renders as written) and strict undefined
variables (a typo is an error, not an empty cell).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tenderkit.context import PLACEHOLDER
from tenderkit.exceptions import TemplateError

#: Top-level variables every template receives (see docs/word-output.md).
TEMPLATE_VARIABLES = ("tender", "firm", "generated", "references", "criteria", "summary")
_HIGHLIGHT_RUN = (
    '</w:t></w:r><w:r><w:rPr><w:b/><w:highlight w:val="yellow"/></w:rPr>'
    '<w:t xml:space="preserve">{text}</w:t></w:r><w:r><w:t xml:space="preserve">'
)


def default_template() -> Path:
    """The template bundled with tenderkit (``tenderkit/data/candidature.docx``)."""
    return Path(str(resources.files("tenderkit") / "data" / "candidature.docx"))


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def _highlighted(text: str) -> Any:
    """``text`` as Markup where each placeholder becomes its own highlighted run."""
    from markupsafe import Markup, escape

    parts = text.split(PLACEHOLDER)
    out = str(escape(parts[0]))
    for part in parts[1:]:
        out += _HIGHLIGHT_RUN.format(text=escape(PLACEHOLDER)) + str(escape(part))
    return Markup(out)


def _prepare(value: Any, template: Any, key: str = "") -> Any:
    """Context values ready for docxtpl: placeholders highlighted, the logo as an image."""
    if key == "logo" and isinstance(value, str):
        if not value:
            return ""
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(template, value, height=Mm(18))
    if isinstance(value, str):
        return _highlighted(value) if PLACEHOLDER in value else value
    if isinstance(value, dict):
        return {k: _prepare(v, template, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_prepare(v, template) for v in value]
    return value


def _template_class() -> Any:
    from docxtpl import DocxTemplate
    from lxml import etree

    class _StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]
        """docxtpl parses its output with ``recover=True``, which silently drops everything
        after a markup error; parse strictly first so a broken document is an error."""

        def fix_tables(self, xml: str) -> Any:
            try:
                etree.fromstring(xml)
            except etree.XMLSyntaxError as err:
                raise _BrokenXml(str(err)) from err
            return super().fix_tables(xml)

    return _StrictDocxTemplate


class _BrokenXml(Exception):
    pass


def _open(template_path: Path) -> Any:
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError

    if not template_path.is_file():
        raise TemplateError(template_path, "template not found")
    try:
        template = _template_class()(str(template_path))
        template.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise TemplateError(template_path, f"not a Word .docx file ({err})") from err
    return template


def _near(xml: str, lineno: int | None) -> str:
    """The document text around a Jinja error line (lines are paragraphs, as docxtpl splits)."""
    if not lineno:
        return ""
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()
    around = lines[max(lineno - 2, 0) : lineno + 1]
    text = " ¶ ".join(t for t in (re.sub(r"<[^>]+>", "", line).strip() for line in around) if t)
    return f" near: «{text[:200]}»" if text else ""


def _template_error(template_path: Path, err: Exception, xml: str | None = None) -> TemplateError:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(err, TemplateSyntaxError):
        return TemplateError(
            template_path, f"template syntax error: {err.message}{_near(xml or '', err.lineno)}"
        )
    if isinstance(err, SecurityError) or "unsafe" in str(err):
        return TemplateError(template_path, f"unsafe template refused: {err}")
    if isinstance(err, UndefinedError):
        return TemplateError(template_path, f"unknown variable: {err}")
    return TemplateError(template_path, f"cannot render: {err}")


@dataclass
class RenderedDocument:
    """A rendered candidature, not yet written anywhere."""

    data: bytes
    placeholders: int
    leftover_tags: list[str] = field(default_factory=list)


def render_document(template_path: Path, context: dict[str, Any]) -> RenderedDocument:
    """Render ``context`` into ``template_path``; the result is checked and returned as bytes."""
    from jinja2 import TemplateError as JinjaError

    template_path = Path(template_path)
    template = _open(template_path)
    env = _environment()
    try:
        template.render(_prepare(context, template), jinja_env=env, autoescape=True)
    except JinjaError as err:
        raise _template_error(template_path, err, template.patch_xml(template.get_xml())) from err
    except _BrokenXml as err:
        raise TemplateError(
            template_path,
            f"the rendered document is not valid Word XML ({err}); "
            "is a tag placed inside a field or an attribute?",
        ) from err
    document = template.docx
    fill_contents(document)
    _fit_table_grids(document)
    _update_fields_on_open(document)
    buffer = io.BytesIO()
    template.save(buffer)
    from docx import Document

    texts = document_texts(Document(io.BytesIO(buffer.getvalue())))  # what the user will see
    leftovers = sorted({m for t in texts for m in re.findall(r"\{\{.{0,30}|\{%.{0,30}", t)})
    return RenderedDocument(buffer.getvalue(), sum(t.count(PLACEHOLDER) for t in texts), leftovers)


def _fit_table_grids(document: Any) -> None:
    """Size each table's grid from its first row's cell widths.

    docxtpl rescales the grid when ``{%tc for %}`` adds columns, which squeezes them;
    LibreOffice draws from the grid, so give it the widths the cells ask for.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tbl in document.element.body.iter(qn("w:tbl")):
        grid, rows = tbl.find(qn("w:tblGrid")), tbl.findall(qn("w:tr"))
        if grid is None or not rows:
            continue
        cells = rows[0].findall(qn("w:tc"))
        widths = [c.find(f"{qn('w:tcPr')}/{qn('w:tcW')}") for c in cells]
        if any(w is None or w.get(qn("w:type")) != "dxa" for w in widths) or any(
            c.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") is not None for c in cells
        ):
            continue
        if any(len(r.findall(qn("w:tc"))) != len(cells) for r in rows):
            continue
        for col in grid.findall(qn("w:gridCol")):
            grid.remove(col)
        for width in widths:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), width.get(qn("w:w")))
            grid.append(col)


def _update_fields_on_open(document: Any) -> None:
    """Ask Word to refresh fields (page numbers of the contents list) when the file opens."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def document_texts(document: Any) -> list[str]:
    """Text of every paragraph of the body (tables included), headers and footers."""
    from docx.oxml.ns import qn

    parts = [document.element.body]
    for section in document.sections:
        for hf in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    texts = []
    for part in parts:
        for p in part.iter(qn("w:p")):
            texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return texts


# --- Contents list -------------------------------------------------------------------------
# LibreOffice shows a TOC field's cached text as is (it never rebuilds it on opening), while it
# does compute PAGEREF fields. So the template's TOC field is replaced by one line per heading,
# each a link to a bookmark with a live PAGEREF page number: correct in LibreOffice, and in
# Word once fields are updated (``updateFields`` makes Word offer it when the file opens).


def _toc_levels(instruction: str) -> range:
    found = re.search(r'\\o\s+"(\d)-(\d)"', instruction)
    return range(int(found.group(1)), int(found.group(2)) + 1) if found else range(1, 4)


def _heading_level(paragraph: Any) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    found = re.fullmatch(r"(?:Heading|Titre)\s*(\d)", name or "", flags=re.IGNORECASE)
    return int(found.group(1)) if found else None


def _starts_page(paragraph: Any) -> bool:
    if paragraph.paragraph_format.page_break_before:
        return True
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.page_break_before:
            return True
        style = style.base_style
    return False


def fill_contents(document: Any) -> int:
    """Replace the first TOC field of the body by live entries; returns the number of entries."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = document.element.body
    paragraphs = list(body.iterchildren(qn("w:p")))
    start = next(
        (
            p
            for p in paragraphs
            if any((i.text or "").strip().startswith("TOC") for i in p.iter(qn("w:instrText")))
        ),
        None,
    )
    if start is None:
        return 0
    instruction = next(
        i.text for i in start.iter(qn("w:instrText")) if i.text.strip().startswith("TOC")
    )
    field_paragraphs, depth = [], 0
    for p in _following(start):
        field_paragraphs.append(p)
        for char in p.iter(qn("w:fldChar")):
            kind = char.get(qn("w:fldCharType"))
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
        if depth <= 0:
            break
    levels = _toc_levels(instruction)
    entries, page = [], 1
    ids = [
        int(b.get(qn("w:id")))
        for b in body.iter(qn("w:bookmarkStart"))
        if (b.get(qn("w:id")) or "").isdigit()
    ]
    next_id = max(ids, default=0) + 1
    for element in body.iterchildren():
        if element.tag != qn("w:p") or element in field_paragraphs:
            page += sum(1 for br in element.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
            continue
        paragraph = Paragraph(element, document._body)
        if _starts_page(paragraph):
            page += 1
        page += sum(1 for br in element.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
        level = _heading_level(paragraph)
        if level is not None and level in levels and paragraph.text.strip():
            name = f"_Toc_tk{next_id}"
            _bookmark(element, name, next_id)
            entries.append((level, paragraph.text.strip(), name, page))
            next_id += 1
    new = _entry_paragraphs(document, entries)
    anchor = field_paragraphs[0]
    for p in new:
        anchor.addprevious(p)
    for p in field_paragraphs:
        body.remove(p)
    return len(entries)


def _following(start: Any) -> Any:
    element = start
    while element is not None:
        if element.tag.endswith("}p"):
            yield element
        element = element.getnext()


def _bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>')
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


def _entry_paragraphs(document: Any, entries: list[tuple[int, str, str, int]]) -> list[Any]:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from markupsafe import escape

    style_ids = {s.name: s.style_id for s in document.styles}
    out = []
    if not entries:
        entries_xml = ['<w:r><w:t xml:space="preserve">(aucun titre)</w:t></w:r>']
        styles = ["TOC1"]
    else:
        entries_xml, styles = [], []
        for level, text, name, page in entries:
            entries_xml.append(
                f'<w:hyperlink w:anchor="{name}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r><w:r><w:tab/></w:r>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
                "</w:hyperlink>"
            )
            styles.append(style_ids.get(f"TOC {level}", ""))
    for xml, style in zip(entries_xml, styles, strict=True):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        if not style:  # no "TOC n" style in the template: a right tab with dots
            ppr = (
                '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9000"/></w:tabs></w:pPr>'
            )
        out.append(parse_xml(f"<w:p {nsdecls('w')}>{ppr}{xml}</w:p>"))
    return out
