"""What a reference sheet of the Word file shows."""

from __future__ import annotations

from tenderkit.context import reference_context
from tenderkit.library import reference_from_dict
from tenderkit.models import CriterionScore, Match
from tests.helpers import reference_data


def test_met_criteria_show_the_firms_evidence_never_mentions() -> None:
    ref = reference_from_dict(reference_data("r"))
    score = CriterionScore(
        "concertation",
        0.9,
        [
            "mention: la communication restait assurée par la Ville",
            "content: Animation de six ateliers avec les habitants.",
        ],
    )
    codes = {"concertation": {"code": "C1", "label": "Concertation"}}
    sheet = reference_context(Match(ref, 90.0, True, None, [score]), 1, codes)
    (met,) = sheet["criteria_met"]
    assert met["evidence"] == "contenu : Animation de six ateliers avec les habitants."
