"""gunicorn's logger (app/server_log.py): nothing a client sends can forge a line, carry a query into
the log, or show the route through the explainer; gunicorn's own errors lose their tracebacks."""

from __future__ import annotations

import logging

import pytest
from gunicorn.config import Config

from app.server_log import PrivateLogger, loggable_path, scrubbed


@pytest.mark.parametrize(("raw", "logged"), [
    ("/about?q=my+diagnosis", "/about"),
    ("/pl/%0d%0a1.2.3.4 \"GET /x\" 200", "/pl/%0d%0a1.2.3.4\\x20\\x22GET\\x20/x\\x22\\x20200"),
    ("/a\r\nforged", "/a\\x0d\\x0aforged"),
    ("/check/result", "/check/*"),
    ("/pl/check/carer_impact", "/check/*"),
    ("//ur//check", "/check/*"),
    ("/%63heck/who", "/check/*"),
    ("/check", "/check/*"),
    ("/checklist", "/checklist"),
])
def test_a_path_is_logged_escaped_without_its_query_and_the_explainer_collapsed(raw, logged):
    assert loggable_path(raw) == logged


def test_server_messages_lose_queries_and_line_breaks():
    message = scrubbed("Invalid request from ip=%s: Invalid HTTP Version '%s'",
                       ("1.2.3.4", "GET /search?q=pay my wife\r\nX"))
    assert "pay" not in message and "wife" not in message and "\n" not in message and "\r" not in message
    assert message == "Invalid request from ip=1.2.3.4: Invalid HTTP Version 'GET /search?...'"


def test_an_exception_is_logged_as_its_type_only(caplog):
    logger = PrivateLogger(Config())
    logger.error_log.propagate = True
    with caplog.at_level(logging.DEBUG, logger="gunicorn.error"):
        try:
            raise KeyError("my answers: dementia")
        except KeyError:
            logger.exception("Error handling request %s %s", "POST", "/pl/check/carer_impact?x=secret")
    assert caplog.messages == ["Error handling request POST /check/*?...: KeyError"]
    assert all(record.exc_info is None for record in caplog.records)
