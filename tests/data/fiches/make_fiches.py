# ruff: noqa: E501 - fiche text is kept as whole French sentences
"""Write the sample fiches of the import tests, and the fields each one must give.

Run ``python tests/data/fiches/make_fiches.py`` to regenerate; the generated files are checked
in, so tests never depend on fonts or on this script. Each fiche ``NN-name.ext`` has
``expected/NN-name.yaml``: every reference field except ``id``, written by hand from the fiche
text (not from the importer's output). The ``errors/`` folder holds files that must fail.
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SAMPLE = Path("/work/shared/samples/fiche-npru-romainville-gagarine.txt")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

STAKES_NPRU = (
    "Compte tenu de l'absence de la direction de projet du NPRU de Romainville sur le quartier "
    "Gagarine, Est Ensemble a mobilisé Perspectives Urbaines et Sociales, afin d'assurer la Direction "
    "de projet externalisée du NPRU. Menée dans un contexte à la fois complexe et contraint, cette "
    "mission a permis d'accompagner les travaux d'espaces publics menés en régie et de préparer la "
    "suite des travaux d'espace public dans le cadre d'une concession d'aménagement avec la SPL "
    "Ensemble et enfin d'accompagner la Ville et l'EPT dans le choix d'une nouvelle programmation "
    "urbaine en lien avec des projets connexes du territoire. Ce projet s'inscrit en effet dans le "
    "cadre du dispositif NPRU qui impose de respecter un processus partenarial spécifique. Dans ce "
    "cadre, Perspectives Urbaines et Sociales a fait preuve de pédagogie auprès des élus / services "
    "et de capacité d'adaptation face aux différents niveaux d'arbitrages inhérents au projet, dans "
    "des délais extrêmement contraints."
)
CONTENT_NPRU = [
    "Pilotage de l'approfondissement du projet : saisir les fondamentaux du projet initial, tout en "
    "accompagnant sa ré interrogation, de façon constructive, en vue de son amélioration, dans un "
    "cadre partagé.",
    "Accompagnement des ajustements contractuels avec l'ANRU et lancement de la phase opérationnelle : "
    "participation aux négociations du traité de concession pour les espaces publics.",
    "Accompagnement des actions de co-construction avec les habitants et usagers.",
    "Préconisation et pilotage des expertises nécessaires.",
    "Appui au montage opérationnel et financier (avec SPL Ensemble).",
    "Articulation avec la stratégie territoriale à l'échelle d'Est Ensemble.",
    "Pilotage des instances partenariales du projet.",
    "Interactions vertueuses avec l'ensemble des acteurs des projets.",
]
COMPONENTS_NPRU = [
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
ACTORS_NPRU = [
    "Etat (DRIHL, Préfecture)",
    "ANRU",
    "Collectivités Territoriales (Ville, Département, Région, EPCI)",
    "Bailleur social (Seine St Denis Habitat)",
]


def expected(**fields: object) -> dict[str, object]:
    """All reference fields but ``id``; unspecified ones empty."""
    base: dict[str, object] = {
        "title": None,
        "client": None,
        "client_type": None,
        "location": None,
        "start_year": None,
        "end_year": None,
        "mission_type": None,
        "fee_eur": None,
        "project_cost_eur": None,
        "team": [],
        "director": None,
        "consultants": [],
        "programme": None,
        "actors": [],
        "components": [],
        "stakes": "",
        "content": [],
        "contact": None,
        "confidential": False,
    }
    unknown = set(fields) - set(base)
    assert not unknown, unknown
    base.update(fields)
    return base


NPRU = expected(
    title="Pilotage et conduite de projets – Est Ensemble (2023 – 2024)",
    client="Est Ensemble",
    start_year=2023,
    end_year=2024,
    mission_type="Pilotage et conduite de projets",
    fee_eur=52400,
    team=["Perspectives Urbaines et Sociales"],
    director="Gaël Curet",
    consultants=["Gaël Curet"],
    actors=ACTORS_NPRU,
    components=COMPONENTS_NPRU,
    stakes=STAKES_NPRU,
    content=CONTENT_NPRU,
)

# --- 02: UTF-8 with BOM, CRLF, title line, upper-case headings, values on the next line -------
F02 = """Étude de programmation du groupe scolaire Jean Jaurès

