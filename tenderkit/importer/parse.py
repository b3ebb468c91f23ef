"""Turn the lines of a fiche référence into the fields of a reference (pure, no I/O).

A fiche is a sequence of blocks, each opened by a label ("Maître d'ouvrage :", "ENJEUX DE
LA MISSION") and holding the value on the same line and/or the lines below. Lines before the
first label are the title. Nothing is guessed: a field the fiche does not state stays empty,
and every line that fits no field is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tenderkit.importer.blocks import (
    Block,
    Line,
    block_groups,
    list_items,
    paragraphs,
    scalar_value,
    split_blocks,
)
from tenderkit.importer.values import (
    EMAIL,
    ONGOING,
    PHONE,
    Amount,
    Years,
    client_type_from_label,
    client_type_from_name,
    find_amounts,
    parse_bool,
    parse_years,
    split_contact,
    tidy_item,
)
from tenderkit.models import REFERENCE_KEYS
from tenderkit.text import fold
from tenderkit.vocabulary import Vocabulary

#: Schema fields reported as "not filled" when the fiche leaves them empty.
REPORTED_FIELDS = tuple(
    k for k in REFERENCE_KEYS if k not in ("id", "client", "start_year", "end_year", "confidential")
)
_TITLE_MAX = 160


class FicheParseError(ValueError):
    """The fiche lacks something the schema requires (a client, a year)."""


@dataclass
class ParsedFiche:
    """What a fiche says: reference fields (no id), warnings and the fields left empty."""

    fields: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    title_generated: bool = False


def parse_fiche(
    raw_lines: list[str], vocabulary: Vocabulary | None = None, *, loose_labels: bool = False
) -> ParsedFiche:
    """Read a fiche's lines into reference fields; raises :class:`FicheParseError` if unusable.

    ``loose_labels`` also reads labels without a separator ("Maître d'ouvrage Ville de Bondy"),
    as the text of PDF tables comes out.
    """
    blocks = split_blocks(raw_lines, loose_labels)
    preamble, labelled = blocks[0], blocks[1:]
    if not any(b.label.field != "_unknown" for b in labelled if b.label):
        raise FicheParseError(
            "no fiche fields found (expected labels such as "
            '"Maître d\'ouvrage :", "Année :", "Montant :")'
        )
    warnings: list[str] = []
    by_field: dict[str, list[Block]] = {}
    for block in labelled:
        assert block.label is not None
        by_field.setdefault(block.label.field, []).append(block)
    _refuse_several(by_field)
    _resolve_mission(by_field)
    out: dict[str, Any] = {}

    def scalar(name: str) -> str | None:
        values = []
        for block in by_field.get(name, []):
            value, leftover = scalar_value(block)
            warnings.extend(f"not imported (after '{block.label.text}'): {t!r}" for t in leftover)  # type: ignore[union-attr]
            if value:
                values.append(value)
        for other in values[1:]:
            if other != values[0]:
                warnings.append(f"{name}: kept {values[0]!r}, ignored a second value {other!r}")
        return values[0] if values else None

    for name in ("title", "client", "location", "director", "programme"):
        out[name] = scalar(name)
    out["title"], title_generated = _title(out["title"], preamble, by_field, warnings)
    if out["client"]:
        out["client"] = tidy_item(out["client"])
    out["client_type"] = _client_type(scalar("client_type"), out["client"], warnings)
    out["mission_type"] = _mission_type(scalar("mission_type"), vocabulary)
    _years(out, scalar("_years"), scalar("_start"), scalar("_end"), scalar("_duration"), warnings)
    for name in ("fee_eur", "project_cost_eur"):
        out[name] = _amount(name, by_field.get(name, []), warnings)
    for name in ("team", "consultants", "actors", "content", "components"):
        out[name] = [item for block in by_field.get(name, []) for item in list_items(block, name)]
    out["components"] = _components(out["components"], vocabulary, warnings)
    out["stakes"] = paragraphs(by_field.get("stakes", []))
    out["contact"] = _contact(
        _contact_text(by_field.pop("_contact", []), warnings) or None,
        scalar("_role"),
        scalar("_phone"),
        scalar("_email"),
    )
    confidential = scalar("confidential")
    out["confidential"] = False
    if confidential:
        flag = parse_bool(confidential)
        if flag is None:
            warnings.append(f"confidential: could not read {confidential!r} as oui/non: left false")
        out["confidential"] = bool(flag)
    for name in ("_unknown", "_ignored"):
        for block in by_field.get(name, []):
            value, leftover = scalar_value(block)
            shown = f"{block.label.text}: {value}" if value else block.label.text  # type: ignore[union-attr]
            warnings.append(f"not imported (no such field): {' '.join([shown, *leftover])!r}")
    if not out["client"]:
        raise FicheParseError(
            'no client found ("Maître d\'ouvrage :" or "Client :"): '
            "the reference schema requires one"
        )
    if title_generated:
        out["title"] = _made_title(out)
        warnings.append(
            f"no title in the fiche: made {out['title']!r} from mission type, client and years"
        )
    missing = [name for name in REPORTED_FIELDS if out.get(name) in (None, "", [])]
    if title_generated:
        missing.insert(0, "title")
    return ParsedFiche(out, warnings, missing, title_generated)


def _resolve_mission(by_field: dict[str, list[Block]]) -> None:
    """ "Mission : AMO" names the mission type; "MISSION" over bullets or a paragraph is content.

    A same-line value is the mission type (unless "Type de mission" gives it); lines below
    it, or a bare heading's several lines, bullets or long text, are the mission's content.
    """
    for block in by_field.pop("_mission", []):
        assert block.label is not None
        typed = "mission_type" in by_field
        lines = [line for line in block.lines if line is not None]
        short_single = len(lines) == 1 and not lines[0].bullet and len(lines[0].text) <= 80
        if block.value and not typed:
            if any(line.bullet for line in lines):  # "Mission : AMO" over its bullets
                by_field["mission_type"] = [Block(block.label, block.value)]
                by_field.setdefault("content", []).append(Block(block.label, "", block.lines))
            else:
                by_field["mission_type"] = [block]
        elif not block.value and short_single and not typed:
            by_field["mission_type"] = [Block(block.label, "", block.lines)]
        else:
            by_field.setdefault("content", []).append(block)


def _refuse_several(by_field: dict[str, list[Block]]) -> None:
    """A brochure with several fiches in one file must not become one merged reference."""
    clients = {scalar_value(b)[0] for b in by_field.get("client", [])} - {""}
    years = [
        b for name in ("_years", "_start") for b in by_field.get(name, []) if scalar_value(b)[0]
    ]
    if len(clients) > 1 and len(years) > 1:
        raise FicheParseError(
            f"this file seems to hold {len(clients)} references (clients: "
            f"{', '.join(sorted(clients))}): split it into one file per reference"
        )


def _title(
    value: str | None, preamble: Block, by_field: dict[str, list[Block]], warnings: list[str]
) -> tuple[str | None, bool]:
    lines = [line for group in block_groups(preamble) for line in group]
    while not value and lines and is_boilerplate(lines[0].text):  # "RÉFÉRENCE N°2"
        warnings.append(f"not imported (before the first field): {lines.pop(0).text!r}")
    if lines and not value:  # "Référence 5 – Plan guide du quartier Mistral"
        prefix = _NUMBERED_PREFIX.match(lines[0].text)
        if prefix and prefix.end() < len(lines[0].text):
            lines[0] = Line(lines[0].text[prefix.end() :], lines[0].bullet)
    if value:
        warnings.extend(f"not imported (before the first field): {line.text!r}" for line in lines)
        return value, False
    if lines and not lines[0].bullet and len(lines[0].text) <= _TITLE_MAX:
        title, rest = lines[0].text.strip().rstrip("."), lines[1:]
    else:
        title, rest = None, lines
    if rest and "stakes" not in by_field and sum(len(line.text) for line in rest) > _TITLE_MAX:
        by_field["stakes"] = [Block(None, "", [*rest])]  # an unlabelled opening paragraph
    else:
        warnings.extend(f"not imported (before the first field): {line.text!r}" for line in rest)
    return title, title is None


_BOILERPLATE_WORDS = frozenset(
    "fiche fiches reference references similaire similaires projet projets de d l la le les "
    "du des equipe n no numero num principale principales nos notre annexe dossier candidature "
    "mission missions realisees recentes operation operations et en cours".split()
)


_NUMBERED_PREFIX = re.compile(
    r"(?i)\s*(?:fiche\s+)?r[ée]f[ée]rence\s*(?:n\s*[°o.]?\s*)?\d{1,3}\s*[:–—-]\s*"
)


def is_boilerplate(text: str) -> bool:
    """A heading of the document, not of the mission: "RÉFÉRENCE N°2", "Fiche référence 4"."""
    words = re.findall(r"[a-z]+", fold(text))
    return bool({"fiche", "fiches", "reference", "references"} & set(words)) and all(
        word in _BOILERPLATE_WORDS for word in words
    )


def _made_title(out: dict[str, Any]) -> str:
    years = str(out["start_year"])
    if out["end_year"] is None:
        years = f"depuis {out['start_year']}"
    elif out["end_year"] != out["start_year"]:
        years = f"{out['start_year']} – {out['end_year']}"
    return f"{out['mission_type'] or 'Mission'} – {out['client']} ({years})"


def _client_type(value: str | None, client: str | None, warnings: list[str]) -> str | None:
    if value:
        found = client_type_from_label(value)
        if found is not None:
            return found
        by_name = client_type_from_name(client) if client else None
        warnings.append(
            f"client_type: could not read {value!r} as public or private: "
            + (f"{by_name} from the client's name" if by_name else "left empty")
        )
        return by_name
    return client_type_from_name(client) if client else None


def _mission_type(value: str | None, vocabulary: Vocabulary | None) -> str | None:
    if not value or vocabulary is None:
        return value
    return vocabulary.mission_types.canonical(value) or value


def _years(
    out: dict[str, Any],
    years: str | None,
    start: str | None,
    end: str | None,
    duration: str | None,
    warnings: list[str],
) -> None:
    found = parse_years(years) if years else None
    if years and found is None:
        warnings.append(f"years: could not read a year in {years!r}")
    if found is None and start:
        begun = parse_years(start)
        finished = parse_years(end) if end else None
        if begun is not None:
            last = finished.end if finished is not None else None
            found = Years(begun.start, max(last, begun.start) if last is not None else None)
            if end and finished is None and not ONGOING.search(fold(end)):
                warnings.append(f"end year: could not read {end!r}: left open (ongoing), check it")
    if found is None and duration:
        found = parse_years(duration)
        if found is None:
            warnings.append(f"not imported (no such field): 'Durée: {duration}'")
    if found is None:
        raise FicheParseError(
            'no year found ("Année : 2023 - 2024"): the reference schema requires start_year'
        )
    out["start_year"], out["end_year"] = found.start, found.end


def _amount(name: str, blocks: list[Block], warnings: list[str]) -> int | None:
    amounts: list[Amount] = []
    texts = []
    for block in blocks:
        value, leftover = scalar_value(block)
        value = " ".join([value, *leftover]).strip()
        if not value:
            continue
        texts.append(f"{block.label.text}: {value}")  # type: ignore[union-attr]
        found = find_amounts(value)
        for amount in found:
            if amount.tax is None:
                amount.tax = block.label.tax  # type: ignore[union-attr]
        amounts.extend(found)
    if not texts:
        return None
    shown = " / ".join(texts)
    chosen = [a for a in amounts if a.tax == "HT"] or [a for a in amounts if a.tax is None]
    if not amounts:
        warnings.append(f"{name}: could not read an amount in {shown!r}: left empty")
        return None
    if not chosen:
        warnings.append(f"{name}: only a TTC amount ({shown!r}): left empty, add the HT amount")
        return None
    if len({a.euros for a in chosen}) > 1:
        warnings.append(
            f"{name}: several amounts in {shown!r}: kept the first ({chosen[0].euros} €)"
        )
    return chosen[0].euros


def _components(items: list[str], vocabulary: Vocabulary | None, warnings: list[str]) -> list[str]:
    result: list[str] = []
    for item in items:
        name = None
        if vocabulary is not None:
            terms = vocabulary.components
            bare = re.sub(r"\s*\([^)]*\)\s*", " ", item).strip()
            name = (
                terms.canonical(item)
                or terms.canonical(bare)
                or terms.suggest(item, cutoff=88)
                or (terms.suggest(bare, cutoff=88) if bare else None)
            )
        if name is None:
            name = item
            if vocabulary is not None:
                warnings.append(f"component {item!r} is not in the vocabulary: kept as written")
        if name not in result:
            result.append(name)
    return result


_CONTACT_LINE_MAX = 80


def _contact_text(blocks: list[Block], warnings: list[str]) -> str:
    """The contact's text; short lines under it (role, phone, e-mail) belong to it.

    A Word cell or a text fiche often gives the name, the role, the phone and the e-mail on
    lines of their own. Up to four short lines are read that way; anything longer is reported.
    """
    texts: list[str] = []
    for block in blocks:
        lines = [line.text for group in block_groups(block) for line in group]
        head, rest = lines[:1], lines[1:]
        if len(rest) <= 4 and all(
            EMAIL.search(text) or len(text) <= _CONTACT_LINE_MAX and not text.endswith(".")
            for text in rest
        ):
            head, rest = lines, []
        shown = block.label.text if block.label else "Contact"
        warnings.extend(f"not imported (after '{shown}'): {text!r}" for text in rest)
        texts.append(", ".join(tidy_item(text) for text in head if text.strip()))
    for other in texts[1:]:
        if other and other != texts[0]:
            warnings.append(f"contact: kept {texts[0]!r}, ignored a second value {other!r}")
    return texts[0] if texts else ""


def _contact(
    name: str | None, role: str | None, phone: str | None, email: str | None
) -> dict[str, str | None] | None:
    contact: dict[str, str | None] = {"name": None, "role": None, "email": None, "phone": None}
    if name:
        contact.update({k: v for k, v in split_contact(name).items() if v})
    if role:
        contact["role"] = role
    if phone:
        found = PHONE.search(phone)
        contact["phone"] = found.group(0) if found else phone
    if email:
        found = EMAIL.search(email)
        contact["email"] = found.group(0) if found else email
    return contact if any(contact.values()) else None
