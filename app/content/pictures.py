"""Easy Read pictures: small hand-written SVG files in ``content/easy-read/images/``.

Each picture is read and checked once at start-up, then served from memory. A
picture must be safe to show (no scripts, no links, nothing fetched from
elsewhere), small (slow phone data), described (a ``<title>``) and free of words
(words in a picture cannot be translated or enlarged, and screen readers skip them).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
XML = "{http://www.w3.org/XML/1998/namespace}"
MAX_BYTES = 4 * 1024
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# An allow-list, not a deny-list: SVG can run code in more ways than anyone lists (an XHTML <script>
# inside it, <set attributeName="onclick">, <animate> changing an href). Only these SVG elements
# and attributes, for shapes, colours and a description, may be used; anything else is an error.
ALLOWED_ELEMENTS = frozenset({
    "svg", "title", "desc", "g", "defs", "symbol", "use", "path", "circle", "ellipse", "rect", "line",
    "polyline", "polygon", "linearGradient", "radialGradient", "stop", "clipPath",
})
ALLOWED_ATTRIBUTES = frozenset({
    "id", "viewBox", "width", "height", "preserveAspectRatio", "version", "role", "focusable", "lang",
    "aria-hidden", "aria-labelledby", "aria-describedby",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "transform",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
    "clip-path", "clip-rule", "clipPathUnits",
    "href",  # only to a part of the same picture ("#id"): checked below
})
# Attributes from other namespaces that may be used: xlink:href (to "#id" only) and xml:lang.
ALLOWED_FOREIGN_ATTRIBUTES = frozenset({XLINK + "href", XML + "lang"})


@dataclass(frozen=True)
class Picture:
    name: str
    path: str  # as shown to editors
    svg: bytes
    digest: str  # changes when the file changes, so the URL can be cached for a year

    @property
    def url(self) -> str:
        return f"/easy-read/images/{self.name}.svg?v={self.digest}"


def read_pictures(folder: Path, shown: Callable[[Path], str]) -> tuple[dict[str, Picture], list[Problem]]:
    pictures: dict[str, Picture] = {}
    problems: list[Problem] = []
    for file in sorted(folder.glob("*")) if folder.is_dir() else ():
        path = shown(file)
        if file.suffix != ".svg" or not NAME.fullmatch(file.stem):
            problems.append(Problem(
                path, 1, "pictures are SVG files named in lower-case words joined by hyphens, like 'phone-call.svg'"
            ))
            continue
        data = file.read_bytes()
        problems += [Problem(path, line, message) for line, message in check_svg(data)]
        # Kept even if broken, so pages that use it are not also told it is missing; any
        # problem here is an error, so a broken picture never reaches a running site.
        pictures[file.stem] = Picture(file.stem, path, data, hashlib.sha256(data).hexdigest()[:12])
    return pictures, problems


def check_svg(data: bytes) -> list[tuple[int, str]]:
    """``(line, message)`` for each rule the SVG breaks."""
    if len(data) > MAX_BYTES:
        return [(1, f"picture is {len(data):,} bytes: keep it under {MAX_BYTES:,} (simplify the shapes)")]
    text = data.decode("utf-8", errors="replace")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return [(_line(text, "!", before="<"), "remove the <!DOCTYPE> or <!ENTITY>: pictures are plain SVG")]
    try:
        root = etree.fromstring(data)
    except etree.ParseError as exc:
        # The parser's own words ("not well-formed (invalid token)") mean nothing to an editor.
        return [(exc.position[0], "this line is not valid SVG: check that every < has its >, every "
                 "quote mark is closed and every tag is closed (like <path ... />)")]
    if root.tag != SVG + "svg":
        return [(1, "not an SVG picture: the file must start with <svg xmlns=\"http://www.w3.org/2000/svg\" …>")]
    problems = []
    if not root.get("viewBox"):
        svg_line = _line(text, "svg", before="<")
        problems.append((svg_line, "add a viewBox to <svg>, so the picture can grow with the text"))
    title = root.find(SVG + "title")
    if title is None or not (title.text or "").strip():
        svg_line = _line(text, "svg", before="<")
        problems.append((svg_line, "add a <title> inside <svg> that says what the picture shows"))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        tag = element.tag.rsplit("}", 1)[-1]
        if not element.tag.startswith(SVG) or tag not in ALLOWED_ELEMENTS:
            message = f"remove <{tag}>: pictures have shapes only, no scripts, links, styles or words"
            problems.append((_line(text, tag, before="<"), message))
            continue  # its attributes go with it
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            known = name in ALLOWED_ATTRIBUTES or name in ALLOWED_FOREIGN_ATTRIBUTES
            if local.startswith("on") or (local == "href" and not value.startswith("#")) or _fetches(value):
                message = f"remove the '{local}' attribute: pictures must not run code or fetch anything"
                problems.append((_line(text, local), message))
            elif not known:
                message = f"remove the '{local}' attribute: pictures use only shape, position and colour attributes"
                problems.append((_line(text, local), message))
    return problems


def _fetches(value: str) -> bool:
    """True for a CSS url() that points outside the picture (a url(#gradient) is fine)."""
    return any(not target.strip(" '\"").startswith("#") for target in re.findall(r"url\(([^)]*)\)", value))


def _line(text: str, name: str, before: str = "") -> int:
    """The line where ``name`` first appears (after ``before`` and any namespace prefix, like "<h:")."""
    end = r"(?![\w-])" if name[-1:].isalnum() else ""  # "<set" but not "<settings"
    match = re.search(rf"{re.escape(before)}(?:[\w.-]+:)?{re.escape(name)}{end}", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
