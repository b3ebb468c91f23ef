"""The labels of a fiche référence and the field each one fills.

Labels are compared on a key that ignores case, accents, punctuation, articles and the
"HT"/"TTC" qualifier, so "MAÎTRE DE L'OUVRAGE :", "Maîtrise d'ouvrage" and "Maitre d ouvrage"
are one label. Pure data and functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tenderkit.text import fold

#: Small words dropped from label keys ("Maître de l'ouvrage" → "maitre ouvrage").
_LABEL_NOISE = frozenset("de d l la le les du des en a au aux et the of s x e nos notre".split())
#: Tax and currency words dropped too; the tax is remembered separately.
_TAX_WORDS = frozenset("ht ttc hors taxe taxes toutes comprises euros euro eur k keur".split())

#: field → label spellings, separated by "|"; indented lines continue the field above.
#: Fields starting with "_" are handled specially by the parser.
_LABEL_TABLE = """
title            titre | intitulé | intitulé de la mission | intitulé du projet |
                 intitulé de l'opération | intitulé du marché | objet | objet de la mission |
                 objet du marché | nom du projet | nom de l'opération | opération | projet |
                 référence | titre de la mission | titre de la référence | libellé |
                 libellé de la mission | désignation | désignation de la mission
client           maître d'ouvrage | maîtrise d'ouvrage | maître de l'ouvrage | maîtres d'ouvrage |
                 moa | mo | client | commanditaire | donneur d'ordre | donneur d'ordres |
                 acheteur | pouvoir adjudicateur | maître d'ouvrage client |
                 client maître d'ouvrage | nom du client | nom du maître d'ouvrage |
                 collectivité | structure commanditaire | destinataire | mandant |
                 maître d'ouvrage commanditaire | client final | collectivité cliente
client_type      public privé | public ou privé | privé public | type de client |
                 statut du client | nature du client | type de maître d'ouvrage |
                 nature du maître d'ouvrage | statut du maître d'ouvrage | secteur | statut
location         lieu | lieux | localisation | lieu d'exécution | lieu de la mission |
                 lieu de réalisation | commune | ville | territoire | site | adresse | situation |
                 implantation | département | quartier
_years           année | années | période | date | dates | date de réalisation |
                 dates de réalisation | période de réalisation | année de réalisation |
                 années de réalisation | réalisation | calendrier | période d'exécution |
                 date d'exécution | dates d'exécution | période de la mission |
                 dates de la mission | mois année | date de la mission | années de la mission |
                 périodes | date de la prestation | dates de la prestation |
                 période de la prestation | dates d'intervention | période d'intervention |
                 année de la mission | année de la prestation | années d'intervention |
                 date d'intervention | dates clés | année d'exécution | millésime
_start           date de début | début | année de début | date de démarrage | démarrage |
                 début de la mission | date de notification | notification
_end             date de fin | fin | année de fin | fin de la mission | achèvement |
                 date d'achèvement | date de livraison | livraison | fin de mission
_duration        durée | durée de la mission | durée de réalisation | durée du marché |
                 durée de la prestation | délai | délai d'exécution | délais d'exécution |
                 durée d'exécution
mission_type     type de mission | nature de la mission | type de prestation |
                 nature de la prestation | type d'intervention | nature de l'intervention |
                 catégorie | type | nature | catégorie de mission | domaine |
                 type de la mission | mission principale |
                 type d'étude | nature de l'étude | nature des missions | type de missions
_mission         mission | prestation | mission de l'équipe | notre mission
fee_eur          montant | montant de la mission | montant des honoraires | honoraires |
                 montant des prestations | montant de la prestation | montant du marché |
                 montant des missions | montant de nos honoraires | budget de la mission |
                 rémunération | montant de la mission pour notre bureau | montant du contrat |
                 montant de la commande | montant des études | prix | montant total |
                 montant total des prestations | montant des honoraires de la mission |
                 coût de la mission | montant global | montant de la rémunération |
                 montant forfaitaire | montant de l'étude | montant de la prestation réalisée |
                 montant du marché notifié | montant notifié | montant facturé |
                 montant des honoraires perçus
project_cost_eur coût du projet | coût des travaux | montant des travaux | coût de l'opération |
                 montant de l'opération | montant du projet | budget du projet |
                 budget de l'opération | coût global | coût total | coût global du projet |
                 coût total du projet | coût total de l'opération | enveloppe |
                 enveloppe travaux | investissement | montant de l'investissement |
                 coût d'objectif | montant des investissements | budget global |
                 coût prévisionnel des travaux | montant prévisionnel des travaux |
                 coût estimatif des travaux | coût travaux | montant travaux |
                 enveloppe financière | enveloppe prévisionnelle | enveloppe des travaux |
                 enveloppe financière des travaux | coût de réalisation | budget des travaux
