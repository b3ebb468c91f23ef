"""Value readers of the importer: labels, years, amounts, bullets, lists, client type."""

from __future__ import annotations

import pytest

from tenderkit.importer.labels import match_label
from tenderkit.importer.values import (
    choose_amount,
    client_type_from_label,
    client_type_from_name,
    parse_bool,
    parse_years,
    split_contact,
    split_items,
    strip_bullet,
)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Maître d'ouvrage", "client"),
        ("Maîtrise d'ouvrage", "client"),
        ("MAÎTRE DE L'OUVRAGE", "client"),
        ("maitre d ouvrage", "client"),
        ("Client", "client"),
        ("Commanditaire", "client"),
        ("Année", "_years"),
        ("Années", "_years"),
        ("Année(s)", "_years"),
        ("Période", "_years"),
        ("Date(s)", "_years"),
        ("Période de réalisation", "_years"),
        ("Date de réalisation", "_years"),
        ("Date de début", "_start"),
        ("Date de fin", "_end"),
        ("Montant", "fee_eur"),
        ("Montant de la mission", "fee_eur"),
        ("Montant des honoraires", "fee_eur"),
        ("Montant HT", "fee_eur"),
        ("Montant des prestations", "fee_eur"),
        ("Coût du projet", "project_cost_eur"),
        ("Coût des travaux", "project_cost_eur"),
        ("Montant des travaux", "project_cost_eur"),
        ("directeur de mission", "director"),
        ("Equipe", "team"),
        ("Mandataire", "team"),
        ("Consultants mobilisés", "consultants"),
        ("Acteurs", "actors"),
        ("Partenaires", "actors"),
        ("Programme", "programme"),
        ("Composantes de la mission", "components"),
        ("ENJEUX DE LA MISSION", "stakes"),
        ("Contexte", "stakes"),
        ("Contenu de la mission", "content"),
        ("Prestations réalisées", "content"),
        ("Missions", "content"),
        ("Intitulé de la mission", "title"),
        ("Objet", "title"),
        ("Lieu", "location"),
        ("Localisation", "location"),
        ("Public/privé", "client_type"),
        ("Interlocuteur", "_contact"),
        ("Téléphone", "_phone"),
        ("Courriel", "_email"),
        ("Confidentiel", "confidential"),
        ("Type de mission", "mission_type"),
        ("Durée", "_duration"),
    ],
)
def test_label_variants(label: str, field: str) -> None:
    found = match_label(label)
    assert found is not None and found.field == field


@pytest.mark.parametrize(
    "text",
    ["Pilotage de l'approfondissement du projet", "Concertation", "Est Ensemble", "Gaël Curet", ""],
)
def test_non_labels(text: str) -> None:
    assert match_label(text) is None


@pytest.mark.parametrize(
    ("label", "tax"),
    [
        ("Montant HT", "HT"),
        ("Montant TTC", "TTC"),
        ("Montant de la mission (HT)", "HT"),
        ("Montant", None),
    ],
)
def test_label_tax(label: str, tax: str | None) -> None:
    assert match_label(label).tax == tax  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023 - 2024", 2023, 2024),
        ("2019-2021", 2019, 2021),
        ("2018", 2018, 2018),
        ("depuis 2024", 2024, None),
        ("Depuis 2022", 2022, None),
        ("2022 – en cours", 2022, None),
        ("mars 2019 – juin 2021", 2019, 2021),
        ("2019 à 2021", 2019, 2021),
        ("de 2019 à 2021", 2019, 2021),
        ("2019/2021", 2019, 2021),
        ("2019-21", 2019, 2021),
        ("2022 -", 2022, None),
        ("12/03/2019", 2019, 2019),
    ],
)
def test_years(text: str, start: int, end: int | None) -> None:
    years = parse_years(text)
    assert years is not None and (years.start, years.end) == (start, end)


@pytest.mark.parametrize("text", ["en cours", "NC", "18 mois", ""])
def test_no_years(text: str) -> None:
    assert parse_years(text) is None


@pytest.mark.parametrize(
    ("text", "euros"),
    [
        ("52 400 €", 52400),
        ("52 400 € HT", 52400),
        ("52.400 euros", 52400),
        ("52,4 k€", 52400),
        ("52,4 K€ HT", 52400),
        ("1 250 000 €", 1250000),
        ("1,2 M€", 1200000),
        ("1.250.000 €", 1250000),
        ("52\u202f400\u00a0€", 52400),
        ("52 400,00 €", 52400),
        ("52400", 52400),
        ("1,5 million d'euros", 1500000),
        ("45 000 € HT (54 000 € TTC)", 45000),
        ("54 000 € TTC, soit 45 000 € HT", 45000),
    ],
)
def test_amounts(text: str, euros: int) -> None:
    assert choose_amount(text)[0] == euros


