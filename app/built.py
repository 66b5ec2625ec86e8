"""Everything start-up makes from the content: the checked site, its search index, the stylesheet and icon.

``build`` is the slow part of start-up, and a pure function of the code and the content, so its
result is kept between starts (``app/snapshot.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import assets, search, snapshot
from .content import Site
from .load import load_site


@dataclass(frozen=True)
class Built:
    site: Site
    search: search.SearchIndex
    stylesheet: assets.Asset
    icon: assets.Asset


def build(content: Path) -> Built:
    """Read and check the content (raises ``ContentError`` on an error), then index it and make the assets."""
    site = load_site(content)
    index = search.SearchIndex.build(search.documents(site, site.uses), site.uses.synonyms)
    colour = site.settings.brand_colour
    return Built(site, index, assets.build_stylesheet(colour), assets.build_icon(colour))


def load_or_build(snapshot_folder: Path | None, content: Path) -> tuple[Built, snapshot.Outcome]:
    """The snapshot for this code and ``content`` if ``snapshot_folder`` holds one, else built (and kept there)."""
    return snapshot.remembered(snapshot_folder, content, lambda: build(content))
