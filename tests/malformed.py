"""Malformed HTTP requests as raw bytes, for tests/test_http_fuzz.py: every route and form of the app,
reached in every way a client can get wrong or make up.

A seeded ``random.Random`` makes them, so a failing request can be made again from its number and
the seed the test prints. Each request is one connection's worth of bytes, ending with
``Connection: close`` so that the server closes when it has answered; none promises more body
than it sends (nginx would rightly wait 10 s for the rest).
"""

from __future__ import annotations

import random
import re
import urllib.parse
from dataclasses import dataclass

from flask import Flask

CRLF = "\r\n"
# Mostly what reaches the app, so that its routes and forms get most of the requests; the rest is
# what nginx or gunicorn must refuse on their own.
METHODS = ["GET"] * 8 + ["HEAD", "HEAD", "POST", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "get",
                         "GETT", "CONNECT", "PROPFIND", "G\tET"]
VERSIONS = ["HTTP/1.1"] * 40 + ["HTTP/1.0"] * 4 + ["HTTP/0.9", "HTTP/2.0", "HTTP/3.0", "HTTP/1.2", "HTTP/1.1x",
                                                   "http/1.1", "HTTP/01.1", ""]
ODD_SEGMENTS = ["..", ".", "%2e%2e", "%2F", "%5c", "%00", "%0d%0a", "%0aSet-Cookie:x=1", "%", "%zz", "%c0%af",
                "index", ";x", "~", "a" * 300, "%E2%80%AE", "\u00e9", "\u0627\u0631\u062f\u0648", "%ff%fe", "*", "@"]
HOSTS = ["127.0.0.1"] * 30 + ["localhost", "localhost", "evil.example", "127.0.0.1:1", "127.0.0.1.evil.example", "",
                               "a" * 300,
                               "[::1]", "localhost%0d%0a", "127.0.0.1 evil.example"]
# The share of requests for a real page under a made-up address (made_up_address).
MADE_UP_SHARE = 0.4
FORM_TYPES = ["application/x-www-form-urlencoded"] * 4 + ["multipart/form-data", "multipart/form-data; boundary=x",
                                                          "text/plain", "application/json", ""]


@dataclass(frozen=True)
class Malformed:
    number: int
    data: bytes
    route: str  # the rule aimed at, to show that every route was reached
    host_is_ours: bool  # nginx closes without an answer (444) for any other Host
    simple: bool  # no HTTP version: an HTTP/0.9 request, whose answer has no status line or headers

    def describe(self) -> str:
        return f"#{self.number} ({self.route}): {self.data[:300]!r}"


