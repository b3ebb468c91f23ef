"""A reference cut into quotable segments; mentions and training courses."""

from __future__ import annotations

from tenderkit.library import reference_from_dict
from tenderkit.segments import is_training, segments
from tests.helpers import reference_data


def ref(**kw):  # noqa: ANN003, ANN201
    return reference_from_dict(reference_data("r", **kw))


def test_clauses_about_another_partys_work_become_mentions() -> None:
    r = ref(
        content=["Direction de projet, l'OPC urbain étant assuré par un prestataire dédié."],
        stakes="Le cabinet a piloté le projet. La concertation relevait de la Ville.",
    )
    got = [(f, t) for f, t in segments(r) if f in ("content", "stakes", "mention")]
    assert got == [
        ("content", "Direction de projet"),
        ("mention", "l'OPC urbain étant assuré par un prestataire dédié."),
        ("stakes", "Le cabinet a piloté le projet."),
        ("mention", "La concertation relevait de la Ville."),
    ]


def test_a_training_course_is_told_by_its_title_or_its_bare_type() -> None:
    assert is_training(ref(title="Cycle de formation des chefs de projet NPRU"))
    assert is_training(ref(title="Mission pour le CNFPT", mission_type="Formation"))
    assert not is_training(ref(title="Bilan du PNRQAD", mission_type="Formation et capitalisation"))
    assert not is_training(ref(title="Formation-action des gardiens", mission_type="AMO"))


def test_a_training_courses_title_content_and_stakes_are_mentions() -> None:
    r = ref(
        title="Formation des gardiens à la GUSP",
        mission_type="Formation",
        components=["Gestion urbaine de proximité"],
        content=["Quatre modules d'une journée."],
        stakes="Une culture commune de la GUSP.",
    )
    fields = dict.fromkeys(f for f, _t in segments(r))
    assert "title" not in fields and "content" not in fields and "stakes" not in fields
    assert ("components", "Gestion urbaine de proximité") in segments(r)
    assert ("mention", "Formation des gardiens à la GUSP") in segments(r)
