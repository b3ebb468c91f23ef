"""Clauses telling of work the mission did not do (another party's, not done, only planned)."""

from __future__ import annotations

import pytest

from tenderkit.attribution import flat, split


def mentions(text: str, firms: tuple[str, ...] = ()) -> list[str]:
    return [piece for piece, mention in split(text, firms) if mention]


def kept(text: str, firms: tuple[str, ...] = ()) -> list[str]:
    return [piece for piece, mention in split(text, firms) if not mention]


@pytest.mark.parametrize(
    "text",
    [
        # another party as the agent of the work
        "La concertation et l'information des habitants sont assurées par l'équipe municipale.",
        "Les temps de concertation restaient conduits par l'équipe municipale.",
        "Le bilan d'aménagement prévisionnel, établi par Grand Paris Aménagement.",
        "L'OPC urbain a été confié en 2022 à un prestataire dédié.",
        "La GUSP relevait de l'EPT.",
        "Le montage des opérations restant à la charge de la Ville.",
        "Le bailleur conduit le relogement des ménages.",
        # an acronym as the other party
        "Les relogements eux-mêmes sont conduits par les MOUS des bailleurs.",
        "Le prestataire retenu pour l'OPC a coordonné les chantiers.",
        "Le titulaire du marché de concertation a animé les ateliers.",
        # negation, absence
        "Le relogement n'entrait pas dans la mission.",
        "Le traité de concession a été négocié ensuite sans le cabinet.",
        "Le cabinet n'a pas animé de réunion avec les habitants.",
        "Volet foncier hors mission.",
        "Questions transmises au service démocratie locale, sans animer d'atelier.",
        # planned, evoked
        "Une démarche de concertation est prévue dans une seconde phase.",
        "La concertation sera lancée après la validation du plan guide.",
        "Le diagnostic a évoqué la question des copropriétés.",
    ],
)
def test_work_of_others_is_a_mention(text: str) -> None:
    assert mentions(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Animation de la concertation réglementaire.",
        "Ateliers de concertation animés par le cabinet avec les habitants.",
        "Démarche de concertation portée par la Ville et animée par le cabinet.",
        "Accompagnement du NPRU porté par l'EPT Est Ensemble.",
        "La Ville a engagé un NPRU sur le quartier du Hamois.",
        "La concertation préalable prévue à l'article L.103-2 a été organisée par nos soins.",
        "La Métropole a confié au groupement une étude de faisabilité.",
        "Diagnostics en marchant mensuels avec les amicales de locataires.",
        "Suivi des clauses d'insertion en lien avec la maison de l'emploi.",
        "Maquette financière, plans de financement et demandes de subventions.",
        "Tableau de bord des dysfonctionnements signalés.",
        "Animation de 12 ateliers avec les habitants, sans difficulté majeure.",
        "Notre équipe (trois consultants) est intervenue auprès des habitants.",
        # the administrative register of a certificate names the firm "le titulaire"
        "Le titulaire a assuré l'animation des ateliers de concertation.",
        "Animation des ateliers assurée par le titulaire.",
        "Le prestataire a animé 12 ateliers avec les habitants.",
    ],
)
def test_the_firms_own_work_stays_whole(text: str) -> None:
    assert split(text) == ((text, False),)


def test_the_firm_named_by_its_team_or_consultants_is_no_other_party() -> None:
    text = "Diagnostic réalisé par Atelier Civitas et restitué en comité de pilotage."
    assert mentions(text, ("Atelier Civitas",)) == []
    assert mentions(text) == [
        "Diagnostic réalisé par Atelier Civitas et restitué en comité de pilotage."
    ]


@pytest.mark.parametrize(
    ("text", "kept_", "mentioned"),
    [
        (  # only the clause of the other party is cut out
            "Le cabinet a conduit la concertation, la communication restant assurée par la Ville.",
            "Le cabinet a conduit la concertation",
            "la communication restant assurée par la Ville.",
        ),
        (  # a participle between commas qualifies the clause before it
            "La concertation, conduite par la Ville, a réuni 300 habitants.",
            "a réuni 300 habitants.",
            "La concertation, conduite par la Ville",
        ),
        (  # a verb-first clause after an aside: its subject is before the aside
            "La concertation proprement dite (ateliers, comité de suivi) est conduite en régie"
            " par la Ville ; nous avons assuré l'information des habitants.",
            "nous avons assuré l'information des habitants.",
            "La concertation proprement dite (ateliers, comité de suivi) est conduite en régie"
            " par la Ville",
        ),
        (  # a relative clause after another party is theirs
            "Coordination avec l'EPT, qui a conduit la concertation réglementaire.",
            "Coordination avec l'EPT",
            "qui a conduit la concertation réglementaire.",
        ),
        (  # another provider's mission named in the firm's bullet
            "Revues de projet avec les maîtres d'ouvrage et le titulaire de la mission d'OPC.",
            "Revues de projet avec les maîtres d'ouvrage",
            "et le titulaire de la mission d'OPC.",
        ),
    ],
)
def test_clauses_are_cut_where_the_agent_changes(text: str, kept_: str, mentioned: str) -> None:
    assert kept(text) == [kept_]
    assert mentions(text) == [mentioned]


def test_a_negation_in_a_relative_clause_cuts_only_that_clause() -> None:
    text = "Réunions en pied d'immeuble pour toucher ceux qui ne se déplacent pas."
    assert kept(text) == ["Réunions en pied d'immeuble pour toucher ceux"]


def test_flat_keeps_offsets() -> None:
    text = "Maîtrise d’œuvre — Élue à l'ÉPT"
    assert len(flat(text)) == len(text)
    assert flat(text).startswith("maitrise d'œuvre - elue a l'ept")