ENJEUX DE LA MISSION
La Ville de Bagnolet souhaitait redéfinir les besoins en équipements scolaires du quartier.
L'étude a croisé prospective démographique et capacité des écoles existantes.

CONTENU DE LA MISSION
• Diagnostic des effectifs et des locaux.
• Scénarios de programmation et chiffrage.
• Animation des ateliers avec les équipes enseignantes.

Maîtrise d'ouvrage :
Ville de Bagnolet

Public/privé : Public
Années : 2019-2021
Type de mission : Programmation
Montant des honoraires : 52.400 euros
Directrice de mission : Claire Martin
Confidentiel : oui

Composantes de la mission :
• Programmation des équipements
• Diagnostic
• Concertation
"""
E02 = expected(
    title="Étude de programmation du groupe scolaire Jean Jaurès",
    client="Ville de Bagnolet",
    client_type="public",
    start_year=2019,
    end_year=2021,
    mission_type="Programmation",
    fee_eur=52400,
    director="Claire Martin",
    confidential=True,
    stakes="La Ville de Bagnolet souhaitait redéfinir les besoins en équipements scolaires du "
    "quartier. L'étude a croisé prospective démographique et capacité des écoles existantes.",
    content=[
        "Diagnostic des effectifs et des locaux.",
        "Scénarios de programmation et chiffrage.",
        "Animation des ateliers avec les équipes enseignantes.",
    ],
    components=["Programmation urbaine", "Diagnostic territorial", "Concertation"],
)

# --- 03: Windows-1252, "Client", month-year period, HT amount, fuzzy components ---------------
F03 = """Plan guide du quartier Pleyel

Contexte et enjeux
Plaine Commune engage la transformation du quartier Pleyel autour de la future gare.

Prestations réalisées
* Diagnostic urbain et foncier
* Elaboration du plan guide
* Concertation avec les habitants

Client : EPT Plaine Commune
Lieu : Saint-Denis (93)
Période : mars 2019 – juin 2021
Montant HT : 1 250 000 €
Chef de projet : Marc Lefèvre
Consultants mobilisés : Marc Lefèvre, Inès Haddad (urbaniste), Paul Roy

Composantes de la mission
* Etude urbaine
* Participation des habitants
* GUSP
* Urbanisme commercial
"""
E03 = expected(
    title="Plan guide du quartier Pleyel",
    client="EPT Plaine Commune",
    client_type="public",
    location="Saint-Denis (93)",
    start_year=2019,
    end_year=2021,
    fee_eur=1250000,
    director="Marc Lefèvre",
    consultants=["Marc Lefèvre", "Inès Haddad (urbaniste)", "Paul Roy"],
    stakes="Plaine Commune engage la transformation du quartier Pleyel autour de la future gare.",
    content=[
        "Diagnostic urbain et foncier",
        "Elaboration du plan guide",
        "Concertation avec les habitants",
    ],
    components=[
        "Etudes urbaines",
        "Concertation",
        "Gestion urbaine de proximité",
        "Urbanisme commercial",
    ],
)

# --- 04: ongoing, no accents, k€, M€ works cost, numbered bullets -----------------------------
F04 = """AMO pour la GUSP du quartier des Courtillieres

MAITRE D'OUVRAGE: Ville de Pantin
ANNEE: depuis 2024
TYPE DE MISSION: AMO
MONTANT: 52,4 k€ HT
COUT DES TRAVAUX: 12 M€ HT
EQUIPE: Perspectives Urbaines et Sociales

CONTENU DE LA MISSION
1. Diagnostics en marchant avec les habitants
2) Suivi du plan d'actions GUSP
3. Coordination des bailleurs

COMPOSANTES DE LA MISSION
1. Gestion urbaine de proximite
2. Animation partenariale
"""
E04 = expected(
    title="AMO pour la GUSP du quartier des Courtillieres",
    client="Ville de Pantin",
    client_type="public",
    start_year=2024,
    end_year=None,
    mission_type="Assistance à maîtrise d'ouvrage",
    fee_eur=52400,
    project_cost_eur=12000000,
    team=["Perspectives Urbaines et Sociales"],
    content=[
        "Diagnostics en marchant avec les habitants",
        "Suivi du plan d'actions GUSP",
        "Coordination des bailleurs",
    ],
    components=["Gestion urbaine de proximité", "Animation partenariale"],
)

# --- 05: TTC only, contact, mandataire + cotraitants, non-breaking spaces ---------------------
F05 = """Mission de relogement – NPNRU Abreuvoir

