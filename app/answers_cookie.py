"""The explainer's answers, kept only in the person's browser.

Answers are special category (health) data, so they are never stored on the
server, put in a URL or logged (design.md, "Explainer state"). Between steps they
live in one cookie that is:

- encrypted and authenticated (Fernet: AES-128-CBC with HMAC-SHA256), so nobody
  can read or change it, including anyone sharing the laptop;
- session-only (no expiry date: the browser deletes it when it closes), HttpOnly,
  SameSite=Lax, and ``__Host-`` prefixed and Secure over HTTPS;
- idle-limited: each response re-encrypts it with a fresh timestamp, and a token
  older than the idle limit is refused, which ends in a kind "answers cleared"
  page rather than an error.

Any instance with the same secret key can read it: no sticky sessions.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from enum import Enum

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask, Request, Response, current_app

MAX_TOKEN_LENGTH = 3800  # browsers keep at least 4096 bytes per cookie


class Status(Enum):
    NONE = "none"  # no cookie: the person has not started, or cleared their answers
    OK = "ok"
    EXPIRED = "expired"  # genuine, but idle for longer than the limit
    INVALID = "invalid"  # tampered, from another key, or not ours


@dataclass
class State:
    """What the explainer remembers: who is answering and the answers so far."""

    voice: str | None = None  # "self" or "other" (answering for someone else)
    answers: dict[str, str | list[str]] = field(default_factory=dict)
    status: Status = Status.NONE

    def to_json(self) -> bytes:
        return json.dumps({"v": self.voice, "a": self.answers}, separators=(",", ":")).encode()


def cookie_name(app: Flask) -> str:
    # The __Host- prefix makes the browser refuse the cookie unless it is Secure, Path=/ and host-only.
    return "__Host-dp_answers" if app.config["SESSION_COOKIE_SECURE"] else "dp_answers"


def _fernet(app: Flask) -> Fernet:
    cached = app.extensions.get("dp_fernet")
    if cached is None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"dp-guide answers cookie v1").derive(
            app.config["SECRET_KEY"].encode()
        )
        cached = app.extensions["dp_fernet"] = Fernet(base64.urlsafe_b64encode(key))
    return cached


def read(request: Request) -> State:
    app = current_app._get_current_object()
    token = request.cookies.get(cookie_name(app))
    if not token:
        return State()
    fernet = _fernet(app)
    idle_seconds = app.config["EXPLAINER_IDLE_MINUTES"] * 60
    try:
        data = json.loads(fernet.decrypt(token.encode(), ttl=idle_seconds))
    except InvalidToken:
        try:
            fernet.extract_timestamp(token.encode())  # authentic but too old
            return State(status=Status.EXPIRED)
        except InvalidToken:
            return State(status=Status.INVALID)
    except ValueError:
        return State(status=Status.INVALID)
    if not isinstance(data, dict) or not isinstance(data.get("a"), dict):
        return State(status=Status.INVALID)
    voice = data.get("v") if data.get("v") in ("self", "other") else None
    return State(voice=voice, answers=data["a"], status=Status.OK)


def write(response: Response, state: State) -> None:
    app = current_app._get_current_object()
    token = _fernet(app).encrypt(state.to_json()).decode()
    if len(token) > MAX_TOKEN_LENGTH:
        raise ValueError("answers cookie too large")  # cannot happen with the flow's own answers
    response.set_cookie(
        cookie_name(app),
        token,
        secure=app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
        path="/",
    )


def clear(response: Response) -> None:
    app = current_app._get_current_object()
    response.delete_cookie(
        cookie_name(app), path="/", secure=app.config["SESSION_COOKIE_SECURE"], httponly=True, samesite="Lax"
    )
