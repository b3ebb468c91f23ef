"""Generate the held-out fiches (and their expected fields) of ``tests/data/fiches_heldout``.

These fiches were written *before* reading the importer's code or its own fixtures, after the
layouts seen in French candidature files (DC annexes, "Note de références", "Références de
l'équipe"): DC-style numbered references, upper-case labels, dot leaders, Markdown tables,
Word tables (2 and 4 columns, merged title row, multi-paragraph cells), Heading 1 titles,
Word list paragraphs, PDFs with wrapped paragraphs, bordered tables and letterheads.

Each fiche ``NN-name.ext`` has ``expected/NN-name.yaml``: every reference field except
``id``, as a careful person would fill it from the fiche alone (absent -> empty, no guessed
client type, TTC-only amount not converted, mission types and components written with the
vocabulary's canonical name when the fiche uses one of its variants).

Run ``python tests/data/fiches_heldout/make_heldout.py`` to regenerate; outputs are checked in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIELDS = (
    "title client client_type location start_year end_year mission_type fee_eur "
    "project_cost_eur team director consultants programme actors components stakes "
    "content contact confidential"
).split()
_LISTS = {"team", "consultants", "actors", "components", "content"}


def expected(**fields: Any) -> dict[str, Any]:
    """All fields of a reference, empty unless given."""
    out: dict[str, Any] = {}
    for key in FIELDS:
        if key in fields:
            out[key] = fields[key]
        elif key in _LISTS:
            out[key] = []
        elif key == "stakes":
            out[key] = ""
        elif key == "confidential":
            out[key] = False
        else:
            out[key] = None
    unknown = set(fields) - set(FIELDS)
    assert not unknown, unknown
    return out


def contact(name=None, role=None, email=None, phone=None) -> dict[str, Any]:  # noqa: ANN001
    return {"name": name, "role": role, "email": email, "phone": phone}


EXPECTED: dict[str, dict[str, Any]] = {}
TEXTS: dict[str, tuple[str, str, str]] = {}  # name -> (text, encoding, newline)

# --------------------------------------------------------------------------- text fiches

TEXTS["01-programmation-tanneries.txt"] = (
    """RÉFÉRENCE N°2

Intitulé de la mission : Étude de programmation du pôle culturel des Tanneries
Maîtrise d'ouvrage : Communauté d'agglomération du Grand Dole
Localisation : Dole (39)
Date de réalisation : mars 2019 – juin 2021
Montant des honoraires : 45 000 € HT
Nature de la mission : Étude de programmation
Mandataire : Atelier Trame
Cotraitants : Bureau Ossature (économiste), Sonora Acoustique
Chef de projet : Claire Vasseur
Référent : Paul Girardot, directeur de la culture – 03 84 79 78 00 – p.girardot@grand-dole.fr

Contexte
La friche des anciennes tanneries, propriété de l'agglomération depuis 2017, devait
accueillir un équipement culturel mutualisé (médiathèque, école de musique, salle de
diffusion). La collectivité souhaitait un programme partagé avec les usagers avant le
concours de maîtrise d'œuvre.

Prestations réalisées
– Diagnostic de l'offre culturelle existante et des besoins des usagers
– Ateliers de programmation avec les équipes des trois équipements
– Scénarios d'implantation et estimation du coût des travaux
– Rédaction du programme technique détaillé du concours
""",
    "utf-8",
    "\n",
)
EXPECTED["01-programmation-tanneries"] = expected(
    title="Étude de programmation du pôle culturel des Tanneries",
    client="Communauté d'agglomération du Grand Dole",
    client_type="public",
    location="Dole (39)",
    start_year=2019,
    end_year=2021,
    mission_type="Programmation",
    fee_eur=45000,
    team=["Atelier Trame", "Bureau Ossature (économiste)", "Sonora Acoustique"],
    director="Claire Vasseur",
    stakes=(
        "La friche des anciennes tanneries, propriété de l'agglomération depuis 2017, devait "
        "accueillir un équipement culturel mutualisé (médiathèque, école de musique, salle de "
        "diffusion). La collectivité souhaitait un programme partagé avec les usagers avant le "
        "concours de maîtrise d'œuvre."
    ),
    content=[
        "Diagnostic de l'offre culturelle existante et des besoins des usagers",
        "Ateliers de programmation avec les équipes des trois équipements",
        "Scénarios d'implantation et estimation du coût des travaux",
        "Rédaction du programme technique détaillé du concours",
    ],
    contact=contact(
        "Paul Girardot", "directeur de la culture", "p.girardot@grand-dole.fr", "03 84 79 78 00"
    ),
)

TEXTS["02-copropriete-erables.txt"] = (
    """FICHE REFERENCE

