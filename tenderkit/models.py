"""The domain objects: references, tenders, criteria and match results (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Keys of a reference file, in the order they are written.
REFERENCE_KEYS: tuple[str, ...] = (
    "id",
    "title",
    "client",
    "client_type",
    "location",
    "start_year",
    "end_year",
    "mission_type",
    "fee_eur",
    "project_cost_eur",
    "team",
    "director",
    "consultants",
    "programme",
    "actors",
    "components",
    "stakes",
    "content",
    "contact",
    "confidential",
)

CONTACT_KEYS: tuple[str, ...] = ("name", "role", "email", "phone")

#: A criterion counts as met by a reference from this score.
COVERED = 0.5


@dataclass
class Reference:
    """One past mission, as stored in ``<id>.yaml``."""

    id: str
    title: str
    client: str
    start_year: int
    client_type: str | None = None
    location: str | None = None
    end_year: int | None = None
    mission_type: str | None = None
    fee_eur: int | None = None
    project_cost_eur: int | None = None
    team: list[str] = field(default_factory=list)
    director: str | None = None
    consultants: list[str] = field(default_factory=list)
    programme: str | None = None
    actors: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    stakes: str = ""
    content: list[str] = field(default_factory=list)
    contact: dict[str, str | None] | None = None
    confidential: bool = False

    @property
    def ongoing(self) -> bool:
        """True when the mission has no end year."""
        return self.end_year is None

    def last_year(self, current_year: int) -> int:
        """The mission's last active year (``current_year`` when ongoing)."""
        return self.end_year if self.end_year is not None else current_year

    @property
    def years_label(self) -> str:
        """Years as a French label: ``2023 – 2024``, ``2018``, ``depuis 2024``."""
        if self.end_year is None:
            return f"depuis {self.start_year}"
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year} – {self.end_year}"

    def to_dict(self) -> dict[str, Any]:
        """All keys of the file format, in file order."""
        data = {key: getattr(self, key) for key in REFERENCE_KEYS}
        for key in ("team", "consultants", "actors", "components", "content"):
            data[key] = list(data[key])
        if self.contact is not None:
            data["contact"] = dict(self.contact)
        return data


@dataclass
class Criterion:
    """One capacity the buyer asks for."""

    id: str
    label: str
    weight: float = 1.0
    components: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@dataclass
class Tender:
    """A call for tenders, as read from a tender YAML file."""

    title: str
    buyer: str
    criteria: list[Criterion]
    deadline: str | None = None  # ISO date
    reference_count: int = 5
    max_age_years: int | None = None
    client_types: list[str] = field(default_factory=list)
    min_fee_eur: int | None = None

    @property
    def deadline_year(self) -> int | None:
        """Year of the deadline, when one is given."""
        return int(self.deadline[:4]) if self.deadline else None


@dataclass
class CriterionScore:
    """How well one reference meets one criterion, with the phrases that prove it."""

    id: str
    score: float
    evidence: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        """True when the score reaches :data:`COVERED`."""
        return self.score >= COVERED


@dataclass
class Match:
    """One reference scored against a tender."""

    reference: Reference
    score: float
    eligible: bool
    reason: str | None
    criteria: list[CriterionScore]

    def criterion_value(self, index: int) -> float:
        """Score of the ``index``-th criterion of the tender."""
        return self.criteria[index].score

    def criterion(self, criterion_id: str) -> CriterionScore | None:
        """The score for ``criterion_id``, if any."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        return None


@dataclass
class MatchResult:
    """The ranking of a whole library against a tender, and the chosen references."""

    tender: Tender
    ranking: list[Match]
    selected: list[str]
    uncovered: list[str]

    def selected_matches(self) -> list[Match]:
        """The selected matches, in selection order."""
        by_id = {m.reference.id: m for m in self.ranking}
        return [by_id[i] for i in self.selected if i in by_id]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``tenderkit match --format json``."""
        return {
            "tender": self.tender.title,
            "selected": list(self.selected),
            "uncovered": list(self.uncovered),
            "ranking": [
                {
                    "id": m.reference.id,
                    "score": round(m.score, 1),
                    "eligible": m.eligible,
                    "reason": m.reason,
                    "criteria": [
                        {"id": c.id, "score": round(c.score, 3), "evidence": list(c.evidence)}
                        for c in m.criteria
                    ],
                }
                for m in self.ranking
            ],
        }
