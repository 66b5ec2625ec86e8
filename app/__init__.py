"""The Direct Payments guide: a Flask app factory.

``create_app`` wires settings, content, languages, security headers, assets and
blueprints, in that order, and nothing else. Content (every type: pages, Easy Read,
glossary, uses, explainer wording) is read and checked here, once, by the one content
load (``app/load.py``): the app refuses to start on broken content rather than serve
half a site. What that builds is kept for the next start of the same code and content
(``app/snapshot.py``).
"""

from __future__ import annotations

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from . import addresses, assets, cli, i18n, page_cache, security, untranslated_links
from .built import load_or_build
from .config import load_config, resolve_site_url
from .views import easy_read, errors, explainer, feedback, guide, pages
from .views import search as search_views
from .web import current_site


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.update(load_config(overrides))
    built, outcome = load_or_build(app.config["SNAPSHOT_DIR"], app.config["CONTENT_DIR"])
    app.extensions["dp_startup"] = outcome
    site = built.site
    app.extensions["dp_site"] = site
    app.config["SITE_URL"] = resolve_site_url(app.config, site.settings.site_url)
    app.extensions["dp_guide"] = site.uses
    app.extensions["dp_search"] = built.search

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(app.root_path) + "/templates"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.do")
    # The GOV.UK macros read optional nested parameters such as params.hint.text.
    app.jinja_env.undefined = ChainableUndefined

    i18n.init_app(app, site.settings.languages)
    untranslated_links.init_app(app)
    security.init_app(app)
    addresses.init_app(app)
    assets.init_app(app, built.stylesheet, built.icon)
    errors.init_app(app)
    cli.init_app(app)
    explainer.init_app(app, site)
    feedback.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(easy_read.bp)
    app.register_blueprint(guide.bp)
    app.register_blueprint(search_views.bp)
    page_cache.init_app(app)

    @app.context_processor
    def layout_context() -> dict:
        language = i18n.current_language()
        site = current_site()
        return {
            "site": site,
            "settings": site.settings,
            "language": language,
            "language_links": i18n.language_links(site.settings.languages),
            "navigation": site.navigation(language.code),
            "stylesheet_url": assets.stylesheet_url(),
            "path_in": i18n.path_in,
        }

    return app
