"""An on-disk index of the parsed library, refreshed incrementally and never stale.

Each reference file is parsed once; its parsed form is kept in a SQLite file under the user's
cache folder (``$TENDERKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/tenderkit``, else
``~/.cache/tenderkit``), keyed by the library's absolute path. A file is read again whenever
its size, modification time or inode changes; files that disappear leave the index. A corrupt
or unwritable index is rebuilt or bypassed with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tenderkit.models import Reference

#: Bumped whenever the stored form changes, so old indexes are rebuilt.
INDEX_VERSION = 3
CACHE_ENV = "TENDERKIT_CACHE_DIR"
NO_INDEX_ENV = "TENDERKIT_NO_INDEX"


def cache_dir() -> Path:
    """Folder holding the indexes of every library."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tenderkit"


def index_path(library_dir: Path) -> Path:
    """The index file of one library."""
    key = hashlib.sha1(str(Path(library_dir).resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{key}.sqlite"


def _signature(entry: os.DirEntry[str]) -> tuple[int, int, int]:
    st = entry.stat()
    return st.st_mtime_ns, st.st_size, st.st_ino


def _scan(library_dir: Path) -> dict[str, tuple[int, int, int]]:
    from tenderkit.library import reference_paths

    wanted = {p.name for p in reference_paths(library_dir)}
    return {e.name: _signature(e) for e in os.scandir(library_dir) if e.name in wanted}


class _Index:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=5)
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != INDEX_VERSION:
            self.db.executescript(
                f"""DROP TABLE IF EXISTS refs;
                CREATE TABLE refs (name TEXT PRIMARY KEY, mtime INTEGER, size INTEGER,
                                   ino INTEGER, data TEXT NOT NULL, profile TEXT);
                PRAGMA user_version = {INDEX_VERSION};"""
            )
        self.db.execute("PRAGMA synchronous = OFF")

    def rows(self) -> dict[str, tuple[tuple[int, int, int], str, str | None]]:
        cur = self.db.execute("SELECT name, mtime, size, ino, data, profile FROM refs")
        return {r[0]: ((r[1], r[2], r[3]), r[4], r[5]) for r in cur}

    def sync(self, put: list[tuple[str, tuple[int, int, int], str]], drop: Iterable[str]) -> None:
        with self.db:
            self.db.executemany("DELETE FROM refs WHERE name = ?", [(n,) for n in drop])
            self.db.executemany(
                "INSERT OR REPLACE INTO refs (name, mtime, size, ino, data, profile)"
                " VALUES (?, ?, ?, ?, ?, NULL)",
                [(n, *sig, data) for n, sig, data in put],
            )

    def set_profiles(self, profiles: dict[str, str]) -> None:
        with self.db:
            self.db.executemany(
                "UPDATE refs SET profile = ? WHERE name = ?", [(p, n) for n, p in profiles.items()]
            )


def _open(library_dir: Path, warnings: list[str]) -> _Index | None:
    if os.environ.get(NO_INDEX_ENV):
        return None
    path = index_path(library_dir)
    for attempt in (1, 2):
        try:
            index = _Index(path)
            index.rows  # noqa: B018 - touch the table
            index.db.execute("SELECT count(*) FROM refs").fetchone()
            return index
        except (sqlite3.Error, OSError) as err:
            if attempt == 1 and path.exists():
                warnings.append(f"index {path} is unreadable ({err}); rebuilding it")
                try:
                    path.unlink()
                except OSError:
                    break
                continue
            warnings.append(f"index {path} cannot be used ({err}); reading every file")
            break
    return None


def _parse_missing(library_dir: Path, names: list[str]) -> list[Reference]:
    from tenderkit.library import read_reference

    return [read_reference(library_dir / name) for name in names]


def load_references(library_dir: Path, warnings: list[str]) -> list[Reference]:
    """Every reference of the library, from the index where the file has not changed."""
    library_dir = Path(library_dir)
    on_disk = _scan(library_dir)
    index = _open(library_dir, warnings)
    if index is None:
        return _parse_missing(library_dir, sorted(on_disk))
    try:
        return _load_with(index, library_dir, on_disk, warnings)
    finally:
        index.db.close()


def _load_with(
    index: _Index, library_dir: Path, on_disk: dict[str, tuple[int, int, int]], warnings: list[str]
) -> list[Reference]:
    try:
        stored = index.rows()
    except sqlite3.Error as err:
        warnings.append(f"index unreadable ({err}); reading every file")
        stored = {}
    fresh = sorted(n for n, sig in on_disk.items() if n not in stored or stored[n][0] != sig)
    parsed = dict(zip(fresh, _parse_missing(library_dir, fresh), strict=True))
    references = []
    for name in sorted(on_disk):
        if name in parsed:
            references.append(parsed[name])
        else:
            references.append(Reference(**json.loads(stored[name][1])))
    gone = [n for n in stored if n not in on_disk]
    if fresh or gone:
        put = [(n, on_disk[n], json.dumps(parsed[n].to_dict(), ensure_ascii=False)) for n in fresh]
        try:
            index.sync(put, gone)
        except sqlite3.Error as err:
            warnings.append(f"index not updated ({err}); results are still exact")
    return references


def load_profiles(library_dir: Path, compute: Any, references: list[Reference]) -> list[Any]:
    """Per-reference search profiles, cached in the index next to the parsed data.

    ``compute(reference)`` returns a JSON-serialisable profile; it runs only for references
    whose profile is not stored yet (new or changed files).
    """
    warnings: list[str] = []
    index = None if not references else _open(Path(library_dir), warnings)
    if index is None:
        return [compute(r) for r in references]
    try:
        stored = {n: p for n, (_sig, _data, p) in index.rows().items()}
        profiles, new = [], {}
        for ref in references:
            name = _name_for(library_dir, ref, stored)
            raw = stored.get(name) if name else None
            if raw is None:
                profile = compute(ref)
                if name:
                    new[name] = json.dumps(profile, ensure_ascii=False)
            else:
                profile = json.loads(raw)
            profiles.append(profile)
        if new:
            try:
                index.set_profiles(new)
            except sqlite3.Error:
                pass
        return profiles
    finally:
        index.db.close()


def _name_for(library_dir: Path, ref: Reference, stored: dict[str, Any]) -> str | None:
    for suffix in (".yaml", ".yml"):
        if f"{ref.id}{suffix}" in stored:
            return f"{ref.id}{suffix}"
    return None
