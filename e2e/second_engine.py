"""IBM Equal Access (accessibility-checker-engine), run beside axe-core on every page type.

Two engines disagree in useful ways: IBM's rules are written from IBM's own reading of WCAG and ARIA, so it
finds things axe does not, and the other way round. Its "FAIL" results (policy VIOLATION or RECOMMENDATION)
fail the tests. Its "POTENTIAL" and "MANUAL" results ask a person to look: docs/screen-reader-testing.md lists
them for the testers. A finding that is a false positive is recorded below with the reason, and with a check
that the reason still holds on the page; it is never silenced by rule id alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACE = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"

RUN = """async () => {
  const report = await new ace.Checker().check(document, ['IBM_Accessibility']);
  return report.results.filter((r) => r.value[1] === 'FAIL').map((r) => ({
    rule: r.ruleId, level: r.value[0], xpath: r.path.dom, message: r.message,
    html: (r.snippet || '').slice(0, 120),
  }));
}"""


@dataclass(frozen=True)
class FalsePositive:
    rule: str
    reason: str
    still_holds: str  # a JavaScript function of the element: true while the reason is still true


FALSE_POSITIVES = (
    FalsePositive(
        "input_label_exists",
        "The header's search field has a <label for> (visually hidden, GOV.UK's pattern; the Search button "
        "beside it labels it for sighted users). Chromium and the virtual screen reader both name it 'Search "
        "this site'. IBM's rule counts a label hidden with clip as no label.",
        "el => el.labels.length === 1 && el.labels[0].textContent.trim() !== ''",
    ),
    FalsePositive(
        "aria_form_label_unique",
        "The page's forms have no accessible name, so by HTML-AAM they are not form landmarks and need no unique "
        "name; IBM counts every <form> as a landmark. Naming them would add landmarks a screen reader user has to "
        "move past.",
        "el => el.tagName === 'FORM' && !el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')"
        " && !el.hasAttribute('title') && !el.hasAttribute('role')",
    ),
    FalsePositive(
        "aria_landmark_name_unique",
        "The same unnamed forms as aria_form_label_unique: not landmarks (HTML-AAM), so there is no name to make "
        "unique.",
        "el => el.tagName === 'FORM' && !el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')"
        " && !el.hasAttribute('title') && !el.hasAttribute('role')",
    ),
    FalsePositive(
        "aria_role_redundant",
        "role='list' on a list drawn without bullets is on purpose: Safari takes the list role away from a "
        "list styled 'list-style: none', so VoiceOver would not say 'list, 6 items'. The role gives it back.",
        "el => ['OL', 'UL'].includes(el.tagName) && el.getAttribute('role') === 'list'"
        " && getComputedStyle(el).listStyleType === 'none'",
    ),
    FalsePositive(
        "element_attribute_deprecated",
        "The search results are an <ol start> so that page 2 numbers on from page 1. 'start' on <ol> is part of "
        "the HTML standard (it was restored in HTML5), not obsolete.",
        "el => el.tagName === 'OL' && [...el.attributes].every((a) => ['start', 'class'].includes(a.name))",
    ),
)
