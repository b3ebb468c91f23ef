"""Rank scored references and choose the set to submit (weighted coverage, then score)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from tenderkit.filters import client_key
from tenderkit.models import Match, Reference, Tender


def _recency(ref: Reference, year: int) -> int:
    return ref.last_year(year + 1)


def rank(matches: list[Match], year: int) -> list[Match]:
    """Eligible references first by descending score (then recency, id), then the others."""
    return sorted(
        matches,
        key=lambda m: (not m.eligible, -m.score, -_recency(m.reference, year), m.reference.id),
    )


def select(
    ranking: list[Match],
    tender: Tender,
    year: int,
    pick: Sequence[str] = (),
) -> tuple[list[str], list[str]]:
    """Choose ``tender.reference_count`` references covering every coverable criterion.

    Greedy weighted set cover: each step takes the reference that covers the most weight of
    criteria not covered yet; among those, the one that meets them most strongly (scores to
    the tenth: a criterion met at 1.0 by one reference and at 0.55 by another is covered by
    the first); remaining ties (and, once all is covered, every step) go to the best overall
    score, less a penalty for a client already chosen and for age.
    Returns (selected ids, criterion ids the selection does not cover).
    """
    weights = {c.id: c.weight for c in tender.criteria}
    by_id = {m.reference.id: m for m in ranking}
    chosen: list[Match] = [by_id[i] for i in pick]
    pool = _candidates(ranking, tender, set(pick))
    covers = {id(m): {c.id: c.score for c in m.criteria if c.covered} for m in [*chosen, *pool]}
    keys = {id(m): client_key(m.reference.client) for m in [*chosen, *pool]}
    covered: set[str] = set().union(*(covers[id(m)] for m in chosen))
    clients = {keys[id(m)] for m in chosen}

    def value(m: Match) -> tuple[float, float, float]:  # reads `covered` and `clients`
        fresh = [(weights[c], s) for c, s in covers[id(m)].items() if c not in covered]
        age = max(0, year - _recency(m.reference, year))
        return (
            sum(w for w, _s in fresh),
            sum(w * round(s, 1) for w, s in fresh),
            m.score - 15 * (keys[id(m)] in clients) - min(age, 10),
        )

    while len(chosen) < tender.reference_count and pool:
        best = max(pool, key=value)
        chosen.append(best)
        pool.remove(best)
        covered.update(covers[id(best)])
        clients.add(keys[id(best)])
    uncovered = [c.id for c in tender.criteria if c.id not in covered]
    return [m.reference.id for m in chosen], uncovered


def _candidates(ranking: list[Match], tender: Tender, picked: set[str]) -> list[Match]:
    """Eligible references worth considering: the best overall, and the best per criterion."""
    eligible = [m for m in ranking if m.eligible and m.score > 0 and m.reference.id not in picked]
    keep = {id(m) for m in eligible[:200]}
    for ci in range(len(tender.criteria)):  # criteria are scored in the tender's order
        best = heapq.nlargest(50, eligible, key=lambda m, ci=ci: m.criterion_value(ci))  # type: ignore[misc]
        keep.update(id(m) for m in best)
    return [m for m in eligible if id(m) in keep]
