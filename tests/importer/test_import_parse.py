"""The fiche parser: lines in, reference fields out (no I/O but reading the sample)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenderkit.importer.parse import FicheParseError, parse_fiche
from tenderkit.vocabulary import load_vocabulary

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "fiches" / "01-sample-romainville.txt"
VOCABULARY = load_vocabulary(None)


def parse(text: str):  # noqa: ANN201
    return parse_fiche(text.splitlines(), VOCABULARY)


def test_sample_fiche_gives_exactly_its_facts() -> None:
    parsed = parse(SAMPLE.read_text(encoding="utf-8"))
    f = parsed.fields
    assert f["client"] == "Est Ensemble"
    assert (f["start_year"], f["end_year"]) == (2023, 2024)
    assert f["fee_eur"] == 52400
    assert f["project_cost_eur"] is None and f["programme"] is None and f["location"] is None
    assert f["mission_type"] == "Pilotage et conduite de projets"
    assert f["director"] == "Gaël Curet" and f["consultants"] == ["Gaël Curet"]
    assert f["team"] == ["Perspectives Urbaines et Sociales"]
    assert f["actors"] == [
        "Etat (DRIHL, Préfecture)",
        "ANRU",
        "Collectivités Territoriales (Ville, Département, Région, EPCI)",
        "Bailleur social (Seine St Denis Habitat)",
    ]
    assert len(f["components"]) == 12
    assert f["components"][0] == "Conseil stratégique" and f["components"][-1] == "Capitalisation"
    assert len(f["content"]) == 8
    assert f["content"][0].startswith("Pilotage de l'approfondissement du projet : saisir")
    assert f["stakes"].startswith("Compte tenu de l'absence") and f["stakes"].endswith(
        "contraints."
    )
    assert f["client_type"] is None and f["contact"] is None and f["confidential"] is False
    assert parsed.title_generated
    assert f["title"] == "Pilotage et conduite de projets – Est Ensemble (2023 – 2024)"
    assert any("no title" in w for w in parsed.warnings)
    assert {"title", "project_cost_eur", "programme", "location"} <= set(parsed.missing)


BASE = "Maître d'ouvrage : Ville de Pantin\nAnnée : 2020\n"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Client:Ville de Pantin\nAnnée:2020", "client", "Ville de Pantin"),
        ("MAITRISE D'OUVRAGE :\n\nVille de Pantin\nAnnée : 2020", "client", "Ville de Pantin"),
        ("Commanditaire\tVille de Pantin\nAnnée\t2020", "client", "Ville de Pantin"),
        (BASE + "Montant de la mission :\n52 400 € HT", "fee_eur", 52400),
        (BASE + "Montant HT : 38 500", "fee_eur", 38500),
        (BASE + "Montant HT : 45 000 €\nMontant TTC : 54 000 €", "fee_eur", 45000),
        (BASE + "Montant TTC : 54 000 €", "fee_eur", None),
        (BASE + "Montant :", "fee_eur", None),
        (BASE + "Coût des travaux : 12 M€ HT", "project_cost_eur", 12000000),
        (BASE + "Confidentiel: oui", "confidential", True),
        (BASE + "Confidentiel : non", "confidential", False),
        (BASE + "Public/privé : Public", "client_type", "public"),
        ("Maître d'ouvrage : Est Ensemble\nAnnée : 2020", "client_type", None),
        (BASE, "client_type", "public"),
        (BASE + "Type de mission : AMO", "mission_type", "Assistance à maîtrise d'ouvrage"),
        (BASE + "Type de mission : Urbanisme tactique", "mission_type", "Urbanisme tactique"),
        (BASE + "Equipe : A, B (mandataire) ; C", "team", ["A", "B (mandataire)", "C"]),
        (BASE + "Mandataire : A\nCotraitants : B, C", "team", ["A", "B", "C"]),
        (
            BASE + "Acteurs :\n- ANRU\n- Ville (services techniques, CCAS)",
            "actors",
            ["ANRU", "Ville (services techniques, CCAS)"],
        ),
        (
            BASE + "Acteurs : ANRU, Ville (services,\ntechniques), CAF",
            "actors",
            ["ANRU", "Ville (services, techniques)", "CAF"],
        ),
        (
            BASE + "Composantes :\n- concertation\n- GUSP\n- Montage financier",
            "components",
            ["Concertation", "Gestion urbaine de proximité", "Ingénierie financière"],
        ),
        (
            BASE + "Composantes : Concertaton, Urbanisme commercial",
            "components",
            ["Concertation", "Urbanisme commercial"],
        ),
        (
            BASE + "Contenu de la mission\n• Un.\n\n• Deux, avec une phrase\nqui continue.",
            "content",
            ["Un.", "Deux, avec une phrase qui continue."],
        ),
        (
            BASE + "ENJEUX DE LA MISSION\nPremière ligne\nsuite.\n\nSecond paragraphe.",
            "stakes",
            "Première ligne suite.\n\nSecond paragraphe.",
        ),
        (BASE + "Lieu : Pantin (93)", "location", "Pantin (93)"),
        (BASE + "Programme :\n\nActeurs : ANRU", "programme", None),
        ("Maître d'ouvrage : X\nDate de début : 2016\nDate de fin : 2018", "end_year", 2018),
        ("Maître d'ouvrage : X\nDate de début : 2016", "end_year", None),
        ("Maître d'ouvrage : X\nPériode : 2022 – en cours", "end_year", None),
        ("Maître d'ouvrage : X\nDurée : 2019 - 2021 (24 mois)", "start_year", 2019),
        (
            "Étude urbaine du centre\nMaître d'ouvrage : X\nAnnée : 2020",
            "title",
            "Étude urbaine du centre",
        ),
        (
            "Intitulé de la mission : Plan guide\nMaître d'ouvrage : X\nAnnée : 2020",
            "title",
            "Plan guide",
        ),
        (
            BASE + "Interlocuteur : M. Paul Roy, DGS\nCourriel : p.roy@pantin.fr",
            "contact",
            {"name": "M. Paul Roy", "role": "DGS", "email": "p.roy@pantin.fr", "phone": None},
        ),
    ],
)
def test_fields(text: str, field: str, value: object) -> None:
    assert parse(text).fields[field] == value


def test_absent_fields_stay_empty() -> None:
    fields = parse(BASE).fields
    for key in (
        "location",
        "mission_type",
        "fee_eur",
        "project_cost_eur",
        "director",
        "programme",
        "contact",
    ):
        assert fields[key] is None, key
    for key in ("team", "consultants", "actors", "components", "content"):
        assert fields[key] == [], key
    assert fields["stakes"] == "" and fields["confidential"] is False


def test_warnings_name_what_was_not_read() -> None:
    parsed = parse(
        BASE + "Surface : 12 ha\nMontant TTC : 54 000 €\nComposantes : Urbanisme commercial"
    )
    text = "\n".join(parsed.warnings)
    assert "Surface" in text and "TTC" in text and "Urbanisme commercial" in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Maître d'ouvrage : Ville de Paris\nMontant : 10 000 €", "no year"),
        ("Année : 2020\nMontant : 10 000 €", "no client"),
        ("Bonjour,\nceci est une lettre.", "no fiche fields"),
    ],
)
def test_unusable_fiches(text: str, message: str) -> None:
    with pytest.raises(FicheParseError, match=message):
        parse(text)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "Maître d'ouvrage      Ville de Sevran\nPériode     2021/2022",
            "client",
            "Ville de Sevran",
        ),
        (BASE + "Composantes : Concertation • Habitat", "components", ["Concertation", "Habitat"]),
        (BASE + "Composantes : Concertation / Habitat", "components", ["Concertation", "Habitat"]),
        (BASE + "Acteurs : élus / services, ANRU", "actors", ["élus / services", "ANRU"]),
        (
            BASE + "Contenu de la mission\n- Ateliers de co-\nconstruction avec les habitants",
            "content",
            ["Ateliers de co-construction avec les habitants"],
        ),
    ],
)
def test_layout_variants(text: str, field: str, value: object) -> None:
    assert parse(text).fields[field] == value


PDF_TABLE_TEXT = """Diagnostic en marchant
Maître d'ouvrage Ville de Bondy
Années 2015 – 2016
Montant 25 000 € HT
Coût des travaux non communiqué
Composantes
Concertation / Gestion urbaine de proximité
Interlocuteur M. Yves Martin, chef de projet
"""


def test_pdf_table_labels_without_separator() -> None:
    fields = parse_fiche(PDF_TABLE_TEXT.splitlines(), VOCABULARY, loose_labels=True).fields
    assert fields["client"] == "Ville de Bondy"
    assert (fields["start_year"], fields["end_year"]) == (2015, 2016)
    assert fields["fee_eur"] == 25000 and fields["project_cost_eur"] is None
    assert fields["components"] == ["Concertation", "Gestion urbaine de proximité"]
    assert fields["contact"]["name"] == "M. Yves Martin"  # type: ignore[index]


@pytest.mark.parametrize(
    "sentence",
    [
        "Programme de 450 logements à réhabiliter",
        "Mission de relogement",
        "Projet urbain ambitieux",
    ],
)
def test_loose_labels_leave_sentences_alone(sentence: str) -> None:
    text = f"{sentence}\nMaître d'ouvrage Ville de Bondy\nAnnées 2015"
    fields = parse_fiche(text.splitlines(), VOCABULARY, loose_labels=True).fields
    assert fields["title"] == sentence and fields["programme"] is None


def test_a_file_with_several_fiches_is_refused_not_merged() -> None:
    text = "Maître d'ouvrage : Ville A\nAnnée : 2020\n\nMaître d'ouvrage : Ville B\nAnnée : 2021\n"
    with pytest.raises(FicheParseError, match="2 references"):
        parse(text)


@pytest.mark.parametrize("text", ["2021 – aujourd'hui", "depuis mars 2022", "2020 - à ce jour"])
def test_ongoing_wordings(text: str) -> None:
    fields = parse(f"Maître d'ouvrage : X\nPériode : {text}").fields
    assert fields["end_year"] is None
