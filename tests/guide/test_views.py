"""The guide's pages: addresses, headings, languages, caching, privacy and the council's local policy."""

from __future__ import annotations

import pytest

from app import create_app
from app.security import HEADERS
from tests.guide.conftest import GYM, with_local_policy
from tests.html import classes, direction, language, one, select, text


def h1(body: str) -> str:
    return text(one(body, "h1"))


def title(body: str) -> str:
    return text(one(body, "title"))


def tag_colours(body: str, words: str) -> set[str]:
    """The colour classes of the GOV.UK tags that say ``words``; empty if there is no such tag."""
    tags = [tag for tag in select(body, "strong.govuk-tag") if text(tag) == words]
    return {name for tag in tags for name in classes(tag) if name.startswith("govuk-tag--")}


@pytest.mark.parametrize(
    "url", ["/use", "/use/gym", "/use/category/wellbeing", "/pl/use", "/pl/use/gym", "/pl/use/category/carers"]
)
def test_guide_pages_are_cacheable_content_pages(real_client, url):
    response = real_client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["ETag"]
    assert "Set-Cookie" not in response.headers
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert len(select(response.data, "h1")) == 1


@pytest.mark.parametrize("url", ["/use?q=gym", "/use?q=", "/use?q=zzzz", "/pl/use?q=gym"])
def test_a_page_with_a_query_is_never_stored(real_client, url):
    response = real_client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert one(response.data, 'meta[name="robots"]')["content"] == "noindex"


@pytest.mark.parametrize("url", ["/use/no-such-use", "/use/category/no-such-category", "/use/category", "/use/"])
def test_unknown_addresses_are_404(real_client, url):
    assert real_client.get(url).status_code == 404


# Tests on the real guide compare with what the app read (a use's title, the intro page's title), never
# with the words themselves: an editor's rewording fails only the content check.


def test_the_index_has_the_intro_the_lookup_and_every_category(real_client, real_app):
    body = real_client.get("/use").get_data(as_text=True)
    assert h1(body) == real_app.extensions["dp_site"].find("use", "en").page.title
    form = one(body, "form.app-lookup")
    assert "app-no-print" in classes(form)
    assert (form["action"], form["method"], form["role"]) == ("/use", "get", "search")
    assert "govuk-label--m" in classes(one(form, 'label.govuk-label[for="lookup-q"]'))
    guide = real_app.extensions["dp_guide"]
    for category in guide.categories:
        assert select(body, f'a[href="/use/category/{category.id}"]'), category.id
    for item_id in guide.items:
        assert select(body, f'a[href="/use/{item_id}"]'), item_id


def test_an_item_shows_its_verdict_who_decides_example_checks_sources_and_next_steps(real_client, real_app):
    body = real_client.get("/use/partner").get_data(as_text=True)
    assert h1(body) == real_app.extensions["dp_guide"].items["partner"].title
    assert tag_colours(body, "Only if your council agrees") == {"govuk-tag--orange"}
    assert "Not allowed by law, unless your council agrees it is necessary." in body
    assert "The law, and your council" in body
    assert "This example is made up. It shows how the rules can work." in body
    assert select(body, 'a[href="https://www.legislation.gov.uk/uksi/2014/2871/regulation/3/made"]')
    assert select(body, 'a[href="/check"]')  # the eligibility explainer
    assert select(body, 'a[href="/employing-a-personal-assistant"], a[href="/managing-your-direct-payment"]')
    assert select(body, 'a[href="/use/family-at-home"]')  # related uses
    assert "Local policy in" not in body  # no local policy on the default site


def test_the_lookup_answer_says_how_many_were_found_in_its_title_and_h1(real_client):
    body = real_client.get("/use?q=taxi").get_data(as_text=True)
    assert h1(body) == "1 use found for ‘taxi’"
    assert title(body).startswith("1 use found for ‘taxi’ – ")
    assert select(body, 'a[href="/use/taxi"]')
    assert one(body, "input#lookup-q")["value"] == "taxi"  # the box keeps what was typed


