"""Evidence quotes: short fields whole, long ones cut around the phrase found."""

from __future__ import annotations

from tenderkit.evidence import quote
from tenderkit.segments import tokens


def test_short_text_is_quoted_whole() -> None:
    text = "Animation de la concertation réglementaire."
    assert quote("content", text, tokens(text), 2, 1) == f"content: {text}"


def test_long_text_is_cut_around_the_phrase_on_word_boundaries() -> None:
    text = (
        "Le quartier, classé en géographie prioritaire depuis longtemps, a fait l'objet "
        "d'une démarche de concertation exemplaire avec les habitants et les associations "
        "locales, puis d'un programme de travaux étalé sur dix années consécutives."
    )
    toks = tokens(text)
    at = next(i for i, t in enumerate(toks) if t[0] == "concert")
    quoted = quote("stakes", text, toks, at, 1)
    assert quoted.startswith("stakes: … ") and quoted.endswith(" …")
    assert "démarche de concertation exemplaire" in quoted
    body = quoted.removeprefix("stakes: … ").removesuffix(" …")
    assert body in text and len(body) < len(text)
