"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

library_option = click.option(
    "--library",
    "library",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Reference library folder [default: $TENDERKIT_LIBRARY, else ./reference_library].",
)


def format_option(*choices: str) -> Callable[[Any], Any]:
    """``--format`` with the given choices, the first being the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def print_warnings(warnings: list[str]) -> None:
    """Warnings go to stderr so that json/csv output stays clean."""
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


def no_cycle_collection() -> None:
    """Turn off Python's cycle collector for the rest of this short-lived process.

    Loading ten thousand references creates hundreds of thousands of objects and no cycles;
    the collector would walk them over and over for nothing (about a tenth of the run time).
    It is turned back on when the command ends (for callers that live on, such as tests).
    """
    import gc

    if gc.isenabled():
        gc.disable()
        click.get_current_context().call_on_close(gc.enable)
