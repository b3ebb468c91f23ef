"""The held-out fiches and the layouts they brought: accuracy floor and one case per format."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tenderkit.importer.blocks import split_blocks
from tenderkit.importer.labels import Label, match_label
from tenderkit.importer.layout import (
    loose_row,
    pipe_table_lines,
    row_lines,
    split_loose,
    split_pairs,
)
from tenderkit.importer.parse import is_boilerplate, parse_fiche
from tenderkit.importer.values import client_type_from_name, split_contact
from tenderkit.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[2]
HELDOUT = REPO / "tests" / "data" / "fiches_heldout"
VOCABULARY = load_vocabulary(None)
BASE = "Maître d'ouvrage : Ville de Bondy\nAnnée : 2021\n"


def parse(text: str) -> dict:
    return parse_fiche(text.splitlines(), VOCABULARY).fields


def _bench():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(
        "import_accuracy_heldout", REPO / "benchmarks" / "import_accuracy.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench


def test_heldout_accuracy_floor() -> None:
    bench = _bench()
    scores = bench.measure(HELDOUT)
    assert len(scores) >= 14
    suffixes = [Path(s.name).suffix for s in scores]
    assert suffixes.count(".docx") >= 5 and suffixes.count(".pdf") >= 3
    assert sum(s in (".txt", ".md") for s in suffixes) >= 6
    assert not [s.name for s in scores if s.error]
    assert bench.accuracy(scores) >= 0.95
    assert sum(len(s.invented) for s in scores) == 0


def test_heldout_round2_accuracy_floor() -> None:
    bench = _bench()
    scores = bench.measure(HELDOUT / "round2")
    assert len(scores) == 6 and not [s.name for s in scores if s.error]
    assert bench.accuracy(scores) >= 0.95
    assert sum(len(s.invented) for s in scores) == 0


def test_benchmark_cli_takes_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench().main(["import_accuracy.py", str(HELDOUT)]) == 0
    out = capsys.readouterr().out
    assert "15-balades-memoire-courtillieres.pdf" in out and "fields exact" in out


# --- layouts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["| Rubrique | Détail |", "|---|---|", "| Client | Ville de X |"],
            ["Rubrique\tDétail", "Client\tVille de X"],
        ),
        (["| :--- | ---: |", "| Année | 2021 |"], ["Année\t2021"]),
        (
            ["|Maître d'ouvrage|Ville de X|Année|2021|"],
            ["Maître d'ouvrage\tVille de X", "Année\t2021"],
        ),
        (["| Montant |  |"], ["Montant:"]),
        (["Texte | avec une barre"], ["Texte | avec une barre"]),
    ],
)
def test_pipe_tables(lines: list[str], expected: list[str]) -> None:
    assert pipe_table_lines(lines) == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            ["Maître d'ouvrage", "Mairie de X", "Localisation", "X (69)"],
            ["Maître d'ouvrage\tMairie de X", "Localisation\tX (69)"],
        ),
        (
            ["Année(s) :", "2021 – 2023", "Montant HT", "64 800 €", "Chef de projet", "M. D"],
            ["Année(s)\t2021 – 2023", "Montant HT\t64 800 €", "Chef de projet\tM. D"],
        ),
        (
            ["Photo du site", "Légende", "Autre", "Texte"],
            ["Photo du site", "Légende", "Autre", "Texte"],
        ),
        (["Client :", "Ville de X"], ["Client\tVille de X"]),
    ],
)
def test_table_rows(cells: list[str], expected: list[str]) -> None:
    assert row_lines(cells) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Client : Ville de Pantin | Année : 2023 | Montant : 18 k€ HT",
            ["Client : Ville de Pantin", "Année : 2023", "Montant : 18 k€ HT"],
        ),
        (
            "Date : mars 2019 – juin 2021 – Montant : 45 000 € HT",
            ["Date : mars 2019 – juin 2021", "Montant : 45 000 € HT"],
        ),
        ("Mandataire : A • Cotraitants : B, C", ["Mandataire : A", "Cotraitants : B, C"]),
        ("Lieu : Brest\tAnnée : 2020", ["Lieu : Brest", "Année : 2020"]),
        ("Équipe : A • B", None),
        ("Objectifs : réduire la vacance : trois axes", None),
        ("Atelier : 3 sessions | Programme : NPNRU", None),
    ],
)
def test_several_pairs_on_one_line(line: str, expected: list[str] | None) -> None:
    assert split_pairs(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Maître d'ouvrage ............ Ville de Brest",
        "Maître d'ouvrage . . . . . . Ville de Brest",
        "Maître d'ouvrage …………… Ville de Brest",
        "Maître d'ouvrage ______ Ville de Brest",
        "Maître d'ouvrage ........: Ville de Brest",
    ],
)
def test_dot_leaders(line: str) -> None:
    blocks = split_blocks([line])
    assert blocks[1].label is not None and blocks[1].label.field == "client"
    assert blocks[1].value == "Ville de Brest"


# --- labels and values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Composition de l'équipe", "team"),
        ("Destinataire", "client"),
        ("Mandant", "client"),
        ("Délai d'exécution", "_duration"),
        ("Dates d'intervention", "_years"),
        ("Coût prévisionnel des travaux HT", "project_cost_eur"),
        ("Enveloppe financière", "project_cost_eur"),
        ("Montant de la rémunération", "fee_eur"),
        ("Personnel mobilisé", "consultants"),
        ("Chargée de mission", "consultants"),
        ("Libellé", "title"),
        ("Référence n°3", "title"),
        ("Projet 2", "title"),
        ("Mission", "_mission"),
        ("Prestation", "_mission"),
        ("Prestations", "content"),
        ("Missions", "content"),
    ],
)
def test_new_label_synonyms(label: str, field: str) -> None:
    found = match_label(label)
    assert found is not None and found.field == field


def test_numbered_labels_stay_unknown_outside_titles() -> None:
    assert match_label("Phase 2") is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Rennes Métropole", "public"),
        ("Bordeaux Métropole", "public"),
        ("Société publique locale Lyon Confluence", "public"),
        ("CCAS de Rezé", "public"),
        ("Syndicat intercommunal du bassin de l'Yerres", "public"),
        ("DDTM du Finistère", "public"),
        ("Grand Poitiers Communauté urbaine", "public"),
        ("SA d'HLM Les Cités Jardins", "private"),
        ("Grand Paris Aménagement", None),
        ("Immobilière 3F", None),
        ("Paris Habitat", None),
    ],
)
def test_client_type_from_more_names(name: str, kind: str | None) -> None:
    assert client_type_from_name(name) == kind


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Mission : AMO", "mission_type", "Assistance à maîtrise d'ouvrage"),
        ("Prestation : Urbaniste coordonnateur", "mission_type", "Urbaniste coordonnateur"),
        ("MISSION\n- Diagnostic\n- Ateliers", "content", ["Diagnostic", "Ateliers"]),
        ("Mission : AMO\n- Pilotage\n- Suivi", "content", ["Pilotage", "Suivi"]),
        (
            "Type de mission : Evaluation\nMission : Évaluer le contrat de ville",
            "mission_type",
            "Evaluation",
        ),
        (
            "Type de mission : Evaluation\nMission : Évaluer le contrat de ville",
            "content",
            ["Évaluer le contrat de ville"],
        ),
        ("Équipe : Mandataire : Ville Ouverte", "team", ["Ville Ouverte"]),
        ("Équipe : Mandataire : A – Cotraitants : B, C", "team", ["A", "B", "C"]),
        ("Composition de l'équipe : A, B", "team", ["A", "B"]),
        (
            "Contact : Pierre Lantier\nDirecteur de l'aménagement\n01 78 18 22 22\np.l@ept.fr",
            "contact",
            {
                "name": "Pierre Lantier",
                "role": "Directeur de l'aménagement",
                "email": "p.l@ept.fr",
                "phone": "01 78 18 22 22",
            },
        ),
        ("Statut : en cours", "client_type", "public"),
        ("Coût d'objectif : 35 M€ HT", "project_cost_eur", 35_000_000),
        ("Montant du marché : 0,9 M€ HT", "fee_eur", 900_000),
        ("Montant : 120 000 euros HT (dont tranche optionnelle 20 000 €)", "fee_eur", 120_000),
        ("Honoraires : 62 k€HT", "fee_eur", 62_000),
    ],
)
def test_new_formats(text: str, field: str, value: object) -> None:
    assert parse(BASE + text)[field] == value


def test_long_text_under_contact_is_not_taken_as_contact() -> None:
    parsed = parse_fiche(
        (BASE + "Contact : Pierre Lantier\n" + "Une phrase longue. " * 8).splitlines(),
        VOCABULARY,
    )
    assert parsed.fields["contact"] == {
        "name": "Pierre Lantier",
        "role": None,
        "email": None,
        "phone": None,
    }
    assert any("not imported (after 'Contact')" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    ("years", "start", "end"),
    [
        ("Période : 09/2019 – 06/2021", 2019, 2021),
        ("Calendrier : janv. 2021 > déc. 2022", 2021, 2022),
        ("Durée : 18 mois (2020-2021)", 2020, 2021),
        ("Période : Depuis septembre 2022", 2022, None),
        ("Date : du 01/09/2019 au 30/06/2021", 2019, 2021),
    ],
)
def test_year_formats(years: str, start: int, end: int | None) -> None:
    fields = parse("Maître d'ouvrage : Ville de Bondy\n" + years)
    assert (fields["start_year"], fields["end_year"]) == (start, end)


@pytest.mark.parametrize(
    ("first", "boilerplate"),
    [
        ("RÉFÉRENCE N°2", True),
        ("Références similaires – Fiche 4", True),
        ("FICHE RÉFÉRENCE PROJET", True),
        ("Références de l'équipe", True),
        ("Projet urbain de Bondy", False),
        ("Référence 3 : Plan guide de Bondy", False),
    ],
)
def test_boilerplate_headings(first: str, boilerplate: bool) -> None:
    assert is_boilerplate(first) is boilerplate


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("RÉFÉRENCE N°2\nÉtude du centre-ville\n" + BASE, "Étude du centre-ville"),
        ("Référence 3 : Plan guide de Bondy\n" + BASE, "Plan guide de Bondy"),
        (
            "TITRE EN CAPITALES\n" + BASE + "Mission : Maîtrise d'œuvre urbaine",
            "TITRE EN CAPITALES",
        ),
    ],
)
def test_titles(text: str, title: str) -> None:
    assert parse(text)["title"] == title


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Marc Vandamme (chef du service habitat) – m.v@cud.fr",
            "Marc Vandamme",
            "chef du service habitat",
        ),
        ("Jean Martin (DGA), Directeur", "Jean Martin", "DGA, Directeur"),
        ("Mme Dupont, cheffe de projet", "Mme Dupont", "cheffe de projet"),
    ],
)
def test_contact_role_in_parentheses(text: str, name: str, role: str) -> None:
    found = split_contact(text)
    assert (found["name"], found["role"]) == (name, role)


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Référence 5 – Plan guide du quartier Mistral", "Plan guide du quartier Mistral"),
        ("Référence n°12 : Étude de programmation", "Étude de programmation"),
        ("Fiche référence 3 - AMO habitat", "AMO habitat"),
        ("Références et méthodes du projet", "Références et méthodes du projet"),
    ],
)
def test_numbered_reference_prefix_dropped_from_title(first: str, title: str) -> None:
    assert parse(first + "\n" + BASE)["title"] == title


def _pairs(pairs: list[tuple[Label, str]] | None) -> list[tuple[str, str]] | None:
    return None if pairs is None else [(label.field, value) for label, value in pairs]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "client",
            "Val d'Oise Habitat Lieu Goussainville (95)",
            [("client", "Val d'Oise Habitat"), ("location", "Goussainville (95)")],
        ),
        (
            "_years",
            "2019 – 2020 Montant 36 000 € HT",
            [("_years", "2019 – 2020"), ("fee_eur", "36 000 € HT")],
        ),
        (
            "client",
            "Communauté de communes Cœur de Lieu Saint",
            [("client", "Communauté de communes Cœur de Lieu Saint")],
        ),
        (
            "client",
            "Ville de Bondy et son Client principal",
            [("client", "Ville de Bondy et son Client principal")],
        ),
        ("location", "Quartier du Site Olympique", [("location", "Quartier du Site Olympique")]),
    ],
)
def test_pdf_rows_with_two_pairs(field: str, value: str, expected: list) -> None:
    assert _pairs(split_loose(Label(field, field), value)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Mission Relogement Public / privé Public",
            [("_mission", "Relogement"), ("client_type", "Public")],
        ),
        ("Mission de conseil pour la Ville et son Client principal", None),
        ("Mission Relogement des familles", None),
    ],
)
def test_pdf_rows_starting_with_a_weak_label(line: str, expected: list | None) -> None:
    assert _pairs(loose_row(line)) == expected
