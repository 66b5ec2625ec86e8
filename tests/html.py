"""Read HTML and sitemap XML the way a browser or a crawler would, so tests assert what a page means
(this link exists, points there, is marked Polish) and not how a library happens to write it
(attribute order, class order, whitespace, entity escaping).

    link = one(body, 'a.app-language-switcher__link[hreflang="pl"]')
    assert link["href"] == "/pl/about" and text(link) == "Polski"
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup, Tag

Markup = str | bytes | BeautifulSoup | Tag

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(body: Markup) -> BeautifulSoup | Tag:
    """The parsed document (or the element itself, when given one already)."""
    if isinstance(body, Tag):  # a BeautifulSoup is a Tag too
        return body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return BeautifulSoup(body, "html.parser")


def select(body: Markup, selector: str) -> list[Tag]:
    """Every element matching the CSS selector, in document order."""
    return parse(body).select(selector)


def one(body: Markup, selector: str, *, with_text: str | None = None) -> Tag:
    """The one element matching the CSS selector (and whose text is ``with_text``, if given); fails, naming
    the selector, if there are none or several."""
    found = select(body, selector)
    wanted = repr(selector)
    if with_text is not None:
        found = [tag for tag in found if text(tag) == with_text]
        wanted += f" with text {with_text!r}"
    assert len(found) == 1, f"expected exactly one element matching {wanted}, found {len(found)}" + _shown(found)
    return found[0]


def none(body: Markup, selector: str) -> None:
    """Fails, naming the selector and showing what matched, if any element matches."""
    found = select(body, selector)
    assert not found, f"expected no element matching {selector!r}, found {len(found)}" + _shown(found)


def _shown(found: list[Tag]) -> str:
    return "".join(f"\n  {str(tag)[:200]}" for tag in found[:5])


def text(element: Tag) -> str:
    """An element's text as a reader meets it: white space runs become one space, none at the ends."""
    return " ".join(element.get_text().split())


def texts(body: Markup, selector: str) -> list[str]:
    """The text of every element matching the selector, in document order."""
    return [text(tag) for tag in select(body, selector)]


def classes(element: Tag) -> set[str]:
    """An element's classes, in no order."""
    return set(element.get("class") or ())


def html_lang(body: Markup) -> tuple[str | None, str | None]:
    """The ``lang`` and ``dir`` the page as a whole says it is in."""
    html = one(body, "html")
    return html.get("lang"), html.get("dir")


def language(element: Tag) -> str | None:
    """The language an element is read in: its own ``lang``, or that of the nearest element around it."""
    return _inherited(element, "lang")


def direction(element: Tag) -> str | None:
    """The direction an element's text runs in: its own ``dir``, or that of the nearest element around it."""
    return _inherited(element, "dir")


def _inherited(element: Tag, attribute: str) -> str | None:
    for tag in (element, *element.parents):
        if tag.get(attribute):
            return tag[attribute]
    return None


def sitemap(body: str | bytes) -> dict[str, dict[str, str]]:
    """A sitemap as {page address: {hreflang: alternate address}}, read with the XML parser."""
    root = ET.fromstring(body.encode() if isinstance(body, str) else body)
    assert root.tag == f"{SITEMAP}urlset", root.tag
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href")
            for link in url.iter(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        for url in root.iter(f"{SITEMAP}url")
    }
