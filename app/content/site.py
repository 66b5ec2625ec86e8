"""The site: every page, rendered once, in an immutable object.

Views only look things up here; nothing is parsed or rendered per request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .easy_read import EasyReadPage
from .glossary import Glossary
from .languages import DEFAULT
from .pages import Page
from .pictures import Picture
from .settings import Settings

if TYPE_CHECKING:  # the content types read by the one content load (app/load.py) from other engines
    from ..eligibility import Flow, Wording
    from ..guide import Guide


@dataclass(frozen=True)
class NavItem:
    slug: str
    title: str
    lang: str = DEFAULT  # the language of the title: English when the page is not translated


@dataclass(frozen=True)
class Found:
    page: Page
    is_fallback: bool  # True when the English page stands in for a missing translation


@dataclass(frozen=True)
class Site:
    settings: Settings
    pages: Mapping[tuple[str, str], Page]
    easy_read: Mapping[str, EasyReadPage] = field(default_factory=lambda: MappingProxyType({}))  # English, by slug
    glossary: Glossary | None = None
    pictures: Mapping[str, Picture] = field(default_factory=lambda: MappingProxyType({}))  # Easy Read pictures by name
    easy_read_translations: Mapping[tuple[str, str], EasyReadPage] = field(
        default_factory=lambda: MappingProxyType({})
    )  # by (slug, lang)
    glossaries: Mapping[str, Glossary] = field(default_factory=lambda: MappingProxyType({}))  # by language
    # Set by the one content load (app/load.py), which reads every content type into this one Site:
    uses: Guide | Any = None  # the /use guide (content/use/)
    wording: Mapping[str, Wording] = field(default_factory=lambda: MappingProxyType({}))  # explainer words by language
    flow: Flow | Any = None  # the explainer's questions and rules, that the wording is checked against

    @classmethod
    def build(
        cls,
        settings: Settings,
        pages: list[Page],
        easy_read: list[EasyReadPage] = (),
        glossary: Glossary | None = None,
        pictures: Mapping[str, Picture] | None = None,
    ) -> Site:
        return cls(
            settings,
            MappingProxyType({(p.slug, p.lang): p for p in pages}),
            MappingProxyType({p.slug: p for p in easy_read if p.lang == DEFAULT}),
            glossary,
            MappingProxyType(dict(pictures or {})),
            easy_read_translations=MappingProxyType({(p.slug, p.lang): p for p in easy_read if p.lang != DEFAULT}),
        )

    @property
    def slugs(self) -> list[str]:
        return sorted(slug for slug, lang in self.pages if lang == DEFAULT)

    def find(self, slug: str, lang: str) -> Found | None:
        if (slug, lang) in self.pages:
            return Found(self.pages[(slug, lang)], False)
        if (slug, DEFAULT) in self.pages:
            return Found(self.pages[(slug, DEFAULT)], lang != DEFAULT)
        return None

    def find_easy_read(self, slug: str, lang: str) -> tuple[EasyReadPage, bool] | None:
        """The Easy Read page in ``lang``, or in English with True (a fallback), or None."""
        if (slug, lang) in self.easy_read_translations:
            return self.easy_read_translations[(slug, lang)], False
        if slug in self.easy_read:
            return self.easy_read[slug], lang != DEFAULT
        return None

    def find_glossary(self, lang: str) -> tuple[Glossary, bool] | None:
        """The glossary in ``lang``, or the English one with True (a fallback), or None."""
        if lang in self.glossaries:
            return self.glossaries[lang], False
        return (self.glossary, lang != DEFAULT) if self.glossary else None

    def translations(self, slug: str) -> list[str]:
        return [lang for lang in self.settings.languages if (slug, lang) in self.pages]

    def is_stale(self, page: Page) -> bool:
        """True when a translation was made from an older version of its English page."""
        source = self.pages.get((page.slug, DEFAULT))
        return bool(page.translation and source and page.translation.source_reviewed < source.last_reviewed)

    def navigation(self, lang: str) -> tuple[NavItem, ...]:
        english = sorted(
            (p for p in self.pages.values() if p.lang == DEFAULT and p.nav_order is not None),
            key=lambda p: p.nav_order,
        )
        items = []
        for english_page in english:
            shown = self.find(english_page.slug, lang).page
            items.append(NavItem(shown.slug, shown.nav_title or shown.title, shown.lang))
        return tuple(items)
