"""Score references against a tender's criteria, with evidence, and select the set to submit.

Data flow: each reference is cut into *segments* (title, type, components, programme, each
content bullet, each sentence of the stakes, actors), each reduced to French stems
(:mod:`tenderkit.text`). A criterion becomes *groups* of phrases — one group per keyword or
component, holding every spelling the vocabulary knows for it — and a group matches where one
of its phrases appears as consecutive stems. Where it matches (which field) sets the strength;
how many groups match sets the confidence. Every match keeps the phrase found, so the bid
manager can check it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tenderkit.exceptions import UnknownReferenceError
from tenderkit.filters import client_matches
from tenderkit.library import Library
from tenderkit.models import Criterion, CriterionScore, Match, MatchResult, Reference, Tender
from tenderkit.text import STOPWORDS, fold, stem
from tenderkit.vocabulary import Vocabulary

#: How much a phrase found in each field proves (a mention in the stakes is weaker than a
#: component or a content bullet).
FIELD_WEIGHTS = {
    "components": 1.0, "title": 1.0, "mission_type": 1.0, "programme": 0.9,
    "content": 0.85, "stakes": 0.45, "actors": 0.3,
}
COVERED = 0.5
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_RAW = re.compile(r"[^\W_]+")
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)

Phrase = tuple[str, ...]


def segments(ref: Reference) -> list[tuple[str, str]]:
    """The reference cut into (field, text) pieces that evidence can quote."""
    out = [("title", ref.title)]
    if ref.mission_type:
        out.append(("mission_type", ref.mission_type))
    out += [("components", c) for c in ref.components]
    if ref.programme:
        out.append(("programme", ref.programme))
    out += [("content", c) for c in ref.content]
    out += [("stakes", s) for s in _SENTENCE.split(ref.stakes) if s.strip()]
    out += [("actors", a) for a in ref.actors]
    return out


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each meaningful word of ``text``."""
    clean = _ELISION.sub(lambda m: " " * len(m.group()), text)
    out = []
    for m in _RAW.finditer(clean):
        word = m.group()
        if fold(word) in STOPWORDS:
            continue
        out.append((stem(word), m.start(), m.end()))
    return out


def profile(ref: Reference) -> list[str]:
    """Space-joined stems of every segment (cached in the index; JSON-serialisable)."""
    return [" ".join(t[0] for t in _tokens(text)) for _field, text in segments(ref)]


def _phrase(text: str) -> Phrase:
    return tuple(t[0] for t in _tokens(text))


@dataclass
class _Group:
    """One keyword or component of a criterion, with every spelling that means the same."""

    label: str
    phrases: list[Phrase]
    component: str | None  # canonical component name, when the group is one
    surfaces: dict[str, str] = field(default_factory=dict)  # stem -> a word it came from


def criterion_groups(criterion: Criterion, vocabulary: Vocabulary) -> list[_Group]:
    """The keyword/component groups of a criterion (the label's words when it has neither)."""
    terms = vocabulary.components
    groups: list[_Group] = []
    seen: set[str] = set()

    def add(text: str, as_component: bool) -> None:
        canonical = terms.canonical(text)
        key = f"c:{canonical}" if canonical else f"k:{' '.join(_phrase(text))}"
        if key in seen:
            return
        seen.add(key)
        spellings = terms.term(canonical).spellings if canonical else [text]  # type: ignore[union-attr]
        if canonical and not as_component and fold(text) not in map(fold, spellings[:1]):
            spellings = [text, *spellings]
        phrases = [p for p in dict.fromkeys(_phrase(s) for s in spellings) if p]
        if phrases:
            surfaces = {t[0]: fold(s[t[1]:t[2]]) for s in spellings for t in _tokens(s)}
            groups.append(_Group(text, phrases, canonical, surfaces))

    for component in criterion.components:
        add(component, True)
    for keyword in criterion.keywords:
        add(keyword, False)
    if not groups:
        for stem_, start, end in _tokens(criterion.label):
            groups.append(_Group(stem_, [(stem_,)], None, {stem_: fold(criterion.label[start:end])}))
    return groups


