"""French-aware text normalisation: accent folding, tokens and stems.

Everything that compares words (filters, vocabulary, matching) goes through here, so that
"Concertation", "concerter" and "CONCERTÉE" meet on the same stem.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
_RAW_WORD = re.compile(r"[^\W_]+")
# Elided articles and pronouns: "l'habitant" -> "habitant", "d'ouvrage" -> "ouvrage".
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)

#: Words too common to mean anything in a reference or a criterion.
STOPWORDS: frozenset[str] = frozenset(
    """a au aux avec ce ces dans de des du elle en et est il la le les leur leurs lui ma mais me
    meme mes mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
    ton tu un une vos votre vous y l d s n c j m t etc afin ainsi dont entre sous vers chez
    jusqu lorsqu puisqu quoiqu
    ete etre avoir fait cette cet tout tous toute toutes plus tres lors apres avant""".split()
)


def fold(text: str) -> str:
    """Lower-case, strip accents, turn ligatures into letters: ``"Œuvre Élue"`` → ``"oeuvre elue"``."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """Folded words of ``text``, elisions removed, hyphens and apostrophes as separators."""
    return _WORD.findall(fold(_ELISION.sub(" ", text)))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Folded words joined by single spaces: a canonical form for comparing names."""
    return " ".join(words(text))


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - snowballstemmer has no types
    import snowballstemmer

    return snowballstemmer.stemmer("french")


_KNOWN: dict[str, str] = {}  # stems read from the cache (the vocabulary's words)

#: Words Snowball merges with another word of the trade, kept apart: "habitations"
#: (dwellings) are not "habitants", "commerçants" (people to involve) are not "commerce",
#: an "équipe" is not an "équipement".
_APART = {
    "habitation": "habitation",
    "habitations": "habitation",
    "commercant": "commercant",
    "commercants": "commercant",
    "commercante": "commercant",
    "commercantes": "commercant",
    "equipe": "equipe",
    "equipes": "equipe",
}


def remember_stems(known: dict[str, str]) -> None:
    """Stems computed before (lower-case word -> stem), so the stemmer need not run again."""
    _KNOWN.update(known)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Folded Snowball French stem of one word (``"Habitants"`` → ``"habit"``).

    The stemmer sees the accented word (it needs "é" to strip "-ée"); the stem is folded after.
    """
    lowered = word.casefold()
    if len(lowered) <= 3 or lowered.isdigit():
        return fold(lowered)
    apart = _APART.get(fold(lowered))
    if apart is not None:
        return apart
    known = _KNOWN.get(lowered)
    if known is not None:
        return known
    return fold(_stemmer().stemWord(lowered))


@lru_cache(maxsize=131072)
def token(word: str) -> str:
    """Stem of one raw word, or ``""`` for a stop word (the hot path of indexing: cached)."""
    if fold(word) in STOPWORDS:
        return ""
    return stem(word)


def elide(text: str) -> str:
    """``text`` with apostrophes as spaces (same length, so offsets stay valid).

    The elided articles and pronouns left alone ("l", "d", "qu"...) are stop words.
    """
    return text.replace("'", " ").replace("’", " ")


def raw_words(text: str) -> list[str]:
    """Words of ``text`` as written (accents kept), elisions removed."""
    return _RAW_WORD.findall(elide(text).replace("œ", "oe").replace("Œ", "Oe"))


def stems(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stems of the meaningful words of ``text``, in order."""
    if keep_stopwords:
        return [stem(w) for w in raw_words(text)]
    return [t for t in map(token, raw_words(text)) if t]
