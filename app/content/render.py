"""Markdown to safe, GOV.UK-styled HTML, done once at start-up.

Python-Markdown turns the text into an element tree; a tree processor adds the
GOV.UK Frontend classes and rewrites links between Markdown files (so links work
in GitHub's preview too); nh3 then removes anything unsafe. Raw HTML in content is
escaped, not passed through: editors write Markdown only.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from .glossary import Glossary

CLASSES = {
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "hr": "govuk-section-break govuk-section-break--l govuk-section-break--visible",
}

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "code", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "div", "span", "abbr", "img",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir"},
    "ol": {"role"},  # list-style: none on the step-by-step list hides list semantics from Safari
    "a": {"href"},
    "th": {"scope"},
    "abbr": {"title"},
    "img": {"src", "alt"},
}
URL_SCHEMES = {"https", "http", "mailto", "tel"}
LANGUAGE_PREFIX = re.compile(r"^/[a-z]{2,3}$")  # "/pl", "/ur": not "/easy-read"
MD_LINK = re.compile(r"^(?P<slug>[a-z0-9-]+)\.md(?:#(?P<anchor>[^#]*))?$")
# Pictures are SVG files in content/easy-read/images/, written relative to the Markdown file
# (so GitHub's preview shows them too): "images/x.svg" in Easy Read, "../easy-read/images/x.svg" elsewhere.
PICTURE_SRC = re.compile(r"^(?:\.\./easy-read/)?images/(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.svg$")


@dataclass(frozen=True)
class Link:
    href: str  # as the editor wrote it
    text: str
    line: int | None  # not known after Markdown parsing; the checker searches the source


@dataclass(frozen=True)
class Image:
    src: str  # as the editor wrote it
    alt: str


@dataclass
class Rendered:
    html: str
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    has_h1: bool = False


class _GovukTree(Treeprocessor):
    def __init__(self, md: markdown.Markdown, prefix: str, step_by_step: bool, options: _Extras):
        super().__init__(md)
        self.prefix = prefix
        self.step_by_step = step_by_step
        self.options = options
        self.result: Rendered | None = None

    def run(self, root: etree.Element) -> None:
        result = Rendered(html="")
        for element in root.iter():
            tag = element.tag
            if tag == "h1":
                result.has_h1 = True
            if tag in ("h2", "h3", "h4"):
                result.headings.append((int(tag[1]), element.get("id", ""), "".join(element.itertext())))
            if tag == "blockquote":
                element.tag = "div"
                element.set("class", "govuk-inset-text")
            elif tag in CLASSES:
                element.set("class", CLASSES[tag])
            if tag == "th" and element.get("scope") is None:
                element.set("scope", "col")
            if tag == "a":
                href = element.get("href", "")
                result.links.append(Link(href, "".join(element.itertext()).strip(), None))
                element.set("href", rewrite_link(href, self.prefix))
            if tag == "img":
                src = element.get("src", "")
                result.images.append(Image(src, element.get("alt", "").strip()))
                picture = PICTURE_SRC.match(src)
                if picture and picture["name"] in self.options.pictures:
                    element.set("src", self.options.pictures[picture["name"]])
        for parent in root.iter():
            # A loose list wraps items in <p>: without the class they keep list spacing, not body margins.
            if parent.tag == "li":
                for child in parent:
                    if child.tag == "p":
                        child.attrib.pop("class", None)
        if self.step_by_step:
            _wrap_steps(root)
        if self.options.picture_rows:
            _picture_rows(root)
        if self.options.glossary is not None:
            self.options.glossary.link_first_uses(root, self.options.glossary_href)
        self.result = result


@dataclass(frozen=True)
class _Extras:
    pictures: Mapping[str, str]  # picture name -> its URL
    picture_rows: bool
    glossary: Glossary | None
    glossary_href: str


def _picture_rows(root: etree.Element) -> None:
    """Easy Read: a paragraph that starts with a picture becomes a row of picture and words.

    ``![A phone](images/phone.svg)`` then ``You can phone the council.`` is one Markdown
    paragraph; it becomes <div class="app-easy-read__row"><img><p>You can phone…</p></div>,
    so the picture sits beside its words, or above them on a narrow screen.
    """
    for paragraph in list(root.iter("p")):
        if len(paragraph) == 0 or paragraph[0].tag != "img" or (paragraph.text or "").strip():
            continue
        picture = paragraph[0]
        words = etree.Element("p", {"class": "govuk-body app-easy-read__text"})
        words.text = (picture.tail or "").lstrip()
        picture.tail = None
        for child in list(paragraph)[1:]:
            paragraph.remove(child)
            words.append(child)
        paragraph.tag = "div"
        paragraph.set("class", "app-easy-read__row")
        picture.set("class", "app-easy-read__picture")
        if words.text or len(words):
            paragraph.append(words)


def _wrap_steps(root: etree.Element) -> None:
    """Turn each ``## 1. Title`` section into one item of an ordered step-by-step list.

    The editor's own number stays in the heading text: it is read out when a
    screen reader user browses by headings, in every language, with no extra
    wording to translate.
    """
    steps = etree.Element("ol", {"class": "app-step-by-step", "role": "list"})
    current: etree.Element | None = None
    for child in list(root):
        if child.tag == "h2":
            current = etree.SubElement(steps, "li", {"class": "app-step-by-step__step"})
            child.set("class", "govuk-heading-m app-step-by-step__title")
        if current is not None:
            root.remove(child)
            current.append(child)
    if len(steps):
        root.append(steps)


def rewrite_link(href: str, prefix: str) -> str:
    """``other-page.md#part`` becomes ``{prefix}/other-page#part``; ``index.md`` the home page.

    In a translated page (``prefix`` is a language, like ``/pl``) a link written as a site route,
    like ``/check`` or ``/use/gym``, gets the prefix too, so the reader stays in their language.
    """
    match = MD_LINK.match(href)
    if not match:
        if LANGUAGE_PREFIX.match(prefix) and href.startswith("/") and not href.startswith("//"):
            return prefix + href
        return href
    slug, anchor = match["slug"], match["anchor"]
    path = f"{prefix}/" if slug == "index" else f"{prefix}/{slug}"
    return path + (f"#{anchor}" if anchor else "")


def render(
    text: str,
    *,
    prefix: str = "",
    step_by_step: bool = False,
    pictures: Mapping[str, str] | None = None,
    picture_rows: bool = False,
    glossary: Glossary | None = None,
    glossary_href: str = "/glossary",
) -> Rendered:
    """Markdown to safe HTML; ``glossary`` links the first use of each term to its definition."""
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", "attr_list", "toc"],  # attr_list: translations keep English heading ids
        extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-4"}},
    )
    # Raw HTML is escaped rather than passed through: content is Markdown only.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    tree = _GovukTree(md, prefix, step_by_step, _Extras(pictures or {}, picture_rows, glossary, glossary_href))
    md.treeprocessors.register(tree, "govuk", 0)  # lowest priority: runs after toc has set heading ids
    html = md.convert(text)
    assert tree.result is not None
    tree.result.html = sanitise(html)
    return tree.result


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
