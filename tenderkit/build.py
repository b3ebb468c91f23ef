"""``tenderkit build``: a tender and the library in, an editable Word candidature file out.

load tender + library + firm settings → match (same selection as ``tenderkit match``) →
context → render → write atomically, keeping a backup of any file it replaces.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tenderkit.config import load_config
from tenderkit.context import build_context
from tenderkit.exceptions import OutputExistsError, TenderkitError
from tenderkit.library import load_library, write_atomic
from tenderkit.tender import load_tender


@dataclass
class BuildReport:
    """What ``build_candidature`` wrote, and what is left for the bid manager to do."""

    docx: Path
    references: list[tuple[str, str]]  # (id, title as shown)
    criteria_covered: int
    criteria_total: int
    uncovered: list[str]
    placeholders: int
    template: Path
    backups: list[Path] = field(default_factory=list)
    xlsx: Path | None = None
    pdf: Path | None = None
    warnings: list[str] = field(default_factory=list)


def backup_path(path: Path, now: _dt.datetime | None = None) -> Path:
    """A free name ``<stem>.backup-YYYYMMDD-HHMMSS[-n]<suffix>`` next to ``path``."""
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{n}{path.suffix}")
    return candidate


def write_output(path: Path, data: bytes, force: bool) -> Path | None:
    """Write ``data`` atomically; an existing file is refused, or with ``force`` backed up first."""
    backup = None
    if path.exists():
        if not force:
            raise OutputExistsError(
                f"{path}: already exists (it may hold your edits); "
                "use --force to replace it (a backup is kept)"
            )
        backup = backup_path(path)
        shutil.copy2(path, backup)
    write_atomic(path, data)
    return backup


def _refuse_existing(paths: Sequence[Path], force: bool) -> None:
    for path in paths:
        if path.exists() and not force:
            raise OutputExistsError(
                f"{path}: already exists (it may hold your edits); "
                "use --force to replace it (a backup is kept)"
            )


def soffice_command() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path) -> bytes:
    """The PDF of ``docx`` made by LibreOffice (its exit code means nothing: check the file)."""
    soffice = soffice_command()
    if soffice is None:
        raise TenderkitError(
            "LibreOffice is not installed ('soffice' not found): no PDF written; "
            "install it (Debian: apt-get install libreoffice-writer) or export "
            "the PDF from Word"
        )
    with tempfile.TemporaryDirectory(prefix="tenderkit-pdf-") as tmp:
        profile = Path(
            tmp, "profile"
        ).as_uri()  # a private profile: no clash with a running LibreOffice
        try:
            completed = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(docx),
                ],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise TenderkitError(f"LibreOffice could not convert {docx} to PDF: {err}") from err
        pdf = Path(tmp, docx.stem + ".pdf")
        if not pdf.is_file() or pdf.stat().st_size == 0:
            detail = (completed.stderr or completed.stdout or "").strip().splitlines()
            raise TenderkitError(
                f"LibreOffice did not produce a PDF for {docx}"
                + (f": {detail[-1]}" if detail else "")
            )
        return pdf.read_bytes()


def build_candidature(
    tender_path: Path,
    library_dir: Path,
    out: Path,
    template: Path | None = None,
    pick: Sequence[str] = (),
    exclude: Sequence[str] = (),
    force: bool = False,
    xlsx: bool = False,
    pdf: bool = False,
    today: _dt.date | None = None,
) -> BuildReport:
    """Build the candidature file ``out`` (and optionally its .xlsx summary and PDF)."""
    from tenderkit.matching import match_tender
    from tenderkit.render import default_template, render_document

    out = Path(out)
    extra = ([out.with_suffix(".xlsx")] if xlsx else []) + (
        [out.with_suffix(".pdf")] if pdf else []
    )
    _refuse_existing([out, *extra], force)  # before any work: never a surprise at the end
    if not out.parent.is_dir():
        raise TenderkitError(f"{out.parent}: no such folder for the output file")
    tender = load_tender(Path(tender_path))
    library = load_library(Path(library_dir), for_matching=True)
    firm = load_config(Path(library_dir))
    template_path = Path(template) if template else (firm.template or default_template())
    result = match_tender(library, tender, pick=pick, exclude=exclude)
    context = build_context(result, firm, today)
    rendered = render_document(template_path, context)
    report = BuildReport(
        docx=out,
        references=[(r["id"], r["title"]) for r in context["references"]],
        criteria_covered=context["summary"]["covered_count"],
        criteria_total=context["summary"]["criteria_count"],
        uncovered=[c["label"] for c in context["criteria"] if not c["covered_by"]],
        placeholders=rendered.placeholders,
        template=template_path,
        warnings=list(library.warnings),
    )
    if rendered.leftover_tags:
        report.warnings.append(
            "template tags left unrendered in the document: "
            + "; ".join(rendered.leftover_tags[:5])
        )
    if not context["references"]:
        report.warnings.append("no reference matches the tender: the file has no reference sheet")
    _keep(report, write_output(out, rendered.data, force))
    if xlsx:
        from tenderkit.xlsx import summary_workbook

        report.xlsx = out.with_suffix(".xlsx")
        _keep(report, write_output(report.xlsx, summary_workbook(context), force))
    if pdf:
        try:
            data = convert_to_pdf(out)
        except TenderkitError as err:
            report.warnings.append(str(err))
        else:
            report.pdf = out.with_suffix(".pdf")
            _keep(report, write_output(report.pdf, data, force))
    return report


def _keep(report: BuildReport, backup: Path | None) -> None:
    if backup is not None:
        report.backups.append(backup)


__all__ = ["BuildReport", "build_candidature", "convert_to_pdf", "write_output"]
