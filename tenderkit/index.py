"""An on-disk index of the parsed library, refreshed incrementally and never stale.

Each reference file is parsed once; its parsed form, and the French stems of its segments
(for matching, in an SQLite FTS5 table), are kept in a SQLite file under the user's cache
folder (``$TENDERKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/tenderkit``, else
``~/.cache/tenderkit``), one file per library. A file is read again whenever its size,
modification time, change time or inode differs from what was indexed; files that disappear
leave the index. A corrupt or unwritable index is rebuilt or bypassed with a warning, and
``TENDERKIT_NO_INDEX=1`` bypasses it altogether: matching then runs on an in-memory copy built
by the same code, so results are identical with and without the index.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tenderkit.cache import NO_INDEX_ENV, RACY_NS, cache_dir
from tenderkit.exceptions import ReferenceFileError
from tenderkit.models import REFERENCE_KEYS, Reference
from tenderkit.parsing import iter_parsed, parse_files

#: Bumped whenever the stored form changes, so old indexes are rebuilt.
INDEX_VERSION = 13
# A segment's rowid says where it stands: reference rowid * _SEG_STRIDE + field number *
# _FIELD_STRIDE + its rank in that field. Searches read the field from the rowid, never from
# the stored row, which is what makes them fast.
_SEG_STRIDE = 10_000
_FIELD_STRIDE = 1_000
#: Added to the stems of every mention segment (no French word stems to it), so that the
#: (rare) mentions of a phrase are found without reading its other rows.
MENTION_TOKEN = "zzmentionzz"

Signature = tuple[int, int, int, int]

_SCHEMA = f"""
CREATE TABLE refs (rid INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, mtime INTEGER,
                   size INTEGER, ino INTEGER, ctime INTEGER, head TEXT NOT NULL,
                   body TEXT NOT NULL, segmented INTEGER NOT NULL DEFAULT 0);