director         directeur de mission | directrice de mission | direction de mission |
                 directeur de la mission | directrice de la mission | chef de mission |
                 cheffe de mission | responsable de la mission | responsable de mission |
                 chef de projet | cheffe de projet | directeur de projet | directrice de projet |
                 responsable du projet | pilote de la mission | responsable
team             équipe | équipe projet | groupement | membres du groupement | mandataire |
                 cotraitant | cotraitants | co traitant | co traitants | sous traitant |
                 sous traitants | bureau d'études | bureaux d'études | partenaires du groupement |
                 composition du groupement | équipe de maîtrise d'oeuvre | titulaire |
                 composition de l'équipe | composition équipe | équipe du groupement |
                 mandataire du groupement | cotraitance | sous traitance | en groupement avec |
                 en association avec
consultants      consultants mobilisés | consultant mobilisé | consultants | consultant |
                 intervenants | intervenant | équipe mobilisée | personnes mobilisées |
                 experts mobilisés | moyens humains | moyens humains mobilisés | collaborateurs |
                 collaborateurs mobilisés | équipe intervenante | intervenants mobilisés |
                 membres de l'équipe | personnel mobilisé | personnels mobilisés |
                 équipe interne | équipe dédiée | chargés de mission | chargé de mission |
                 chargée de mission | personnes ressources
programme        programme | programme de l'opération | programme du projet | dispositif |
                 programme de la mission | cadre contractuel | cadre | programmes
actors           acteurs | acteurs associés | partenaires | partenaires associés |
                 parties prenantes | principaux partenaires | acteurs du projet |
                 acteurs impliqués | partenaires du projet | acteurs mobilisés |
                 partenaires mobilisés
components       composantes de la mission | composantes | composante | domaines d'intervention |
                 domaine d'intervention | thématiques | thématiques abordées |
                 compétences mobilisées | domaines de compétence | domaines de compétences |
                 mots clés | mots clefs | expertises mobilisées | expertises |
                 champs d'intervention | savoir faire mobilisés | composantes de la prestation |
                 thèmes | compétences
stakes           enjeux de la mission | enjeux | contexte | contexte et enjeux |
                 enjeux et contexte | contexte de la mission | enjeux du projet |
                 contexte du projet | objectifs | objectifs de la mission | présentation |
                 présentation du projet | présentation de la mission | le contexte | les enjeux |
                 problématique | contexte et objectifs | description du projet | résumé
content          contenu de la mission | contenu | missions | missions réalisées |
                 prestations réalisées | prestations | contenu de la prestation |
                 description de la mission | description | missions confiées | mission confiée |
                 nature des prestations | détail de la mission | détail des prestations |
                 interventions | actions réalisées | principales missions |
                 descriptif de la mission | descriptif | rôle | notre rôle | notre intervention |
                 tâches | réalisations | prestations assurées | missions assurées |
                 éléments de mission
_contact         interlocuteur | contact | référent | personne à contacter | nom du contact |
                 contact client | interlocuteur client | référent client | référence client |
                 contact chez le client | personne référente | interlocuteur privilégié |
                 contact référent | référent du maître d'ouvrage | contact maître d'ouvrage |
                 interlocuteur maître d'ouvrage | personne contact | interlocuteurs
_role            fonction | fonction du contact | qualité | poste
_phone           téléphone | tél | tel | téléphone du contact | portable | numéro de téléphone
_email           courriel | email | e mail | mail | mél | adresse mail | adresse électronique |
                 adresse e mail | courriel du contact
confidential     confidentiel | confidentialité | référence confidentielle |
                 diffusion restreinte