Enjeux
Le renouvellement du quartier de l'Abreuvoir impose le relogement de 180 ménages.

Missions
➢ Enquêtes sociales auprès des ménages
➢ Accompagnement individuel au relogement
✓ Bilan du relogement

Maître d'ouvrage : Seine-Saint-Denis Habitat
Date(s) : 2022 – en cours
Montant TTC : 62\u202f880\u00a0€
Coût de l'opération : 3,5\u00a0M€ HT
Mandataire : Perspectives Urbaines et Sociales
Cotraitants : Atelier Ville & Habitat ; Sociologie Conseil
Acteurs : ANRU, Ville de Bobigny, Est Ensemble
Interlocuteur : Mme Claire Dupont, cheffe de projet renouvellement urbain
Téléphone : 01 23 45 67 89
Courriel : c.dupont@ssdh.fr

Composantes :
➢ Relogement
➢ Accompagnement social
"""
E05 = expected(
    title="Mission de relogement – NPNRU Abreuvoir",
    client="Seine-Saint-Denis Habitat",
    start_year=2022,
    end_year=None,
    project_cost_eur=3500000,
    team=["Perspectives Urbaines et Sociales", "Atelier Ville & Habitat", "Sociologie Conseil"],
    actors=["ANRU", "Ville de Bobigny", "Est Ensemble"],
    stakes="Le renouvellement du quartier de l'Abreuvoir impose le relogement de 180 ménages.",
    content=[
        "Enquêtes sociales auprès des ménages",
        "Accompagnement individuel au relogement",
        "Bilan du relogement",
    ],
    components=["Relogement", "Cohésion sociale"],
    contact={
        "name": "Mme Claire Dupont",
        "role": "cheffe de projet renouvellement urbain",
        "email": "c.dupont@ssdh.fr",
        "phone": "01 23 45 67 89",
    },
)

# --- 06: Markdown -----------------------------------------------------------------------------
F06 = """# Évaluation du contrat de ville de Montreuil

## Enjeux de la mission

Évaluer à mi-parcours le contrat de ville et préparer sa prolongation.

## Contenu de la mission

- Entretiens avec les partenaires du contrat
- Analyse des indicateurs par pilier
- Rédaction du rapport d'évaluation

**Maître d'ouvrage** : Ville de Montreuil
**Période de réalisation** : 2019 à 2021
**Montant des prestations** : 45 000 € HT (54 000 € TTC)
**Lieu** : Montreuil (93)

**Composantes de la mission** :

- Evaluation
- Cohésion sociale
"""
E06 = expected(
    title="Évaluation du contrat de ville de Montreuil",
    client="Ville de Montreuil",
    client_type="public",
    location="Montreuil (93)",
    start_year=2019,
    end_year=2021,
    fee_eur=45000,
    stakes="Évaluer à mi-parcours le contrat de ville et préparer sa prolongation.",
    content=[
        "Entretiens avec les partenaires du contrat",
        "Analyse des indicateurs par pilier",
        "Rédaction du rapport d'évaluation",
    ],
    components=["Evaluation", "Cohésion sociale"],
)

# --- 12: empty labels, start/end dates, unknown labels, tab before the colon ------------------
F12 = """Schéma directeur de la Gestion Urbaine de Proximité



Maître d'ouvrage :    Communauté d'agglomération Grand Paris Sud

Type de mission :

Date de début\t: 2016
Date de fin : 2017

Montant :
Coût du projet :
Equipe :
Surface : 12 ha

Composantes de la mission :


