"""The real content in content/ must pass every check, and every real page must render."""

from __future__ import annotations

import pytest

from app.config import PROJECT_ROOT
from app.content import check_content
from app.content.problems import errors
from tests.html import one, select, sitemap

REQUIRED_PAGES = [
    "index", "what-is-a-direct-payment", "who-can-get-a-direct-payment", "how-to-get-a-direct-payment",
    "managing-your-direct-payment", "help-and-advice", "contact", "accessibility", "privacy", "cookies",
]


def test_real_content_has_no_errors():
    site, problems = check_content(PROJECT_ROOT / "content")
    assert [str(p) for p in errors(problems)] == []
    assert site is not None


@pytest.mark.parametrize("slug", REQUIRED_PAGES)
def test_required_page_exists_and_renders(real_client, slug):
    response = real_client.get("/" if slug == "index" else f"/{slug}")
    assert response.status_code == 200
    assert len(select(response.data, "h1")) == 1


def test_every_real_page_renders_in_every_language(real_app, real_client):
    site = real_app.extensions["dp_site"]
    for lang in site.settings.languages:
        for slug in site.slugs:
            path = "/" if slug == "index" else f"/{slug}"
            url = path if lang == "en" else f"/{lang}{path}"
            response = real_client.get(url)
            assert response.status_code == 200, url
            assert one(response.data, "html").get("lang") == lang, url


def test_sitemap_lists_guide_items_easy_read_and_glossary_with_alternates(real_client):
    site = real_client.application.config["SITE_URL"]
    pages = sitemap(real_client.get("/sitemap.xml").data)
    assert f"{site}/use/gym" in pages
    assert f"{site}/pl/use/gym" in pages  # a translated use
    assert pages[f"{site}/use/gym"]["ur"] == f"{site}/ur/use/gym"
    assert f"{site}/easy-read/what-is-a-direct-payment" in pages
    assert f"{site}/glossary" in pages
    assert f"{site}/pl/glossary" not in pages  # English only: not offered as Polish


def test_the_privacy_notice_says_what_feedback_keeps_and_for_as_long_as_the_setting(real_app, real_client):
    """If DP_FEEDBACK_RETENTION_MONTHS's default changes, the privacy notice must change with it."""
    body = real_client.get("/privacy").get_data(as_text=True)
    assert f"We delete feedback after {real_app.config['FEEDBACK_RETENTION_MONTHS']} months." in body
    for kept in ("the address of the page", "the language of the page", "the date, but not the time"):
        assert kept in body
    assert "We do not keep your IP address, your browser type or a cookie." in body
