"""Interface catalogs: messages.pot matches the code, and every switched-on language is complete."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from app.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
LANGUAGES = sorted(p.name for p in TRANSLATIONS.iterdir() if (p / "LC_MESSAGES" / "messages.po").exists())


def _ids(path) -> set:
    with open(path, "rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


def test_messages_pot_is_current(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location", "--sort-output",
         "-F", "babel.cfg", "-o", str(fresh), "--omit-header", "."],
        cwd=PROJECT_ROOT, check=True, capture_output=True,
    )
    assert _ids(fresh) == _ids(TRANSLATIONS / "messages.pot"), "run 'make i18n-update' and translate the new strings"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f, locale=lang)
    pot = _ids(TRANSLATIONS / "messages.pot")
    messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    assert set(messages) == pot
    assert [k for k, m in messages.items() if not m.string] == []
    assert [k for k, m in messages.items() if m.fuzzy] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    import re

    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f, locale=lang)
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string:
            placeholders = sorted(re.findall(r"%\(\w+\)s", message.id))
            assert placeholders == sorted(re.findall(r"%\(\w+\)s", message.string)), message.id