- Gestion urbaine de proximité
"""
E12 = expected(
    title="Schéma directeur de la Gestion Urbaine de Proximité",
    client="Communauté d'agglomération Grand Paris Sud",
    client_type="public",
    start_year=2016,
    end_year=2017,
    components=["Gestion urbaine de proximité"],
)

# --- 13: lower-case labels without space before the colon, values on the next line ------------
F13 = """client:
Paris Habitat
annees:2018
type de mission:Etude
montant de la mission:
48 000 € HT
directeur de mission:
Gaël Curet
consultants mobilises:Gaël Curet, Sarah Benali
enjeux de la mission:
Mieux connaître les attentes des locataires de la résidence Saint-Blaise.
contenu de la mission:
- enquête par questionnaire auprès de 300 ménages
- restitution aux amicales de locataires
composantes de la mission:
- Diagnostic social
- enquête habitants
"""
E13 = expected(
    title="Etudes et diagnostics – Paris Habitat (2018)",
    client="Paris Habitat",
    start_year=2018,
    end_year=2018,
    mission_type="Etudes et diagnostics",
    fee_eur=48000,
    director="Gaël Curet",
    consultants=["Gaël Curet", "Sarah Benali"],
    stakes="Mieux connaître les attentes des locataires de la résidence Saint-Blaise.",
    content=[
        "enquête par questionnaire auprès de 300 ménages",
        "restitution aux amicales de locataires",
    ],
    components=["Diagnostic territorial", "Concertation"],
)

# --- 14: mixed bullets, contact on one line, "Montant des travaux", "Programme" --------------
F14 = """Coordination inter-chantiers du quartier du Plateau

Objectifs de la mission
Limiter les nuisances des chantiers simultanés et informer les habitants.

Contenu de la mission
– Planification des interventions
* Réunions de coordination hebdomadaires
► Information des habitants
→ Suivi des réclamations
○ Bilan annuel

Maître d'ouvrage : OPH Montreuillois
Année : 2020 - 2022
Montant de la mission : 1,2 M€
Montant des travaux : 1.250.000 €
Programme : NPNRU, 450 logements réhabilités
Contact : Jean Morel, directeur du renouvellement urbain, jean.morel@oph-montreuillois.fr

Composantes de la mission :
– Coordination inter chantiers
– Communication
"""
E14 = expected(
    title="Coordination inter-chantiers du quartier du Plateau",
    client="OPH Montreuillois",
    client_type="public",
    start_year=2020,
    end_year=2022,
    fee_eur=1200000,
    project_cost_eur=1250000,
    programme="NPNRU, 450 logements réhabilités",
    stakes="Limiter les nuisances des chantiers simultanés et informer les habitants.",
    content=[
        "Planification des interventions",
        "Réunions de coordination hebdomadaires",
        "Information des habitants",
        "Suivi des réclamations",
        "Bilan annuel",
    ],
    components=["Coordination inter chantiers", "Communication"],
    contact={
        "name": "Jean Morel",
        "role": "directeur du renouvellement urbain",
        "email": "jean.morel@oph-montreuillois.fr",
        "phone": None,
    },
)

# --- 16: columns aligned with spaces, inline bullets, a word cut by a hyphen -------------------
F16 = """Étude de peuplement de Sevran

Maître d'ouvrage        Ville de Sevran
Période                 2021/2022
Montant HT              18 750 €
Montant TTC             22 500 €
Composantes             Stratégie de peuplement • Habitat • Concertation
Confidentiel            non

Missions réalisées
- Analyse de l'occupation du parc social et co-
  construction des orientations avec les bailleurs
