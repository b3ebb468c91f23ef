"""``tenderkit import``: fiches références (.txt, .md, .docx, .pdf) into library YAML files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from tenderkit.cli.options import format_option, library_option
from tenderkit.library import resolve_library_dir

#: Above this many files a progress bar shows on stderr.
PROGRESS_THRESHOLD = 20


@click.command("import")
@click.argument(
    "paths", metavar="PATH...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@library_option
@click.option("--dry-run", is_flag=True, help="Parse and report, write nothing.")
@format_option("text", "json")
def import_command(paths: tuple[Path, ...], library: str | None, dry_run: bool, fmt: str) -> None:
    """Import fiches références (files or folders of .txt, .md, .docx, .pdf) into the library.

    Each fiche becomes <id>.yaml; source files are never modified. A fiche already imported
    (same client, years and title) is skipped, one that looks like an existing reference is
    reported and not added. Exit code 1 when a file failed; the others are still imported.
    """
    from tenderkit.importer.batch import collect_fiches, import_fiches

    library_dir = resolve_library_dir(library)
    files, _ = collect_fiches(paths)
    if len(files) > PROGRESS_THRESHOLD:
        with click.progressbar(length=len(files), label="Importing", file=sys.stderr) as bar:
            report = import_fiches(
                paths, library_dir, dry_run=dry_run, on_file=lambda _p: bar.update(1)
            )
    else:
        report = import_fiches(paths, library_dir, dry_run=dry_run)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_text(report, library_dir)
    if report.count("failed"):
        sys.exit(1)


def _print_text(report, library_dir: Path) -> None:  # noqa: ANN001 - ImportReport
    for note in report.notes:
        click.echo(f"Note: {note}", err=True)
    for o in report.outcomes:
        if o.status == "failed":
            click.echo(f"failed    {o.path}: {o.message}")
            continue
        if o.status == "skipped":
            click.echo(f"skipped   {o.path}: {o.message}")
            continue
        target = o.written or library_dir / f"{o.reference.id}.yaml"
        verb = "would import" if report.dry_run else "imported "
        click.echo(f"{verb} {o.path} -> {target}")
        for warning in o.warnings:
            click.echo(f"    warning: {warning}")
        if o.missing:
            click.echo(f"    not filled: {', '.join(o.missing)}")
    s = report.summary()
    prefix = "Dry run, nothing written: " if report.dry_run else ""
    click.echo(
        f"{prefix}{s['imported']} imported, {s['skipped']} skipped, "
        f"{s['with_warnings']} with warnings, {s['failed']} failed."
    )


COMMANDS = [import_command]
