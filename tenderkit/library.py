"""The reference library: one YAML file per reference, read, validated and written safely."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tenderkit.exceptions import LibraryError, ReferenceFileError
from tenderkit.models import CONTACT_KEYS, REFERENCE_KEYS, Reference
from tenderkit.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary

#: Files in a library folder that are not references.
NON_REFERENCE_FILES = frozenset({VOCABULARY_FILE})
LIBRARY_ENV = "TENDERKIT_LIBRARY"
DEFAULT_LIBRARY = "reference_library"

_LIST_KEYS = ("team", "consultants", "actors", "components", "content")
_OPTIONAL_TEXT_KEYS = ("client_type", "location", "mission_type", "director", "programme")
_AMOUNT_KEYS = ("fee_eur", "project_cost_eur")
CLIENT_TYPES = ("public", "private")


def _yaml():  # noqa: ANN202 - keeps PyYAML out of start-up until a file must be parsed
    import yaml

    return yaml


def resolve_library_dir(option: str | os.PathLike[str] | None) -> Path:
    """``--library`` if given, else ``$TENDERKIT_LIBRARY``, else ``./reference_library``."""
    return Path(option or os.environ.get(LIBRARY_ENV) or DEFAULT_LIBRARY)


def reference_paths(library_dir: Path) -> list[Path]:
    """Every reference file of the library (``*.yaml`` / ``*.yml`` at its top level), sorted."""
    return [library_dir / entry.name for entry in reference_entries(library_dir)]


def reference_entries(library_dir: Path) -> list[os.DirEntry[str]]:
    """Directory entries of the reference files, sorted by name (one ``scandir``)."""
    if not library_dir.is_dir():
        raise LibraryError(
            f"{library_dir}: no such library folder (use --library DIR or set ${LIBRARY_ENV})"
        )
    entries = [
        entry
        for entry in os.scandir(library_dir)
        if entry.name.endswith((".yaml", ".yml"))
        and entry.name not in NON_REFERENCE_FILES
        and not entry.name.startswith(".")
        and entry.is_file()
    ]
    return sorted(entries, key=lambda e: e.name)


def key_line(text: str, key: str) -> int | None:
    """Line (1-based) where top-level ``key`` stands in a YAML text, for error messages."""
    yaml = _yaml()
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if getattr(k, "value", None) == key:
                return k.start_mark.line + 1
    return None


def parse_reference_text(text: str, path: Path) -> Reference:
    """Parse and validate the text of a reference file; errors name the file and line."""
    return validate_reference(load_yaml_text(text, path), text, path)


def load_yaml_text(text: str, path: Path) -> Any:
    """The data of a reference file's text; invalid YAML names the file and line."""
    from tenderkit.yamlload import load_file

    return load_file(text, path, ReferenceFileError)


def validate_reference(data: Any, text: str, path: Path) -> Reference:
    """Check ``data`` (read from ``text``) against the schema; errors name the file and line."""
    try:
        return reference_from_dict(data, expected_id=path.stem)
    except _FieldError as err:
        line = key_line(text, err.key) if err.key else None
        raise ReferenceFileError(path, err.message, line) from None


