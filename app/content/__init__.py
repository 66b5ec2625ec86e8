"""Content engine: reads ``content/``, checks it and builds one immutable ``Site``.

No Flask here (an import-linter contract enforces it), so the engine is tested
directly and the same code powers ``flask content check``.
"""

from __future__ import annotations

from .loader import check_content, load_site
from .problems import ContentError, Problem
from .site import Found, NavItem, Site

__all__ = ["ContentError", "Found", "NavItem", "Problem", "Site", "check_content", "load_site"]
