"""The guide's content is checked at start-up: every problem at once, as path:line: message."""

from __future__ import annotations

import pytest

from app import create_app
from app.content import ContentError, check_content
from app.load import read_content
from tests.conftest import TODAY
from tests.guide.conftest import CARE_HOME, GYM, SETTINGS, SYNONYMS, with_local_policy
from tests.html import classes, parse, text

MONEY_MESSAGE = (
    "write money amounts as figures from the settings, like [figure: capital_upper_limit], "
    "not as '£' and digits: an amount written out goes out of date"
)
VERDICT_LIST = "usually_yes, depends_on_plan, ask_council, not_usually, only_if_council_agrees, not_allowed"

POLICY = SETTINGS.count("\n") + 2  # the line of the first local_policy entry


def check_guide(root, today=TODAY, *, editorial=False):
    """The one content load, as the app does it: the guide (None when there are errors) and every problem."""
    loaded = read_content(root, today, editorial=editorial)
    return (loaded.site.uses if loaded.site else None), loaded.problems


def guide_problems(root) -> list[str]:
    _guide, problems = check_guide(root)
    return [str(p) for p in problems]


def test_the_tiny_guide_is_valid(make_guide):
    root = make_guide()
    guide, problems = check_guide(root)
    assert problems == []
    assert list(guide.items) == ["gym", "care-home"]  # in category order
    reason = parse(guide.items["gym"].reason_html).find()
    assert reason.name == "p" and classes(reason) == {"govuk-body"}
    assert text(reason).startswith("Exercise can meet a need.")


def test_a_far_overdue_use_review_fails_the_check_but_never_stops_the_site(make_guide):
    overdue = GYM.replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-01-01").replace(
        "review_due: 2027-05-01", "review_due: 2026-06-01"
    )
    root = make_guide({"use/gym.md": overdue})
    guide, problems = check_guide(root, editorial=True)
    assert guide is None
    assert ("content/use/gym.md:1: review overdue by 177 days (due 2026-06-01): review it, "
            "then update last_reviewed and review_due") in [str(p) for p in problems]
    guide, problems = check_guide(root)  # as the app starts
    assert problems == []
    assert "gym" in guide.items


def test_a_site_without_a_use_folder_has_an_empty_guide(make_site):
    root = make_site()
    guide, problems = check_guide(root)
    assert problems == [] and guide.items == {} and guide.lookup("gym").matches == ()


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("use/gym.md", "verdict: depends_on_plan", "verdict: maybe",
         f"content/use/gym.md:5: 'verdict' must be one of: {VERDICT_LIST}"),
        ("use/gym.md", "category: fun", "category: sport",
         "content/use/gym.md:4: category 'sport' is not in _categories.yaml (choose one of: fun, law)"),
        ("use/gym.md", "related: [care-home]", "related: [care-homes]",
         "content/use/gym.md:10: related use 'care-homes' does not exist: use another use's file name without '.md'"),
        ("use/gym.md", "related: [care-home]", "related: [gym]",
         "content/use/gym.md:10: related use 'gym' does not exist: use another use's file name without '.md'"),
        ("use/gym.md", "example: Sam goes to a class.", "example: Sam pays £20 a month.",
         "content/use/gym.md:7: " + MONEY_MESSAGE),
        ("use/gym.md", "Exercise can meet a need.", "It costs £5.",
         "content/use/gym.md:18: " + MONEY_MESSAGE),
        ("use/gym.md", "Exercise can meet a need. Read [about us](about.md).", "",
         "content/use/gym.md:18: the reason is missing: write why, in plain words, below the front matter"),
        ("use/gym.md", "[about us](about.md)", "[about us](nowhere.md)",
         "content/use/gym.md:18: link to 'nowhere.md': there is no page nowhere.md"),
        ("use/gym.md", "keywords: [gym, swimming, exercise]", "keywords: [gym, can I use my]",
         "content/use/gym.md:6: keyword 'can I use my' has only common words the lookup ignores"),
        ("use/gym.md", "owner: Test team\n", "owner: Test team\ncolour: red\n",
         "content/use/gym.md:17: unknown key 'colour' (allowed: title, summary, category, verdict, example, check, "
         "keywords, sources, related, last_reviewed, review_due, owner, translation)"),
        ("use/care-home.md", "url: https://www.legislation.gov.uk/uksi/2014/2871/regulation/8/made", "url: https://www.example.org/care",
         "content/use/care-home.md:5: a 'not_allowed' verdict comes from the law: "
         "cite the law on legislation.gov.uk in 'sources'"),
        ("synonyms.yaml", "swim: swimming", "swim: [swimming, pool]",
         "content/synonyms.yaml:3: each synonym must be 'word people use: words the site uses'"),
    ],
    ids=["verdict", "category", "related", "related-self", "money-front", "money-body", "no-reason", "link",
         "stop-words", "unknown-key", "law-citation", "synonym"],
)
def test_each_problem_is_reported_with_its_line(make_guide, name, old, new, expected):
    sources = {"use/gym.md": GYM, "use/care-home.md": CARE_HOME, "synonyms.yaml": SYNONYMS}
    source = sources[name]
    assert old in source
    assert guide_problems(make_guide({name: source.replace(old, new)})) == [expected]


