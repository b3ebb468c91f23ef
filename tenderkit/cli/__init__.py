"""The ``tenderkit`` command line: parses options, calls one library function, prints.

Commands live in one module per concern; this module only assembles the group and turns
tenderkit's own errors into a one-line message and a non-zero exit.
"""

from __future__ import annotations

from typing import Any

import click

from tenderkit import __version__
from tenderkit.exceptions import TenderkitError


class _Group(click.Group):
    """A group whose commands report :class:`TenderkitError` as ``Error: ...``, exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TenderkitError as err:
            raise click.ClickException(str(err)) from err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tenderkit")
def main() -> None:
    """Turn a library of past mission references into a Word candidature file.

    \b
    Typical use, one command per tender:
      tenderkit list --client "Est Ensemble" --component Concertation
      tenderkit match examples/tender-npru.yaml
      tenderkit build examples/tender-npru.yaml -o candidature.docx

    The library is --library DIR, else $TENDERKIT_LIBRARY, else ./reference_library.
    """


def _register() -> None:
    from tenderkit.cli import library_cmds

    for command in library_cmds.COMMANDS:
        main.add_command(command)
    for module in ("match_cmd", "build_cmd", "import_cmd", "template_cmd"):
        try:
            mod = __import__(f"tenderkit.cli.{module}", fromlist=["COMMANDS"])
        except ModuleNotFoundError as err:
            if err.name != f"tenderkit.cli.{module}":
                raise
            continue
        for command in mod.COMMANDS:
            main.add_command(command)


_register()
