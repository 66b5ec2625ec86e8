"""The guide's data: categories, uses (items), verdicts and a council's local policy.

Everything here is immutable and built once at start-up; the views only look things up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..content import DEFAULT, Source, Translation
from ..synonyms import Synonyms
from .lookup import Finder, LookupResult

# The closed set of verdicts. Each one says *who decides*; the wording people see is in the
# templates (translated), keyed by these ids.
USUALLY_YES = "usually_yes"  # usually yes, if it meets a need in your support plan
DEPENDS_ON_PLAN = "depends_on_plan"  # it depends on what your support plan says
ASK_COUNCIL = "ask_council"  # ask your council first: local policy decides
# not usually allowed: the support plan and the council's direct payment agreement say what the money is
# for (Care Act s.33(3) and the agreement's terms). Not a rule the law lists, so a council can change it.
NOT_USUALLY = "not_usually"
ONLY_IF_COUNCIL_AGREES = "only_if_council_agrees"  # not allowed by law unless the council agrees it is necessary
NOT_ALLOWED = "not_allowed"  # not allowed by law
VERDICTS = (USUALLY_YES, DEPENDS_ON_PLAN, ASK_COUNCIL, NOT_USUALLY, ONLY_IF_COUNCIL_AGREES, NOT_ALLOWED)
# Verdicts the law sets: a council can add a note for its area but cannot change them.
SET_BY_LAW = frozenset({ONLY_IF_COUNCIL_AGREES, NOT_ALLOWED})


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class LocalPolicy:
    """A council's own rule for one use in its area, from ``local_policy`` in the site settings."""

    date: dt.date
    verdict: str | None = None  # replaces the national verdict in this area
    note: str | None = None


@dataclass(frozen=True)
class Item:
    id: str  # the file name and the address: /use/<id>
    path: str  # as shown to editors
    title: str
    summary: str
    category: str
    verdict: str  # the national verdict
    reason_html: str  # "why", in plain words (the Markdown body)
    example: str  # an illustrative example: always labelled as made up
    checks: tuple[str, ...]  # what to check
    keywords: tuple[str, ...]  # words people use for this: they find it in the lookup
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    last_reviewed: dt.date
    review_due: dt.date
    owner: str
    local: LocalPolicy | None = None
    lang: str = DEFAULT  # a translation (gym.pl.md) has the same id, verdict and sources as its English use
    translation: Translation | None = None

    @property
    def shown_verdict(self) -> str:
        """The verdict for this site's area: the council's own, where it has set one."""
        return self.local.verdict if self.local and self.local.verdict else self.verdict


@dataclass(frozen=True)
class FoundItem:
    item: Item
    is_fallback: bool  # True when the English use stands in for a missing translation


@dataclass(frozen=True)
class Guide:
    categories: tuple[Category, ...]
    items: Mapping[str, Item]  # in English, in the order of the categories, then by title
    finders: Mapping[str, Finder]  # the lookup's word index per language, built once with the guide
    translations: Mapping[tuple[str, str], Item] = field(default_factory=lambda: MappingProxyType({}))  # by (id, lang)
    synonyms: Synonyms = field(default_factory=lambda: Synonyms(""))  # content/synonyms.yaml, for the search too
    # _categories.<lang>.yaml: by language, then category id
    category_translations: Mapping[str, Mapping[str, Category]] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def empty(cls) -> Guide:
        return cls((), {}, MappingProxyType({DEFAULT: Finder.build({}, {})}))

    def find(self, item_id: str, lang: str) -> FoundItem | None:
        """The use in ``lang``, or in English marked as a fallback, like ``Site.find`` for pages."""
        if (item_id, lang) in self.translations:
            return FoundItem(self.translations[(item_id, lang)], False)
        if item_id in self.items:
            return FoundItem(self.items[item_id], lang != DEFAULT)
        return None

    def is_stale(self, item: Item) -> bool:
        """True when a translation was made from an older version of its English use."""
        source = self.items.get(item.id)
        return bool(item.translation and source and item.translation.source_reviewed < source.last_reviewed)

    def lookup(self, query: str, lang: str = DEFAULT) -> LookupResult:
        """Uses for ``query`` in ``lang``'s words and English's, shown in ``lang`` where translated."""
        return self.finders.get(lang, self.finders[DEFAULT]).find(query)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def category_in(self, category_id: str, lang: str) -> tuple[Category, bool] | None:
        """The category in ``lang``, or in English with True (a fallback), or None."""
        translated = self.category_translations.get(lang, {}).get(category_id)
        if translated is not None:
            return translated, False
        english = self.category(category_id)
        return (english, lang != DEFAULT) if english else None

    def in_category(self, category_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items.values() if item.category == category_id)

    def related(self, item: Item) -> tuple[Item, ...]:
        return tuple(self.items[other] for other in item.related)
