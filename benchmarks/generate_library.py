"""Generate a synthetic reference library of N references, for benchmarks and tests.

Usage::

    python benchmarks/generate_library.py N OUT_DIR [--seed S]

Writes ``N`` valid reference files (``<id>.yaml``, in the exact format of
:func:`tenderkit.library.dump_reference`) and a copy of the library vocabulary. The text is
realistic in length and variety: stakes of 600-1500 characters built from French phrase banks
(renouvellement urbain, concertation, programmation, GUSP, habitat, evaluation, mobilites...),
4-8 content bullets, 5-12 components (canonical names, about 10 % written as a variant), about
300 distinct clients, years 2008-2026 (some ongoing). The same seed gives the same files.

Also importable: ``generate_library(n, out_dir, seed=0)`` and ``make_reference(rng, i, ...)``.
"""

# ruff: noqa: E501 - the phrase banks are whole French sentences, one per line
from __future__ import annotations

import argparse
import dataclasses
import random
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(REPO))

from tenderkit.library import dump_reference  # noqa: E402
from tenderkit.models import Reference  # noqa: E402
from tenderkit.vocabulary import load_vocabulary  # noqa: E402

VOCABULARY_SOURCES = (REPO / "reference_library" / "vocabulary.yaml",
                      REPO / "tenderkit" / "data" / "vocabulary.yaml")

COMMUNES = [
    ("Sevran", "93"), ("Bondy", "93"), ("Pantin", "93"), ("Aubervilliers", "93"),
    ("Saint-Denis", "93"), ("Montreuil", "93"), ("Clichy-sous-Bois", "93"), ("Bobigny", "93"),
    ("Aulnay-sous-Bois", "93"), ("Romainville", "93"), ("Noisy-le-Sec", "93"), ("Stains", "93"),
    ("Grigny", "91"), ("Evry-Courcouronnes", "91"), ("Corbeil-Essonnes", "91"), ("Massy", "91"),
    ("Les Ulis", "91"), ("Savigny-sur-Orge", "91"), ("Les Mureaux", "78"), ("Mantes-la-Jolie", "78"),
    ("Trappes", "78"), ("Chanteloup-les-Vignes", "78"), ("Creil", "60"), ("Beauvais", "60"),
    ("Sarcelles", "95"), ("Garges-lès-Gonesse", "95"), ("Argenteuil", "95"), ("Cergy", "95"),
    ("Villiers-le-Bel", "95"), ("Nanterre", "92"), ("Gennevilliers", "92"), ("Bagneux", "92"),
    ("Vitry-sur-Seine", "94"), ("Champigny-sur-Marne", "94"), ("Orly", "94"), ("Choisy-le-Roi", "94"),
    ("Meaux", "77"), ("Melun", "77"), ("Torcy", "77"), ("Lille", "59"), ("Roubaix", "59"),
    ("Tourcoing", "59"), ("Amiens", "80"), ("Rouen", "76"), ("Le Havre", "76"), ("Caen", "14"),
    ("Rennes", "35"), ("Nantes", "44"), ("Saint-Nazaire", "44"), ("Angers", "49"), ("Le Mans", "72"),
    ("Tours", "37"), ("Orléans", "45"), ("Dijon", "21"), ("Besançon", "25"), ("Strasbourg", "67"),
    ("Mulhouse", "68"), ("Metz", "57"), ("Nancy", "54"), ("Reims", "51"), ("Lyon", "69"),
    ("Vénissieux", "69"), ("Vaulx-en-Velin", "69"), ("Grenoble", "38"), ("Saint-Etienne", "42"),
    ("Clermont-Ferrand", "63"), ("Marseille", "13"), ("Toulon", "83"), ("Nice", "06"),
    ("Montpellier", "34"), ("Nîmes", "30"), ("Perpignan", "66"), ("Toulouse", "31"),
    ("Bordeaux", "33"), ("Pau", "64"), ("Limoges", "87"), ("Poitiers", "86"), ("Brest", "29"),
]
QUARTIERS = [
    "des Peupliers", "des Glycines", "des Acacias", "du Grand Parc", "des Tilleuls", "de la Source",
    "du Val Fourré", "des Courtillières", "de la Noue", "des Hautes Noues", "du Bois l'Abbé",
    "des Tarterêts", "de la Grande Borne", "du Mirail", "des Minguettes", "de la Duchère",
    "du Mas du Taureau", "de la Villeneuve", "des Aubiers", "de Bellevue", "du Blosne",
    "de Maurepas", "des Quartiers Nord", "de la Paillade", "du Neuhof", "de Borny", "du Plateau",
    "des Francs-Moisins", "de la Rose des Vents", "Gagarine", "des Marnaudes", "du Chêne Pointu",
]
CLIENT_FORMS = [
    ("Ville de {c}", "public"), ("Ville de {c}", "public"), ("Commune de {c}", "public"),
    ("Communauté d'agglomération de {c}", "public"), ("Métropole de {c}", "public"),
    ("Office public de l'habitat de {c}", "public"), ("CCAS de {c}", "public"),
    ("SEM d'aménagement de {c}", "private"), ("SPL {c} Aménagement", "private"),
    ("{c} Habitat (ESH)", "private"),
]
MISSIONS = [
    ("npru", "Direction de projet externalisée du NPRU de {c}, quartier {q}"),
    ("concertation", "Concertation et participation des habitants du quartier {q} à {c}"),
    ("programmation", "Programmation urbaine et des équipements publics du quartier {q} ({c})"),
    ("gusp", "Elaboration et animation de la convention GUSP de {c}"),
    ("habitat", "Stratégie habitat et diversification de l'offre de logements à {c}"),
    ("evaluation", "Evaluation à mi-parcours du contrat de ville de {c}"),
    ("mobilites", "Plan de mobilité et apaisement des déplacements du quartier {q} à {c}"),
    ("copro", "Suivi-animation du plan de sauvegarde des copropriétés {q} ({c})"),
    ("relogement", "MOUS relogement du projet de renouvellement urbain {q} à {c}"),
    ("montage", "Montage opérationnel et financier de la ZAC {q} à {c}"),
    ("diagnostic", "Diagnostic territorial partagé du quartier {q} à {c}"),
    ("pru", "Assistance à maîtrise d'ouvrage du PRU de {c}, quartier {q}"),
]
PROGRAMMES = [
    "NPRU – Nouveau programme national de renouvellement urbain",
    "PNRU – Programme national de rénovation urbaine", "Contrat de ville", "Action cœur de ville",
    "Petites villes de demain", "Plan initiative copropriétés", None, None,
]
FIRST = ["Claire", "Julien", "Sophie", "Karim", "Nadia", "Thomas", "Camille", "Mehdi", "Lucie",
         "Antoine", "Inès", "Pierre", "Fatou", "Hugo", "Léa", "Samir", "Elodie", "Vincent"]
