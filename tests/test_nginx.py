"""deploy/nginx.conf, really run: nginx from the system's packages in front of two gunicorn instances.

Checks the micro-cache (content pages only), the files nginx sends itself, the security headers on
everything nginx makes, 413 and 429 with our kind pages, and failover: one instance killed with
SIGKILL in the middle of a load loses no request, and explainer answers carry on on the other.
`make test` installs nginx (root + apt); without it these tests cannot run and say so.
"""

from __future__ import annotations

import re
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from app.security import HEADERS
from bench import nginxconf, servers
from bench.client import Client, options_on, question_id_from, walk_explainer
from bench.slow_clients import ordinary_request_seconds, slow_clients
from tests.html import one

pytestmark = pytest.mark.usefixtures("nginx_installed")



@pytest.fixture(scope="module")
def prod_app():
    """The app as the servers run it (real content, production settings), for rendering the config."""
    return servers.production_app()


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory):
    folder = tmp_path_factory.mktemp("instances")
    env = servers.app_env(**servers.BEHIND_NGINX)
    with servers.gunicorn(folder / "a.log", env=env) as a, servers.gunicorn(folder / "b.log", env=env) as b:
        yield a, b


@pytest.fixture(scope="module")
def proxy(prod_app, two_instances, tmp_path_factory):
    with servers.nginx(prod_app, tmp_path_factory.mktemp("nginx"), [s.address for s in two_instances],
                       **nginxconf.UNLIMITED) as server:
        yield server


def app_hits(instances, path: str) -> int:
    """How many requests for ``path`` reached the app instances (from gunicorn's access logs)."""
    time.sleep(0.3)  # gunicorn writes the line just after the response has gone
    return sum(len(re.findall(rf'"[A-Z]+ {re.escape(path)}" ', s.log.read_text())) for s in instances)


def assert_full_set(reply, what: str) -> None:
    for name, value in HEADERS.items():
        values = [v for k, v in reply.headers if k.lower() == name.lower()]
        assert values == [value], (what, name, values)


