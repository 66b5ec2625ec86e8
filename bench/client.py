"""A tiny HTTP client for loopback runs: one connection per request, the answers cookie kept by hand.

The answers cookie is ``Secure`` in production, so a normal cookie jar would not send it
over loopback HTTP; browsers on HTTPS would.
"""

from __future__ import annotations

import http.client
import re
import urllib.parse
from dataclasses import dataclass, field


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    @property
    def location(self) -> str:
        return urllib.parse.urlsplit(self.header("Location") or "").path


@dataclass
class Client:
    port: int
    cookie: str | None = None  # "name=value" of the answers cookie, as a browser would send it
    sent_urls: list[str] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        all_headers = {"Sec-Fetch-Site": "same-origin", **(headers or {})}
        if self.cookie:
            all_headers["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.getheaders(), response.read())
        finally:
            connection.close()
        self.sent_urls.append(path)
        self.replies.append(reply)
        for key, value in reply.headers:
            if key.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                self.cookie = pair if pair.split("=", 1)[1] else None  # an empty value deletes it
        return reply

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict[str, str], **kwargs) -> Reply:
        return self.request("POST", path, form=form, **kwargs)


def options_on(page: bytes, question_id: str) -> list[str]:
    """The answer values a question page offers, in order."""
    pattern = rf'name="{re.escape(question_id)}"[^>]*value="([^"]+)"'.encode()
    return [value.decode() for value in re.findall(pattern, page)]


def walk_explainer(client, *, pick: int = 0, extra_form: dict[str, str] | None = None,
                   headers: dict[str, str] | None = None, start: str | None = None, prefix: str = "",
                   max_steps: int = 40) -> list[tuple[str, Reply]]:
    """Answer every question (the ``pick``-th option, or the last) up to the result page, from the
    first question or from ``start`` (a question's path, to carry on a walk begun elsewhere), in the
    language whose URL prefix is ``prefix`` ("/pl"; English by default).

    ``client`` is a ``Client`` or anything with the same ``get`` and ``post`` (tests adapt Flask's
    test client). Returns every (path, reply), for tests to inspect.
    """
    seen: list[tuple[str, Reply]] = []

    def send(method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        reply = client.get(path, headers=headers) if method == "GET" else client.post(path, form, headers=headers)
        seen.append((path, reply))
        return reply

    path = start or f"{prefix}/check/" + question_id_from(send("GET", f"{prefix}/check").body)
    for _ in range(max_steps):
        question_id = path.rsplit("/", 1)[1]
        page = send("GET", path)
        assert page.status == 200, (path, page.status)
        values = options_on(page.body, question_id)
        answered = send("POST", path, {question_id: values[min(pick, len(values) - 1)], **(extra_form or {})})
        assert answered.status == 303, (path, answered.status)
        path = answered.location
        if path.endswith("/check/answers"):
            break
    for path in (f"{prefix}/check/answers", f"{prefix}/check/result"):
        assert send("GET", path).status == 200, path
    return seen


def question_id_from(start_page: bytes) -> str:
    """The first question, from the start page's "Start now" link."""
    match = re.search(rb'href="(?:/[a-z]{2})?/check/([a-z0-9_-]+)"', start_page)
    assert match, "no link to the first question on /check"
    return match[1].decode()


class InProcess:
    """Flask's test client with ``Client``'s get and post, so the same walk runs without a server."""

    def __init__(self, flask_client):
        self.flask_client = flask_client

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return self._reply(self.flask_client.get(path, headers=headers or {}))

    def post(self, path: str, form: dict[str, str], headers: dict[str, str] | None = None) -> Reply:
        all_headers = {"Sec-Fetch-Site": "same-origin", **(headers or {})}
        return self._reply(self.flask_client.post(path, data=form, headers=all_headers))

    @staticmethod
    def _reply(response) -> Reply:
        return Reply(response.status_code, list(response.headers.items()), response.get_data())
