"""Import a batch of fiches into a library: ids, duplicate detection, atomic writes, report.

One unreadable fiche never stops the batch: it becomes a ``failed`` outcome with a one-line
reason. Source files are only read. Nothing but schema keys is written to reference files, so
re-imports are recognised by comparing the parsed reference with the library's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tenderkit.exceptions import FicheImportError, TenderkitError
from tenderkit.importer.extract import SUFFIXES, UNSUPPORTED_DOCUMENTS, extract_lines
from tenderkit.importer.parse import FicheParseError, ParsedFiche, parse_fiche
from tenderkit.models import Reference
from tenderkit.text import STOPWORDS, normalize
from tenderkit.vocabulary import Vocabulary, load_vocabulary

IMPORTED, SKIPPED, FAILED = "imported", "skipped", "failed"
_ID_WORDS = 5


@dataclass
class FileOutcome:
    """What happened to one fiche."""

    path: Path
    status: str  # imported | skipped | failed
    reference: Reference | None = None
    written: Path | None = None
    message: str | None = None
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of ``tenderkit import --format json``."""
        return {
            "path": str(self.path),
            "status": self.status,
            "id": self.reference.id if self.reference else None,
            "file": str(self.written) if self.written else None,
            "message": self.message,
            "warnings": list(self.warnings),
            "missing": list(self.missing),
            "reference": self.reference.to_dict() if self.reference else None,
        }


@dataclass
class ImportReport:
    """Every fiche's outcome, in the order given, and the batch totals."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many fiches ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def with_warnings(self) -> int:
        """Imported fiches that carry at least one warning."""
        return sum(1 for o in self.outcomes if o.status == IMPORTED and o.warnings)

    def summary(self) -> dict[str, int]:
        """``{"imported": n, "skipped": n, "with_warnings": n, "failed": n}``."""
        return {
            "imported": self.count(IMPORTED),
            "skipped": self.count(SKIPPED),
            "with_warnings": self.with_warnings,
            "failed": self.count(FAILED),
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``tenderkit import --format json``."""
        return {
            "dry_run": self.dry_run,
            "summary": self.summary(),
            "notes": list(self.notes),
            "files": [o.to_dict() for o in self.outcomes],
        }


