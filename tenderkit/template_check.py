"""``tenderkit template check`` / ``init``: vet a firm's Word template before a deadline does.

Like :mod:`tenderkit.render`, imports python-docx and docxtpl (never at start-up).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tenderkit.exceptions import OutputExistsError, TemplateError


@dataclass
class TemplateCheck:
    """Problems (the template will not render properly) and warnings (it will, with gaps)."""

    path: Path
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the template renders with tenderkit's data."""
        return not self.problems


def _parts(template: Any) -> list[tuple[str, str]]:
    """(name, raw xml) of the body, headers and footers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    parts = [("body", template.get_xml())]
    for rel in template.docx.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            xml = template.xml_to_string(parse_xml(rel.target_part.blob))
            parts.append((rel.target_part.partname.lstrip("/"), xml))
    return parts


def check_template(path: Path) -> TemplateCheck:
    """Syntax errors (with the surrounding text), unknown variables, unsafe code, missing styles."""
    from jinja2 import TemplateSyntaxError, meta

    from tenderkit.context import sample_context
    from tenderkit.render import TEMPLATE_VARIABLES, _environment, _near, _open, render_document

    path = Path(path)
    report = TemplateCheck(path)
    template = _open(path)  # not a docx: TemplateError, reported by the caller
    env = _environment()
    unknown: set[str] = set()
    for name, xml in _parts(template):
        patched = template.patch_xml(xml)
        try:
            ast = env.parse(re.sub(r"<w:p([ >])", r"\n<w:p\1", patched))
        except TemplateSyntaxError as err:
            report.problems.append(
                f"{name}: line {err.lineno}: syntax error: {err.message}"
                f"{_near(patched, err.lineno)}"
            )
            continue
        unknown |= meta.find_undeclared_variables(ast) - set(TEMPLATE_VARIABLES)
    for variable in sorted(unknown):
        report.problems.append(
            f"unknown variable '{variable}' (known: {', '.join(TEMPLATE_VARIABLES)})"
        )
    if not report.problems:
        try:
            rendered = render_document(path, sample_context())
        except TemplateError as err:
            report.problems.append(err.message)
        else:
            if rendered.leftover_tags:
                report.warnings.append(
                    "tags left as text after rendering (a tag split by "
                    f"formatting?): {'; '.join(rendered.leftover_tags[:5])}"
                )
    _check_styles(template, report)
    return report


def _check_styles(template: Any, report: TemplateCheck) -> None:
    from docx.oxml.ns import qn

    document = template.docx
    defined = {s.style_id for s in document.styles}
    names = {s.style_id: s.name for s in document.styles}
    used: set[str] = set()
    for _name, xml in _parts(template):
        used |= set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', xml))
    for style_id in sorted(used - defined):
        report.problems.append(
            f"style '{style_id}' is used but not defined in the template "
            "(Word silently falls back to Normal)"
        )
    used_names = {names.get(s, s) for s in used}
    if not any(re.fullmatch(r"Heading 1|heading 1|Titre 1", n or "") for n in used_names):
        report.warnings.append(
            "no paragraph uses the style 'Heading 1': the contents list will be empty"
        )
    if not any(
        (i.text or "").strip().startswith("TOC")
        for i in document.element.body.iter(qn("w:instrText"))
    ):
        report.warnings.append("no table of contents field: the file will have no contents list")
    if "List Bullet" not in {s.name for s in document.styles}:
        report.warnings.append(
            "style 'List Bullet' is missing: bulleted lists will look like plain text"
        )


def init_template(directory: Path, force: bool = False) -> Path:
    """Copy the default template to ``directory/candidature.docx`` to start a branded one."""
    from tenderkit.render import default_template

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "candidature.docx"
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists; use --force to replace it")
    if not default_template().is_file():
        raise TemplateError(default_template(), "the bundled template is missing (broken install?)")
    shutil.copyfile(default_template(), target)
    return target
