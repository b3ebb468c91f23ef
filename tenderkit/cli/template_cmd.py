"""``tenderkit template check`` and ``template init``: work on a firm's Word template."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("template")
def template_group() -> None:
    """Check a branded Word template, or start one from the default."""


@template_group.command("check")
@click.argument("template", type=click.Path(dir_okay=False, path_type=Path))
def check_command(template: Path) -> None:
    """Report syntax errors, unknown variables, unsafe code and missing styles in TEMPLATE."""
    from tenderkit.template_check import check_template

    report = check_template(template)
    for problem in report.problems:
        click.echo(f"{template}: error: {problem}")
    for warning in report.warnings:
        click.echo(f"{template}: warning: {warning}")
    if not report.ok:
        raise click.ClickException(f"{template}: {len(report.problems)} problem(s)")
    click.echo(
        f"{template}: OK" + (f" ({len(report.warnings)} warning(s))" if report.warnings else "")
    )


@template_group.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing candidature.docx.")
def init_command(directory: Path, force: bool) -> None:
    """Write a copy of the default template into DIRECTORY, to brand and edit in Word."""
    from tenderkit.template_check import init_template

    target = init_template(directory, force=force)
    click.echo(f"Wrote {target}")
    click.echo(
        'Edit it in Word, check it with "tenderkit template check", then set '
        'template = "..." under [firm] in tenderkit.toml (or pass --template).'
    )


COMMANDS = [template_group]
