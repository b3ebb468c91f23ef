"""Firm settings: ``tenderkit.toml`` in the library folder (name, logo, author, template).

Example::

    [firm]
    name = "Perspectives Urbaines et Sociales"
    logo = "logo.png"            # relative to the library folder
    author = "Service candidatures"
    template = "modele-pus.docx" # relative to the library folder

Every key is optional; a missing file means "no settings".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tenderkit.exceptions import ConfigError

CONFIG_FILE = "tenderkit.toml"
FIRM_KEYS = ("name", "logo", "author", "template")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


@dataclass
class FirmConfig:
    """The firm's settings; paths are resolved against the library folder."""

    name: str | None = None
    logo: Path | None = None
    author: str | None = None
    template: Path | None = None
    path: Path | None = None  # the file they came from, if any


def _line_of(text: str, key: str | None, section: str | None = None) -> int | None:
    """Line (1-based) of ``key = ...`` (or of ``[section]`` when key is None) in a TOML text."""
    pattern = re.compile(
        rf"^\s*\[{re.escape(section)}\]"
        if key is None and section
        else rf"^\s*\"?{re.escape(key or '')}\"?\s*="
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def load_config(library_dir: Path) -> FirmConfig:
    """Read ``<library_dir>/tenderkit.toml``; errors name the file and line."""
    path = Path(library_dir) / CONFIG_FILE
    if not path.is_file():
        return FirmConfig()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(path, f"cannot read: {err}") from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column \d+\)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        raise ConfigError(
            path, f"invalid TOML: {message}", int(match.group(1)) if match else None
        ) from err
    for section in data:
        if section != "firm":
            raise ConfigError(
                path,
                f"unknown section or key '{section}' (expected [firm])",
                _line_of(text, None, section) or _line_of(text, section),
            )
    firm = data.get("firm", {})
    if not isinstance(firm, dict):
        raise ConfigError(path, "'firm' must be a table: [firm]", _line_of(text, "firm"))
    values: dict[str, str] = {}
    for key, value in firm.items():
        if key not in FIRM_KEYS:
            raise ConfigError(
                path,
                f"unknown key '{key}' in [firm] (expected one of: {', '.join(FIRM_KEYS)})",
                _line_of(text, key),
            )
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(path, f"'{key}' must be a non-empty text", _line_of(text, key))
        values[key] = value.strip()
    config = FirmConfig(name=values.get("name"), author=values.get("author"), path=path)
    if "logo" in values:
        logo = (path.parent / values["logo"]).resolve()
        if logo.suffix.lower() not in LOGO_SUFFIXES:
            raise ConfigError(
                path,
                f"logo must be an image ({', '.join(LOGO_SUFFIXES)}), not '{values['logo']}'",
                _line_of(text, "logo"),
            )
        if not logo.is_file():
            raise ConfigError(path, f"logo file not found: {logo}", _line_of(text, "logo"))
        config.logo = logo
    if "template" in values:
        template = (path.parent / values["template"]).resolve()
        if template.suffix.lower() != ".docx":
            raise ConfigError(
                path,
                f"template must be a .docx file, not '{values['template']}'",
                _line_of(text, "template"),
            )
        if not template.is_file():
            raise ConfigError(
                path, f"template file not found: {template}", _line_of(text, "template")
            )
        config.template = template
    return config
