"""English inside a translated page, made plain to the reader and to screen readers.

Two things are done when a Polish or Urdu page is shown:

- **Links that lead to English say so**: "(po angielsku)", "(انگریزی میں)".
- **Official English terms in brackets are marked English**: "ocena potrzeb (needs assessment)"
  gets ``<span lang="en">``, so a screen reader reads the term with an English voice (WCAG
  3.1.2). Urdu needs nothing here: every Latin run in right-to-left text is already isolated
  and marked when the page is rendered (app/content/bidi.py).

Links first:

A Polish or Urdu page links to other pages in the reader's language (the renderer adds the
``/pl`` prefix). Where the page linked to has no translation yet, the reader would land on
English without warning; so the link gets ``hreflang="en"`` and a few words saying it is in
English, in the reader's language. This is done when the page is shown, not when content is
read, because which pages have translations is only known once every file has been read. The
page cache keeps the result, so the cost is paid once per page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask, current_app
from flask_babel import gettext
from markupsafe import Markup, escape

from .content.languages import DEFAULT
from .i18n import current_language, isolate
from .web import current_site

# The links the renderer writes: <a class="govuk-link" href="/pl/some-page#part">text</a>.
_LINK = re.compile(r'<a (?P<attrs>[^>]*?)href="(?P<href>[^"]*)"(?P<after>[^>]*)>(?P<text>.*?)</a>', re.S)


def mark_english_links(html: str, lang: str, in_english: Callable[[str], bool], label: str) -> str:
    """``html`` with each link to ``/<lang>/<path>`` for which ``in_english(path)`` holds marked as
    leading to English: ``hreflang="en"`` and ``label`` after the link text."""
    prefix = f"/{lang}/"

    def mark(match: re.Match) -> str:
        href = match["href"]
        if not href.startswith(prefix) or "hreflang=" in match["attrs"] + match["after"]:
            return match.group()
        path = href[len(prefix) :].split("#", 1)[0].split("?", 1)[0].strip("/")
        if not in_english(path):
            return match.group()
        return (
            f'<a {match["attrs"]}href="{href}"{match["after"]} hreflang="{DEFAULT}">'
            f'{match["text"]} <span class="app-link-language">{label}</span></a>'
        )

    return _LINK.sub(mark, html)


# "(needs assessment)", "(carer's assessment)", "(NHS Continuing Healthcare)": Latin letters only.
_BRACKETED = re.compile(r"\((?P<words>[A-Za-z][A-Za-z'’ \-]*[A-Za-z])\)")
_WORD = re.compile(r"[A-Za-z]+")
_TAG = re.compile(r"(<[^>]*>)")


def mark_bracketed_english(html: str, is_english: Callable[[str], bool]) -> str:
    """``html`` with each bracketed run of words that are all English wrapped in ``<span lang="en">``.

    A bracketed Polish aside ("(na przykład)", "(lub nie)") is left alone: its words are not in
    the English vocabulary. Text inside an element that already says its language is left alone.
    """
    out, inside_marked = [], 0
    for index, part in enumerate(_TAG.split(html)):
        if index % 2:  # a tag: track elements that already carry lang (span/bdi) so as not to nest
            if re.match(r"<(span|bdi)\b[^>]*\blang=", part):
                inside_marked += 1
            elif inside_marked and re.match(r"</(span|bdi)>", part):
                inside_marked -= 1
            out.append(part)
        elif inside_marked or "(" not in part:
            out.append(part)
        else:
            out.append(
                _BRACKETED.sub(
                    lambda m: (
                        f'(<span lang="{DEFAULT}">{m["words"]}</span>)'
                        if all(is_english(w) for w in _WORD.findall(m["words"]))
                        else m.group()
                    ),
                    part,
                )
            )
    return "".join(out)


_vocabularies: dict[int, frozenset[str]] = {}


def english_vocabulary() -> frozenset[str]:
    """Every word in the site's English pages and uses, lower-cased: built once per Site."""
    site, guide = current_site(), current_app.extensions["dp_guide"]
    key = id(site)
    if key not in _vocabularies:
        texts = [p.title + " " + p.html for p in site.pages.values() if p.lang == DEFAULT]
        texts += [" ".join((i.title, i.summary, i.example, i.reason_html, *i.checks)) for i in guide.items.values()]
        words = _WORD.findall(_TAG.sub(" ", " ".join(texts)))
        _vocabularies.clear()  # one Site per app; tests that build many apps keep only the latest
        _vocabularies[key] = frozenset(w.lower() for w in words)
    return _vocabularies[key]


def _shown_in_english(path: str) -> bool:
    """True when the page at ``path`` (without the language prefix) would be shown in English."""
    lang = current_language().code
    site = current_site()
    parts = path.split("/")
    if len(parts) == 1:  # a content page, or the home page
        found = site.find(parts[0] or "index", lang)
        return found is not None and found.is_fallback
    if parts[0] == "use" and len(parts) == 2:
        found = current_app.extensions["dp_guide"].find(parts[1], lang)
        return found is not None and found.is_fallback
    return False  # the explainer, the guide's lists, search: their words are in the catalogs


def translated_html(html: str) -> Markup:
    """The Jinja filter for a translated page's content HTML: links that lead to English say so,
    and, on a left-to-right page, bracketed English terms are marked English."""
    language = current_language()
    if language.code == DEFAULT:
        return Markup(html)
    html = mark_english_links(str(html), language.code, _shown_in_english, gettext("(in English)"))
    if language.direction == "ltr":
        vocabulary = english_vocabulary()
        html = mark_bracketed_english(html, lambda word: word.lower() in vocabulary)
    return Markup(html)


def translated_text(text: str | None) -> Markup:
    """The Jinja filter for a translated plain-text field (a use's summary, example, checks):
    escaped; English runs isolated on a right-to-left page, bracketed English terms marked on a
    left-to-right one."""
    language = current_language()
    if language.code == DEFAULT or language.direction == "rtl":
        return isolate(text)  # isolate only escapes on a left-to-right page
    vocabulary = english_vocabulary()
    return Markup(mark_bracketed_english(str(escape(text or "")), lambda word: word.lower() in vocabulary))


def init_app(app: Flask) -> None:
    app.jinja_env.filters["translated_html"] = translated_html
    app.jinja_env.filters["translated_text"] = translated_text
