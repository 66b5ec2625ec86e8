"""axe-core and IBM Equal Access find no WCAG 2.2 A/AA or best-practice violations on any page type, in any
language."""

from __future__ import annotations

import pytest

from e2e.pages import all_pages


@pytest.mark.parametrize(("name", "path"), all_pages(), ids=[name for name, _ in all_pages()])
def test_no_axe_violations(page, base_url, run_axe, run_ibm, name, path):
    page.goto(base_url + path)
    assert run_axe() == []
    assert run_ibm() == []
