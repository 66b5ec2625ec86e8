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
MAX_BYTES = 4 * 1024
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Elements that could run code, fetch something, link away, or hold words.
FORBIDDEN = {"script", "foreignObject", "iframe", "image", "a", "style", "text", "textPath", "tspan"}


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
        return [(_line(text, "<!"), "remove the <!DOCTYPE> or <!ENTITY>: pictures are plain SVG")]
    try:
        root = etree.fromstring(data)
    except etree.ParseError as exc:
        return [(exc.position[0], f"not valid SVG: {exc}")]
    if root.tag != SVG + "svg":
        return [(1, "not an SVG picture: the file must start with <svg xmlns=\"http://www.w3.org/2000/svg\" …>")]
    problems = []
    if not root.get("viewBox"):
        problems.append((_line(text, "<svg"), "add a viewBox to <svg>, so the picture can grow with the text"))
    title = root.find(SVG + "title")
    if title is None or not (title.text or "").strip():
        problems.append((_line(text, "<svg"), "add a <title> inside <svg> that says what the picture shows"))
    for element in root.iter():
        tag = element.tag.replace(SVG, "")
        if tag in FORBIDDEN:
            message = f"remove <{tag}>: pictures have shapes only, no scripts, links, styles or words"
            problems.append((_line(text, f"<{tag}"), message))
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.startswith("on") or (local == "href" and not value.startswith("#")) or _fetches(value):
                message = f"remove the '{local}' attribute: pictures must not run code or fetch anything"
                problems.append((_line(text, local), message))
    return problems


def _fetches(value: str) -> bool:
    """True for a CSS url() that points outside the picture (a url(#gradient) is fine)."""
    return any(not target.strip(" '\"").startswith("#") for target in re.findall(r"url\(([^)]*)\)", value))


def _line(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1