def test_file_names_must_be_short_enough_to_read_out_and_not_clash(make_guide):
    problems = guide_problems(make_guide({"use/a-very-long-name-for-a-use.md": GYM, "use/category.md": GYM}))
    assert problems == [
        "content/use/a-very-long-name-for-a-use.md:1: file name is too long for an address people can read out: "
        "use 20 letters or fewer",
        "content/use/category.md:1: 'category' is used by the site's own addresses: choose another file name",
    ]


def test_a_category_without_uses_and_a_missing_intro_page(make_guide):
    problems = guide_problems(make_guide({"use/care-home.md": None, "pages/use.md": None}))
    assert problems == [
        "content/pages/use.md:1: the guide needs this page: its intro is shown at /use",
        "content/use/_categories.yaml:5: category 'law' has no uses yet",
        "content/use/gym.md:10: related use 'care-home' does not exist: use another use's file name without '.md'",
    ]


def test_every_problem_is_reported_at_once(make_guide):
    broken = GYM.replace("category: fun", "category: sport").replace("verdict: depends_on_plan", "verdict: maybe")
    problems = guide_problems(make_guide({"use/gym.md": broken, "use/_categories.yaml": "categories: []\n"}))
    assert problems == [
        "content/use/_categories.yaml:1: 'categories' needs at least 1 item(s)",
        f"content/use/gym.md:5: 'verdict' must be one of: {VERDICT_LIST}",
    ]


# The council's local policy, in content/settings.yaml.

def test_local_policy_overrides_a_verdict_and_adds_a_note_with_its_date(make_guide):
    root = make_guide({"settings.yaml": with_local_policy("""
        - item: gym
          verdict: usually_yes
          note: We pay for gym membership for up to a year at a time.
          date: 2026-10-01
    """)})
    guide, problems = check_guide(root)
    assert problems == []
    gym = guide.items["gym"]
    assert (gym.verdict, gym.shown_verdict) == ("depends_on_plan", "usually_yes")
    assert gym.local.note == "We pay for gym membership for up to a year at a time."
    assert str(gym.local.date) == "2026-10-01"
    assert guide.items["care-home"].local is None


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("- item: gymm\n  note: A note.\n  date: 2026-10-01",
         f"content/settings.yaml:{POLICY}: local_policy: "
         "there is no use 'gymm' (use the file name in content/use without '.md')"),
        ("- item: gym\n  verdict: yes please\n  date: 2026-10-01",
         f"content/settings.yaml:{POLICY + 1}: local_policy: verdict must be one of: {VERDICT_LIST}"),
        ("- item: care-home\n  verdict: usually_yes\n  date: 2026-10-01",
         f"content/settings.yaml:{POLICY + 1}: local_policy: the verdict for 'care-home' is set by law, "
         "so it cannot change here: add a 'note' instead"),
        ("- item: gym\n  date: 2026-10-01",
         f"content/settings.yaml:{POLICY}: local_policy: give a 'verdict', a 'note', or both"),
        ("- item: gym\n  note: A note.\n  date: 2026-10-01\n- item: gym\n  note: Another.\n  date: 2026-10-02",
         f"content/settings.yaml:{POLICY + 3}: local_policy: 'gym' is listed twice"),
    ],
    ids=["unknown-item", "bad-verdict", "law-verdict", "empty", "twice"],
)
def test_local_policy_problems_name_the_settings_line(make_guide, policy, expected):
    assert guide_problems(make_guide({"settings.yaml": with_local_policy(policy)})) == [expected]


def test_local_policy_needs_a_date(make_site):
    root = make_site({"settings.yaml": with_local_policy("- item: gym\n  note: A note.")})
    _site, problems = check_content(root, TODAY, editorial=False)
    assert [str(p) for p in problems] == [f"content/settings.yaml:{POLICY}: missing required key 'local_policy.0.date'"]


