"""The page types the browser tests visit, in each language."""

from __future__ import annotations

LANGUAGES = ["en", "pl", "ur"]  # ur is right to left

# One page of each type: home, plain content page, step-by-step page, page with a contact box,
# legal pages, an Easy Read page, the glossary, the use guide (index, a use, a category, a lookup
# answer), search results, and the 404 page.
PAGE_TYPES = {
    "home": "/",
    "content": "/what-is-a-direct-payment",
    "step-by-step": "/how-to-get-a-direct-payment",
    "contact": "/contact",
    "accessibility": "/accessibility",
    "easy-read": "/easy-read/what-is-a-direct-payment",
    "glossary": "/glossary",
    "guide": "/use",
    "guide-item": "/use/gym",
    "guide-category": "/use/category/carers",
    "lookup": "/use?q=pay+my+daughter",
    "search": "/search?q=care+home",
    "not-found": "/no-such-page",
}


def url_in(lang: str, path: str) -> str:
    return path if lang == "en" else f"/{lang}{path}"


def all_pages() -> list[tuple[str, str]]:
    return [(f"{lang}-{name}", url_in(lang, path)) for lang in LANGUAGES for name, path in PAGE_TYPES.items()]