OPERATION : Plan de sauvegarde de la copropriété Les Érables
MAITRE D'OUVRAGE : Ville de Montereau-Fault-Yonne
LIEU : Montereau-Fault-Yonne (77), quartier de Surville
PERIODE : 2019 à 2021
MONTANT HT : 45.000,00 €
TYPE DE MISSION : Suivi-animation
EQUIPE : Urbanis Conseil (mandataire), Cabinet Lemaire Avocats
INTERVENANTS : Sophie Amrani, Julien Roux
PARTENAIRES : Anah, DDT de Seine-et-Marne, syndic Foncia

ENJEUX
Copropriété de 212 logements en grande difficulté financière, avec un taux d'impayés de 38 % et des travaux de sécurité urgents sur les parties communes.

MISSIONS REALISEES
- Animation du plan de sauvegarde et secrétariat de la commission
- Accompagnement du conseil syndical et du syndic dans le redressement des comptes
- Montage des dossiers de subventions Anah

COMPOSANTES
Copropriétés dégradées ; Ingénierie financière ; Concertation
""",
    "cp1252",
    "\r\n",
)
EXPECTED["02-copropriete-erables"] = expected(
    title="Plan de sauvegarde de la copropriété Les Érables",
    client="Ville de Montereau-Fault-Yonne",
    client_type="public",
    location="Montereau-Fault-Yonne (77), quartier de Surville",
    start_year=2019,
    end_year=2021,
    mission_type="Suivi-animation",
    fee_eur=45000,
    team=["Urbanis Conseil (mandataire)", "Cabinet Lemaire Avocats"],
    consultants=["Sophie Amrani", "Julien Roux"],
    actors=["Anah", "DDT de Seine-et-Marne", "syndic Foncia"],
    components=["Copropriétés dégradées", "Ingénierie financière", "Concertation"],
    stakes=(
        "Copropriété de 212 logements en grande difficulté financière, avec un taux d'impayés "
        "de 38 % et des travaux de sécurité urgents sur les parties communes."
    ),
    content=[
        "Animation du plan de sauvegarde et secrétariat de la commission",
        "Accompagnement du conseil syndical et du syndic dans le redressement des comptes",
        "Montage des dossiers de subventions Anah",
    ],
)

TEXTS["03-gusp-mail-rennes.txt"] = (
    "\ufeff"
    """Références similaires – Fiche 4

Objet : Diagnostic en marchant et plan d'actions GUSP du quartier du Mail
Donneur d'ordre : Rennes Métropole
Commune : Rennes
Année de réalisation : 2022
Montant de la prestation : 45 k€ HT
Nature de la prestation : Diagnostic
Directrice de projet : Anne Le Goff
Équipe mobilisée : Anne Le Goff, Yann Morvan, Lucie Perrin
Acteurs associés : Archipel Habitat, Neotoa, conseil citoyen du Mail, Ville de Rennes
Mots clés : GUSP, participation des habitants, tranquillité publique

Enjeux de la mission :
Le quartier du Mail cumulait des dysfonctionnements de gestion (encombrants, éclairage, halls dégradés) que les habitants ne signalaient plus. La métropole voulait un plan d'actions partagé entre bailleurs et services avant la signature de la convention GUSP.

Contenu de la mission :
• Cinq diagnostics en marchant avec habitants, bailleurs et services
• Cartographie des dysfonctionnements et priorisation en atelier
• Rédaction du plan d'actions et des fiches de suivi
""",
    "utf-8",
    "\n",
)
EXPECTED["03-gusp-mail-rennes"] = expected(
    title="Diagnostic en marchant et plan d'actions GUSP du quartier du Mail",
    client="Rennes Métropole",
    client_type="public",
    location="Rennes",
    start_year=2022,
    end_year=2022,
    mission_type="Etudes et diagnostics",
    fee_eur=45000,
    director="Anne Le Goff",
    consultants=["Anne Le Goff", "Yann Morvan", "Lucie Perrin"],
    actors=["Archipel Habitat", "Neotoa", "conseil citoyen du Mail", "Ville de Rennes"],
    components=[
        "Gestion urbaine de proximité",
        "Concertation",
        "Sécurité et tranquillité publique",
    ],
    stakes=(
        "Le quartier du Mail cumulait des dysfonctionnements de gestion (encombrants, éclairage, "
        "halls dégradés) que les habitants ne signalaient plus. La métropole voulait un plan "
        "d'actions partagé entre bailleurs et services avant la signature de la convention GUSP."
    ),
    content=[
        "Cinq diagnostics en marchant avec habitants, bailleurs et services",
        "Cartographie des dysfonctionnements et priorisation en atelier",
        "Rédaction du plan d'actions et des fiches de suivi",
    ],
)

TEXTS["04-concertation-hauts-de-garonne.md"] = (
    """# Accompagnement de la concertation du NPNRU des Hauts de Garonne