CREATE TABLE snapshot (key TEXT NOT NULL, data BLOB NOT NULL);
CREATE INDEX refs_unsegmented ON refs (segmented) WHERE segmented = 0;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE segs USING fts5(stems, tokenize = 'ascii', columnsize = 0);
CREATE VIRTUAL TABLE segs_vocab USING fts5vocab(segs, 'row');
PRAGMA user_version = {INDEX_VERSION};
"""


def index_path(library_dir: Path) -> Path:
    """The index file of one library."""
    key = hashlib.sha1(str(Path(library_dir).resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{key}.sqlite"


def _scan(library_dir: Path) -> dict[str, Signature]:
    from tenderkit.library import reference_entries

    out = {}
    for entry in reference_entries(library_dir):
        st = entry.stat()
        out[entry.name] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    return out


def _connect(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=5)
    if db.execute("PRAGMA user_version").fetchone()[0] != INDEX_VERSION:
        db.executescript(
            "DROP TABLE IF EXISTS refs; DROP TABLE IF EXISTS segs_vocab; DROP TABLE IF EXISTS segs;"
            " DROP TABLE IF EXISTS snapshot; DROP TABLE IF EXISTS meta;" + _SCHEMA
        )
    db.execute("PRAGMA synchronous = OFF")
    # 64 MB of page cache to build the full-text index; temporary sorts of a search in
    # memory
    db.execute("PRAGMA cache_size = -65536")
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("SELECT rid, name, mtime, size, ino, ctime, head, body, segmented FROM refs LIMIT 1")
    db.execute("SELECT rowid, stems FROM segs LIMIT 1")
    db.execute("SELECT key, data FROM snapshot LIMIT 1")
    db.execute("SELECT key, value FROM meta LIMIT 1")
    return db


def _open(library_dir: Path, warnings: list[str]) -> sqlite3.Connection | None:
    """The library's index, created or rebuilt as needed; None when it cannot be used."""
    if os.environ.get(NO_INDEX_ENV):
        return None
    path = index_path(library_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        warnings.append(f"index folder {path.parent} cannot be used ({err}); reading every file")
        return None
    for attempt in (1, 2):
        try:
            return _connect(path)
        except (sqlite3.Error, OSError) as err:
            if attempt == 1 and path.is_file():
                warnings.append(f"index {path} is unreadable ({err}); rebuilding it")
                try:
                    path.unlink()
                    continue
                except OSError:
                    pass
            warnings.append(f"index {path} cannot be used ({err}); reading every file")
    return None


# -- references whose long texts stay in the index until read ---------------------------

#: Fields every command needs (filters, tables, eligibility, selection): loaded at once.
HEAD_KEYS = (
    "id",
    "title",
    "client",
    "client_type",
    "start_year",
    "end_year",
    "mission_type",
    "fee_eur",
    "components",
    "team",
    "confidential",
)
#: Long texts, loaded from the index on first access.
BODY_KEYS = tuple(k for k in REFERENCE_KEYS if k not in HEAD_KEYS)
_HEAD_SET, _BODY_SET = set(HEAD_KEYS), set(BODY_KEYS)


def split(ref: Reference) -> tuple[str, str]:
    """The JSON head and body of a reference, as stored."""
    data = ref.to_dict()
    head = {k: data[k] for k in HEAD_KEYS}
    body = {k: data[k] for k in BODY_KEYS}
    return json.dumps(head, ensure_ascii=False), json.dumps(body, ensure_ascii=False)


class _BodySource:
    """Reads bodies from the index (in bulk when asked), or from the file if it changed since."""

    def __init__(self, index_file: Path, library_dir: Path) -> None:
        self.index_file, self.library_dir = index_file, library_dir

    def fetch(self, wanted: list[IndexedReference]) -> None:
        by_name = {r._name: r for r in wanted if "_body" not in r.__dict__}
        if not by_name:
            return
        rows: dict[str, tuple[Signature, str]] = {}
        try:
            db = sqlite3.connect(self.index_file, timeout=5)
            try:
                names = list(by_name)
                for i in range(0, len(names), 500):
                    chunk = names[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    for r in db.execute(
                        "SELECT name, mtime, size, ino, ctime, body FROM refs "
                        f"WHERE name IN ({marks})",
                        chunk,
                    ):
                        rows[r[0]] = ((r[1], r[2], r[3], r[4]), r[5])
            finally:
                db.close()
        except sqlite3.Error:
            pass
        for name, ref in by_name.items():
            row = rows.get(name)
            body = None
            if row is not None and row[0] == ref._signature:
                try:
                    body = json.loads(row[1])
                except ValueError:
                    body = None
                if not isinstance(body, dict) or body.keys() != _BODY_SET:
                    body = None
            if body is None:  # the index moved on (or broke) since the head was read
                from tenderkit.library import read_reference

                fresh = read_reference(self.library_dir / name).to_dict()
                body = {k: fresh[k] for k in BODY_KEYS}
            ref.__dict__["_body"] = body


class IndexedReference(Reference):
    """A :class:`Reference` served by the index: long texts are read on first access."""

    _name: str
    _signature: Signature
    _source: _BodySource
    _rid: int

    def __init__(
        self,
        head: Iterable[tuple[str, Any]] | dict[str, Any],
        name: str,
        signature: Signature,
        source: _BodySource,
        rid: int,
    ) -> None:
        self.__dict__.update(head)
        self.__dict__.update(_name=name, _signature=signature, _source=source, _rid=rid)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reference) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def _body_value(self, key: str) -> Any:
        if "_body" not in self.__dict__:
            self._source.fetch([self])
        return self.__dict__["_body"][key]


def _body_property(key: str) -> property:
    def get(self: IndexedReference) -> Any:
        return self._body_value(key)

    def set_(self: IndexedReference, value: Any) -> None:
        self._body_value(key)
        self.__dict__["_body"][key] = value

    return property(get, set_, doc=f"``{key}``, read from the index on first access.")


for _key in BODY_KEYS:
    setattr(IndexedReference, _key, _body_property(_key))


def prefetch(references: list[Reference]) -> None:
    """Read the long texts of many indexed references in one go (before a full export)."""
    indexed = [r for r in references if isinstance(r, IndexedReference)]
    sources = {id(r._source): r._source for r in indexed}
    for source in sources.values():
        source.fetch([r for r in indexed if r._source is source])


# -- loading ----------------------------------------------------------------------------


def load_references(
    library_dir: Path, warnings: list[str], *, with_segments: bool = False
) -> tuple[list[Reference], Path | None]:
    """Every reference of the library, from the index where the file has not changed.

    Returns the references (in file-name order) and the index file when it now holds
    exactly them (None when the index was bypassed).
    """
    library_dir = Path(library_dir)
    on_disk = _scan(library_dir)
    db = _open(library_dir, warnings)
    if db is None:
        names = sorted(on_disk)
        return parse_files([library_dir / n for n in names]), None
    try:
        key = _snapshot_key(on_disk)
        refs = _from_snapshot(db, key, library_dir, on_disk)
        if refs is None:
            refs, clean = _sync(db, library_dir, on_disk, warnings, with_segments)
            if clean:
                with db:
                    db.execute("DELETE FROM snapshot")
                    db.execute("INSERT INTO snapshot VALUES (?, ?)", (key, _snapshot_data(refs)))
        return refs, index_path(library_dir)
    except sqlite3.Error as err:
        warnings.append(f"index {index_path(library_dir)} failed ({err}); reading every file")
        names = sorted(on_disk)
        return parse_files([library_dir / n for n in names]), None
    finally:
        db.close()


def _snapshot_key(on_disk: dict[str, Signature]) -> str:
    listing = json.dumps(sorted(on_disk.items()))  # names and signatures
    return hashlib.sha1(listing.encode()).hexdigest()


def _from_snapshot(
    db: sqlite3.Connection, key: str, library_dir: Path, on_disk: dict[str, Signature]
) -> list[Reference] | None:
    """The references, when no file changed since the last run: one read, one decode.

    The snapshot holds every head, in name order, under a digest of the folder's listing
    (names and signatures); any change to the folder changes the digest.
    """
    row = db.execute("SELECT data FROM snapshot WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        rids, rows = marshal.loads(row[0])
    except (ValueError, EOFError, TypeError):
        return None
    names = sorted(on_disk)
    if not isinstance(rids, list) or not isinstance(rows, list):
        return None
    if not len(rows) == len(rids) == len(names):
        return None
    width = len(HEAD_KEYS)
    if not all(isinstance(r, tuple) and len(r) == width for r in rows):
        return None
    source = _BodySource(index_path(library_dir), library_dir)
    return [
        IndexedReference(zip(HEAD_KEYS, row, strict=True), n, on_disk[n], source, rid)
        for row, n, rid in zip(rows, names, rids, strict=True)
    ]


def _snapshot_data(refs: list[Reference]) -> bytes:
    """Every head as a tuple of values in ``HEAD_KEYS`` order, and the rows' ids (marshal:
    several times faster to decode than the same data in JSON)."""
    rows = [tuple(r.__dict__[k] for k in HEAD_KEYS) for r in refs]
    return marshal.dumps(([r._rid for r in refs], rows))  # type: ignore[attr-defined]


def _stored(db: sqlite3.Connection) -> dict[str, tuple[Signature, str, int]]:
    rows = db.execute("SELECT name, mtime, size, ino, ctime, head, rid FROM refs")
    return {r[0]: ((r[1], r[2], r[3], r[4]), r[5], r[6]) for r in rows}


def _sync(
    db: sqlite3.Connection,
    library_dir: Path,
    on_disk: dict[str, Signature],
    warnings: list[str],
    with_segments: bool,
) -> tuple[list[Reference], bool]:
    """Bring the index up to date; returns the references, in name order, and whether every
    one of them is now stored as it is on disk (then a snapshot may be taken)."""
    stored = _stored(db)
    refs: dict[str, Reference] = {}
    clean = True
    source = _BodySource(index_path(library_dir), library_dir)
    unchanged = [n for n, sig in on_disk.items() if n in stored and stored[n][0] == sig]
    for name, head in zip(unchanged, _decode_heads([stored[n][1] for n in unchanged]), strict=True):
        if isinstance(head, dict) and head.keys() == _HEAD_SET:
            refs[name] = IndexedReference(head, name, on_disk[name], source, stored[name][2])
        # else: a damaged row; the file is read again below
    fresh = sorted(n for n in on_disk if n not in refs)
    gone = [stored[n][2] for n in stored if n not in on_disk or n in fresh]
    first_error: ReferenceFileError | None = None
    # A file changed less than RACY_NS before now may change again within the same timestamp
    # tick (coarse file systems) without its signature changing: store it as "racy" so the
    # next run reads it again, as git does for racily clean entries.
    racy_after = time.time_ns() - RACY_NS
    ref_rows: list[tuple[Any, ...]] = []
    seg_rows: list[tuple[int, str]] = []
    with db:
        _delete(db, gone)
        base = db.execute("SELECT coalesce(max(rid), 0) + 1 FROM refs").fetchone()[0]
        rids = list(range(base, base + len(fresh)))
        results = iter_parsed([library_dir / n for n in fresh], with_segments, rids)
        for name, rid, result in zip(fresh, rids, results, strict=True):
            if result[0] == "error":
                # the good files are still indexed; the first broken one is reported
                first_error = first_error or ReferenceFileError(result[1], result[2], result[3])
                continue
            sig = on_disk[name]
            if sig[0] >= racy_after:
                sig, clean = (-1, *sig[1:]), False
            refs[name] = IndexedReference(json.loads(result[1]), name, sig, source, rid)
            ref_rows.append((rid, name, *sig, result[1], result[2], result[3] is not None))
            if result[3] is not None:
                seg_rows += result[3]
            if len(seg_rows) > 20_000 or len(ref_rows) > 1_000:
                _flush(db, ref_rows, seg_rows)
        _flush(db, ref_rows, seg_rows)
    if first_error is not None:
        raise first_error
    names = sorted(on_disk)
    return [refs[n] for n in names], clean


def _decode_heads(heads: list[str]) -> list[Any]:
    """Decode stored heads, in one ``json.loads`` call when none is damaged (None if it is)."""
    try:
        decoded = json.loads("[" + ",".join(heads) + "]")
        if len(decoded) == len(heads):
            return decoded
    except ValueError:
        pass
    out = []
    for head in heads:
        try:
            out.append(json.loads(head))
        except ValueError:
            out.append(None)
    return out


def _delete(db: sqlite3.Connection, rids: list[int]) -> None:
    if rids:
        db.execute("DELETE FROM meta WHERE key IN ('terms', 'equivalents')")
    for rid in rids:
        db.execute("DELETE FROM refs WHERE rid = ?", (rid,))
        db.execute(
            "DELETE FROM segs WHERE rowid >= ? AND rowid < ?",
            (rid * _SEG_STRIDE, (rid + 1) * _SEG_STRIDE),
        )


def _segment_rows(rid: int | None, prof: list[Any]) -> list[tuple[int, str]]:
    """(rowid, stems) of a reference's segments: the rowid encodes reference, field and rank."""
    from tenderkit.segments import FIELDS

    assert rid is not None
    start = {f: rid * _SEG_STRIDE + i * _FIELD_STRIDE for i, f in enumerate(FIELDS)}
    rows, rank = [], dict.fromkeys(FIELDS, 0)
    for field, stems_ in prof:
        if rank[field] < _FIELD_STRIDE:  # past 1,000 bullets in one field, the rest is not searched
            if field == "mention":
                stems_ = f"{stems_} {MENTION_TOKEN}"
            rows.append((start[field] + rank[field], stems_))
        rank[field] += 1
    return rows


def _flush(
    db: sqlite3.Connection, ref_rows: list[tuple[Any, ...]], seg_rows: list[tuple[int, str]]
) -> None:
    """Write pending reference and segment rows (batched: one statement per thousand)."""
    db.executemany(
        "INSERT INTO refs (rid, name, mtime, size, ino, ctime, head, body, segmented)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ref_rows,
    )
    if seg_rows:
        db.executemany("INSERT INTO segs (rowid, stems) VALUES (?, ?)", seg_rows)
        db.execute("DELETE FROM meta WHERE key IN ('terms', 'equivalents')")
    ref_rows.clear()
    seg_rows.clear()


def _insert_segments(db: sqlite3.Connection, rid: int | None, prof: list[Any]) -> None:
    db.executemany("INSERT INTO segs (rowid, stems) VALUES (?, ?)", _segment_rows(rid, prof))
    db.execute("UPDATE refs SET segmented = 1 WHERE rid = ?", (rid,))
    db.execute("DELETE FROM meta WHERE key IN ('terms', 'equivalents')")
