"""Second held-out round, written after the first round's fixes and measured once before any
further change (see docs/import.md). Same conventions as ``../make_heldout.py``.

Run ``python tests/data/fiches_heldout/round2/make_round2.py``; outputs are checked in.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from make_heldout import _pdf, contact, expected  # noqa: E402

EXPECTED = {}
TEXTS = {}

TEXTS["r1-pacte-dunkerque.txt"] = (
    """Maître d'ouvrage / Client : Communauté urbaine de Dunkerque
Intitulé : Assistance à la mise en œuvre de la conférence intercommunale du logement
Années : 2016-2018
Montant de notre mission : 74 250 € HT
Type de mission : AMO
Responsable : Julie Caron
Acteurs : bailleurs sociaux du territoire, Action Logement, Etat (DDTM du Nord)
Référent client : Marc Vandamme (chef du service habitat) – marc.vandamme@cud.fr

Le contexte
La loi ALUR imposait à la communauté urbaine de définir ses orientations d'attribution et
un plan partenarial de gestion de la demande.

Notre intervention
o Diagnostic de l'occupation du parc social par quartier
o Animation de quatre groupes de travail avec les bailleurs
o Rédaction du document cadre et de la convention intercommunale d'attribution
""",
    "utf-8",
    "\r\n",
)
EXPECTED["r1-pacte-dunkerque"] = expected(
    title="Assistance à la mise en œuvre de la conférence intercommunale du logement",
    client="Communauté urbaine de Dunkerque",
    client_type="public",
    start_year=2016,
    end_year=2018,
    mission_type="Assistance à maîtrise d'ouvrage",
    fee_eur=74250,
    director="Julie Caron",
    actors=["bailleurs sociaux du territoire", "Action Logement", "Etat (DDTM du Nord)"],
    stakes=(
        "La loi ALUR imposait à la communauté urbaine de définir ses orientations d'attribution "
        "et un plan partenarial de gestion de la demande."
    ),
    content=[
        "Diagnostic de l'occupation du parc social par quartier",
        "Animation de quatre groupes de travail avec les bailleurs",
        "Rédaction du document cadre et de la convention intercommunale d'attribution",
    ],
    contact=contact("Marc Vandamme", "chef du service habitat", "marc.vandamme@cud.fr"),
)

TEXTS["r2-tiers-lieu-agen.md"] = (
    """# Préfiguration d'un tiers-lieu dans l'ancienne caserne Toussaint

### Maîtrise d'ouvrage
Agglomération d'Agen

**Période :** 2021 – 2022

**Montant :** 33 k€ HT

**Lieu :** Agen (47)

### Enjeux
Tester des usages temporaires avant de lancer la reconversion de la caserne, et associer
les associations locales au futur projet.

### Missions réalisées
- Appel à occupants temporaires et sélection des porteurs de projets
- Convention d'occupation et règlement intérieur
- Bilan de la préfiguration et recommandations programmatiques

