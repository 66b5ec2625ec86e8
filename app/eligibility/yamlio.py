"""Strict YAML reading for the explainer's data files (the flow and its wording).

Why not plain ``yaml.safe_load``? Both files are edited by hand, often by people who are
not developers, and three YAML habits would hide mistakes:

1. A duplicated key silently replaces the first one. A question id written twice would make
   a question vanish without any error. Here it is an error, with both line numbers.
2. YAML 1.1 reads ``yes``, ``no``, ``on`` and ``off`` as booleans, so an editor writing an
   option called ``no:`` would get ``False``. Here only ``true`` and ``false`` are booleans.
3. Problems must name a line so that an editor can find them. Every mapping this loader
   builds is a :class:`LineDict` that remembers the line of each of its keys.

Anchors, aliases and merge keys (``<<: *name``) still work: the wording file uses them so
that shared option labels are written once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

__all__ = ["LineDict", "YamlProblem", "line_of", "load_yaml_file", "load_yaml_text"]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_BOOL_TAG = "tag:yaml.org,2002:bool"


class YamlProblem(Exception):
    """A YAML file could not be read. ``line`` is 1-based, or None when unknown."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.message = message
        self.line = line


class LineDict(dict):
    """A dict that remembers where it was written: ``line`` for the mapping itself and
    ``key_lines[key]`` for each key (1-based)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = None
        self.key_lines: dict[Any, int] = {}


def line_of(mapping: Any, key: Any = None) -> int | None:
    """The line of ``key`` inside ``mapping`` (or of the mapping itself), when known."""
    if not isinstance(mapping, LineDict):
        return None
    if key is not None and key in mapping.key_lines:
        return mapping.key_lines[key]
    return mapping.line


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style booleans and duplicate-key detection."""


# Copy the resolver table so that changing it does not change PyYAML's own SafeLoader.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _StrictLoader, node: yaml.Node) -> LineDict:
    if not isinstance(node, yaml.MappingNode):  # pragma: no cover - PyYAML only calls us for maps
        raise YamlProblem("expected a mapping", node.start_mark.line + 1)
    # Duplicates are checked among the keys written in this mapping only: a key that
    # overrides one brought in by a merge key (<<: *anchor) is allowed on purpose.
    first_seen: dict[Any, int] = {}
    for key_node, _value in node.value:
        if key_node.tag == _MERGE_TAG:
            continue
        line = key_node.start_mark.line + 1
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise YamlProblem("a key must be plain text", line) from None
        if key in first_seen:
            raise YamlProblem(
                f"the key {key!r} is written twice (first on line {first_seen[key]})", line
            )
        first_seen[key] = line
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_text(text: str) -> Any:
    """Parse YAML text strictly. Raises :class:`YamlProblem`."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(
            f"not valid YAML: {exc.problem or exc}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}") from None


def load_yaml_file(path: Path) -> Any:
    """Read and parse a UTF-8 YAML file strictly. Raises :class:`YamlProblem` (also when the
    file cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlProblem(f"cannot read the file: {exc}") from None
    return load_yaml_text(text)
