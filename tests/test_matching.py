"""Scoring, evidence, eligibility and selection on cases whose answer is obvious."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tenderkit.cli import main
from tenderkit.exceptions import UnknownReferenceError
from tenderkit.library import Library, reference_from_dict
from tenderkit.matching import is_study, match_tender
from tenderkit.models import Criterion, Tender
from tenderkit.vocabulary import load_vocabulary
from tests.helpers import BUNDLED_LIBRARY, EXAMPLES, reference_data

VOCAB = load_vocabulary(None)


def lib(*refs: dict) -> Library:
    return Library(Path("/nonexistent"), [reference_from_dict(r) for r in refs], VOCAB)


def plain(ref_id: str, **kw) -> dict:  # noqa: ANN003
    """A reference with nothing in it that any test criterion looks for."""
    base = dict(
        title=f"Mission {ref_id}",
        mission_type="Etudes et diagnostics",
        components=[],
        stakes="Une mission.",
        content=["Rédaction d'un rapport."],
    )
    base.update(kw)
    return reference_data(ref_id, **base)


def fillers(n: int = 6) -> list[dict]:
    """References about nothing: in a library with them, a criterion's words are rare (the
    specificity of a match stays 1)."""
    return [plain(f"x{i}") for i in range(n)]


def tender(*criteria: Criterion, **kw) -> Tender:  # noqa: ANN003
    return Tender(title="T", buyer="B", criteria=list(criteria), deadline="2026-12-15", **kw)


CONCERTATION = Criterion(
    "concertation", "Concertation avec les habitants", keywords=["concertation"]
)


def score(result, ref_id: str, crit: str = "concertation"):  # noqa: ANN001, ANN201
    m = next(m for m in result.ranking if m.reference.id == ref_id)
    return m.criterion(crit)


@pytest.mark.parametrize(
    ("field", "value", "evidence"),
    [
        ("components", ["Participation des habitants"], "components: Participation des habitants"),
        (
            "content",
            ["Animation de la concertation réglementaire."],
            "content: Animation de la concertation",
        ),
        ("content", ["Concerter les habitants sur le projet."], "content: Concerter les habitants"),
        (
            "content",
            ["Organisation des CONCERTATIONS publiques."],
            "content: Organisation des CONCERTATIONS",
        ),
        (
            "content",
            ["Ateliers de concertaiton avec les locataires."],
            "content: Ateliers de concertaiton",
        ),
        (
            "content",
            ["Démarche de co-construction avec les usagers."],
            "content: Démarche de co-construction",
        ),
        ("title", ["Réunions publiques et balades urbaines"], "title: Réunions publiques"),
    ],
)
def test_criterion_met_however_it_is_written(field: str, value: list[str], evidence: str) -> None:
    data = plain("r", **{field: value[0] if field == "title" else value})
    result = match_tender(lib(data, plain("other")), tender(CONCERTATION))
    found = score(result, "r")
    assert found.score >= 0.5, found
    assert any(e.startswith(evidence) for e in found.evidence), found.evidence
    assert score(result, "other").score == 0 and score(result, "other").evidence == []


def test_mention_in_passing_is_weak_but_shown() -> None:
    data = plain(
        "r",
        stakes="Le quartier a connu une concertation il y a dix ans. La mission portait sur la voirie.",
    )
    found = score(match_tender(lib(data), tender(CONCERTATION)), "r")
    assert 0 < found.score < 0.5
    assert found.evidence and found.evidence[0].startswith(
        "stakes: Le quartier a connu une concertation"
    )


def test_work_done_by_another_party_is_not_the_missions() -> None:
    done = plain("done", content=["Animation de la concertation avec les habitants."])
    other = plain(
        "other",
        content=["Études de stationnement du quartier."],
        stakes="La concertation avec les habitants restait conduite par l'équipe municipale.",
    )
    planned = plain("planned", content=["Une concertation est prévue dans une seconde phase."])
    others = fillers(9)  # a library where concertation is rare
    result = match_tender(lib(done, other, planned, *others), tender(CONCERTATION))
    assert score(result, "done").score >= 0.5
    for ref_id in ("other", "planned"):
        found = score(result, ref_id)
        assert 0 < found.score < 0.2, ref_id
        assert found.evidence[0].startswith("mention: "), found.evidence
    assert [m.reference.id for m in result.ranking][0] == "done"


def test_a_listed_component_the_text_gives_to_another_party_is_not_believed() -> None:
    crit = Criterion("concertation", "Concertation", components=["Concertation"])
    believed = plain("believed", components=["Concertation"])
    contradicted = plain(
        "contradicted",
        components=["Concertation"],
        stakes="Le cabinet a conçu les supports. La concertation restait conduite par la Ville.",
    )
    result = match_tender(lib(believed, contradicted), tender(crit))
    assert score(result, "believed", "concertation").score == 1.0
    found = score(result, "contradicted", "concertation")
    assert found.score < 0.5
    assert not any(e.startswith("components:") for e in found.evidence), found.evidence


def test_a_training_course_teaches_topics_it_did_not_carry_out() -> None:
    course = plain(
        "course",
        title="Cycle de formation des chefs de projet NPRU",
        mission_type="Formation",
        content=["Modules : direction de projet, concertation, GUSP."],
    )
    mission = plain("mission", content=["Concertation avec les habitants du quartier."])
    others = fillers()
    result = match_tender(lib(course, mission, *others), tender(CONCERTATION))
    assert score(result, "course").score < 0.5 <= score(result, "mission").score


def test_the_context_alone_does_not_meet_a_criterion_about_work_in_that_context() -> None:
    pilotage = Criterion(
        "pilotage",
        "Direction de projet d'un NPRU",
        components=["Pilotage et conduite de projets"],
        keywords=["NPRU", "renouvellement urbain"],
    )
    context = plain(
        "context", programme="NPNRU du quartier Nord", content=["Étude de stationnement."]
    )
    work = plain(
        "work", programme="NPNRU du quartier Sud", content=["Direction de projet du NPRU."]
    )
    others = fillers()
    result = match_tender(lib(context, work, *others), tender(pilotage))
    assert score(result, "work", "pilotage").score >= 0.5
    assert 0 < score(result, "context", "pilotage").score < 0.5
    # a criterion that asks for the context itself is met by it
    npru = Criterion("npru", "Expérience d'un NPRU", keywords=["NPRU", "ANRU"])
    result = match_tender(lib(context, work, *others), tender(npru))
    assert score(result, "context", "npru").score >= 0.5


def test_a_keyword_that_is_one_variant_of_a_broad_component_stays_a_phrase() -> None:
    crit = Criterion("social", "Accompagnement social", keywords=["accompagnement social"])
    listed = plain(
        "listed", components=["Cohésion sociale"], content=["Programmation du contrat de ville."]
    )
    doing = plain("doing", content=["Accompagnement social des ménages relogés."])
    result = match_tender(lib(listed, doing), tender(crit))
    assert score(result, "listed", "social").score == 0
    assert score(result, "doing", "social").score >= 0.5
    # an acronym of a component still brings every way of writing it
    gusp = Criterion("gusp", "GUSP", keywords=["GUSP"])
    written = plain("written", content=["Gestion urbaine et sociale de proximité du quartier."])
    others = fillers()
    result = match_tender(lib(written, *others), tender(gusp))
    assert score(result, "written", "gusp").score >= 0.5


@pytest.mark.parametrize(
    ("title", "study"),
    [
        ("Enquête auprès des ménages relogés — Génicart", True),
        ("Évaluation du dispositif de médiation sociale", True),
        ("EVALUATION finale du contrat de ville", True),
        ("Audit des contreparties à l'abattement TFPB", True),
        ("Cahier des charges de l'étude pré-opérationnelle d'OPAH-RU", True),
        ("Colloque « Vingt ans de renouvellement urbain »", True),
        ("Exposition des projets lauréats", True),
        ("MOUS relogement de la tour 12", False),
        ("Enquêtes sociales et relogement des ménages de la tour 12", False),
        ("Bilans et perspectives", False),  # "Bilan" must be the whole word
        ("Quartier du Val Fourré — Mantes-la-Jolie", False),
    ],
)
def test_a_title_tells_a_study_of_something(title: str, study: bool) -> None:
    assert is_study(title) is study


def test_a_study_of_the_work_ranks_below_doing_it_unless_a_study_is_asked() -> None:
    survey = plain(
        "survey",
        title="Enquête auprès des ménages relogés",
        content=["Analyse du relogement de 240 ménages : parcours, reste à charge."],
    )
    mous = plain(
        "mous",
        title="Mission d'accompagnement des ménages",
        content=["Relogement de 240 ménages : enquêtes sociales, propositions, suivi."],
    )
    others = fillers()
    doing = Criterion("relogement", "Relogement des ménages", keywords=["relogement"])
    result = match_tender(lib(survey, mous, *others), tender(doing))
    assert score(result, "survey", "relogement").score == 0.75  # 1.0 from its title, lowered
    assert [m.reference.id for m in result.ranking][:2] == ["mous", "survey"]
    study = Criterion("bilan", "Évaluation du relogement", keywords=["relogement"])
    result = match_tender(lib(survey, mous, *others), tender(study))
    assert score(result, "survey", "bilan").score == 1.0  # "relogés" in its title, in full


def test_only_the_kind_of_study_a_criterion_asks_for_is_met_in_full() -> None:
    evaluation = plain(
        "evaluation",
        title="Évaluation des relogements du NPNRU",
        content=["Relogement de 240 ménages : trajectoires, reste à charge, satisfaction."],
    )
    social_survey = plain(
        "social-survey",
        title="Enquête sociale préalable au relogement",
        content=["Relogement de 240 ménages : entretiens, souhaits, propositions."],
    )
    others = fillers()
    # an "enquête sociale" is a step of rehousing, not a study: only the evaluation is lowered
    rehousing = Criterion(
        "relogement", "Relogement (MOUS, enquêtes sociales)", keywords=["relogement"]
    )
    result = match_tender(lib(evaluation, social_survey, *others), tender(rehousing))
    assert score(result, "evaluation", "relogement").score == 0.75
    assert score(result, "social-survey", "relogement").score == 1.0
    # a criterion asking for an evaluation takes an evaluation in full, not a guide
    guide = plain("guide", title="Guide du relogement", content=["Relogement des ménages."])
    assessed = Criterion("bilan", "Bilan du relogement", keywords=["relogement"])
    result = match_tender(lib(evaluation, guide, *others), tender(assessed))
    assert score(result, "evaluation", "bilan").score == 1.0
    assert score(result, "guide", "bilan").score == 0.75


def test_a_mission_type_naming_a_study_without_its_object_is_a_study() -> None:
    content = ["Ateliers de concertation avec les habitants et le conseil citoyen."]
    strategy = plain("strategy", title="Île de Thau", mission_type="Etude", content=content)
    workshops = plain("workshops", title="Quartier Nord", mission_type="AMO", content=content)
    others = fillers()
    crit = Criterion("concertation", "Concertation", keywords=["concertation"])
    result = match_tender(lib(strategy, workshops, *others), tender(crit))
    assert score(result, "strategy", "concertation").score == pytest.approx(
        0.75 * score(result, "workshops", "concertation").score, abs=0.001
    )
    # "Etude de revitalisation" names its object: the revitalisation study is the work
    revit = ["Stratégie de revitalisation du centre-bourg et plan d'actions."]
    named = plain("named", mission_type="Etude de revitalisation", content=revit)
    done = plain("done", mission_type="AMO", content=revit)
    crit = Criterion("revitalisation", "Revitalisation", keywords=["revitalisation"])
    result = match_tender(lib(named, done, *others), tender(crit))
    assert score(result, "named", "revitalisation").score == 1.0  # its type names the work
    assert score(result, "done", "revitalisation").score < 1.0


@pytest.mark.parametrize(
    "bullet",
    [
        "Montage de l'atelier chantier d'insertion (8 postes).",
        "Chantiers éducatifs avec la régie de quartier : 6 sessions, 38 jeunes.",
        "Suivi des parcours des salariés de la SIAE retenue.",
    ],
)
def test_the_trades_words_for_insertion_meet_an_insertion_criterion(bullet: str) -> None:
    crit = Criterion("insertion", "Insertion", components=["Insertion par l'activité économique"])
    others = fillers()
    result = match_tender(lib(plain("a", content=[bullet]), *others), tender(crit))
    assert score(result, "a", "insertion").score >= 0.5


def test_a_word_written_in_another_sense_is_no_hit() -> None:
    money = plain("money", content=["Participation de la commune aux équipements publics."])
    residents = plain("residents", content=["Ateliers de participation avec les locataires."])
    others = fillers()
    crit = Criterion("participation", "Participation", keywords=["participation"])
    result = match_tender(lib(money, residents, *others), tender(crit))
    assert score(result, "money", "participation").score == 0.0
    assert score(result, "residents", "participation").score > 0.5
    assert score(result, "residents", "participation").evidence == [
        "content: Ateliers de participation avec les locataires."
    ]
    # evidence does not quote the other sense either
    both = plain(
        "both",
        title="Participation financière de la Ville",
        content=["Ateliers de participation avec les locataires."],
    )
    result = match_tender(lib(both, *others), tender(crit))
    assert score(result, "both", "participation").evidence == [
        "content: Ateliers de participation avec les locataires."
    ]


def test_component_criterion_matches_canonical_component_and_variant_text() -> None:
    crit = Criterion("gup", "GUSP", components=["Gestion urbaine de proximité"])
    result = match_tender(
        lib(
            plain("a", components=["GUSP"]),
            plain("b", content=["Mise en place de la gestion urbaine et sociale de proximité."]),
        ),
        tender(crit),
    )
    assert score(result, "a", "gup").score == 1.0
    assert score(result, "b", "gup").score >= 0.5


def test_label_alone_is_used_when_no_keywords() -> None:
    crit = Criterion("eval", "Évaluation du contrat de ville")
    result = match_tender(
        lib(plain("a", content=["Évaluation finale du contrat de ville 2015-2022."]), plain("b")),
        tender(crit),
    )
    assert score(result, "a", "eval").score >= 0.5 and score(result, "b", "eval").score == 0


def test_overall_score_is_weighted_average() -> None:
    crits = [
        Criterion("concertation", "c", weight=3, components=["Concertation"]),
        Criterion("eval", "e", weight=1, components=["Evaluation"]),
    ]
    result = match_tender(lib(plain("a", components=["Concertation"])), tender(*crits))
    m = result.ranking[0]
    assert m.criterion("eval").score == 0
    assert m.score == pytest.approx(100 * 3 * m.criterion("concertation").score / 4, abs=0.1)


def test_eligibility_reasons_and_ranking_order() -> None:
    refs = lib(
        plain("old", components=["Concertation"], start_year=2010, end_year=2015),
        plain("ongoing", components=["Concertation"], start_year=2012, end_year=None),
        plain("private", components=["Concertation"], client_type="private"),
        plain("nofee", components=["Concertation"], fee_eur=None),
        plain("cheap", components=["Concertation"], fee_eur=5000),
        plain("ok", components=["Concertation"]),
        plain("weak", stakes="Une concertation a eu lieu."),
    )
    t = tender(CONCERTATION, max_age_years=3, client_types=["public"], min_fee_eur=10000)
    result = match_tender(refs, t)
    by_id = {m.reference.id: m for m in result.ranking}
    assert [m.reference.id for m in result.ranking if m.eligible] == ["ongoing", "ok", "weak"]
    assert "2015" in by_id["old"].reason
    assert "privé" in by_id["private"].reason
    assert "montant non renseigné" in by_id["nofee"].reason
    assert "inférieur au minimum" in by_id["cheap"].reason
    assert [m.eligible for m in result.ranking] == sorted(
        [m.eligible for m in result.ranking], reverse=True
    )
    assert set(result.selected) <= {"ok", "ongoing", "weak"}


def test_selection_covers_every_criterion_not_top_n() -> None:
    steering = Criterion(
        "pilotage",
        "Direction de projet",
        weight=3,
        components=["Pilotage et conduite de projets"],
        keywords=["direction de projet", "NPRU"],
    )
    refs = [
        plain(
            f"steer{i}",
            client=f"Ville {i}",
            title=f"Direction de projet NPRU {i}",
            components=["Pilotage et conduite de projets"],
            content=["Direction de projet du NPRU."],
        )
        for i in range(5)
    ]
    refs.append(plain("concert", client="Ville Z", components=["Concertation"]))
    result = match_tender(lib(*refs), tender(steering, CONCERTATION, reference_count=3))
    top3 = [m.reference.id for m in result.ranking[:3]]
    assert "concert" not in top3  # the plain ranking would miss it...
    assert "concert" in result.selected  # ...the selection does not
    assert len(result.selected) == 3 and result.uncovered == []


def test_selection_covers_a_criterion_with_its_strongest_proof() -> None:
    steering = Criterion("pilotage", "Direction de projet", keywords=["direction de projet"])
    gusp = Criterion(
        "gusp",
        "GUSP",
        components=["Gestion urbaine de proximité"],
        keywords=["tranquillité", "propreté"],
    )
    refs = [
        plain(
            f"steer{i}",
            client=f"Ville {i}",
            title=f"Direction de projet du NPRU {i}",
            content=["Direction de projet du NPRU."],
        )
        for i in range(3)
    ]
    # the best overall score (direction de projet in passing), GUSP only named in a bullet
    refs.append(
        plain(
            "named",
            client="Ville N",
            stakes="La Ville recrutait sa direction de projet.",
            content=["Suivi de la gestion urbaine de proximité."],
        )
    )
    refs.append(plain("gusp", client="Ville G", components=["GUSP"]))  # the component itself
    refs += [plain(f"x{i}", client=f"Autre {i}") for i in range(12)]
    result = match_tender(lib(*refs), tender(steering, gusp, reference_count=2))
    scores = {m.reference.id: m for m in result.ranking}
    assert 0.5 <= scores["named"].criterion("gusp").score < 0.75
    assert scores["gusp"].criterion("gusp").score >= 0.75
    assert scores["named"].score > max(scores["gusp"].score, scores["steer0"].score)
    assert "gusp" in result.selected and "named" not in result.selected
    assert result.uncovered == []


def test_selection_prefers_variety_of_clients() -> None:
    refs = [
        plain(
            "a1",
            client="EPT Est Ensemble",
            components=["Concertation"],
            start_year=2024,
            end_year=2025,
        ),
        plain(
            "a2", client="Est Ensemble", components=["Concertation"], start_year=2024, end_year=2025
        ),
        plain(
            "b",
            client="Ville de Sevran",
            components=["Concertation"],
            start_year=2023,
            end_year=2024,
        ),
    ]
    result = match_tender(lib(*refs), tender(CONCERTATION, reference_count=2))
    assert result.selected[1] == "b"


def test_uncovered_criteria_are_reported() -> None:
    crit = Criterion("copro", "Copropriétés dégradées", components=["Copropriétés dégradées"])
    result = match_tender(lib(plain("a", components=["Concertation"])), tender(CONCERTATION, crit))
    assert result.uncovered == ["copro"]


def test_pick_and_exclude() -> None:
    refs = lib(
        plain("a", components=["Concertation"]), plain("b", components=["Concertation"]), plain("c")
    )
    result = match_tender(refs, tender(CONCERTATION), pick=["c"], exclude=["a"])
    assert result.selected == ["c", "b"]
    excluded = next(m for m in result.ranking if m.reference.id == "a")
    assert not excluded.eligible and "--exclude" in excluded.reason
    with pytest.raises(UnknownReferenceError, match="no reference 'zzz'"):
        match_tender(refs, tender(CONCERTATION), pick=["zzz"])


def test_match_json_contract(cli_runner) -> None:  # noqa: ANN001
    tender_path = EXAMPLES / "tender-npru-concertation.yaml"
    result = cli_runner.invoke(
        main, ["match", str(tender_path), "--library", str(BUNDLED_LIBRARY), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["tender", "selected", "uncovered", "ranking"]
    assert "npru-romainville-gagarine-2023" in data["selected"]
    first = data["ranking"][0]
    assert list(first) == ["id", "score", "eligible", "reason", "criteria"]
    assert [c["id"] for c in first["criteria"]] == ["pilotage", "concertation", "financier", "gup"]
    assert list(first["criteria"][0]) == ["id", "score", "evidence"]
    assert len(data["ranking"]) == len(list(BUNDLED_LIBRARY.glob("*.yaml"))) - 1
    scores = [r["score"] for r in data["ranking"] if r["eligible"]]
    assert scores == sorted(scores, reverse=True)


def test_match_table_and_limit(cli_runner) -> None:  # noqa: ANN001
    tender_path = EXAMPLES / "tender-npru-concertation.yaml"
    out = cli_runner.invoke(
        main, ["match", str(tender_path), "--library", str(BUNDLED_LIBRARY), "--limit", "2"]
    ).output
    assert "★" in out and "pilotage" in out and "Sélection" in out
    rows = [line for line in out.splitlines() if line[:1].isdigit()]
    # the first two, plus every selected reference wherever it ranks
    assert [r.split()[0] for r in rows[:2]] == ["1", "2"]
    assert all("★" in r for r in rows[2:]) and len(rows) > 2
    assert "autre(s) référence(s) non affichée(s)" in out
