"""Site settings: the one file a council edits to adopt the site.

``content/settings.yaml`` holds the council's name, contacts, brand colour and
languages. It is validated at start-up with ``file:line`` errors, so a typo in a
phone number's key never reaches the public.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from ..strict_yaml import YamlProblem, line_of, load
from . import schema as s
from .figures import Figure, is_section, read_figures, read_periods
from .languages import DEFAULT, known_language
from .problems import Problem

SETTINGS_SCHEMA = s.Schema(
    {
        "service_name": s.Field(s.text),
        "phase": s.Field(s.one_of("alpha", "beta", "live")),
        "brand_colour": s.Field(s.matches(r"#[0-9a-fA-F]{6}", "a colour written as #rrggbb")),
        "languages": s.Field(s.ListOf(known_language, min_items=1)),
        # The address people use, for every absolute link (sitemap, robots.txt, redirects): never taken
        # from the Host header a client sends. DP_SITE_URL overrides it (a staging copy, a test).
        "site_url": s.Field(s.url, required=False),
        "council": s.Field(
            s.Schema(
                {
                    "name": s.Field(s.text),
                    "website": s.Field(s.url, required=False),
                }
            )
        ),
        "contact": s.Field(
            s.Schema(
                {
                    "phone": s.Field(s.text, required=False),
                    "text_relay": s.Field(s.text, required=False),
                    "email": s.Field(s.matches(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an email address"), required=False),
                    "address": s.Field(s.text, required=False),
                    "opening_hours": s.Field(s.text, required=False),
                    "find_your_council": s.Field(s.url),
                }
            )
        ),
        # Money amounts and legal thresholds, each with its dates and source (see figures.py).
        "figures": s.Field(is_section, required=False),
        # How "[figure period: name]" is worded in each language; a language without an entry gets the
        # dates joined by a dash in its own date format (from CLDR). No Python changes for a new language.
        "figure_periods": s.Field(is_section, required=False),
        # A council's own rules for uses in the /use guide; app/guide checks the item ids and verdicts.
        "local_policy": s.Field(
            s.ListOf(
                s.Schema(
                    {
                        "item": s.Field(s.text),
                        "verdict": s.Field(s.text, required=False),
                        "note": s.Field(s.text, required=False),
                        "date": s.Field(s.date),
                    }
                )
            ),
            required=False,
        ),
    }
)


@dataclass(frozen=True)
class Contact:
    find_your_council: str
    phone: str | None = None
    text_relay: str | None = None
    email: str | None = None
    address: str | None = None
    opening_hours: str | None = None

    @property
    def has_direct_contacts(self) -> bool:
        """False for the neutral default site, which sends people to GOV.UK to find their council."""
        return any((self.phone, self.email, self.address))


@dataclass(frozen=True)
class LocalPolicyEntry:
    """One ``local_policy`` entry, with its lines so the guide can point at mistakes."""

    item: str
    date: dt.date
    verdict: str | None
    note: str | None
    line: int
    item_line: int
    verdict_line: int


def read_local_policy(data: dict, lines: dict[tuple, int]) -> tuple[LocalPolicyEntry, ...]:
    entries = []
    for index, entry in enumerate(data.get("local_policy") or ()):
        at = ("local_policy", index)
        entries.append(
            LocalPolicyEntry(
                item=entry["item"].strip(),
                date=entry["date"],
                verdict=(entry.get("verdict") or "").strip() or None,
                note=(entry.get("note") or "").strip() or None,
                line=line_of(lines, at),
                item_line=line_of(lines, at + ("item",)),
                verdict_line=line_of(lines, at + ("verdict",)),
            )
        )
    return tuple(entries)


@dataclass(frozen=True)
class Settings:
    service_name: str
    phase: str
    brand_colour: str
    languages: tuple[str, ...]
    council_name: str
    council_website: str | None
    contact: Contact
    figures: Mapping[str, Figure] = field(default_factory=lambda: MappingProxyType({}))
    local_policy: tuple[LocalPolicyEntry, ...] = ()
    site_url: str | None = None


def load_settings(path: Path, display_path: str) -> tuple[Settings | None, list[Problem]]:
    try:
        data, lines = load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(display_path, 1, "the site settings file is missing")]
    except YamlProblem as exc:
        return None, [Problem(display_path, exc.line, exc.message)]
    problems = [Problem(display_path, line, msg) for line, msg in s.validate(data, SETTINGS_SCHEMA, lines)]
    if problems:
        return None, problems
    languages = tuple(data["languages"])
    if DEFAULT not in languages:
        problems.append(Problem(display_path, line_of(lines, ("languages",)), "languages must include 'en'"))
    ratio = contrast_with_white(data["brand_colour"])
    if ratio < 7:
        problems.append(
            Problem(
                display_path,
                line_of(lines, ("brand_colour",)),
                f"brand_colour is too light: white header text on it has contrast {ratio:.1f}:1, "
                "it needs at least 7:1 (choose a darker colour)",
            )
        )
    if data.get("site_url") and (problem := site_url_problem(data["site_url"])):
        problems.append(Problem(display_path, line_of(lines, ("site_url",)), problem))
    periods, period_problems = read_periods(data.get("figure_periods") or {}, lines)
    problems += [Problem(display_path, line, msg) for line, msg in period_problems]
    figures, figure_problems = read_figures(data.get("figures") or {}, lines, periods)
    problems += [Problem(display_path, line, msg) for line, msg in figure_problems]
    if problems:
        return None, problems
    council = data["council"]
    settings = Settings(
        service_name=data["service_name"].strip(),
        phase=data["phase"],
        brand_colour=data["brand_colour"].lower(),
        languages=(DEFAULT,) + tuple(code for code in languages if code != DEFAULT),
        council_name=council["name"].strip(),
        council_website=council.get("website"),
        contact=Contact(
            **{k: (v.strip() if isinstance(v, str) else v) for k, v in data["contact"].items() if v is not None}
        ),
        figures=MappingProxyType(figures),
        local_policy=read_local_policy(data, lines),
        site_url=data["site_url"].rstrip("/") if data.get("site_url") else None,
    )
    return settings, []


def site_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the site's address (scheme and host only), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"site_url '{url}' must start with https:// and name the host, like https://directpayments.example.gov.uk"
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        return f"site_url '{url}' must be the scheme and host only, like https://directpayments.example.gov.uk"
    return None


def contrast_with_white(colour: str) -> float:
    """WCAG 2.x contrast ratio of white against ``#rrggbb``."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)
