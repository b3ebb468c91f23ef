"""The canonical vocabulary: lookups by name, variant, word form and typo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenderkit.exceptions import VocabularyError
from tenderkit.vocabulary import load_vocabulary, parse_vocabulary
from tests.helpers import BUNDLED_LIBRARY, REPO

VOCAB = load_vocabulary(None)


@pytest.mark.parametrize(
    "copy",
    [
        BUNDLED_LIBRARY / "vocabulary.yaml",
        REPO / "benchmarks" / "eval" / "library" / "vocabulary.yaml",
    ],
)
def test_copies_of_the_vocabulary_are_the_shipped_one(copy: Path) -> None:
    """The sample library and the evaluation set measure the vocabulary users get."""
    assert (REPO / "tenderkit" / "data" / "vocabulary.yaml").read_bytes() == copy.read_bytes()


def test_the_sample_fiche_components_are_all_canonical() -> None:
    fiche = [
        "Conseil stratégique",
        "Etudes urbaines",
        "Animation partenariale",
        "Planification",
        "Outils de gestion",
        "Coordination inter chantiers",
        "Ingénierie financière",
        "Gestion urbaine de proximité",
        "Insertion par l'activité économique",
        "Cohésion sociale",
        "Concertation",
        "Capitalisation",
    ]
    assert all(VOCAB.components.canonical(c) == c for c in fiche)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("GUSP", "Gestion urbaine de proximité"),
        ("gup", "Gestion urbaine de proximité"),
        ("Études urbaines", "Etudes urbaines"),
        ("ETUDES URBAINES", "Etudes urbaines"),
        ("participation des habitants", "Concertation"),
        ("Concertations", "Concertation"),
        ("IAE", "Insertion par l'activité économique"),
        ("clauses d'insertion", "Insertion par l'activité économique"),
        ("OPCU", "Coordination inter chantiers"),
        ("AMO", "Assistance à maîtrise d'ouvrage"),
        ("direction de projet", "Pilotage et conduite de projets"),
        ("coordination inter-chantiers", "Coordination inter chantiers"),
        ("quelque chose d'autre", None),
    ],
)
def test_canonical(text: str, canonical: str | None) -> None:
    assert VOCAB.components.canonical(text) == canonical


def test_suggest_forgives_typos_but_not_nonsense() -> None:
    assert VOCAB.components.suggest("Concertaton") == "Concertation"
    assert VOCAB.components.suggest("Ingenierie financiere") == "Ingénierie financière"
    assert VOCAB.components.suggest("Zzz") is None


def test_library_vocabulary_overrides_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "vocabulary.yaml").write_text(
        "components:\n  - name: Maraîchage\n    variants: [potager]\n", encoding="utf-8"
    )
    vocab = load_vocabulary(tmp_path)
    assert vocab.components.canonical("potagers") == "Maraîchage"
    assert vocab.components.canonical("Concertation") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("components: [", "invalid YAML"),
        ("- a\n", "expected a mapping"),
        ("components: {a: 1}", "must be a list"),
        ("components:\n  - variants: [x]\n", "needs a 'name'"),
        ("components:\n  - name: A\n    variants: x\n", "'variants' must be a list"),
        ("terms:\n  - name: NPNRU\n    context: yes please\n", "'context' must be true or false"),
        ("other_senses: participation\n", "'other_senses' must be a list"),
        ("other_senses:\n  - not: [x]\n", "entry 1 needs a 'word'"),
        ("other_senses:\n  - word: programme\n    not: x\n", "'not' must be a list of texts"),
    ],
)
def test_malformed_vocabulary(text: str, message: str) -> None:
    with pytest.raises(VocabularyError, match=message):
        parse_vocabulary(text, Path("vocabulary.yaml"))


def test_context_terms_are_marked() -> None:
    vocab = load_vocabulary(None)
    npnru = vocab.terms.term(vocab.terms.canonical("NPRU") or "")
    tfpb = vocab.terms.term("TFPB")
    assert npnru is not None and npnru.context
    assert tfpb is not None and not tfpb.context


def test_other_senses_are_read() -> None:
    vocab = load_vocabulary(None)
    assert "participation financière" in vocab.other_senses["participation"]
