"""``tenderkit check``: every problem of a library, errors and warnings, with file and line."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tenderkit.exceptions import FileError
from tenderkit.library import (
    key_line,
    load_yaml_text,
    read_text,
    reference_paths,
    unknown_keys,
    validate_reference,
)
from tenderkit.models import REFERENCE_KEYS, Reference
from tenderkit.text import normalize
from tenderkit.vocabulary import Vocabulary, load_vocabulary


@dataclass
class Problem:
    """One finding of ``check``: ``path:line: message``."""

    severity: str  # "error" or "warning"
    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class CheckReport:
    """What ``check`` found in a library."""

    checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the library unusable."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth a look that do not stop other commands."""
        return [p for p in self.problems if p.severity == "warning"]


def check_library(library_dir: Path) -> CheckReport:
    """Read every file of the library and report errors and warnings."""
    report = CheckReport()
    try:
        vocabulary = load_vocabulary(library_dir)
    except FileError as err:
        report.problems.append(Problem("error", err.path, err.message, err.line))
        vocabulary = load_vocabulary(None)
    loaded: list[tuple[Path, Reference]] = []
    for path in reference_paths(library_dir):
        report.checked += 1
        try:
            text = read_text(path)
            data = load_yaml_text(text, path)
            ref = validate_reference(data, text, path)
        except FileError as err:
            report.problems.append(Problem("error", err.path, err.message, err.line))
            continue
        loaded.append((path, ref))
        _warn_reference(report, path, text, data, ref, vocabulary)
    _check_duplicates(report, loaded)
    return report


def _warn_reference(
    report: CheckReport, path: Path, text: str, data: Any, ref: Reference, vocabulary: Vocabulary
) -> None:
    def warn(message: str, key: str | None = None) -> None:
        report.problems.append(
            Problem("warning", path, message, key_line(text, key) if key else None)
        )

    from rapidfuzz import process

    for key in unknown_keys(data):
        close = process.extractOne(key, REFERENCE_KEYS, score_cutoff=70)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        warn(f"unknown key '{key}' is ignored{hint}", key)
    for component in ref.components:
        if vocabulary.components.canonical(component) is None:
            guess = vocabulary.components.suggest(component, cutoff=60)
            hint = f" (did you mean '{guess}'?)" if guess else ""
            warn(f"unknown component '{component}'{hint}", "components")
    if ref.fee_eur is None:
        warn("no fee (fee_eur): the candidature will show [À COMPLÉTER]", "fee_eur")
    if ref.end_year is None and ref.start_year < _dt.date.today().year - 10:
        warn(f"ongoing since {ref.start_year}? set end_year if the mission ended", "end_year")
    if not ref.components:
        warn("no components: this reference cannot match component criteria", "components")


def _check_duplicates(report: CheckReport, loaded: list[tuple[Path, Reference]]) -> None:
    by_id: dict[str, Path] = {}
    for path, ref in loaded:
        if ref.id in by_id:
            report.problems.append(
                Problem("error", path, f"duplicate id '{ref.id}' (also in {by_id[ref.id].name})", 1)
            )
        else:
            by_id[ref.id] = path
    # compare only references of the same client (by name without generic words): pairs
    # across a whole library of thousands would take minutes
    from tenderkit.filters import client_key

    by_client: dict[str, list[tuple[Path, Reference]]] = {}
    for path, ref in loaded:
        by_client.setdefault(client_key(ref.client), []).append((path, ref))
    for group in by_client.values():
        for i, (path_a, a) in enumerate(group):
            for path_b, b in group[i + 1 :]:
                if a.id != b.id and likely_same(a, b):
                    report.problems.append(
                        Problem(
                            "warning",
                            path_b,
                            f"looks like a duplicate of {path_a.name} "
                            "(same client, overlapping years, similar title)",
                        )
                    )


def likely_same(a: Reference, b: Reference) -> bool:
    """Same client, overlapping years and a similar title: probably one mission twice."""
    from rapidfuzz import fuzz

    from tenderkit.filters import client_matches

    if not client_matches(a.client, b.client):
        return False
    far = 3000
    if a.start_year > (b.end_year or far) or b.start_year > (a.end_year or far):
        return False
    return fuzz.token_set_ratio(normalize(a.title), normalize(b.title)) >= 85
