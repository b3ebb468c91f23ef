"""Evaluate tenderkit's matching against a person's judgements, next to a plain BM25 ranking.

Usage::

    python benchmarks/eval_matching.py            # table per tender and averages
    python benchmarks/eval_matching.py --json     # the same figures as JSON

For every tender of ``benchmarks/eval/tenders/`` it ranks the references of
``benchmarks/eval/library/`` twice, with ``tenderkit.matching.match_tender`` and with Okapi
BM25 over the same texts, and reports nDCG@5 of both rankings and the share of coverable
criteria the selection covers, using the labels of ``benchmarks/eval/judgements.yaml``.

Definitions (also in the judgements file header and docs/matching-evaluation.md):

* eligible: last year (end year, or the deadline year when ongoing) >= deadline year -
  ``max_age_years``; ``client_type`` in ``client_types``; ``fee_eur`` >= ``min_fee_eur``
  (each rule only when the tender sets it; a missing value fails a rule that is set).
* gain(r, t) = weighted share of t's criteria that r truly meets, 0 when r is not eligible.
* nDCG@5 = DCG@5 / ideal DCG@5, DCG@5 = sum of gain_i / log2(i + 1) over the first five
  eligible references of a ranking; the ideal ranking sorts the eligible references by gain.
* coverage = share of the coverable criteria (met by some eligible reference) that at least
  one eligible selected reference truly meets.

It is a report, not a test: it exits 0 whatever the figures (2 on unusable input).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EVAL_DIR = HERE / "eval"
K = 5
TARGET_NDCG, TARGET_MARGIN, TARGET_COVERAGE = 0.90, 0.15, 1.0
_TOKEN = re.compile(r"[^\W\d_]+")


# --- metrics (pure functions, tested in tests/test_eval_metrics.py) -----------------------


def tokenize(text: str) -> list[str]:
    """Lower-cased words split on anything that is not a letter; no stemming, no accent folding."""
    return _TOKEN.findall(text.lower())


def bm25_scores(
    docs: dict[str, list[str]], query: list[str], k1: float = 1.5, b: float = 0.75
) -> dict[str, float]:
    """Okapi BM25 score of every document (id → tokens) for ``query`` (tokens, each term once).

    idf(t) = ln(1 + (N - n_t + 0.5) / (n_t + 0.5)), the non-negative form used by Lucene.
    """
    n_docs = len(docs)
    if not n_docs:
        return {}
    avgdl = sum(len(toks) for toks in docs.values()) / n_docs or 1.0
    df = Counter(t for toks in docs.values() for t in set(toks))
    terms = list(dict.fromkeys(query))
    idf = {t: math.log(1 + (n_docs - df[t] + 0.5) / (df[t] + 0.5)) for t in terms}
    scores = {}
    for doc_id, toks in docs.items():
        tf = Counter(toks)
        norm = k1 * (1 - b + b * len(toks) / avgdl)
        scores[doc_id] = sum(idf[t] * tf[t] * (k1 + 1) / (tf[t] + norm) for t in terms if tf[t])
    return scores


def dcg(gains: list[float], k: int = K) -> float:
    """Discounted cumulative gain of the first ``k`` gains: sum of g_i / log2(i + 1), i from 1."""
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))


def ndcg(ranked_gains: list[float], all_gains: list[float], k: int = K) -> float:
    """nDCG@k of a ranking, the ideal being ``all_gains`` sorted; 1.0 when nothing is relevant."""
    ideal = dcg(sorted(all_gains, reverse=True), k)
    return dcg(ranked_gains, k) / ideal if ideal > 0 else 1.0


def gain(met: set[str], weights: dict[str, float]) -> float:
    """Weighted share of the criteria (id → weight) that are in ``met``."""
    total = sum(weights.values())
    return sum(w for c, w in weights.items() if c in met) / total if total else 0.0


def coverage(
    selected: list[str], truth: dict[str, set[str]], eligible: set[str]
) -> tuple[float, list[str], list[str]]:
    """(share, coverable, uncovered): how the selection covers criteria (id → ids meeting it).

    Only eligible references count, in the selection and for what is coverable; with nothing
    coverable the share is 1.0.
    """
    chosen = set(selected) & eligible
    coverable = [c for c, refs in truth.items() if refs & eligible]
    uncovered = [c for c in coverable if not truth[c] & chosen]
    share = (len(coverable) - len(uncovered)) / len(coverable) if coverable else 1.0
    return share, coverable, uncovered


# --- eligibility and loading ---------------------------------------------------------------


def is_eligible(ref: Any, tender: Any, deadline_year: int) -> bool:
    """The tender's rules on age, client type and fee (see the module docstring)."""
    if tender.max_age_years is not None:
        last = ref.end_year if ref.end_year is not None else deadline_year
        if last < deadline_year - tender.max_age_years:
            return False
    if tender.client_types and ref.client_type not in tender.client_types:
        return False
    return tender.min_fee_eur is None or (
        ref.fee_eur is not None and ref.fee_eur >= tender.min_fee_eur
    )


