"""The user's cache folder: where indexes and small parsed files are kept.

``$TENDERKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/tenderkit``, else ``~/.cache/tenderkit``;
never the library folder. ``TENDERKIT_NO_INDEX=1`` turns every cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

CACHE_ENV = "TENDERKIT_CACHE_DIR"
NO_INDEX_ENV = "TENDERKIT_NO_INDEX"
#: Files changed this recently (ns) are re-read next time: timestamps may be that coarse.
RACY_NS = 3_000_000_000


def cache_dir() -> Path:
    """Folder holding the indexes of every library."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tenderkit"


def cached_data(path: Path, parse: Any, kind: str) -> Any:
    """``parse()`` of the file ``path``, kept as JSON in the cache folder until the file changes.

    ``kind`` names what ``parse`` computes (change it when that changes). Falls back to
    ``parse()`` whenever the cache cannot be read or written.
    """
    try:
        st = path.stat()
    except OSError:
        return parse()
    signature = [st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns]
    key = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
    cache = cache_dir() / f"{kind}-{key}.json"
    if not os.environ.get(NO_INDEX_ENV):
        try:
            stored = json.loads(cache.read_text(encoding="utf-8"))
            if stored["signature"] == signature and time.time_ns() - st.st_mtime_ns > RACY_NS:
                return stored["data"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    data = parse()
    if not os.environ.get(NO_INDEX_ENV):
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            from tenderkit.library import write_atomic

            write_atomic(cache, json.dumps({"signature": signature, "data": data}))
        except (OSError, TypeError, ValueError):
            pass
    return data
