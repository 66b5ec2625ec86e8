"""The one YAML reader for every YAML file: content, settings, explainer wording and the flow.

Why not plain ``yaml.safe_load``? The files are edited by hand, often by people who are not
developers, and three YAML habits would hide their mistakes:

1. A duplicated key silently replaces the first one: a question or a figure would vanish
   without a word. Here it is an error, naming both lines.
2. YAML 1.1 reads ``yes``, ``no``, ``on`` and ``off`` as booleans, so an option called ``no``
   would become ``False``. Here, as in YAML 1.2, only ``true`` and ``false`` are booleans.
3. An editor needs the line, in plain words. Parser messages ("did not find expected key")
   are translated into what to do, and point at the line the mistake is on, not where the
   parser gave up.

Every mapping is a :class:`LineDict` that remembers the line of each of its keys, and
:func:`load` also returns a map from key path to line. The file is parsed once, by libyaml
(PyYAML's C loader): the node tree gives the lines and the duplicates, then the same tree
gives the data. Anchors, aliases and merge keys (``<<: *name``) work: the explainer wording
uses them so that shared option labels are written once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

__all__ = ["LineDict", "YamlProblem", "key_line", "line_of", "load", "load_file"]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_BOOL_TAG = "tag:yaml.org,2002:bool"
# The C loader ships in PyYAML's wheels; the pure-Python one gives the same results, slower.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """A YAML file could not be read: ``line`` is 1-based, ``message`` in plain words."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class LineDict(dict):
    """A dict that remembers where it was written: ``line`` for the mapping itself and
    ``key_lines[key]`` for each key (1-based)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = None
        self.key_lines: dict[Any, int] = {}


class _StrictLoader(_BASE):
    """The safe loader with YAML 1.2 booleans and mappings that remember their lines."""

    first_line = 1


# A copy of the resolver table, so PyYAML's own loaders are unchanged.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    offset = loader.first_line - 1
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1 + offset
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise YamlProblem(key_node.start_mark.line + 1 + offset, "a key must be plain text, not a list") from None
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + offset
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str, first_line: int = 1) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML text; return the data and a map from key path to line.

    ``first_line`` is the file line the text starts on (2 for front matter after its ``---``), so
    every line, in the map, in the mappings and in problems, is a line of the file. The root path
    ``()`` maps to ``first_line``. Raises :class:`YamlProblem`.
    """
    loader = _StrictLoader(text)
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {(): first_line}
        if node is not None:
            _walk(node, (), lines, set(), first_line - 1)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        problem = _plain(exc, text)
        raise YamlProblem(problem.line + first_line - 1, problem.message) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every libyaml error carries a mark
        raise YamlProblem(1, f"this is not valid YAML ({exc})") from None
    finally:
        loader.dispose()
    return data, lines


def load_file(path: Path) -> Any:
    """Read and parse a UTF-8 YAML file. Raises :class:`YamlProblem` (also when it cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlProblem(1, "this file is missing") from None
    except UnicodeDecodeError:
        raise YamlProblem(1, "save this file as UTF-8 text") from None
    return load(text)[0]


def _walk(node: yaml.Node, path: tuple, lines: dict[tuple, int], seen: set[int], offset: int) -> None:
    """Record the line of every key and item, and refuse a key written twice in one mapping."""
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if id(node) in seen:  # an alias: its lines are those of its anchor, already walked
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:  # a key that overrides a merged one is allowed on purpose
                continue
            line = key_node.start_mark.line + 1 + offset
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in first_seen:
                raise YamlProblem(
                    line, f"'{key}' is written twice in the same place (first on line {first_seen[key]}): keep one"
                )
            if key is not None:
                first_seen[key] = line
            key_path = path + (key,)
            _walk(value_node, key_path, lines, seen, offset)
            lines[key_path] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, seen, offset)


def _plain(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """The parser's message in plain words, at the line the editor has to change.

    libyaml often notices a mistake lines later (a quote left open is found at the end of the
    file), so the line is the one the mistake is on: where the open quote or the unfinished
    entry started (the context mark), or the line before a line that does not fit.
    """
    problem = exc.problem or ""
    context = exc.context or ""
    at = exc.problem_mark.line + 1 if exc.problem_mark else 1
    started = exc.context_mark.line + 1 if exc.context_mark else at
    row = text.splitlines()[at - 1] if 0 < at <= len(text.splitlines()) else ""
    if "quoted scalar" in context:
        return YamlProblem(started, "a quote mark (\" or ') is opened on this line but never closed")
    if "flow sequence" in context:
        return YamlProblem(started, "a list in [ ] is opened on this line but never closed with ]")
    if "flow mapping" in context:
        return YamlProblem(started, "a { is opened on this line but never closed with }")
    if "cannot start any token" in problem and "\t" in row[: len(row) - len(row.lstrip())]:
        return YamlProblem(at, "there is a tab at the start of this line: use spaces to indent")
    if "expected ':'" in problem or "simple key" in context:
        return YamlProblem(started, "a 'name: value' line needs a colon and a space after the name")
    if problem.startswith("mapping values are not allowed"):
        if len(re.findall(r":(?:\s|$)", row)) > 1:
            return YamlProblem(at, "there is a second ': ' on this line: put the value in quotes (\"...\")")
        return YamlProblem(at, "this line is indented more than the line above it: check the spaces at its start")
    if "expected key" in problem or "expected <block end>" in problem or "expected '-'" in problem:
        line = _previous_written_line(text, at) if "expected <block end>" not in problem else at
        return YamlProblem(
            line, "this line does not line up with the lines around it: check the spaces at its start"
        )
    if "found undefined alias" in problem:
        return YamlProblem(at, "this '*name' refers to an '&name' that is not written above it")
    if "cannot start any token" in problem:
        return YamlProblem(at, "a value cannot start with this character: put the value in quotes (\"...\")")
    if "could not determine a constructor" in problem:
        return YamlProblem(at, "a '!' tag is not allowed here: remove it, or put the value in quotes")
    return YamlProblem(at, f"this line is not valid YAML ({problem or exc}): check it against the lines around it")


def _previous_written_line(text: str, line: int) -> int:
    """The nearest line at or before ``line`` that holds something (not blank, not a comment)."""
    rows = text.splitlines()
    for number in range(min(line, len(rows)), 0, -1):
        stripped = rows[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return line


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path not in lines:
        path = path[:-1]
    return lines[path]


def key_line(mapping: Any, key: Any = None) -> int | None:
    """The line of ``key`` inside a :class:`LineDict` (or of the mapping itself), when known."""
    if not isinstance(mapping, LineDict):
        return None
    if key is not None and key in mapping.key_lines:
        return mapping.key_lines[key]
    return mapping.line
