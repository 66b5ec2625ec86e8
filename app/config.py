"""Settings from environment variables, with safe defaults for development.

Production (``DP_ENV=production``) refuses to start without a real secret key:
the key protects the explainer's encrypted answers cookie.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .content.settings import site_url_problem

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WEAK_KEYS = {"", "dev", "change-me", "changeme", "secret"}


class ConfigError(SystemExit):
    """A one-line message and a non-zero exit, never a traceback."""


def load_config(overrides: dict | None = None) -> dict:
    env = os.environ
    config = {
        "DP_ENV": env.get("DP_ENV", "development"),
        "SECRET_KEY": env.get("DP_SECRET_KEY", ""),
        "CONTENT_DIR": Path(env.get("DP_CONTENT_DIR", PROJECT_ROOT / "content")),
        # What start-up builds, kept for the next start of the same code and content (app/snapshot.py). Only
        # whoever installs the code may write here. Empty: build at every start.
        "SNAPSHOT_DIR": _optional_path(env.get("DP_SNAPSHOT_DIR", str(PROJECT_ROOT / "var" / "snapshot"))),
        "TRANSLATIONS_DIR": Path(env.get("DP_TRANSLATIONS_DIR", PROJECT_ROOT / "translations")),
        # Explainer answers are cleared after this many idle minutes (design.md "Explainer state").
        "EXPLAINER_IDLE_MINUTES": int(env.get("DP_EXPLAINER_IDLE_MINUTES", "60")),
        # No form on the site needs more than a few kilobytes.
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "MAX_FORM_MEMORY_SIZE": 64 * 1024,
        "CONTENT_MAX_AGE": int(env.get("DP_CONTENT_MAX_AGE", "300")),
        # How many proxies (nginx, a load balancer) stand in front and set X-Forwarded-For/-Proto.
        "PROXY_COUNT": int(env.get("DP_PROXY_COUNT", "0")),
        # The site's address for absolute links; empty means site_url from content/settings.yaml.
        "SITE_URL": env.get("DP_SITE_URL", ""),
        # Feedback about pages (app/feedback): SQLite on this machine unless a PostgreSQL URL is given.
        "DATABASE_URL": env.get("DP_DATABASE_URL", f"sqlite:///{PROJECT_ROOT / 'var' / 'feedback.sqlite3'}"),
        "FEEDBACK_RETENTION_MONTHS": int(env.get("DP_FEEDBACK_RETENTION_MONTHS", "12")),
    }
    config.update(overrides or {})
    production = config["DP_ENV"] == "production"
    if production and (config["SECRET_KEY"] in WEAK_KEYS or len(config["SECRET_KEY"]) < 32):
        raise ConfigError(
            "DP_SECRET_KEY must be set to a random value of at least 32 characters when DP_ENV=production "
            "(try: python3 -c 'import secrets; print(secrets.token_hex(32))')"
        )
    if not config["SECRET_KEY"]:
        # Development only: a fresh key per process; explainer answers do not survive a restart.
        config["SECRET_KEY"] = secrets.token_hex(32)
    if config["FEEDBACK_RETENTION_MONTHS"] < 1:
        raise ConfigError("DP_FEEDBACK_RETENTION_MONTHS must be a whole number of months, 1 or more")
    config["DEBUG"] = False if production else config.get("DEBUG", False)
    config["SESSION_COOKIE_SECURE"] = production
    return config


def _optional_path(value: str) -> Path | None:
    return Path(value) if value else None


# `make run` serves here; a development site with no site_url says so in its sitemap.
DEVELOPMENT_SITE_URL = "http://localhost:5000"


def resolve_site_url(config: dict, from_settings: str | None) -> str:
    """The one address every absolute URL is built from: DP_SITE_URL, else the settings' site_url.

    Never the Host header: a client can send any, and a sitemap or redirect built from it would
    send people (and search engines) to another site. Production refuses to start without one.
    """
    url = (config.get("SITE_URL") or from_settings or "").rstrip("/")
    if url and (problem := site_url_problem(url)):
        raise ConfigError(f"DP_SITE_URL: {problem}")
    if not url and config["DP_ENV"] == "production":
        raise ConfigError(
            "the site's address is not set: add site_url (like https://directpayments.example.gov.uk) to "
            "content/settings.yaml, or set DP_SITE_URL"
        )
    return url or DEVELOPMENT_SITE_URL