### Composantes
- Urbanisme transitoire
- Programmation urbaine
""",
    "utf-8",
    "\n",
)
EXPECTED["r2-tiers-lieu-agen"] = expected(
    title="Préfiguration d'un tiers-lieu dans l'ancienne caserne Toussaint",
    client="Agglomération d'Agen",
    client_type="public",
    location="Agen (47)",
    start_year=2021,
    end_year=2022,
    fee_eur=33000,
    stakes=(
        "Tester des usages temporaires avant de lancer la reconversion de la caserne, et "
        "associer les associations locales au futur projet."
    ),
    content=[
        "Appel à occupants temporaires et sélection des porteurs de projets",
        "Convention d'occupation et règlement intérieur",
        "Bilan de la préfiguration et recommandations programmatiques",
    ],
    components=["Urbanisme transitoire", "Programmation urbaine"],
)


def docx_r3(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("Requalification du parc Saint-Jacques", level=1)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in [
        ("Maître d'ouvrage", "Ville d'Épinal"),
        ("Localisation", "Épinal (88)"),
        ("Dates", "2018 – 2020"),
        ("Honoraires", "41 300 € HT"),
        ("Budget travaux", "3 500 000 € HT"),
        ("Équipe", "Paysages du Grand Est (mandataire), BET Hydro Vosges"),
    ]:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    doc.add_heading("Missions réalisées", level=2)
    for item in [
        "Diagnostic paysager et sanitaire des arbres",
        "Concertation avec les riverains et les écoles",
        "Études de conception jusqu'au dossier de consultation",
    ]:
        doc.add_paragraph(item, style="List Paragraph")
    doc.save(path)


EXPECTED["r3-parc-saint-jacques"] = expected(
    title="Requalification du parc Saint-Jacques",
    client="Ville d'Épinal",
    client_type="public",
    location="Épinal (88)",
    start_year=2018,
    end_year=2020,
    fee_eur=41300,
    project_cost_eur=3500000,
    team=["Paysages du Grand Est (mandataire)", "BET Hydro Vosges"],
    content=[
        "Diagnostic paysager et sanitaire des arbres",
        "Concertation avec les riverains et les écoles",
        "Études de conception jusqu'au dossier de consultation",
    ],
)


def docx_r4(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("Référence 5 – Plan guide du quartier Mistral", level=1)
    for line in [
        "Client\tVille de Grenoble",
        "Date\t2020",
        "Montant\t28 000 € HT",
        "Nature\tPlan guide",
        "Chef de projet\tNoémie Blanc",
    ]:
        doc.add_paragraph(line)
    doc.add_paragraph("Objectifs", style="Heading 2")
    doc.add_paragraph(
        "Donner un cadre aux opérations du NPNRU sur le quartier Mistral et phaser les "
        "démolitions, les constructions neuves et les espaces publics."
    )
    doc.save(path)


EXPECTED["r4-plan-guide-mistral"] = expected(
    title="Plan guide du quartier Mistral",
    client="Ville de Grenoble",
    client_type="public",
    start_year=2020,
    end_year=2020,
    mission_type="Plan guide",
    fee_eur=28000,
    director="Noémie Blanc",
    stakes=(
        "Donner un cadre aux opérations du NPNRU sur le quartier Mistral et phaser les "
        "démolitions, les constructions neuves et les espaces publics."
    ),
)


def pdf_r5(path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, "Observatoire de la GUP de Plaine Commune", new_x="LMARGIN", new_y="NEXT")
    for label, value in [
        ("MAÎTRE D'OUVRAGE", "Établissement public territorial Plaine Commune"),
        ("PÉRIODE", "Depuis 2021"),
        ("MONTANT", "56 800 € HT par an"),
        ("COMPOSANTES", "Gestion urbaine de proximité, Outils de gestion"),
    ]:
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(0, 6, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


EXPECTED["r5-observatoire-gup-plaine-commune"] = expected(
    title="Observatoire de la GUP de Plaine Commune",
    client="Établissement public territorial Plaine Commune",
    client_type="public",
    start_year=2021,
    end_year=None,
    fee_eur=56800,
    components=["Gestion urbaine de proximité", "Outils de gestion"],
)


def pdf_r6(path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 8, "Étude de relogement – résidence Les Tilleuls", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    rows = [
        ("Client", "Val d'Oise Habitat", "Lieu", "Goussainville (95)"),
        ("Période", "2019 – 2020", "Montant", "36 000 € HT"),
        ("Mission", "Relogement", "Public / privé", "Public"),
    ]
    with pdf.table(col_widths=(30, 60, 30, 60), text_align="LEFT",
                   first_row_as_headings=False) as t:
        for row in rows:
            r = t.row()
            for text in row:
                r.cell(text)
    pdf.output(str(path))


EXPECTED["r6-relogement-tilleuls"] = expected(
    title="Étude de relogement – résidence Les Tilleuls",
    client="Val d'Oise Habitat",
    client_type="public",
    location="Goussainville (95)",
    start_year=2019,
    end_year=2020,
    mission_type="Relogement",
    fee_eur=36000,
)

BINARIES = {
    "r3-parc-saint-jacques.docx": docx_r3,
    "r4-plan-guide-mistral.docx": docx_r4,
    "r5-observatoire-gup-plaine-commune.pdf": pdf_r5,
    "r6-relogement-tilleuls.pdf": pdf_r6,
}


def main() -> None:
    (HERE / "expected").mkdir(exist_ok=True)
    for name, (text, encoding, newline) in TEXTS.items():
        (HERE / name).write_bytes(text.replace("\n", newline).encode(encoding))
    for name, make in BINARIES.items():
        make(HERE / name)
    for stem, fields in EXPECTED.items():
        (HERE / "expected" / f"{stem}.yaml").write_text(
            yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )
    print(f"{len(TEXTS) + len(BINARIES)} fiches written to {HERE}")


if __name__ == "__main__":
    main()
