"""Commands over the library itself: ``list``, ``show``, ``check``."""

from __future__ import annotations

import csv
import io
import json

import click

from tenderkit.cli.options import format_option, library_option, no_cycle_collection, print_warnings
from tenderkit.cli.tables import format_eur, render_table
from tenderkit.library import resolve_library_dir
from tenderkit.models import REFERENCE_KEYS, Reference


@click.command("list")
@library_option
@click.option("--client", help='Client, fuzzy: "EPT Est Ensemble" finds "Est Ensemble".')
@click.option(
    "--component",
    "components",
    multiple=True,
    help="Component (canonical name or variant); repeat to require several.",
)
@click.option("--since", type=int, metavar="YEAR", help="Missions active in or after YEAR.")
@click.option("--until", type=int, metavar="YEAR", help="Missions started in or before YEAR.")
@click.option("--type", "mission_type", help="Mission type (name or variant).")
@click.option("--min-fee", type=int, metavar="EUR", help="Fee at least EUR (excl. VAT).")
@click.option("--max-fee", type=int, metavar="EUR", help="Fee at most EUR (excl. VAT).")
@click.option("--public", "client_type", flag_value="public", help="Public clients only.")
@click.option("--private", "client_type", flag_value="private", help="Private clients only.")
@click.option("--text", help="Words anywhere in the reference (accents and word forms ignored).")
@format_option("table", "json", "csv")
def list_command(library: str | None, fmt: str, **filters: object) -> None:
    """List references, newest first, with filters that combine."""
    from tenderkit.api import list_references

    no_cycle_collection()
    from tenderkit.filters import ReferenceFilter

    filters["components"] = list(filters["components"])  # type: ignore[call-overload]
    refs, lib = list_references(
        resolve_library_dir(library),
        ReferenceFilter(**filters),  # type: ignore[arg-type]
        full=fmt != "table",
    )
    print_warnings(lib.warnings)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in refs], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(_csv(refs), nl=False)
    else:
        rows = [
            [r.id, r.years_label, r.client, format_eur(r.fee_eur), r.mission_type or "—", r.title]
            for r in refs
        ]
        click.echo(
            render_table(
                ["id", "années", "maître d'ouvrage", "montant HT", "type", "intitulé"],
                rows,
                shrink=5,
            )
        )
        click.echo(f"{len(refs)} référence(s) sur {len(lib.references)}.")


def _csv(refs: list[Reference]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REFERENCE_KEYS)
    for ref in refs:
        row = []
        for value in ref.to_dict().values():
            if isinstance(value, list):
                value = "; ".join(value)
            elif isinstance(value, dict):
                value = "; ".join(f"{k}: {v}" for k, v in value.items() if v)
            row.append("" if value is None else value)
        writer.writerow(row)
    return out.getvalue()


@click.command("show")
@click.argument("ref_id", metavar="ID")
@library_option
@format_option("text", "json")
def show_command(ref_id: str, library: str | None, fmt: str) -> None:
    """Show one reference in full."""
    from tenderkit.api import show_reference

    ref = show_reference(resolve_library_dir(library), ref_id)
    if fmt == "json":
        click.echo(json.dumps(ref.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(click.style(ref.title, bold=True))
    fields = [
        ("Maître d'ouvrage", ref.client + (" (confidentiel)" if ref.confidential else "")),
        (
            "Public / privé",
            {"public": "public", "private": "privé"}.get(ref.client_type or "", "—"),
        ),
        ("Lieu", ref.location or "—"),
        ("Années", ref.years_label),
        ("Type de mission", ref.mission_type or "—"),
        ("Montant HT", format_eur(ref.fee_eur)),
        ("Coût du projet", format_eur(ref.project_cost_eur)),
        ("Equipe", ", ".join(ref.team) or "—"),
        ("Directeur de mission", ref.director or "—"),
        ("Consultants", ", ".join(ref.consultants) or "—"),
        ("Programme", ref.programme or "—"),
        ("Acteurs", ", ".join(ref.actors) or "—"),
    ]
    if ref.contact:
        fields.append(("Contact", ", ".join(v for v in ref.contact.values() if v)))
    for label, value in fields:
        click.echo(f"{label + ' :':<22} {value}")
    if ref.stakes:
        click.echo("\nEnjeux de la mission\n" + ref.stakes)
    if ref.content:
        click.echo("\nContenu de la mission\n" + "\n".join(f"  • {c}" for c in ref.content))
    if ref.components:
        click.echo("\nComposantes de la mission\n" + "\n".join(f"  • {c}" for c in ref.components))


@click.command("check")
@library_option
def check_command(library: str | None) -> None:
    """Check every reference file: errors (exit 1) and warnings."""
    from tenderkit.checks import check_library

    report = check_library(resolve_library_dir(library))
    for problem in report.problems:
        click.echo(str(problem), err=problem.severity == "error")
    click.echo(
        f"{report.checked} file(s) checked: {len(report.errors)} error(s), "
        f"{len(report.warnings)} warning(s)."
    )
    if report.errors:
        raise SystemExit(1)


COMMANDS = [list_command, show_command, check_command]