| Rubrique | Détail |
|---|---|
| Client | Bordeaux Métropole |
| Lieu | Cenon, Lormont, Floirac (33) |
| Période | Depuis septembre 2022 |
| Montant | 120 000 euros HT (dont tranche optionnelle 20 000 €) |
| Type de mission | Concertation |
| Programme | NPNRU |
| Équipe | Palabres (mandataire) ; Studio Tactique |
| Contact | Marion Dufau, cheffe de projet renouvellement urbain, m.dufau@bordeaux-metropole.fr |

## Contexte et enjeux

Les trois communes engagent la démolition de 640 logements et la reconstitution d'une offre diversifiée. La métropole souhaite associer les habitants à chaque étape, du relogement à la conception des espaces publics.

## Missions

1. Animation de la maison du projet et permanences hebdomadaires
2. Ateliers de co-conception des espaces publics avec les habitants
3. Journal du projet trimestriel et bilan annuel de la concertation

**Confidentiel** : non
""",
    "utf-8",
    "\n",
)
EXPECTED["04-concertation-hauts-de-garonne"] = expected(
    title="Accompagnement de la concertation du NPNRU des Hauts de Garonne",
    client="Bordeaux Métropole",
    client_type="public",
    location="Cenon, Lormont, Floirac (33)",
    start_year=2022,
    end_year=None,
    mission_type="Concertation et participation",
    fee_eur=120000,
    programme="NPNRU",
    team=["Palabres (mandataire)", "Studio Tactique"],
    stakes=(
        "Les trois communes engagent la démolition de 640 logements et la reconstitution d'une "
        "offre diversifiée. La métropole souhaite associer les habitants à chaque étape, du "
        "relogement à la conception des espaces publics."
    ),
    content=[
        "Animation de la maison du projet et permanences hebdomadaires",
        "Ateliers de co-conception des espaces publics avec les habitants",
        "Journal du projet trimestriel et bilan annuel de la concertation",
    ],
    contact=contact(
        "Marion Dufau", "cheffe de projet renouvellement urbain", "m.dufau@bordeaux-metropole.fr"
    ),
)

TEXTS["05-espaces-publics-centre-bourg.txt"] = (
    """AMÉNAGEMENT DES ESPACES PUBLICS DU CENTRE-BOURG

Maître d'ouvrage : Commune de Saint-Jean-de-Boiseau
Localisation : Saint-Jean-de-Boiseau (44)
Mission : Maîtrise d'œuvre urbaine (mission de base + OPC)
Calendrier : 2022 – en cours
Honoraires : 186 000 € TTC
Coût des travaux : 2,4 M€ HT
Équipe : Paysages Ouverts (mandataire), Ingé VRD Ouest (BET VRD)

Présentation du projet :
Requalification de la place de l'église, de la rue principale et des abords de l'école, pour donner la priorité aux piétons et désimperméabiliser les sols.

Éléments de mission :
▪ AVP et PRO en concertation avec les commerçants
▪ Consultation des entreprises (ACT)
▪ Direction de l'exécution des travaux (DET) et réception (AOR)
""",
    "utf-8",
    "\r\n",
)
EXPECTED["05-espaces-publics-centre-bourg"] = expected(
    title="AMÉNAGEMENT DES ESPACES PUBLICS DU CENTRE-BOURG",
    client="Commune de Saint-Jean-de-Boiseau",
    client_type="public",
    location="Saint-Jean-de-Boiseau (44)",
    start_year=2022,
    end_year=None,
    mission_type="Maîtrise d'œuvre urbaine (mission de base + OPC)",
    fee_eur=None,
    project_cost_eur=2400000,
    team=["Paysages Ouverts (mandataire)", "Ingé VRD Ouest (BET VRD)"],
    stakes=(
        "Requalification de la place de l'église, de la rue principale et des abords de l'école, "
        "pour donner la priorité aux piétons et désimperméabiliser les sols."
    ),
    content=[
        "AVP et PRO en concertation avec les commerçants",
        "Consultation des entreprises (ACT)",
        "Direction de l'exécution des travaux (DET) et réception (AOR)",
    ],
)

TEXTS["06-evaluation-contrat-de-ville-cergy.txt"] = (
    """Evaluation à mi-parcours du contrat de ville de l'agglomération de Cergy-Pontoise

