"""Full-text search over segments (tenderkit/search.py): how hits become per-reference rows."""

from __future__ import annotations

from tenderkit.evidence import FIELD_WEIGHTS
from tenderkit.search import SegmentSearch
from tenderkit.segments import FIELDS


def rowid(rid: int, field: str, rank: int = 0) -> int:
    """The index's rowid of a segment: reference, field and rank in one number."""
    return rid * 10_000 + FIELDS.index(field) * 1_000 + rank


class _Rows:
    """A stand-in database answering every query with the same segment rowids."""

    def __init__(self, rowids: list[int]) -> None:
        self.rowids = rowids

    def execute(self, _sql: str, _args: tuple) -> list[tuple[int]]:
        return [(r,) for r in self.rowids]


def test_hits_are_counted_per_reference_with_their_strongest_field() -> None:
    rows = [rowid(1, "title"), rowid(1, "content", 0), rowid(1, "mention"), rowid(2, "stakes")]
    search = SegmentSearch(_Rows(rows), {1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7})
    found = {pos: rest for pos, *rest in search.summarize([("q", False)], FIELD_WEIGHTS)}
    assert found[0] == [1.0, 1, 2]  # title; a mention lends no hit
    assert found[1] == [0.45, 1, 1]
    assert set(found) == {0, 1}


def test_a_reference_met_again_out_of_order_is_merged() -> None:
    rows = [rowid(1, "content", 0), rowid(2, "content"), rowid(1, "title"), rowid(1, "content", 1)]
    search = SegmentSearch(_Rows(rows), {1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7})
    found = {pos: rest for pos, *rest in search.summarize([("q", False)], FIELD_WEIGHTS)}
    assert found[0] == [1.0, 1, 3]


def test_the_components_field_is_skipped_when_asked() -> None:
    rows = [rowid(1, "components"), rowid(2, "components"), rowid(2, "content")]
    search = SegmentSearch(_Rows(rows), {1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7})
    found = {pos: rest for pos, *rest in search.summarize([("q", True)], FIELD_WEIGHTS)}
    assert found == {1: [0.85, 1, 1]}
