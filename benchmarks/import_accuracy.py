"""Field-level accuracy of ``tenderkit import`` over the sample fiches of the tests.

Usage: ``python benchmarks/import_accuracy.py [FICHE_DIR]`` (default ``tests/data/fiches``).

Each fiche ``NN-name.ext`` is compared with ``expected/NN-name.yaml`` on every reference field
except ``id``. A field is exact when equal to the expected value; an *invented* value is one
the importer filled while the fiche leaves it empty. Prints one line per fiche, then totals.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tenderkit.importer.batch import read_fiche
from tenderkit.importer.extract import SUFFIXES
from tenderkit.vocabulary import load_vocabulary

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "fiches"
_EMPTY = (None, "", [], False)


@dataclass
class FicheScore:
    """How one fiche fared."""

    name: str
    exact: int = 0
    total: int = 0
    invented: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    error: str | None = None


def score_fiche(path: Path, expected: dict) -> FicheScore:
    """Compare the importer's fields for ``path`` with ``expected``."""
    score = FicheScore(path.name, total=len(expected))
    try:
        parsed = read_fiche(path, load_vocabulary(None))
    except Exception as err:  # noqa: BLE001 - a failure scores zero, it must not stop the run
        score.error = str(err)
        return score
    for key, want in expected.items():
        got = parsed.fields.get(key)
        if got == want:
            score.exact += 1
        else:
            score.wrong.append(key)
            if want in _EMPTY and got not in _EMPTY:
                score.invented.append(key)
    return score


def measure(fiche_dir: Path = DEFAULT_DIR) -> list[FicheScore]:
    """Score every fiche of ``fiche_dir`` that has an expected file."""
    scores = []
    for path in sorted(fiche_dir.iterdir()):
        expected_file = fiche_dir / "expected" / f"{path.stem}.yaml"
        if path.suffix.lower() in SUFFIXES and expected_file.is_file():
            expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
            scores.append(score_fiche(path, expected))
    return scores


def accuracy(scores: list[FicheScore]) -> float:
    """Exact fields over all fields."""
    total = sum(s.total for s in scores)
    return sum(s.exact for s in scores) / total if total else 0.0


def main(argv: list[str]) -> int:
    fiche_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    scores = measure(fiche_dir)
    for s in scores:
        detail = (
            f"  ERROR {s.error}"
            if s.error
            else (f"  wrong: {', '.join(s.wrong)}" if s.wrong else "")
        )
        print(f"{s.name:32} {s.exact:3}/{s.total:<3}{detail}")
    invented = sum(len(s.invented) for s in scores)
    exact, total = sum(s.exact for s in scores), sum(s.total for s in scores)
    print(
        f"\n{len(scores)} fiches, {exact}/{total} fields exact = {accuracy(scores):.1%}, "
        f"{invented} invented value(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
