"""The checker against deliberately broken files: one problem each, each with exactly its message.

Each folder in ``tests/content/broken/`` holds files that replace or join the fixture site
(``tests/fixtures/content``), and ``expected.txt``: the one line ``flask content check`` must
print for them. To add a case, add a folder; no code changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.content import check_content
from tests.conftest import TODAY, fixture_site

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(path for path in BROKEN.iterdir() if path.is_dir())


def problems_for(case: Path, tmp_path: Path) -> list[str]:
    root = fixture_site(tmp_path / "content")
    shutil.copytree(case, root, dirs_exist_ok=True)
    (root / "expected.txt").unlink()
    _site, problems = check_content(root, TODAY)
    return [str(problem) for problem in problems]


def test_the_fixture_site_itself_has_no_problems(tmp_path):
    root = fixture_site(tmp_path / "content")
    assert [str(p) for p in check_content(root, TODAY)[1]] == []


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_broken_file_gives_exactly_its_one_message(case, tmp_path):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert len(expected) == 1, "one problem per case: split this case into two"
    assert problems_for(case, tmp_path) == expected