LAST = ["Moreau", "Besson", "Garnier", "Benali", "Lefèvre", "Traoré", "Roussel", "Dubois",
        "Martin", "Nguyen", "Petit", "Haddad", "Laurent", "Fontaine", "Mercier", "Diallo"]
PARTNERS = ["Atelier Civitas", "Atelier Civitas", "Atelier Civitas", "Urbanis", "Ville Ouverte",
            "Espacité", "Res publica", "Cercle Promodul", "Trait Urbain", "Agence Ter"]
ACTORS = [
    "ANRU", "Etat (Préfecture, DDT)", "Banque des Territoires", "Région", "Département",
    "Bailleurs sociaux", "Conseil citoyen", "Centres sociaux", "Associations de locataires",
    "CAF", "Action Logement", "ANAH", "EPF", "Délégué du préfet", "Éducation nationale",
    "Syndics de copropriété", "Commerçants", "Île-de-France Mobilités", "Police municipale",
]
ROLES = ["Directrice du renouvellement urbain", "Chef de projet politique de la ville",
         "Directeur général des services", "Responsable habitat", "Chargée de mission GUSP"]

STAKE_OPENINGS = [
    "Le quartier {q} concentre {n} logements sociaux construits dans les années {d}, "
    "aujourd'hui marqués par une forte vacance et un sentiment de relégation.",
    "Après la signature de la convention pluriannuelle avec l'ANRU, {c} devait engager la phase "
    "opérationnelle du projet de renouvellement urbain du quartier {q}.",
    "La collectivité souhaitait disposer d'une vision d'ensemble du devenir du quartier {q}, "
    "dont l'enclavement et le vieillissement du bâti freinaient toute dynamique.",
    "A {c}, la démarche s'inscrit dans un contexte de forte pression sur le logement et de "
    "transformation rapide du tissu urbain autour de la future gare.",
    "Le contrat de ville arrivant à échéance, {c} a souhaité évaluer les effets de ses actions "
    "et préparer la génération suivante de la politique de la ville.",
    "Les copropriétés {q}, soit {n} logements, connaissaient des impayés de charges croissants "
    "et une dégradation rapide des parties communes.",
]
STAKE_THEMES = {
    "renouvellement": [
        "Le projet prévoit la démolition de {n} logements, la réhabilitation du reste du parc et la recomposition de la trame viaire.",
        "La diversification de l'habitat et l'ouverture du quartier sur le centre-ville constituent les deux axes du projet urbain.",
        "Les revues de projet avec l'ANRU exigent un suivi rigoureux des engagements et des calendriers d'opération.",
        "Le phasage des démolitions doit être articulé avec le relogement des ménages et la continuité des services publics.",
    ],
    "concertation": [
        "La concertation réglementaire devait être menée avec exigence, en allant chercher les habitants les plus éloignés de la parole publique.",
        "Des ateliers participatifs, des balades urbaines et une maison du projet ont permis d'associer les habitants à chaque étape.",
        "Le conseil citoyen a été étroitement associé à la définition des espaces publics et des usages des rez-de-chaussée.",
        "La co-construction avec les associations locales a nourri le programme et renforcé la confiance envers la collectivité.",
    ],
    "programmation": [
        "La programmation des équipements publics devait répondre à l'évolution démographique et aux besoins des familles.",
        "Le regroupement scolaire, la médiathèque et le centre social ont été pensés comme les pivots d'une nouvelle centralité.",
        "Une stratégie programmatique a été construite à partir des usages observés et des capacités de financement de la ville.",
    ],
    "gusp": [
        "La gestion urbaine et sociale de proximité devait garantir la qualité du cadre de vie pendant toute la durée des chantiers.",
        "Des diagnostics en marchant réguliers ont permis de hiérarchiser les dysfonctionnements et de suivre leur traitement.",
        "La convention GUSP associe la ville, les bailleurs et les habitants autour d'engagements précis sur la propreté et la tranquillité.",
    ],
    "habitat": [
        "Le programme local de l'habitat fixe des objectifs de production et de réhabilitation qu'il fallait décliner à l'échelle du quartier.",
        "La stratégie de peuplement et les attributions de logements sociaux ont été travaillées en conférence intercommunale du logement.",
        "La requalification du parc privé dégradé suppose une intervention coordonnée des pouvoirs publics et des syndics.",
    ],
    "evaluation": [
        "L'évaluation a croisé l'analyse des indicateurs, des entretiens avec les partenaires et une enquête auprès de {n} habitants.",
        "Les recommandations ont porté sur la gouvernance, la lisibilité des actions et la mobilisation du droit commun.",
        "Un référentiel d'évaluation partagé a été construit avec les services de l'Etat et les partenaires du contrat de ville.",
    ],
    "mobilites": [
        "Les mobilités du quartier restent marquées par la place de la voiture et la faible desserte en transports en commun.",
        "L'arrivée du tramway et la création de liaisons douces devaient désenclaver le quartier et apaiser les déplacements.",
        "Le plan de stationnement a été revu pour libérer les espaces publics et sécuriser les abords des écoles.",
    ],
    "financier": [
        "Le plan de financement, de {m} millions d'euros, reposait sur de nombreux cofinanceurs dont il fallait sécuriser les engagements.",
        "Le bilan de la concession d'aménagement a été actualisé chaque année pour suivre les recettes foncières et les participations.",
        "Les arbitrages techniques et financiers devaient être rendus lisibles pour les élus et les partenaires.",
    ],
    "social": [
        "L'insertion par l'activité économique et les clauses sociales des marchés de travaux ont bénéficié à {n} habitants du quartier.",
        "Le développement social urbain s'appuie sur un réseau associatif dense qu'il convenait de mobiliser durablement.",
        "La tranquillité publique et la prévention de la délinquance font partie des préoccupations premières des habitants.",
    ],
}
STAKE_CLOSINGS = [
    "La mission a demandé une attention constante au dialogue avec les habitants et une capacité à arbitrer rapidement.",
    "Elle s'est appuyée sur une équipe pluridisciplinaire associant urbanistes, sociologues et économistes.",
    "Le travail a été restitué devant les élus et les partenaires lors d'un comité de pilotage final.",
    "Les enseignements de la démarche ont été capitalisés dans un guide méthodologique diffusé aux partenaires.",
]
BULLETS = [
    "Pilotage de la mise en œuvre de la convention ANRU : suivi des engagements, préparation des revues de projet.",
    "Animation des comités de pilotage et des comités techniques, secrétariat des instances partenariales.",
    "Actualisation de la maquette financière et recherche de cofinancements (Région, Département, Banque des Territoires).",
    "Organisation de la concertation réglementaire et de {k} ateliers habitants sur les espaces publics.",
    "Animation de la maison du projet et des permanences d'information auprès des habitants.",
    "Elaboration de la convention de gestion urbaine et sociale de proximité pour la durée des chantiers.",
    "Organisation de {k} diagnostics en marchant avec les bailleurs, les services et les habitants.",
    "Suivi du relogement de {n} ménages concernés par les démolitions, avec les bailleurs.",
    "Suivi des clauses d'insertion des marchés de travaux avec le facilitateur.",
    "Diagnostic partagé du fonctionnement urbain et social du quartier.",
    "Programmation des équipements publics : groupe scolaire, équipement sportif, centre social.",
    "Rédaction du cahier des charges de la concession d'aménagement et analyse des offres.",
    "Evaluation des actions du contrat de ville : entretiens, enquête, analyse des indicateurs.",
    "Elaboration d'un plan de mobilité et d'une stratégie de stationnement résidentiel.",
    "Définition de la stratégie de peuplement et des objectifs d'attribution avec les réservataires.",
    "Mise en place de tableaux de bord de suivi du projet et d'un observatoire des copropriétés.",
    "Conception d'une démarche d'urbanisme transitoire sur les emprises libérées.",
    "Accompagnement des élus dans les arbitrages sur le phasage et le calendrier des opérations.",
    "Rédaction du plan de communication et de la lettre d'information du projet.",
    "Capitalisation de la démarche et animation d'un séminaire de retour d'expérience.",
]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())


