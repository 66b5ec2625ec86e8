"""gunicorn's logs, with nothing in them that could say what a visitor asked or answered.

``deploy/gunicorn.conf.py`` names ``PrivateLogger`` as gunicorn's logger class. An access
line holds the method, the path as sent (never the query, where a search is), the status,
the size and the time taken. Explainer requests are the exception: which question pages a
person visits follows from their answers, and a result page's size maps to its outcome, so
every ``/check...`` request is logged as ``/check/*`` with its method and status only, and
no client address. deploy/nginx.conf logs the same way.

Anything a client sent is escaped before it is written (a ``%0d%0a`` in a path must not start
a forged line), and gunicorn's own error lines lose their query strings and tracebacks.
"""

from __future__ import annotations

import re
import sys
from urllib.parse import unquote

from gunicorn.glogging import Logger

EXPLAINER_LINE = "/check/*"
# Generous on purpose: "/pl//check", "/%63heck/x" and "/xx/check" are all logged as the explainer.
EXPLAINER = re.compile(r"/+(?:[^/]{2}/+)?check(?:/|$)")
# Printable ASCII only, and not the quote that ends the path in the line or the escape character.
UNPRINTABLE = re.compile(r'[^\x21-\x7e]|["\\]')
UNPRINTABLE_IN_MESSAGE = re.compile(r"[^\x20-\x7e]")
# A query runs to the end of the quoted request line, or of the message: spaces included, as sent raw.
QUERY = re.compile(r"\?[^'\"]*")
EXPLAINER_IN_MESSAGE = re.compile(r"(?:/[^/\s'\"]{2})?/+check/[^\s'\"?]*")
# What the access line leaves out for an explainer request: client, size and timings.
EXPLAINER_BLANKS = ("h", "b", "B", "T", "D", "M", "L")


def escaped(text: str, unprintable: re.Pattern = UNPRINTABLE) -> str:
    return unprintable.sub(lambda match: f"\\x{ord(match[0]):02x}", text)


def loggable_path(raw_uri: str) -> str:
    """The path of a request as it may be logged: no query, escaped, explainer addresses collapsed."""
    path = raw_uri.split("?", 1)[0].split("#", 1)[0]
    if EXPLAINER.match(unquote(path)):
        return EXPLAINER_LINE
    return escaped(path)


def scrubbed(msg, args: tuple) -> str:
    """A server message with any query string cut off, explainer addresses collapsed as in the access
    log, and anything unprintable (line breaks too) escaped."""
    message = str(msg) % args if args else str(msg)
    message = EXPLAINER_IN_MESSAGE.sub(EXPLAINER_LINE, QUERY.sub("?...", message))
    return escaped(message, UNPRINTABLE_IN_MESSAGE)


class PrivateLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        plain = super().atoms(resp, req, environ, request_time)
        path = loggable_path(environ.get("RAW_URI") or environ.get("PATH_INFO", ""))
        method = escaped(str(plain.get("m") or "-"))
        # Only these atoms exist: a format asking for a header, the query, the referer or the user
        # agent gets "-" (gunicorn's default for a missing atom).
        atoms = {key: plain[key] for key in ("h", "l", "u", "t", "s", "H", "b", "B", "T", "D", "M", "L", "p")}
        atoms.update(m=method, U=path, r=f"{method} {path} {escaped(str(plain.get('H') or '-'))}")
        if path == EXPLAINER_LINE:
            atoms.update(dict.fromkeys(EXPLAINER_BLANKS, "-"))
        return atoms

    # gunicorn's error lines can quote the request line ("Invalid request from ip=...: Invalid HTTP
    # Version ..."; "Error handling request GET /search?q=..."): cut the query, escape the rest.
    def critical(self, msg, *args, **kwargs):
        self.error_log.critical(scrubbed(msg, args))

    def error(self, msg, *args, **kwargs):
        self.error_log.error(scrubbed(msg, args))

    def warning(self, msg, *args, **kwargs):
        self.error_log.warning(scrubbed(msg, args))

    def info(self, msg, *args, **kwargs):
        self.error_log.info(scrubbed(msg, args))

    def debug(self, msg, *args, **kwargs):
        self.error_log.debug(scrubbed(msg, args))

    def exception(self, msg, *args, **kwargs):
        """The exception's type, not its traceback or message: either can hold what was sent."""
        error_type = sys.exc_info()[0]
        self.error_log.error("%s: %s", scrubbed(msg, args), error_type.__name__ if error_type else "unknown")
