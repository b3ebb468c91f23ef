"""Full-text search over the French stems of a library's segments (SQLite FTS5).

The search runs on the on-disk index when the library was loaded through it, else on an
in-memory copy built by the same code, so results never depend on the index.
"""

from __future__ import annotations

import bisect
import json
import math
import sqlite3
from pathlib import Path

from tenderkit.index import (
    _FIELD_STRIDE,
    _SCHEMA,
    _SEG_STRIDE,
    MENTION_TOKEN,
    IndexedReference,
    _connect,
    _insert_segments,
)
from tenderkit.models import Reference
from tenderkit.parsing import profiles


class SegmentSearch:
    """Full-text search over the stems of every segment of a library's references."""

    def __init__(self, db: sqlite3.Connection, positions: dict[int, int]) -> None:
        self.db = db
        self.positions = positions  # reference rowid -> index in the library's list
        self._terms: list[str] | None = None

    def terms(self) -> list[str]:
        """Every stem that occurs in the library, sorted (kept in the index until it changes)."""
        if self._terms is None:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'terms'").fetchone()
            if row is not None:
                self._terms = row[0].split(" ") if row[0] else []
            else:
                self._terms = [
                    t for (t,) in self.db.execute("SELECT term FROM segs_vocab ORDER BY term")
                ]
                try:
                    with self.db:
                        self.db.execute(
                            "INSERT OR REPLACE INTO meta VALUES ('terms', ?)",
                            (" ".join(self._terms),),
                        )
                except sqlite3.Error:
                    pass  # a read-only index still answers
        return self._terms

    def remembered_equivalents(self) -> dict[str, list[str]]:
        """Word-form and typo equivalents computed by earlier runs on the same stems."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'equivalents'").fetchone()
        try:
            found = json.loads(row[0]) if row else {}
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def remember_equivalents(self, learned: dict[str, list[str]]) -> None:
        """Keep new equivalents for later runs (until the library's stems change)."""
        try:
            with self.db:
                known = self.remembered_equivalents()
                known.update(learned)
                self.db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('equivalents', ?)", (json.dumps(known),)
                )
        except sqlite3.Error:
            pass  # a read-only index still answers

    def terms_starting_with(self, prefix: str) -> list[str]:
        """The stems of the library that start with ``prefix``, sorted."""
        terms = self.terms()
        lo = bisect.bisect_left(terms, prefix)
        return terms[lo : bisect.bisect_left(terms, prefix + "\x7f")]

    def summarize(
        self, queries: list[tuple[str, bool]], weights: dict[str, float]
    ) -> list[tuple[int, float, int, int]]:
        """For each reference matching any query: (position, strength, mask, hits).

        ``queries`` are (FTS5 expression, skip components field) pairs, one per group. A
        query found in a reference has the weight of the strongest field it is found in,
        times its *specificity*: 1 when the query is found in at most a quarter of the
        library, down to 0.5 when it is found everywhere (a bounded inverse document
        frequency: "habitants" in a renewal consultancy's library proves little). The
        strength is the best of these; ``mask`` has bit *i* set when query *i* is found;
        ``hits`` counts matching segments. Each query's segments are read as bare rowids
        (they encode reference and field) and counted in one pass; no Python object is
        made per matching segment.
        """
        if not queries:
            return []
        from tenderkit.segments import FIELDS

        n_fields = _SEG_STRIDE // _FIELD_STRIDE
        field_weight = [0.0] * n_fields
        for name, w in weights.items():
            field_weight[FIELDS.index(name)] = w
        mention, components = FIELDS.index("mention"), FIELDS.index("components")
        total = max(len(self.positions), 1)
        strength: dict[int, float] = {}
        masks: dict[int, int] = {}
        counts: dict[int, int] = {}
        for i, (query, skip_components) in enumerate(queries):
            found = self._found(query, field_weight, mention, components if skip_components else -1)
            share = len(found) * 4.0 / total
            spread = 1.0 if share <= 1 else max(0.5, 1 - 0.5 * math.log(share) / math.log(4))
            bit = 1 << i
            for rid, (w, n) in found.items():
                w *= spread
                if w > strength.get(rid, -1.0):
                    strength[rid] = w
                # a mention (another party's work, not done) lends its weight but is not a
                # hit: it neither sets the query's bit nor counts as a repeat
                if n:
                    masks[rid] = masks.get(rid, 0) | bit
                    counts[rid] = counts.get(rid, 0) + n
        positions = self.positions
        return [
            (positions[rid], w, masks.get(rid, 0), counts.get(rid, 0))
            for rid, w in strength.items()
            if rid in positions
        ]

    def _found(
        self, query: str, field_weight: list[float], mention: int, skipped: int
    ) -> dict[int, tuple[float, int]]:
        """Reference row -> (weight of the strongest field, segments that are not mentions)
        for one query. FTS5 returns rows in rowid order, so one reference's segments come
        together; a reference met again later is merged all the same."""
        out: dict[int, tuple[float, int]] = {}
        seg, fld, n_fields = _SEG_STRIDE, _FIELD_STRIDE, _SEG_STRIDE // _FIELD_STRIDE
        current, best, n = -1, 0.0, 0
        for (rowid,) in self.db.execute("SELECT rowid FROM segs WHERE segs MATCH ?", (query,)):
            f = rowid // fld % n_fields
            if f == skipped:
                continue
            rid = rowid // seg
            if rid != current:
                if current >= 0:
                    out[current] = (best, n)
                current, best, n = rid, 0.0, 0
                earlier = out.get(rid)
                if earlier is not None:  # not in rowid order after all: go on from there
                    best, n = earlier
            w = field_weight[f]
            if w > best:
                best = w
            if f != mention:
                n += 1
        if current >= 0:
            out[current] = (best, n)
        return out

    def only_in_mentions(self, query: str) -> set[int]:
        """Positions of the references where ``query`` is found in mentions and in no other
        field but the components (mentions are rare: the second look is per reference)."""
        from tenderkit.segments import FIELDS

        field = f"(rowid / {_FIELD_STRIDE} % {_SEG_STRIDE // _FIELD_STRIDE})"
        mention, components = FIELDS.index("mention"), FIELDS.index("components")
        rids = [
            rid
            for (rid,) in self.db.execute(
                f"SELECT DISTINCT rowid / {_SEG_STRIDE} FROM segs WHERE segs MATCH ?",
                (f"({query}) AND {MENTION_TOKEN}",),
            )
        ]
        out = set()
        for rid in rids:
            if rid not in self.positions:
                continue
            elsewhere = self.db.execute(
                f"SELECT 1 FROM segs WHERE segs MATCH ? AND rowid >= ? AND rowid < ? "
                f"AND {field} NOT IN ({mention}, {components}) LIMIT 1",
                (query, rid * _SEG_STRIDE, (rid + 1) * _SEG_STRIDE),
            ).fetchone()
            if elsewhere is None:
                out.add(self.positions[rid])
        return out

    def close(self) -> None:
        """Release the database."""
        self.db.close()


