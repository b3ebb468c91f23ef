"""Score references against a tender's criteria, with evidence, and select the set to submit.

Each reference is cut into *segments* (title, type, components, programme, each content
bullet, each sentence of the stakes, actors; :mod:`tenderkit.segments`) reduced to French
stems. A criterion becomes *groups* of phrases — one group per keyword or component, holding
every spelling the vocabulary knows for it — and a group matches a segment where one of its
phrases appears as consecutive stems (word forms, accents and small typos forgiven). Where it
matches (which field) sets the strength; how many groups match, and how often, the
confidence. Every match keeps the segment it was found in, quoted as evidence.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tenderkit.evidence import FIELD_WEIGHTS, EvidenceContext, LazyScore
from tenderkit.exceptions import UnknownReferenceError
from tenderkit.groups import Equivalents, Group, criterion_groups, fts_query
from tenderkit.library import Library
from tenderkit.models import Criterion, CriterionScore, Match, MatchResult, Reference, Tender
from tenderkit.text import fold
from tenderkit.vocabulary import Vocabulary

#: What a criterion score keeps when only its context terms (NPRU, QPV…) are found.
CONTEXT_ONLY = 0.5


def _component_masks(
    references: Sequence[Reference], all_groups: list[list[Group]], vocabulary: Vocabulary
) -> list[dict[int, tuple[int, int]]]:
    """Per criterion: position -> (mask of its component groups listed, how many listed).

    One pass over the library's components for all criteria.
    """
    wanted: dict[str, list[tuple[int, int]]] = {}
    for ci, groups in enumerate(all_groups):
        for i, g in enumerate(groups):
            if g.component:
                wanted.setdefault(g.component, []).append((ci, 1 << i))
    out: list[dict[int, tuple[int, int]]] = [{} for _ in all_groups]
    if not wanted:
        return out
    canonical = vocabulary.components.canonical
    written: set[str] = set()
    for ref in references:
        written.update(ref.components)
    hits_of = {  # component as written -> its (criterion, bit) pairs, for the wanted ones
        component: hits
        for component in written
        if (hits := tuple(wanted.get(canonical(component) or "", ())))
    }
    keys = hits_of.keys()
    for pos, ref in enumerate(references):
        if keys.isdisjoint(ref.components):
            continue
        for component in ref.components:
            for ci, bit in hits_of.get(component, ()):
                prev = out[ci].get(pos)
                out[ci][pos] = (bit, 1) if prev is None else (prev[0] | bit, prev[1] + 1)
    return out


def _drop_contradicted(
    components: dict[int, tuple[int, int]],
    groups: list[Group],
    search,  # noqa: ANN001
    equivalents: Equivalents,
) -> None:
    """Forget listed components whose name the text gives only in mentions."""
    for i, group in enumerate(groups):
        query = fts_query([group.probe], equivalents) if group.probe else None
        if not query:
            continue
        for pos in search.only_in_mentions(query):
            listed = components.get(pos)
            if listed is None or not listed[0] >> i & 1:
                continue
            bits, count = listed[0] & ~(1 << i), listed[1] - 1
            if bits:
                components[pos] = (bits, count)
            else:
                del components[pos]


@lru_cache(maxsize=4096)
def _remap(mask: int, group_of: tuple[int, ...]) -> int:
    """Mask over the non-empty queries -> mask over all the criterion's groups."""
    out = 0
    for j, i in enumerate(group_of):
        if mask >> j & 1:
            out |= 1 << i
    return out