def _elide(text: str) -> str:
    """French elision: "de Argenteuil" -> "d'Argenteuil", "de Le Havre" -> "du Havre"."""
    text = re.sub(r"\bde Le ", "du ", text)
    return re.sub(r"\b([dD])e ([AEIOUÉaeiouéH])", r"\1'\2", text)


def _clients(rng: random.Random, count: int = 300) -> list[tuple[str, str, str]]:
    """About ``count`` distinct (client, client_type, commune) triples."""
    pool = [(_elide(form.format(c=c)), kind, c) for c, _d in COMMUNES for form, kind in CLIENT_FORMS]
    unique = list(dict.fromkeys(pool))
    rng.shuffle(unique)
    return unique[:count]


class _Components:
    """Canonical component names and, for each, variants that map back to it."""

    def __init__(self, vocabulary_dir: Path) -> None:
        terms = load_vocabulary(vocabulary_dir).components
        self.names = terms.names
        self.variants = {t.name: [v for v in t.variants if terms.canonical(v) == t.name]
                         for t in terms.terms}
        self.mission_types = load_vocabulary(vocabulary_dir).mission_types.names

    def pick(self, rng: random.Random, k: int) -> list[str]:
        out = []
        for name in rng.sample(self.names, k):
            if rng.random() < 0.10 and self.variants[name]:
                out.append(rng.choice(self.variants[name]))
            else:
                out.append(name)
        return out