def test_the_rendered_config_is_valid(prod_app, tmp_path):
    config = nginxconf.prepare(prod_app, tmp_path, listen="127.0.0.1:9", upstreams=["127.0.0.1:10"])
    text = config.read_text()
    assert not re.search(r"@[A-Z_]+@", text + (tmp_path / "errors.conf").read_text()), "a placeholder was left"
    result = subprocess.run([servers.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config), "-e", "stderr"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"client_max_body_size {64 * 1024};" in text
    errors = (tmp_path / "errors.conf").read_text()
    assert text.count("include ") == 2 + 1  # errors.conf in both servers, and mime.types
    for name in HEADERS:
        assert text.count(f"add_header {name} ") == 1  # static files
        assert errors.count(f"add_header {name} ") == 2  # nginx's own error pages, its 405 with Allow
    assert "server_name localhost;" in text  # SITE_URL's host only: no "_" in the server that answers


def test_content_pages_come_from_the_micro_cache(proxy, two_instances):
    client = Client(proxy.port)
    before = app_hits(two_instances, "/contact")
    for _ in range(5):
        reply = client.get("/contact")
        assert reply.status == 200
        assert_full_set(reply, "cached page")
    assert app_hits(two_instances, "/contact") - before <= 1


# gunicorn logs every explainer address as "/check/*" (app/server_log.py).
@pytest.mark.parametrize(("path", "logged_as"), [
    ("/check", "/check/*"), ("/check/cleared", "/check/*"), ("/healthz", "/healthz"), ("/pl/check", "/check/*"),
])
def test_explainer_and_private_pages_are_never_cached(proxy, two_instances, path, logged_as):
    before = app_hits(two_instances, logged_as)
    for _ in range(3):
        assert Client(proxy.port).get(path).status == 200
    assert app_hits(two_instances, logged_as) - before == 3


def test_a_query_is_never_cached(proxy, two_instances):
    before = app_hits(two_instances, "/cookies")
    for _ in range(3):
        assert Client(proxy.port).get("/cookies?q=my+name").status == 200
    assert app_hits(two_instances, "/cookies") - before == 3  # gunicorn logs the path without the query


def test_nginx_sends_the_precompressed_assets_itself(proxy, two_instances, prod_app):
    for asset in (prod_app.extensions["dp_stylesheet"], prod_app.extensions["dp_icon"]):
        url = f"/assets/{asset.name}"
        for encoding, body in (("br", asset.br), ("gzip", asset.gzip), (None, asset.identity)):
            reply = Client(proxy.port).get(url, headers={"Accept-Encoding": encoding} if encoding else {})
            assert (reply.status, reply.header("Content-Encoding"), reply.body) == (200, encoding, body)
            assert reply.header("Cache-Control") == "public, max-age=31536000, immutable"
            assert_full_set(reply, url)
        assert app_hits(two_instances, url) == 0
    missing = Client(proxy.port).get("/assets/app.000000000000.css")
    assert missing.status == 404 and b"Page not found" in missing.body  # the app's kind page


def test_oversized_body_gets_413_with_our_page(proxy):
    reply = Client(proxy.port).post("/check/who", {"who": "x" * 100_000})
    assert reply.status == 413
    assert b"Sorry, that was too much to send" in reply.body
    assert_full_set(reply, "413")


@pytest.mark.parametrize(("path", "headers", "status"), [
    ("/" + "a" * 10_000, {}, 414),                    # longer than any address of ours
    ("/contact", {"Cookie": "x" * 20_000}, 400),     # a huge cookie
])
def test_requests_nginx_refuses_get_our_page(proxy, path, headers, status):
    reply = Client(proxy.port).get(path, headers=headers)
    assert reply.status == status
    assert b"Sorry, there is a problem with that request" in reply.body
    assert_full_set(reply, str(status))


def flood(send, limit: int = 3000) -> list:
    """Send requests as fast as one client can until nginx starts refusing (and a few more)."""
    replies = []
    while len(replies) < limit and sum(reply.status == 429 for reply in replies) < 20:
        replies.append(send())
    return replies


def test_floods_get_429_with_our_page_never_500(prod_app, two_instances, tmp_path):
    """The production limits (bench/nginxconf.py): pages 20/s with a burst of 100; answers 5/s, burst 20."""
    with servers.nginx(prod_app, tmp_path, [s.address for s in two_instances]) as limited:
        pages = flood(lambda: Client(limited.port).get("/contact"))
        assert {reply.status for reply in pages} == {200, 429}
        # The burst is honoured (less the one start-up health check).
        assert [reply.status for reply in pages].index(429) >= nginxconf.PAGE_BURST
        refused = next(reply for reply in pages if reply.status == 429)
        assert b"Sorry, there have been too many requests" in refused.body
        assert_full_set(refused, "429")
        time.sleep(1)  # a second later a person gets through again
        assert Client(limited.port).get("/contact").status == 200
        polish = flood(lambda: Client(limited.port).get("/pl/contact"))
        assert one(next(reply.body for reply in polish if reply.status == 429), "html")["lang"] == "pl"

    with servers.nginx(prod_app, tmp_path / "forms", [s.address for s in two_instances]) as limited:
        answers = flood(lambda: Client(limited.port).post("/check/who", {"who": "myself"}))
        assert {reply.status for reply in answers} == {303, 429}
        assert [reply.status for reply in answers].index(429) >= nginxconf.FORM_BURST


def wait_until(condition, timeout: float = 40) -> None:
    """Wait for the load to get somewhere, however busy the machine is (bounded in time)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the load did not get going"
        time.sleep(0.05)


def test_killing_one_instance_mid_load_loses_no_request(prod_app, tmp_path):
    """anchors-quality.md B10: GETs and explainer POSTs, SIGKILL to one of two instances, zero failures."""
    env = servers.app_env(**servers.BEHIND_NGINX)
    with servers.gunicorn(tmp_path / "a.log", env=env) as a, servers.gunicorn(tmp_path / "b.log", env=env) as b, \
            servers.nginx(prod_app, tmp_path / "nginx", [a.address, b.address], **nginxconf.UNLIMITED) as proxy:
        # A person starts the explainer on instance A ...
        person = Client(a.port)
        first = question_id_from(person.get("/check").body)
        answered = person.post(f"/check/{first}", {first: options_on(person.get(f"/check/{first}").body, first)[0]})
        assert answered.status == 303

        failures: list[str] = []
        answered_at: list[float] = []  # when each request got its answer
        walks_done: list[float] = []
        stop = threading.Event()

        class Timed(Client):
            def request(self, *args, **kwargs):
                reply = super().request(*args, **kwargs)
                answered_at.append(time.monotonic())
                return reply

        def visitor() -> None:
            while not stop.is_set():
                try:
                    walk_explainer(Timed(proxy.port))  # every GET and POST of a whole walk, checked
                    for path in ("/healthz", f"/contact?n={len(answered_at)}"):  # neither from the cache
                        reply = Timed(proxy.port).get(path)
                        assert reply.status == 200, (path, reply.status)
                    walks_done.append(time.monotonic())
                except Exception as error:
                    failures.append(repr(error))

        threads = [threading.Thread(target=visitor) for _ in range(6)]
        for thread in threads:
            thread.start()
        try:
            wait_until(lambda: len(answered_at) >= 60)  # well into the load ...
            killed_at = time.monotonic()
            a.kill()  # ... a crash
            wait_until(lambda: sum(t > killed_at for t in walks_done) >= 6
                       and sum(t > killed_at + 0.5 for t in answered_at) > 50)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=30)

        # ... and finishes it through nginx, on instance B: the cookie is all the state there is.
        person.port = proxy.port
        rest = walk_explainer(person, start=answered.location)
        assert rest[-1][1].status == 200 and rest[-1][0] == "/check/result"

    assert failures == []
    assert sum(t > killed_at + 0.5 for t in answered_at) > 50
    assert sum(t > killed_at for t in walks_done) >= 6  # whole walks went on after the crash
    served_by = {s.address: len(Path(s.log).read_text().splitlines()) for s in (a, b)}
    assert all(count > 20 for count in served_by.values()), served_by  # both really served
    print(f"failover: {len(answered_at)} requests, {len(walks_done)} whole walks, "
          f"{sum(t > killed_at for t in answered_at)} after the kill, 0 failed")  # for README "Measured"


def raw_exchange(port: int, request: bytes) -> bytes:
    """Send bytes as they are (no client library tidying them up) and read until nginx closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass  # 444: closed without an answer
    return received


def test_a_host_that_is_not_the_site_gets_no_answer(proxy):
    for host in ("evil.example", "localhost.evil.example", "127.0.0.1.evil.example"):
        request = f"GET /robots.txt HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        assert raw_exchange(proxy.port, request) == b"", host
    assert Client(proxy.port).get("/robots.txt").status == 200  # 127.0.0.1: a loopback name of the test


@pytest.mark.parametrize(("request_line", "headers", "status", "allow"), [
    ("TRACE / HTTP/1.1", "", 405, "GET, HEAD, OPTIONS"),                 # refused by nginx itself
    ("POST /assets/{css} HTTP/1.1", "Content-Length: 0\r\n", 405, None),  # a file: the app answers
    ("POST /check/who HTTP/1.1", "Transfer-Encoding: gzip, chunked\r\n", 501, None),
    ("GET / HTTP/3.0", "", 505, None),
    ("GET / HTTP/1.1", "Host: evil.example\r\n", 400, None),                # two Host headers
])
def test_errors_nginx_makes_itself_carry_our_page_and_headers(proxy, prod_app, request_line, headers, status, allow):
    css = prod_app.extensions["dp_stylesheet"].name
    request = f"{request_line.format(css=css)}\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n".encode()
    head, _, body = raw_exchange(proxy.port, request).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].split(" ")[1] == str(status), lines[0]
    found = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines[1:])}
    for name, value in HEADERS.items():
        assert found.get(name.lower()) == value, (request_line, name)
    assert b"Sorry" in body and b"<html" in body
    if status == 405:
        methods = {method.strip() for method in found["allow"].split(",")}
        assert methods == {"GET", "HEAD", "OPTIONS"} if allow else "GET" in methods


