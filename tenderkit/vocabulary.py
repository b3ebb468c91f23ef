"""The canonical vocabulary: component and mission-type names with their variants, trade
terms, and the other senses of a few words.

A library may carry its own ``vocabulary.yaml``; otherwise the one bundled with tenderkit is
used. Lookups ignore case, accents, hyphens and plural/word forms (via :mod:`tenderkit.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tenderkit.exceptions import VocabularyError
from tenderkit.text import normalize, raw_words, remember_stems, stem, stems

VOCABULARY_FILE = "vocabulary.yaml"


def _stem_key(text: str) -> str:
    # plural marks off before stemming: Snowball gives "potager" -> "potag" but
    # "potagers" -> "potager"
    return " ".join(
        stems(" ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in raw_words(text)))
    )


@dataclass
class Term:
    """A canonical name and the variants that mean the same."""

    name: str
    variants: list[str] = field(default_factory=list)
    #: a programme, territory or actor that sets a mission's context ("NPNRU", "QPV"), not
    #: a kind of work: a criterion asking for work *in* that context is not met by it alone
    context: bool = False

    @property
    def spellings(self) -> list[str]:
        """The name followed by every variant."""
        return [self.name, *self.variants]


class TermSet:
    """A list of terms with exact, word-form and fuzzy lookup."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self._memo: dict[str, str | None] = {}
        self._exact: dict[str, str] = {}
        self._stemmed_keys: dict[str, str] | None = None  # built on the first word-form lookup
        for term in terms:
            for spelling in term.spellings:
                self._exact.setdefault(normalize(spelling), term.name)

    @property
    def _stemmed(self) -> dict[str, str]:
        if self._stemmed_keys is None:
            self._stemmed_keys = {}
            for term in self.terms:
                for spelling in term.spellings:
                    self._stemmed_keys.setdefault(_stem_key(spelling), term.name)
        return self._stemmed_keys

    @property
    def names(self) -> list[str]:
        """Canonical names, in file order."""
        return [t.name for t in self.terms]

    def term(self, name: str) -> Term | None:
        """The term whose canonical name is ``name``."""
        return next((t for t in self.terms if t.name == name), None)

    def canonical(self, text: str) -> str | None:
        """Canonical name for ``text`` if it is a name or variant (any case, accents, form)."""
        if text in self._memo:
            return self._memo[text]
        found = self._exact.get(normalize(text))
        if found is None:
            found = self._stemmed.get(_stem_key(text))
        self._memo[text] = found
        return found

    def suggest(self, text: str, cutoff: float = 80.0) -> str | None:
        """Closest canonical name by fuzzy spelling, for a "did you mean" or a safe import."""
        exact = self.canonical(text)
        if exact is not None:
            return exact
        from rapidfuzz import fuzz, process

        key = normalize(text)
        if not key:
            return None
        choices = list(self._exact)
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self._exact[best[0]] if best else None

    def spellings_of(self, text: str) -> list[str]:
        """All spellings of the term ``text`` belongs to (just ``[text]`` if unknown)."""
        name = self.canonical(text)
        term = self.term(name) if name else None
        return term.spellings if term else [text]


@dataclass
class Vocabulary:
    """Components, mission types and other trade terms known to a library."""

    components: TermSet
    mission_types: TermSet
    source: Path | None = None
    #: Other words of the trade with their synonyms (NPNRU / NPRU, QPV...), for matching.
    terms: TermSet = field(default_factory=lambda: TermSet([]))
    #: word -> phrases where it means something else ("participation" -> "participation
    #: financière"): a keyword that is the word alone is not found in them.
    other_senses: dict[str, list[str]] = field(default_factory=dict)


def _parse_terms(raw: object, key: str, path: Path) -> list[Term]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise VocabularyError(path, f"'{key}' must be a list of {{name, variants}} entries")
    terms = []
    for i, item in enumerate(raw, start=1):
        if isinstance(item, str):
            terms.append(Term(item))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise VocabularyError(path, f"'{key}' entry {i} needs a 'name' (text)")
        variants = item.get("variants") or []
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise VocabularyError(
                path, f"'{key}' entry {i} ({item['name']}): 'variants' must be a list of texts"
            )
        context = item.get("context", False)
        if not isinstance(context, bool):
            raise VocabularyError(
                path, f"'{key}' entry {i} ({item['name']}): 'context' must be true or false"
            )
        terms.append(Term(item["name"], list(variants), context))
    return terms


