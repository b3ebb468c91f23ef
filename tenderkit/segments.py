"""A reference cut into quotable pieces (*segments*) and their French stems.

Matching searches segments and quotes them as evidence; the index stores their stems so
that a warm ``match`` never re-reads or re-stems the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tenderkit.attribution import may_mention, split
from tenderkit.models import Reference
from tenderkit.text import elide, token

_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_RAW = re.compile(r"[^\W_]+")

#: Segment fields. A *mention* is a clause of the content or stakes that tells of work the
#: mission did not do (another party's, not done, only planned: :mod:`tenderkit.attribution`).
FIELDS = (
    "title",
    "mission_type",
    "components",
    "programme",
    "content",
    "stakes",
    "actors",
    "mention",
)


# A training course names every topic it teaches: what its title, content and stakes say is
# the subject of the course, not work done on a project.
_TRAINING = re.compile(
    r"\s*(?:formations?|cycle de (?:formation|qualification|conf[ée]rences)|s[ée]minaires?"
    r"|enseignements?|sensibilisation|cours|webinaires?|mooc)\b(?!-action| action)",
    re.IGNORECASE,
)


def is_training(ref: Reference) -> bool:
    """Whether the mission is a training course: its title says so, or its type is only that
    ("Formation", not "Formation et capitalisation" for a bilan)."""
    if _TRAINING.match(ref.title):
        return True
    kind = ref.mission_type or ""
    return bool(_TRAINING.match(kind)) and len(kind.split()) <= 2


def segments(ref: Reference) -> list[tuple[str, str]]:
    """The reference cut into (field, text) pieces that evidence can quote.

    Clauses telling of work the mission did not do are *mention* pieces; so are the title,
    content and stakes of a training course.
    """
    training = is_training(ref)
    out = [("mention" if training else "title", ref.title)]
    if ref.mission_type:
        out.append(("mission_type", ref.mission_type))
    out += [("components", c) for c in ref.components]
    if ref.programme:
        out.append(("programme", ref.programme))
    sentences = [s for s in _SENTENCE.split(ref.stakes) if s.strip()]
    if training or not (any(map(may_mention, ref.content)) or any(map(may_mention, sentences))):
        # the common case: no clause to weigh (one cached look per text)
        out += [("mention" if training else "content", c) for c in ref.content if c.strip()]
        out += [("mention" if training else "stakes", s) for s in sentences]
    else:
        firms = tuple(n for n in [*ref.team, ref.director or "", *ref.consultants] if n)
        for field, texts in (("content", ref.content), ("stakes", sentences)):
            for text in texts:
                if text.strip():
                    out += [(field if not m else "mention", p) for p, m in split(text, firms)]
    out += [("actors", a) for a in ref.actors]
    return out


def component_offset(ref: Reference) -> int:
    """Index of the first components segment."""
    return 2 if ref.mission_type else 1


@lru_cache(maxsize=1024)
def _firm_pattern(firms: tuple[str, ...]) -> re.Pattern[str] | None:
    names = sorted((re.escape(f) for f in firms if len(f) > 3), key=len, reverse=True)
    return re.compile("|".join(names), re.IGNORECASE) if names else None


def blank_firms(text: str, firms: list[str]) -> str:
    """``text`` with the firm's own names blanked (same length): "Atelier Civitas" is no workshop."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer: use the regex
        pattern = _firm_pattern(tuple(firms))
        return pattern.sub(lambda m: " " * len(m.group()), text) if pattern else text
    for firm in firms:
        name = firm.lower()
        if len(name) <= 3 or len(name) != len(firm):
            continue
        at = lowered.find(name)
        while at >= 0:
            text = text[:at] + " " * len(name) + text[at + len(name) :]
            at = lowered.find(name, at + len(name))
    return text


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each meaningful word of ``text``."""
    out = []
    for m in _RAW.finditer(elide(text)):
        stem_ = token(m.group())
        if stem_:
            out.append((stem_, m.start(), m.end()))
    return out


_SEPARATOR = "\x1f"  # between segments: not a word character, not in any real text


def profile(ref: Reference) -> list[tuple[str, str]]:
    """(field, space-joined stems) of every segment, the firm's own names left out.

    The hot path of indexing: the firm's names and elisions are blanked over the whole
    reference at once, then each segment is cut into words.
    """
    segs = segments(ref)
    whole = _SEPARATOR.join(text.replace(_SEPARATOR, " ") for _field, text in segs)
    whole = elide(blank_firms(whole, ref.team)).replace("œ", "oe").replace("Œ", "Oe")
    return [
        (field, _stems(part))
        for (field, _text), part in zip(segs, whole.split(_SEPARATOR), strict=True)
    ]


@lru_cache(maxsize=65536)
def _stems(part: str) -> str:
    """Space-joined stems of one segment's text (components, actors and programme names
    come back from reference to reference)."""
    return " ".join([t for t in map(token, _RAW.findall(part)) if t])
