"""``tenderkit build``: the Word candidature file."""

from __future__ import annotations

from pathlib import Path

import click

from tenderkit.cli.options import library_option, no_cycle_collection, print_warnings
from tenderkit.library import resolve_library_dir


@click.command("build")
@click.argument("tender", type=click.Path(dir_okay=False, path_type=Path))
@library_option
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("candidature.docx"),
    show_default=True,
    help="The .docx to write.",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Word template [default: [firm] template of tenderkit.toml, else the built-in one].",
)
@click.option(
    "--pick", multiple=True, metavar="ID", help="Force a reference in (repeat; order kept)."
)
@click.option("--exclude", multiple=True, metavar="ID", help="Keep a reference out (repeat).")
@click.option(
    "--force", is_flag=True, help="Replace existing output files (a backup copy is kept)."
)
@click.option("--xlsx", is_flag=True, help="Also write the summary table as OUT.xlsx.")
@click.option("--pdf", is_flag=True, help="Also write OUT.pdf with LibreOffice, when installed.")
def build_command(
    tender: Path,
    library: str | None,
    out: Path,
    template: Path | None,
    pick: tuple[str, ...],
    exclude: tuple[str, ...],
    force: bool,
    xlsx: bool,
    pdf: bool,
) -> None:
    """Build an editable Word candidature file for TENDER (a tender YAML file).

    Uses the same selection as 'tenderkit match'. An existing output file is never replaced
    without --force, and then a timestamped backup copy is kept next to it.
    """
    from tenderkit.build import build_candidature

    no_cycle_collection()

    report = build_candidature(
        tender,
        resolve_library_dir(library),
        out,
        template=template,
        pick=pick,
        exclude=exclude,
        force=force,
        xlsx=xlsx,
        pdf=pdf,
    )
    print_warnings(report.warnings)
    click.echo(f"Wrote {report.docx}")
    for path in (report.xlsx, report.pdf):
        if path is not None:
            click.echo(f"Wrote {path}")
    for backup in report.backups:
        click.echo(f"Previous file kept as {backup}")
    click.echo(f"References: {len(report.references)}")
    for ref_id, title in report.references:
        click.echo(f"  - {ref_id}: {title}")
    click.echo(
        f"Criteria covered: {report.criteria_covered}/{report.criteria_total}"
        + (f" (not covered: {'; '.join(report.uncovered)})" if report.uncovered else "")
    )
    click.echo(f"Placeholders to fill ([À COMPLÉTER]): {report.placeholders}")


COMMANDS = [build_command]
