"""Every error tenderkit raises on purpose derives from :class:`TenderkitError`.

The command line turns these into a one-line ``Error: ...`` message and a non-zero exit;
anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class TenderkitError(Exception):
    """Base class of tenderkit's own errors."""


class FileError(TenderkitError):
    """A user file (reference, tender, template, fiche) is unreadable or malformed.

    The message reads ``path:line: message`` (line omitted when unknown).
    """

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")


class ReferenceFileError(FileError):
    """Raised when a reference YAML file cannot be read or does not follow the schema."""


class VocabularyError(FileError):
    """Raised when ``vocabulary.yaml`` is malformed."""


class TenderFileError(FileError):
    """Raised when a tender YAML file is malformed (bad YAML, missing or wrong key)."""


class ConfigError(FileError):
    """Raised when ``tenderkit.toml`` is malformed."""


class FicheImportError(FileError):
    """Raised when a fiche (txt, docx, pdf) cannot be read or holds no reference."""


class TemplateError(FileError):
    """Raised when a Word template is missing, unsafe or fails to render."""


class LibraryError(TenderkitError):
    """Raised when the library folder is missing or holds unusable data (e.g. duplicate ids)."""


class OutputExistsError(TenderkitError):
    """Raised when an output file exists and ``--force`` was not given."""


class UnknownReferenceError(TenderkitError):
    """Raised when a reference id given by the user is not in the library."""
