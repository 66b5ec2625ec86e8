"""The real guide in content/use: at least 40 uses, every one valid, cited and reviewed, every verdict used."""

from __future__ import annotations

from collections import Counter

import pytest

from app.config import PROJECT_ROOT
from app.guide import SET_BY_LAW, VERDICTS
from app.load import read_content

ISSUE_CATEGORIES = {
    "care-at-home", "agencies", "out-and-about", "work-and-learning", "short-breaks", "equipment",
    "wellbeing", "carers", "running-it", "not-allowed",
}
LAW = "https://www.legislation.gov.uk/"


@pytest.fixture(scope="module")
def checked():
    root = PROJECT_ROOT / "content"
    loaded = read_content(root, editorial=False)
    return (loaded.site.uses if loaded.site else None), loaded.problems


@pytest.fixture(scope="module")
def guide(checked):
    return checked[0]


def test_the_real_guide_has_no_problems_at_all(checked):
    assert [str(p) for p in checked[1]] == []  # warnings included


def test_at_least_40_uses_in_the_categories_the_issue_asks_for(guide):
    assert len(guide.items) >= 40
    assert {c.id for c in guide.categories} == ISSUE_CATEGORIES
    assert all(guide.in_category(c.id) for c in guide.categories)


def test_every_verdict_kind_is_used(guide):
    counts = Counter(item.verdict for item in guide.items.values())
    assert set(counts) == set(VERDICTS), counts


def test_every_use_cites_its_source_and_is_complete(guide):
    for item in guide.items.values():
        assert item.sources and item.example and item.checks and item.reason_html, item.id
        if item.verdict in SET_BY_LAW:
            assert any(s.url.startswith(LAW) for s in item.sources), item.id


def test_the_legal_rules_the_issue_names_are_cited_where_they_apply(guide):
    def cites(item_id: str, url_part: str) -> bool:
        return any(url_part in s.url for s in guide.items[item_id].sources)

    assert cites("partner", "uksi/2014/2871/regulation/3")  # family members: reg 3
    assert cites("family-at-home", "uksi/2014/2871/regulation/3")
    assert cites("family-elsewhere", "uksi/2014/2871/regulation/3")
    assert cites("care-home-stay", "uksi/2014/2871/regulation/8")  # care home stays: reg 8
    assert cites("care-home", "uksi/2014/2871/regulation/8")
    assert cites("not-in-plan", "ukpga/2014/23/section/33")  # only for needs in the plan: s.33
    assert any("care-and-support-statutory-guidance" in s.url and "12.35" in s.title
               for item in guide.items.values() for s in item.sources)  # flexible use: para 12.35


def test_family_rules_match_the_law(guide):
    """Reg 3: a spouse or civil partner is restricted wherever they live, an unmarried partner only when they
    live with the person as a couple, and other close relatives only in the same household."""
    assert guide.items["partner"].verdict == "only_if_council_agrees"
    assert guide.items["family-at-home"].verdict == "only_if_council_agrees"
    assert guide.items["family-elsewhere"].verdict == "usually_yes"


def test_care_home_rules_match_the_law(guide):
    """Reg 8: short stays up to 4 weeks in a row in 12 months; never a long-term place. No 'start again' rule."""
    assert guide.items["care-home"].verdict == "not_allowed"
    assert guide.items["care-home-stay"].verdict == "usually_yes"
    assert "4 weeks in a row in any 12 months" in guide.items["care-home-stay"].summary
    for item in guide.items.values():
        text = " ".join([item.summary, item.reason_html, item.example, *item.checks]).lower()
        assert "start again" not in text and "starts again" not in text, item.id


def test_addresses_are_short_enough_to_read_out(guide):
    assert all(len(item_id) <= 20 and item_id.replace("-", "").isalnum() for item_id in guide.items)


def test_no_money_amounts_anywhere(guide):
    for item in guide.items.values():
        assert "£" not in " ".join([item.title, item.summary, item.reason_html, item.example, *item.checks]), item.id