Commanditaire : Communauté d'agglomération de Cergy-Pontoise
Territoire : Cergy-Pontoise (95)
Durée : 18 mois (2020-2021)
Montant : 38 500 € H.T.
Type d'intervention : Évaluation de politique publique
Responsable de la mission : Hélène Marquet
Consultants : Hélène Marquet, Karim Benali
Parties prenantes : Etat (Préfecture du Val-d'Oise), Conseil départemental du Val-d'Oise, CAF, bailleurs sociaux
Interlocuteur : Nadia Ferhat, cheffe de projet politique de la ville
Tél. : 01 34 41 42 43
Courriel : nadia.ferhat@cergypontoise.fr

Objectifs : mesurer les effets des actions financées depuis 2015 sur les quatre quartiers prioritaires et préparer l'avenant de prolongation du contrat.

Contenu :
* Analyse documentaire et statistique des quatre quartiers
* 45 entretiens avec les partenaires et porteurs de projets
* Questionnaire aux associations financées
* Rapport d'évaluation et recommandations pour l'avenant

Composantes de la mission : Evaluation / Cohésion sociale / Animation partenariale
""",
    "cp1252",
    "\n",
)
EXPECTED["06-evaluation-contrat-de-ville-cergy"] = expected(
    title="Evaluation à mi-parcours du contrat de ville de l'agglomération de Cergy-Pontoise",
    client="Communauté d'agglomération de Cergy-Pontoise",
    client_type="public",
    location="Cergy-Pontoise (95)",
    start_year=2020,
    end_year=2021,
    mission_type="Evaluation",
    fee_eur=38500,
    director="Hélène Marquet",
    consultants=["Hélène Marquet", "Karim Benali"],
    actors=[
        "Etat (Préfecture du Val-d'Oise)",
        "Conseil départemental du Val-d'Oise",
        "CAF",
        "bailleurs sociaux",
    ],
    components=["Evaluation", "Cohésion sociale", "Animation partenariale"],
    stakes=(
        "mesurer les effets des actions financées depuis 2015 sur les quatre quartiers "
        "prioritaires et préparer l'avenant de prolongation du contrat."
    ),
    content=[
        "Analyse documentaire et statistique des quatre quartiers",
        "45 entretiens avec les partenaires et porteurs de projets",
        "Questionnaire aux associations financées",
        "Rapport d'évaluation et recommandations pour l'avenant",
    ],
    contact=contact(
        "Nadia Ferhat",
        "cheffe de projet politique de la ville",
        "nadia.ferhat@cergypontoise.fr",
        "01 34 41 42 43",
    ),
)

TEXTS["07-direction-projet-zac-gratte-ciel.txt"] = (
    """FICHE RÉFÉRENCE PROJET

Projet ........................ Direction de projet externalisée de la ZAC Gratte-Ciel Centre-Ville
Maître d'ouvrage .............. Société publique locale Lyon Confluence
Lieu .......................... Villeurbanne (69)
Période ....................... 09/2019 – 06/2021
Montant du marché ............. 0,9 M€ HT
Coût d'objectif ............... 35 M€ HT
Nature de la mission .......... Direction de projet externalisée
Directeur de projet ........... Olivier Chapuis

Missions :
→ Pilotage des études de maîtrise d'œuvre des espaces publics
→ Coordination des opérateurs immobiliers et des calendriers
→ Préparation des comités de pilotage et des arbitrages du maître d'ouvrage
""",
    "utf-8",
    "\n",
)
EXPECTED["07-direction-projet-zac-gratte-ciel"] = expected(
    title="Direction de projet externalisée de la ZAC Gratte-Ciel Centre-Ville",
    client="Société publique locale Lyon Confluence",
    client_type="public",
    location="Villeurbanne (69)",
    start_year=2019,
    end_year=2021,
    mission_type="Pilotage et conduite de projets",
    fee_eur=900000,
    project_cost_eur=35000000,
    director="Olivier Chapuis",
    content=[
        "Pilotage des études de maîtrise d'œuvre des espaces publics",
        "Coordination des opérateurs immobiliers et des calendriers",
        "Préparation des comités de pilotage et des arbitrages du maître d'ouvrage",
    ],
)

# --------------------------------------------------------------------------- Word fiches


def docx_08(path: Path) -> None:
    """Heading 1 title, 'label : value' paragraphs with bold labels, Word list bullets."""
    from docx import Document

    doc = Document()
    doc.add_heading("AMO pour la création du Pôle Santé de Bobigny", level=1)
    for label, value in [
        ("Maître de l'ouvrage", "Département de la Seine-Saint-Denis"),
        ("Lieu d'exécution", "Bobigny (93)"),
        ("Dates", "janvier 2020 – décembre 2022"),
        ("Montant", "96 000 € HT (115 200 € TTC)"),
        ("Prestation", "AMO"),
        ("Composition de l'équipe", "Ville & Santé Conseil, Programmes Associés"),
    ]:
        p = doc.add_paragraph()
        p.add_run(f"{label} : ").bold = True
        p.add_run(value)
    doc.add_heading("Enjeux", level=2)
    doc.add_paragraph(
        "Regrouper dans un même bâtiment un centre de santé, une PMI et un centre de "
        "planification, en s'appuyant sur les professionnels libéraux du territoire."
    )
    doc.add_heading("Contenu de la mission", level=2)
    for item in [
        "Étude de besoins auprès des professionnels de santé",
        "Programme fonctionnel et montage juridique de la structure",
        "Suivi du concours de maîtrise d'œuvre",
    ]:
        doc.add_paragraph(item, style="List Bullet")
    doc.add_heading("Composantes", level=2)
    for item in ["Programmation", "Montage financier", "Animation du partenariat"]:
        doc.add_paragraph(item, style="List Bullet")
    doc.save(path)


EXPECTED["08-amo-pole-sante-bobigny"] = expected(
    title="AMO pour la création du Pôle Santé de Bobigny",
    client="Département de la Seine-Saint-Denis",
    client_type="public",
    location="Bobigny (93)",
    start_year=2020,
    end_year=2022,
    mission_type="Assistance à maîtrise d'ouvrage",
    fee_eur=96000,
    team=["Ville & Santé Conseil", "Programmes Associés"],
    stakes=(
        "Regrouper dans un même bâtiment un centre de santé, une PMI et un centre de "
        "planification, en s'appuyant sur les professionnels libéraux du territoire."
    ),
    content=[
        "Étude de besoins auprès des professionnels de santé",
        "Programme fonctionnel et montage juridique de la structure",
        "Suivi du concours de maîtrise d'œuvre",
    ],
    components=["Programmation urbaine", "Ingénierie financière", "Animation partenariale"],
)


def docx_09(path: Path) -> None:
    """Boilerplate heading, 2-column table with multi-paragraph cells."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Références de l'équipe")
    rows = [
        ("Intitulé", ["Schéma directeur des espaces publics des berges de Seine"]),
        ("Nom du client", ["Établissement public territorial Grand-Orly Seine Bièvre"]),
        ("Localisation", ["Choisy-le-Roi, Vitry-sur-Seine (94)"]),
        ("Dates de la mission", ["2019/2021"]),
        ("Montant de la prestation", ["52 400 € HT"]),
        ("Nature de la mission", ["Études urbaines / plan guide"]),
        ("Chef de projet", ["Lucas Ferreira"]),
        (
            "Contexte",
            [
                "Les berges sont coupées de la ville par la RD 152 et des emprises "
                "d'activités. Le territoire voulait un cadre commun avant les opérations "
                "de la Seine Amont."
            ],
        ),
        (
            "Prestations",
            [
                "- Diagnostic des continuités et des usages des berges",
                "- Trois scénarios d'aménagement et leur chiffrage",
                "- Plan guide et fiches actions par séquence",
            ],
        ),
        (
            "Contact",
            [
                "Pierre Lantier",
                "Directeur de l'aménagement",
                "01 78 18 22 22",
                "pierre.lantier@grandorlyseinebievre.fr",
            ],
        ),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, paragraphs in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = paragraphs[0]
        for extra in paragraphs[1:]:
            cells[1].add_paragraph(extra)
    doc.save(path)


EXPECTED["09-schema-directeur-berges"] = expected(
    title="Schéma directeur des espaces publics des berges de Seine",
    client="Établissement public territorial Grand-Orly Seine Bièvre",
    client_type="public",
    location="Choisy-le-Roi, Vitry-sur-Seine (94)",
    start_year=2019,
    end_year=2021,
    mission_type="Études urbaines / plan guide",
    fee_eur=52400,
    director="Lucas Ferreira",
    stakes=(
        "Les berges sont coupées de la ville par la RD 152 et des emprises d'activités. Le "
        "territoire voulait un cadre commun avant les opérations de la Seine Amont."
    ),
    content=[
        "Diagnostic des continuités et des usages des berges",
        "Trois scénarios d'aménagement et leur chiffrage",
        "Plan guide et fiches actions par séquence",
    ],
    contact=contact(
        "Pierre Lantier",
        "Directeur de l'aménagement",
        "pierre.lantier@grandorlyseinebievre.fr",
        "01 78 18 22 22",
    ),
)


def docx_10(path: Path) -> None:
    """Title style, 4-column 'label | value | label | value' table, caps headings."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Conduite du projet de renouvellement urbain des Clochettes", style="Title")
    rows = [
        ("Maître d'ouvrage", "Mairie de Saint-Fons", "Localisation", "Saint-Fons (69)"),
        ("Année(s)", "2021 – 2023", "Montant HT", "64 800 €"),
        ("Mission", "Conduite de projet", "Chef de projet", "Marc Delorme"),
        ("Coût de l'opération", "12 M€", "Confidentialité", "non"),
    ]
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    p = doc.add_paragraph()
    p.add_run("CONTEXTE").bold = True
    doc.add_paragraph(
        "Quartier de 1 100 logements sociaux retenu au NPNRU au titre des projets d'intérêt "
        "régional ; la ville ne disposait pas d'équipe projet dédiée."
    )
    p = doc.add_paragraph()
    p.add_run("MISSION CONFIÉE").bold = True
    for item in [
        "Pilotage de l'étude urbaine et du plan guide",
        "Préparation du dossier de revue de projet ANRU",
        "Animation des comités techniques avec les bailleurs",
    ]:
        doc.add_paragraph(item, style="List Bullet")
    doc.save(path)


EXPECTED["10-conduite-projet-clochettes"] = expected(
    title="Conduite du projet de renouvellement urbain des Clochettes",
    client="Mairie de Saint-Fons",
    client_type="public",
    location="Saint-Fons (69)",
    start_year=2021,
    end_year=2023,
    mission_type="Pilotage et conduite de projets",
    fee_eur=64800,
    project_cost_eur=12000000,
    director="Marc Delorme",
    stakes=(
        "Quartier de 1 100 logements sociaux retenu au NPNRU au titre des projets d'intérêt "
        "régional ; la ville ne disposait pas d'équipe projet dédiée."
    ),
    content=[
        "Pilotage de l'étude urbaine et du plan guide",
        "Préparation du dossier de revue de projet ANRU",
        "Animation des comités techniques avec les bailleurs",
    ],
    confidential=False,
)


def docx_11(path: Path) -> None:
    """Bold label paragraphs with the value on the next paragraph; numbered list."""
    from docx import Document

    doc = Document()
    p = doc.add_paragraph()
    p.add_run("Formation des gardiens à la gestion des conflits").bold = True
    for label, value in [
        ("Client", "Immobilière 3F"),
        ("Statut du client", "privé"),
        ("Localisation", "Île-de-France (sites de Sarcelles et d'Argenteuil)"),
        ("Période de réalisation", "2018"),
        ("Montant des honoraires", "27 500 € HT"),
        ("Type de mission", "Formation"),
        ("Intervenants", "Fatou Diallo, Thomas Berger"),
    ]:
        p = doc.add_paragraph()
        p.add_run(label).bold = True
        doc.add_paragraph(value)
    p = doc.add_paragraph()
    p.add_run("CONTEXTE ET ENJEUX").bold = True
    doc.add_paragraph(
        "Les gardiens, premiers interlocuteurs des locataires, faisaient face à une hausse des "
        "incivilités et demandaient des outils pour désamorcer les situations tendues."
    )
    p = doc.add_paragraph()
    p.add_run("MISSIONS RÉALISÉES").bold = True
    for item in [
        "Conception d'un module de deux jours avec mises en situation",
        "Huit sessions pour 96 gardiens et responsables de secteur",
        "Guide de poche remis aux participants",
    ]:
        doc.add_paragraph(item, style="List Number")
    p = doc.add_paragraph()
    p.add_run("COMPÉTENCES MOBILISÉES").bold = True
    for item in ["Formation", "Gestion urbaine de proximité", "Tranquillité publique"]:
        doc.add_paragraph(item, style="List Bullet")
    doc.save(path)


EXPECTED["11-formation-gardiens-3f"] = expected(
    title="Formation des gardiens à la gestion des conflits",
    client="Immobilière 3F",
    client_type="private",
    location="Île-de-France (sites de Sarcelles et d'Argenteuil)",
    start_year=2018,
    end_year=2018,
    mission_type="Formation et capitalisation",
    fee_eur=27500,
    consultants=["Fatou Diallo", "Thomas Berger"],
    stakes=(
        "Les gardiens, premiers interlocuteurs des locataires, faisaient face à une hausse des "
        "incivilités et demandaient des outils pour désamorcer les situations tendues."
    ),
    content=[
        "Conception d'un module de deux jours avec mises en situation",
        "Huit sessions pour 96 gardiens et responsables de secteur",
        "Guide de poche remis aux participants",
    ],
    components=["Formation", "Gestion urbaine de proximité", "Sécurité et tranquillité publique"],
)


def docx_12(path: Path) -> None:
    """Table with a merged title row, labels ending in ':', a cell with line breaks."""
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    title = table.rows[0].cells[0].merge(table.rows[0].cells[1])
    title.text = "Urbaniste coordonnateur de la ZAC des Docks"
    rows = [
        ("Maîtrise d'ouvrage :", "Grand Paris Aménagement"),
        ("Lieu :", "Saint-Ouen-sur-Seine (93)"),
        ("Période :", "2020 – 2024"),
        ("Montant des honoraires :", "310 000 € HT"),
        ("Enveloppe travaux :", "48 M€ HT"),
        ("Mission :", "Urbaniste coordonnateur de ZAC"),
    ]
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    cells = table.add_row().cells
    cells[0].text = "Équipe :"
    run = cells[1].paragraphs[0].add_run("Mandataire : Ville Ouverte")
    run.add_break()
    cells[1].paragraphs[0].add_run("Cotraitant : Atelier Georges")
    cells = table.add_row().cells
    cells[0].text = "Enjeux :"
    cells[1].text = (
        "Achever la reconversion de 100 ha d'anciennes emprises industrielles en gardant une "
        "cohérence architecturale et paysagère entre les lots confiés à douze promoteurs."
    )
    cells = table.add_row().cells
    cells[0].text = "Missions réalisées :"
    first = True
    for item in [
        "Fiches de lots et cahier de prescriptions",
        "Avis sur les permis de construire",
        "Suivi de la cohérence des espaces publics",
    ]:
        if first:
            cells[1].paragraphs[0].text = item
            cells[1].paragraphs[0].style = doc.styles["List Bullet"]
            first = False
        else:
            cells[1].add_paragraph(item, style="List Bullet")
    doc.save(path)


EXPECTED["12-coordination-zac-docks"] = expected(
    title="Urbaniste coordonnateur de la ZAC des Docks",
    client="Grand Paris Aménagement",
    client_type=None,
    location="Saint-Ouen-sur-Seine (93)",
    start_year=2020,
    end_year=2024,
    mission_type="Urbaniste coordonnateur de ZAC",
    fee_eur=310000,
    project_cost_eur=48000000,
    team=["Ville Ouverte", "Atelier Georges"],
    stakes=(
        "Achever la reconversion de 100 ha d'anciennes emprises industrielles en gardant une "
        "cohérence architecturale et paysagère entre les lots confiés à douze promoteurs."
    ),
    content=[
        "Fiches de lots et cahier de prescriptions",
        "Avis sur les permis de construire",
        "Suivi de la cohérence des espaces publics",
    ],
)

# --------------------------------------------------------------------------- PDF fiches


def _pdf():  # noqa: ANN202
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def pdf_13(path: Path) -> None:
    """Letterhead line, labelled lines, wrapped paragraph and wrapped bullets, page footer."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 9)
    pdf.cell(0, 6, "ATELIER ALTITUDES – Urbanisme & concertation", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 10)
    for line in [
        "Intitulé de l'opération : Concertation préalable au projet de renouvellement urbain de "
        "Bellevue",
        "Maître d'ouvrage : Ville de Brest",
        "Site : quartier de Bellevue, Brest (29)",
        "Dates : de 2019 à 2021",
        "Montant HT : 45 000 €",
        "Nature de la mission : Concertation",
        "Directeur de mission : Gaël Kerhervé",
        "Équipe : Atelier Altitudes, Les Ateliers du Cercle",
    ]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "Enjeux de la mission", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        0,
        6,
        "Bellevue, grand ensemble de 1 800 logements, entrait dans le NPNRU sans instance de "
        "participation active. Il fallait construire avec les habitants un diagnostic partagé "
        "et des orientations avant la signature de la convention.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "Contenu de la mission", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for item in [
        "Diagnostic en marchant et ateliers de quartier dans les trois secteurs de Bellevue, "
        "avec les associations et le conseil citoyen",
        "Réunions publiques de lancement et de restitution",
        "Bilan de la concertation annexé au dossier de l'ANRU",
    ]:
        pdf.multi_cell(0, 6, f"• {item}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-20)
    pdf.set_font("DejaVu", "", 8)
    pdf.cell(0, 6, "1/1", align="C")
    pdf.output(str(path))


EXPECTED["13-concertation-bellevue-brest"] = expected(
    title="Concertation préalable au projet de renouvellement urbain de Bellevue",
    client="Ville de Brest",
    client_type="public",
    location="quartier de Bellevue, Brest (29)",
    start_year=2019,
    end_year=2021,
    mission_type="Concertation et participation",
    fee_eur=45000,
    director="Gaël Kerhervé",
    team=["Atelier Altitudes", "Les Ateliers du Cercle"],
    stakes=(
        "Bellevue, grand ensemble de 1 800 logements, entrait dans le NPNRU sans instance de "
        "participation active. Il fallait construire avec les habitants un diagnostic partagé "
        "et des orientations avant la signature de la convention."
    ),
    content=[
        "Diagnostic en marchant et ateliers de quartier dans les trois secteurs de Bellevue, "
        "avec les associations et le conseil citoyen",
        "Réunions publiques de lancement et de restitution",
        "Bilan de la concertation annexé au dossier de l'ANRU",
    ],
)


def pdf_14(path: Path) -> None:
    """A bordered two-column table, a long value wrapping inside its cell."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(
        0, 8, "Étude de revitalisation du centre-bourg de Daoulas", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 10)
    rows = [
        ("Maître d'ouvrage", "Communauté de communes du Pays de Landerneau-Daoulas"),
        ("Localisation", "Daoulas (29)"),
        ("Période", "2017 – 2018"),
        ("Montant", "29 950 € HT"),
        ("Type de mission", "Études"),
        ("Chef de projet", "Maëlle Guillou"),
        (
            "Enjeux",
            "Un centre-bourg patrimonial qui perd ses commerces et ses habitants au profit des "
            "lotissements périphériques ; la communauté de communes voulait un plan d'actions "
            "éligible à l'appel à projets régional.",
        ),
        ("Composantes", "Diagnostic territorial, Habitat, Développement économique"),
    ]
    with pdf.table(col_widths=(45, 135), text_align="LEFT", first_row_as_headings=False) as t:
        for label, value in rows:
            row = t.row()
            row.cell(label)
            row.cell(value)
    pdf.output(str(path))


EXPECTED["14-revitalisation-daoulas"] = expected(
    title="Étude de revitalisation du centre-bourg de Daoulas",
    client="Communauté de communes du Pays de Landerneau-Daoulas",
    client_type="public",
    location="Daoulas (29)",
    start_year=2017,
    end_year=2018,
    mission_type="Etudes et diagnostics",
    fee_eur=29950,
    director="Maëlle Guillou",
    stakes=(
        "Un centre-bourg patrimonial qui perd ses commerces et ses habitants au profit des "
        "lotissements périphériques ; la communauté de communes voulait un plan d'actions "
        "éligible à l'appel à projets régional."
    ),
    components=["Diagnostic territorial", "Habitat", "Développement économique"],
)


def pdf_15(path: Path) -> None:
    """Brochure style: several 'label : value' pairs on one line, separated by bars."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(
        0, 9, "Balades urbaines et atelier mémoire aux Courtillières", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        0,
        6,
        "Client : Ville de Pantin | Année : 2023 | Montant : 18 k€ HT",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.multi_cell(0, 6, "Localisation : Pantin (93)", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "CONTEXTE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        0,
        6,
        "Avant la réhabilitation du Serpentin, la ville souhaitait recueillir la mémoire des "
        "habitants et la valoriser dans le futur parc.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "PRESTATIONS", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for item in [
        "Quatre balades urbaines avec les habitants",
        "Collecte de récits et de photographies",
        "Exposition dans le hall de la médiathèque",
    ]:
        pdf.multi_cell(0, 6, f"- {item}", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


EXPECTED["15-balades-memoire-courtillieres"] = expected(
    title="Balades urbaines et atelier mémoire aux Courtillières",
    client="Ville de Pantin",
    client_type="public",
    location="Pantin (93)",
    start_year=2023,
    end_year=2023,
    fee_eur=18000,
    stakes=(
        "Avant la réhabilitation du Serpentin, la ville souhaitait recueillir la mémoire des "
        "habitants et la valoriser dans le futur parc."
    ),
    content=[
        "Quatre balades urbaines avec les habitants",
        "Collecte de récits et de photographies",
        "Exposition dans le hall de la médiathèque",
    ],
)

BINARIES = {
    "08-amo-pole-sante-bobigny.docx": docx_08,
    "09-schema-directeur-berges.docx": docx_09,
    "10-conduite-projet-clochettes.docx": docx_10,
    "11-formation-gardiens-3f.docx": docx_11,
    "12-coordination-zac-docks.docx": docx_12,
    "13-concertation-bellevue-brest.pdf": pdf_13,
    "14-revitalisation-daoulas.pdf": pdf_14,
    "15-balades-memoire-courtillieres.pdf": pdf_15,
}


def main() -> None:
    (HERE / "expected").mkdir(exist_ok=True)
    for name, (text, encoding, newline) in TEXTS.items():
        data = text.replace("\n", newline).encode(encoding)
        (HERE / name).write_bytes(data)
    for name, make in BINARIES.items():
        make(HERE / name)
    names = [*TEXTS, *BINARIES]
    assert {Path(n).stem for n in names} == set(EXPECTED), "every fiche needs expected fields"
    for stem, fields in EXPECTED.items():
        (HERE / "expected" / f"{stem}.yaml").write_text(
            yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )
    print(f"{len(names)} fiches written to {HERE}")


if __name__ == "__main__":
    main()
