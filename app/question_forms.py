"""WTForms forms built from the explainer's questions: one field, named after the question.

The flow decides which values are valid (``normalise_answer``), so a tampered,
repeated or unknown value gets the question's own kind error message, in the
page's language, and never reaches the answers.
"""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict
from wtforms import Form, RadioField, SelectChoice, SelectMultipleField, ValidationError

from .eligibility import Question, QuestionWording, normalise_answer


def build_form(
    question: Question, words: QuestionWording, formdata: MultiDict | None = None, saved: Any = None
) -> Form:
    choices = [SelectChoice(value, words.options[value].label) for value in question.options]

    def valid_answer(form: Form, field) -> None:
        raw = formdata.getlist(question.id) if formdata is not None else field.data
        if question.kind == "radios":
            # Two values for a one-answer question is not an answer we can trust.
            value = raw[0] if isinstance(raw, list) and len(raw) == 1 else (raw if isinstance(raw, str) else None)
        else:
            value = list(raw or [])
        if normalise_answer(question, value) is None:
            raise ValidationError(words.error)

    field_class = RadioField if question.kind == "radios" else SelectMultipleField
    field = field_class(choices=choices, validators=[valid_answer], validate_choice=False)
    form_class = type("QuestionForm", (Form,), {question.id: field})
    data = {question.id: list(saved) if isinstance(saved, tuple) else saved} if saved is not None else None
    return form_class(formdata=formdata, data=data)


def answer_from(form: Form, question: Question) -> Any:
    value = form[question.id].data
    return normalise_answer(question, value)
