"""The "What can I use a direct payment for?" guide: uses, verdicts and the lookup.

A pure engine like ``app/content`` (no Flask; an import-linter contract enforces it). It reads
``content/use/`` once at start-up, checks it with the content engine's helpers, and builds an
immutable ``Guide`` the views only look things up in.
"""

from __future__ import annotations

from .loader import check_guide
from .lookup import MAX_QUERY_LENGTH, LookupResult
from .model import SET_BY_LAW, VERDICTS, Category, FoundItem, Guide, Item, LocalPolicy

__all__ = [
    "MAX_QUERY_LENGTH",
    "SET_BY_LAW",
    "VERDICTS",
    "Category",
    "FoundItem",
    "Guide",
    "Item",
    "LocalPolicy",
    "LookupResult",
    "check_guide",
]
