"""French word forms (tenderkit/text.py): what the stemmer joins, and what it must not."""

from __future__ import annotations

import pytest

from tenderkit.text import fold, stem, stems


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("habitants", "habitant"),
        ("concertation", "concerter"),
        ("Participation", "participatif"),
        ("commerçants", "Commerçante"),
        ("équipes", "Equipe"),
    ],
)
def test_word_forms_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("habitations", "habitants"),  # dwellings are not residents
        ("commerçants", "commerce"),  # the shopkeepers to involve are not trade
        ("équipe", "équipements"),  # a team is not a public facility
        ("habitat", "habitants"),
    ],
)
def test_words_snowball_would_merge_stay_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_stems_fold_accents_and_drop_stop_words() -> None:
    assert stems("Les réunions publiques des habitants") == ["reunion", "publiqu", "habit"]
    assert fold("Élue à l'ÉPT") == "elue a l'ept"
