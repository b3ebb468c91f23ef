"""Evidence: the phrases that earned a criterion score, quoted so a person can check them.

Quotes are found only when a command reads them (the table, the JSON, the Word build).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tenderkit.groups import Group
from tenderkit.models import CriterionScore, Reference
from tenderkit.segments import blank_firms, component_offset, segments, tokens
from tenderkit.vocabulary import Vocabulary

if TYPE_CHECKING:
    from tenderkit.groups import Equivalents

#: How much a phrase found in each field proves: a component or a content bullet says what
#: the mission did; a sentence of the stakes may only mention the context; a *mention* (work
#: of another party, not done or only planned) proves next to nothing.
FIELD_WEIGHTS = {
    "components": 1.0,
    "title": 1.0,
    "mission_type": 1.0,
    "programme": 0.9,
    "content": 0.85,
    "stakes": 0.45,
    "actors": 0.3,
    "mention": 0.15,
}


class LazyScore(CriterionScore):
    """A criterion score whose evidence is found and quoted only when someone reads it."""

    def __init__(
        self, cid: str, score: float, ref: Reference, groups: list[Group], context: EvidenceContext
    ) -> None:
        self.id, self.score = cid, score
        self._source = (ref, groups, context)
        self._evidence: list[str] | None = None

    @property  # type: ignore[override]
    def evidence(self) -> list[str]:
        if self._evidence is None:
            ref, groups, context = self._source
            self._evidence = evidence(ref, groups, context)
        return self._evidence

    @evidence.setter
    def evidence(self, value: list[str]) -> None:
        self._evidence = value


@dataclass
class EvidenceContext:
    vocabulary: Vocabulary
    equivalents: Equivalents


def _segment_hit(group: Group, stems_: list[str], context: EvidenceContext) -> tuple[int, int]:
    """(start, length) of the first phrase of ``group`` found in ``stems_``, or (-1, 0)."""
    for phrase in group.phrases:
        sets = [context.equivalents(t) for t in phrase]
        n = len(phrase)
        for i in range(len(stems_) - n + 1):
            if all(stems_[i + k] in sets[k] for k in range(n)):
                other = group.excluded.get(phrase)
                if other and _segment_hit(Group("", other, None), stems_, context)[0] >= 0:
                    break  # the word has another sense in this segment
                return i, n
    return -1, 0


def evidence(ref: Reference, groups: list[Group], context: EvidenceContext) -> list[str]:
    """The strongest segment each group was found in, quoted (one quote per segment)."""
    segs = segments(ref)
    toks = [tokens(blank_firms(text, ref.team)) for _f, text in segs]
    first_component = component_offset(ref)
    found: dict[int, str] = {}
    has_mentions = any(field_ == "mention" for field_, _text in segs)
    for group in groups:
        best, best_seg, best_quote = 0.0, -1, ""
        believed = not (
            has_mentions and group.probe and _only_in_mentions(group.probe, segs, toks, context)
        )
        for i, (field_, text) in enumerate(segs):
            weight = FIELD_WEIGHTS[field_]
            if weight <= best:
                continue
            if field_ == "components" and group.component:
                if not believed:
                    continue
                canonical = context.vocabulary.components.canonical(
                    ref.components[i - first_component]
                )
                if canonical == group.component:
                    best, best_seg, best_quote = weight, i, f"components: {text}"
                continue
            at, length = _segment_hit(group, [t[0] for t in toks[i]], context)
            if at >= 0:
                best, best_seg = weight, i
                best_quote = quote(field_, text, toks[i], at, length)
        if best_seg >= 0:
            found.setdefault(best_seg, best_quote)
    return list(found.values())


def _only_in_mentions(
    probe: tuple[str, ...],
    segs: list[tuple[str, str]],
    toks: list[list[tuple[str, int, int]]],
    context: EvidenceContext,
) -> bool:
    """Whether the words ``probe`` occur in mention segments and in no other text segment."""
    from tenderkit.groups import Group

    group = Group("", [probe], None)
    seen = {
        field_ == "mention"
        for (field_, _text), stems_ in zip(segs, toks, strict=True)
        if field_ != "components" and _segment_hit(group, [t[0] for t in stems_], context)[0] >= 0
    }
    return seen == {True}


def quote(field_: str, text: str, toks: list[tuple[str, int, int]], at: int, length: int) -> str:
    """``field: … words around the phrase found …`` for a bid manager to check."""
    if len(text) <= 140:
        return f"{field_}: {text.strip()}"
    start, end = toks[at][1], toks[min(at + length, len(toks)) - 1][2]
    left, right = max(0, start - 45), min(len(text), end + 45)
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    body = text[left:right].strip()
    return f"{field_}: {'… ' if left > 0 else ''}{body}{' …' if right < len(text) else ''}"