class Generator:
    def __init__(self, app: Flask, seed: int):
        self.random = random.Random(seed)
        site = app.extensions["dp_site"]
        flow = app.extensions["dp_flow"]
        guide = app.extensions["dp_guide"]
        self.languages = ["", "", "", *(f"/{code}" for code in site.settings.languages[1:]), "/xx", "/pl/pl"]
        self.questions = sorted(flow.questions)
        self.answers = sorted({value for q in flow.questions.values() for value in q.options})
        self.known = {
            "slug": sorted(site.slugs), "question_id": self.questions, "item_id": sorted(guide.items),
            "category_id": sorted({item.category for item in guide.items.values()}),
            "name": [app.extensions["dp_stylesheet"].name, app.extensions["dp_icon"].name, *sorted(site.pictures)],
        }
        self.rules = list(app.url_map.iter_rules())
        self.count = 0

    # --- the parts of a request ---------------------------------------------------------------

    def segment(self, name: str) -> str:
        choice = self.random.random()
        if choice < 0.6 and self.known.get(name):
            return self.random.choice(self.known[name])
        if choice < 0.85:
            return self.random.choice(ODD_SEGMENTS)
        text = "".join(chr(self.random.randint(1, 0x2FF)) for _ in range(self.random.randint(0, 20)))
        return urllib.parse.quote(text, safe="")

    def path_for(self, rule) -> str:
        parts = re.split(r"<(?:[^:>]+:)?([^>]+)>", rule.rule)  # literal, name, literal, ...
        path = "".join(part if i % 2 == 0 else self.segment(part) for i, part in enumerate(parts))
        return self.language() + self.mangle(path)

    def language(self) -> str:
        return self.random.choice(self.languages)

    def mangle(self, path: str) -> str:
        """Most paths as they are; others with the slips and tricks that still reach a route."""
        roll = self.random.random()
        if roll < 0.45:
            return path
        tricks = [
            lambda p: p.replace("/", "//", 1),
            lambda p: p.replace("/", "///"),
            lambda p: "/%2f" + p.lstrip("/"),
            lambda p: p + "/",
            lambda p: p.replace("/", "/./", 1),
            lambda p: "/x/.." + p,
            lambda p: p.replace("a", "%61").replace("e", "%65"),
            lambda p: p.upper(),
            lambda p: p + "%0d%0aX-Injected:%20yes",
            lambda p: "/%5c" + p.lstrip("/"),
            lambda p: p + "#fragment",
            lambda p: p + ";jsessionid=1",
        ]
        return self.random.choice(tricks)(path)

    def query(self) -> str:
        roll = self.random.random()
        if roll < 0.5:
            return ""
        if roll < 0.8:
            words = ["care", "pay+my+wife", "%00", "'\"<script>", "%ff", "a" * 200, "%E2%80%AE", "OR+1=1", ""]
            return "?" + "&".join(f"{self.random.choice(['q', 'page', 'v', 'x'])}={self.random.choice(words)}"
                                  for _ in range(self.random.randint(1, 3)))
        return "?" + self.random.choice(["", "&&", "q", "=", "q=%", "q=%zz", "page=-1", "page=99999999999999999999",
                                         "q=" + "x" * 3000])

    def headers(self, host: str) -> list[str]:
        lines = [f"Host: {host}"] if self.random.random() > 0.03 else []
        optional = {
            "Accept-Language": ["pl", "ur,en;q=0.5", "*", ";q=x", "zz-ZZ", "x" * 500],
            "Accept-Encoding": ["br", "gzip", "identity", "br;q=0, gzip;q=0", "*", "x" * 300],
            "Cookie": ["", "dp_answers=junk", "__Host-dp_answers=" + "A" * 3000, "a=b; a=c", "=;=;", "x" * 6000],
            "If-None-Match": ["*", '"abc"', "W/\"x\"", "garbage"],
            "If-Modified-Since": ["yesterday", "Thu, 01 Jan 1970 00:00:00 GMT"],
            "Range": ["bytes=0-10", "bytes=-5", "bytes=x", "bytes=0-0,1-1,2-2,3-3,4-4,5-5"],
            "Sec-Fetch-Site": ["same-origin", "cross-site", "none", "", "\u00e9".encode().decode("latin-1")],
            "Origin": ["http://127.0.0.1", "null", "https://evil.example", ""],
            "X-Forwarded-For": ["1.2.3.4", "not-an-ip", "1.1.1.1, 2.2.2.2"],
            "X-Forwarded-Proto": ["https", "gopher", ""],
            "X-Forwarded-Host": ["evil.example"],
            "Expect": ["100-continue", "nonsense"],
            "User-Agent": ["\x01\x02", "Mozilla/5.0", "Mozilla/5.0", "a" * 2000],
            "Referer": ["http://evil.example/?q=secret", "%0d%0a"],
        }
        for name, values in optional.items():
            if self.random.random() < 0.12:
                lines.append(f"{name}: {self.random.choice(values)}")
        if self.random.random() < 0.05:
            lines.append(self.random.choice([
                "NoColonHere", " folded: continuation", "Bad Name: x", "X-Big: " + "y" * 9000,
                f"Host: {self.random.choice(HOSTS)}", "X-Nul: a\x00b", ": empty-name", "X-Tab:\tx",
                "Transfer-Encoding: gzip, chunked",
            ]))
        return lines

    def body(self, route: str) -> tuple[str, list[str]]:
        """A body and its framing headers (sometimes contradictory, never shorter than promised)."""
        if route == "/check/<question_id>" and self.random.random() < 0.7:
            fields = [(self.random.choice(self.questions + ["notes", ""]),
                       self.random.choice(self.answers + ["", "x" * 100, "%00", "\u00e9"]))
                      for _ in range(self.random.randint(0, 4))]
            text = urllib.parse.urlencode(fields)
        else:
            text = self.random.choice(["", "a=b", "%%%", "x" * 70_000, "{\"json\": 1}", "--x\r\n\r\n--x--",
                                       "who=myself&who=someone_else"])
        framing = self.random.random()
        if framing < 0.75:
            headers = [f"Content-Length: {len(text.encode('utf-8'))}"]
        elif framing < 0.9:
            chunk = text.encode("utf-8")
            text = f"{len(chunk):x}\r\n{text}\r\n0\r\n\r\n"
            headers = ["Transfer-Encoding: chunked"]
        else:
            headers, text = self.random.choice([
                (["Content-Length: 3", "Content-Length: 4"], "abcd"),
                (["Content-Length: -1"], ""),
                (["Content-Length: 1e3"], ""),
                (["Content-Length: 4", "Transfer-Encoding: chunked"], "0\r\n\r\n"),
                (["Transfer-Encoding: chunked"], "zz\r\nabc\r\n0\r\n\r\n"),
                (["Transfer-Encoding: chunked"], "3;ext=\"x\r\nabc\r\n0\r\n\r\n"),
                (["Transfer-Encoding: chunked, identity"], "0\r\n\r\n"),
            ])
        return text, [f"Content-Type: {self.random.choice(FORM_TYPES)}", *headers]

    # --- a whole request ----------------------------------------------------------------------

    def made_up_address(self) -> str:
        """A real page under an address nobody links to: slashes doubled and more, dots, encoded slashes.

        Each is new (the counts are random), so a server that kept a copy per address would grow with
        every one: what a black-box test found (73 MB for 3,000 of them).
        """
        page = self.random.choice(["/" if slug == "index" else f"/{slug}" for slug in self.known["slug"]])
        path = self.language() + page
        gap = self.random.choice([
            lambda: "/" * self.random.randint(2, 60),
            lambda: "/" + "%2f" * self.random.randint(1, 40),
            lambda: "/" + "".join(self.random.choice(["/", "%2f", "%2F"]) for _ in range(self.random.randint(1, 40))),
        ])()
        at = self.random.choice([index for index, char in enumerate(path) if char == "/"])
        return path[:at] + gap + path[at + 1:]  # "/./" and "/x/../" are in mangle(): nobody answers those

    def make(self) -> Malformed:
        self.count += 1
        if self.random.random() < MADE_UP_SHARE:
            data = f"GET {self.made_up_address()} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            return Malformed(self.count, data.encode(), "/<slug>", True, False)
        rule = self.rules[self.count % len(self.rules)]  # every route in turn
        method = self.random.choice(METHODS)
        if "POST" in rule.methods and self.random.random() < 0.5:
            method = "POST"  # the forms, often
        target = self.path_for(rule) + self.query()
        if self.random.random() < 0.03:
            target = self.random.choice(["*", "http://127.0.0.1" + target, "//evil.example/", "", "/" + "a" * 9000,
                                         target.replace("/", "\\")])
        version = self.random.choice(VERSIONS)
        host = self.random.choice(HOSTS)
        lines = [f"{method} {target} {version}".rstrip(), *self.headers(host)]
        body = ""
        if method in ("POST", "PUT", "PATCH") or self.random.random() < 0.05:
            body, framing = self.body(rule.rule)
            lines += framing
        lines.append("Connection: close")
        data = (CRLF.join(lines) + CRLF + CRLF + body).encode("utf-8", "surrogateescape")
        hosts = [line for line in lines[1:] if line.lower().startswith("host:")]
        ours = hosts in (["Host: 127.0.0.1"], ["Host: localhost"])
        return Malformed(self.count, data, rule.rule, ours, version == "")