class InputError(Exception):
    """The evaluation set is unusable (unknown ids, missing labels)."""


def load_judgements(
    paths: Path | list[Path], tenders: dict[str, Any], ref_ids: set[str]
) -> dict[str, dict[str, set[str]]]:
    """``tender → criterion → ids that truly meet it``, checked against tenders and library.

    Several files (one per labelling round) are merged: the ids of a criterion are the union
    of every file's; a file that labels a tender labels all of its criteria.
    """
    import yaml

    paths = [paths] if isinstance(paths, Path) else list(paths)
    out: dict[str, dict[str, set[str]]] = {}
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for stem, labels in (data.get("criteria") or {}).items():
            if stem not in tenders:
                continue
            wanted = {c.id for c in tenders[stem].criteria}
            if not isinstance(labels, dict) or set(labels) != wanted:
                judged = sorted(labels) if isinstance(labels, dict) else labels
                raise InputError(
                    f"{path}: tender '{stem}' judges {judged}, criteria are {sorted(wanted)}"
                )
            for cid, refs in labels.items():
                unknown = set(refs or []) - ref_ids
                if unknown:
                    raise InputError(
                        f"{path}: {stem}/{cid}: unknown reference ids {sorted(unknown)}"
                    )
                out.setdefault(stem, {}).setdefault(cid, set()).update(refs or [])
    for stem in tenders:
        if stem not in out:
            raise InputError(f"{', '.join(map(str, paths))}: no judgements for tender '{stem}'")
    return out


def batch_ids(paths: list[Path], name: str) -> set[str]:
    """The reference ids listed under ``name`` (a labelling round, e.g. ``batch4``)."""
    import yaml

    found: set[str] = set()
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found.update(data.get(name) or [])
    if not found:
        raise InputError(f"no reference ids listed under '{name}' in the judgements")
    return found


# --- the evaluation ------------------------------------------------------------------------


@dataclass
class TenderReport:
    """Figures for one tender."""

    tender: str
    eligible: int
    ndcg_tenderkit: float
    ndcg_bm25: float
    coverage_tenderkit: float
    coverage_bm25: float
    coverable: list[str]
    uncovered: list[str]
    selected: list[str]
    top5_tenderkit: list[str]
    top5_bm25: list[str]
    eligibility_mismatches: list[str] = field(default_factory=list)


def evaluate_tender(
    stem: str, tender: Any, library: Any, truth: dict[str, set[str]], match_tender: Any
) -> TenderReport:
    """Rank the library for one tender with tenderkit and with BM25, and score both."""
    from tenderkit.filters import reference_text

    year = tender.deadline_year or _this_year()
    refs = library.references
    eligible = {r.id for r in refs if is_eligible(r, tender, year)}
    weights = {c.id: c.weight for c in tender.criteria}
    gains = {
        r.id: gain({c for c, ids in truth.items() if r.id in ids}, weights)
        if r.id in eligible
        else 0.0
        for r in refs
    }
    ideal = [gains[i] for i in eligible]

    result = match_tender(library, tender)
    tk_ranked = [m.reference.id for m in result.ranking if m.eligible]
    mismatches = sorted({m.reference.id for m in result.ranking if m.eligible} ^ eligible)

    query = tokenize(" ".join(part for c in tender.criteria for part in [c.label, *c.keywords]))
    scores = bm25_scores({r.id: tokenize(reference_text(r)) for r in refs}, query)
    bm_ranked = sorted(eligible, key=lambda i: (-scores[i], i))

    cov_tk, coverable, uncovered = coverage(list(result.selected), truth, eligible)
    cov_bm, _, _ = coverage(bm_ranked[: tender.reference_count], truth, eligible)
    return TenderReport(
        tender=stem,
        eligible=len(eligible),
        ndcg_tenderkit=ndcg([gains.get(i, 0.0) for i in tk_ranked], ideal),
        ndcg_bm25=ndcg([gains[i] for i in bm_ranked], ideal),
        coverage_tenderkit=cov_tk,
        coverage_bm25=cov_bm,
        coverable=coverable,
        uncovered=uncovered,
        selected=list(result.selected),
        top5_tenderkit=tk_ranked[:K],
        top5_bm25=bm_ranked[:K],
        eligibility_mismatches=mismatches,
    )


def _this_year() -> int:
    import datetime as dt

    return dt.date.today().year


def averages(reports: list[TenderReport]) -> dict[str, float]:
    """Mean of each figure over the tenders."""
    keys = ("ndcg_tenderkit", "ndcg_bm25", "coverage_tenderkit", "coverage_bm25")
    n = len(reports) or 1
    return {k: sum(getattr(r, k) for r in reports) / n for k in keys}


