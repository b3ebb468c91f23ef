"""Layouts that hold several fields on one row or line, turned into one field per line.

- table rows (Word tables, Markdown/plain-text ``| a | b |`` rows): a two-cell row is
  ``label<TAB>value``; a row of four (six …) cells alternating recognised labels and values
  (``Maître d'ouvrage | Ville de X | Année | 2021``) gives one ``label<TAB>value`` line per pair;
- one line holding several ``label : value`` pairs separated by ``|``, ``•``, ``·``, a dash
  between spaces, a tab or a wide gap (``Client : Ville de Pantin | Année : 2023``);
- a PDF row of a four-column table, where every gap is lost
  (``Client Val d'Oise Habitat Lieu Goussainville (95)``).

Pure functions, no I/O.
"""

from __future__ import annotations

import re

from tenderkit.importer.labels import Label, match_label, match_label_prefix

_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK = re.compile(
    r"(?:de|du|des|d'|d’|la|le|les|l'|l’|à|a|au|aux|en|et|ou|pour|sur|par|avec|dans)"
)
_PAIR_SEP = re.compile(r"\s+[|•·]\s+|\s+[–—]\s+|\s+-\s+|\t+|\s{3,}")


def is_label(text: str) -> bool:
    """Whether a cell's text is a recognised label (``Maître d'ouvrage :``)."""
    label = match_label(text.strip().rstrip(":： ").strip())
    return label is not None and label.field != "_unknown"


def row_pairs(cells: list[str]) -> list[tuple[str, str]] | None:
    """``[(label, value), …]`` for a row of 4, 6 … cells alternating labels and values."""
    if len(cells) < 4 or len(cells) % 2:
        return None
    pairs = [(cells[i], cells[i + 1]) for i in range(0, len(cells), 2)]
    if all(is_label(label) for label, _ in pairs if label.strip()):
        return [(label.strip().rstrip(":： ").strip(), value) for label, value in pairs]
    return None


def pipe_table_lines(lines: list[str]) -> list[str]:
    """Plain-text / Markdown table rows as fiche lines; rule rows (``|---|---|``) dropped."""
    out: list[str] = []
    for line in lines:
        if _PIPE_RULE.fullmatch(line) and "-" in line and "|" in line:
            continue
        match = _PIPE_ROW.match(line)
        if not match or line.count("|") < 3:
            out.append(line)
            continue
        cells = [cell.strip() for cell in match.group(1).split("|")]
        out.extend(row_lines(cells))
    return out


def row_lines(cells: list[str]) -> list[str]:
    """One table row (cell texts) as fiche lines."""
    if len(cells) == 2 and cells[0].strip():
        label, value = cells[0].strip().rstrip(":： ").strip(), cells[1].strip()
        return [f"{label}\t{value}" if value else f"{label}:"]
    pairs = row_pairs(cells)
    if pairs is not None:
        return [
            f"{label}\t{value.strip()}" if value.strip() else f"{label}:"
            for label, value in pairs
            if label
        ]
    return [cell for cell in cells if cell.strip()]


def split_pairs(text: str) -> list[str] | None:
    """The ``label : value`` pairs of one line holding two or more, else ``None``."""
    text = text.strip()
    if text.count(":") < 2:
        return None
    segments: list[str] = []
    starts: list[int] = []
    start = 0
    for gap in [*_PAIR_SEP.finditer(text), None]:
        end = gap.start() if gap else len(text)
        part = text[start:end]
        head, sep, _ = part.partition(":")
        if sep and is_label(head):
            segments.append(part.strip())
            starts.append(start)
        elif segments:
            segments[-1] = text[starts[-1] : end].strip()  # "mars 2019 – juin 2021"
        else:
            return None
        start = gap.end() if gap else len(text)
    return segments if len(segments) >= 2 else None


def split_loose(label: Label, value: str) -> list[tuple[Label, str]]:
    """A PDF row's ``label value`` read as several pairs when a second label follows.

    The second label must be one :func:`match_label_prefix` accepts on its own (several
    words, a one-word label with a value of its type, or an unambiguous one), start with a
    capital and fill another field: "Client Ville de Lieusaint" stays one value.
    """
    words = value.split()
    for index in range(1, len(words) - 1):
        if not words[index][:1].isupper() or _LINK.fullmatch(words[index - 1].lower()):
            continue  # "Cœur de Lieu Saint": a label word after "de" is part of a name
        found = match_label_prefix(" ".join(words[index:]), scalar_context=True)
        if found is None or found[0].field in (label.field, "_ignored", "_unknown", "title"):
            continue
        if found[1][:1].islower():  # "… la Ville et son …": a sentence, not a row
            continue
        return [(label, " ".join(words[:index])), *split_loose(*found)]
    return [(label, value)]


def loose_row(text: str) -> list[tuple[Label, str]] | None:
    """``Mission Relogement Public / privé Public``: a row starting with a weak one-word
    label, read only because a second, strong label follows on the same line."""
    words = text.split()
    for n in (1, 2, 3):
        label = match_label(" ".join(words[:n])) if len(words) > n + 2 else None
        if label is None or label.field in ("_ignored", "_unknown") or words[n][:1].islower():
            continue
        pairs = split_loose(label, " ".join(words[n:]))
        if len(pairs) >= 2:
            return pairs
    return None