class _Equivalents:
    """Which stems of the library count as the same word as a query stem (forms, typos)."""

    def __init__(self, universe: Iterable[str], surfaces: dict[str, str] | None = None) -> None:
        self.universe = sorted(set(universe))
        self.surfaces = surfaces or {}  # the whole word behind a query stem, for typo checks
        self.cache: dict[str, frozenset[str]] = {}

    def __call__(self, token: str) -> frozenset[str]:
        found = self.cache.get(token)
        if found is None:
            found = frozenset(self._compute(token))
            self.cache[token] = found
        return found

    def _compute(self, token: str) -> set[str]:
        same = {token}
        if len(token) < 5 or token.isdigit():
            return same
        from rapidfuzz import fuzz, process

        for candidate in self.universe:
            if len(candidate) >= 5 and (candidate.startswith(token) or token.startswith(candidate)):
                if abs(len(candidate) - len(token)) <= 3:
                    same.add(candidate)
        # A typo defeats the stemmer ("concertaiton" stays whole), so compare both the stem
        # and the whole word with what the library holds.
        for probe in {token, self.surfaces.get(token, token)}:
            if len(probe) < 6:
                continue
            for candidate, _score, _i in process.extract(
                probe, self.universe, scorer=fuzz.ratio, score_cutoff=86, limit=None
            ):
                if abs(len(candidate) - len(probe)) <= 2 and candidate[:2] == probe[:2]:
                    same.add(candidate)
        return same


def _find(phrase: Phrase, stems: list[str], equivalents: _Equivalents) -> int:
    """Start index of ``phrase`` in ``stems`` or -1."""
    n = len(phrase)
    sets = [equivalents(t) for t in phrase]
    for i in range(len(stems) - n + 1):
        if all(stems[i + k] in sets[k] for k in range(n)):
            return i
    return -1


def _snippet(field: str, text: str, phrase_len: int, start_token: int) -> str:
    if len(text) <= 140:
        return f"{field}: {text.strip()}"
    tokens = _tokens(text)
    start = tokens[start_token][1]
    end = tokens[min(start_token + phrase_len, len(tokens)) - 1][2]
    left, right = max(0, start - 45), min(len(text), end + 45)
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    body = text[left:right].strip()
    return f"{field}: {'… ' if left > 0 else ''}{body}{' …' if right < len(text) else ''}"


def score_criterion(
    ref: Reference, segs: list[tuple[str, str]], seg_stems: list[list[str]],
    groups: list[_Group], vocabulary: Vocabulary, equivalents: _Equivalents,
) -> CriterionScore | float:
    """Score in [0, 1] of one reference for one criterion, with its evidence."""
    del ref
    evidence: list[str] = []
    quoted: set[int] = set()  # one quote per segment, even when several groups meet there
    best, matched, extra = 0.0, 0, 0
    for group in groups:
        group_best, group_ev, group_seg, hits = 0.0, None, -1, 0
        for i, (field, text) in enumerate(segs):
            weight = FIELD_WEIGHTS[field]
            if field == "components" and group.component:
                if vocabulary.components.canonical(text) == group.component:
                    hits += 1
                    if weight > group_best:
                        group_best, group_ev, group_seg = weight, f"components: {text}", i
                    continue
            for phrase in group.phrases:
                at = _find(phrase, seg_stems[i], equivalents)
                if at >= 0:
                    hits += 1
                    if weight > group_best:
                        group_best, group_seg = weight, i
                        group_ev = _snippet(field, text, len(phrase), at)
                    break
        if group_best:
            matched += 1
            extra += max(0, hits - 1)
            best = max(best, group_best)
            if group_ev is not None and group_seg not in quoted:
                quoted.add(group_seg)
                evidence.append(group_ev)
    if not matched:
        return 0.0
    score = best * (0.7 + 0.3 * matched / len(groups)) + 0.04 * min(extra, 3)
    return CriterionScore("", round(min(score, 1.0), 3), evidence)


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
            return f"maître d'ouvrage {label[ref.client_type]} (demandé : " + ", ".join(
                label[c] for c in tender.client_types) + ")"
    if tender.min_fee_eur is not None:
        if ref.fee_eur is None:
            return "montant non renseigné (fee_eur)"
        if ref.fee_eur < tender.min_fee_eur:
            return f"montant {ref.fee_eur} € inférieur au minimum de {tender.min_fee_eur} €"
    return None


