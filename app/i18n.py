"""Languages: the locale comes from the URL prefix (``/pl/...``), never from a cookie.

A small WSGI middleware moves the prefix into ``SCRIPT_NAME``. Flask then routes
``/pl/what-is-a-direct-payment`` exactly like the English page, and every
``url_for`` inside a Polish page keeps the ``/pl`` prefix without any extra code.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request
from flask_babel import Babel

from .content.languages import DEFAULT, KNOWN, Language

LANG_KEY = "dp.lang"
BASE_KEY = "dp.base"  # SCRIPT_NAME before the language prefix was added


class LanguagePrefix:
    def __init__(self, wsgi_app, languages: tuple[str, ...]):
        self.wsgi_app = wsgi_app
        self.prefixed = {code for code in languages if code != DEFAULT}

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        environ[BASE_KEY] = environ.get("SCRIPT_NAME", "")
        environ[LANG_KEY] = DEFAULT
        parts = path.split("/", 2)
        if len(parts) >= 2 and parts[1] in self.prefixed:
            environ["SCRIPT_NAME"] = environ[BASE_KEY] + "/" + parts[1]
            environ["PATH_INFO"] = "/" + (parts[2] if len(parts) > 2 else "")
            environ[LANG_KEY] = parts[1]
        return self.wsgi_app(environ, start_response)


def current_language() -> Language:
    return KNOWN[request.environ.get(LANG_KEY, DEFAULT)]


def base_path() -> str:
    """The site root without any language prefix, for language-neutral URLs such as assets."""
    return request.environ.get(BASE_KEY, request.script_root)


def path_in(lang: str, path: str | None = None) -> str:
    """The same page in another language."""
    path = request.path if path is None else path
    prefix = "" if lang == DEFAULT else f"/{lang}"
    return f"{base_path()}{prefix}{path}"


@dataclass(frozen=True)
class LanguageLink:
    language: Language
    href: str
    current: bool


def language_links(languages: tuple[str, ...]) -> list[LanguageLink]:
    current = current_language().code
    return [LanguageLink(KNOWN[code], path_in(code), code == current) for code in languages]


def init_app(app: Flask, languages: tuple[str, ...]) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(app.config["TRANSLATIONS_DIR"])
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT
    Babel(app, locale_selector=lambda: current_language().code)
    app.wsgi_app = LanguagePrefix(app.wsgi_app, languages)