def _stakes(rng: random.Random, commune: str, quartier: str) -> str:
    slots = {"c": commune, "q": quartier, "n": rng.randint(40, 1200), "d": rng.choice([60, 70]),
             "m": rng.randint(12, 480)}
    target = rng.randint(600, 1500)
    themes = rng.sample(sorted(STAKE_THEMES), 3)
    body = [rng.choice(STAKE_OPENINGS)]
    pool = [s for t in themes for s in STAKE_THEMES[t]]
    rng.shuffle(pool)
    pool += rng.sample(STAKE_CLOSINGS, len(STAKE_CLOSINGS))
    text = body[0].format(**slots)
    for sentence in pool:
        nxt = sentence.format(**slots)
        if len(text) + 1 + len(nxt) > 1500:
            continue
        text += ("\n" if rng.random() < 0.25 else " ") + nxt
        if len(text) >= target:
            break
    while len(text) < 600:  # only with unlucky draws: pad from the closings
        text += " " + rng.choice(STAKE_CLOSINGS)
    return text


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def make_reference(rng: random.Random, i: int, clients: list[tuple[str, str, str]],
                   components: _Components) -> Reference:
    """One synthetic reference (number ``i`` makes the id unique)."""
    client, client_type, commune = rng.choice(clients)
    dept = dict(COMMUNES)[commune]
    quartier = rng.choice(QUARTIERS)
    kind, title = rng.choice(MISSIONS)
    start = rng.randint(2008, 2026)
    ongoing = rng.random() < 0.12 or start == 2026
    end = None if ongoing else min(2026, start + rng.choice([0, 1, 1, 2, 2, 3, 4]))
    consultants = list(dict.fromkeys(_person(rng) for _ in range(rng.randint(1, 3))))
    team = list(dict.fromkeys(rng.choice(PARTNERS) for _ in range(rng.randint(1, 2))))
    slots = {"k": rng.randint(3, 15), "n": rng.randint(20, 400)}
    contact = None
    if rng.random() < 0.7:
        name = _person(rng)
        contact = {"name": name, "role": f"{rng.choice(ROLES)}, {client}",
                   "email": f"{_slug(name).replace('-', '.')}@exemple.fr",
                   "phone": f"01 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"}
    ref_id = f"{kind}-{_slug(commune)}-{start}-{i:05d}"
    return Reference(
        id=ref_id,
        title=_elide(title.format(c=commune, q=quartier)),
        client=client,
        client_type=client_type if rng.random() > 0.03 else None,
        location=f"{commune} ({dept})",
        start_year=start,
        end_year=end,
        mission_type=rng.choice(components.mission_types),
        fee_eur=rng.randrange(5_000, 250_000, 500) if rng.random() > 0.05 else None,
        project_cost_eur=rng.randrange(2, 500) * 1_000_000 if rng.random() < 0.5 else None,
        team=team,
        director=consultants[0],
        consultants=consultants,
        programme=rng.choice(PROGRAMMES),
        actors=rng.sample(ACTORS, rng.randint(2, 6)),
        components=components.pick(rng, rng.randint(5, 12)),
        stakes=_stakes(rng, commune, quartier),
        content=[b.format(**slots) for b in rng.sample(BULLETS, rng.randint(4, 8))],
        contact=contact,
        confidential=rng.random() < 0.05,
    )