def score_references(
    references: Sequence[Reference], profiles: Sequence[list[str]], tender: Tender,
    vocabulary: Vocabulary, current_year: int,
) -> list[Match]:
    """A :class:`Match` per reference (eligibility, criterion scores, evidence, overall score)."""
    all_groups = {c.id: criterion_groups(c, vocabulary) for c in tender.criteria}
    universe = {s for p in profiles for seg in p for s in seg.split()}
    surfaces = {k: v for groups in all_groups.values() for g in groups for k, v in g.surfaces.items()}
    equivalents = _Equivalents(universe, surfaces)
    total_weight = sum(c.weight for c in tender.criteria)
    needed = _needed_stems(all_groups, equivalents)
    matches = []
    for ref, prof in zip(references, profiles, strict=True):
        seg_stems = [seg.split() for seg in prof]
        present = {s for seg in seg_stems for s in seg}
        segs = segments(ref) if (present & needed or ref.components) else []
        scores = []
        for criterion in tender.criteria:
            result = (score_criterion(ref, segs, seg_stems, all_groups[criterion.id], vocabulary,
                                      equivalents) if segs else 0.0)
            if isinstance(result, CriterionScore):
                result.id = criterion.id
                scores.append(result)
            else:
                scores.append(CriterionScore(criterion.id, 0.0, []))
        overall = 100 * sum(c.weight * s.score for c, s in zip(tender.criteria, scores, strict=True))
        matches.append(Match(ref, round(overall / total_weight, 1), True,
                             eligibility(ref, tender, current_year), scores))
    for m in matches:
        m.eligible = m.reason is None
    return matches


def _needed_stems(groups: dict[str, list[_Group]], equivalents: _Equivalents) -> set[str]:
    needed: set[str] = set()
    for group_list in groups.values():
        for group in group_list:
            for phrase in group.phrases:
                needed |= equivalents(phrase[0])
    return needed


def _recency(ref: Reference, year: int) -> int:
    return ref.last_year(year + 1)


def rank(matches: list[Match], year: int) -> list[Match]:
    """Eligible references first by descending score (then recency, id), then the others."""
    return sorted(matches, key=lambda m: (not m.eligible, -m.score, -_recency(m.reference, year),
                                          m.reference.id))


def select(
    ranking: list[Match], tender: Tender, year: int, pick: Sequence[str] = (),
) -> tuple[list[str], list[str]]:
    """Choose ``tender.reference_count`` references covering every coverable criterion.

    Greedy weighted set cover: each step takes the reference that covers the most weight of
    criteria not covered yet; ties (and, once all is covered, every step) go to the best
    overall score, with a bonus for recent missions and a penalty for a client already chosen.
    Returns (selected ids, uncovered criterion ids).
    """
    weights = {c.id: c.weight for c in tender.criteria}
    by_id = {m.reference.id: m for m in ranking}
    chosen: list[Match] = [by_id[i] for i in pick]
    pool = [m for m in ranking if m.eligible and m.score > 0 and m.reference.id not in pick]

    def covered_by(m: Match) -> set[str]:
        return {c.id for c in m.criteria if c.score >= COVERED}

    covered: set[str] = set().union(*(covered_by(m) for m in chosen)) if chosen else set()
    while len(chosen) < tender.reference_count and pool:
        def value(m: Match) -> tuple[float, float]:
            new = sum(weights[c] for c in covered_by(m) - covered)
            same_client = any(client_matches(m.reference.client, o.reference.client) for o in chosen)
            age = max(0, year - _recency(m.reference, year))
            return new, m.score - 15 * same_client - min(age, 10)

        best = max(pool, key=value)
        chosen.append(best)
        pool.remove(best)
        covered |= covered_by(best)
    uncovered = [c.id for c in tender.criteria if c.id not in covered]
    return [m.reference.id for m in chosen], uncovered


def match_tender(
    library: Library, tender: Tender, *, pick: Sequence[str] = (), exclude: Sequence[str] = (),
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
    from tenderkit.index import load_profiles

    profiles = load_profiles(library.path, profile, library.references)
    ranking = rank(score_references(library.references, profiles, tender, library.vocabulary, year),
                   year)
    for m in ranking:
        if m.reference.id in exclude:
            m.eligible, m.reason = False, "exclue à la demande (--exclude)"
    ranking = rank(ranking, year)
    selected, uncovered = select(ranking, tender, year, pick)
    return MatchResult(tender, ranking, selected, uncovered)
