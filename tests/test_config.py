"""tenderkit.toml: firm settings with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenderkit.config import load_config
from tenderkit.exceptions import ConfigError


def test_no_file_means_no_settings(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.name is None and config.logo is None and config.template is None


def test_settings_are_read_and_paths_resolved(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "modele.docx").write_bytes(b"x")
    (tmp_path / "tenderkit.toml").write_text(
        '[firm]\nname = "Cabinet & Associés"\nlogo = "logo.png"\nauthor = "Bid team"\n'
        'template = "modele.docx"\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert config.name == "Cabinet & Associés" and config.author == "Bid team"
    assert config.logo == (tmp_path / "logo.png").resolve()
    assert config.template == (tmp_path / "modele.docx").resolve()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[firm]\nname = "x"\nname2 = \n', 3, "invalid TOML"),
        ('[firm]\nname = "x"\ncolour = "red"\n', 3, "unknown key 'colour'"),
        ('[firm]\n\nlogo = "missing.png"\n', 3, "logo file not found"),
        ('[firm]\nlogo = "logo.svg"\n', 2, "logo must be an image"),
        ('[firm]\ntemplate = "missing.docx"\n', 2, "template file not found"),
        ("[firm]\nname = 3\n", 2, "must be a non-empty text"),
        ('[firme]\nname = "x"\n', 1, "unknown section"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    (tmp_path / "tenderkit.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.line == line
    assert message in str(err.value)
    assert str(err.value).startswith(f"{tmp_path / 'tenderkit.toml'}:{line}:")
