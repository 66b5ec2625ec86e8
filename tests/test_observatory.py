"""The MDN HTTP Observatory's real grader against the site behind deploy/nginx.conf with TLS
(bench/observatory.py; anchors-quality.md B3, B11). It needs root for ports 80 and 443, as in CI."""

from __future__ import annotations

import pytest

from bench import observatory


@pytest.fixture(autouse=True)
def observatory_can_run():
    """Fails rather than skips where the grader cannot run: a skipped test proves nothing."""
    if not observatory.can_run():
        pytest.fail("the Observatory test needs root (ports 80 and 443), nginx and node: run `make test` as root")


def test_the_real_observatory_grades_the_site_a_plus_with_at_least_125():
    report = observatory.grade()
    assert report["grade"] == "A+", report
    assert report["score"] >= 125, report
    failed = {name: test["result"] for name, test in report["tests"].items() if not test["pass"]}
    assert failed == {}
    assert report["testsQuantity"] == 10
