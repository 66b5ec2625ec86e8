"""Languages the site can show: any language the Unicode CLDR (through Babel) knows.

Adding a language (say Punjabi, ``pa``) is content, catalogs and settings only: translated files
(``page.pa.md``, ``glossary.pa.yaml``, ``explainer/pa.yaml``...), an interface catalog in
``translations/pa/``, and ``pa`` in ``languages:`` in ``content/settings.yaml``. Its name in
itself (for the language switcher) and its writing direction come from CLDR, so no Python
changes; ``figure_periods:`` in the settings may say how its figure dates are written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError, localedata

CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str  # each language is named in itself in the language switcher
    direction: str = "ltr"


DEFAULT = "en"


@functools.cache
def _language(code: str) -> Language | None:
    if not CODE.fullmatch(code) or not localedata.exists(code):
        return None
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None
    name = locale.get_display_name(code) or code
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return Language(code, name[:1].upper() + name[1:], direction)


def language(code: str) -> Language:
    """The language with this code; KeyError for a code CLDR does not know."""
    found = _language(code) if isinstance(code, str) else None
    if found is None:
        raise KeyError(code)
    return found


def is_known(code: object) -> bool:
    return isinstance(code, str) and _language(code) is not None


def known_language(value: object) -> str | None:
    """A schema check: None when ``value`` is a language code CLDR knows, else what is wrong."""
    if is_known(value):
        return None
    return "must be a language code like 'pl' (Polish) or 'ur' (Urdu)"