- Animation de la conférence intercommunale du logement
"""
E16 = expected(
    title="Étude de peuplement de Sevran",
    client="Ville de Sevran",
    client_type="public",
    start_year=2021,
    end_year=2022,
    fee_eur=18750,
    components=["Stratégie de peuplement", "Habitat", "Concertation"],
    content=[
        "Analyse de l'occupation du parc social et co-construction des orientations avec les "
        "bailleurs",
        "Animation de la conférence intercommunale du logement",
    ],
)

TEXT_FICHES: list[tuple[str, str, str, str, dict[str, object]]] = [
    # name, text, encoding, newline, expected
    ("02-bom-crlf.txt", F02, "utf-8-sig", "\r\n", E02),
    ("03-cp1252.txt", F03, "cp1252", "\n", E03),
    ("04-ongoing-no-accents.txt", F04, "utf-8", "\n", E04),
    ("05-ttc-contact.txt", F05, "utf-8", "\n", E05),
    ("06-markdown.md", F06, "utf-8", "\n", E06),
    ("12-empty-labels.txt", F12, "utf-8", "\r\n", E12),
    ("13-lowercase-next-line.txt", F13, "cp1252", "\n", E13),
    ("14-mixed-bullets.txt", F14, "utf-8", "\n", E14),
    ("16-aligned-columns.txt", F16, "utf-8", "\n", E16),
]

# --- 07: Word, paragraphs ---------------------------------------------------------------------
E07 = expected(
    title="Direction de projet NPRU Gagarine",
    client="Est Ensemble",
    start_year=2023,
    end_year=2024,
    mission_type="Pilotage et conduite de projets",
    fee_eur=52400,
    team=["Perspectives Urbaines et Sociales"],
    director="Gaël Curet",
    consultants=["Gaël Curet"],
    actors=ACTORS_NPRU,
    components=COMPONENTS_NPRU[:4],
    stakes=STAKES_NPRU,
    content=CONTENT_NPRU[:3],
    location="Romainville (93)",
)

# --- 08: Word, two-column label/value table ---------------------------------------------------
E08 = expected(
    title="Assistance à maîtrise d'ouvrage pour le relogement des Marnaudes",
    client="Ville de Rosny-sous-Bois",
    client_type="public",
    location="Rosny-sous-Bois (93)",
    start_year=2021,
    end_year=2023,
    mission_type="Assistance à maîtrise d'ouvrage",
    fee_eur=38500,
    director="Anne Petit",
    consultants=["Anne Petit", "Karim Saïdi"],
    stakes="Reloger les ménages de deux tours vouées à la démolition.\n\n"
    "Tenir les délais fixés par la convention ANRU.",
    content=["Pilotage de la MOUS relogement", "Suivi de la charte de relogement"],
    components=["Relogement", "Stratégie de peuplement", "Outils de gestion"],
)

# --- 09: Word, labels followed by a tab, Wingdings-style bullets ------------------------------
E09 = expected(
    title="Capitalisation du programme de rénovation urbaine",
    client="Région Île-de-France",
    client_type="public",
    start_year=2017,
    end_year=2018,
    mission_type="Formation et capitalisation",
    fee_eur=30000,
    director="Gaël Curet",
    content=[
        "Entretiens avec 20 chefs de projet",
        "Rédaction d'un guide méthodologique",
        "Journée de restitution",
    ],
    components=["Capitalisation", "Formation"],
)

# --- 10, 11: PDF ------------------------------------------------------------------------------
E10 = dict(NPRU, title="NPRU de Romainville – quartier Gagarine")
E11 = expected(
    title="Étude pré-opérationnelle OPAH-CD du centre ancien",
    client="Commune de Villeneuve-Saint-Georges",
    client_type="public",
    location="Villeneuve-Saint-Georges (94)",
    start_year=2018,
    end_year=2018,
    fee_eur=1200000,
    project_cost_eur=None,
    actors=[
        "Anah",
        "Département du Val-de-Marne (service habitat)",
        "EPT Grand-Orly Seine Bièvre",
        "Caisse d'allocations familiales",
    ],
    stakes="Le centre ancien concentre des copropriétés fragiles et un habitat indigne diffus.",
    content=[
        "Repérage des copropriétés en difficulté et enquêtes auprès des syndics et des "
        "copropriétaires occupants ou bailleurs",
        "Définition du périmètre et des objectifs de l'OPAH-CD",
    ],
    components=["Copropriétés dégradées", "Habitat"],
)


E15 = expected(
    title="Diagnostic en marchant et plan d'actions GUSP du Bois de l'Étang",
    client="Ville de Bondy",
    client_type="public",
    start_year=2015,
    end_year=2016,
    mission_type="Assistance à maîtrise d'ouvrage",
    fee_eur=25000,
    actors=[
        "Bailleurs sociaux (Seine-Saint-Denis Habitat, Bondy Habitat)",
        "Conseil citoyen",
        "Amicales de locataires",
    ],
    components=[
        "Concertation",
        "Gestion urbaine de proximité",
        "Evaluation des politiques publiques de la ville et de l'habitat",
    ],
    contact={
        "name": "M. Yves Martin",
        "role": "chef de projet politique de la ville",
        "email": None,
        "phone": None,
    },
)
PDF_TABLE = [
    ("Maître d'ouvrage", "Ville de Bondy"),
    ("Années", "2015 – 2016"),
    ("Type de mission", "Assistance à maîtrise d'ouvrage"),
    ("Montant", "25 000 € HT"),
    ("Coût des travaux", "non communiqué"),
    (
        "Acteurs",
        "Bailleurs sociaux (Seine-Saint-Denis Habitat, Bondy Habitat), Conseil citoyen, "
        "Amicales de locataires",
    ),
    (
        "Composantes",
        "Concertation / Gestion urbaine de proximité / Evaluation des politiques "
        "publiques de la ville et de l'habitat",
    ),
    ("Interlocuteur", "M. Yves Martin, chef de projet politique de la ville"),
]


def write_text_fiches() -> None:
    """The .txt / .md fiches in their encodings and line endings, and the sample itself."""
    for name, text, encoding, newline, _ in TEXT_FICHES:
        (HERE / name).write_bytes(text.replace("\n", newline).encode(encoding))
    if SAMPLE.is_file():
        (HERE / "01-sample-romainville.txt").write_bytes(SAMPLE.read_bytes())


def write_docx_fiches() -> None:
    """07: paragraphs; 08: a two-column table; 09: labels followed by a tab."""
    from docx import Document

    doc = Document()
    doc.add_heading("Direction de projet NPRU Gagarine", level=1)
    doc.add_paragraph("Enjeux de la mission")
    doc.add_paragraph(STAKES_NPRU)
    doc.add_paragraph("Contenu de la mission")
    for item in CONTENT_NPRU[:3]:
        doc.add_paragraph(item, style="List Bullet")
    for line in (
        "Type de mission : Pilotage et conduite de projets",
        "Maître d'ouvrage",
        "Est Ensemble",
        "Localisation : Romainville (93)",
        "Année : 2023 - 2024",
        "Equipe : Perspectives Urbaines et Sociales",
        "Directeur de mission : Gaël Curet",
        "Acteurs : " + ", ".join(ACTORS_NPRU) + ".",
        "Consultants mobilisés : Gaël Curet",
        "Montant de la mission : 52 400 € HT",
        "Composantes de la mission :",
    ):
        doc.add_paragraph(line)
    for item in COMPONENTS_NPRU[:4]:
        doc.add_paragraph(item, style="List Bullet")
    doc.save(HERE / "07-word-paragraphs.docx")

    doc = Document()
    doc.add_paragraph("Assistance à maîtrise d'ouvrage pour le relogement des Marnaudes")
    rows = [
        ("Maître d'ouvrage", ["Ville de Rosny-sous-Bois"]),
        ("Localisation", ["Rosny-sous-Bois (93)"]),
        ("Dates de réalisation", ["2021 – 2023"]),
        ("Type de mission", ["AMO"]),
        ("Montant HT", ["38 500 €"]),
        ("Directrice de mission", ["Anne Petit"]),
        ("Intervenants", ["Anne Petit, Karim Saïdi"]),
        (
            "Enjeux",
            [
                "Reloger les ménages de deux tours vouées à la démolition.",
                "Tenir les délais fixés par la convention ANRU.",
            ],
        ),
        ("Prestations", ["Pilotage de la MOUS relogement", "Suivi de la charte de relogement"]),
        ("Composantes", ["Relogement", "Politique d'attribution", "Tableaux de bord"]),
        ("Coût des travaux", [""]),
    ]
    table = doc.add_table(rows=0, cols=2)
    for label, values in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = values[0]
        for value in values[1:]:
            cells[1].add_paragraph(value)
    doc.save(HERE / "08-word-table.docx")

    doc = Document()
    doc.add_paragraph("Capitalisation du programme de rénovation urbaine")
    for line in (
        "Maître d'ouvrage\tRégion Île-de-France",
        "Période\t2017-2018",
        "Nature de la mission\tcapitalisation",
        "Montant des honoraires\t30 000 € HT",
        "Directeur de mission\tGaël Curet",
        "",
        "Missions",
    ):
        doc.add_paragraph(line)
    for bullet in (
        "\uf0a7 Entretiens avec 20 chefs de projet",
        "■ Rédaction d'un guide méthodologique",
        "o Journée de restitution",
    ):
        doc.add_paragraph(bullet)
    doc.add_paragraph("Composantes de la mission")
    doc.add_paragraph("Capitalisation, Formation des agents")
    doc.save(HERE / "09-word-tabs.docx")


def _pdf(lines: list[str], path: Path) -> None:
    from fpdf import FPDF

    if not FONT.is_file():  # the core PDF fonts have neither "€" nor "▶"
        raise SystemExit(f"{FONT} is missing: install fonts-dejavu-core to regenerate the PDFs")
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=10)
    for line in lines:
        if not line:
            pdf.ln(4)
        else:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def write_pdf_fiches() -> None:
    """10: the sample fiche with a title, as a PDF; 11: a brochure page with other labels."""
    sample = (HERE / "01-sample-romainville.txt").read_text(encoding="utf-8").splitlines()
    _pdf(["NPRU de Romainville – quartier Gagarine", *sample], HERE / "10-pdf-sample.pdf")
    _pdf(
        [
            "Étude pré-opérationnelle OPAH-CD du centre ancien",
            "",
            "Contexte",
            "Le centre ancien concentre des copropriétés fragiles et un habitat indigne diffus.",
            "",
            "Missions",
            "▶ Repérage des copropriétés en difficulté et enquêtes auprès des syndics et des copropriétaires "
            "occupants ou bailleurs",
            "▶ Définition du périmètre et des objectifs de l'OPAH-CD",
            "",
            "Commanditaire : Commune de Villeneuve-Saint-Georges",
            "Localisation : Villeneuve-Saint-Georges (94)",
            "Date de réalisation : 2018",
            "Montant HT : 1,2 M€",
            "Partenaires : Anah, Département du Val-de-Marne (service habitat), EPT Grand-Orly Seine "
            "Bièvre, Caisse d'allocations familiales",
            "Domaines d'intervention : Copropriétés en difficulté, Habitat",
        ],
        HERE / "11-pdf-brochure.pdf",
    )


def write_pdf_table() -> None:
    """15: a two-column table in a PDF, whose text loses the column gap."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(0, 6, E15["title"], new_x="LMARGIN", new_y="NEXT")  # type: ignore[arg-type]
    pdf.ln(4)
    with pdf.table(col_widths=(40, 120), first_row_as_headings=False) as table:
        for label, value in PDF_TABLE:
            row = table.row()
            row.cell(label)
            row.cell(value)
    pdf.output(str(HERE / "15-pdf-table.pdf"))


