"""A criterion's keywords and components as *groups* of phrases, and the words that count
as the same (word forms, small typos), turned into full-text queries.

One group per keyword or component holds every spelling the vocabulary knows for it; a group
matches a segment where one of its phrases appears as consecutive stems.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from tenderkit.models import Criterion
from tenderkit.segments import tokens
from tenderkit.text import fold
from tenderkit.vocabulary import Vocabulary

_MAX_VARIANTS = 64
Phrase = tuple[str, ...]


@dataclass
class Group:
    """One keyword or component of a criterion, with every spelling that means the same."""

    label: str
    phrases: list[Phrase]
    component: str | None  # canonical component name, when the group is one
    surfaces: dict[str, str] = field(default_factory=dict)  # stem -> the word it came from
    context: bool = False  # a programme or territory (NPRU, QPV), not a kind of work
    #: one-word phrase -> phrases where that word means something else (not a hit there)
    excluded: dict[Phrase, list[Phrase]] = field(default_factory=dict)

    @cached_property
    def probe(self) -> Phrase:
        """The component's own name as stems: when the text names it only in mentions
        ("la concertation restait conduite par la Ville"), the listed component is not
        believed."""
        return _phrase(self.component) if self.component else ()


def _phrase(text: str) -> Phrase:
    return tuple(t[0] for t in tokens(text))


def criterion_groups(criterion: Criterion, vocabulary: Vocabulary) -> list[Group]:
    """The keyword/component groups of a criterion (the label's words when it has neither)."""
    terms = vocabulary.components
    groups: list[Group] = []
    seen: set[str] = set()
    senses = _senses(vocabulary)

    def add(text: str, listed: bool) -> None:
        canonical = terms.canonical(text)
        if canonical and not listed and not _names(text, canonical):
            # a keyword that is one *variant* of a broad component ("accompagnement social",
            # a variant of Cohésion sociale) asks for that, not for everything the component
            # covers ("contrat de ville"): it stays a phrase
            canonical = None
        # a keyword that is a known trade term brings its synonyms (NPRU also finds NPNRU)
        term = (
            terms.term(canonical)
            if canonical
            else vocabulary.terms.term(vocabulary.terms.canonical(text) or "")
        )
        key = (
            f"c:{canonical}"
            if canonical
            else (f"t:{term.name}" if term else f"k:{' '.join(_phrase(text))}")
        )
        if key in seen:
            return
        seen.add(key)
        spellings = [text, *term.spellings] if term else [text]
        phrases = [p for p in dict.fromkeys(_phrase(s) for s in spellings) if p]
        if phrases:
            surfaces = {t[0]: fold(s[t[1] : t[2]]) for s in spellings for t in tokens(s)}
            excluded = {p: senses[p] for p in phrases if p in senses}
            groups.append(
                Group(text, phrases, canonical, surfaces, bool(term and term.context), excluded)
            )

    for i, text in enumerate([*criterion.components, *criterion.keywords][:60]):  # one bit each
        add(text, i < len(criterion.components))
    if not groups:
        for stem_, start, end in tokens(criterion.label):
            groups.append(Group(stem_, [(stem_,)], None, {stem_: fold(criterion.label[start:end])}))
    return groups


def _senses(vocabulary: Vocabulary) -> dict[Phrase, list[Phrase]]:
    """The vocabulary's other senses, as stems: one-word phrase -> phrases to leave out."""
    out: dict[Phrase, list[Phrase]] = {}
    for word, phrases in vocabulary.other_senses.items():
        key = _phrase(word)
        if len(key) == 1:
            out.setdefault(key, []).extend(p for p in map(_phrase, phrases) if len(p) > 1)
    return out


def _names(keyword: str, component: str) -> bool:
    """Whether a keyword is the component's own name, or an acronym of it ("GUSP", "OPC")."""
    word = keyword.strip()
    return _phrase(word) == _phrase(component) or (
        word.isupper() and " " not in word and 2 <= len(word) <= 6
    )


class Equivalents:
    """Which stems of the library count as the same word as a query stem (forms, typos).

    ``starting_with(prefix)`` lists the library's stems that start with ``prefix`` (the
    index answers it from its term list without reading all of it).
    """

    def __init__(
        self,
        starting_with: Callable[[str], list[str]],
        surfaces: dict[str, str] | None = None,
        remembered: dict[str, list[str]] | None = None,
    ) -> None:
        self.lookup = starting_with
        self.surfaces = surfaces or {}  # the whole word behind a query stem, for typo checks
        self.remembered = remembered or {}  # computed by earlier runs on the same library
        self.learned: dict[str, list[str]] = {}  # computed by this one
        self.cache: dict[str, frozenset[str]] = {}
        self.prefixes: dict[str, list[str]] = {}

    def __call__(self, stem: str) -> frozenset[str]:
        found = self.cache.get(stem)
        if found is None:
            key = f"{stem} {self.surfaces.get(stem, stem)}"
            known = self.remembered.get(key)
            if known is None:
                known = self.learned[key] = sorted(self._compute(stem))
            found = self.cache[stem] = frozenset(known)
        return found

    def _starting_with(self, prefix: str) -> list[str]:
        found = self.prefixes.get(prefix)
        if found is None:
            found = self.prefixes[prefix] = self.lookup(prefix)
        return found

    def _compute(self, stem: str) -> set[str]:
        if len(stem) < 5 or stem.isdigit():
            return {stem} & set(self._starting_with(stem))
        # the same word with a longer or shorter stem ("pilot" / "pilotag", "financ" /
        # "financi"), but only for the leftovers Snowball leaves on word forms: "habit"
        # (habitants) is not "habitat", "commun" is not "communaut" (communauté)
        same = {
            c
            for c in self._starting_with(stem[:5])
            if c == stem
            or (c.startswith(stem) and c[len(stem) :] in _LEFTOVERS)
            or (stem.startswith(c) and stem[len(c) :] in _LEFTOVERS)
        }
        # a typo defeats the stemmer ("concertaiton" stays whole), so compare the stem and the
        # whole word with the library's stems sharing their first two letters and length
        from rapidfuzz import fuzz, process

        for probe in {stem, self.surfaces.get(stem, stem)}:
            if len(probe) < 7:
                continue
            pool = [c for c in self._starting_with(probe[:2]) if abs(len(c) - len(probe)) <= 1]
            for candidate, _score, _i in process.extract(
                probe, pool, scorer=fuzz.ratio, score_cutoff=88, limit=None
            ):
                same.add(candidate)
        return same


#: What Snowball may leave at the end of one word's forms ("pilotag", "financi").
_LEFTOVERS = frozenset({"e", "i", "s", "ag"})


def fts_query(
    phrases: list[Phrase],
    equivalents: Equivalents,
    excluded: dict[Phrase, list[Phrase]] | None = None,
) -> str | None:
    """An FTS5 query matching any phrase, each word in any of its equivalent forms; a phrase
    with ``excluded`` phrases is not matched in a segment that holds one of them."""
    alternatives: list[str] = []
    for phrase in phrases:
        options = [sorted(equivalents(t)) for t in phrase]
        if not all(options):
            continue
        found = [
            '"' + " ".join(combo) + '"'
            for combo in itertools.islice(itertools.product(*options), _MAX_VARIANTS)
        ]
        other = (
            fts_query(excluded[phrase], equivalents) if excluded and phrase in excluded else None
        )
        if other:
            alternatives.append(f"({' OR '.join(found)} NOT ({other}))")
        else:
            alternatives += found
    return " OR ".join(dict.fromkeys(alternatives)) or None
