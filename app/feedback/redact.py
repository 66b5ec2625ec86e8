"""Remove personal details from a comment before it is stored.

People write their email address, phone number, postcode, National Insurance number or NHS
number into feedback boxes, hoping to be contacted. We cannot reply to feedback and must not keep
them, so each is replaced by a plain marker saying what was removed. The patterns lean towards
removing too much: a comment is still useful with a number missing, a leaked NHS number is not.
"""

from __future__ import annotations

import re

SEPARATOR = r"[ \t\-.]?"  # people group digits with spaces, hyphens or dots

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Two letters, six digits and (usually) a letter A to D: "QQ 12 34 56 C" (any two letters: people mistype them).
NI_NUMBER = re.compile(
    r"\b[A-Z]{2}" + (SEPARATOR + r"\d{2}") * 3 + r"(?:" + SEPARATOR + r"[A-D])?\b", re.IGNORECASE
)
# Ten digits, usually written 3-3-4 ("943 476 5919"); UK phone numbers start with 0 or +44 instead.
NHS_NUMBER = re.compile(r"(?<![\d+])[1-9]\d{2}" + SEPARATOR + r"\d{3}" + SEPARATOR + r"\d{4}(?!\d)")
# UK phone numbers: +44 or 0, then 9 or 10 more digits in any grouping, with optional brackets.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d(?:[ \t\-.()]{0,2}\d){8,9}(?!\d)")
# Full UK postcodes: "SW1A 1AA", "m1 1ae", "LS11 5DS".
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?) ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
# Any other long run of digits (a council reference, a bank account): not needed to improve a page.
LONG_NUMBER = re.compile(r"(?<!\w)\d(?:[ \t\-.]?\d){7,}(?!\w)")

# Order matters: an email address can hold digits, and an NHS number looks like a long number.
RULES = (
    (EMAIL, "[email address removed]"),
    (NI_NUMBER, "[National Insurance number removed]"),
    (PHONE, "[phone number removed]"),
    (NHS_NUMBER, "[NHS number removed]"),
    (POSTCODE, "[postcode removed]"),
    (LONG_NUMBER, "[number removed]"),
)


def redact(text: str) -> str:
    for pattern, marker in RULES:
        text = pattern.sub(marker, text)
    return text