def _vocabulary_source() -> Path:
    return next(p for p in VOCABULARY_SOURCES if p.exists())


def _unique(ref: Reference, i: int) -> Reference:
    """``ref`` with no sentence shared with another reference: each content bullet and
    stakes sentence names the reference's own operation (a worst case for caches keyed by
    text, closer to a real archive where sentences rarely repeat)."""
    tag = f"opération {i:05d}"
    content = [f"{b.rstrip('.')} ({tag}-{k})." for k, b in enumerate(ref.content)]
    parts = re.split(r"(?<=[.!?;])(\s+)", ref.stakes)
    stakes = "".join(
        f"{p[:-1]} ({tag}-s{k}){p[-1]}" if p.strip() and p[-1] in ".!?;" else p
        for k, p in enumerate(parts)
    )
    return dataclasses.replace(ref, content=content, stakes=stakes)


def generate_library(n: int, out_dir: Path, seed: int = 0, unique: bool = False) -> Path:
    """Write ``n`` reference files and ``vocabulary.yaml`` into ``out_dir``; returns it.

    Existing ``*.yaml`` files in ``out_dir`` are removed first, so the folder holds exactly
    the generated library. ``unique`` makes every content bullet and stakes sentence
    distinct.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.yaml"):
        old.unlink()
    source = _vocabulary_source()
    shutil.copyfile(source, out_dir / "vocabulary.yaml")
    rng = random.Random(seed)
    clients = _clients(rng)
    components = _Components(out_dir)
    for i in range(n):
        ref = make_reference(rng, i, clients, components)
        if unique:
            ref = _unique(ref, i)
        (out_dir / f"{ref.id}.yaml").write_text(dump_reference(ref), encoding="utf-8")
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of references")
    parser.add_argument("out_dir", type=Path, help="folder to write (its *.yaml are replaced)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--unique", action="store_true", help="no content bullet or stakes sentence repeats"
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    started = time.perf_counter()
    generate_library(args.n, args.out_dir, args.seed, args.unique)
    print(f"{args.n} references written to {args.out_dir} in "
          f"{time.perf_counter() - started:.1f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