def test_ttc_only_is_left_empty_with_a_warning() -> None:
    value, warning = choose_amount("62 880 € TTC")
    assert value is None and warning is not None and "TTC" in warning


@pytest.mark.parametrize("text", ["NC", "non communiqué", "52 m"])
def test_unreadable_amounts(text: str) -> None:
    value, warning = choose_amount(text)
    assert value is None and warning


@pytest.mark.parametrize(
    ("line", "text", "bullet"),
    [
        ("- ▶ Pilotage", "Pilotage", True),
        ("▶ Pilotage", "Pilotage", True),
        ("▶Pilotage", "Pilotage", True),
        ("• Pilotage", "Pilotage", True),
        ("- Pilotage", "Pilotage", True),
        ("* Pilotage", "Pilotage", True),
        ("– Pilotage", "Pilotage", True),
        ("1. Pilotage", "Pilotage", True),
        ("2) Pilotage", "Pilotage", True),
        ("\uf0a7 Pilotage", "Pilotage", True),
        ("■ Pilotage", "Pilotage", True),
        ("➢ Pilotage", "Pilotage", True),
        ("✓ Pilotage", "Pilotage", True),
        ("o Pilotage", "Pilotage", True),
        ("○ Pilotage", "Pilotage", True),
        ("► Pilotage", "Pilotage", True),
        ("→ Pilotage", "Pilotage", True),
        ("Pilotage", "Pilotage", False),
        ("-2 % de vacance", "-2 % de vacance", False),
        ("1,2 M€", "1,2 M€", False),
        ("opération", "opération", False),
    ],
)
def test_bullets(line: str, text: str, bullet: bool) -> None:
    assert strip_bullet(line) == (text, bullet)


def test_split_items_outside_parentheses() -> None:
    text = (
        "Etat (DRIHL, Préfecture), ANRU, Collectivités Territoriales (Ville, Département, Région, "
        "EPCI), Bailleur social (Seine St Denis Habitat)."
    )
    assert split_items(text) == [
        "Etat (DRIHL, Préfecture)",
        "ANRU",
        "Collectivités Territoriales (Ville, Département, Région, EPCI)",
        "Bailleur social (Seine St Denis Habitat)",
    ]
    assert split_items("A ; B ; et C") == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("text", "flag"),
    [("oui", True), ("Oui.", True), ("non", False), ("NON", False), ("peut-être", None)],
)
def test_bool(text: str, flag: bool | None) -> None:
    assert parse_bool(text) is flag


@pytest.mark.parametrize(
    ("client", "kind"),
    [
        ("Ville de Bobigny", "public"),
        ("Commune de Villeneuve-Saint-Georges", "public"),
        ("EPT Plaine Commune", "public"),
        ("Département de la Seine-Saint-Denis", "public"),
        ("Région Île-de-France", "public"),
        ("Métropole du Grand Paris", "public"),
        ("Communauté d'agglomération Grand Paris Sud", "public"),
        ("Communauté de communes du Pays de Gex", "public"),
        ("OPH Montreuillois", "public"),
        ("Office public de l'habitat de Bobigny", "public"),
        ("SPL Ensemble", "public"),
        ("Est Ensemble", None),
        ("Seine-Saint-Denis Habitat", None),
        ("Paris Habitat", None),
        ("Villeneuve Habitat", None),
    ],
)
def test_client_type_from_name(client: str, kind: str | None) -> None:
    assert client_type_from_name(client) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Public", "public"), ("publique", "public"), ("Privé", "private"), ("public / privé", None)],
)
def test_client_type_from_label(text: str, kind: str | None) -> None:
    assert client_type_from_label(text) == kind


def test_contact_split() -> None:
    assert split_contact(
        "Mme Claire Dupont, cheffe de projet ANRU, 01 23 45 67 89, c.dupont@ville.fr"
    ) == {
        "name": "Mme Claire Dupont",
        "role": "cheffe de projet ANRU",
        "email": "c.dupont@ville.fr",
        "phone": "01 23 45 67 89",
    }