def test_the_lookup_says_when_it_corrected_a_spelling(real_client):
    body = real_client.get("/use?q=holliday").get_data(as_text=True)
    assert one(body, "p", with_text="We looked for ‘holiday’ instead of ‘holliday’.")
    assert select(body, 'a[href="/use/holiday"]')


def test_no_match_says_what_to_do_next_and_how_to_ask(real_client):
    body = real_client.get("/use?q=xylophone").get_data(as_text=True)
    assert h1(body) == "No uses found for ‘xylophone’"
    assert "What you can do next" in body
    assert select(body, 'a[href="/search?q=xylophone"]')
    assert "Find your local council on GOV.UK" in body  # the contact box of the neutral default site


def test_an_empty_lookup_asks_kindly_for_a_word(real_client):
    body = real_client.get("/use?q=+").get_data(as_text=True)
    assert h1(body) == "Type what you want to use a direct payment for"
    one(body, "input#lookup-q")


def test_a_huge_query_is_cut_and_the_person_told(real_client):
    response = real_client.get("/use", query_string={"q": "gym " * 2000})
    assert response.status_code == 200
    assert "we only used the first 100 characters" in response.get_data(as_text=True)


def test_what_was_typed_is_escaped_everywhere(real_client):
    typed = '<script>alert("x")</script>'
    body = real_client.get("/use", query_string={"q": typed}).get_data(as_text=True)
    assert "<script>" not in body
    assert h1(body) == f"No uses found for ‘{typed}’"  # shown as text
    assert one(body, "input#lookup-q")["value"] == typed


def test_polish_pages_mark_the_english_uses_as_english(partly_translated_app, partly_translated_client):
    body = partly_translated_client.get("/pl/use/dog-walker").get_data(as_text=True)  # translation taken out
    assert one(body, "html")["lang"] == "pl"
    heading = one(body, "h1.govuk-heading-xl")
    assert text(heading) == partly_translated_app.extensions["dp_guide"].items["dog-walker"].title
    assert (language(heading), direction(heading)) == ("en", "ltr")
    assert select(body, 'a[href^="/pl/use/category/"]')  # links keep the language
    # its related uses are translated: in Polish
    cleaner = one(body, 'li.app-uses__item a[href="/pl/use/cleaner"]').find_parent("li")
    assert (cleaner["lang"], cleaner["dir"]) == ("pl", "ltr")


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
    assert tag_colours(body, "Depends on your plan") == {"govuk-tag--turquoise"}  # the national rule
    assert tag_colours(body, "Usually yes") == {"govuk-tag--green"}  # the local one
    listing = client.get("/use/category/fun").get_data(as_text=True)
    label = one(listing, "strong.govuk-tag + span.govuk-body-s", with_text="local policy")
    assert text(label.find_previous_sibling("strong")) == "Usually yes"


def test_a_not_usually_verdict_has_its_own_tag_and_says_the_plan_and_the_agreement_decide(make_guide):
    not_usually = GYM.replace("verdict: depends_on_plan", "verdict: not_usually").replace("related: [care-home]\n", "")
    root = make_guide({"use/gym.md": not_usually})
    client = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()
    body = client.get("/use/gym").get_data(as_text=True)
    tag = one(body, "strong.govuk-tag", with_text="Not usually allowed")
    assert "govuk-tag--pink" in classes(tag)
    assert "Your support plan, and your council’s direct payment agreement" in body
    assert "Not allowed by law" not in body
    polish = client.get("/pl/use/gym").get_data(as_text=True)
    assert "govuk-tag--pink" in classes(one(polish, "strong.govuk-tag", with_text="Zwykle niedozwolone"))


def test_when_no_use_answers_the_site_search_results_are_shown_instead_of_a_verdict(real_client):
    body = real_client.get("/use?q=council cut my hours").get_data(as_text=True)
    assert h1(body) == "No uses found for ‘council cut my hours’"
    assert not select(body, "main .govuk-tag")  # no verdict at all
    results = select(body, ".app-search__result")
    assert results and all(text(one(r, ".app-search__kind")) for r in results)
