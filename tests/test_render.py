"""Rendering: read each generated file back with python-docx and check text, tables, styles."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tenderkit.config import FirmConfig
from tenderkit.context import PLACEHOLDER, build_context
from tenderkit.exceptions import TemplateError
from tenderkit.models import Criterion, CriterionScore, Match, MatchResult, Reference, Tender
from tenderkit.render import default_template, document_texts, render_document

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


def ref(ref_id: str, **kw: object) -> Reference:
    data: dict = {
        "title": f"Mission {ref_id}",
        "client": "Ville de Testville",
        "client_type": "public",
        "start_year": 2022,
        "end_year": 2023,
        "mission_type": "Concertation",
        "fee_eur": 30000,
        "team": ["Cabinet"],
        "director": "Jeanne Dupont",
        "actors": ["ANRU"],
        "components": ["Concertation"],
        "stakes": "Des enjeux.",
        "content": ["Une action.", "Une autre action."],
        "location": "Testville (93)",
        "contact": {"name": "Paul Martin", "role": "DGS", "email": "p@ex.org", "phone": None},
    }
    data.update(kw)
    return Reference(id=ref_id, **data)


def result(
    *refs: Reference, title: str = "Marché test", buyer: str = "Ville acheteuse"
) -> MatchResult:
    tender = Tender(
        title=title,
        buyer=buyer,
        deadline="2026-12-15",
        criteria=[Criterion("c1", "Concertation"), Criterion("c2", "Pilotage")],
    )
    ranking = [
        Match(
            r,
            80.0,
            True,
            None,
            [
                CriterionScore("c1", 1.0, ["components: Concertation"]),
                CriterionScore("c2", 0.2, []),
            ],
        )
        for r in refs
    ]
    return MatchResult(tender, ranking, [r.id for r in refs], ["c2"])


def render(res: MatchResult, template: Path | None = None, firm: FirmConfig | None = None):
    context = build_context(res, firm or FirmConfig(name="Cabinet Test"), TODAY)
    rendered = render_document(template or default_template(), context)
    return rendered, Document(io.BytesIO(rendered.data))


def all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def full_text(doc) -> str:  # noqa: ANN001
    return "\n".join(document_texts(doc))


def test_bundled_template_is_the_repository_copy() -> None:
    assert (REPO / "templates" / "candidature.docx").read_bytes() == default_template().read_bytes()


def test_default_template_renders_native_structure() -> None:
    rendered, doc = render(result(ref("a"), ref("b", title="Dernière mission", components=["Fin"])))
    text = full_text(doc)
    assert "{{" not in text and "{%" not in text and rendered.leftover_tags == []
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Synthèse des références",
        "Couverture des critères de l'acheteur",
        "Mission a",
        "Dernière mission",
    ]
    assert doc.paragraphs[-1].text or True
    # the last section is there: a truncated document can still be valid XML
    last_heading = max(i for i, p in enumerate(doc.paragraphs) if p.text == "Dernière mission")
    tail = [p.text for p in doc.paragraphs[last_heading:]]
    assert "Composantes" in tail and "Fin" in tail
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["Marché test"]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets.count("Une action.") == 2
    synthesis = doc.tables[1]
    assert [c.text for c in synthesis.rows[0].cells][:3] == [
        "N°",
        "Intitulé de la mission",
        "Maître d'ouvrage",
    ]
    assert len(synthesis.rows) == 1 + 2 + 1
    assert synthesis.style.name == "Tableau tenderkit"
    assert "Total : 2 références" in [c.text for c in synthesis.rows[-1].cells]
    matrix = doc.tables[2]
    assert [c.text for c in matrix.rows[0].cells] == ["Référence", "C1", "C2"]
    assert [c.text for c in matrix.rows[1].cells][1:] == ["✓", ""]
    sheet = {row.cells[0].text: row.cells[1].text for row in doc.tables[3].rows}
    assert sheet["Montant des honoraires HT"] == "30\u00a0000\u00a0€"
    assert sheet["Contact"] == "Paul Martin, DGS — p@ex.org"
    header = "".join(p.text for p in doc.sections[0].header.paragraphs)
    assert header == "Marché test"
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "Cabinet Test" in footer
    assert rendered.placeholders == 0


def test_contents_list_links_every_heading_with_live_page_numbers() -> None:
    _, doc = render(result(ref("a"), ref("b")))
    body = doc.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    entries = [p for p in doc.paragraphs if p.style.name == "TOC 1"]
    assert [p.text.rsplit("\t", 1)[0] for p in entries] == [
        "Synthèse des références",
        "Couverture des critères de l'acheteur",
        "Mission a",
        "Mission b",
    ]
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    assert len(anchors) == 4 and set(anchors) <= bookmarks
    instructions = [i.text for i in body.iter(qn("w:instrText"))]
    assert sum("PAGEREF" in i for i in instructions) == 4
    assert not any(i.strip().startswith("TOC") for i in instructions)  # LibreOffice would freeze it
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


@pytest.mark.parametrize("value", ['R&D <urbain> "quoted" l\'été', "a < b && c > d", "<w:p>"])
def test_special_characters_render_as_written(value: str) -> None:
    res = result(
        ref("a", title=value, client=value, content=[value]), ref("z", title="Fin"), title=value
    )
    _, doc = render(res)
    text = full_text(doc)
    assert value in [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert text.count(value) >= 4
    assert "Fin" in [p.text for p in doc.paragraphs]  # nothing after the value was swallowed


def test_confidential_client_never_appears() -> None:
    secret = ref(
        "s",
        client="Ville de Secretville",
        confidential=True,
        title="Projet urbain de Secretville",
        location="Secretville (93)",
        stakes="La ville de SECRETVILLE voulait du changement.",
        content=["Ateliers avec les habitants de Secrétville."],
        actors=["Mairie de Secretville"],
        contact={"name": "Jean Secret", "role": "DGS", "email": "j@secretville.fr", "phone": None},
    )
    rendered, doc = render(result(ref("a"), secret, title="Marché"))
    xml = all_xml(rendered.data).casefold()
    assert "secretville" not in xml and "secrétville" not in xml and "jean secret" not in xml
    assert "Collectivité territoriale (confidentiel)" in full_text(doc)
    sheet = {row.cells[0].text: row.cells[1].text for row in doc.tables[4].rows}
    assert sheet["Maître d'ouvrage"].startswith("Collectivité territoriale (confidentiel)")
    assert sheet["Localisation"] == "Département 93"


def test_missing_fee_is_highlighted_and_counted() -> None:
    rendered, doc = render(result(ref("a", fee_eur=None, director=None)))
    sheet = {row.cells[0].text: row.cells[1] for row in doc.tables[3].rows}
    cell = sheet["Montant des honoraires HT"]
    assert cell.text == PLACEHOLDER
    runs = [r for p in cell.paragraphs for r in p.runs if r.text == PLACEHOLDER]
    assert (
        runs and runs[0]._r.find(f"{qn('w:rPr')}/{qn('w:highlight')}").get(qn("w:val")) == "yellow"
    )
    assert sheet["Directeur de mission"].text == PLACEHOLDER
    # fee in the synthesis row, its total and the sheet; director in the sheet
    assert rendered.placeholders == full_text(doc).count(PLACEHOLDER) == 4


def test_forty_references() -> None:
    refs = [ref(f"r{i:02d}", title=f"Mission numéro {i}") for i in range(1, 41)]
    rendered, doc = render(result(*refs))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[2:] == [f"Mission numéro {i}" for i in range(1, 41)]
    assert len(doc.tables[1].rows) == 42 and len(doc.tables[2].rows) == 42
    assert len([p for p in doc.paragraphs if p.style.name == "TOC 1"]) == 42
    assert "{{" not in full_text(doc)


def _template(tmp_path: Path, *lines: str, table: list[list[str]] | None = None) -> Path:
    doc = Document()
    doc.styles.add_style("Corporate", 1).font.bold = True
    for line in lines:
        doc.add_paragraph(line)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(t.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    doc.sections[0].header.paragraphs[0].text = "Réf. {{ tender.buyer }}"
    path = tmp_path / "custom.docx"
    doc.save(path)
    return path


def test_custom_template(tmp_path: Path) -> None:
    path = _template(
        tmp_path,
        "{{ firm.name }} pour {{ tender.title }}",
        table=[
            ["{%tr for r in references %}", ""],
            ["{{ r.title }}", "{{ r.fee }}"],
            ["{%tr endfor %}", ""],
        ],
    )
    doc = Document(path)
    doc.paragraphs[0].style = doc.styles["Corporate"]
    doc.save(path)
    _, out = render(result(ref("a"), ref("b", fee_eur=None)), template=path)
    assert out.paragraphs[0].text == "Cabinet Test pour Marché test"
    assert out.paragraphs[0].style.name == "Corporate"
    assert [[c.text for c in r.cells] for r in out.tables[0].rows] == [
        ["Mission a", "30\u00a0000\u00a0€"],
        ["Mission b", PLACEHOLDER],
    ]
    assert out.sections[0].header.paragraphs[0].text == "Réf. Ville acheteuse"


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.system('echo hi') }}",
        "{{ tender.title.__class__ }}",
    ],
)
def test_unsafe_template_is_refused(tmp_path: Path, tag: str) -> None:
    path = _template(tmp_path, tag)
    with pytest.raises(TemplateError) as err:
        render(result(ref("a")), template=path)
    assert str(path) in str(err.value)


def test_template_syntax_error_names_template_and_text(tmp_path: Path) -> None:
    path = _template(tmp_path, "Avant", "{% for r in references %}{{ r.title }}", "Après")
    with pytest.raises(TemplateError, match=r"custom\.docx.*syntax error.*near"):
        render(result(ref("a")), template=path)


def test_unknown_variable_is_an_error(tmp_path: Path) -> None:
    path = _template(tmp_path, "{{ tender.nope }}")
    with pytest.raises(TemplateError, match="unknown variable"):
        render(result(ref("a")), template=path)


def test_logo_is_inserted_with_unique_image_ids(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "navy").save(logo)
    rendered, doc = render(result(ref("a")), firm=FirmConfig(name="Cabinet", logo=logo))
    assert len(doc.inline_shapes) == 1
    ids = re.findall(r'<wp:docPr id="(\d+)"', all_xml(rendered.data))
    assert ids and len(ids) == len(set(ids))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_to_pdf_with_expected_text(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tenderkit.build import convert_to_pdf

    rendered, _ = render(result(ref("a"), ref("b", title="Ultime mission")))
    docx = tmp_path / "c.docx"
    docx.write_bytes(rendered.data)
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(convert_to_pdf(docx))  # LibreOffice's exit code means nothing: check the file
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Synthèse des références" in text and "Ultime mission" in text
    assert "Marché test" in text
    assert "{{" not in text
    # the contents list carries real page numbers computed by LibreOffice
    assert re.search(r"Ultime mission\W*\.+\s*\d+", text)
