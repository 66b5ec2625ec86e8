"""The Care Act eligibility explainer: one question per page, Post/Redirect/Get.

This module only moves between pages. What to ask next and what the answers
mean is decided by the pure engine in ``app/eligibility``; the words come from
``content/explainer/<lang>.yaml``; the answers live only in the encrypted cookie
(``app/answers_cookie.py``). Every response here is ``no-store``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from markupsafe import Markup

from .. import answers_cookie
from ..answers_cookie import State, Status
from ..content import Site
from ..content.languages import DEFAULT
from ..eligibility import (
    Flow,
    Wording,
    clean_answers,
    decide,
    next_question,
    progress,
    route,
    voice_for,
)
from ..i18n import current_language, isolate
from ..question_forms import answer_from, build_form
from ..web import current_site, is_cross_site

bp = Blueprint("explainer", __name__, url_prefix="/check")

@dataclass(frozen=True)
class Words:
    wording: Wording
    is_fallback: bool  # English wording shown because this language has none yet
    is_draft: bool = False  # a translation not yet checked by a fluent speaker


def translation_status(wording: Wording) -> str:
    meta = wording.data.get("translation")
    return meta.get("status", "draft") if isinstance(meta, dict) else "draft"


def flow() -> Flow:
    return current_app.extensions["dp_flow"]


def words() -> Words:
    wordings: dict[str, Wording] = current_app.extensions["dp_wording"]
    lang = current_language().code
    if lang in wordings:
        return Words(wordings[lang], False, lang != DEFAULT and translation_status(wordings[lang]) != "reviewed")
    return Words(wordings[DEFAULT], True)


def go(endpoint: str, **values) -> Response:
    return redirect(url_for(endpoint, **values), code=303)


def read_state() -> State:
    return answers_cookie.read(request)


@bp.after_request
def never_store(response: Response) -> Response:
    # Pages here can show health information: no browser or proxy may keep a copy.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("")
def start() -> Response:
    found = current_site().find("check", current_language().code)
    if found is None:
        abort(404)
    state = read_state()
    in_progress = state.status is Status.OK and bool(state.answers)
    return make_response(
        render_template(
            "explainer/start.html",
            page=found.page,
            is_fallback=found.is_fallback,
            first=flow().start,
            resume=in_progress,
        )
    )


@bp.route("/<question_id>", methods=["GET", "POST"])
def question(question_id: str) -> Response:
    the_flow = flow()
    if question_id not in the_flow.questions:
        abort(404)
    state = read_state()
    if state.status in (Status.EXPIRED, Status.INVALID):
        return go("explainer.expired")
    answers = clean_answers(the_flow, state.answers)
    if question_id not in route(the_flow, answers):
        return go_to_next(answers)  # skipped ahead, or a question no longer on this route
    q = the_flow.questions[question_id]
    text = words()
    voice = voice_for(the_flow, answers)
    question_words = text.wording.question(question_id, voice)

    if request.method == "POST":
        if is_cross_site():
            form = build_form(q, question_words, saved=answers.get(question_id))
            return render_question(q, question_words, form, answers, text, status=403, refused=True)
        form = build_form(q, question_words, formdata=request.form)
        if not form.validate():
            return render_question(q, question_words, form, answers, text, status=400)
        answers[question_id] = answer_from(form, q)
        answers = clean_answers(the_flow, answers)
        response = go_to_next(answers)
        answers_cookie.write(response, State(answers=_storable(answers)))
        return response

    form = build_form(q, question_words, saved=answers.get(question_id))
    return kept_alive(render_question(q, question_words, form, answers, text), answers)


def kept_alive(response: Response, answers: dict) -> Response:
    """Re-seal the answers with a fresh time, so the idle limit counts from this page view.

    Reading counts as using: someone who spends an hour on their result, or on "Check your
    answers", must not find the answers gone on their next click. Only pages that already
    show the answers do this, and only when there are some: no cookie is ever set by a visit
    alone."""
    if answers:
        answers_cookie.write(response, State(answers=_storable(answers)))
    return response


def go_to_next(answers: dict) -> Response:
    following = next_question(flow(), answers)
    return go("explainer.check_answers") if following is None else go("explainer.question", question_id=following)


def _storable(answers: dict) -> dict:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in answers.items()}


def render_question(
    q, question_words, form, answers, text: Words, status: int = 200, refused: bool = False
) -> Response:
    the_flow = flow()
    on_route = route(the_flow, answers)
    position, total = progress(the_flow, answers, q.id)
    index = on_route.index(q.id)
    back = url_for("explainer.question", question_id=on_route[index - 1]) if index else url_for("explainer.start")
    body = render_template(
        "explainer/question.html",
        question=q,
        words=question_words,
        form=form,
        field=form[q.id],
        position=position,
        total=total,
        back_url=back,
        refused=refused,
        is_fallback=text.is_fallback,
        is_draft=text.is_draft,
        voice=voice_for(the_flow, answers),
        has_answers=bool(answers),
    )
    return make_response(body, status)


def summary_rows(answers: dict, text: Words) -> list[dict]:
    """One row per answered question on the route, for check answers and the printed result."""
    the_flow = flow()
    voice = voice_for(the_flow, answers)
    rows = []
    for qid in route(the_flow, answers):
        if qid not in answers:
            continue
        question_words = text.wording.question(qid, voice)
        value = answers[qid]
        values = value if isinstance(value, tuple | list) else (value,)
        rows.append(
            {
                "id": qid,
                "question": isolate(question_words.text),
                "short": question_words.short,
                "answers": Markup("<br>").join(isolate(question_words.options[v].label) for v in values),
                # The handover for an assessment shows the legal test behind each answer.
                "note": isolate(question_words.practitioner_note),
            }
        )
    return rows


def completed_answers() -> tuple[dict | None, Response | None]:
    """The answers if the route is complete; otherwise the redirect to where the person should be."""
    state = read_state()
    if state.status in (Status.EXPIRED, Status.INVALID):
        return None, go("explainer.expired")
    answers = clean_answers(flow(), state.answers)
    if next_question(flow(), answers) is not None:
        return None, go_to_next(answers)
    return answers, None


@bp.get("/answers")
def check_answers() -> Response:
    answers, elsewhere = completed_answers()
    if elsewhere:
        return elsewhere
    text = words()
    last = route(flow(), answers)[-1]
    return kept_alive(make_response(
        render_template(
            "explainer/check_answers.html",
            rows=summary_rows(answers, text),
            back_url=url_for("explainer.question", question_id=last),
            is_fallback=text.is_fallback,
            is_draft=text.is_draft,
            voice=voice_for(flow(), answers),
        )
    ), answers)


@bp.get("/result")
def result() -> Response:
    answers, elsewhere = completed_answers()
    if elsewhere:
        return elsewhere
    the_flow = flow()
    text = words()
    voice = voice_for(the_flow, answers)
    decision = decide(the_flow, answers)
    result_kind = the_flow.results[decision.result].kind  # "assessed" or "routed"
    # More on what happens next is an ordinary content page, so editors can change and translate
    # it. It is written for adults and carers, so routed results (children's services) do not
    # link to it; their own next steps come with the result.
    more = current_site().find("after-you-check", current_language().code) if result_kind == "assessed" else None
    # Three groups on the page: why (the legal conditions, and information that explains
    # them), the person's rights, and what to do next. The flow guarantees every result has
    # rights and next steps (see INFO_ROLES in app/eligibility/model.py).
    groups: dict[str, list[dict]] = {"why": [], "rights": [], "next": []}
    for reason in decision.reasons:
        outcome_names = [isolate(text.wording.question(qid, voice).short) for qid in reason.outcomes]
        unsure_names = [isolate(text.wording.question(qid, voice).short) for qid in reason.unsure]
        group = {"free_assessment": "rights", "council_decides": "rights", "next_step": "next"}.get(reason.role, "why")
        groups[group].append(
            {
                "status": reason.status,
                "role": reason.role,
                "text": isolate(text.wording.reason(reason.id, voice).text),
                "outcomes": outcome_names,
                "unsure": unsure_names,
                "cites": [cite_link(the_flow, c) for c in reason.cites],
            }
        )
    rows = summary_rows(answers, text)
    return kept_alive(make_response(
        render_template(
            "explainer/result.html",
            decision=decision,
            result_kind=result_kind,
            result_words=text.wording.result(decision.result, voice),
            reasons=groups["why"],
            rights=groups["rights"],
            next_steps=groups["next"],
            checked_on=format_date(today_in_england(), format="d MMMM y"),  # "4 December 2026", not US order
            cites=[cite_link(the_flow, c) for c in decision.cites],
            rows=rows,
            more=more.page if more else None,
            more_fallback=bool(more and more.is_fallback),
            back_url=url_for("explainer.check_answers"),
            is_fallback=text.is_fallback,
            is_draft=text.is_draft,
            voice=voice,
        )
    ), answers)


def today_in_england() -> dt.date:
    """The date on a printed result: the council's date, not the server's (which may run on UTC)."""
    try:
        return dt.datetime.now(ZoneInfo("Europe/London")).date()
    except ZoneInfoNotFoundError:  # a system with no time zone data: UTC is at most an hour out
        return dt.datetime.now(dt.UTC).date()


def cite_link(the_flow: Flow, cite: str) -> dict:
    """A citation with a link to the law it names (the longest matching source key wins)."""
    matches = [key for key in the_flow.sources if cite.startswith(key)]
    source = the_flow.sources[max(matches, key=len)] if matches else None
    return {"text": cite, "url": source.url if source else None}


@bp.post("/clear")
def clear() -> Response:
    if is_cross_site():
        abort(403)
    response = go("explainer.cleared")
    answers_cookie.clear(response)
    return response


@bp.get("/cleared")
def cleared() -> Response:
    return make_response(render_template("explainer/cleared.html", reason="cleared"))


@bp.get("/expired")
def expired() -> Response:
    response = make_response(render_template("explainer/cleared.html", reason="expired"))
    if request.cookies.get(answers_cookie.cookie_name(current_app)):
        answers_cookie.clear(response)
    return response


def init_app(app: Flask, site: Site) -> None:
    # Read and checked against the flow by the one content load (app/load.py), with the rest of the content.
    app.extensions["dp_flow"] = site.flow
    app.extensions["dp_wording"] = dict(site.wording)
    app.register_blueprint(bp)