"""


def _parse_table(text: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    field = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            field, _, line = line.partition(" ")
        table.setdefault(field, []).extend(s.strip() for s in line.split("|") if s.strip())
    return {k: tuple(v) for k, v in table.items()}


_LABELS = _parse_table(_LABEL_TABLE)

#: Fields whose value is a list of items, and the paragraph field.
LIST_FIELDS = frozenset({"team", "consultants", "actors", "components", "content"})
PARAGRAPH_FIELDS = frozenset({"stakes"})
#: Labels known but not part of the schema: read and reported, never guessed into a field.
_IGNORED = (
    "surface",
    "superficie",
    "nombre de logements",
    "montant de la tranche",
    "numéro",
    "n",
    "référence du marché",
    "procédure",
    "type de procédure",
    "tranche",
    "maître d'oeuvre",
    "maîtrise d'oeuvre",
    "architecte",
    "urbaniste",
    "population",
    "nombre d'habitants",
    "habitants",
    "site internet",
    "web",
    "url",
    "source",
    "photo",
    "crédit photo",
    "illustration",
    "état d'avancement",
    "avancement",
)


_NUMBERING = re.compile(r"(?:\s+(?:n|no|numero))?\s+\d{1,3}$")
_NUMBERED_TITLES = frozenset({"reference", "fiche", "fiche reference", "projet", "operation"})


def label_key(text: str) -> str:
    """The comparison key of a label: folded words without articles or tax words."""
    words = re.findall(r"[a-z0-9]+", fold(text).replace("œ", "oe"))
    kept = [w for w in words if w not in _LABEL_NOISE and w not in _TAX_WORDS]
    return " ".join(kept)


def label_tax(text: str) -> str | None:
    """``"HT"`` or ``"TTC"`` when the label itself says which (``Montant HT``)."""
    words = set(re.findall(r"[a-z]+", fold(text)))
    has_ht = "ht" in words or {"hors", "taxes"} <= words or {"hors", "taxe"} <= words
    has_ttc = "ttc" in words or "comprises" in words
    if has_ht and not has_ttc:
        return "HT"
    if has_ttc and not has_ht:
        return "TTC"
    return None


_BY_KEY: dict[str, str] = {}
for _field, _spellings in _LABELS.items():
    for _spelling in _spellings:
        _BY_KEY.setdefault(label_key(_spelling), _field)
for _spelling in _IGNORED:
    _BY_KEY.setdefault(label_key(_spelling), "_ignored")


@dataclass
class Label:
    """A recognised label: the field it fills, its text and its tax qualifier."""

    field: str
    text: str
    tax: str | None = None


def match_label(text: str) -> Label | None:
    """The field a label fills (``"_ignored"`` for known non-schema labels), or ``None``."""
    candidate = text.strip().strip("*_#").strip()
    if not candidate or len(candidate) > 70:
        return None
    key = label_key(candidate)
    if not key:
        return None
    found = _BY_KEY.get(key)
    if found is None and " " not in candidate.strip() and key.endswith("s"):
        found = _BY_KEY.get(key[:-1])
    numbered = _NUMBERING.sub("", key).strip()
    if found is None and numbered != key and numbered in _NUMBERED_TITLES:
        found = "title"  # "Référence n°3 : Plan guide", "Projet 2 : …"
    if found is None:
        return None
    return Label(found, candidate, label_tax(candidate))


def looks_like_label(text: str) -> bool:
    """A short capitalised phrase, as unknown labels are (``"Surface SHON"``)."""
    text = text.strip()
    return (
        0 < len(text) <= 40
        and len(text.split()) <= 5
        and text[:1].isupper()
        and not any(ch in text for ch in ".!?")
    )


#: One-word labels safe to read without a separator ("Client Ville de Bondy") in PDF tables.
_SAFE_SINGLE = frozenset(
    {"client", "actors", "team", "consultants", "location", "components", "_phone", "_email"}
)
#: One-word labels that never start a list item or a sentence: read in any context.
_ALWAYS_SINGLE = frozenset(
    "interlocuteur contact referent courriel telephone tel commanditaire localisation "
    "confidentiel composantes".split()
)
_TYPED = frozenset({"_years", "_start", "_end", "fee_eur", "project_cost_eur"})
_MAX_LABEL_WORDS = 7


def match_label_prefix(text: str, *, scalar_context: bool) -> tuple[Label, str] | None:
    """``(label, value)`` for ``"Maître d'ouvrage Ville de Bondy"``: a label, no separator.

    PDF text of a two-column table loses the column gap, so the label is recognised as the
    line's first words. To keep sentences from being read as fields, the line must start
    with a capital; a one-word label needs a value of its type (a year, an amount) or must be
    an unambiguous one ("Client", "Acteurs") outside a list or paragraph.
    """
    from tenderkit.importer.values import find_amounts, parse_years

    if not text[:1].isupper():
        return None
    words = text.split()
    for n in range(min(_MAX_LABEL_WORDS, len(words) - 1), 0, -1):
        head, value = " ".join(words[:n]), " ".join(words[n:])
        label = match_label(head)
        if label is None or label.field in ("_ignored", "title"):
            continue
        if label.field in _TYPED:
            if label.field in ("fee_eur", "project_cost_eur"):
                typed_ok = bool(find_amounts(value))
            else:
                typed_ok = parse_years(value) is not None
            many_words = len(label_key(head).split()) >= 2
            return (label, value) if typed_ok or many_words else None
        meaningful = label_key(head).split()
        if (
            len(meaningful) >= 2
            or " ".join(meaningful) in _ALWAYS_SINGLE
            or (scalar_context and label.field in _SAFE_SINGLE)
        ):
            return label, value
        return None
    return None
