"""benchmarks/eval_matching.py: metrics on hand-computed cases; the eval set's consistency."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO / "benchmarks" / "eval"


def _load_script():  # noqa: ANN202 - a module object
    spec = importlib.util.spec_from_file_location(
        "eval_matching", REPO / "benchmarks" / "eval_matching.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_matching"] = (
        module  # dataclasses look their module up while the class is built
    )
    spec.loader.exec_module(module)
    return module


em = _load_script()


def test_tokenize_lowercases_and_splits_on_non_letters_without_folding() -> None:
    assert em.tokenize("L'ANRU, co-construction; Études 2024") == [
        "l",
        "anru",
        "co",
        "construction",
        "études",
    ]


def test_dcg_by_hand() -> None:
    # 1/log2(2) + 0.5/log2(3)
    assert em.dcg([1.0, 0.5]) == pytest.approx(1 + 0.5 / math.log2(3))


@pytest.mark.parametrize(
    ("ranked", "pool", "expected"),
    [
        ([1.0, 0.5, 0.0], [0.0, 0.5, 1.0], 1.0),  # perfect order
        ([0.0, 1.0], [1.0, 0.0], 1 / math.log2(3)),  # the one relevant item second
        ([0.0] * 5 + [1.0], [1.0], 0.0),  # relevant item beyond the cut-off of 5
        ([0.5, 1.0], [1.0, 0.5], (0.5 + 1 / math.log2(3)) / (1 + 0.5 / math.log2(3))),
        ([0.0, 0.0], [0.0, 0.0], 1.0),  # nothing relevant: every ranking is ideal
    ],
)
def test_ndcg_at_5(ranked: list[float], pool: list[float], expected: float) -> None:
    assert em.ndcg(ranked, pool) == pytest.approx(expected)


def test_bm25_by_hand() -> None:
    docs = {"a": ["x", "y"], "b": ["y", "y", "z", "w"]}  # N = 2, avgdl = 3
    # "x" in a only: idf = ln(1 + 1.5/1.5) = ln 2; a: tf 1, |a| = 2, norm 1.5 * 0.75 = 1.125
    scores = em.bm25_scores(docs, ["x"])
    assert scores["a"] == pytest.approx(math.log(2) * 2.5 / 2.125)
    assert scores["b"] == 0.0
    # "y" in both: idf = ln(1.2); b has tf 2 but is longer (norm 1.875)
    scores = em.bm25_scores(docs, ["y"])
    assert scores["a"] == pytest.approx(math.log(1.2) * 2.5 / 2.125)
    assert scores["b"] == pytest.approx(math.log(1.2) * 2 * 2.5 / 3.875)
    assert scores["b"] > scores["a"]


def test_bm25_counts_a_repeated_query_term_once() -> None:
    docs = {"a": ["x", "y"], "b": ["z"]}
    assert em.bm25_scores(docs, ["x", "x"]) == em.bm25_scores(docs, ["x"])


def test_gain_is_the_weighted_share_of_met_criteria() -> None:
    assert em.gain({"a"}, {"a": 3.0, "b": 1.0}) == pytest.approx(0.75)
    assert em.gain(set(), {"a": 3.0}) == 0.0


def test_coverage_counts_only_eligible_references() -> None:
    truth = {"c1": {"r1"}, "c2": {"r2"}, "c3": {"r3"}}
    share, coverable, uncovered = em.coverage(["r1", "r3"], truth, eligible={"r1", "r2"})
    assert coverable == ["c1", "c2"]  # c3 is met only by an ineligible reference
    assert uncovered == ["c2"]
    assert share == pytest.approx(0.5)


def _ref(**kw: object) -> SimpleNamespace:
    data = {"end_year": 2022, "client_type": "public", "fee_eur": 30000}
    data.update(kw)
    return SimpleNamespace(**data)


@pytest.mark.parametrize(
    ("ref", "rules", "expected"),
    [
        (_ref(end_year=2020), {"max_age_years": 6}, True),  # ended exactly 6 years before 2026
        (_ref(end_year=2019), {"max_age_years": 6}, False),
        (_ref(end_year=None), {"max_age_years": 1}, True),  # ongoing
        (_ref(client_type="private"), {"client_types": ["public"]}, False),
        (_ref(client_type=None), {"client_types": ["public"]}, False),
        (_ref(fee_eur=19999), {"min_fee_eur": 20000}, False),
        (_ref(fee_eur=None), {"min_fee_eur": 1}, False),
        (_ref(fee_eur=None, client_type=None, end_year=1990), {}, True),  # no rule set
    ],
)
def test_eligibility_rules(ref: SimpleNamespace, rules: dict, expected: bool) -> None:
    tender = SimpleNamespace(
        **{"max_age_years": None, "client_types": [], "min_fee_eur": None, **rules}
    )
    assert em.is_eligible(ref, tender, 2026) is expected


def test_the_evaluation_set_is_consistent() -> None:
    from tenderkit.checks import check_library
    from tenderkit.library import load_library
    from tenderkit.tender import load_tender

    report = check_library(EVAL_DIR / "library")
    assert report.errors == []
    assert report.checked >= 69
    tenders = {p.stem: load_tender(p) for p in sorted((EVAL_DIR / "tenders").glob("*.yaml"))}
    assert len(tenders) >= 10
    library = load_library(EVAL_DIR / "library", use_index=False)
    files = sorted(EVAL_DIR.glob("judgements*.yaml"))
    truth = em.load_judgements(files, tenders, {r.id for r in library.references})
    labelled = {i for stem in truth for ids in truth[stem].values() for i in ids}
    assert labelled <= {r.id for r in library.references}
    assert em.batch_ids(files, "batch4") <= {r.id for r in library.references}
    for stem, tender in tenders.items():  # every criterion is coverable: coverage has a meaning
        eligible = {
            r.id for r in library.references if em.is_eligible(r, tender, tender.deadline_year)
        }
        assert all(truth[stem][c.id] & eligible for c in tender.criteria), stem


def test_judgements_with_an_unknown_reference_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "judgements.yaml"
    path.write_text("criteria:\n  t:\n    c: [ghost]\n", encoding="utf-8")
    tender = SimpleNamespace(criteria=[SimpleNamespace(id="c")])
    with pytest.raises(em.InputError, match="ghost"):
        em.load_judgements(path, {"t": tender}, {"real"})


def test_judgements_must_label_every_criterion(tmp_path: Path) -> None:
    path = tmp_path / "judgements.yaml"
    path.write_text("criteria:\n  t:\n    c: [real]\n", encoding="utf-8")
    tender = SimpleNamespace(criteria=[SimpleNamespace(id="c"), SimpleNamespace(id="d")])
    with pytest.raises(em.InputError, match="criteria are"):
        em.load_judgements(path, {"t": tender}, {"real"})


def test_labels_of_several_rounds_are_merged(tmp_path: Path) -> None:
    one, two = tmp_path / "judgements.yaml", tmp_path / "judgements-round2.yaml"
    one.write_text("criteria:\n  t:\n    c: [a]\n    d: []\n", encoding="utf-8")
    two.write_text("criteria:\n  t:\n    c: [b]\n    d: [b]\nround2: [b]\n", encoding="utf-8")
    tender = SimpleNamespace(criteria=[SimpleNamespace(id="c"), SimpleNamespace(id="d")])
    truth = em.load_judgements([one, two], {"t": tender}, {"a", "b"})
    assert truth == {"t": {"c": {"a", "b"}, "d": {"b"}}}
    assert em.batch_ids([one, two], "round2") == {"b"}
    with pytest.raises(em.InputError, match="no reference ids listed under 'round3'"):
        em.batch_ids([one, two], "round3")


def test_main_reports_unusable_input_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = em.main(["--tenders", str(tmp_path), "--library", str(EVAL_DIR / "library")])
    assert status == 2
    assert capsys.readouterr().err.startswith("Error: ")
