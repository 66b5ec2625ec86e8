"""Money figures come from settings, formatted for each language, and carry their source onto the page."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.config import PROJECT_ROOT
from app.content import check_content
from app.content.figures import Figure, fill_figures
from tests.conftest import FIXTURE_CONTENT, TODAY
from tests.html import select

LIMIT = Figure("capital_upper_limit", 23250, "money", dt.date(2026, 4, 6), "Circular", "https://www.gov.uk/c",
               applies_to=dt.date(2027, 4, 5))
WAGE = Figure("minimum_wage_16_to_17", 8.0, "money_pence", dt.date(2026, 4, 1), "Rates", "https://www.gov.uk/r")
FIGURES = {f.name: f for f in (LIMIT, WAGE)}


@pytest.mark.parametrize(
    ("figure", "lang", "shown"),
    [
        (LIMIT, "en", "£23,250"),
        (LIMIT, "pl", "£23\u00a0250"),
        (WAGE, "en", "£8.00"),
        (Figure("cover", 5000000, "money", dt.date(1999, 1, 1), "t", "https://x.gov.uk"), "en", "£5,000,000"),
        (Figure("trigger", 10000, "number", dt.date(2026, 4, 6), "t", "https://x.gov.uk"), "en", "10,000"),
        (
            Figure("age", "22 to State Pension age", "text", dt.date(2026, 4, 6), "t", "https://x.gov.uk"),
            "en",
            "22 to State Pension age",
        ),
    ],
)
def test_each_kind_of_figure_is_shown_in_the_pages_language(figure, lang, shown):
    # Polish groups thousands with a space that never breaks: CLDR may write it as either no-break space.
    assert figure.shown(lang).replace("\u202f", "\u00a0") == shown


def test_periods_with_and_without_an_end_date():
    assert LIMIT.period("en") == "6 April 2026 to 5 April 2027"
    assert WAGE.period("en") == "from 1 April 2026"


def test_a_language_words_its_periods_from_the_settings_or_else_in_its_own_date_format():
    """A new language needs no Python: its period words are settings (figure_periods), else CLDR's span."""
    worded = dataclasses.replace(LIMIT, period_words={"pl": ("od {start} do {end}", "od {start}")})
    assert worded.period("pl") == "od 6 kwietnia 2026 do 5 kwietnia 2027"
    assert LIMIT.period("pl").replace("\u2009", " ") == "6 kwietnia 2026 – 5 kwietnia 2027"
    assert dataclasses.replace(WAGE, period_words=worded.period_words).period("pl") == "od 1 kwietnia 2026"


def test_the_settings_period_words_must_hold_their_dates(make_site):
    settings = (FIXTURE_CONTENT / "settings.yaml").read_text(encoding="utf-8")
    periods = "figure_periods:\n  pl:\n    between: od {start}\n    from: od {start}\n"
    root = make_site({"settings.yaml": settings + periods})
    line = settings.count("\n") + 3
    assert [str(p) for p in check_content(root, TODAY)[1]] == [
        f"content/settings.yaml:{line}: 'figure_periods.pl.between' must contain {{end}}"
    ]


def test_tokens_are_filled_on_their_own_lines_and_the_figures_used_are_listed():
    text = "Intro.\nOver [figure: capital_upper_limit], [figure period: capital_upper_limit].\nDone."
    filled, problems, used = fill_figures(text, FIGURES, "en")
    assert filled == "Intro.\nOver £23,250, 6 April 2026 to 5 April 2027.\nDone."
    assert problems == []
    assert used == [LIMIT]


def test_unknown_tokens_are_left_alone_when_the_settings_could_not_be_read():
    text = "Over [figure: capital_upper_limit]."
    assert fill_figures(text, None, "en") == (text, [], [])


def test_a_page_that_shows_a_figure_cites_the_figures_source(client):
    body = client.get("/paying").get_data(as_text=True)
    assert "If you have more than £23,250, you pay the full cost." in body
    assert "This applies from 6 April 2026 to 5 April 2027." in body
    assert select(
        body, 'a[href="https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2026-to-2027"]'
    )


def test_the_real_settings_have_every_agreed_figure():
    site, _problems = check_content(PROJECT_ROOT / "content", TODAY)
    assert {name: f.shown() for name, f in site.settings.figures.items()} == {
        "capital_upper_limit": "£23,250",
        "capital_lower_limit": "£14,250",
        "national_living_wage_21_plus": "£12.71",
        "minimum_wage_18_to_20": "£10.85",
        "minimum_wage_16_to_17": "£8.00",
        "pension_earnings_trigger": "£10,000",
        "pension_qualifying_earnings_lower": "£6,240",
        "pension_qualifying_earnings_upper": "£50,270",
        "employers_liability_minimum_cover": "£5,000,000",
    }