def _parse_senses(raw: object, path: Path) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise VocabularyError(path, "'other_senses' must be a list of {word, not} entries")
    senses: dict[str, list[str]] = {}
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("word"), str):
            raise VocabularyError(path, f"'other_senses' entry {i} needs a 'word' (text)")
        phrases = item.get("not")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise VocabularyError(
                path, f"'other_senses' entry {i} ({item['word']}): 'not' must be a list of texts"
            )
        senses.setdefault(item["word"], []).extend(phrases)
    return senses


def parse_vocabulary(text: str, path: Path) -> Vocabulary:
    """Build a vocabulary from the text of a ``vocabulary.yaml`` file."""
    from tenderkit.yamlload import load_file

    return vocabulary_from_data(load_file(text, path, VocabularyError), path)


def vocabulary_from_data(data: object, path: Path) -> Vocabulary:
    """Build a vocabulary from the mapping read from ``path``."""
    if not isinstance(data, dict):
        raise VocabularyError(path, "expected a mapping with 'components' and 'mission_types'")
    return Vocabulary(
        TermSet(_parse_terms(data.get("components"), "components", path)),
        TermSet(_parse_terms(data.get("mission_types"), "mission_types", path)),
        path,
        TermSet(_parse_terms(data.get("terms"), "terms", path)),
        _parse_senses(data.get("other_senses"), path),
    )


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Vocabulary:
    from tenderkit.cache import cached_data

    p = Path(path)

    def parse() -> object:
        from tenderkit.yamlload import load_file

        try:
            text = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise VocabularyError(p, f"cannot read: {err}") from err
        return load_file(text, p, VocabularyError)

    def parse_and_stem() -> dict[str, Any]:
        data = parse()
        words = {w.casefold() for spelling in _spellings(data) for w in raw_words(spelling)}
        words |= {w[:-1] for w in words if len(w) > 3 and w[-1] in "sx"}  # see _stem_key
        return {"yaml": data, "stems": {w: stem(w) for w in words}}

    # the parsed file, and the stems of its words, are kept in the cache folder: most
    # commands then load neither PyYAML nor the stemmer
    cached = cached_data(p, parse_and_stem, "vocabulary-v3")
    if isinstance(cached, dict) and isinstance(cached.get("stems"), dict):
        remember_stems(cached["stems"])
        return vocabulary_from_data(cached.get("yaml"), p)
    return vocabulary_from_data(parse(), p)  # a damaged cache entry: read the file


def _spellings(data: Any) -> list[str]:
    out = []
    if isinstance(data, dict):
        for section in ("components", "mission_types", "terms"):
            for item in data.get(section) or []:
                if isinstance(item, str):
                    out.append(item)
                elif isinstance(item, dict):
                    out += [
                        v
                        for v in [item.get("name"), *(item.get("variants") or [])]
                        if isinstance(v, str)
                    ]
        for item in data.get("other_senses") or []:
            if isinstance(item, dict):
                out += [
                    v for v in [item.get("word"), *(item.get("not") or [])] if isinstance(v, str)
                ]
    return out


def load_vocabulary(library_dir: Path | None = None) -> Vocabulary:
    """The library's ``vocabulary.yaml`` if it has one, else the bundled default."""
    if library_dir is not None:
        candidate = Path(library_dir) / VOCABULARY_FILE
        if candidate.is_file():
            return _load_cached(str(candidate), candidate.stat().st_mtime_ns)
    from importlib import resources  # only for a library without its own vocabulary

    bundled = resources.files("tenderkit") / "data" / VOCABULARY_FILE
    with resources.as_file(bundled) as path:
        return _load_cached(str(path), path.stat().st_mtime_ns)
