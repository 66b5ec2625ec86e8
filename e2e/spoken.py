"""What a screen reader says: @guidepup/virtual-screen-reader driven in real Chromium, and reviewed transcripts.

The virtual screen reader builds its speech from the browser's DOM with the W3C name, role and state rules
(accname, html-aam, core-aam). It is not NVDA or VoiceOver (docs/screen-reader-testing.md is the protocol
for those), but it hears what they would be given: roles, names, descriptions, states, positions.

Its browser build is an ES module. It is evaluated through the DevTools protocol, like axe, so the page's
strict CSP (no scripts) still holds for the page itself.

A transcript has one announcement per line. Lines starting with "> " are what the listener did (a key, or a
screen reader command); lines starting with "# " name the page. Where the text spoken is in another language
than the page (English quoted on a Polish page), the line starts with that language in brackets, "[en] ",
because a screen reader switches voice there.
"""

from __future__ import annotations

import difflib
import os
import re
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
VSR = ROOT / "node_modules" / "@guidepup" / "virtual-screen-reader" / "lib" / "esm" / "index.browser.js"
TRANSCRIPTS = Path(__file__).parent / "transcripts"
REPORTS = ROOT / "test-reports" / "transcripts"
UPDATE = os.environ.get("E2E_UPDATE") == "1"

# Records new phrases after each step, marked with the language of the node the cursor is on.
HELPER = r"""
globalThis.__sr = (() => {
  const v = globalThis.__vsr.virtual;
  let seen = 0;
  const langOf = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    const owner = el && el.closest('[lang]');
    return owner ? owner.getAttribute('lang') : '';
  };
  const take = async () => {
    const log = await v.spokenPhraseLog();
    const fresh = log.slice(seen);
    seen = log.length;
    const lang = langOf(v.activeNode);
    const mark = lang && lang !== document.documentElement.lang ? `[${lang}] ` : '';
    return fresh.map((phrase) => mark + phrase.replace(/\s+/g, ' ').trim());
  };
  return {
    start: async () => {
      try { await v.stop(); } catch (e) { /* not started yet */ }
      await v.start({container: document.body});
      seen = 0;
      return take();
    },
    next: async () => { await v.next(); return take(); },
    perform: async (name) => { await v.perform(v.commands[name]); return take(); },
    take,
    at: () => {
      const n = v.activeNode;
      const el = n && (n.nodeType === 1 ? n : n.parentElement);
      // The element's place in the document: two alike elements (two feedback forms) are still two stops.
      return el ? `${Array.prototype.indexOf.call(document.getElementsByTagName('*'), el)}` : '';
    },
    stop: () => v.stop(),
  };
})();
"""


@cache
def vsr_script() -> str:
    """The browser build as a classic script that leaves ``globalThis.__vsr`` and our helper behind."""
    if not VSR.exists():
        raise RuntimeError("@guidepup/virtual-screen-reader is missing: run 'npm ci'")
    source = VSR.read_text(encoding="utf-8")
    exports = re.search(r"export\{([\w$]+) as Virtual,([\w$]+) as virtual\};", source)
    if exports is None:
        raise RuntimeError(f"{VSR}: its exports are not where this code expects them (a new version?)")
    script = (source[: exports.start()] + f"globalThis.__vsr={{Virtual:{exports[1]},virtual:{exports[2]}}};"
              + source[exports.end():])
    return "(() => {\n" + script + "\n})();\n" + HELPER