def write_error_files() -> None:
    """Files that must fail with one clear line each."""
    errors = HERE / "errors"
    errors.mkdir(exist_ok=True)
    (errors / "empty.txt").write_bytes(b"")
    (errors / "garbage.txt").write_bytes(bytes(range(256)) * 8)
    (errors / "not-a-zip.docx").write_text("Ceci n'est pas un fichier Word.\n", encoding="utf-8")
    (errors / "no-year.txt").write_text(
        "Maître d'ouvrage : Ville de Paris\nMontant : 10 000 €\n", encoding="utf-8"
    )
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # an image-like page: no text layer
    pdf.output(str(errors / "scanned.pdf"))


def write_expected() -> None:
    """``expected/<fiche stem>.yaml`` for every fiche."""
    out = HERE / "expected"
    out.mkdir(exist_ok=True)
    cases = {name: exp for name, _, _, _, exp in TEXT_FICHES}
    cases.update(
        {
            "01-sample-romainville.txt": NPRU,
            "07-word-paragraphs.docx": E07,
            "08-word-table.docx": E08,
            "09-word-tabs.docx": E09,
            "10-pdf-sample.pdf": E10,
            "11-pdf-brochure.pdf": E11,
            "15-pdf-table.pdf": E15,
        }
    )
    for name, exp in cases.items():
        text = yaml.safe_dump(exp, allow_unicode=True, sort_keys=False, width=100)
        (out / f"{Path(name).stem}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_text_fiches()
    write_docx_fiches()
    write_pdf_fiches()
    write_pdf_table()
    write_error_files()
    write_expected()
    print(f"fiches written to {HERE}")