def read_text(path: Path) -> str:
    """The text of a reference file; unreadable or non-UTF-8 files name the file."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReferenceFileError(
            path, f"not UTF-8 text ({err.reason} at byte {err.start})"
        ) from err
    except OSError as err:
        raise ReferenceFileError(path, f"cannot read: {err.strerror or err}") from err


class _FieldError(Exception):
    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def _text(data: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise _FieldError(key if key in data else None, f"missing required key '{key}'")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _FieldError(key, f"'{key}' must be text, not {type(value).__name__}")
    return value.strip()


def _int(data: dict[str, Any], key: str, required: bool = False) -> int | None:
    value = data.get(key)
    if value is None:
        if required:
            raise _FieldError(key if key in data else None, f"missing required key '{key}'")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError(key, f"'{key}' must be a whole number, not {value!r}")
    return value


def _list(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _FieldError(
            key, f"'{key}' must be a list (one '- item' per line), not {type(value).__name__}"
        )
    items = []
    for item in value:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str):
            raise _FieldError(key, f"'{key}' items must be text, found {item!r}")
        if item.strip():
            items.append(item.strip())
    return items


def reference_from_dict(data: Any, expected_id: str | None = None) -> Reference:
    """Validate a mapping against the reference schema (raises ``_FieldError``)."""
    if not isinstance(data, dict):
        raise _FieldError(
            None, "a reference file must be a mapping of keys (id, title, client, ...)"
        )
    ref_id = _text(data, "id", required=True)
    assert ref_id is not None
    if expected_id is not None and ref_id != expected_id:
        raise _FieldError("id", f"id '{ref_id}' does not match the file name '{expected_id}'")
    years = {k: _int(data, k, required=(k == "start_year")) for k in ("start_year", "end_year")}
    start, end = years["start_year"], years["end_year"]
    assert start is not None
    for key, year in years.items():
        if year is not None and not 1900 <= year <= 2100:
            raise _FieldError(key, f"'{key}' {year} is not a plausible year")
    if end is not None and end < start:
        raise _FieldError("end_year", f"end_year {end} is before start_year {start}")
    amounts = {k: _int(data, k) for k in _AMOUNT_KEYS}
    for key, amount in amounts.items():
        if amount is not None and amount < 0:
            raise _FieldError(key, f"'{key}' cannot be negative")
    texts = {k: _text(data, k) for k in _OPTIONAL_TEXT_KEYS}
    if texts["client_type"] is not None and texts["client_type"] not in CLIENT_TYPES:
        raise _FieldError(
            "client_type",
            f"client_type must be 'public' or 'private', not {texts['client_type']!r}",
        )
    confidential = data.get("confidential", False)
    if confidential is None:
        confidential = False
    if not isinstance(confidential, bool):
        raise _FieldError("confidential", "'confidential' must be true or false")
    stakes = data.get("stakes")
    if stakes is not None and not isinstance(stakes, str):
        raise _FieldError("stakes", "'stakes' must be text (paragraphs)")
    return Reference(
        id=ref_id,
        title=_text(data, "title", required=True) or "",
        client=_text(data, "client", required=True) or "",
        start_year=start,
        end_year=end,
        fee_eur=amounts["fee_eur"],
        project_cost_eur=amounts["project_cost_eur"],
        stakes=(stakes or "").strip(),
        contact=_contact(data.get("contact")),
        confidential=confidential,
        **texts,  # type: ignore[arg-type]
        **{k: _list(data, k) for k in _LIST_KEYS},  # type: ignore[arg-type]
    )


def _contact(value: Any) -> dict[str, str | None] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _FieldError("contact", "'contact' must be a mapping with name, role, email, phone")
    unknown = set(value) - set(CONTACT_KEYS)
    if unknown:
        raise _FieldError(
            "contact", f"'contact' has unknown keys: {', '.join(sorted(map(str, unknown)))}"
        )
    contact = {}
    for key in CONTACT_KEYS:
        item = value.get(key)
        if item is not None and not isinstance(item, (str, int)):
            raise _FieldError("contact", f"contact '{key}' must be text")
        contact[key] = None if item is None else str(item)
    return contact


def unknown_keys(data: Any) -> list[str]:
    """Top-level keys of a reference mapping that are not part of the schema."""
    if not isinstance(data, dict):
        return []
    return [str(k) for k in data if k not in REFERENCE_KEYS]


def read_reference(path: Path) -> Reference:
    """Read one reference file."""
    return parse_reference_text(read_text(path), path)


@dataclass
class Library:
    """A loaded library: its folder, references and vocabulary."""

    path: Path
    references: list[Reference]
    vocabulary: Vocabulary
    warnings: list[str] = field(default_factory=list)
    #: The on-disk index that holds exactly these references, when they came through it.
    index_file: Path | None = None

    def get(self, ref_id: str) -> Reference | None:
        """The reference with id ``ref_id``."""
        return next((r for r in self.references if r.id == ref_id), None)


def load_library(
    library_dir: Path, *, use_index: bool = True, for_matching: bool = False
) -> Library:
    """Load every reference of ``library_dir``; the first broken file raises its error.

    With ``use_index`` the on-disk index (:mod:`tenderkit.index`) serves unchanged files;
    ``for_matching`` also indexes the text of new files for ``match`` (same pass, all cores).
    """
    library_dir = Path(library_dir)
    warnings: list[str] = []
    index_file = None
    if use_index:
        from tenderkit.index import load_references

        references, index_file = load_references(library_dir, warnings, with_segments=for_matching)
    else:
        references = [read_reference(p) for p in reference_paths(library_dir)]
    check_unique_ids(references)
    return Library(library_dir, references, load_vocabulary(library_dir), warnings, index_file)


def check_unique_ids(references: list[Reference]) -> None:
    """Raise :class:`LibraryError` when two files carry the same id."""
    seen: set[str] = set()
    for ref in references:
        if ref.id in seen:
            raise LibraryError(f"duplicate reference id '{ref.id}' (run 'tenderkit check')")
        seen.add(ref.id)


def dump_reference(reference: Reference) -> str:
    """YAML text of a reference, keys in schema order, readable by a person."""
    yaml = _yaml()
    data = reference.to_dict()

    class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def _str(dumper: Any, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``path`` through a temporary file and a rename, so no reader sees half a file.

    The file keeps the permissions of the one it replaces (or gets the usual ones for a new
    file, as the umask says), not the private ones of a temporary file.
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_reference(library_dir: Path, reference: Reference, *, overwrite: bool = False) -> Path:
    """Write ``<id>.yaml`` atomically; refuses to replace an existing file unless asked."""
    path = Path(library_dir) / f"{reference.id}.yaml"
    if path.exists() and not overwrite:
        raise LibraryError(f"{path}: already exists, not overwritten")
    write_atomic(path, dump_reference(reference))
    return path