class ScreenReader:
    """A listener on one browser tab: moves the way screen-reader users do and keeps what was said."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.lines: list[str] = []

    # -- the page -------------------------------------------------------------------------------------------
    def arrive(self, label: str | None = None) -> list[str]:
        """A page has loaded: start reading it from the top. The transcript names the page by its address and
        title (what a screen reader says first), or by ``label`` where the title is real content's wording."""
        if not self.page.evaluate("() => typeof globalThis.__sr !== 'undefined'"):
            self.page.evaluate(vsr_script())
        path = self.page.url.split("://", 1)[1].split("/", 1)[1]
        self.lines.append(f"# {label}" if label else f"# /{path}: {self.page.title()}")
        return self._say(self.page.evaluate("() => __sr.start()"))

    def _say(self, phrases: list[str]) -> list[str]:
        self.lines.extend(phrases)
        return phrases

    def note(self, action: str) -> None:
        self.lines.append(f"> {action}")

    # -- moving ---------------------------------------------------------------------------------------------
    def next(self) -> list[str]:
        return self._say(self.page.evaluate("() => __sr.next()"))

    def command(self, name: str) -> list[str]:
        return self._say(self.page.evaluate("(name) => __sr.perform(name)", name))

    def heard_now(self) -> list[str]:
        """What was said since the last step: after the focus moved, say."""
        return self._say(self.page.evaluate("() => __sr.take()"))

    def press(self, key: str, navigates: bool = False) -> list[str]:
        """A real key press in Chromium; the screen reader follows the focus and says where it landed. With
        ``navigates``, the key loads another page: ``arrive`` starts listening there."""
        self.note(key)
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
            return []
        self.page.keyboard.press(key)
        return self._say(self.page.evaluate("() => __sr.take()"))

    def walk(self, name: str, label: str, limit: int = 40) -> list[list[str]]:
        """Repeat a command (next landmark, next heading) until the cursor comes back round or stops."""
        self.note(label + " (repeated)")
        stops: list[list[str]] = []
        seen: set[str] = set()
        for _ in range(limit):
            phrases = self.page.evaluate("(name) => __sr.perform(name)", name)
            where = self.page.evaluate("() => __sr.at()")
            if not phrases or (where, tuple(phrases)) in seen:
                break
            seen.add((where, tuple(phrases)))
            stops.append(self._say(phrases))
        return stops

    def read_through(self, role: str, limit: int = 400) -> list[str]:
        """Read on until the end of the ``role`` ("list", "form") the cursor is in or comes to next, counting any
        nested in it."""
        heard: list[str] = []
        depth = 0
        for _ in range(limit):
            for phrase in self.next():
                heard.append(phrase)
                said = phrase.split("] ", 1)[-1]
                if said == role or said.startswith(role + ", "):
                    depth += 1
                elif said == f"end of {role}" or said.startswith(f"end of {role}, "):
                    depth -= 1
                    if depth <= 0:
                        return heard
        raise AssertionError(f"never heard the end of the {role}; heard:\n" + "\n".join(heard))

    def read_until(self, stop: str, limit: int = 200) -> list[str]:
        """Read on, item by item (the down arrow in browse mode), until a phrase starting with ``stop``."""
        heard: list[str] = []
        for _ in range(limit):
            phrases = self.next()
            heard += phrases
            if any(p.split("] ", 1)[-1].startswith(stop) for p in phrases):
                return heard
        raise AssertionError(f"never heard {stop!r}; heard:\n" + "\n".join(heard))


def plain(text: str) -> str:
    """Text as a screen reader says it: no markup, no bidi isolation characters, single spaces."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub("[\u2066-\u2069\u200e\u200f]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def save_report(name: str, lines: list[str]) -> Path:
    """Keep a journey's transcript beside the test results, for a person to read."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    file = REPORTS / f"{name}.txt"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


def assert_transcript(name: str, lines: list[str]) -> None:
    """Compare with the reviewed transcript in e2e/transcripts/; show the difference as a unified diff."""
    save_report(name, lines)
    file = TRANSCRIPTS / f"{name}.txt"
    actual = "\n".join(lines) + "\n"
    if UPDATE or not file.exists():
        TRANSCRIPTS.mkdir(exist_ok=True)
        file.write_text(actual, encoding="utf-8")
        if not UPDATE:
            raise AssertionError(f"new transcript written to {file}: review it and commit it")
    expected = file.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), f"{file.name} (reviewed)",
                                    f"{file.name} (heard now)", lineterm="", n=2)
        raise AssertionError("what a screen reader says has changed (E2E_UPDATE=1 to accept):\n" + "\n".join(diff))
