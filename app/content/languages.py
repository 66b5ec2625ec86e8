"""Languages the site knows how to show.

Adding a language (say Punjabi) means adding a line here, a catalog in
``translations/`` and translated Markdown files; a council then switches it on
in ``content/settings.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str  # each language is named in itself in the language switcher
    direction: str = "ltr"


DEFAULT = "en"

KNOWN: dict[str, Language] = {
    "en": Language("en", "English"),
    "pl": Language("pl", "Polski"),
    "ur": Language("ur", "اردو", "rtl"),
}