def score_references(
    references: Sequence[Reference],
    search,
    tender: Tender,
    vocabulary: Vocabulary,  # noqa: ANN001
    current_year: int,
) -> list[Match]:
    """A :class:`Match` per reference (eligibility, criterion scores, evidence, overall score).

    A component group is met by a listed component that *is* it (any variant); its words
    found in other fields count as text. Other groups are met by their phrases anywhere.
    """
    all_groups = {c.id: criterion_groups(c, vocabulary) for c in tender.criteria}
    surfaces = {k: v for gs in all_groups.values() for g in gs for k, v in g.surfaces.items()}
    equivalents = Equivalents(search.terms_starting_with, surfaces, search.remembered_equivalents())
    context = EvidenceContext(vocabulary, equivalents)
    values: list[dict[int, float]] = [{} for _ in tender.criteria]  # per criterion: pos -> score
    overall = [0.0] * len(references)
    listed = _component_masks(references, [all_groups[c.id] for c in tender.criteria], vocabulary)
    studies = _studies(references)
    for ci, criterion in enumerate(tender.criteria):
        groups = all_groups[criterion.id]
        queries = [
            (fts_query(g.phrases, context.equivalents, g.excluded) or "", bool(g.component))
            for g in groups
        ]
        # summarize() numbers the non-empty queries; map its masks back to group numbers
        group_of = tuple(i for i, q in enumerate(queries) if q[0])
        found = {
            pos: (best, _remap(mask, group_of), hits)
            for pos, best, mask, hits in search.summarize(
                [q for q in queries if q[0]], FIELD_WEIGHTS
            )
        }
        components = listed[ci]
        if components:
            _drop_contradicted(components, groups, search, context.equivalents)
        n_groups, weight = len(groups), criterion.weight
        # a criterion asking for work in a context (direction de projet *of an NPRU*) is not
        # met by the context alone
        work = sum(1 << i for i, g in enumerate(groups) if not g.context)
        mixed = work != (1 << n_groups) - 1 and work != 0
        # a study of the work proves it less than doing it (unless that kind of study is asked)
        asked = _asked_studies(criterion)
        studied = {pos for pos, kind in studies.items() if kind not in asked}
        nothing = (0, 0)
        for pos in found.keys() | components.keys():
            best, mask, hits = found.get(pos) or (0.0, 0, 0)
            comp_mask, comp_count = components.get(pos, nothing)
            if comp_mask:
                best = 1.0
            mask |= comp_mask
            matched = mask.bit_count()
            extra = hits + comp_count - matched
            # strongest field x share of the groups found, plus a little per repeated hit
            value = best * (0.7 + 0.3 * matched / n_groups) + 0.04 * (3 if extra > 3 else extra)
            if mixed and not mask & work:
                value *= CONTEXT_ONLY
            value = round(value if value < 1.0 else 1.0, 3)
            if pos in studied:
                value = round(value * STUDY_OF, 3)
            values[ci][pos] = value
            overall[pos] += weight * value
    if equivalents.learned:
        search.remember_equivalents(equivalents.learned)
    total_weight = sum(c.weight for c in tender.criteria)
    scoring = _Scoring(
        [c.id for c in tender.criteria],
        [all_groups[c.id] for c in tender.criteria],
        values,
        context,
    )
    matches: list[Match] = []
    for pos, ref in enumerate(references):
        reason = eligibility(ref, tender, current_year)
        score = round(100 * overall[pos] / total_weight, 1)
        matches.append(_LazyMatch(ref, score, reason is None, reason, pos, scoring))
    return matches