def targets(avg: dict[str, float], reports: list[TenderReport]) -> dict[str, bool]:
    """Whether the issue's targets are met (reported, never enforced)."""
    return {
        f"ndcg_tenderkit >= {TARGET_NDCG}": avg["ndcg_tenderkit"] >= TARGET_NDCG,
        f"ndcg_tenderkit - ndcg_bm25 >= {TARGET_MARGIN}": avg["ndcg_tenderkit"] - avg["ndcg_bm25"]
        >= TARGET_MARGIN - 1e-9,
        "coverage 100% on every tender": all(
            r.coverage_tenderkit >= TARGET_COVERAGE for r in reports
        ),
    }


def render_table(reports: list[TenderReport], avg: dict[str, float], met: dict[str, bool]) -> str:
    """The report as a Markdown table, ready to paste into the README."""
    lines = [
        "| Tender | Eligible | nDCG@5 tenderkit | nDCG@5 BM25 | Coverage tenderkit "
        "| Coverage BM25 (top N) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in reports:
        lines.append(
            f"| {r.tender} | {r.eligible} | {r.ndcg_tenderkit:.3f} | {r.ndcg_bm25:.3f} | "
            f"{r.coverage_tenderkit:.0%} | {r.coverage_bm25:.0%} |"
        )
    lines.append(
        f"| **Average** | | **{avg['ndcg_tenderkit']:.3f}** | **{avg['ndcg_bm25']:.3f}** | "
        f"**{avg['coverage_tenderkit']:.0%}** | **{avg['coverage_bm25']:.0%}** |"
    )
    lines.append("")
    for r in reports:
        if r.uncovered:
            lines.append(
                f"{r.tender}: the selection leaves uncovered: {', '.join(r.uncovered)}"
            )
        if r.eligibility_mismatches:
            lines.append(
                f"{r.tender}: tenderkit and this script disagree on eligibility of: "
                f"{', '.join(r.eligibility_mismatches)}"
            )
    lines.append(f"Margin over BM25: {avg['ndcg_tenderkit'] - avg['ndcg_bm25']:+.3f}")
    lines += [f"Target {name}: {'met' if ok else 'NOT met'}" for name, ok in met.items()]
    return "\n".join(lines)


def run(
    library_dir: Path,
    tenders_dir: Path,
    judgements: Path | list[Path],
    batch: str | None = None,
    only: list[str] | None = None,
) -> tuple[list[TenderReport], dict[str, float]]:
    """Evaluate every tender of ``tenders_dir`` (or those whose file stem starts with one of
    ``only``), on the whole library or on the references of one labelling round."""
    try:
        from tenderkit.matching import match_tender
    except ImportError as err:
        raise InputError(
            f"cannot import tenderkit.matching.match_tender ({err}); "
            "the matcher is needed to evaluate it"
        ) from err
    from tenderkit.library import load_library
    from tenderkit.tender import load_tender

    library = load_library(library_dir, use_index=False)
    paths = sorted(tenders_dir.glob("*.yaml"))
    if only:
        paths = [p for p in paths if any(p.stem.startswith(o) for o in only)]
    if not paths:
        raise InputError(f"{tenders_dir}: no tender files")
    tenders = {p.stem: load_tender(p) for p in paths}
    files = [judgements] if isinstance(judgements, Path) else judgements
    truth = load_judgements(files, tenders, {r.id for r in library.references})
    if batch:
        keep = batch_ids(files, batch)
        library = dataclasses.replace(
            library, references=[r for r in library.references if r.id in keep]
        )
    reports = [
        evaluate_tender(stem, t, library, truth[stem], match_tender) for stem, t in tenders.items()
    ]
    return reports, averages(reports)


def main(argv: list[str] | None = None) -> int:
    """Command line entry; prints the report and returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--library", type=Path, default=EVAL_DIR / "library")
    parser.add_argument("--tenders", type=Path, default=EVAL_DIR / "tenders")
    parser.add_argument(
        "--judgements",
        type=Path,
        action="append",
        help="labels file (repeatable; default: every judgements*.yaml of benchmarks/eval/)",
    )
    parser.add_argument(
        "--batch", help="rank only the references listed under this key (e.g. batch4)"
    )
    parser.add_argument(
        "--only", action="append", help="evaluate only the tenders whose name starts so"
    )
    args = parser.parse_args(argv)
    if not args.judgements:
        args.judgements = sorted(EVAL_DIR.glob("judgements*.yaml"))
    from tenderkit.exceptions import TenderkitError

    try:
        reports, avg = run(args.library, args.tenders, args.judgements, args.batch, args.only)
    except (InputError, TenderkitError, OSError) as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    met = targets(avg, reports)
    if args.json:
        print(
            json.dumps(
                {
                    "tenders": [vars(r) for r in reports],
                    "average": avg,
                    "bm25_margin": avg["ndcg_tenderkit"] - avg["ndcg_bm25"],
                    "targets": met,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(render_table(reports, avg, met))
    return 0


if __name__ == "__main__":
    sys.exit(main())
