"""Site settings are validated at start-up with file:line messages."""

from __future__ import annotations

import pytest

from app.content import check_content
from app.content.settings import contrast_with_white
from tests.conftest import FIXTURE_CONTENT, TODAY

BASE = (FIXTURE_CONTENT / "settings.yaml").read_text()


def settings_problems(make_site, text: str) -> list[str]:
    root = make_site({"settings.yaml": text})
    _site, problems = check_content(root, TODAY)
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("phase: beta", "phase: gamma", "content/settings.yaml:2: 'phase' must be one of: alpha, beta, live"),
        (
            'brand_colour: "#005a30"',
            "brand_colour: green",
            "content/settings.yaml:3: 'brand_colour' must be a colour written as #rrggbb",
        ),
        (
            "languages: [en, pl]",
            "languages: [en, xx]",
            "content/settings.yaml:4: 'languages.1' must be a language code like 'pl' (Polish) or 'ur' (Urdu)",
        ),
        (
            "  phone: 0123 456 7890\n",
            "  fax: 0123 456 7890\n",
            "content/settings.yaml:9: unknown key 'contact.fax' (allowed: phone, text_relay, email, address, "
            "opening_hours, find_your_council)",
        ),
        (
            "  email: dp@testshire.example",
            "  email: not an email",
            "content/settings.yaml:10: 'contact.email' must be an email address",
        ),
        (
            "  find_your_council: https://www.gov.uk/find-local-council\n",
            "",
            "content/settings.yaml:7: missing required key 'contact.find_your_council'",
        ),
    ],
    ids=["phase", "colour-format", "language", "unknown-key", "email", "missing"],
)
def test_each_settings_error(make_site, old, new, expected):
    assert old in BASE
    assert settings_problems(make_site, BASE.replace(old, new)) == [expected]


def test_brand_colour_must_keep_white_text_readable(make_site):
    problems = settings_problems(make_site, BASE.replace("#005a30", "#1d70b8"))
    assert problems == [
        "content/settings.yaml:3: brand_colour is too light: white header text on it has contrast 5.2:1, "
        "it needs at least 7:1 (choose a darker colour)"
    ]


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


def test_english_is_required(make_site):
    assert settings_problems(make_site, BASE.replace("languages: [en, pl]", "languages: [pl]")) == [
        "content/settings.yaml:4: languages must include 'en'"
    ]


def test_missing_settings_file(make_site):
    root = make_site()
    (root / "settings.yaml").unlink()
    _site, problems = check_content(root, TODAY)
    assert str(problems[0]) == "content/settings.yaml:1: the site settings file is missing"
