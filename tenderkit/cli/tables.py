"""Plain-text tables for the terminal (no dependency: keeps start-up fast)."""

from __future__ import annotations

import shutil
import sys
import unicodedata


def _width(text: str) -> int:
    return len(unicodedata.normalize("NFC", text))


def _cut(text: str, width: int) -> str:
    if _width(text) <= width:
        return text + " " * (width - _width(text))
    return text[: max(width - 1, 0)] + "…"


def render_table(headers: list[str], rows: list[list[str]], *, shrink: int | None = None) -> str:
    """Columns aligned, the ``shrink`` column cut so the table fits the terminal."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    total = shutil.get_terminal_size((120, 24)).columns
    if shrink is not None and sys.stdout.isatty():
        others = sum(w for i, w in enumerate(widths) if i != shrink) + 2 * (len(widths) - 1)
        widths[shrink] = max(12, min(widths[shrink], total - others))
    lines = ["  ".join(_cut(h, widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    for row in rows:
        lines.append("  ".join(_cut(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
    return "\n".join(lines)


def format_eur(amount: int | None) -> str:
    """``52400`` → ``52 400 €`` (French thousands separator); ``None`` → ``—``."""
    if amount is None:
        return "—"
    return f"{amount:,}".replace(",", "\u202f") + " €"
