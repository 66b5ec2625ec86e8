"""Keep English words and numbers readable inside right-to-left text.

In an Urdu (or Arabic) sentence, a run of left-to-right text such as
"care and support plan", "SI 2015/313 reg 2(1)(a)" or the phone number
"0123 456 7890" can be drawn in the wrong order, or pull the punctuation
around it to the wrong side. Wrapping each run in ``<bdi>`` isolates it, so the
browser lays it out on its own. Runs with letters also get ``lang="en"``: a
screen reader then reads the official English term with an English voice.

Editors and translators write plain Markdown; this is done once, when the page
is rendered, so adding Arabic or Punjabi needs no extra markup.
"""

from __future__ import annotations

import html
import re

_LATIN = r"A-Za-z0-9\u00c0-\u024f"
# One word: letters and digits, joined by apostrophes, dots, slashes or hyphens ("s.10",
# "2015/313", "carer's"), then any bracketed parts ("2(1)(a)"); an optional £ or %.
_WORD = rf"[£$]?[{_LATIN}]+(?:['’./\-][{_LATIN}]+)*(?:\([{_LATIN}]{{1,4}}\))*%?"
# Words separated by spaces, optionally after a comma, colon, ampersand or dash.
_SEPARATOR = r"[ \t\n\u00a0]*[,:&–-]?[ \t\n\u00a0]+"
LTR_RUN = re.compile(rf"{_WORD}(?:{_SEPARATOR}{_WORD})*")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")
# Text inside these is left alone: code is shown as written, and a <bdi> is already isolated.
_SKIP = {"code", "pre", "bdi"}


def _isolate_text(escaped: str) -> str:
    text = html.unescape(escaped)
    out, last = [], 0
    for match in LTR_RUN.finditer(text):
        run = match.group()
        out.append(html.escape(text[last : match.start()], quote=False))
        lang = ' lang="en"' if _LETTER.search(run) else ""
        out.append(f"<bdi{lang}>{html.escape(run, quote=False)}</bdi>")
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def isolate_ltr(fragment: str) -> str:
    """Wrap every left-to-right run in the text of an HTML fragment in ``<bdi>``; tags are kept."""
    out, skipping = [], 0
    for index, part in enumerate(_TAG.split(fragment)):
        if index % 2:  # a tag
            name = _TAG_NAME.match(part)
            if name and name[2].lower() in _SKIP and not part.endswith("/>"):
                skipping += -1 if name[1] else 1
            out.append(part)
        else:
            out.append(part if skipping or not part else _isolate_text(part))
    return "".join(out)
