"""Cross-file checks: each broken file gives exactly its one message."""

from __future__ import annotations

import datetime as dt

import pytest

from app.content import check_content
from tests.conftest import TODAY, VALID_FRONT, page_text


def problems_for(make_site, body: str, front: str = VALID_FRONT, name: str = "pages/new-page.md", today=TODAY):
    root = make_site({name: page_text(front, body)})
    _site, problems = check_content(root, today)
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Intro.\n\n[Gone](missing-page.md)\n",
            "content/pages/new-page.md:10: link to 'missing-page.md': there is no page missing-page.md",
        ),
        (
            "Intro.\n\n[Part](about.md#nowhere)\n",
            "content/pages/new-page.md:10: link to 'about.md#nowhere': about.md has no heading with id 'nowhere'",
        ),
        (
            "[Jump](#nowhere)\n",
            "content/pages/new-page.md:8: link to '#nowhere': this page has no heading with that id",
        ),
        (
            "[About](/about)\n",
            "content/pages/new-page.md:8: link to '/about': link to another page with its file name, "
            "like 'page-name.md'",
        ),
        (
            "[Run](javascript:alert(1))\n",
            "content/pages/new-page.md:8: link to 'javascript:alert(1)' is not allowed: "
            "use a page file name or a full https:// address",
        ),
        (
            "Read [click here](about.md).\n",
            "content/pages/new-page.md:8: link text 'click here' does not make sense on its own: say where it goes",
        ),
        (
            "# Another title\n",
            "content/pages/new-page.md:8: the page title is the only h1: start body headings at '## '",
        ),
        (
            "## Part\n\n#### Too deep\n",
            "content/pages/new-page.md:10: heading 'Too deep' skips a level (h2 to h4): use ###",
        ),
    ],
    ids=[
        "missing-page", "missing-anchor", "missing-own-anchor", "absolute-path", "javascript", "vague-link", "h1",
        "skipped-level",
    ],
)
def test_each_body_problem(make_site, body, expected):
    assert problems_for(make_site, body) == [expected]


def test_links_to_app_routes_and_real_anchors_are_fine(make_site):
    body = "[Check](/check), [steps](about.md#the-steps), [GOV.UK](https://www.gov.uk), [call](tel:01234)\n"
    assert problems_for(make_site, body) == []


def test_overdue_review_is_a_warning_not_an_error(make_site):
    root = make_site({"pages/new-page.md": page_text(VALID_FRONT)})
    site, problems = check_content(root, dt.date(2027, 6, 1))
    assert [str(p) for p in problems if "new-page" in p.path] == [
        "content/pages/new-page.md:1: warning: review overdue since 2027-05-01"
    ]
    assert site is not None  # warnings never stop the site


def test_review_due_before_last_reviewed(make_site):
    front = VALID_FRONT.replace("review_due: 2027-05-01", "review_due: 2026-01-01")
    assert problems_for(make_site, "Text.\n", front) == [
        "content/pages/new-page.md:1: review_due is before last_reviewed"
    ]


def test_translation_needs_its_status(make_site):
    assert problems_for(make_site, "Tekst.\n", name="pages/about.pl.md") == [
        "content/pages/about.pl.md:1: missing required key 'translation' (status and source_reviewed)"
    ]


def test_translation_of_a_missing_page(make_site):
    front = VALID_FRONT + "translation:\n  status: draft\n  source_reviewed: 2026-11-01\n"
    assert problems_for(make_site, "Tekst.\n", front, name="pages/ghost.pl.md") == [
        "content/pages/ghost.pl.md:1: translation of a page that does not exist: add ghost.md first"
    ]


def test_stale_translation_is_a_warning(make_site):
    front = VALID_FRONT + "translation:\n  status: reviewed\n  source_reviewed: 2026-10-01\n"
    assert problems_for(make_site, "Tekst.\n", front, name="pages/about.pl.md") == [
        "content/pages/about.pl.md:1: warning: translation is older than the English page (reviewed 2026-11-01)"
    ]


def test_language_not_switched_on(make_site):
    assert problems_for(make_site, "Text.\n", name="pages/about.ur.md") == [
        "content/pages/about.ur.md:1: 'ur' is not a language this site has switched on"
    ]


def test_missing_home_page(make_site):
    root = make_site()
    (root / "pages" / "index.md").unlink()
    for name in ("about.md", "about.pl.md"):  # they linked to the home page
        page = root / "pages" / name
        page.write_text(page.read_text().replace("(index.md)", "(about.md)"))
    _site, problems = check_content(root, TODAY)
    assert [str(p) for p in problems] == ["content/pages/index.md:1: the home page is missing"]


def test_a_far_overdue_review_fails_the_check_but_never_stops_the_site(make_site):
    from app.load import load_site

    front = VALID_FRONT.replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-01-01").replace(
        "review_due: 2027-05-01", "review_due: 2026-06-01"
    )
    root = make_site({"pages/new-page.md": page_text(front)})
    site, problems = check_content(root, TODAY)
    assert site is None
    assert [str(p) for p in problems] == [
        "content/pages/new-page.md:1: review overdue by 177 days (due 2026-06-01): review it, "
        "then update last_reviewed and review_due"
    ]
    assert ("new-page", "en") in load_site(root, TODAY).pages


def test_a_link_that_would_drop_a_translated_pages_reader_into_english_is_an_error():
    from types import SimpleNamespace

    from app.content.checks import check_language_kept

    page = SimpleNamespace(
        lang="pl", path="content/pages/x.pl.md", html='<a href="/pl/check">a</a> <a href="/use/gym">b</a>'
    )
    read = SimpleNamespace(page=page, body_text="Tekst.\n[b](/use/gym)\n", body_start_line=5)
    assert [str(p) for p in check_language_kept(read)] == [
        "content/pages/x.pl.md:6: link to '/use/gym' would take a reader of this pl page to the English site: "
        "write the page's file name (page.md) or a site route (/check)"
    ]
    english = SimpleNamespace(page=SimpleNamespace(lang="en", path="p.md", html='<a href="/use">a</a>'))
    assert list(check_language_kept(english)) == []
