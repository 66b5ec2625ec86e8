"""The checker against deliberately broken files: one problem each, each with exactly its message.

Each folder in ``tests/content/broken/`` holds files that replace or join the fixture site
(``tests/fixtures/content``), and ``expected.txt``: the one line ``flask content check`` must
print for them. A mistake in a big file (the explainer wording, the settings) can be written as
``edits.yaml`` instead: a list of ``{file, replace, with}`` changes to the fixture's copy. To add
a case, add a folder; no code changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.load import read_content
from app.strict_yaml import load_file
from tests.conftest import TODAY, fixture_site

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(path for path in BROKEN.iterdir() if path.is_dir())


def problems_for(case: Path, tmp_path: Path) -> list[str]:
    root = fixture_site(tmp_path / "content")
    shutil.copytree(case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt", "edits.yaml"))
    for edit in load_file(case / "edits.yaml") if (case / "edits.yaml").exists() else ():
        target = root / edit["file"]
        text = target.read_text(encoding="utf-8")
        assert text.count(edit["replace"]) == 1, f"{case.name}/edits.yaml: '{edit['replace']}' must be in {target} once"
        target.write_text(text.replace(edit["replace"], edit["with"]), encoding="utf-8")
    return [str(problem) for problem in read_content(root, TODAY).problems]


def test_the_fixture_site_itself_has_no_problems(tmp_path):
    root = fixture_site(tmp_path / "content")
    assert [str(p) for p in read_content(root, TODAY).problems] == []


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_broken_file_gives_exactly_its_one_message(case, tmp_path):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert len(expected) == 1, "one problem per case: split this case into two"
    assert problems_for(case, tmp_path) == expected
