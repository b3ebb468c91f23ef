"""Read and validate a tender file (the buyer's call and its criteria)."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from tenderkit.exceptions import TenderFileError
from tenderkit.library import key_line
from tenderkit.models import Criterion, Tender

TENDER_KEYS = (
    "title",
    "buyer",
    "deadline",
    "reference_count",
    "max_age_years",
    "client_types",
    "min_fee_eur",
    "criteria",
)
CRITERION_KEYS = ("id", "label", "weight", "components", "keywords")


class _Bad(Exception):
    def __init__(self, key: str | None, message: str, criterion: int | None = None) -> None:
        super().__init__(message)
        self.key, self.message, self.criterion = key, message, criterion


def load_tender(path: Path) -> Tender:
    """Read ``path``; any problem raises :class:`TenderFileError` naming file, line and key.

    The parsed file is kept in the cache folder until it changes (PyYAML need not load).
    """
    from tenderkit.cache import cached_data

    path = Path(path)
    data = cached_data(path, lambda: _parse(path, _read(path)), "tender-v1")
    try:
        return tender_from_dict(data)
    except _Bad as err:
        text = _read(path)
        line = (
            _criterion_line(text, err.criterion, err.key)
            if err.criterion is not None
            else (key_line(text, err.key) if err.key else None)
        )
        raise TenderFileError(path, err.message, line) from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise TenderFileError(path, f"cannot read the tender file: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise TenderFileError(path, f"not UTF-8 text ({err.reason} at byte {err.start})") from err


def _parse(path: Path, text: str) -> Any:
    """The YAML data of a tender file, dates as ISO text (so it can be cached as JSON)."""
    from tenderkit.yamlload import load_file

    data = load_file(text, path, TenderFileError)
    if isinstance(data, dict) and isinstance(data.get("deadline"), (_dt.date, _dt.datetime)):
        data["deadline"] = data["deadline"].isoformat()[:10]
    return data


def _criterion_line(text: str, index: int | None, key: str | None) -> int | None:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        crit_node = next(v for k, v in root.value if k.value == "criteria")
        node = crit_node.value[index]
        if key and isinstance(node, yaml.MappingNode):
            for k, _v in node.value:
                if k.value == key:
                    return k.start_mark.line + 1
        return node.start_mark.line + 1
    except Exception:  # noqa: BLE001 - best effort: the message stands without a line
        return None


def _str_list(value: Any, key: str, criterion: int | None = None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise _Bad(key, f"'{key}' must be a list of texts", criterion)
    return [str(v) for v in value]


def _opt_int(data: dict[str, Any], key: str, minimum: int = 0) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _Bad(key, f"'{key}' must be a whole number ≥ {minimum}, not {value!r}")
    return value


def tender_from_dict(data: Any) -> Tender:
    """Validate a tender mapping."""
    if not isinstance(data, dict):
        raise _Bad(None, "a tender file must be a mapping (title, buyer, criteria, ...)")
    for key in data:
        if key not in TENDER_KEYS:
            raise _Bad(str(key), f"unknown key '{key}' (expected one of: {', '.join(TENDER_KEYS)})")
    for key in ("title", "buyer"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _Bad(key if key in data else None, f"'{key}' is required (text)")
    deadline = data.get("deadline")
    if isinstance(deadline, (_dt.date, _dt.datetime)):
        deadline = deadline.isoformat()[:10]
    elif deadline is not None:
        if not isinstance(deadline, str) or not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", deadline.strip()
        ):
            raise _Bad(
                "deadline", f"'deadline' must be an ISO date like 2026-12-15, not {deadline!r}"
            )
        deadline = deadline.strip()
    count = _opt_int(data, "reference_count", minimum=1)
    client_types = _str_list(data.get("client_types"), "client_types")
    for ct in client_types:
        if ct not in ("public", "private"):
            raise _Bad(
                "client_types", f"client_types entries must be 'public' or 'private', not {ct!r}"
            )
    raw = data.get("criteria")
    if not isinstance(raw, list) or not raw:
        raise _Bad(
            "criteria" if "criteria" in data else None, "'criteria' must be a non-empty list"
        )
    criteria = [_criterion(item, i) for i, item in enumerate(raw)]
    ids = [c.id for c in criteria]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    if dup:
        raise _Bad("criteria", f"criterion id '{dup}' is used twice")
    return Tender(
        title=data["title"].strip(),
        buyer=data["buyer"].strip(),
        criteria=criteria,
        deadline=deadline,
        reference_count=count if count is not None else 5,
        max_age_years=_opt_int(data, "max_age_years"),
        client_types=client_types,
        min_fee_eur=_opt_int(data, "min_fee_eur"),
    )


def _criterion(item: Any, index: int) -> Criterion:
    if not isinstance(item, dict):
        raise _Bad(None, f"criterion {index + 1} must be a mapping with id and label", index)
    for key in item:
        if key not in CRITERION_KEYS:
            raise _Bad(
                str(key),
                f"criterion {index + 1}: unknown key '{key}' "
                f"(expected one of: {', '.join(CRITERION_KEYS)})",
                index,
            )
    cid, label = item.get("id"), item.get("label")
    if not isinstance(cid, (str, int)) or not str(cid).strip():
        raise _Bad("id", f"criterion {index + 1}: 'id' is required", index)
    if not isinstance(label, str) or not label.strip():
        raise _Bad("label", f"criterion '{cid}': 'label' is required (text)", index)
    weight = item.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
        raise _Bad(
            "weight",
            f"criterion '{cid}': 'weight' must be a positive number, not {weight!r}",
            index,
        )
    return Criterion(
        id=str(cid).strip(),
        label=label.strip(),
        weight=float(weight),
        components=_str_list(item.get("components"), "components", index),
        keywords=_str_list(item.get("keywords"), "keywords", index),
    )
