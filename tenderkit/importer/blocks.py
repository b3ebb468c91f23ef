"""The block structure of a fiche: labelled blocks of lines, and their values as text/lists.

A fiche is a sequence of blocks, each opened by a label ("Maître d'ouvrage :", "ENJEUX DE LA
MISSION", ``Label<TAB>value``) and holding the value on the same line and/or the lines below.
Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tenderkit.importer.labels import (
    LIST_FIELDS,
    PARAGRAPH_FIELDS,
    Label,
    looks_like_label,
    match_label,
    match_label_prefix,
)
from tenderkit.importer.layout import loose_row, split_loose, split_pairs
from tenderkit.importer.values import clean_line, split_items, strip_bullet, tidy_item


@dataclass
class Line:
    """One non-blank line: text without its bullet, and whether it had one."""

    text: str
    bullet: bool


@dataclass
class Block:
    """A label and the lines under it (``None`` marks a blank line)."""

    label: Label | None
    value: str = ""
    lines: list[Line | None] = field(default_factory=list)


#: What separates a label from its value without a colon: a tab, columns of spaces as PDF
#: tables give, or dot leaders ("Maître d'ouvrage ........ Ville de Brest").
_GAP = re.compile(r"\t+|[ \u00a0]{3,}|[ \u00a0]*(?:[.…_][ \u00a0]?){3,}[ \u00a0]*")


def _join(lines: list[str]) -> str:
    """Lines of one paragraph or item as one text; a word cut by a hyphen is mended."""
    text = ""
    for line in lines:
        if text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def _split_label(raw: str, text: str, bullet: bool) -> tuple[Label, str] | None:
    """``(label, value)`` when a line opens a block: ``Label: value``, ``Label<TAB>value``."""
    stripped = raw.strip().lstrip("\ufeff")
    gap = _GAP.search(stripped)  # a tab, or columns of spaces as PDF tables give
    if gap and not bullet:
        head, tail = stripped[: gap.start()], stripped[gap.end() :]
        label = match_label(clean_line(head).rstrip(":").strip())
        if label:
            return label, clean_line(tail).lstrip(":").strip()
    for sep in (":", "："):
        if sep in text:
            head, _, tail = text.partition(sep)
            label = match_label(head)
            if label:
                return label, tail.strip()
    if not bullet:
        label = match_label(text.rstrip(".").strip())
        if label:
            return label, ""
    return None


def _nested(label: Label, value: str) -> str:
    """``"Mandataire : X"`` given as the value of "Équipe": the inner label is dropped."""
    if ":" in value:
        inner = _split_label(value, value, False)
        if inner and inner[0].field == label.field:
            return inner[1]
    return value


def _expand(raw_lines: list[str]) -> list[str]:
    """Lines holding several ``label : value`` pairs, one pair per line."""
    lines: list[str] = []
    for raw in raw_lines:
        text = clean_line(raw) if "\t" not in raw else raw.strip()
        pairs = split_pairs(text) if text and not strip_bullet(text)[1] else None
        lines.extend(pairs or [raw])
    return lines


def split_blocks(raw_lines: list[str], loose: bool = False) -> list[Block]:
    blocks = [Block(None)]
    for raw in _expand(raw_lines):
        text = clean_line(raw)
        if not text:
            blocks[-1].lines.append(None)
            continue
        body, bullet = strip_bullet(text)
        opened = _split_label(raw, body, bullet)
        current = blocks[-1]
        scalar_context = current.label is None or (
            current.label.field not in LIST_FIELDS and current.label.field not in PARAGRAPH_FIELDS
        )
        if opened is None and loose and not bullet:
            opened = match_label_prefix(body, scalar_context=scalar_context)
            pairs = (
                (split_loose(*opened) if opened else loose_row(body)) if scalar_context else None
            )
            if pairs:  # "Client X Lieu Y": a 4-column PDF table row
                *firsts, opened = pairs
                blocks.extend(Block(label, value) for label, value in firsts)
        if opened is None and scalar_context and not bullet:
            tab = "\t" in raw.strip()
            head, sep, tail = raw.strip().partition("\t") if tab else body.partition(":")
            if sep and looks_like_label(clean_line(head)):  # "Surface : 12 ha": no such field
                opened = (Label("_unknown", clean_line(head)), clean_line(tail))
        if opened:
            blocks.append(Block(opened[0], _nested(*opened)))
        else:
            current.lines.append(Line(body, bullet))
    return blocks


def block_groups(block: Block) -> list[list[Line]]:
    """The block's lines cut at blank lines; the same-line value is the first line."""
    groups: list[list[Line]] = [[Line(block.value, False)]] if block.value else [[]]
    for line in block.lines:
        if line is None:
            if groups[-1]:
                groups.append([])
        elif block.value and len(groups) == 1 and line.bullet and groups[0]:
            groups.append([line])  # "Acteurs: A, B" followed by bullets
        else:
            groups[-1].append(line)
    return [g for g in groups if g]


def scalar_value(block: Block) -> tuple[str, list[str]]:
    """The value of a one-value field, and the lines after it that belong to nothing."""
    groups = block_groups(block)
    if not groups:
        return "", []
    first, rest = groups[0], groups[1:]
    sep = ", " if any(line.bullet for line in first) else " "
    value = sep.join(tidy_item(line.text) if line.bullet else line.text for line in first)
    return value.strip(), [line.text for group in rest for line in group]


def list_items(block: Block, name: str) -> list[str]:
    """Items of a list field: bullets, one per line, or ``A, B (x, y), C`` on one line."""
    items: list[str] = []
    groups = block_groups(block)
    has_bullets = any(line.bullet for g in groups for line in g)
    pending: list[str] = []

    def flush() -> None:
        if pending:
            joined = _join(pending)
            if name == "content":
                items.append(joined.strip())
            else:
                items.extend(split_items(joined, slash=name == "components"))
            pending.clear()

    for index, group in enumerate(groups):
        inline = index == 0 and bool(block.value)
        for line in group:
            if pending and (
                _continues(line, " ".join(pending), has_bullets, name) or inline and not line.bullet
            ):
                pending.append(line.text)
            else:
                flush()
                pending.append(line.text)
        flush()
    return [i for i in items if i]


def _continues(line: Line, pending: str, has_bullets: bool, name: str) -> bool:
    """Whether ``line`` carries on the item before it (a wrapped line of a PDF or a cell)."""
    if line.bullet:
        return False
    if _unbalanced(pending) or pending.endswith((",", "-", "–")):
        return True
    if has_bullets:
        return True
    if not line.text[:1].islower():
        return False
    if name == "content":
        return not pending.endswith((".", ";", "!", "?", ":"))
    return len(split_items(pending, slash=True)) > 1  # a wrapped "A, B, C" line


def _unbalanced(text: str) -> bool:
    return text.count("(") > text.count(")")


def paragraphs(blocks: list[Block]) -> str:
    paragraphs: list[str] = []
    for block in blocks:
        for group in block_groups(block):
            current: list[str] = []
            for line in group:
                if line.bullet:
                    if current:
                        paragraphs.append(_join(current))
                        current = []
                    paragraphs.append(f"- {line.text}")
                else:
                    current.append(line.text)
            if current:
                paragraphs.append(_join(current))
    text = "\n".join(p if p.startswith("- ") else f"\n{p}\n" for p in paragraphs)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
