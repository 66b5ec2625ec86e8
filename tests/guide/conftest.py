"""A tiny guide added to the fixture site, so broken-guide tests change one thing each."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import FIXTURE_CONTENT, VALID_FRONT, page_text

CATEGORIES = """
categories:
  - id: fun
    title: Fun things
    description: Things to do.
  - id: law
    title: Things you cannot use it for
    description: What the law does not allow.
"""

SYNONYMS = """en:
  synonyms:
    swim: swimming
"""

GYM = """
---
title: A gym or swimming
summary: It depends on your support plan.
category: fun
verdict: depends_on_plan
keywords: [gym, swimming, exercise]
example: Sam goes to a class.
check:
  - Does your plan say so?
related: [care-home]
sources:
  - title: Care Act 2014, section 33
    url: https://www.legislation.gov.uk/ukpga/2014/23/section/33
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: Test team
---
Exercise can meet a need. Read [about us](about.md).
"""

CARE_HOME = """
---
title: Living in a care home
summary: Not allowed by law.
category: law
verdict: not_allowed
keywords: [care home, nursing home]
example: Alf moves into a care home.
check:
  - Ask for a review.
sources:
  - title: Care and Support (Direct Payments) Regulations 2014, regulation 8
    url: https://www.legislation.gov.uk/uksi/2014/2871/regulation/8/made
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: Test team
---
The law does not allow it.
"""

GUIDE_FILES = {
    "use/_categories.yaml": CATEGORIES,
    "synonyms.yaml": SYNONYMS,
    "use/gym.md": GYM,
    "use/care-home.md": CARE_HOME,
    "pages/use.md": page_text(VALID_FRONT, "An intro.\n"),
}
SETTINGS = (FIXTURE_CONTENT / "settings.yaml").read_text()


@pytest.fixture()
def make_guide(make_site):
    """The fixture site plus the tiny guide; ``files`` replaces or adds files (None removes one)."""

    def make(files: dict[str, str | None] | None = None):
        chosen = {**GUIDE_FILES, **(files or {})}
        root = make_site({name: text for name, text in chosen.items() if text is not None})
        for name, text in chosen.items():
            if text is None:
                (root / name).unlink(missing_ok=True)
        return root

    return make


def with_local_policy(yaml_text: str) -> str:
    """The fixture settings plus a ``local_policy:`` section."""
    return SETTINGS + "local_policy:\n" + textwrap.indent(textwrap.dedent(yaml_text).strip("\n"), "  ") + "\n"
