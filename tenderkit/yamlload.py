"""Load YAML like PyYAML's ``SafeLoader``, about twice as fast for reference files.

PyYAML's C parser is fast, but its constructor runs in Python and walks every node twice.
Reference files are plain mappings of texts, numbers and lists, so this module builds the
data straight from the parser's events. Anything unusual — explicit tags, merge keys, several
documents, complex keys — is handed to PyYAML itself, so the result is always exactly what
``yaml.load(text, Loader=CSafeLoader)`` returns (tests compare the two on tricky inputs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from tenderkit.exceptions import FileError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"


class _Unusual(Exception):
    """The text uses a YAML feature this module leaves to PyYAML."""


def load_file(text: str, path: Path, error: type[FileError]) -> Any:
    """The data of a YAML file's ``text``; invalid YAML raises ``error`` naming file and line."""
    try:
        return load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise error(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from err


def load(text: str) -> Any:
    """The data of a single YAML document, as ``yaml.load(text, Loader=CSafeLoader)``."""
    try:
        return _load_events(text)
    except _Unusual:
        return yaml.load(text, Loader=LOADER)


def _scalar(event: ScalarEvent) -> Any:
    value = event.value
    if event.tag not in (None, "!"):
        raise _Unusual
    if event.style or not event.implicit[0]:  # the C parser says "" for plain
        return value  # quoted or block scalar: a string
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            if tag == "tag:yaml.org,2002:null":
                return None
            if tag == "tag:yaml.org,2002:bool":
                return _CONSTRUCTOR.bool_values[value.lower()]
            if tag == "tag:yaml.org,2002:int":
                return _CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode(tag, value))
            if tag == "tag:yaml.org,2002:float":
                return _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, value))
            if tag == _STR:
                return value
            raise _Unusual  # timestamps, merge keys, values: rare, left to PyYAML
    return value


class _Mapping:
    """An open mapping on the stack, and the key waiting for its value."""

    __slots__ = ("data", "key", "has_key")

    def __init__(self, data: dict[Any, Any]) -> None:
        self.data, self.key, self.has_key = data, None, False


def _load_events(text: str) -> Any:
    anchors: dict[str, Any] = {}
    stack: list[Any] = []  # open containers: lists, or _Mapping frames
    result: Any = None
    documents = 0
    parser = LOADER(text)
    try:
        return _build(parser.get_event, anchors, stack, result, documents)
    finally:
        parser.dispose()


def _build(
    get_event: Any, anchors: dict[str, Any], stack: list[Any], result: Any, documents: int
) -> Any:
    while True:
        event = get_event()  # straight from the C parser: no Python generator in between
        cls = event.__class__
        if cls is ScalarEvent:
            value = _scalar(event)
            if event.anchor is not None:
                anchors[event.anchor] = value
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.tag not in (None, "!") and not event.implicit:
                raise _Unusual
            value = {} if cls is MappingStartEvent else []
            if event.anchor is not None:
                anchors[event.anchor] = value
            if stack:
                _add(stack[-1], value)
            else:
                result = value
            stack.append(_Mapping(value) if isinstance(value, dict) else value)
            continue
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
            continue
        elif cls is AliasEvent:
            if event.anchor not in anchors:
                raise _Unusual  # let PyYAML report the unknown alias
            value = anchors[event.anchor]
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual  # PyYAML's own "expected a single document" error
            continue
        elif cls is StreamEndEvent:
            return result
        elif cls is StreamStartEvent or cls is DocumentEndEvent:
            continue
        else:
            raise _Unusual
        if stack:
            _add(stack[-1], value)
        else:
            result = value


def _add(top: Any, value: Any) -> None:
    if top.__class__ is _Mapping:
        if not top.has_key:
            if isinstance(value, (dict, list)) or value == "<<":
                raise _Unusual  # complex keys, merge keys
            top.key, top.has_key = value, True
        else:
            top.data[top.key] = value
            top.has_key = False
    else:
        top.append(value)
