"""The data a Word template receives: plain dicts built from a match result and the firm settings.

No docx here: the renderer turns these dicts into a document. Missing facts become
:data:`PLACEHOLDER` (never invented); confidential clients are masked in every field.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Any

from tenderkit.config import FirmConfig
from tenderkit.models import Match, MatchResult, Reference

#: Shown (highlighted) wherever the template needs a value the data lacks.
PLACEHOLDER = "[À COMPLÉTER]"
#: Mark of the coverage matrix for a criterion the reference meets.
MARK = "✓"
#: Used in free text of a confidential reference instead of the client's name.
MASKED_IN_TEXT = "le maître d'ouvrage"

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# Words of a client name too generic to give the client away on their own.
_GENERIC = frozenset(
    """ville commune communaute agglomeration metropole departement region
conseil etablissement public territorial territoire office syndicat mixte societe groupe
direction agence habitat logement sem spl des les pour and the of de du la le et est""".split()
)


def french_date(iso: str | None) -> str:
    """``2026-12-15`` → ``15 décembre 2026`` (placeholder when missing)."""
    if not iso:
        return PLACEHOLDER
    date = _dt.date.fromisoformat(iso[:10])
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {_MONTHS[date.month - 1]} {date.year}"


def euros(amount: int | None) -> str:
    """``52400`` → ``52 400 €`` with a no-break space (placeholder when missing)."""
    if amount is None:
        return PLACEHOLDER
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0€"


def neutral_client(reference: Reference) -> str:
    """The description shown instead of a confidential client's name."""
    if reference.client_type == "private":
        return "Maître d'ouvrage privé (confidentiel)"
    if reference.client_type == "public":
        return "Collectivité territoriale (confidentiel)"
    return "Maître d'ouvrage (confidentiel)"


def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[:1].casefold()[:1] or ch


def _mask_patterns(client: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns, on folded text, for the client's full name and for its distinctive words."""
    folded = " ".join("".join(_fold_char(c) for c in client).split())
    words = [w for w in re.findall(r"[^\W_]+", folded) if len(w) >= 4 and w not in _GENERIC]

    def bounded(parts: list[str]) -> re.Pattern[str] | None:
        if not parts:
            return None
        return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, parts)) + r")(?![^\W_])")

    return bounded([folded] if folded else []), bounded(words)


def mask(text: str, client: str) -> str:
    """``text`` with the client's name and distinctive words replaced (accent/case-blind).

    The full name is found in any case; a single distinctive word ("Secretville") only when
    capitalised, so that "l'ensemble des acteurs" survives a client called "Est Ensemble".
    """
    full, words = _mask_patterns(client)
    if not text or (full is None and words is None):
        return text
    folded = "".join(_fold_char(c) for c in text)  # same length as text, index for index
    spans = [m.span() for m in full.finditer(folded)] if full else []
    if words is not None:
        spans += [
            m.span()
            for m in words.finditer(folded)
            if text[m.start()].isupper() and not any(a <= m.start() < b for a, b in spans)
        ]
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        sentence_start = not text[:start].strip() or text[:start].rstrip()[-1] in ".!?:"
        out.append(
            MASKED_IN_TEXT[0].upper() + MASKED_IN_TEXT[1:] if sentence_start else MASKED_IN_TEXT
        )
        last = end
    out.append(text[last:])
    return "".join(out)


def _or_placeholder(value: str | None) -> str:
    return value if value else PLACEHOLDER


def _joined(items: list[str], sep: str = ", ") -> str:
    return sep.join(items) if items else PLACEHOLDER


def _contact(reference: Reference) -> str:
    if reference.confidential:
        return "Communiqué sur demande (référence confidentielle)"
    contact = reference.contact or {}
    name = contact.get("name")
    if not name:
        return PLACEHOLDER
    head = f"{name}, {contact['role']}" if contact.get("role") else name
    return " — ".join([head] + [v for v in (contact.get("email"), contact.get("phone")) if v])


