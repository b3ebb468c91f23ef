"""Every command documents itself."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from tenderkit.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in group.commands.items():
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out += _commands(command, (*prefix, name))
    return out


@pytest.mark.parametrize("path", _commands(main))
def test_every_command_has_help(cli_runner, path: tuple[str, ...]) -> None:  # noqa: ANN001
    result = cli_runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = main
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 20


def test_core_commands_exist() -> None:
    assert {"list", "show", "check", "match"} <= set(main.commands)


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tenderkit", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "tenderkit" in result.stdout


def test_list_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from tenderkit.cli import main\n"
        "try:\n    main(['list', '--library', 'reference_library'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docxtpl', 'docx', 'pypdf', 'openpyxl', 'jinja2') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    from tests.helpers import REPO

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