def collect_fiches(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Fiche files under ``paths`` (folders recursively), and failures for missing paths."""
    found: list[Path] = []
    failed: list[FileOutcome] = []
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in (*SUFFIXES, *UNSUPPORTED_DOCUMENTS)
                and not p.name.startswith(("~$", "."))
                and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
            )
        elif path.exists():
            candidates = [path]
        else:
            failed.append(FileOutcome(path, FAILED, message="no such file or folder"))
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found, failed


def read_fiche(path: Path, vocabulary: Vocabulary | None = None) -> ParsedFiche:
    """Extract and parse one fiche; raises :class:`FicheImportError` naming the file."""
    lines = extract_lines(Path(path))
    try:
        return parse_fiche(lines, vocabulary, loose_labels=Path(path).suffix.lower() == ".pdf")
    except FicheParseError as err:
        raise FicheImportError(path, str(err)) from err


def import_fiches(
    paths: Iterable[Path],
    library_dir: Path,
    *,
    dry_run: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> ImportReport:
    """Import every fiche under ``paths`` into ``library_dir`` (nothing written if ``dry_run``)."""
    from tenderkit.library import write_reference

    library_dir = Path(library_dir)
    report = ImportReport(dry_run=dry_run)
    existing, taken = _existing(library_dir, report.notes)
    vocabulary = load_vocabulary(library_dir if library_dir.is_dir() else None)
    files, missing = collect_fiches(paths)
    report.outcomes.extend(missing)
    if not files and not missing:
        report.notes.append("no .txt, .md, .docx or .pdf file found")
    for path in files:
        outcome = _import_one(path, vocabulary, existing, taken)
        if outcome.status == IMPORTED and not dry_run:
            assert outcome.reference is not None
            try:
                library_dir.mkdir(parents=True, exist_ok=True)
                outcome.written = write_reference(library_dir, outcome.reference)
            except (OSError, TenderkitError) as err:
                outcome.status, outcome.message = FAILED, f"cannot write the reference: {err}"
        report.outcomes.append(outcome)
        if on_file is not None:
            on_file(path)
    return report


def _existing(library_dir: Path, notes: list[str]) -> tuple[list[Reference], set[str]]:
    from tenderkit.library import read_reference, reference_paths

    if not library_dir.is_dir():
        return [], set()
    references, taken = [], set()
    for path in reference_paths(library_dir):
        taken.add(path.stem)
        try:
            references.append(read_reference(path))
        except TenderkitError as err:
            notes.append(f"{err} (not used to detect duplicates)")
    return references, taken


def _import_one(
    path: Path, vocabulary: Vocabulary, existing: list[Reference], taken: set[str]
) -> FileOutcome:
    try:
        parsed = read_fiche(path, vocabulary)
    except FicheImportError as err:
        return FileOutcome(path, FAILED, message=err.message)
    fields = parsed.fields
    ref_id = make_id(fields, parsed.title_generated, taken)
    reference = Reference(id=ref_id, **fields)
    outcome = FileOutcome(
        path, IMPORTED, reference, warnings=parsed.warnings, missing=parsed.missing
    )
    for other in existing:
        if same_reference(reference, other):
            outcome.status, outcome.message = SKIPPED, f"already imported as '{other.id}'"
            return outcome
    for other in existing:
        if looks_alike(reference, other):
            outcome.status = SKIPPED
            outcome.message = (
                f"looks like the existing reference '{other.id}' (same client, "
                "overlapping years, similar title or text): not added"
            )
            return outcome
    taken.add(ref_id)
    existing.append(reference)
    return outcome


def make_id(fields: dict[str, Any], title_generated: bool, taken: set[str]) -> str:
    """A readable id unique in ``taken``: title words and start year (``npru-romainville-2023``)."""
    from tenderkit.filters import client_key

    if title_generated:
        words = (
            client_key(fields["client"]).split()[:3]
            + _id_words(fields.get("mission_type") or "")[:2]
        )
    else:
        words = _id_words(fields["title"])
    base = "-".join([*words[:_ID_WORDS], str(fields["start_year"])]) or "reference"
    base = re.sub(r"-+", "-", base).strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _id_words(text: str) -> list[str]:
    return [
        w for w in normalize(text).split() if w not in STOPWORDS and not re.fullmatch(r"\d{4}", w)
    ]


def same_reference(a: Reference, b: Reference) -> bool:
    """The same fiche imported again: same client, same years, same title."""
    from tenderkit.filters import client_key

    return (
        client_key(a.client) == client_key(b.client)
        and a.start_year == b.start_year
        and a.end_year == b.end_year
        and normalize(a.title) == normalize(b.title)
    )


def looks_alike(a: Reference, b: Reference) -> bool:
    """Probably one mission twice: :func:`tenderkit.checks.likely_same`, or same client and
    overlapping years with nearly the same description, or the same years and fee."""
    from rapidfuzz import fuzz

    from tenderkit.checks import likely_same
    from tenderkit.filters import client_matches

    if likely_same(a, b):
        return True
    if not client_matches(a.client, b.client):
        return False
    far = 3000
    if a.start_year > (b.end_year or far) or b.start_year > (a.end_year or far):
        return False
    same_years = (a.start_year, a.end_year) == (b.start_year, b.end_year)
    if same_years and a.fee_eur is not None and a.fee_eur == b.fee_eur:
        return True  # a sparse fiche re-imported after its reference was retitled
    for x, y in ((a.stakes, b.stakes), (" ".join(a.content), " ".join(b.content))):
        if len(x) >= 40 and len(y) >= 40 and fuzz.ratio(normalize(x), normalize(y)) >= 90:
            return True
    return False
