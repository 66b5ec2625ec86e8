"""The one YAML reader: duplicate keys, YAML 1.2 booleans, and each mistake on its own line, in plain words."""

from __future__ import annotations

import pytest

from app.strict_yaml import LineDict, YamlProblem, line_of, load

MISTAKES = {
    "duplicated key": ("a: 1\nb: 2\na: 3\n", 3, "'a' is written twice"),
    "missing colon": ("a: 1\nb 2\nc: 3\n", 2, "needs a colon"),
    "missing colon, nested": ("top:\n  a: 1\n  b 2\n  c: 3\nd: 4\n", 3, "needs a colon"),
    "indented too far": ("top:\n  a: 1\n   b: 2\nc: 3\n", 3, "indented more than the line above"),
    "indented too little": ("top:\n  a: 1\n b: 2\nc: 3\n", 3, "does not line up"),
    "list item out of line": ("a:\n  - x\n  - y\n - z\n", 4, "does not line up"),
    # libyaml notices an open quote only at the end of the file; the editor needs the line it opened on.
    "open quote": ("a: \"hello\nb: 2\n" + "x: 1\n" * 50, 1, "never closed"),
    "open list": ("a: [en, pl\nb: 1\n", 1, "never closed with ]"),
    "tab indent": ("a:\n\tb: 1\n", 2, "tab"),
    "second colon": ("a: one: two\n", 1, "second ': '"),
}


@pytest.mark.parametrize("text, line, words", MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_is_named_on_its_line(text, line, words):
    with pytest.raises(YamlProblem) as info:
        load(text)
    assert info.value.line == line
    assert words in info.value.message
    assert "YAML" not in info.value.message or "not valid YAML" in info.value.message


def test_only_true_and_false_are_booleans():
    data, _lines = load("a: no\nb: yes\nc: on\nd: true\ne: false\n")
    assert data == {"a": "no", "b": "yes", "c": "on", "d": True, "e": False}


def test_a_key_may_override_a_merged_one():
    data, _lines = load("base: &base {a: 1, b: 2}\nitem:\n  <<: *base\n  b: 3\n")
    assert data["item"] == {"a": 1, "b": 3}


def test_lines_are_known_for_every_key_and_item():
    data, lines = load("top:\n  a: 1\n  list:\n    - x\n    - y\n")
    assert line_of(lines, ("top", "list", 1)) == 5
    assert line_of(lines, ("top", "a")) == 2
    assert isinstance(data["top"], LineDict) and data["top"].key_lines == {"a": 2, "list": 3}


def test_the_same_key_in_two_mappings_is_fine():
    data, _lines = load("one:\n  a: 1\ntwo:\n  a: 2\n")
    assert data == {"one": {"a": 1}, "two": {"a": 2}}
