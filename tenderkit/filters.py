"""Search and filter references: client (fuzzy), component, years, type, fee, free text."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from tenderkit.models import Reference
from tenderkit.text import normalize, stems, words
from tenderkit.vocabulary import Vocabulary

#: Generic words of public-body names, ignored when comparing clients
#: ("EPT Est Ensemble" and "Est Ensemble" are the same client).
CLIENT_NOISE = frozenset(
    """ept etablissement public territorial ville de commune communaute agglomeration
    urbaine communes ca cu cc metropole departement conseil departemental regional region
    mairie du la le les des l d et sa sas sem spl epa eple""".split()
)
CLIENT_THRESHOLD = 85.0


def client_key(name: str) -> str:
    """A client's name without the generic words of public bodies: ``"EPT Est Ensemble"`` → ``"est ensemble"``."""
    all_words = words(name)
    kept = [w for w in all_words if w not in CLIENT_NOISE]
    return " ".join(kept or all_words)


def client_matches(query: str, client: str) -> bool:
    """Fuzzy client comparison: case, accents, hyphens, body prefixes and small typos ignored."""
    q, c = client_key(query), client_key(client)
    if not q or not c:
        return False
    if q == c or f" {q} " in f" {c} " or f" {c} " in f" {q} ":
        return True
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(q, c) >= CLIENT_THRESHOLD or fuzz.ratio(q, c) >= CLIENT_THRESHOLD


def reference_text(ref: Reference) -> str:
    """Every searchable text of a reference, joined."""
    parts = [
        ref.title,
        ref.client,
        ref.location or "",
        ref.mission_type or "",
        ref.programme or "",
        ref.director or "",
        ref.stakes,
        *ref.team,
        *ref.consultants,
        *ref.actors,
        *ref.components,
        *ref.content,
    ]
    return "\n".join(parts)


@dataclass
class ReferenceFilter:
    """Filters of ``tenderkit list``; every filter that is set must hold."""

    client: str | None = None
    components: list[str] = field(default_factory=list)
    since: int | None = None
    until: int | None = None
    mission_type: str | None = None
    min_fee: int | None = None
    max_fee: int | None = None
    client_type: str | None = None
    text: str | None = None

    def matches(self, ref: Reference, vocabulary: Vocabulary, current_year: int) -> bool:
        """True when ``ref`` passes every filter."""
        if self.client and not client_matches(self.client, ref.client):
            return False
        if self.since is not None and ref.last_year(current_year) < self.since:
            return False
        if self.until is not None and ref.start_year > self.until:
            return False
        if self.min_fee is not None and (ref.fee_eur is None or ref.fee_eur < self.min_fee):
            return False
        if self.max_fee is not None and (ref.fee_eur is None or ref.fee_eur > self.max_fee):
            return False
        if self.client_type and ref.client_type != self.client_type:
            return False
        if self.mission_type and not _type_matches(self.mission_type, ref, vocabulary):
            return False
        if any(not has_component(ref, c, vocabulary) for c in self.components):
            return False
        return not self.text or text_matches(self.text, ref)


def has_component(ref: Reference, query: str, vocabulary: Vocabulary) -> bool:
    """True when one of ``ref``'s components is ``query`` (canonical name or any variant)."""
    terms = vocabulary.components
    wanted = terms.canonical(query)
    if wanted is None:
        key = normalize(query)
        return any(key and key in normalize(c) for c in ref.components)
    return any(terms.canonical(c) == wanted for c in ref.components)


def _type_matches(query: str, ref: Reference, vocabulary: Vocabulary) -> bool:
    if not ref.mission_type:
        return False
    terms = vocabulary.mission_types
    wanted = terms.canonical(query)
    if wanted is not None and terms.canonical(ref.mission_type) == wanted:
        return True
    return normalize(query) in normalize(ref.mission_type)


def text_matches(query: str, ref: Reference) -> bool:
    """True when every word of ``query`` appears in the reference, in any form or accent."""
    wanted = stems(query)
    if not wanted:
        return True
    have = set(stems(reference_text(ref), keep_stopwords=True))
    return all(w in have or any(h.startswith(w) for h in have if len(w) >= 4) for w in wanted)


def newest_first(references: list[Reference], current_year: int | None = None) -> list[Reference]:
    """References sorted newest first (ongoing missions on top), then by id."""
    year = current_year or _dt.date.today().year
    return sorted(references, key=lambda r: (-r.last_year(year + 1), -r.start_year, r.id))


def filter_references(
    references: list[Reference],
    flt: ReferenceFilter,
    vocabulary: Vocabulary,
    current_year: int | None = None,
) -> list[Reference]:
    """The references that pass ``flt``, newest first."""
    year = current_year or _dt.date.today().year
    return newest_first([r for r in references if flt.matches(r, vocabulary, year)], year)
