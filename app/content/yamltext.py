"""YAML that remembers where each key was written, so problems can name the line.

PyYAML's ``safe_load`` throws line numbers away; composing the node tree keeps
them. Only the safe subset of YAML is accepted (no Python tags).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (the usual wheels are): several times faster,
# which keeps `flask content check` well under its 3-second budget. Both accept only safe YAML.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlProblem(Exception):
    line: int  # 1-based, relative to the start of the text
    message: str


def load(text: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML text; return the data and a map from key path to 1-based line.

    The root path ``()`` maps to line 1. Raises ``YamlProblem`` on a syntax error.
    """
    loader = SAFE_LOADER(text)
    try:
        # Parsed once: the node tree gives the lines, then the same tree gives the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return_message = f"YAML syntax: {exc.problem or exc}"
        raise YamlProblem(line, return_message) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {(): 1}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = path + (key_node.value,)
            _walk(value_node, key_path, lines)
            lines[key_path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines)


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path not in lines:
        path = path[:-1]
    return lines[path]