#: What a study *of* a kind of work keeps of its score for a criterion asking for the work.
STUDY_OF = 0.75
# Titles that say the mission studied or presented something, by kind of study:
# "Évaluation du dispositif de médiation", "Enquête auprès des ménages relogés", "Guide de la
# GUSP", "Rencontres…" (an "enquête sociale" is the first step of rehousing, not a study).
_STUDY_WORDS = {
    "evaluation": r"[ée]valuation|enqu[êe]te(?!s?\s+sociales?)|audit|capitalisation|bilan"
    r"|observatoire",
    "analysis": r"analyse|[ée]tude|diagnostic",
    "document": r"guide|cahier des charges",
    "event": r"rencontres|colloque|s[ée]minaire|conf[ée]rence|forum|exposition"
    r"|journ[ée]e d'[ée]tude",
}
_STUDY_TITLE = re.compile(
    r"[\s«\"']*(?:"
    + "|".join(f"(?P<{kind}>{words})" for kind, words in _STUDY_WORDS.items())
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# How a criterion asks for a kind of study itself (on folded text): one asking for an
# evaluation is met in full by an evaluation, an audit or a survey, not by a guide; one asking
# for "enquêtes sociales" (a step of rehousing) asks for no study.
_ASKED = {
    kind: re.compile(pattern)
    for kind, pattern in {
        "analysis": r"etude|diagnostic|analyse|programmation|schema|plan.guide|strategie"
        r"|faisabilite",
        "evaluation": r"evaluation|bilan|audit|capitalisation|observatoire|enquete(?!s? social)",
        "document": r"(?<!plan.)guide|cahier des charges",
        "event": r"colloque|rencontres|seminaire|conference|forum|exposition|journee d.etude",
    }.items()
}
# A mission type that goes on to name its object ("Etude de revitalisation") names the work.
_OBJECT = re.compile(r"\b(?:de|du|des)(?![^\W\d_])|\bd['’]", re.IGNORECASE)


def is_study(title: str) -> bool:
    """Whether a mission's title says it studied something rather than did it."""
    return _STUDY_TITLE.match(title) is not None


def _asked_studies(criterion: Criterion) -> frozenset[str]:
    """The kinds of study a criterion asks for itself (a study of that kind meets it in full)."""
    asked = fold(" ".join([criterion.label, *criterion.keywords, *criterion.components]))
    return frozenset(kind for kind, pattern in _ASKED.items() if pattern.search(asked))


def _study_type(mission_type: str) -> re.Match[str] | None:
    """The study a mission type names, when it names no object ("Etude", "Audit et
    évaluation", "Etude comparative"; not "Etude de revitalisation", whose object is the work)."""
    m = _STUDY_TITLE.match(mission_type)
    if m is None or _OBJECT.search(mission_type, m.end()):
        return None
    return m


def _studies(references: Sequence[Reference]) -> dict[int, str]:
    """Position -> kind of study, for the missions whose title (or bare mission type) says
    they studied something."""
    match = _STUDY_TITLE.match
    found = (
        (pos, match(ref.title) or _study_type(ref.mission_type or ""))
        for pos, ref in enumerate(references)
    )
    return {pos: str(m.lastgroup) for pos, m in found if m}


@dataclass
class _Scoring:
    """Criterion scores of a whole library, kept flat until a match's detail is read."""

    ids: list[str]
    groups: list[list[Group]]
    values: list[dict[int, float]]  # per criterion: position -> score (absent = 0)
    context: EvidenceContext


class _LazyMatch(Match):
    """A :class:`Match` whose criterion scores become objects only when someone reads them.

    Ranking and selecting ten thousand references needs their overall scores and a few
    hundred criterion scores, not forty thousand objects.
    """

    def __init__(
        self,
        reference: Reference,
        score: float,
        eligible: bool,
        reason: str | None,
        pos: int,
        scoring: _Scoring,
    ) -> None:
        self.reference, self.score, self.eligible, self.reason = reference, score, eligible, reason
        self._pos, self._scoring = pos, scoring
        self._criteria: list[CriterionScore] | None = None

    def criterion_value(self, index: int) -> float:
        """Score of the ``index``-th criterion, without building its evidence."""
        return self._scoring.values[index].get(self._pos, 0.0)

    @property  # type: ignore[override]
    def criteria(self) -> list[CriterionScore]:
        if self._criteria is None:
            sc, pos = self._scoring, self._pos
            self._criteria = [
                LazyScore(cid, sc.values[ci][pos], self.reference, sc.groups[ci], sc.context)
                if pos in sc.values[ci]
                else CriterionScore(cid, 0.0, [])
                for ci, cid in enumerate(sc.ids)
            ]
        return self._criteria

    @criteria.setter
    def criteria(self, value: list[CriterionScore]) -> None:
        self._criteria = value


def eligibility(ref: Reference, tender: Tender, current_year: int) -> str | None:
    """Why ``ref`` cannot be put in this tender's file (French), or None when it can."""
    year = tender.deadline_year or current_year
    if tender.max_age_years is not None and ref.end_year is not None:
        if year - ref.end_year > tender.max_age_years:
            return f"achevée en {ref.end_year}, plus de {tender.max_age_years} ans avant {year}"
    if tender.client_types:
        if ref.client_type is None:
            return "maître d'ouvrage public/privé non renseigné (client_type)"
        if ref.client_type not in tender.client_types:
            label = {"public": "public", "private": "privé"}
            return (
                f"maître d'ouvrage {label[ref.client_type]} (demandé : "
                + ", ".join(label[c] for c in tender.client_types)
                + ")"
            )
    if tender.min_fee_eur is not None:
        if ref.fee_eur is None:
            return "montant non renseigné (fee_eur)"
        if ref.fee_eur < tender.min_fee_eur:
            return f"montant {_eur(ref.fee_eur)} inférieur au minimum de {_eur(tender.min_fee_eur)}"
    return None


def _eur(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u202f") + " €"


def match_tender(
    library: Library,
    tender: Tender,
    *,
    pick: Sequence[str] = (),
    exclude: Sequence[str] = (),
    current_year: int | None = None,
) -> MatchResult:
    """Score every reference of ``library`` against ``tender`` and select the set to submit.

    ``pick`` forces references in (in the order given), ``exclude`` keeps them out.
    """
    year = current_year or _dt.date.today().year
    known = {r.id for r in library.references}
    for ref_id in [*pick, *exclude]:
        if ref_id not in known:
            raise UnknownReferenceError(f"no reference '{ref_id}' in {library.path}")
    from tenderkit.search import open_search

    search = open_search(library.references, library.index_file)
    try:
        matches = score_references(library.references, search, tender, library.vocabulary, year)
    finally:
        search.close()
    for m in matches:
        if m.reference.id in exclude:
            m.eligible, m.reason = False, "exclue à la demande (--exclude)"
    from tenderkit.selection import rank, select

    ranking = rank(matches, year)
    selected, uncovered = select(ranking, tender, year, pick)
    return MatchResult(tender, ranking, selected, uncovered)
