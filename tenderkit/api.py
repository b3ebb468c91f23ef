"""One function per job, called by the command line and by scripts alike."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tenderkit.filters import ReferenceFilter, filter_references
from tenderkit.library import Library, load_library
from tenderkit.models import MatchResult, Reference

if TYPE_CHECKING:  # the real imports are deferred: they pull in docx and pypdf
    from tenderkit.build import BuildReport
    from tenderkit.importer import ImportReport


def list_references(
    library_dir: Path, flt: ReferenceFilter | None = None, *, full: bool = False
) -> tuple[list[Reference], Library]:
    """The library's references passing ``flt``, newest first, and the loaded library.

    ``full`` reads every field of the result at once (for a complete export); otherwise long
    texts are read from the index only when used.
    """
    from tenderkit.index import prefetch

    flt = flt or ReferenceFilter()
    library = load_library(library_dir)
    if flt.text:
        prefetch(library.references)
    found = filter_references(library.references, flt, library.vocabulary)
    if full:
        prefetch(found)
    return found, library


def show_reference(library_dir: Path, ref_id: str) -> Reference:
    """One reference by id."""
    from tenderkit.exceptions import UnknownReferenceError

    library = load_library(library_dir)
    ref = library.get(ref_id)
    if ref is None:
        from rapidfuzz import process

        close = process.extractOne(ref_id, [r.id for r in library.references], score_cutoff=60)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UnknownReferenceError(f"no reference '{ref_id}' in {library_dir}{hint}")
    return ref


def match(
    tender_path: Path,
    library_dir: Path,
    *,
    pick: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> tuple[MatchResult, list[str]]:
    """Score the library against the tender file; returns the result and load warnings."""
    from tenderkit.matching import match_tender
    from tenderkit.tender import load_tender

    tender = load_tender(tender_path)
    library = load_library(library_dir, for_matching=True)
    return match_tender(library, tender, pick=pick, exclude=exclude), library.warnings


def quote_evidence(result: MatchResult) -> None:
    """Read the texts that the evidence of every ranked reference quotes, in one go."""
    from tenderkit.index import prefetch

    prefetch([m.reference for m in result.ranking if m.score > 0])


def build(tender_path: Path, library_dir: Path, out: Path, **options: Any) -> BuildReport:
    """Write the Word candidature for a tender; see :func:`tenderkit.build.build_candidature`."""
    from tenderkit.build import build_candidature

    return build_candidature(tender_path, library_dir, out, **options)


def import_fiches(paths: list[Path], library_dir: Path, **options: Any) -> ImportReport:
    """Import fiches into the library; see :func:`tenderkit.importer.import_fiches`."""
    from tenderkit.importer import import_fiches as run

    return run(paths, library_dir, **options)
