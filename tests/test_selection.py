"""Ranking order: eligible first by score, then recency, then id; the ineligible last."""

from __future__ import annotations

from tenderkit.library import reference_from_dict
from tenderkit.models import CriterionScore, Match
from tenderkit.selection import rank
from tests.helpers import reference_data


def match(ref_id: str, score: float, eligible: bool = True, end: int | None = 2023) -> Match:
    ref = reference_from_dict(reference_data(ref_id, start_year=2020, end_year=end))
    return Match(ref, score, eligible, None if eligible else "non", [CriterionScore("c", 0.5, [])])


def test_rank_order() -> None:
    ranked = rank(
        [
            match("old", 50, end=2021),
            match("x", 10, eligible=False),
            match("new", 50, end=None),
            match("top", 90),
            match("b", 50, end=2021),
        ],
        2026,
    )
    assert [m.reference.id for m in ranked] == ["top", "new", "b", "old", "x"]