def open_search(references: list[Reference], index_file: Path | None) -> SegmentSearch:
    """A :class:`SegmentSearch` over ``references``.

    When ``index_file`` holds exactly these references (the library was just loaded through
    it), missing segments are added there and reused by later runs; otherwise the search runs
    on an in-memory database built from the references themselves.
    """
    if index_file is not None:
        try:
            return _search_on_disk(references, index_file)
        except (sqlite3.Error, OSError, LookupError):
            pass
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    _fill_memory(db, references)
    return SegmentSearch(db, {i + 1: i for i in range(len(references))})


def _fill_memory(db: sqlite3.Connection, references: list[Reference]) -> None:
    with db:
        for i, (ref, prof) in enumerate(zip(references, profiles(references), strict=True)):
            db.execute(
                "INSERT INTO refs (rid, name, head, body) VALUES (?, ?, '', '')", (i + 1, ref.id)
            )
            _insert_segments(db, i + 1, prof)


def _search_on_disk(references: list[Reference], index_file: Path) -> SegmentSearch:
    db = _connect(index_file)
    if all(isinstance(r, IndexedReference) for r in references):
        # the references came from this index a moment ago and know their rows
        if db.execute("SELECT count(*) FROM refs").fetchone()[0] == len(references):
            positions = {r._rid: pos for pos, r in enumerate(references)}  # type: ignore[attr-defined]
            unsegmented = [rid for (rid,) in db.execute("SELECT rid FROM refs WHERE segmented = 0")]
            if all(rid in positions for rid in unsegmented):
                _add_segments(db, [(rid, references[positions[rid]]) for rid in unsegmented])
                return SegmentSearch(db, positions)
    rows = db.execute("SELECT rid, name, segmented FROM refs").fetchall()
    by_id = {name.rpartition(".")[0]: (rid, segmented) for rid, name, segmented in rows}
    if len(by_id) != len(references):
        db.close()
        raise LookupError("index does not hold these references")
    positions, missing = {}, []
    for pos, ref in enumerate(references):
        rid, segmented = by_id[ref.id]
        positions[rid] = pos
        if not segmented:
            missing.append((rid, ref))
    _add_segments(db, missing)
    return SegmentSearch(db, positions)


def _add_segments(db: sqlite3.Connection, missing: list[tuple[int, Reference]]) -> None:
    """Index the segments of references stored without them (loaded by ``list``, say)."""
    if not missing:
        return
    computed = profiles([ref for _rid, ref in missing])
    with db:
        for (rid, _ref), prof in zip(missing, computed, strict=True):
            db.execute(
                "DELETE FROM segs WHERE rowid >= ? AND rowid < ?",
                (rid * _SEG_STRIDE, (rid + 1) * _SEG_STRIDE),
            )
            _insert_segments(db, rid, prof)
