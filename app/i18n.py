"""Languages: the locale comes from the URL prefix (``/pl/...``), never from a cookie.

A small WSGI middleware moves the prefix into ``SCRIPT_NAME``. Flask then routes
``/pl/what-is-a-direct-payment`` exactly like the English page, and every
``url_for`` inside a Polish page keeps the ``/pl`` prefix without any extra code.

Interface catalogs are read once, at start-up. A missing or broken catalog never
breaks the site: that language shows English interface strings, and the problem
is logged once, here, instead of failing on every request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import Flask, has_request_context, request
from flask_babel import Babel, Domain
from markupsafe import Markup, escape

from .addresses import RAW_PATH_KEY, canonical_path
from .content.bidi import isolate_ltr
from .content.languages import DEFAULT, Language, language

log = logging.getLogger(__name__)

LANG_KEY = "dp.lang"
BASE_KEY = "dp.base"  # SCRIPT_NAME before the language prefix was added


class LanguagePrefix:
    def __init__(self, wsgi_app, languages: tuple[str, ...]):
        self.wsgi_app = wsgi_app
        self.prefixed = {code for code in languages if code != DEFAULT}

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        environ[BASE_KEY] = environ.get("SCRIPT_NAME", "")
        environ[RAW_PATH_KEY] = environ[BASE_KEY] + path
        environ[LANG_KEY] = DEFAULT
        parts = path.split("/", 2)
        if len(parts) >= 2 and parts[1] in self.prefixed:
            environ["SCRIPT_NAME"] = environ[BASE_KEY] + "/" + parts[1]
            environ["PATH_INFO"] = "/" + (parts[2] if len(parts) > 2 else "")
            environ[LANG_KEY] = parts[1]
        return self.wsgi_app(environ, start_response)


def current_language() -> Language:
    return language(request.environ.get(LANG_KEY, DEFAULT))


def base_path() -> str:
    """The site root without any language prefix, for language-neutral URLs such as assets."""
    return request.environ.get(BASE_KEY, request.script_root)


def route_path() -> str | None:
    """This request's address without base or language prefix, rebuilt from the route it matched.

    Never the raw path: a raw path can hold anything (``/pl/%5cevil.example/login`` gives
    ``/\\evil.example/login``, which browsers open as another site). ``url_for`` only ever
    builds an address on this site, percent-encoding whatever the route's values hold.
    None when no route matched (a 404 for an unknown address, a 405).
    """
    built = canonical_path()
    if built is None:
        return None
    root = request.script_root
    return built[len(root):] if root and built.startswith(root) else built


def path_in(lang: str, path: str | None = None) -> str:
    """The same page in another language (that language's home page when no route matched)."""
    if path is None:
        path = route_path() or "/"
    prefix = "" if lang == DEFAULT else f"/{lang}"
    return f"{base_path()}{prefix}{path}"


@dataclass(frozen=True)
class LanguageLink:
    language: Language
    href: str
    current: bool


def language_links(languages: tuple[str, ...]) -> list[LanguageLink]:
    current = current_language().code
    return [LanguageLink(language(code), path_in(code), code == current) for code in languages]


def isolate(text: str | None) -> Markup:
    """Escape ``text``; on a right-to-left page, isolate its English words and numbers with <bdi>."""
    html = escape(text or "")
    return Markup(isolate_ltr(html)) if current_language().direction == "rtl" else html


def in_english(text: str | None) -> Markup:
    """Words that stay English on every page, such as the council's and the service's names from
    settings: on a Polish or Urdu page they are marked English, so a screen reader says them with an
    English voice (WCAG 3.1.2), and on a right-to-left page they are isolated too."""
    html = escape(text or "")
    language = current_language()
    if language.code == DEFAULT:
        return html
    tag = "bdi" if language.direction == "rtl" else "span"
    return Markup(f'<{tag} lang="{DEFAULT}">{{}}</{tag}>').format(html)


def bdi(text: str | None) -> Markup:
    """What someone typed, shown inside a sentence: isolated, so that in a right-to-left sentence an
    English query (or an Urdu one in a left-to-right sentence) keeps its own order and does not pull
    the quotation marks around it to the wrong side."""
    return Markup("<bdi>{}</bdi>").format(text or "")


def load_catalogs(directory: Path, languages: tuple[str, ...]) -> dict[str, Translations]:
    """Read each language's compiled catalog; leave out (and log once) any that is missing or broken."""
    catalogs = {}
    for code in languages:
        if code == DEFAULT:
            continue  # the interface is written in English
        path = Path(directory) / code / "LC_MESSAGES" / "messages.mo"
        try:
            with path.open("rb") as file:
                catalogs[code] = Translations(file, domain="messages")
        except FileNotFoundError:
            log.warning("interface catalog for '%s' is missing (%s): using English interface text "
                        "(run 'make translations')", code, path)
        # A truncated or corrupt .mo raises OSError, struct.error, UnicodeDecodeError or ValueError
        # (bad plural rule) depending on where it breaks; none of them may take the site down.
        except Exception as error:
            log.error("interface catalog for '%s' cannot be read (%s, %s): using English interface text "
                      "(run 'make translations')", code, path, type(error).__name__)
    return catalogs


class PreloadedDomain(Domain):
    """Flask-Babel's domain, answering from the catalogs read at start-up, never from disk."""

    def __init__(self, catalogs: dict[str, Translations]):
        super().__init__()
        self.catalogs = catalogs
        self.english = NullTranslations()

    def get_translations(self) -> NullTranslations:
        if not has_request_context():
            return self.english
        return self.catalogs.get(current_language().code, self.english)


def init_app(app: Flask, languages: tuple[str, ...]) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(app.config["TRANSLATIONS_DIR"])
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT
    babel = Babel(app, locale_selector=lambda: current_language().code)
    babel.domain_instance = PreloadedDomain(load_catalogs(app.config["TRANSLATIONS_DIR"], languages))
    app.jinja_env.filters["isolate"] = isolate
    app.jinja_env.filters["english"] = in_english
    app.jinja_env.filters["bdi"] = bdi
    app.wsgi_app = LanguagePrefix(app.wsgi_app, languages)
