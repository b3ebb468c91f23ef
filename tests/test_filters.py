"""Search and filters: fuzzy clients, components with variants, years, fees, free text."""

from __future__ import annotations

import pytest

from tenderkit.filters import (
    ReferenceFilter,
    client_matches,
    filter_references,
    has_component,
    text_matches,
)
from tenderkit.library import reference_from_dict
from tenderkit.vocabulary import load_vocabulary
from tests.helpers import reference_data

VOCAB = load_vocabulary(None)


def ref(ref_id: str, **kw):  # noqa: ANN001, ANN201
    return reference_from_dict(reference_data(ref_id, **kw))


@pytest.mark.parametrize(
    ("query", "client", "expected"),
    [
        ("EPT Est Ensemble", "Est Ensemble", True),
        ("est ensemble", "Est Ensemble", True),
        ("Est-Ensemble", "Est Ensemble", True),
        ("Est Ensemble", "EPT Est Ensemble", True),
        ("Est Ensmble", "Est Ensemble", True),
        ("Ville de Sevran", "Sevran", True),
        ("Plaine Commune", "EPT Plaine Commune", True),
        ("Saint-Étienne", "Ville de Saint Etienne", True),
        ("Est Ensemble", "Plaine Commune", False),
        ("Bondy", "Ville de Sevran", False),
        ("Ville de Paris", "Ville de Pantin", False),
    ],
)
def test_client_fuzzy(query: str, client: str, expected: bool) -> None:
    assert client_matches(query, client) is expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Concertation", True),
        ("concertation", True),
        ("participation des habitants", True),
        ("Gestion urbaine de proximite", True),
        ("GUSP", True),
        ("GUP", True),
        ("Ingénierie financière", False),
        ("Capitalisation", False),
    ],
)
def test_component_filter_knows_variants(query: str, expected: bool) -> None:
    r = ref("a", components=["Concertation", "Gestion urbaine de proximité"])
    assert has_component(r, query, VOCAB) is expected


def test_component_written_as_variant_in_reference() -> None:
    r = ref("a", components=["GUSP", "Participation citoyenne"])
    assert has_component(r, "Gestion urbaine de proximité", VOCAB)
    assert has_component(r, "concertation", VOCAB)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("habitants", True),
        ("habitant", True),
        ("HABITANTS", True),
        ("concerter", True),
        ("réunion publique", True),
        ("reunions publiques", True),
        ("élus", True),
        ("habitants copropriété", False),
        ("métropole", False),
    ],
)
def test_text_search_is_accent_and_form_insensitive(query: str, expected: bool) -> None:
    r = ref(
        "a",
        stakes="Concertation avec les habitants et les élus.",
        content=["Trois réunions publiques."],
    )
    assert text_matches(query, r) is expected


def test_filters_combine_and_sort_newest_first() -> None:
    refs = [
        ref("old", start_year=2012, end_year=2014, fee_eur=10000),
        ref("mid", start_year=2019, end_year=2021, fee_eur=50000, client_type="private"),
        ref("new", start_year=2023, end_year=None, fee_eur=None),
        ref("recent", start_year=2022, end_year=2024, fee_eur=80000),
    ]
    ids = lambda flt: [r.id for r in filter_references(refs, flt, VOCAB, current_year=2026)]  # noqa: E731
    assert ids(ReferenceFilter()) == ["new", "recent", "mid", "old"]
    assert ids(ReferenceFilter(since=2020)) == ["new", "recent", "mid"]
    assert ids(ReferenceFilter(until=2019)) == ["mid", "old"]
    assert ids(ReferenceFilter(since=2013, until=2013)) == ["old"]
    assert ids(ReferenceFilter(min_fee=40000)) == ["recent", "mid"]
    assert ids(ReferenceFilter(max_fee=50000)) == ["mid", "old"]
    assert ids(ReferenceFilter(client_type="private")) == ["mid"]
    assert ids(ReferenceFilter(client_type="public", since=2020, min_fee=1)) == ["recent"]


def test_mission_type_filter_uses_variants() -> None:
    r = ref("a", mission_type="Pilotage et conduite de projets")
    other = ref("b", mission_type="Evaluation")
    flt = ReferenceFilter(mission_type="direction de projet")
    assert [x.id for x in filter_references([r, other], flt, VOCAB)] == ["a"]
    assert [
        x.id
        for x in filter_references([r, other], ReferenceFilter(mission_type="évaluation"), VOCAB)
    ] == ["b"]