def _location(reference: Reference) -> str:
    if not reference.location:
        return PLACEHOLDER
    if reference.confidential and mask(reference.location, reference.client) != reference.location:
        # "Secretville (93)" names the client "Ville de Secretville": keep the department only.
        department = re.search(r"\((\d[\dAB]|\d{3})\)", reference.location)
        if department:
            return f"Département {department.group(1)}"
        return "Non communiquée (confidentiel)"
    return reference.location


_FIELDS = {
    "title": "intitulé",
    "content": "contenu",
    "components": "composante",
    "stakes": "enjeux",
    "programme": "programme",
    "mission_type": "type de mission",
    "actors": "acteurs",
}


def _evidence(text: str) -> str:
    """``components: Concertation`` → ``composante : Concertation`` (French field names)."""
    field, sep, rest = text.partition(": ")
    if sep and field in _FIELDS:
        return f"{_FIELDS[field]} : {rest}"
    return text


def reference_context(
    match: Match, number: int, criteria_codes: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Everything a reference sheet shows, as text (placeholders for missing facts)."""
    ref = match.reference
    hide = (lambda text: mask(text, ref.client)) if ref.confidential else (lambda text: text)
    stakes = [hide(p.strip()) for p in re.split(r"\n\s*\n", ref.stakes) if p.strip()]
    content = [hide(item) for item in ref.content]
    met = []
    for score in match.criteria:
        info = criteria_codes.get(score.id)
        if info is not None and score.covered:
            # a mention (another party's work) explains a score to the bid manager; it does
            # not belong in the file sent to the buyer
            shown = [e for e in score.evidence if not e.startswith("mention: ")][:3]
            evidence = "; ".join(_evidence(hide(e)) for e in shown) or "—"
            met.append({"code": info["code"], "label": info["label"], "evidence": evidence})
    marks = [
        MARK if (s := match.criterion(cid)) is not None and s.covered else ""
        for cid in criteria_codes
    ]
    return {
        "number": number,
        "id": ref.id,
        "title": hide(ref.title),
        "client": neutral_client(ref) if ref.confidential else ref.client,
        "confidential": ref.confidential,
        "client_type": {"public": "public", "private": "privé"}.get(
            ref.client_type or "", PLACEHOLDER
        ),
        "location": _location(ref),
        "years": ref.years_label,
        "start_year": ref.start_year,
        "end_year": ref.end_year,
        "fee": euros(ref.fee_eur),
        "fee_eur": ref.fee_eur,
        "project_cost": euros(ref.project_cost_eur) if ref.project_cost_eur is not None else "",
        "mission_type": _or_placeholder(ref.mission_type),
        "team": _joined([hide(t) for t in ref.team]),
        "director": _or_placeholder(ref.director),
        "consultants": _joined(ref.consultants),
        "programme": hide(ref.programme) if ref.programme else "",
        "actors": _joined([hide(a) for a in ref.actors]),
        "components": list(ref.components) or [PLACEHOLDER],
        "components_text": _joined(ref.components, " · "),
        "stakes": stakes or [PLACEHOLDER],
        "content": content or [PLACEHOLDER],
        "contact": _contact(ref),
        "score": round(match.score),
        "marks": marks,
        "criteria_met": met,
    }


def build_context(
    result: MatchResult, firm: FirmConfig, today: _dt.date | None = None
) -> dict[str, Any]:
    """The full template context (see docs/word-output.md for every variable)."""
    today = today or _dt.date.today()
    tender = result.tender
    criteria: dict[str, dict[str, Any]] = {
        c.id: {"id": c.id, "code": f"C{i}", "label": c.label, "weight": c.weight, "covered_by": 0}
        for i, c in enumerate(tender.criteria, start=1)
    }
    matches = result.selected_matches()
    references = [reference_context(m, i, criteria) for i, m in enumerate(matches, start=1)]
    for ref in references:
        for cid, mark in zip(criteria, ref["marks"], strict=True):
            criteria[cid]["covered_by"] += 1 if mark else 0
    refs = [m.reference for m in matches]
    fees = [r.fee_eur for r in refs if r.fee_eur is not None]
    missing_fees = len(refs) - len(fees)
    total_fee = euros(sum(fees)) if fees else PLACEHOLDER
    if fees and missing_fees:
        total_fee += f" (hors {missing_fees} montant{'s' if missing_fees > 1 else ''} à compléter)"
    first = min((r.start_year for r in refs), default=None)
    last_years = [r.end_year for r in refs if r.end_year is not None]
    ongoing = any(r.end_year is None for r in refs)
    last = "aujourd'hui" if ongoing else (str(max(last_years)) if last_years else "")
    labels = {c.id: c.label for c in tender.criteria}
    return {
        "tender": {
            "title": tender.title,
            "buyer": tender.buyer,
            "deadline": french_date(tender.deadline),
            "deadline_iso": tender.deadline or "",
            "reference_count": tender.reference_count,
        },
        "firm": {
            "name": _or_placeholder(firm.name),
            "author": firm.author or "",
            "logo": str(firm.logo) if firm.logo else "",
        },
        "generated": french_date(today.isoformat()),
        "references": references,
        "criteria": list(criteria.values()),
        "summary": {
            "count": len(references),
            "first_year": first if first is not None else "",
            "last_year": last,
            "years": f"{first} – {last}" if first is not None else "",
            "public_count": sum(1 for r in refs if r.client_type == "public"),
            "private_count": sum(1 for r in refs if r.client_type == "private"),
            "total_fee": total_fee,
            "criteria_count": len(criteria),
            "covered_count": sum(1 for c in criteria.values() if c["covered_by"]),
            "uncovered": ", ".join(labels.get(cid, cid) for cid in result.uncovered),
        },
    }


def count_placeholders(value: Any) -> int:
    """How many :data:`PLACEHOLDER` values a context holds."""
    if isinstance(value, str):
        return value.count(PLACEHOLDER)
    if isinstance(value, dict):
        return sum(count_placeholders(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(count_placeholders(v) for v in value)
    return 0


def sample_context() -> dict[str, Any]:
    """A context with every variable filled, for checking a template without a library."""
    from tenderkit.models import Criterion, CriterionScore, Tender

    tender = Tender(
        title="Marché d'exemple & <test>",
        buyer="Ville d'Exemple",
        deadline="2026-12-15",
        criteria=[Criterion("c1", "Concertation"), Criterion("c2", "Pilotage")],
    )
    full = Reference(
        id="exemple-1",
        title="Mission complète",
        client="Ville d'Exemple",
        client_type="public",
        location="Exemple (93)",
        start_year=2022,
        end_year=2023,
        mission_type="Concertation",
        fee_eur=40000,
        project_cost_eur=1000000,
        team=["Cabinet"],
        director="Jeanne Dupont",
        consultants=["Jeanne Dupont"],
        programme="NPRU",
        actors=["ANRU"],
        components=["Concertation"],
        stakes="Des enjeux.",
        content=["Une action."],
        contact={"name": "Paul Martin", "role": "DGS", "email": "p@example.org", "phone": None},
    )
    sparse = Reference(
        id="exemple-2",
        title="Mission confidentielle",
        client="Société Secrète",
        client_type="private",
        start_year=2024,
        confidential=True,
    )
    ranking = [
        Match(full, 90.0, True, None, [CriterionScore("c1", 1.0, ["components: Concertation"])]),
        Match(sparse, 50.0, True, None, [CriterionScore("c2", 0.6, ["title: Mission"])]),
    ]
    result = MatchResult(tender, ranking, ["exemple-1", "exemple-2"], [])
    return build_context(
        result, FirmConfig(name="Cabinet d'exemple", author="Auteur"), _dt.date(2026, 1, 1)
    )