def test_a_council_may_add_a_note_to_a_verdict_set_by_law(make_guide):
    policy = with_local_policy("- item: care-home\n  note: Ask us about short stays.\n  date: 2026-10-01")
    root = make_guide({"settings.yaml": policy})
    assert guide_problems(root) == []


def test_the_app_refuses_to_start_with_a_broken_guide(make_guide):
    root = make_guide({"settings.yaml": with_local_policy("- item: gymm\n  note: A note.\n  date: 2026-10-01")})
    with pytest.raises(ContentError, match=rf"content/settings.yaml:{POLICY}: local_policy: there is no use 'gymm'"):
        create_app({"CONTENT_DIR": root, "TESTING": True})


def test_flask_content_check_lists_guide_problems(make_guide):
    root = make_guide()
    app = create_app({"CONTENT_DIR": root, "TESTING": True})  # the app starts on a valid guide
    (root / "use" / "gym.md").write_text(GYM.lstrip().replace("category: fun", "category: sport"), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["content", "check"])  # then an editor breaks a use
    assert result.exit_code == 1
    expected = "content/use/gym.md:4: category 'sport' is not in _categories.yaml (choose one of: fun, law)\n"
    assert expected in result.stdout


def test_the_editors_check_reads_uses_like_pages(make_guide):
    """Words to avoid and long sentences are warnings in `flask content check` only, never at start-up."""
    long_sentence = "You can " + "and then also " * 10 + "go."
    root = make_guide({"use/gym.md": GYM.replace("example: Sam goes to a class.", "example: Sam utilises a class.")
                       .replace("Exercise can meet a need.", long_sentence)})
    assert check_guide(root)[1] == []
    problems = [str(p) for p in check_guide(root, editorial=True)[1]]
    assert problems == [
        "content/use/gym.md:7: warning: 'utilises': say 'use' instead",
        "content/use/gym.md:18: warning: sentence of 33 words (over 25): split it into shorter ones: "
        "'You can and then also and…'",
    ]


# "Not usually allowed": the support plan and the council's agreement decide, so a council can change it.

NOT_USUALLY = GYM.replace("verdict: depends_on_plan", "verdict: not_usually")


def test_a_not_usually_verdict_needs_no_law_citation_and_a_council_can_change_it(make_guide):
    no_law = NOT_USUALLY.replace("https://www.legislation.gov.uk/ukpga/2014/23/section/33", "https://www.example.org/agreement")
    root = make_guide({"use/gym.md": no_law, "settings.yaml": with_local_policy("""
        - item: gym
          verdict: ask_council
          note: We agree to this when your plan says it meets a need.
          date: 2026-10-01
    """)})
    guide, problems = check_guide(root)
    assert problems == []
    assert (guide.items["gym"].verdict, guide.items["gym"].shown_verdict) == ("not_usually", "ask_council")


def test_a_council_can_give_a_use_the_not_usually_verdict(make_guide):
    root = make_guide({"settings.yaml": with_local_policy("""
        - item: gym
          verdict: not_usually
          date: 2026-10-01
    """)})
    guide, problems = check_guide(root)
    assert problems == [] and guide.items["gym"].shown_verdict == "not_usually"


# Figures in a use are filled in, as on pages: a token is never published as text.

def test_figures_in_a_use_are_filled_in_and_cite_their_source(make_guide):
    summary = "summary: 'Under [figure: capital_upper_limit] it depends.'"
    with_figure = GYM.replace("summary: It depends on your support plan.", summary)
    body = "Until [figure period: capital_upper_limit], exercise can meet a need."
    with_figure = with_figure.replace("Exercise can meet a need.", body)
    root = make_guide({"use/gym.md": with_figure})
    loaded = read_content(root, TODAY, editorial=False)
    assert loaded.problems == []
    gym = loaded.site.uses.items["gym"]
    figure = loaded.site.settings.figures["capital_upper_limit"]
    assert gym.summary == f"Under {figure.shown()} it depends."
    assert f"Until {figure.period()}, exercise" in gym.reason_html
    assert "[figure" not in gym.summary + gym.reason_html
    assert figure.source_url in [source.url for source in gym.sources]


def test_an_unknown_figure_in_a_use_is_an_error_on_its_line(make_guide):
    broken = GYM.replace("  - Does your plan say so?", "  - 'Is it under [figure: gym_price]?'")
    problems = guide_problems(make_guide({"use/gym.md": broken}))
    line = broken.lstrip("\n").splitlines().index("  - 'Is it under [figure: gym_price]?'") + 1
    assert len(problems) == 1 and problems[0].startswith(f"content/use/gym.md:{line}: unknown figure 'gym_price'")
