"""``tenderkit match``: rank the library against a tender and show the selection."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tenderkit.cli.options import format_option, library_option, no_cycle_collection, print_warnings
from tenderkit.cli.tables import render_table
from tenderkit.library import resolve_library_dir
from tenderkit.models import MatchResult

#: Rows of the ranking table unless --limit says otherwise.
TABLE_ROWS = 40


@click.command("match")
@click.argument("tender", type=click.Path(dir_okay=False, path_type=Path))
@library_option
@format_option("table", "json")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Show only the first N references of the ranking (json: all by default; "
    f"table: {TABLE_ROWS} by default, plus the selected ones).",
)
def match_command(tender: Path, library: str | None, fmt: str, limit: int | None) -> None:
    """Score every reference against TENDER's criteria and select the set to submit.

    The table marks the selected references (★) and shows a ✓ for each criterion a
    reference meets; `--format json` gives every score with its evidence.
    """
    from tenderkit.api import match, quote_evidence

    no_cycle_collection()

    result, warnings = match(tender, resolve_library_dir(library))
    print_warnings(warnings)
    if fmt == "json":
        if limit is not None:
            result.ranking = result.ranking[:limit]
        quote_evidence(result)
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_match_table(result, limit or TABLE_ROWS))


def format_match_table(result: MatchResult, limit: int = TABLE_ROWS) -> str:
    """The ranking as a table: rank, selection mark, id, score, client, years, ✓ per criterion.

    The first ``limit`` references are shown, and the selected ones wherever they rank.
    """
    criteria = result.tender.criteria
    selected = set(result.selected)
    headers = ["#", "sél.", "id", "score", "maître d'ouvrage", "années"] + [c.id for c in criteria]
    rows = []
    shown = [
        (rank, m)
        for rank, m in enumerate(result.ranking, start=1)
        if rank <= limit or m.reference.id in selected
    ]
    for rank, m in shown:
        marks = []
        for c in criteria:
            cs = m.criterion(c.id)
            marks.append("✓" if cs and cs.covered else ("·" if cs and cs.score > 0 else ""))
        status = "★" if m.reference.id in selected else ("" if m.eligible else "✗")
        rows.append(
            [
                str(rank),
                status,
                m.reference.id,
                f"{m.score:.1f}",
                m.reference.client,
                m.reference.years_label,
                *marks,
            ]
        )
    lines = [click.style(result.tender.title, bold=True), render_table(headers, rows, shrink=2)]
    hidden = len(result.ranking) - len(shown)
    if hidden:
        lines.append(
            f"… {hidden} autre(s) référence(s) non affichée(s) (--limit N pour en voir plus)."
        )
    lines.append("")
    lines.append(
        "★ sélectionnée   ✓ critère couvert (score ≥ 0,5)   · indice partiel   ✗ non éligible"
    )
    lines.append(
        f"Sélection ({len(result.selected)}/{result.tender.reference_count}) : "
        + (", ".join(result.selected) or "aucune")
    )
    for _rank, m in shown:
        if not m.eligible:
            lines.append(f"  ✗ {m.reference.id} : {m.reason}")
    labels = {c.id: c.label for c in criteria}
    if result.uncovered:
        lines.append(
            "Critères non couverts par la sélection : "
            + "; ".join(f"{cid} ({labels[cid]})" for cid in result.uncovered)
        )
    else:
        lines.append("Tous les critères sont couverts par la sélection.")
    return "\n".join(lines)


COMMANDS = [match_command]
