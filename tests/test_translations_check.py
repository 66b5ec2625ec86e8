"""Review records, the term base and the coverage report: every translated file, every content type."""

from __future__ import annotations

from app.load import read_content
from tests.conftest import TODAY

TERMS = """\
terms:
  - id: direct-payment
    en: direct payment
    pl: płatność bezpośrednia
    pl_avoid: [wypłata bezpośrednia]
names:
  pl: [Anna, Ewa]
  pl_avoid: [Sam]
"""


def problems(root) -> list[str]:
    return [str(p) for p in read_content(root, TODAY).problems]


def test_a_reviewed_translation_needs_a_record_and_a_record_needs_its_file(make_site):
    root = make_site({"translation-reviews.yaml": "reviews:\n  - file: content/pages/gone.pl.md\n"
                      "    reviewer: Anna\n    date: 2026-11-20\n"})
    about = (root / "pages" / "about.pl.md").read_text(encoding="utf-8")
    (root / "pages" / "about.pl.md").write_text(about.replace("status: draft", "status: reviewed"), encoding="utf-8")
    assert problems(root) == [
        "content/pages/about.pl.md:1: a reviewed translation needs a record in content/translation-reviews.yaml "
        "(file, reviewer, date): add one, or say status: draft",
        "content/translation-reviews.yaml:2: there is no file content/pages/gone.pl.md: write its path from the "
        "project folder, like content/pages/index.pl.md",
    ]


def test_a_record_makes_a_reviewed_translation_honest(make_site):
    root = make_site({"translation-reviews.yaml": "reviews:\n  - file: content/pages/about.pl.md\n"
                      "    reviewer: Anna\n    date: 2026-11-20\n"})
    about = (root / "pages" / "about.pl.md").read_text(encoding="utf-8")
    (root / "pages" / "about.pl.md").write_text(about.replace("status: draft", "status: reviewed"), encoding="utf-8")
    assert problems(root) == []


def test_a_rendering_to_avoid_is_a_warning_on_its_line_naming_the_preferred_one(make_site):
    root = make_site({"terms.yaml": TERMS})
    about = root / "pages" / "about.pl.md"
    lines = about.read_text(encoding="utf-8").splitlines()
    lines.append("Sam dostaje wypłata bezpośrednia. Robi to sam.")
    about.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = len(lines)
    assert problems(root) == [
        f"content/pages/about.pl.md:{line}: warning: 'Sam' is a rendering the term base says to avoid: "
        "write 'a name from the term base's list (Anna, Ewa)'",
        f"content/pages/about.pl.md:{line}: warning: 'wypłata bezpośrednia' is a rendering the term base says to "
        "avoid: write 'płatność bezpośrednia'",
    ]


def test_the_term_base_itself_is_checked(make_site):
    root = make_site({"terms.yaml": "terms:\n  - id: carer\n    en: carer\n    pl: opiekun\n    pl_avoid: [Opiekun]\n"
                      "  - id: carer\n    en: carer\n"})
    assert problems(root) == [
        "content/terms.yaml:5: 'Opiekun' is both the rendering to use and one to avoid",
        "content/terms.yaml:6: term 'carer' has no 'pl' rendering",
        "content/terms.yaml:6: term 'carer' is listed twice (first on line 2)",
    ]


def test_coverage_counts_each_language_and_content_type(make_site):
    from app.translations import coverage

    site = read_content(make_site(), TODAY, editorial=False).site
    assert coverage(site) == ["pl: pages 1/3, Easy Read 0/1, uses 0/0, glossary no, categories no, explainer yes"]