def test_refused_searches_leave_their_query_in_no_log(prod_app, two_instances, tmp_path):
    """Searches refused for flooding (429, at "warn" nginx logged every one with its query) or for
    their size (413): the query reaches no log, nginx's or the app's."""
    marker = "sentinel-query-" + "x" * 20
    tight = {"page_rate": 1, "page_burst": 5, "form_rate": 1, "form_burst": 5}  # refused soon, however slow
    with servers.nginx(prod_app, tmp_path, [s.address for s in two_instances], **tight) as limited:
        replies = flood(lambda: Client(limited.port).get(f"/search?q={marker}"))
        assert 429 in {reply.status for reply in replies}
        assert Client(limited.port).post(f"/search?q={marker}", {"x": "y" * 100_000}).status in (413, 429)
        time.sleep(1.5)  # the access log is flushed every second
    logs = {path.name: path.read_text(errors="replace") for path in tmp_path.glob("*.log")}
    logs.update({s.log.name: s.log.read_text() for s in two_instances})
    for name, text in logs.items():
        assert marker not in text, name
    assert '"GET /search" 429 ' in logs["access.log"]
    assert logs["error.log"] == ""  # request errors are logged from "crit" only


def test_an_explainer_walk_is_logged_as_the_explainer_only(proxy):
    walk = walk_explainer(Client(proxy.port))
    time.sleep(1.5)  # the access log is flushed every second
    access = (proxy.log.parent / "access.log").read_text()
    explainer = [line for line in access.splitlines() if "/check" in line]
    assert len(explainer) >= len(walk)
    assert all(re.fullmatch(r'- \[[^\]]+\] "(GET|POST) /check/\*" \d{3}', line) for line in explainer), explainer[:3]


def test_slow_clients_never_hold_the_app(proxy, two_instances):
    """Many more half-sent requests than the two instances have workers (4): nginx holds them all, and
    an ordinary request is still answered at once. Bare gunicorn is stopped by as many slow clients as it
    has workers (python -m bench.slow_clients), which is why it is shipped only behind nginx."""
    workers = sum(len(s.worker_pids()) for s in two_instances)
    with slow_clients(proxy.port, 25 * workers):
        seconds = ordinary_request_seconds(proxy.port, timeout=10)
    assert seconds is not None and seconds < 2
