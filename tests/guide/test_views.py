"""The guide's pages: addresses, headings, languages, caching, privacy and the council's local policy."""

from __future__ import annotations

import re

import pytest

from app import create_app
from app.security import HEADERS
from tests.guide.conftest import GYM, with_local_policy


def h1(body: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert match, "no h1"
    return match[1].strip()


def title(body: str) -> str:
    return re.search(r"<title>(.*?)</title>", body, re.S)[1].strip()


@pytest.mark.parametrize("url", ["/use", "/use/gym", "/use/category/wellbeing", "/pl/use", "/pl/use/gym", "/pl/use/category/carers"])
def test_guide_pages_are_cacheable_content_pages(real_client, url):
    response = real_client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["ETag"]
    assert "Set-Cookie" not in response.headers
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert response.get_data(as_text=True).count("<h1") == 1


@pytest.mark.parametrize("url", ["/use?q=gym", "/use?q=", "/use?q=zzzz", "/pl/use?q=gym"])
def test_a_page_with_a_query_is_never_stored(real_client, url):
    response = real_client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert '<meta name="robots" content="noindex">' in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/use/no-such-use", "/use/category/no-such-category", "/use/category", "/use/"])
def test_unknown_addresses_are_404(real_client, url):
    assert real_client.get(url).status_code == 404


def test_the_index_has_the_intro_the_lookup_and_every_category(real_client, real_app):
    body = real_client.get("/use").get_data(as_text=True)
    assert h1(body) == "What can I use a direct payment for?"
    assert '<form class="app-lookup app-no-print" action="/use" method="get" role="search"' in body
    assert '<label class="govuk-label govuk-label--m" for="lookup-q">' in body
    guide = real_app.extensions["dp_guide"]
    for category in guide.categories:
        assert f'href="/use/category/{category.id}"' in body
    for item_id in guide.items:
        assert f'href="/use/{item_id}"' in body


def test_an_item_shows_its_verdict_who_decides_example_checks_sources_and_next_steps(real_client):
    body = real_client.get("/use/partner").get_data(as_text=True)
    assert h1(body) == "Paying your husband, wife or partner"
    assert '<strong class="govuk-tag govuk-tag--orange">Only if your council agrees</strong>' in body
    assert "Not allowed by law, unless your council agrees it is necessary." in body
    assert "The law, and your council" in body
    assert "This example is made up. It shows how the rules can work." in body
    assert 'href="https://www.legislation.gov.uk/uksi/2014/2871/regulation/3/made"' in body
    assert 'href="/check"' in body  # the eligibility explainer
    assert re.search(r'href="/(employing-a-personal-assistant|managing-your-direct-payment)"', body)
    assert 'href="/use/family-at-home"' in body  # related uses
    assert "Local policy in" not in body  # no local policy on the default site


def test_the_lookup_answer_says_how_many_were_found_in_its_title_and_h1(real_client):
    body = real_client.get("/use?q=taxi").get_data(as_text=True)
    assert h1(body) == "1 use found for ‘taxi’"
    assert title(body).startswith("1 use found for ‘taxi’ – ")
    assert 'href="/use/taxi"' in body
    assert 'value="taxi"' in body  # the box keeps what was typed


def test_the_lookup_says_when_it_corrected_a_spelling(real_client):
    body = real_client.get("/use?q=holliday").get_data(as_text=True)
    assert "We looked for ‘holiday’ instead of ‘holliday’." in body
    assert 'href="/use/holiday"' in body


def test_no_match_says_what_to_do_next_and_how_to_ask(real_client):
    body = real_client.get("/use?q=xylophone").get_data(as_text=True)
    assert h1(body) == "No uses found for ‘xylophone’"
    assert "What you can do next" in body
    assert 'href="/search?q=xylophone"' in body
    assert "Find your local council on GOV.UK" in body  # the contact box of the neutral default site


def test_an_empty_lookup_asks_kindly_for_a_word(real_client):
    body = real_client.get("/use?q=+").get_data(as_text=True)
    assert h1(body) == "Type what you want to use a direct payment for"
    assert 'id="lookup-q"' in body


def test_a_huge_query_is_cut_and_the_person_told(real_client):
    response = real_client.get("/use", query_string={"q": "gym " * 2000})
    assert response.status_code == 200
    assert "we only used the first 100 characters" in response.get_data(as_text=True)


def test_what_was_typed_is_escaped_everywhere(real_client):
    body = real_client.get("/use", query_string={"q": '<script>alert("x")</script>'}).get_data(as_text=True)
    assert "<script>" not in body
    assert "&lt;script&gt;" in body


def test_polish_pages_mark_the_english_uses_as_english(real_client):
    body = real_client.get("/pl/use/dog-walker").get_data(as_text=True)  # not translated yet
    assert '<html lang="pl"' in body
    assert '<div lang="en" dir="ltr">\n      <h1 class="govuk-heading-xl">A dog walker or pet care</h1>' in body
    assert 'href="/pl/use/category/' in body  # links keep the language
    # its related uses: translated ones in Polish, the others marked English
    assert '<li class="app-uses__item" lang="pl" dir="ltr">' in body
    assert '<a class="govuk-link" href="/pl/use/cleaner">Sprzątanie lub pomoc w domu</a>' in body
    assert '<li class="app-uses__item" lang="en" dir="ltr">' in body


def test_a_site_without_a_guide_has_no_use_pages(client):
    assert client.get("/use").status_code == 404
    assert client.get("/use?q=gym").status_code == 404
    assert client.get("/use/gym").status_code == 404


def test_local_policy_is_shown_with_the_council_name_and_date(make_guide):
    root = make_guide({"settings.yaml": with_local_policy("""
        - item: gym
          verdict: usually_yes
          note: We pay for gym membership for up to a year at a time.
          date: 2026-10-01
    """)})
    client = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()
    body = client.get("/use/gym").get_data(as_text=True)
    assert "Local policy in Testshire Council" in body
    assert "We pay for gym membership for up to a year at a time." in body
    assert "Set by Testshire Council on 1 October 2026" in body
    assert '<strong class="govuk-tag govuk-tag--turquoise">Depends on your plan</strong>' in body  # the national rule
    assert '<strong class="govuk-tag govuk-tag--green">Usually yes</strong>' in body  # the local one
    listing = client.get("/use/category/fun").get_data(as_text=True)
    assert re.search(r'Usually yes</strong>\s*<span class="govuk-body-s">local policy</span>', listing)


def test_a_not_usually_verdict_has_its_own_tag_and_says_the_plan_and_the_agreement_decide(make_guide):
    not_usually = GYM.replace("verdict: depends_on_plan", "verdict: not_usually").replace("related: [care-home]\n", "")
    root = make_guide({"use/gym.md": not_usually})
    client = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()
    body = client.get("/use/gym").get_data(as_text=True)
    assert '<strong class="govuk-tag govuk-tag--pink">Not usually allowed</strong>' in body
    assert "Your support plan, and your council’s direct payment agreement" in body
    assert "Not allowed by law" not in body
    polish = client.get("/pl/use/gym").get_data(as_text=True)
    assert '<strong class="govuk-tag govuk-tag--pink">Zwykle niedozwolone</strong>' in polish
