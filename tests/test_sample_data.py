"""The data shipped with tenderkit: the sample reference library and the example tenders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tenderkit.checks import check_library
from tenderkit.library import load_library, reference_paths
from tenderkit.tender import load_tender
from tenderkit.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[1]
LIBRARY = REPO / "reference_library"
EXAMPLES = REPO / "examples"
# CI copies shared/ beside the clone, so the real fiche sits two levels above this file.
FICHE = Path(__file__).resolve().parents[2] / "shared/samples/fiche-npru-romainville-gagarine.txt"
ROMAINVILLE = "npru-romainville-gagarine-2023"
TENDERS = sorted(EXAMPLES.glob("tender-*.yaml"))


@pytest.fixture(scope="module")
def library():  # noqa: ANN201
    """The bundled library, read straight from the files (no index)."""
    return load_library(LIBRARY, use_index=False)


def test_every_reference_loads_with_id_equal_to_file_stem(library) -> None:  # noqa: ANN001
    paths = reference_paths(LIBRARY)
    assert len(library.references) == len(paths) >= 15
    assert sorted(r.id for r in library.references) == sorted(p.stem for p in paths)


def test_ids_are_unique(library) -> None:  # noqa: ANN001
    ids = [r.id for r in library.references]
    assert len(ids) == len(set(ids))


def test_check_finds_no_errors_and_only_the_intended_warnings() -> None:
    report = check_library(LIBRARY)
    assert report.checked == len(reference_paths(LIBRARY))
    assert report.errors == []
    # The only intended warnings: the two sample references without a fee.
    assert sorted((p.path.name, "fee_eur" in p.message) for p in report.warnings) == [
        ("formation-gusp-toit-commun-habitat-2020.yaml", True),
        ("programmation-site-tertiaire-fonciere-saint-ouen-2024.yaml", True),
    ]


def test_every_component_and_mission_type_is_known(library) -> None:  # noqa: ANN001
    vocabulary = load_vocabulary(LIBRARY)
    for ref in library.references:
        for component in ref.components:
            assert vocabulary.components.canonical(component), (ref.id, component)
        assert ref.mission_type in vocabulary.mission_types.names, ref.id


def test_the_sample_covers_the_variety_the_tests_rely_on(library) -> None:  # noqa: ANN001
    refs = library.references
    vocabulary = load_vocabulary(LIBRARY)
    assert any(r.end_year is None for r in refs)
    assert sum(r.fee_eur is None for r in refs) == 2
    assert sum(r.confidential for r in refs) == 1
    assert {r.client_type for r in refs} == {"public", "private"}
    assert sum(r.client_type == "private" for r in refs) >= 2
    assert sum("Est Ensemble" in r.client for r in refs) >= 2
    variants = [c for r in refs for c in r.components if c not in vocabulary.components.names]
    assert {"GUSP", "participation des habitants"} <= set(variants)
    assert any(ch in r.client + r.title + "".join(r.content) for r in refs for ch in "&<\"")
    fees = [r.fee_eur for r in refs if r.fee_eur is not None]
    assert min(fees) <= 10000 and max(fees) >= 300000


def _fiche() -> dict[str, object]:
    """The facts of the real sample fiche (plain-text export of the Word fiche)."""
    text = FICHE.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]

    def field(label: str) -> str:
        pattern = re.compile(rf"{re.escape(label)}\s*:\s*(.*)")  # "directeur de mission : X"
        return next(m.group(1).strip() for line in lines if (m := pattern.fullmatch(line)))

    stakes = text.split("Enjeux de la mission", 1)[1].split("Contenu de la mission", 1)[0].strip()
    content = [line.removeprefix("- ▶").strip() for line in lines if line.startswith("- ▶")]
    after = lines[lines.index("Composantes de la mission:") + 1:]
    components = [line.removeprefix("- ").strip() for line in after if line.startswith("- ")]
    actors = [a.strip() for a in re.split(r",\s*(?![^()]*\))", field("Acteurs").rstrip("."))]
    start, end = (int(y) for y in re.findall(r"\d{4}", field("Année")))
    return {
        "client": field("Maître d'ouvrage"),
        "years": (start, end),
        "fee": int(re.sub(r"\D", "", field("Montant de la mission"))),
        "director": field("directeur de mission"),
        "stakes": stakes,
        "content": content,
        "components": components,
        "actors": actors,
    }


@pytest.mark.skipif(not FICHE.is_file(), reason="shared/samples not beside the repository")
def test_romainville_reference_has_exactly_the_fiche_facts(library) -> None:  # noqa: ANN001
    fiche = _fiche()
    ref = library.get(ROMAINVILLE)
    assert ref is not None
    assert ref.client == fiche["client"] == "Est Ensemble"
    assert (ref.start_year, ref.end_year) == fiche["years"] == (2023, 2024)
    assert ref.fee_eur == fiche["fee"] == 52400
    assert ref.director == fiche["director"]
    assert ref.components == fiche["components"]
    assert len(ref.components) == 12
    assert ref.actors == fiche["actors"]
    assert len(ref.actors) == 4
    assert ref.content == fiche["content"]
    assert len(ref.content) == 8
    assert ref.stakes == fiche["stakes"]


def test_romainville_reference_is_not_confidential_and_has_no_contact(library) -> None:  # noqa: ANN001
    ref = library.get(ROMAINVILLE)
    assert ref is not None
    assert ref.team == ["Perspectives Urbaines et Sociales"]
    assert ref.contact is None and not ref.confidential


def test_there_are_three_example_tenders() -> None:
    assert [p.name for p in TENDERS] == [
        "tender-etude-programmation.yaml",
        "tender-evaluation-contrat-de-ville.yaml",
        "tender-npru-concertation.yaml",
    ]


@pytest.mark.parametrize("path", TENDERS, ids=lambda p: p.stem)
def test_example_tender_loads_with_known_components(path: Path) -> None:
    tender = load_tender(path)
    assert tender.title and tender.buyer and tender.deadline
    assert len(tender.criteria) >= 3
    vocabulary = load_vocabulary(LIBRARY)
    for criterion in tender.criteria:
        assert criterion.components and criterion.keywords, criterion.id
        for component in criterion.components:
            assert vocabulary.components.canonical(component), (path.name, component)


@pytest.mark.parametrize("path", TENDERS, ids=lambda p: p.stem)
def test_example_tender_writes_every_key(path: Path) -> None:
    """Each example is a template for users: every tender key appears, even when null."""
    import yaml

    from tenderkit.tender import TENDER_KEYS

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(data) == list(TENDER_KEYS)
