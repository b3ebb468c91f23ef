"""Parse many reference files at once, on every core: YAML, validation and segment stems.

Workers are forked processes; each returns plain data (the stored head and body, and the
segment rows for the index), which the main process stores while the others go on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tenderkit.exceptions import ReferenceFileError
from tenderkit.models import Reference

#: Below this many files, a worker pool costs more than it saves.
PARALLEL_FROM = 400


def _parse_one(path: Path, rid: int | None, with_segments: bool) -> tuple[Any, ...]:
    from tenderkit.library import read_reference

    try:
        ref = read_reference(path)
    except ReferenceFileError as err:
        return ("error", str(err.path), err.message, err.line)
    from tenderkit.index import _segment_rows, split

    rows = None
    if with_segments and rid is not None:
        from tenderkit.segments import profile

        rows = _segment_rows(rid, profile(ref))
    head, body = split(ref)
    return ("ok", head, body, rows)


_PENDING: list[Reference] = []  # references whose segments forked workers compute


def _profile_range(bounds: tuple[int, int]) -> list[Any]:
    from tenderkit.segments import profile

    return [profile(r) for r in _PENDING[bounds[0] : bounds[1]]]


def profiles(references: list[Reference]) -> list[Any]:
    """Segment stems of each reference, computed on every core for large batches."""
    from tenderkit.segments import profile

    workers = min(os.cpu_count() or 1, 8)
    if len(references) < PARALLEL_FROM or workers == 1:
        return [profile(r) for r in references]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _PENDING
    _PENDING = references
    size = max(50, len(references) // (workers * 4))
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            chunks = pool.map(
                _profile_range, [(i, i + size) for i in range(0, len(references), size)]
            )
            return [p for chunk in chunks for p in chunk]
    except (OSError, ValueError, RuntimeError):
        return [profile(r) for r in references]
    finally:
        _PENDING = []


def _parse_chunk(args: tuple[list[tuple[str, int | None]], bool]) -> list[tuple[Any, ...]]:
    jobs, with_segments = args
    return [_parse_one(Path(p), rid, with_segments) for p, rid in jobs]


def _prepare_workers(with_segments: bool) -> None:
    """Import what the workers need before they are forked, so that each need not."""
    import tenderkit.library  # noqa: F401
    import tenderkit.yamlload  # noqa: F401

    if with_segments:
        from tenderkit.segments import profile  # noqa: F401
        from tenderkit.text import _stemmer

        _stemmer()


def iter_parsed(
    paths: list[Path], with_segments: bool, rids: list[int] | None = None
) -> Iterator[tuple[Any, ...]]:
    """Parse reference files in name order, on every core for large batches, as a stream.

    Yields ``("ok", head, body, segment rows)`` or ``("error", path, message, line)`` per
    file, so the caller can store results while the workers go on parsing. Segment rows
    (ready to insert, for the index rowids ``rids``) come only ``with_segments``.
    """
    ids: list[int | None] = list(rids) if rids else [None] * len(paths)
    jobs = list(zip(map(str, paths), ids, strict=True))
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers == 1:
        yield from _parse_chunk((jobs, with_segments))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _prepare_workers(with_segments)
    size = max(50, min(200, len(jobs) // (workers * 8)))  # small chunks: results flow early
    chunks = [(jobs[i : i + size], with_segments) for i in range(0, len(jobs), size)]
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError, RuntimeError):  # no fork, no semaphores: do it here
        yield from _parse_chunk((jobs, with_segments))
        return
    with pool:
        for chunk in pool.map(_parse_chunk, chunks):
            yield from chunk


def _reference(result: tuple[Any, ...]) -> Reference:
    if result[0] == "error":
        raise ReferenceFileError(result[1], result[2], result[3])
    return Reference(**json.loads(result[1]), **json.loads(result[2]))


def parse_files(paths: list[Path], with_segments: bool = False) -> list[Reference]:
    """Parse reference files, using every core; the first broken one raises its error."""
    return [_reference(r) for r in iter_parsed(paths, with_segments)]
